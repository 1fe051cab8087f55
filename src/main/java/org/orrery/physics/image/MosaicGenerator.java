package org.orrery.physics.image;

import java.util.SplittableRandom;

/**
 * Synthetic mosaic-camera exposures (a DECam-like focal plane: {@code ccds} CCDs of ny × nx 16-bit pixels, 60 × 4096 ×
 * 2048 by default), one CCD at a time so a writer can stream them.
 *
 * <p>Model of CCD k (counts, ADU): bias 1000 + sky 600·(1 + 0.1·u) with u the CCD's position in a linear gradient
 * across the focal plane (CCDs on a ⌈√ccds⌉-wide grid) plus 20·(y/ny) inside the CCD; 40 stars with circular Gaussian
 * PSFs (σ = 1.8 px) of total flux 10^U(3, 6) ADU; one hot column (+2000) at a random x; 30 single-pixel cosmic rays
 * (+U(500, 5000)); Gaussian noise of variance read noise² (5²) + sky; rounded and clipped to [−32768, 32767] (bright
 * stars saturate at 32767, as on a real CCD). Draw order (SplitMix64 stream {@link RandomField#seedFor}(seed, k),
 * {@link SplittableRandom}): star x, y, log-flux ×40; hot column; cosmic x, y, amplitude ×30; then the noise row-major,
 * two pixels per Box–Muller pair with {@link StrictMath} — a CCD depends only on (seed, k, ccds, ny, nx), never on the
 * rank or thread that makes it, and is the same bits on every JVM.
 *
 * <p>Pure; thread-safe.
 */
public final class MosaicGenerator {
    /** DECam-like defaults: 60 science CCDs of 2048 × 4096 pixels. */
    public static final int DEFAULT_CCDS = 60;

    public static final int DEFAULT_NY = 4096;
    public static final int DEFAULT_NX = 2048;
    private static final int STARS = 40;
    private static final int COSMICS = 30;
    private static final double PSF_SIGMA = 1.8;

    private MosaicGenerator() {}

    /** CCD {@code k} (0-based) of a {@code ccds}-CCD mosaic, {@code ny} rows of {@code nx} pixels, row-major. */
    public static short[] ccd(long seed, int k, int ccds, int ny, int nx) {
        if (k < 0 || k >= ccds || ny < 1 || nx < 1 || (long) ny * nx > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("CCD " + k + " of " + ccds + " (" + nx + "x" + ny + ")");
        }
        SplittableRandom r = new SplittableRandom(RandomField.seedFor(seed, k));
        int grid = (int) Math.ceil(Math.sqrt(ccds));
        double u = grid > 1 ? (k % grid) / (double) (grid - 1) : 0;
        double sky = 600 * (1 + 0.1 * u);
        double[] img = new double[ny * nx];
        for (int y = 0; y < ny; y++) {
            double level = 1000 + sky + 20.0 * y / ny;
            java.util.Arrays.fill(img, y * nx, (y + 1) * nx, level);
        }
        for (int s = 0; s < STARS; s++) {
            double cx = r.nextDouble() * nx;
            double cy = r.nextDouble() * ny;
            double flux = StrictMath.pow(10, 3 + 3 * r.nextDouble());
            star(img, ny, nx, cx, cy, flux);
        }
        int hot = r.nextInt(nx);
        for (int y = 0; y < ny; y++) {
            img[y * nx + hot] += 2000;
        }
        for (int c = 0; c < COSMICS; c++) {
            int x = r.nextInt(nx);
            int y = r.nextInt(ny);
            img[y * nx + x] += 500 + 4500 * r.nextDouble();
        }
        double sigma = Math.sqrt(25 + sky);
        short[] out = new short[ny * nx];
        for (int i = 0; i < out.length; i += 2) {
            double u1 = 1.0 - r.nextDouble(); // (0, 1]
            double u2 = r.nextDouble();
            double rad = StrictMath.sqrt(-2 * StrictMath.log(u1));
            out[i] = clip(img[i] + sigma * rad * StrictMath.cos(2 * Math.PI * u2));
            if (i + 1 < out.length) {
                out[i + 1] = clip(img[i + 1] + sigma * rad * StrictMath.sin(2 * Math.PI * u2));
            }
        }
        return out;
    }

    private static void star(double[] img, int ny, int nx, double cx, double cy, double flux) {
        int rad = (int) Math.ceil(5 * PSF_SIGMA);
        double norm = flux / (2 * Math.PI * PSF_SIGMA * PSF_SIGMA);
        for (int y = Math.max(0, (int) cy - rad); y <= Math.min(ny - 1, (int) cy + rad); y++) {
            for (int x = Math.max(0, (int) cx - rad); x <= Math.min(nx - 1, (int) cx + rad); x++) {
                double dx = x + 0.5 - cx;
                double dy = y + 0.5 - cy;
                img[y * nx + x] += norm * StrictMath.exp(-(dx * dx + dy * dy) / (2 * PSF_SIGMA * PSF_SIGMA));
            }
        }
    }

    private static short clip(double v) {
        return (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.rint(v)));
    }
}
