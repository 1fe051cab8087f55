package org.orrery.io.fits;

/**
 * The random sequence of the FITS tiled-image convention used by subtractive dithering (Pence, Seaman & White 2013,
 * "Lossless and lossy compression of FITS images", §4.2; the FITS standard 4.0 §10.2.2; CFITSIO
 * {@code fits_init_randoms}): 10 000 single-precision values r_i = s_i / (2³¹ − 1) from the Park–Miller generator s_i =
 * 16807·s_{i−1} mod (2³¹ − 1), s_0 = 1, computed in double precision as the convention prescribes (s_10000 =
 * 1043618065).
 *
 * <p>Tile k (1-based row of the compressed table) with ZDITHER0 = d starts at index i0 = (k − 1 + d − 1) mod 10000 and
 * uses offsets from position j = ⌊r_{i0}·500⌋; after each pixel j advances, and when j reaches 10000, i0 advances (mod
 * 10000) and j = ⌊r_{i0}·500⌋ again. Immutable, thread-safe.
 */
public final class DitherSequence {
    /** Length of the sequence. */
    public static final int N = 10000;

    private static final float[] R = init();

    private DitherSequence() {}

    private static float[] init() {
        float[] r = new float[N];
        double a = 16807.0;
        double m = 2147483647.0;
        double seed = 1;
        for (int i = 0; i < N; i++) {
            double t = a * seed;
            seed = t - m * (int) (t / m);
            r[i] = (float) (seed / m);
        }
        if ((int) seed != 1043618065) {
            throw new IllegalStateException("dither sequence self-check failed");
        }
        return r;
    }

    /** r_i as a float. */
    public static float value(int i) {
        return R[i];
    }

    /**
     * The dither offsets of tile {@code tile} (1-based) with ZDITHER0 {@code zdither0}: fills {@code out[0..count)}
     * with the r values the pixels of the tile use, in pixel order.
     */
    public static void offsets(long tile, int zdither0, float[] out, int count) {
        int iseed = (int) ((tile - 1 + zdither0 - 1) % N);
        if (iseed < 0) {
            iseed += N;
        }
        int next = (int) (R[iseed] * 500);
        for (int i = 0; i < count; i++) {
            out[i] = R[next];
            next++;
            if (next == N) {
                iseed = (iseed + 1) % N;
                next = (int) (R[iseed] * 500);
            }
        }
    }
}
