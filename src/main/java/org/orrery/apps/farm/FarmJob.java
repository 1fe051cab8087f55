package org.orrery.apps.farm;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
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
        FarmResume previous = null;
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
                    FarmMirror.prepare(o, c.resume());
                }
                previous = FarmResume.of(c);
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
        Set<Integer> mirrored = new TreeSet<>();
        int[] workItems = root ? previous.reuse(all, o, rows, mirrored) : null;
        int count = (int) comm.bcastLong(root ? workItems.length : 0, 0); // collective
        if (!root) {
            workItems = new int[count];
        }
        comm.bcast(workItems, 0, count, 0); // collective
        int[] reusedMirrors =
                broadcast(comm, mirrored.stream().mapToInt(Integer::intValue).toArray()); // collective
        int reused = n - count;
        if (root) {
            events.starting(n, reused);
        }

        FarmMemory.start();
        comm.barrier(); // collective
        double t0 = comm.wtime();
        List<FarmRecord> done;
        boolean stopped;
        Map<Integer, String> mirrorFailures;
        try (FarmWorker worker = new FarmWorker(o, all, comm.rank());
                FarmLedger ledger = FarmLedger.open(csv, o, comm.rank());
                FarmLedgerWorker ledgered = new FarmLedgerWorker(worker, ledger)) {
            done = TaskFarm.run(
                    comm,
                    c.schedule(),
                    workItems,
                    ledgered,
                    FarmRecordCodec.CODEC,
                    events::record,
                    StopSignals::requested); // collective
            // Preempted (SIGUSR1/SIGTERM) before every item was handed out: what finished is in the ledger (extension
            // parts too, kept for --resume); no mirrors, no table.
            stopped = StopSignals.agreed(comm); // collective
            stopped &= comm.bcastLong(root ? count - done.size() : 0, 0) > 0; // collective
            mirrorFailures = !stopped && FarmItems.anyExtension(all) && o.writesImages()
                    ? FarmMirror.assemble(
                            comm,
                            o,
                            all,
                            Set.copyOf(Arrays.stream(reusedMirrors).boxed().toList()),
                            ledger) // collective
                    : Map.of();
        } catch (java.io.IOException e) {
            throw IoFailures.writing(FarmLedger.dir(csv), e);
        }
        String stoppedBy = stopped ? StopSignals.signal() == null ? "a stop request" : StopSignals.signal() : null;
        double wall = comm.wtime() - t0;
        long[] peak = comm.allGather(FarmMemory.peakHeapBytes()); // collective
        long[] live = comm.allGather(FarmMemory.peakLiveBytes()); // collective

        double busy = 0;
        long pixels = 0;
        int[] perRank = new int[comm.size()];
        for (FarmRecord r : done) {
            rows[r.index()] = r;
            busy += r.seconds();
            pixels += r.pixels();
            if (r.rank() >= 0 && r.rank() < perRank.length) {
                perRank[r.rank()]++;
            }
        }
        for (int i = 0; i < n; i++) { // a mirror that could not be written fails its rows, reused ones too
            String failure = rows[i] != null && rows[i].ok() && rows[i].survey().hduRow()
                    ? mirrorFailures.get(all.get(i).file())
                    : null;
            rows[i] = failure == null ? rows[i] : rows[i].failing(failure);
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

    /** collective: rank 0's {@code values} on every rank. */
    private static int[] broadcast(Comm comm, int[] values) {
        int count = (int) comm.bcastLong(comm.rank() == 0 ? values.length : 0, 0); // collective
        int[] out = comm.rank() == 0 ? values : new int[count];
        comm.bcast(out, 0, count, 0); // collective
        return out;
    }
}
