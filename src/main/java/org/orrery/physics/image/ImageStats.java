package org.orrery.physics.image;

/**
 * Per-image statistics of the teaching texts' {@code analyze_image} and {@code find_brightest_point}, over all pixels
 * of a flat row-major image (pixel (x, y) at {@code a[y * nx + x]}).
 *
 * <ul>
 *   <li><b>mean</b> = Σx / n, summed in row-major order with Neumaier's compensated summation (error bound ≈ 2ε|Σx|,
 *       independent of n; NumPy's pairwise sum can differ in the last bits).
 *   <li><b>std</b> = sqrt(Σ(x − mean)² / n): the <em>population</em> standard deviation (ddof = 0, as {@code np.std}),
 *       two-pass with compensated summation.
 *   <li><b>median_log</b> = median of log10(max(x, 1e-6)) as {@code np.median}: the middle value for odd n, the average
 *       of the two middle values for even n. Because log10 is monotone it is computed (StrictMath.log10, reproducible
 *       everywhere) from the one or two middle elements of max(x, 1e-6), found by selection in O(n) (exactly the value
 *       that sorting all logs would give).
 *   <li><b>brightest</b> = (x, y, value) of the maximum; ties go to the first in row-major order ({@code np.argmax}).
 * </ul>
 *
 * NaN has no order: callers reject images with NaN ({@link #firstNaN}); ±Infinity propagate as in IEEE arithmetic.
 * Stateless and thread-safe.
 */
public final class ImageStats {
    private ImageStats() {}

    /** Floor applied before the logarithm, as in the teaching text. */
    public static final double LOG_FLOOR = 1e-6;

    /** Mean and population standard deviation. */
    public record Moments(double mean, double std) {}

    /** The brightest pixel: column x, row y, value. */
    public record Brightest(int x, int y, double value) {}

    /** Flat index of the first NaN, or −1. */
    public static int firstNaN(double[] a) {
        for (int i = 0; i < a.length; i++) {
            if (Double.isNaN(a[i])) {
                return i;
            }
        }
        return -1;
    }

    /** Mean and population standard deviation (ddof = 0) of a non-empty array. */
    public static Moments moments(double[] a) {
        if (a.length == 0) {
            throw new IllegalArgumentException("statistics of an empty image");
        }
        double mean = mean(a);
        return new Moments(mean, Math.sqrt(meanSquaredDeviation(a, mean)));
    }

    /* One loop per method: each is compiled once by C2 rather than once per hot loop of a longer method. */

    /** Σx / n with Neumaier's compensated summation in row-major order. */
    private static double mean(double[] a) {
        int n = a.length;
        double s = 0;
        double c = 0;
        for (double v : a) {
            double t = s + v;
            c += Math.abs(s) >= Math.abs(v) ? (s - t) + v : (v - t) + s;
            s = t;
        }
        // With an infinite sum the compensation is meaningless (inf - inf); IEEE's plain sum is the answer.
        return Double.isFinite(s) ? (s + c) / n : s / n;
    }

    /** Σ(x − mean)² / n, compensated. */
    private static double meanSquaredDeviation(double[] a, double mean) {
        int n = a.length;
        double q = 0;
        double cq = 0;
        for (double v : a) {
            double d = v - mean;
            double d2 = d * d;
            double t = q + d2;
            cq += q >= d2 ? (q - t) + d2 : (d2 - t) + q;
            q = t;
        }
        return Double.isFinite(q) ? (q + cq) / n : q / n;
    }

    /** Median of log10(max(x, 1e-6)) over all pixels, NumPy's convention for even n. */
    public static double medianLog10(double[] a) {
        int n = a.length;
        if (n == 0) {
            throw new IllegalArgumentException("median of an empty image");
        }
        double[] w = floored(a);
        int mid = n / 2;
        double upper = Select.select(w, mid);
        double up = StrictMath.log10(upper);
        if ((n & 1) == 1) {
            return up;
        }
        // After selection every element left of mid is <= upper: the lower middle is their maximum.
        return (StrictMath.log10(maxOfFirst(w, mid)) + up) / 2;
    }

    /** max(x, 1e-6) of every pixel, a new array. */
    private static double[] floored(double[] a) {
        double[] w = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            w[i] = Math.max(a[i], LOG_FLOOR);
        }
        return w;
    }

    /** The largest of {@code w[0 .. m)}, m ≥ 1, folded left to right with Math.max. */
    private static double maxOfFirst(double[] w, int m) {
        double lower = w[0];
        for (int i = 1; i < m; i++) {
            lower = Math.max(lower, w[i]);
        }
        return lower;
    }

    /** The first maximum in row-major order. */
    public static Brightest brightest(double[] a, int ny, int nx) {
        if (a.length == 0 || (long) ny * nx != a.length) {
            throw new IllegalArgumentException("image array has " + a.length + " values, expected " + nx + "x" + ny);
        }
        int best = 0;
        double v = a[0];
        for (int i = 1; i < a.length; i++) {
            if (a[i] > v) {
                v = a[i];
                best = i;
            }
        }
        return new Brightest(best % nx, best / nx, v);
    }
}
