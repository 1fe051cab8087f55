package org.orrery.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.orrery.io.fits.HduImage;
import org.orrery.io.fits.HduInfo;
import org.orrery.io.fits.MefReader;
import org.orrery.io.fits.MefWriter;
import org.orrery.io.fits.MosaicFits;
import org.orrery.physics.image.Background2D;
import org.orrery.physics.image.MosaicGenerator;

/**
 * Streams a synthetic mosaic through generation, listing and per-extension background, reporting times and the JVM's
 * peak heap use, to show that memory is bounded by one CCD whatever the file size: run with a small heap (e.g.
 * {@code -Xmx400m} for 60 × 2048 × 4096 int16 = 1 GB of pixels).
 *
 * <p>Usage: {@code java -Xmx400m -cp target/orrery-all.jar org.orrery.bench.MosaicBench [ccds ny nx box workdir
 * compress]} (defaults 60 4096 2048 64 target/bench-mosaic false).
 */
public final class MosaicBench {
    private MosaicBench() {}

    public static void main(String[] args) throws IOException {
        int ccds = args.length > 0 ? Integer.parseInt(args[0]) : 60;
        int ny = args.length > 1 ? Integer.parseInt(args[1]) : 4096;
        int nx = args.length > 2 ? Integer.parseInt(args[2]) : 2048;
        int box = args.length > 3 ? Integer.parseInt(args[3]) : 64;
        Path dir = Path.of(args.length > 4 ? args[4] : "target/bench-mosaic");
        boolean compress = args.length > 5 && Boolean.parseBoolean(args[5]);
        Files.createDirectories(dir);
        Path file = dir.resolve(compress ? "mosaic.fits.fz" : "mosaic.fits");
        long t0 = System.nanoTime();
        MosaicFits.write(
                file,
                20261203L,
                ccds,
                ny,
                nx,
                k -> MosaicGenerator.ccd(20261203L, k, ccds, ny, nx),
                compress ? MefWriter.Compression.LOSSLESS : MefWriter.Compression.NONE);
        double gen = (System.nanoTime() - t0) * 1e-9;
        System.out.printf(
                Locale.ROOT,
                "wrote %s: %d CCDs of %dx%d, %.1f MB in %.1f s; peak heap %.0f MB%n",
                file,
                ccds,
                nx,
                ny,
                Files.size(file) / 1e6,
                gen,
                peakHeapMb());
        t0 = System.nanoTime();
        double sum = 0;
        try (MefReader r = MefReader.open(file)) {
            double list = (System.nanoTime() - t0) * 1e-9;
            System.out.printf(
                    Locale.ROOT, "listed %d image HDUs in %.3f s%n", r.images().size(), list);
            for (HduInfo h : r.images()) {
                HduImage img = r.read(h);
                Background2D.Result b = Background2D.compute(
                        img.data(), null, img.ny(), img.nx(), Background2D.Params.defaults(box), 1);
                sum += b.mesh()[0];
            }
        }
        double proc = (System.nanoTime() - t0) * 1e-9;
        System.out.printf(
                Locale.ROOT,
                "read + background of every CCD: %.1f s (%.2f s per CCD); peak heap %.0f MB (check %.3f)%n",
                proc,
                proc / ccds,
                peakHeapMb(),
                sum / ccds);
    }

    private static double peakHeapMb() {
        long peak = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                peak += p.getPeakUsage().getUsed();
            }
        }
        return peak / 1e6;
    }
}
