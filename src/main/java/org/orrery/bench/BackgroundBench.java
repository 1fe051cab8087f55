package org.orrery.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import org.orrery.io.fits.HduImage;
import org.orrery.io.fits.MefReader;
import org.orrery.io.fits.MosaicFits;
import org.orrery.io.fits.MefWriter;
import org.orrery.physics.image.Background2D;
import org.orrery.physics.image.MosaicGenerator;

/**
 * Per-image mesh-background time of Orrery's {@link Background2D} beside photutils'
 * {@code Background2D} on the same image in the same run: one synthetic CCD
 * ({@link org.orrery.physics.image.MosaicGenerator}, default 2048 × 4096 int16) is written to a
 * FITS file, read back, and timed here (background + rms + subtraction, {@code --threads}
 * threads, after one warm-up) and then by {@code src/bench/python/photutils_background.py}
 * (/usr/bin/python3, one thread) with the same parameters: box B, 3 × 3 filter, σ = 3 with 10
 * iterations, SExtractor, pad. Prints best and median seconds of each, the ratio of medians, and
 * the largest relative difference between the two background maps.
 *
 * <p>Usage: {@code java -cp target/orrery-all.jar org.orrery.bench.BackgroundBench [ny nx box
 * repeats threads workdir]}. Timings depend on machine load: quote the ratio, and whether the
 * machine was shared.
 */
public final class BackgroundBench {
    /** Keeps the subtraction's result observable (no dead-code elimination). */
    static volatile double sink;

    private BackgroundBench() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        int ny = args.length > 0 ? Integer.parseInt(args[0]) : 4096;
        int nx = args.length > 1 ? Integer.parseInt(args[1]) : 2048;
        int box = args.length > 2 ? Integer.parseInt(args[2]) : 64;
        int repeats = args.length > 3 ? Integer.parseInt(args[3]) : 3;
        int threads = args.length > 4 ? Integer.parseInt(args[4]) : 1;
        Path dir = Path.of(args.length > 5 ? args[5] : "target/bench-background");
        Files.createDirectories(dir);
        Path file = dir.resolve("ccd.fits");
        MosaicFits.write(file, 20261203L, 1, ny, nx, k -> MosaicGenerator.ccd(20261203L, k, 1, ny, nx),
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
        Process py = new ProcessBuilder("/usr/bin/python3", script.toString(), file.toString(), Integer.toString(box),
                Integer.toString(repeats)).redirectErrorStream(true).start();
        String out = new String(py.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (!py.waitFor(3600, TimeUnit.SECONDS) || py.exitValue() != 0) {
            throw new IOException("photutils run failed: " + out);
        }
        JsonObject j = JsonParser.parseString(out.lines().reduce((a, b) -> b).orElse("{}")).getAsJsonObject();
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
        System.out.printf(Locale.ROOT, "orrery    Background2D: best %.3f s  median %.3f s  (background median %.4f)%n",
                min(ours), oursMed, sortedBkg[sortedBkg.length / 2]);
        System.out.printf(Locale.ROOT, "photutils %s: best %.3f s  median %.3f s  (background median %.4f)%n",
                j.get("photutils").getAsString(), min(theirs), theirsMed, j.get("bkg_median").getAsDouble());
        System.out.printf(Locale.ROOT, "photutils / orrery (medians): %.2f%n", theirsMed / oursMed);
        try (MefReader r = MefReader.open(Path.of(file + ".photutils_bkg.fits"))) {
            double[] theirBkg = r.read(r.images().get(0)).data();
            double worst = 0;
            for (int i = 0; i < theirBkg.length; i++) {
                worst = Math.max(worst, Math.abs(theirBkg[i] - res.background()[i]) / Math.abs(theirBkg[i]));
            }
            System.out.printf(Locale.ROOT, "largest relative difference of the background maps: %.2e (%d of %d boxes used)%n",
                    worst, res.boxesUsed(), res.meshY() * res.meshX());
        }
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
