package org.orrery.physics.image;

/**
 * Cubic B-spline resampling of a small 2-D grid to a larger one, as SciPy 1.10's {@code scipy.ndimage.zoom(mesh, zoom,
 * order=3, mode='reflect', grid_mode=…)} that photutils' {@code BkgZoomInterpolator} calls (Unser 1999, "Splines: a
 * perfect fit for signal and image processing", IEEE SPM 16(6) 22–38).
 *
 * <p>Algorithm: (1) prefilter each axis (axis 0, then 1) to B-spline coefficients with the causal/anti-causal recursion
 * of pole z = √3 − 2 and gain (1 − z)(1 − 1/z), initialised for the half-sample symmetric ('reflect') extension
 * {@code d c b a | a b c d | d c b a}; (2) for output index k the input coordinate is c = (k + ½)·n_in/n_out − ½
 * ({@code grid_mode=True}) or c = k·(n_in − 1)/(n_out − 1) ({@code grid_mode=False}); (3) value = Σ β³(c − j)·coef_j
 * over the four j around c, indices outside [0, n) reflected. The 2-D result is separable (x, then y). Differs from
 * SciPy by rounding only (SciPy sums the 16 tensor weights in another order): ≲ 1e-13 relative on the background
 * fixtures.
 *
 * <p>Pure; thread-safe.
 */
public final class SplineZoom {
    private static final double POLE = Math.sqrt(3.0) - 2.0;

    private SplineZoom() {}

    /** B-spline coefficients of one line in place (stride {@code step}, {@code n} values). */
    static void prefilter(double[] c, int off, int step, int n) {
        if (n == 1) {
            return;
        }
        double z = POLE;
        double gain = (1 - z) * (1 - 1 / z);
        for (int i = 0; i < n; i++) {
            c[off + i * step] *= gain;
        }
        // causal initialisation for the half-sample symmetric extension, accumulated in c[0] itself
        // as SciPy 1.10 does: at i = n − 1 the term c[n−1−i] is the partly accumulated c[0]
        // (SciPy issue gh-24550, an error ~ z^(2n): 2e-6 relative for a 5-box mesh axis). It is
        // reproduced on purpose, since photutils' backgrounds carry it.
        double zn = Math.pow(z, n);
        double c0 = c[off];
        c[off] = c[off] + zn * c[off + (n - 1) * step];
        double zi = z;
        for (int i = 1; i < n; i++) {
            c[off] += zi * (c[off + i * step] + zn * c[off + (n - 1 - i) * step]);
            zi *= z;
        }
        c[off] *= z / (1 - zn * zn);
        c[off] += c0;
        for (int i = 1; i < n; i++) {
            c[off + i * step] += z * c[off + (i - 1) * step];
        }
        c[off + (n - 1) * step] *= z / (z - 1);
        for (int i = n - 2; i >= 0; i--) {
            c[off + i * step] = z * (c[off + (i + 1) * step] - c[off + i * step]);
        }
    }

    /** Half-sample symmetric index into [0, n). */
    static int reflect(int i, int n) {
        if (n == 1) {
            return 0;
        }
        int p = Math.floorMod(i, 2 * n);
        return p >= n ? 2 * n - 1 - p : p;
    }

    /** Input coordinate of output index {@code k}. */
    static double coordinate(int k, int nIn, int nOut, boolean gridMode) {
        if (gridMode) {
            double zoom = (double) nIn / nOut;
            return (k + 0.5) * zoom - 0.5;
        }
        double zoom = nOut > 1 ? (double) (nIn - 1) / (nOut - 1) : 1.0;
        return k * zoom;
    }

    /** For each output index: first input index (before reflection) and the four weights. */
    private static void weights(int nIn, int nOut, boolean gridMode, int[] start, double[] w) {
        for (int k = 0; k < nOut; k++) {
            double c = coordinate(k, nIn, nOut, gridMode);
            double f = Math.floor(c);
            double t = c - f;
            start[k] = (int) f - 1;
            double u = 1 - t;
            w[4 * k] = u * u * u / 6.0;
            w[4 * k + 1] = (3 * t * t * t - 6 * t * t + 4) / 6.0;
            w[4 * k + 2] = (-3 * t * t * t + 3 * t * t + 3 * t + 1) / 6.0;
            w[4 * k + 3] = t * t * t / 6.0;
        }
    }

    /**
     * Resamples {@code mesh} ({@code my} × {@code mx}, row-major) to {@code outY} × {@code outX}, keeping only the
     * first {@code keepY} rows and {@code keepX} columns (photutils crops the padded zoom to the image).
     */
    public static double[] zoom(
            double[] mesh, int my, int mx, int outY, int outX, boolean gridMode, int keepY, int keepX) {
        double[] c = mesh.clone();
        for (int x = 0; x < mx; x++) {
            prefilter(c, x, mx, my); // axis 0 first, as scipy.ndimage.spline_filter
        }
        for (int y = 0; y < my; y++) {
            prefilter(c, y * mx, 1, mx);
        }
        int[] sx = new int[outX];
        double[] wx = new double[4 * outX];
        weights(mx, outX, gridMode, sx, wx);
        int[] sy = new int[outY];
        double[] wy = new double[4 * outY];
        weights(my, outY, gridMode, sy, wy);
        double[] rows = new double[my * keepX];
        for (int y = 0; y < my; y++) {
            for (int x = 0; x < keepX; x++) {
                double v = 0;
                for (int j = 0; j < 4; j++) {
                    v += wx[4 * x + j] * c[y * mx + reflect(sx[x] + j, mx)];
                }
                rows[y * keepX + x] = v;
            }
        }
        double[] out = new double[keepY * keepX];
        for (int y = 0; y < keepY; y++) {
            int[] iy = new int[4];
            for (int j = 0; j < 4; j++) {
                iy[j] = reflect(sy[y] + j, my);
            }
            for (int x = 0; x < keepX; x++) {
                double v = 0;
                for (int j = 0; j < 4; j++) {
                    v += wy[4 * y + j] * rows[iy[j] * keepX + x];
                }
                out[y * keepX + x] = v;
            }
        }
        return out;
    }
}
