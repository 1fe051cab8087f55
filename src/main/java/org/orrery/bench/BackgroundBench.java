package org.orrery.bench;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.orrery.io.ProcessGuard;
import org.orrery.io.fits.HduImage;
import org.orrery.io.fits.MefReader;
import org.orrery.io.fits.MefWriter;
import org.orrery.io.fits.MosaicFits;
import org.orrery.physics.image.Background2D;
import org.orrery.physics.image.MosaicGenerator;

/**
 * Per-image mesh-background time of Orrery's {@link Background2D} beside photutils' {@code Background2D} on the same
 * image in the same run: one synthetic CCD ({@link org.orrery.physics.image.MosaicGenerator}, default 2048 × 4096
 * int16) is written to a FITS file, read back, and timed here (background + rms + subtraction, {@code --threads}
 * threads, after one warm-up) and then by {@code src/bench/python/photutils_background.py} (/usr/bin/python3, one
 * thread) with the same parameters: box B, 3 × 3 filter, σ = 3 with 10 iterations, SExtractor, pad. Prints best and
 * median seconds of each, the ratio of medians, and the largest relative difference between the two background maps.
 *
 * <p>Usage: {@code launch/orrery bench background [--ny 4096 --nx 2048 --box 64 --repeats 3 --threads 1 --dir
 * target/bench-background]}. Timings depend on machine load: quote the ratio, and whether the machine was shared. The
 * Python run has a time limit ({@code --timeout}) and is killed with its descendants when it passes it.
 */
public final class BackgroundBench {
    /** Keeps the subtraction's result observable (no dead-code elimination). */
    static volatile double sink;

    private BackgroundBench() {}

    /**
     * Validated options.
     *
     * @param ny image rows
     * @param nx image columns
     * @param box background box side (pixels)
     * @param repeats timed runs of each
     * @param threads Orrery's threads
     * @param dir work directory (the CCD and photutils' map are written there)
     * @param timeoutSeconds limit of the photutils run
     */
    public record Options(int ny, int nx, int box, int repeats, int threads, Path dir, double timeoutSeconds) {
        public Options {
            OptionChecks.positive(new int[] {ny}, "--ny");
            OptionChecks.positive(new int[] {nx}, "--nx");
            OptionChecks.positive(new int[] {box}, "--box");
            OptionChecks.positive(new int[] {repeats}, "--repeats");
            OptionChecks.positive(new int[] {threads}, "--threads");
            if ((long) ny * nx > 200_000_000L) {
                throw new org.orrery.model.UserError("--ny x --nx must be at most 2e8 pixels, got " + nx + "x" + ny);
            }
            if (box > ny || box > nx) {
                throw new org.orrery.model.UserError(
                        "--box must not exceed the image (" + nx + "x" + ny + "), got " + box);
            }
            if (!(timeoutSeconds > 0)) {
                throw new org.orrery.model.UserError("--timeout must be positive, got " + timeoutSeconds);
            }
        }
    }

    /** Measures and prints; returns the exit status (0). */
    public static int run(Options o) throws IOException, InterruptedException {
        int ny = o.ny();
        int nx = o.nx();
        int box = o.box();
        int repeats = o.repeats();
        int threads = o.threads();
        Path dir = o.dir();
        Files.createDirectories(dir);
        Path file = dir.resolve("ccd.fits");
        MosaicFits.write(
                file,
                20261203L,
                1,
                ny,
                nx,
                k -> MosaicGenerator.ccd(20261203L, k, 1, ny, nx),
                MefWriter.Compression.NONE);
        HduImage img;
        try (MefReader r = MefReader.open(file)) {
            img = r.read(r.images().get(0));
        }
        Background2D.Params p = Background2D.Params.defaults(box);
        Background2D.Result res = Background2D.compute(img.data(), null, ny, nx, p, threads); // warm-up
        double[] ours = new double[repeats];
        double kept = 0;
        for (int k = 0; k < repeats; k++) {
            long t0 = System.nanoTime();
            res = Background2D.compute(img.data(), null, ny, nx, p, threads);
            double[] sub = res.subtract(img.data());
            ours[k] = (System.nanoTime() - t0) * 1e-9;
            kept += sub[sub.length / 2];
        }
        sink = kept; // keeps the JIT from dropping the timed work
        Path script = Path.of("src/bench/python/photutils_background.py");
        Path log = dir.resolve("photutils.log");
        ProcessBuilder pb = new ProcessBuilder(
                        "/usr/bin/python3",
                        script.toString(),
                        file.toString(),
                        Integer.toString(box),
                        Integer.toString(repeats))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        int exit;
        try (ProcessGuard.Guarded g = ProcessGuard.start(pb)) {
            Process py = g.process();
            if (!py.waitFor((long) Math.ceil(o.timeoutSeconds()), TimeUnit.SECONDS)) {
                ProcessGuard.killTree(py.toHandle());
                throw new IOException("photutils run exceeded --timeout " + o.timeoutSeconds() + " s (killed)");
            }
            exit = py.exitValue();
        }
        String out = Files.readString(log, StandardCharsets.UTF_8).trim();
        if (exit != 0) {
            throw new IOException("photutils run failed: " + out);
        }
        JsonObject j = JsonParser.parseString(out.lines().reduce((a, b) -> b).orElse("{}"))
                .getAsJsonObject();
        JsonArray ts = j.getAsJsonArray("seconds");
        double[] theirs = new double[ts.size()];
        for (int i = 0; i < theirs.length; i++) {
            theirs[i] = ts.get(i).getAsDouble();
        }
        double oursMed = median(ours);
        double theirsMed = median(theirs);
        double[] sortedBkg = res.background().clone();
        Arrays.sort(sortedBkg);
        System.out.printf(Locale.ROOT, "image %dx%d box %d, %d repeats, %d thread(s)%n", nx, ny, box, repeats, threads);
        System.out.printf(
                Locale.ROOT,
                "orrery    Background2D: best %.3f s  median %.3f s  (background median %.4f)%n",
                min(ours),
                oursMed,
                sortedBkg[sortedBkg.length / 2]);
        System.out.printf(
                Locale.ROOT,
                "photutils %s: best %.3f s  median %.3f s  (background median %.4f)%n",
                j.get("photutils").getAsString(),
                min(theirs),
                theirsMed,
                j.get("bkg_median").getAsDouble());
        System.out.printf(Locale.ROOT, "photutils / orrery (medians): %.2f%n", theirsMed / oursMed);
        try (MefReader r = MefReader.open(Path.of(file + ".photutils_bkg.fits"))) {
            double[] theirBkg = r.read(r.images().get(0)).data();
            double worst = 0;
            for (int i = 0; i < theirBkg.length; i++) {
                worst = Math.max(worst, Math.abs(theirBkg[i] - res.background()[i]) / Math.abs(theirBkg[i]));
            }
            System.out.printf(
                    Locale.ROOT,
                    "largest relative difference of the background maps: %.2e (%d of %d boxes used)%n",
                    worst,
                    res.boxesUsed(),
                    res.meshY() * res.meshX());
        }
        return 0;
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : 0.5 * (s[s.length / 2 - 1] + s[s.length / 2]);
    }

    private static double min(double[] v) {
        return Arrays.stream(v).min().orElse(Double.NaN);
    }
}
