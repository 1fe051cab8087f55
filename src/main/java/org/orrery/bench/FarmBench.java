package org.orrery.bench;

import java.util.Locale;
import java.util.SplittableRandom;

import org.orrery.physics.image.ImageStats;
import org.orrery.physics.image.MedianFilter;
import org.orrery.physics.image.RandomField;

/**
 * Benchmark of the image farm's kernels on one core: the k×k median high-pass of an n×n image (the
 * teaching activity's {@code frame - median_filter(frame, 50)} on 1000×1000), and the statistics
 * and brightest-pixel kernels. Prints seconds per image (best and median of the timed repeats) and
 * megapixels per second. Images are the activity's smooth random fields (seeded) or uniform noise.
 *
 * <p>Usage: {@code FarmBench [--size N] [--k K] [--repeats R] [--warmup W] [--noise]}. Defaults:
 * 1000, 50, 5, 2. Timings depend on the machine and its load: run it on a quiet machine.
 */
public final class FarmBench {
    private FarmBench() {
    }

    /** Timing of one kernel: best and median seconds per call. */
    public record Timing(String what, double bestS, double medianS, long pixels) {
        public String line() {
            return String.format(Locale.ROOT, "%-28s best %8.4f s  median %8.4f s  %8.2f Mpixel/s", what, bestS, medianS,
                    pixels / bestS / 1e6);
        }
    }

    public static void main(String[] args) {
        int n = 1000;
        int k = 50;
        int repeats = 5;
        int warmup = 2;
        boolean noise = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--size" -> n = Integer.parseInt(args[++i]);
                case "--k" -> k = Integer.parseInt(args[++i]);
                case "--repeats" -> repeats = Integer.parseInt(args[++i]);
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                case "--noise" -> noise = true;
                case "-h", "--help" -> {
                    System.out.println("usage: FarmBench [--size N] [--k K] [--repeats R] [--warmup W] [--noise]");
                    return;
                }
                default -> {
                    System.err.println("orrery bench farm: error: unknown option '" + args[i] + "' (see --help)");
                    System.exit(2);
                }
            }
        }
        run(n, k, repeats, warmup, noise);
    }

    /** Runs the benchmark and prints the results. */
    public static void run(int n, int k, int repeats, int warmup, boolean noise) {
        double[] img;
        if (noise) {
            SplittableRandom rng = new SplittableRandom(12345);
            img = new double[n * n];
            for (int i = 0; i < img.length; i++) {
                img[i] = rng.nextDouble() * 1000;
            }
        } else {
            img = RandomField.generate(n, n, RandomField.DEFAULT_WIDTH_DIVISOR, RandomField.seedFor(RandomField.DEFAULT_SEED, 0));
        }
        System.out.printf(Locale.ROOT, "FarmBench: %dx%d %s image, k=%d, %d warm-up + %d timed runs, 1 thread, Java %s%n",
                n, n, noise ? "uniform-noise" : "smooth random-field", k, warmup, repeats, System.getProperty("java.version"));
        final double[] image = img;
        final int kk = k;
        Timing hp = time("median high-pass k=" + k, warmup, repeats, (long) n * n, () -> MedianFilter.highPass(image, n, n, kk)[0]);
        System.out.println(hp.line());
        Timing st = time("mean, std, median log10", warmup, repeats, (long) n * n, () -> {
            ImageStats.Moments m = ImageStats.moments(image);
            return m.mean() + m.std() + ImageStats.medianLog10(image);
        });
        System.out.println(st.line());
        Timing br = time("brightest pixel", warmup, repeats, (long) n * n, () -> ImageStats.brightest(image, n, n).value());
        System.out.println(br.line());
        System.out.printf(Locale.ROOT, "per-image high-pass: %.3f s (SciPy median_filter on this machine: ~24 s at k=50)%n", hp.bestS());
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
