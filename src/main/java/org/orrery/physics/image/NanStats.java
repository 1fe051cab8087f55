package org.orrery.physics.image;

/**
 * Mean, median and standard deviation of the first {@code n} values of an array, in exactly the arithmetic of
 * bottleneck 1.3 ({@code nanmean}, {@code nanmedian}, {@code nanstd}), which astropy's sigma clipping and photutils use
 * whenever bottleneck is installed (it is on Debian):
 *
 * <ul>
 *   <li>mean = (Σ x_i) / n with one float64 accumulator in index order (not numpy's pairwise sum: numpy would differ in
 *       the last bits for n &gt; 8);
 *   <li>std = √(Σ (x_i − mean)² / (n − ddof)), two passes, index order; NaN when n ≤ ddof;
 *   <li>median = x_(k) for odd n, 0.5·(x_(k−1) + x_(k)) for even n, k = ⌊n/2⌋ (order statistics).
 * </ul>
 *
 * Callers pass NaN-free values; empty input gives NaN. Pure functions; thread-safe (the median uses the caller's
 * scratch array).
 */
public final class NanStats {
    private NanStats() {}

    public static double mean(double[] x, int n) {
        if (n == 0) {
            return Double.NaN;
        }
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += x[i];
        }
        return s / n;
    }

    public static double std(double[] x, int n, int ddof) {
        if (n <= ddof || n == 0) {
            return Double.NaN;
        }
        double m = mean(x, n);
        double s = 0;
        for (int i = 0; i < n; i++) {
            double d = x[i] - m;
            s += d * d;
        }
        return Math.sqrt(s / (n - ddof));
    }

    /** Median of {@code x[0..n)}; {@code scratch} (length ≥ n) is overwritten, {@code x} is not. */
    public static double median(double[] x, int n, double[] scratch) {
        if (n == 0) {
            return Double.NaN;
        }
        System.arraycopy(x, 0, scratch, 0, n);
        int k = n / 2;
        double upper = Select.select(scratch, 0, n, k);
        if (n % 2 == 1) {
            return upper;
        }
        double lower = scratch[0];
        for (int i = 1; i < k; i++) {
            lower = Math.max(lower, scratch[i]);
        }
        return 0.5 * (upper + lower);
    }

    /**
     * astropy's {@code mad_std}: 1.482602218505602 · median(|x − median(x)|), the normal-consistent median absolute
     * deviation.
     */
    public static double madStd(double[] x, int n, double[] scratch, double[] scratch2) {
        double med = median(x, n, scratch);
        for (int i = 0; i < n; i++) {
            scratch2[i] = Math.abs(x[i] - med);
        }
        return median(scratch2, n, scratch) * 1.482602218505602;
    }
}
