package org.orrery.bench;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.orrery.io.AtomicFile;
import org.orrery.io.Launcher;
import org.orrery.io.MachineInfo;
import org.orrery.model.UserError;

/**
 * {@code launch/orrery bench scaling}: the parallel-efficiency figures of issue 18, measured as a user sees them. Each
 * run is a fresh {@code launch/orrery <program> -np N --no-build ...} child (so the launcher's defaults apply, and np 1
 * is never confined to one core), and np 1 and np N runs alternate (A B A B ...) for R repeats, so that a change of
 * machine load hits both alike.
 *
 * <p>Per workload the headline metric is: nbody — the process wall time; teaching — steps/s ({@code steps_done /
 * wall_s} of its summary); paircount — the program's whole-job time ({@code wall_s}, its "time: total"); farm and decay
 * — the process wall time. Reported: the median and min–max of each np, the spread of np N ((max − min) / median), and
 * the speedup as the median and min–max of the R paired ratios (run r of np 1 against run r of np N). Each run's
 * per-rank breakdown ({@code rank_breakdown} of its summary: start-up, wait, serial, JIT, GC) goes to the CSV beside
 * it. First, what the cores allow ({@link HardwareCeiling}: np copies of a plain C loop at once against one copy; rows
 * "hardware" of the CSV, the "hardware allows" line and the "of hardware" column: the speedup divided by that ceiling).
 * Outputs: {@code scaling.csv} (one row per run), {@code scaling.md} (the table with the machine: CPU, cores, JVM, MPI,
 * the launch line used, load average before and after). Timings depend on the machine's load: only a quiet machine
 * gives the figures to commit.
 */
public final class ScalingBench {
    private ScalingBench() {}

    /** The five workloads. */
    public enum Workload {
        nbody,
        teaching,
        paircount,
        farm,
        decay
    }

    /**
     * What to run.
     *
     * @param workloads which to run, in this order
     * @param repeats interleaved pairs per workload (≥ 1)
     * @param np the parallel rank count compared with np 1 (≥ 2)
     * @param quick smoke sizes (seconds per run), for tests of the command itself
     * @param out output directory
     * @param images the farm activity's images (made by the farm when absent)
     */
    public record Options(List<Workload> workloads, int repeats, int np, boolean quick, Path out, Path images) {
        public Options {
            if (workloads.isEmpty()) {
                throw new UserError("no workloads selected, --workloads");
            }
            if (repeats < 1 || np < 2) {
                throw new UserError("--repeats must be >= 1 and --np >= 2, got " + repeats + " and " + np);
            }
            workloads = List.copyOf(workloads);
        }
    }

    /**
     * One run: its process wall time, headline metric and breakdown (maxima over ranks; serial of rank 0; JIT, GC
     * summed).
     */
    record Run(
            Workload workload,
            int np,
            int repeat,
            double processWall,
            double metric,
            double startup,
            double compute,
            double waitMax,
            double serial0,
            double jitSum,
            double gcSum,
            double cpuSum,
            double jvmWall,
            double load1) {}

    static final String CSV_HEADER = "workload,np,repeat,metric,metric_unit,process_wall_s,startup_s_max,compute_s_max,"
            + "wait_s_max,serial_s_rank0,jit_s_sum,gc_s_sum,cpu_s_sum,wall_s_max,load1";

    /** Runs the benchmark; returns the exit status. */
    public static int run(Options o) throws IOException, InterruptedException {
        Files.createDirectories(o.out());
        Path work = Files.createTempDirectory(o.out().toAbsolutePath(), "runs");
        String loadBefore = loadAverage();
        MachineInfo machine = MachineInfo.probe();
        List<Run> runs = new ArrayList<>();
        HardwareCeiling.Result ceiling = o.quick()
                ? HardwareCeiling.measure(o.np(), o.repeats(), 1024, 3)
                : HardwareCeiling.measure(o.np(), o.repeats(), CEILING_N, CEILING_REPS);
        if (ceiling.measured()) {
            System.out.printf(
                    Locale.ROOT,
                    "hardware   np 1 vs %d concurrent copies of the C loop: %.2f (min %.2f, max %.2f)%n",
                    o.np(),
                    ScalingTable.median(ceiling.ratios()),
                    ScalingTable.min(ceiling.ratios()),
                    ScalingTable.max(ceiling.ratios()));
        } else {
            System.out.println("hardware   ceiling " + ceiling.note());
        }
        HardwareCeiling.Result coupled = o.quick()
                ? HardwareCeiling.coupled(o.np(), o.repeats(), 200, 200)
                : HardwareCeiling.coupled(o.np(), o.repeats(), COUPLED_N, COUPLED_STEPS);
        System.out.println(
                coupled.measured()
                        ? String.format(
                                Locale.ROOT,
                                "coupled    np 1 vs %d of the C step with an Allgatherv per step: %.2f (min %.2f, max"
                                        + " %.2f)",
                                o.np(),
                                ScalingTable.median(coupled.ratios()),
                                ScalingTable.min(coupled.ratios()),
                                ScalingTable.max(coupled.ratios()))
                        : "coupled    ceiling " + coupled.note());
        try {
            for (Workload w : o.workloads()) {
                List<String> prep = prepare(w, o, work);
                for (int r = 1; r <= o.repeats(); r++) {
                    for (int np : new int[] {1, o.np()}) {
                        Run run = once(w, np, r, o, work, prep);
                        runs.add(run);
                        System.out.printf(
                                Locale.ROOT,
                                "%-10s np %d run %d: %s %.4g (wall %.2f s, start-up %.2f s, wait %.2f s,"
                                        + " serial %.2f s, load %.2f)%n",
                                w,
                                np,
                                r,
                                unit(w),
                                run.metric(),
                                run.processWall(),
                                run.startup(),
                                run.waitMax(),
                                run.serial0(),
                                run.load1());
                    }
                }
            }
        } finally {
            ScalingTable.deleteTree(work);
        }
        String loadAfter = loadAverage();
        StringBuilder csv = new StringBuilder(CSV_HEADER).append('\n');
        for (int r = 0; r < ceiling.ratios().length; r++) {
            for (int np : new int[] {1, o.np()}) {
                double t = np == 1 ? ceiling.alone()[r] : ceiling.together()[r];
                csv.append(String.format(Locale.ROOT, "hardware,%d,%d,%.6g,wall_s,%.4f,,,,,,,,,%n", np, r + 1, t, t));
            }
        }
        for (int r = 0; r < coupled.ratios().length; r++) {
            for (int np : new int[] {1, o.np()}) {
                double t = np == 1 ? coupled.alone()[r] : coupled.together()[r];
                csv.append(String.format(Locale.ROOT, "coupled,%d,%d,%.6g,loop_s,%.4f,,,,,,,,,%n", np, r + 1, t, t));
            }
        }
        for (Run r : runs) {
            csv.append(String.format(
                    Locale.ROOT,
                    "%s,%d,%d,%.6g,%s,%.4f,%.4f,%.4f,%.4f,%.4f,%.4f,%.4f,%.4f,%.4f,%.2f%n",
                    r.workload(),
                    r.np(),
                    r.repeat(),
                    r.metric(),
                    unit(r.workload()),
                    r.processWall(),
                    r.startup(),
                    r.compute(),
                    r.waitMax(),
                    r.serial0(),
                    r.jitSum(),
                    r.gcSum(),
                    r.cpuSum(),
                    r.jvmWall(),
                    r.load1()));
        }
        AtomicFile.writeString(o.out().resolve("scaling.csv"), csv.toString());
        String md =
                ScalingTable.markdown(o, runs, ceiling, coupled, machine, launchLine(o.np()), loadBefore, loadAfter);
        AtomicFile.writeString(o.out().resolve("scaling.md"), md);
        System.out.println();
        System.out.print(md);
        System.out.println(
                "Wrote " + o.out().resolve("scaling.csv") + " and " + o.out().resolve("scaling.md"));
        return 0;
    }

    /** The hardware ceiling's C loop: particles and force evaluations per copy (about 2 s alone on this VM kind). */
    static final int CEILING_N = 8192;

    static final int CEILING_REPS = 6;

    /**
     * The coupled ceiling's C step: particles and steps (N = 600 takes about 0.64 ms a step at np 1 on this VM kind,
     * the warm teaching run's step time; about 3.2 s a run).
     */
    static final int COUPLED_N = 600;

    static final int COUPLED_STEPS = 5000;

    static String unit(Workload w) {
        return switch (w) {
            case teaching -> "steps/s";
            case paircount -> "total_s";
            default -> "wall_s";
        };
    }

    /** Whether a larger metric is better (a rate) rather than smaller (a time). */
    static boolean higherIsBetter(Workload w) {
        return w == Workload.teaching;
    }

    /**
     * The program and its options, as the issue gives them (smoke sizes with --quick); inputs made by {@link #prepare}.
     */
    static List<String> programArgs(Workload w, boolean quick, List<String> prep) {
        List<String> a = new ArrayList<>();
        switch (w) {
            case nbody ->
                a.addAll(List.of(
                        "nbody",
                        "--ic",
                        "plummer",
                        "-n",
                        quick ? "512" : "16384",
                        "--steps",
                        quick ? "3" : "30",
                        "--snap-every",
                        "0",
                        "--checkpoint-every",
                        "0"));
            case teaching -> {
                a.addAll(List.of("nbody", "--snap-every", "0", "--checkpoint-every", "0"));
                if (quick) {
                    a.addAll(List.of("-n", "200", "--steps", "20"));
                }
            }
            case paircount ->
                a.addAll(List.of(
                        "paircount",
                        "--generate",
                        "uniform",
                        "-n",
                        quick ? "20000" : "1000000",
                        "--random-factor",
                        "0",
                        "--periodic"));
            case farm -> {
                a.add("farm");
                a.addAll(prep);
            }
            case decay -> {
                a.addAll(List.of("decay", "--method", "per-nucleus"));
                if (quick) {
                    a.addAll(List.of("--nsims", "4", "--n0", "2000"));
                }
            }
        }
        return a;
    }

    /**
     * Untimed preparation: the farm's inputs (the activity's images, made here if absent; with --quick four small
     * ones).
     */
    private static List<String> prepare(Workload w, Options o, Path work) throws IOException, InterruptedException {
        if (w != Workload.farm) {
            return List.of();
        }
        if (o.quick()) {
            Path dir = work.resolve("images");
            List<String> cmd =
                    launch(List.of("gen-images", "--nx", "96", "--ny", "96", "-n", "4", "-o", dir.toString(), "-q"), 1);
            BenchSupport.Ran p = BenchSupport.run(cmd, Map.of(), 600);
            if (p.exit() != 0) {
                throw new IOException("making the images failed: " + String.join(" ", cmd) + ": "
                        + p.output().strip());
            }
            List<String> a = new ArrayList<>(List.of("-k", "5"));
            try (var files = Files.list(dir)) {
                files.map(Path::toString)
                        .filter(f -> f.endsWith(".fits"))
                        .sorted()
                        .forEach(a::add);
            }
            return a;
        }
        // The activity's images, made now if absent (gen-images' defaults are the activity's set), so that no timed
        // farm run makes them.
        List<String> cmd = launch(List.of("gen-images", "-o", o.images().toString(), "-q"), 1);
        BenchSupport.Ran p = BenchSupport.run(cmd, Map.of(), 1800);
        if (p.exit() != 0) {
            throw new IOException("making the images failed: " + String.join(" ", cmd) + ": "
                    + p.output().strip());
        }
        return List.of("--images", o.images().toString(), "--print-rows", "0");
    }

    private static List<String> launch(List<String> programAndArgs, int np) {
        List<String> cmd = new ArrayList<>(List.of(
                Launcher.find(null, "ORRERY_HOME").toString(),
                programAndArgs.get(0),
                "-np",
                Integer.toString(np),
                "--no-build"));
        cmd.addAll(programAndArgs.subList(1, programAndArgs.size()));
        return cmd;
    }

    private static Run once(Workload w, int np, int repeat, Options o, Path work, List<String> prep)
            throws IOException, InterruptedException {
        Path dir = work.resolve(w + "-np" + np + "-" + repeat);
        Path summary = work.resolve(w + "-np" + np + "-" + repeat + ".json");
        List<String> args = programArgs(w, o.quick(), prep);
        args.addAll(List.of("-q", "-o", dir.toString(), "--summary", summary.toString()));
        if (w == Workload.farm) {
            args.addAll(List.of("--table", dir.resolve("farm.csv").toString()));
        }
        List<String> cmd = launch(args, np);
        long t0 = System.nanoTime();
        BenchSupport.Ran p = BenchSupport.run(cmd, Map.of(), 7200);
        double wall = (System.nanoTime() - t0) * 1e-9;
        if ((p.exit() != 0 && p.exit() != 3) || !Files.isRegularFile(summary)) {
            throw new IOException("run failed (exit " + p.exit() + "): " + String.join(" ", cmd) + ": "
                    + p.output().strip());
        }
        JsonObject s = JsonParser.parseString(Files.readString(summary, StandardCharsets.UTF_8))
                .getAsJsonObject();
        double metric =
                switch (w) {
                    case teaching ->
                        s.getAsJsonObject("results").get("steps_per_s").getAsDouble();
                    case paircount -> s.get("wall_s").getAsDouble();
                    default -> wall;
                };
        double[] b = ScalingTable.breakdown(s);
        ScalingTable.deleteTree(dir);
        Files.deleteIfExists(summary);
        return new Run(w, np, repeat, wall, metric, b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7], load1());
    }

    /** The launch line the runs used (the launcher's --dry-run of np N), for the record. */
    private static String launchLine(int np) {
        try {
            BenchSupport.Ran p = BenchSupport.run(launch(List.of("nbody", "--dry-run"), np), Map.of(), 120);
            return p.output().strip();
        } catch (IOException e) {
            return "unknown (" + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown (interrupted)";
        }
    }

    private static final java.util.regex.Pattern WHITESPACE = java.util.regex.Pattern.compile("\\s+");

    static String loadAverage() {
        try {
            String[] f = WHITESPACE.split(
                    Files.readString(Path.of("/proc/loadavg"), StandardCharsets.UTF_8)
                            .trim(),
                    -1);
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static double load1() {
        try {
            return Double.parseDouble(WHITESPACE.split(loadAverage(), -1)[0]);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
