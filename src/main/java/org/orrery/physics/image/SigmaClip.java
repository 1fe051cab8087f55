package org.orrery.physics.image;

import org.orrery.model.UserError;

/**
 * Iterative sigma clipping and sigma-clipped statistics with the semantics of astropy 5.2's {@code SigmaClip} and
 * {@code sigma_clipped_stats} (grow = False).
 *
 * <p>Algorithm (astropy {@code SigmaClip._sigmaclip_noaxis}): drop non-finite and masked values; then repeat at most
 * {@code maxIters} times, and only while the previous pass removed something: c = center(x), s = std or mad_std of x
 * (ddof 0), keep exactly the x with c − s·σ_lower ≤ x ≤ c + s·σ_upper (order preserved). The statistics are then the
 * mean, median and standard deviation (with {@code ddof}) of the kept values. An empty result gives NaN for all three,
 * where astropy returns masked values.
 *
 * <p>Arithmetic: astropy computes these with bottleneck when installed (Debian: yes), and {@link NanStats} reproduces
 * bottleneck's order of operations, so results equal astropy's to the last bit on float64 data ({@code SigmaClipTest},
 * fixtures from make_fixtures.py). astropy on a float32 array accumulates in float32; here values are float64 (equal to
 * astropy on {@code data.astype(float)}). Signed zero may differ (a median of −0.0 and 0.0).
 *
 * <p>Clipping along box rows, as photutils' {@code Background2D} does with {@code axis=1}, gives the same kept set per
 * row as clipping each row alone (rows that stopped changing stay unchanged), so {@link #clip} per box is exact there
 * too. Immutable and thread-safe.
 *
 * @param sigmaLower lower bound in standard deviations (astropy: {@code sigma_lower or sigma})
 * @param sigmaUpper upper bound in standard deviations
 * @param maxIters maximum passes ({@link Integer#MAX_VALUE} for astropy's {@code maxiters=None})
 * @param center center function
 * @param spread spread function
 */
public record SigmaClip(double sigmaLower, double sigmaUpper, int maxIters, Center center, Spread spread) {

    /** astropy's {@code cenfunc}. */
    public enum Center {
        MEDIAN,
        MEAN
    }

    /** astropy's {@code stdfunc}. */
    public enum Spread {
        STD,
        MAD_STD
    }

    /** Result of {@link #stats}: mean, median, std of the kept values, how many were kept, passes made. */
    public record Stats(double mean, double median, double std, int kept, int iterations) {}

    public SigmaClip {
        if (!(sigmaLower > 0) || !(sigmaUpper > 0) || Double.isInfinite(sigmaLower) || Double.isInfinite(sigmaUpper)) {
            throw new UserError(
                    "sigma clipping bounds must be positive and finite (got " + sigmaLower + ", " + sigmaUpper + ")");
        }
        if (maxIters < 1) {
            throw new UserError("sigma clipping needs at least 1 iteration (got " + maxIters + ")");
        }
        if (center == null || spread == null) {
            throw new UserError("sigma clipping needs a center and a spread function");
        }
    }

    /** astropy's defaults for {@code sigma_clipped_stats}: σ = 3, maxiters = 5, median, std. */
    public static SigmaClip astropyDefault() {
        return new SigmaClip(3.0, 3.0, 5, Center.MEDIAN, Spread.STD);
    }

    /**
     * Symmetric clipping at {@code sigma} with {@code maxIters} passes, median and std (photutils' SigmaClip(sigma,
     * maxiters)).
     */
    public static SigmaClip of(double sigma, int maxIters) {
        return new SigmaClip(sigma, sigma, maxIters, Center.MEDIAN, Spread.STD);
    }

    /**
     * Clips {@code v[0..n)} in place (finite values only), keeping order; returns the number kept (the kept values are
     * {@code v[0..kept)}). {@code s1}, {@code s2}: scratch arrays of length ≥ n. {@code passes[0]}, if {@code passes}
     * is non-null, receives the number of passes made.
     */
    public int clip(double[] v, int n, double[] s1, double[] s2, int[] passes) {
        int size = n;
        int changed = 1;
        int iter = 0;
        while (changed != 0 && iter < maxIters) {
            iter++;
            double c = center == Center.MEDIAN ? NanStats.median(v, size, s1) : NanStats.mean(v, size);
            double s = spread == Spread.STD ? NanStats.std(v, size, 0) : NanStats.madStd(v, size, s1, s2);
            double lo = c - s * sigmaLower;
            double hi = c + s * sigmaUpper;
            int m = 0;
            for (int i = 0; i < size; i++) {
                double x = v[i];
                if (x >= lo && x <= hi) {
                    v[m++] = x;
                }
            }
            changed = size - m;
            size = m;
        }
        if (passes != null) {
            passes[0] = iter;
        }
        return size;
    }

    /**
     * astropy's {@code sigma_clipped_stats(data, mask=mask, std_ddof=ddof, ...)}: NaN and ±inf are ignored, as are
     * values where {@code mask} (null: none) is true.
     */
    public Stats stats(double[] data, boolean[] mask, int ddof) {
        if (mask != null && mask.length != data.length) {
            throw new UserError("mask has " + mask.length + " elements for " + data.length + " data values");
        }
        double[] v = new double[data.length];
        int n = 0;
        for (int i = 0; i < data.length; i++) {
            if ((mask == null || !mask[i]) && Double.isFinite(data[i])) {
                v[n++] = data[i];
            }
        }
        double[] s1 = new double[n];
        double[] s2 = new double[n];
        int[] passes = new int[1];
        int kept = clip(v, n, s1, s2, passes);
        return new Stats(
                NanStats.mean(v, kept), NanStats.median(v, kept, s1), NanStats.std(v, kept, ddof), kept, passes[0]);
    }

    /**
     * astropy's {@code mask_value}: the mask of {@code numpy.ma.masked_values(data, value)}, i.e. |x − value| ≤ 1e-8 +
     * 1e-5·|value| (numpy.isclose defaults) for float data.
     */
    public static boolean[] maskValue(double[] data, double value) {
        boolean[] m = new boolean[data.length];
        double tol = 1e-8 + 1e-5 * Math.abs(value);
        for (int i = 0; i < data.length; i++) {
            m[i] = Math.abs(data[i] - value) <= tol || data[i] == value;
        }
        return m;
    }
}
