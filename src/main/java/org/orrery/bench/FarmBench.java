package org.orrery.bench;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.orrery.model.UserError;
import org.orrery.physics.image.ImageStats;
import org.orrery.physics.image.MedianFilter;
import org.orrery.physics.image.RandomField;

/**
 * Benchmark of the image farm's kernels on one core: the k×k median high-pass of an n×n image (the teaching activity's
 * {@code frame - median_filter(frame, 50)} on 1000×1000), and the statistics and brightest-pixel kernels. Prints
 * seconds per image (best and median of the timed repeats) and megapixels per second. Images are the activity's smooth
 * random fields (seeded) or uniform noise.
 *
 * <p>Then whole farm runs under mpirun at each requested np on the activity's 25 images (made first if absent, by the
 * farm itself) with wall time, images/s, measured speedup and efficiency. Usage: {@code launch/orrery bench farm
 * [--size N] [--k K] [--repeats R] [--warmup W] [--noise] [--np 1,2] [--images DIR] [--no-mpi]}. Timings depend on the
 * machine and its load: run it on a quiet machine.
 */
public final class FarmBench {
    private FarmBench() {}

    /** Timing of one kernel: best and median seconds per call. */
    public record Timing(String what, double bestS, double medianS, long pixels) {
        public String line() {
            return String.format(
                    Locale.ROOT,
                    "%-28s best %8.4f s  median %8.4f s  %8.2f Mpixel/s",
                    what,
                    bestS,
                    medianS,
                    pixels / bestS / 1e6);
        }
    }

    /** What to measure. */
    public record Options(
            int size, int k, int repeats, int warmup, boolean noise, int[] nps, Path images, boolean noMpi) {
        public Options {
            nps = nps.clone();
            OptionChecks.positive(nps, "--np");
            if (size < 1 || k < 1 || repeats < 1) {
                throw new UserError(
                        "--size, --window and --repeats must be >= 1, got " + size + ", " + k + " and " + repeats);
            }
            if (warmup < 0) {
                throw new UserError("--warmup must be >= 0, got " + warmup);
            }
        }
    }

    /** Runs the benchmark and prints the results; returns the exit status. */
    public static int run(Options o) throws IOException, InterruptedException {
        int n = o.size();
        int k = o.k();
        double[] img;
        if (o.noise()) {
            SplittableRandom rng = new SplittableRandom(12345);
            img = new double[n * n];
            for (int i = 0; i < img.length; i++) {
                img[i] = rng.nextDouble() * 1000;
            }
        } else {
            img = RandomField.generate(
                    n, n, RandomField.DEFAULT_WIDTH_DIVISOR, RandomField.seedFor(RandomField.DEFAULT_SEED, 0));
        }
        System.out.printf(
                Locale.ROOT,
                "FarmBench on %s (%s, %d cores), Java %s%n",
                org.orrery.io.MachineInfo.probe().host(),
                org.orrery.io.MachineInfo.probe().cpuModel(),
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"));
        System.out.printf(
                Locale.ROOT,
                "Kernels on one core: %dx%d %s image, k=%d, %d warm-up + %d timed runs%n",
                n,
                n,
                o.noise() ? "uniform-noise" : "smooth random-field",
                k,
                o.warmup(),
                o.repeats());
        final double[] image = img;
        Timing hp = time(
                "median high-pass k=" + k,
                o.warmup(),
                o.repeats(),
                (long) n * n,
                () -> MedianFilter.highPass(image, n, n, k)[0]);
        System.out.println(hp.line());
        Timing st = time("mean, std, median log10", o.warmup(), o.repeats(), (long) n * n, () -> {
            ImageStats.Moments m = ImageStats.moments(image);
            return m.mean() + m.std() + ImageStats.medianLog10(image);
        });
        System.out.println(st.line());
        Timing br =
                time("brightest pixel", o.warmup(), o.repeats(), (long) n * n, () -> ImageStats.brightest(image, n, n)
                        .value());
        System.out.println(br.line());
        System.out.printf(Locale.ROOT, "per-image high-pass: %.3f s (best of %d)%n", hp.bestS(), o.repeats());
        if (o.noMpi()) {
            return 0;
        }
        System.out.printf(
                Locale.ROOT,
                "%nWhole farm runs under mpirun: the activity's 25 images 1000x1000 in %s, k=50, dynamic scheduling%n",
                o.images());
        // The textbook serial time: one rank confined to one core (its JIT compiler, GC, reader and
        // writer threads included). Unconfined, np = 1 also uses the idle cores for those threads.
        double oneCore = Double.NaN;
        if (Files.isExecutable(Path.of("/usr/bin/taskset"))) {
            oneCore = medianRun(1, o.images(), true).get("wall_s").getAsDouble();
            System.out.printf(
                    Locale.ROOT,
                    "np 1 confined to one core (taskset -c %s): wall %.2f s (median of %d)%n",
                    firstCpu(),
                    oneCore,
                    RUNS);
        }
        double wall1 = Double.NaN;
        System.out.printf(
                Locale.ROOT,
                "%4s %9s %12s %14s %10s %11s %14s %11s%n",
                "np",
                "wall_s",
                "images/s",
                "cpu_sum_s",
                "speedup",
                "efficiency",
                "speedup_1core",
                "eff_1core");
        for (int np : o.nps()) {
            JsonObject js = medianRun(np, o.images(), false);
            double wall = js.get("wall_s").getAsDouble();
            JsonObject res = js.getAsJsonObject("results");
            if (np == o.nps()[0]) {
                wall1 = wall * np;
            }
            double speed = wall1 / wall;
            System.out.printf(
                    Locale.ROOT,
                    "%4d %9.2f %12.2f %14.2f %10.2f %10.0f%% %14.2f %10.0f%%%n",
                    np,
                    wall,
                    js.get("rate").getAsDouble(),
                    res.get("serial_time_s").getAsDouble(),
                    speed,
                    100 * speed / np,
                    oneCore / wall,
                    100 * oneCore / wall / np);
        }
        System.out.println("median of " + RUNS + " runs each; speedup = wall(np=first) * first / wall(np); "
                + "speedup_1core = wall(np 1 on one core) / wall(np).");
        return 0;
    }

    /** Whole runs per configuration; the median wall time is reported. */
    static final int RUNS = 3;

    static JsonObject medianRun(int np, Path images, boolean oneCore) throws IOException, InterruptedException {
        List<JsonObject> runs = new java.util.ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
            runs.add(farmRun(np, images, oneCore));
        }
        runs.sort(java.util.Comparator.comparingDouble(j -> j.get("wall_s").getAsDouble()));
        return runs.get(RUNS / 2);
    }

    /** The first CPU this process may run on (from /proc/self/status; 0 when unknown). */
    static String firstCpu() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Cpus_allowed_list:")) {
                    return line.substring(line.indexOf(':') + 1).trim().split("[-,]", -1)[0];
                }
            }
        } catch (IOException e) {
            return "0";
        }
        return "0";
    }

    static JsonObject farmRun(int np, Path images, boolean oneCore) throws IOException, InterruptedException {
        Path json = Files.createTempFile("orrery-farm-bench", ".json");
        Path out = Files.createTempDirectory("orrery-farm-bench-out");
        try {
            List<String> cmd = BenchSupport.mpirunJava(
                    np,
                    "ImageFarm",
                    "--images",
                    images.toString(),
                    "-o",
                    out.toString(),
                    "-q",
                    "--print-rows",
                    "0",
                    "--summary",
                    json.toString());
            if (oneCore) {
                cmd.addAll(0, List.of("/usr/bin/taskset", "-c", firstCpu()));
            }
            BenchSupport.Ran p = BenchSupport.run(cmd, Map.of(), 3600);
            if (p.exit() != 0) {
                throw new IOException(
                        "farm run failed (exit " + p.exit() + "): " + String.join(" ", cmd) + "\n" + p.output());
            }
            return JsonParser.parseString(Files.readString(json)).getAsJsonObject();
        } finally {
            Files.deleteIfExists(json);
            try (var files = Files.walk(out)) {
                for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(f);
                }
            }
        }
    }

    interface Kernel {
        double run();
    }

    static Timing time(String what, int warmup, int repeats, long pixels, Kernel kernel) {
        double sink = 0;
        for (int i = 0; i < warmup; i++) {
            sink += kernel.run();
        }
        double[] t = new double[Math.max(1, repeats)];
        for (int i = 0; i < t.length; i++) {
            long t0 = System.nanoTime();
            sink += kernel.run();
            t[i] = (System.nanoTime() - t0) * 1e-9;
        }
        java.util.Arrays.sort(t);
        if (sink == 42.4242) {
            System.out.println("(sink)"); // keeps the JIT from discarding the work
        }
        return new Timing(what, t[0], t[t.length / 2], pixels);
    }
}
