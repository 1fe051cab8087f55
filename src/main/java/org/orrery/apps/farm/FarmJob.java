package org.orrery.apps.farm;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.orrery.apps.common.TestImageFiles;
import org.orrery.io.AtomicFile;
import org.orrery.io.IoFailures;
import org.orrery.model.UserError;
import org.orrery.parallel.Comm;
import org.orrery.parallel.RankTimes;
import org.orrery.parallel.StopSignals;
import org.orrery.physics.image.TestImageSet;
import org.orrery.sim.TaskFarm;

/**
 * The farm job on every rank: (activity run) make the images if absent → rank 0 lists the inputs, checks the outputs
 * and finds what --resume can reuse → every rank agrees → the {@link TaskFarm} processes the rest, each rank reading
 * its own files → rank 0 assembles the rows in input order. No printing: {@link Events} tells the caller what happens,
 * on rank 0.
 */
public final class FarmJob {
    private FarmJob() {}

    /** What the job reports while it runs (rank 0 only); every method does nothing by default. */
    public interface Events {
        /** The activity's images are missing: {@code missing} of them are about to be generated. */
        default void generating(long missing, TestImageSet set, Path dir) {}

        /** The activity's images were generated. */
        default void generated(TestImageFiles.Outcome outcome) {}

        /** Processing starts: {@code inputs} in all, {@code reused} from a previous table. */
        default void starting(int inputs, int reused) {}

        /** One input is done (in completion order). */
        default void record(FarmRecord r) {}
    }

    /** collective: runs {@code c} without reporting progress. */
    public static FarmResult run(Comm comm, FarmConfig c) throws InterruptedException {
        return run(comm, c, new Events() {});
    }

    /** collective: runs {@code c}; the result is complete on rank 0. */
    public static FarmResult run(Comm comm, FarmConfig c, Events events) throws InterruptedException {
        boolean root = comm.rank() == 0;
        FarmOptions o = c.options();
        Path csv = c.csvFile();

        // The activity run: make the images if absent (in parallel), then farm them.
        List<String> args = c.inputs();
        if (args.isEmpty()) {
            TestImageSet set = TestImageSet.activity();
            List<Path> files = TestImageFiles.files(set, c.images());
            long missing =
                    root ? files.stream().filter(f -> !Files.isRegularFile(f)).count() : 0;
            missing = comm.bcastLong(missing, 0); // collective
            if (missing > 0) {
                if (root) {
                    events.generating(missing, set, c.images());
                }
                TestImageFiles.Outcome g = TestImageFiles.generate(comm, set, c.images(), false); // collective
                if (root) {
                    events.generated(g);
                }
            }
            args = files.stream().map(Path::toString).toList();
        }

        // Rank 0 lists the inputs and their image HDUs, checks outputs and finds what --resume can reuse; all ranks
        // agree.
        String err = null;
        List<FarmItems.Item> list = List.of();
        Map<String, FarmRecord> previous = Map.of();
        if (root) {
            long tList = RankTimes.now();
            try {
                List<String> files = FarmInputs.expand(args);
                FarmInputs.checkDistinctOutputs(files, o);
                AtomicFile.checkWritableDirectory(o.outDir());
                if (csv.toAbsolutePath().getParent() != null) {
                    AtomicFile.checkWritableDirectory(csv.toAbsolutePath().getParent());
                }
                list = FarmItems.list(files);
                if (FarmItems.anyExtension(list) && o.writesImages()) {
                    FarmMirror.prepare(o);
                }
                previous = resumable(c);
            } catch (UserError e) {
                err = e.getMessage();
            }
            RankTimes.addSerialSince("listing", tList);
        }
        comm.agree(err); // collective
        List<FarmItems.Item> all =
                FarmItems.decode(comm.bcastString(root ? FarmItems.encode(list) : null, 0)); // collective
        int n = all.size();

        FarmRecord[] rows = new FarmRecord[n];
        int[] workItems = root ? reuse(all, previous, o, rows) : null;
        int count = (int) comm.bcastLong(root ? workItems.length : 0, 0); // collective
        if (!root) {
            workItems = new int[count];
        }
        comm.bcast(workItems, 0, count, 0); // collective
        int reused = n - count;
        if (root) {
            events.starting(n, reused);
        }

        FarmMemory.start();
        comm.barrier(); // collective
        double t0 = comm.wtime();
        List<FarmRecord> done;
        try (FarmWorker worker = new FarmWorker(o, all, comm.rank());
                FarmLedger ledger = FarmLedger.open(csv, o, comm.rank())) {
            done = TaskFarm.run(
                    comm,
                    c.schedule(),
                    workItems,
                    new FarmLedgerWorker(worker, ledger),
                    FarmRecordCodec.CODEC,
                    events::record,
                    StopSignals::requested); // collective
        } catch (java.io.IOException e) {
            throw IoFailures.writing(FarmLedger.dir(csv), e);
        }
        // Preempted (SIGUSR1/SIGTERM) before every item was handed out: what finished is in the ledger; no table.
        boolean stopped = StopSignals.agreed(comm); // collective
        stopped &= comm.bcastLong(root ? count - done.size() : 0, 0) > 0; // collective
        String stoppedBy = stopped ? StopSignals.signal() == null ? "a stop request" : StopSignals.signal() : null;
        Map<Integer, String> mirrorFailures = !stopped && FarmItems.anyExtension(all) && o.writesImages()
                ? FarmMirror.assemble(comm, o, all) // collective
                : Map.of();
        double wall = comm.wtime() - t0;
        long[] peak = comm.allGather(FarmMemory.peakHeapBytes()); // collective
        long[] live = comm.allGather(FarmMemory.peakLiveBytes()); // collective

        double busy = 0;
        long pixels = 0;
        int[] perRank = new int[comm.size()];
        for (FarmRecord r : done) {
            String failure = r.ok() && r.survey().hduRow()
                    ? mirrorFailures.get(all.get(r.index()).file())
                    : null;
            rows[r.index()] = failure == null ? r : r.failing(failure);
            busy += r.seconds();
            pixels += r.pixels();
            if (r.rank() >= 0 && r.rank() < perRank.length) {
                perRank[r.rank()]++;
            }
        }
        List<FarmRecord> table =
                root ? Arrays.stream(rows).filter(java.util.Objects::nonNull).toList() : List.of();
        return new FarmResult(
                table,
                reused,
                done.size(),
                busy,
                pixels,
                perRank,
                wall,
                comm.size(),
                comm.libraryVersion(),
                peak,
                live,
                Runtime.getRuntime().maxMemory(),
                stoppedBy);
    }

    /**
     * Rank 0: what {@code --resume} may reuse, keyed by input: the ledger's items whose outputs are intact
     * ({@link FarmLedger#verified}), or, for a table written before ledgers existed, its successful rows. Without
     * --resume: nothing, and the previous ledger is cleared.
     */
    private static Map<String, FarmRecord> resumable(FarmConfig c) {
        if (!c.resume()) {
            FarmLedger.reset(c.csvFile());
            return Map.of();
        }
        Map<String, FarmRecord> ledger = FarmLedger.verified(c.csvFile(), c.options());
        return ledger != null ? ledger : FarmTableReader.readPrevious(c.csvFile(), c.options());
    }

    /**
     * Rank 0: fills {@code rows} with the previous table's records whose outputs still exist and returns the indices
     * left to process.
     */
    private static int[] reuse(
            List<FarmItems.Item> all, Map<String, FarmRecord> previous, FarmOptions o, FarmRecord[] rows) {
        List<Integer> todo = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            FarmRecord prev = all.get(i).wholeFile() ? previous.get(all.get(i).input()) : null;
            boolean outputOk = prev != null
                    && (!o.has(FarmOptions.Op.highpass)
                            || (!prev.output().isEmpty() && Files.isRegularFile(Path.of(prev.output()))))
                    && (!o.has(FarmOptions.Op.background)
                            || Files.isRegularFile(Path.of(prev.survey().bkgOutput())));
            if (outputOk) {
                rows[i] = new FarmRecord(
                        i,
                        prev.input(),
                        true,
                        prev.reason(),
                        prev.nx(),
                        prev.ny(),
                        prev.bitpix(),
                        prev.hdu(),
                        prev.mean(),
                        prev.std(),
                        prev.medianLog10(),
                        prev.brightX(),
                        prev.brightY(),
                        prev.brightValue(),
                        prev.output(),
                        0,
                        -1,
                        prev.survey());
            } else {
                todo.add(i);
            }
        }
        return todo.stream().mapToInt(Integer::intValue).toArray();
    }
}
