package org.orrery.apps;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.orrery.apps.common.Programs;
import org.orrery.apps.common.SpmdProgram;
import org.orrery.apps.farm.FarmInputs;
import org.orrery.apps.farm.FarmOptions;
import org.orrery.apps.farm.FarmRecord;
import org.orrery.apps.farm.FarmScheduler;
import org.orrery.apps.farm.FarmTable;
import org.orrery.apps.farm.FarmWorker;
import org.orrery.io.AtomicFile;
import org.orrery.io.Summary;
import org.orrery.model.UserError;
import org.orrery.parallel.Comm;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The FITS image farm: one analysis applied to many FITS files in parallel, results gathered into
 * one table in input order. Operations (chainable): the median high-pass {@code frame -
 * median_filter(frame, k)} written as a FITS file per input, statistics (mean, population std,
 * median of log10(max(x, 1e-6))) and the brightest pixel. Scheduling static (blocks) or dynamic
 * (self-scheduling). Bad files are recorded as failed with their reason; exit status 0 = all
 * succeeded, 3 = some failed, 4 = all failed, 2 = usage error. With no inputs it runs the teaching
 * activity: it generates the 25 1000×1000 images in data/images if absent and processes them.
 */
@Command(name = "farm", mixinStandardHelpOptions = true, versionProvider = OrreryVersion.class, sortOptions = false,
        description = {"Apply a median high-pass, statistics and/or brightest-pixel search to many FITS images in parallel;",
            "one result table (CSV and FITS) in input order. With no INPUT: the teaching activity (25 images 1000x1000, k=50)."},
        exitCodeListHeading = "Exit status:%n",
        exitCodeList = {"0:every input processed", "2:usage error", "3:partial: some inputs failed (see the table)",
            "4:every input failed"})
public final class ImageFarmApp implements SpmdProgram {

    /** Exit status when some inputs failed. */
    public static final int PARTIAL = 3;
    /** Exit status when every input failed. */
    public static final int ALL_FAILED = 4;

    @Parameters(paramLabel = "INPUT", arity = "0..*", description = "FITS files, directories (their *.fits/*.fit/*.fts) or quoted globs ('dir/img_*.fits').")
    List<String> inputs = new ArrayList<>();

    @Option(names = "--ops", paramLabel = "LIST", split = ",", description = "Operations, comma-separated: highpass, stats, brightest (default: all).")
    List<FarmOptions.Op> ops = new ArrayList<>(EnumSet.allOf(FarmOptions.Op.class));

    @Option(names = {"-k", "--window"}, paramLabel = "K", description = "Median window size k (k x k pixels, SciPy size=k; default: ${DEFAULT-VALUE}).")
    int window = 50;

    @Option(names = {"-o", "--out"}, paramLabel = "DIR", description = "Directory for high-pass images and the tables (default: out/farm).")
    Path out;

    @Option(names = "--table", paramLabel = "FILE.csv", description = "Result table (default: DIR/farm.csv); a FITS table is written beside it (.fits).")
    Path table;

    @Option(names = "--schedule", paramLabel = "MODE", description = "static (blocks of the list) or dynamic (rank 0 hands out files on request; default).")
    FarmScheduler.Mode schedule = FarmScheduler.Mode.DYNAMIC;

    @Option(names = "--resume", description = "Skip inputs whose outputs exist and whose row is in the previous table of the same options.")
    boolean resume;

    @Option(names = "--images", paramLabel = "DIR", description = "Activity run only: where the 25 images are (generated if absent; default: ${DEFAULT-VALUE}).")
    Path images = Path.of("data", "images");

    @Option(names = "--print-rows", paramLabel = "N", description = "Print at most N table rows (default: ${DEFAULT-VALUE}).")
    int printRows = 100;

    @Option(names = {"-q", "--quiet"}, description = "No progress lines on stderr.")
    boolean quiet;

    @Option(names = "--summary", paramLabel = "FILE.json", description = "Also write a machine-readable summary (wall_s, images/s, pixels/s, speedup).")
    Path summary;

    public static void main(String[] args) {
        Programs.main(new ImageFarmApp(), args);
    }

    @Override
    public String name() {
        return "farm";
    }

    @Override
    public void validate() {
        if (window < 1 || window > 4001) {
            throw new UserError("--window must be between 1 and 4001, got " + window);
        }
        if (ops.isEmpty()) {
            throw new UserError("--ops needs at least one of highpass, stats, brightest");
        }
        if (printRows < 0) {
            throw new UserError("--print-rows must be >= 0, got " + printRows);
        }
        if (table != null && !table.getFileName().toString().endsWith(".csv")) {
            throw new UserError("--table must name a .csv file, got " + table);
        }
    }

    FarmOptions options() {
        Path dir = out != null ? out : Path.of("out", "farm");
        return new FarmOptions(Set.copyOf(ops), window, dir);
    }

    Path csvPath(FarmOptions o) {
        return table != null ? table : o.outDir().resolve("farm.csv");
    }

    static Path fitsTablePath(Path csv) {
        String n = csv.getFileName().toString();
        return csv.resolveSibling(n.substring(0, n.length() - 4) + ".fits");
    }

    @Override
    public int run(Comm comm) throws Exception {
        boolean root = comm.rank() == 0;
        FarmOptions o = options();
        Path csv = csvPath(o);

        // The activity run: make the images if absent (in parallel), then farm them.
        List<String> args = inputs;
        if (inputs.isEmpty()) {
            GenImagesApp.Spec spec = GenImagesApp.Spec.activity(images);
            long missing = root ? spec.files().stream().filter(f -> !Files.isRegularFile(f)).count() : 0;
            missing = comm.bcastLong(missing, 0); // collective
            if (missing > 0) {
                if (root) {
                    System.out.printf(Locale.ROOT, "farm: generating the activity's %d images (%dx%d smooth random fields) in %s ...%n",
                            missing, spec.nx(), spec.ny(), spec.dir());
                }
                GenImagesApp.Outcome g = GenImagesApp.generate(comm, spec); // collective
                if (root) {
                    System.out.printf(Locale.ROOT, "farm: %d images written in %.1f s on %d rank%s%n", g.written(), g.seconds(),
                            comm.size(), comm.size() == 1 ? "" : "s");
                }
            }
            args = spec.files().stream().map(Path::toString).toList();
        }

        // Rank 0 lists the inputs, checks outputs and finds what --resume can reuse; all ranks agree.
        String err = null;
        List<String> list = List.of();
        Map<String, FarmRecord> previous = Map.of();
        if (root) {
            try {
                list = FarmInputs.expand(args);
                FarmInputs.checkDistinctOutputs(list, o);
                AtomicFile.checkWritableDirectory(o.outDir());
                if (csv.toAbsolutePath().getParent() != null) {
                    AtomicFile.checkWritableDirectory(csv.toAbsolutePath().getParent());
                }
                if (resume) {
                    previous = FarmTable.readPrevious(csv, o);
                }
            } catch (UserError e) {
                err = e.getMessage();
            }
        }
        comm.agree(err); // collective
        String joined = comm.bcastString(root ? String.join("\n", list) : null, 0); // collective
        List<String> all = Arrays.asList(joined.split("\n", -1));
        int n = all.size();

        FarmRecord[] rows = new FarmRecord[n];
        int[] workItems;
        if (root) {
            List<Integer> t = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                FarmRecord prev = previous.get(all.get(i));
                boolean outputOk = prev != null && (!o.has(FarmOptions.Op.highpass)
                        || (!prev.output().isEmpty() && Files.isRegularFile(Path.of(prev.output()))));
                if (outputOk) {
                    rows[i] = new FarmRecord(i, prev.input(), true, prev.reason(), prev.nx(), prev.ny(), prev.bitpix(), prev.hdu(),
                            prev.mean(), prev.std(), prev.medianLog10(), prev.brightX(), prev.brightY(), prev.brightValue(),
                            prev.output(), 0, -1);
                } else {
                    t.add(i);
                }
            }
            workItems = t.stream().mapToInt(Integer::intValue).toArray();
        } else {
            workItems = null;
        }
        int count = (int) comm.bcastLong(root ? workItems.length : 0, 0); // collective
        if (!root) {
            workItems = new int[count];
        }
        comm.bcast(workItems, 0, count, 0); // collective
        int reused = n - count;

        if (root) {
            System.out.printf(Locale.ROOT, "farm: %d input%s, ops %s, window k=%d, %s scheduling on %d rank%s%s; outputs in %s%n", n,
                    n == 1 ? "" : "s", o.opsString(), o.window(), schedule.name().toLowerCase(Locale.ROOT), comm.size(),
                    comm.size() == 1 ? "" : "s",
                    comm.size() > 1 && schedule == FarmScheduler.Mode.DYNAMIC ? " (rank 0 coordinates and computes)" : "", o.outDir());
            if (reused > 0) {
                System.out.printf(Locale.ROOT, "farm: --resume: %d input%s already done, %d to process%n", reused, reused == 1 ? "" : "s", count);
            }
        }

        Progress progress = new Progress(count, root && !quiet);
        comm.barrier(); // collective
        double t0 = comm.wtime();
        List<FarmRecord> done;
        try (FarmWorker worker = new FarmWorker(o, comm.rank())) {
            done = FarmScheduler.run(comm, schedule, all, workItems, worker, progress::record); // collective
        }
        double wall = comm.wtime() - t0;

        int code = 0;
        if (root) {
            double busy = 0;
            long pixels = 0;
            int processed = 0;
            int[] perRank = new int[comm.size()];
            for (FarmRecord r : done) {
                rows[r.index()] = r;
                busy += r.seconds();
                pixels += r.pixels();
                processed++;
                if (r.rank() >= 0 && r.rank() < perRank.length) {
                    perRank[r.rank()]++;
                }
            }
            List<FarmRecord> table = Arrays.asList(rows);
            FarmTable.writeCsv(csv, table, o);
            FarmTable.writeFits(fitsTablePath(csv), table, o);
            long ok = table.stream().filter(FarmRecord::ok).count();
            long failed = n - ok;
            System.out.print(FarmTable.text(table, printRows));
            code = failed == 0 ? 0 : ok == 0 ? ALL_FAILED : PARTIAL;
            double t0img = processed > 0 ? busy / processed : 0;
            double speedup = wall > 0 ? busy / wall : 0;
            System.out.printf(Locale.ROOT, "farm: %d ok, %d failed%s; table %s (+ %s)%n", ok, failed,
                    reused > 0 ? " (" + reused + " reused by --resume)" : "", csv, fitsTablePath(csv).getFileName());
            System.out.printf(Locale.ROOT, "farm: serial time estimate = sum of per-image CPU times over %d images (t0 = %.3f s each) = %.2f s%n", processed,
                    t0img, busy);
            System.out.printf(Locale.ROOT, "farm: parallel wall time tp = %.2f s on %d rank%s: speedup = %.2f, efficiency = %.0f%%%n", wall,
                    comm.size(), comm.size() == 1 ? "" : "s", speedup, 100 * speedup / comm.size());
            System.out.printf(Locale.ROOT, "farm: throughput %.2f images/s, %.2f Mpixel/s; images per rank %s%n", processed / wall,
                    pixels / wall / 1e6, Arrays.toString(perRank));
            if (failed > 0) {
                System.err.printf(Locale.ROOT, "orrery farm: %d of %d input%s failed (reasons in %s); exit status %d%n", failed, n,
                        n == 1 ? "" : "s", csv, code);
            }
            if (summary != null) {
                new Summary("farm", comm.size(), comm.size() > 1 && schedule == FarmScheduler.Mode.DYNAMIC ? 2 : 1,
                        comm.libraryVersion())
                        .timing(wall, processed / wall, "images/s")
                        .param("ops", o.opsString()).param("window", o.window()).param("schedule", schedule.name().toLowerCase(Locale.ROOT))
                        .param("inputs", n).param("resume", resume).param("out", o.outDir().toString()).param("table", csv.toString())
                        .result("images_processed", processed).result("ok", ok).result("failed", failed).result("reused", reused)
                        .result("pixels_per_s", pixels / wall).result("serial_time_s", busy).result("mean_image_s", t0img)
                        .result("images_per_rank", perRank).result("speedup", speedup).result("efficiency", speedup / comm.size()).result("exit_status", code)
                        .write(summary);
            }
        }
        return (int) comm.bcastLong(code, 0); // collective
    }

    /** Progress lines on rank 0's stderr: files done, failures, rate, ETA; at most about one a second. */
    static final class Progress {
        private final int total;
        private final boolean enabled;
        private final long start = System.nanoTime();
        private long last = start;
        private int done;
        private int failed;

        Progress(int total, boolean enabled) {
            this.total = total;
            this.enabled = enabled;
        }

        void record(FarmRecord r) {
            done++;
            if (!r.ok()) {
                failed++;
            }
            long now = System.nanoTime();
            if (enabled && (now - last >= 1_000_000_000L || done == total)) {
                last = now;
                double rate = done / Math.max((now - start) * 1e-9, 1e-9);
                System.err.printf(Locale.ROOT, "farm: %d/%d done, %d failed, %.2f images/s, ETA %.0f s%n", done, total, failed, rate,
                        (total - done) / rate);
            }
        }
    }
}
