package org.orrery.analysis;

import org.apache.commons.math3.distribution.ChiSquaredDistribution;

/**
 * Statistical checks of an ensemble of M independent integer curves whose every point is binomially distributed,
 * X<sub>i</sub> ~ Binomial(N, q<sub>i</sub>) (surviving nuclei: N initial nuclei that each survive to point i with
 * probability q<sub>i</sub>). Expected mean &mu;<sub>i</sub> = N q<sub>i</sub>, variance &sigma;<sub>i</sub>&sup2; = N
 * q<sub>i</sub>(1&minus;q<sub>i</sub>).
 *
 * <ul>
 *   <li><b>Mean</b>: z<sub>i</sub> = (mean<sub>i</sub> &minus; &mu;<sub>i</sub>) / (&sigma;<sub>i</sub>/&radic;M), the
 *       deviation of the ensemble mean in units of its (exact, model) standard error. The check passes when max
 *       |z<sub>i</sub>| &le; the limit (4 by default) at every point. Points with &sigma;<sub>i</sub> = 0 (e.g. t = 0)
 *       must match exactly.
 *   <li><b>Variance</b> (&chi;&sup2;): at each point, (M&minus;1)s<sub>i</sub>&sup2;/&sigma;<sub>i</sub>&sup2; follows
 *       &chi;&sup2; with M&minus;1 degrees of freedom when X<sub>i</sub> is close to normal; the two-sided p-value is
 *       2&middot;min(F, 1&minus;F). Points with &sigma;<sub>i</sub>&sup2; &lt; 10 (where the binomial is too skewed for
 *       the &chi;&sup2; law) are not tested. The check passes when the smallest p-value exceeds &alpha;/(points tested)
 *       (Bonferroni, &alpha; = 0.001). Needs M &ge; 2.
 * </ul>
 *
 * Points of one curve are correlated in time, so these are per-point tests with a family-wise limit, not a single
 * goodness-of-fit statistic.
 */
public final class EnsembleChecks {
    /** Default limit on |z| for the mean check. */
    public static final double MEAN_LIMIT_SE = 4.0;
    /** Family-wise false-alarm level of the variance check. */
    public static final double VARIANCE_ALPHA = 1e-3;
    /** Smallest model variance at which the &chi;&sup2; law is used. */
    public static final double MIN_VARIANCE_TESTED = 10.0;

    private EnsembleChecks() {}

    /** Result of the mean check: largest |z| and where. */
    public record MeanCheck(double maxAbsZ, int worstPoint, int pointsTested, double limit) {
        public boolean passed() {
            return maxAbsZ <= limit;
        }
    }

    /** Result of the variance check. */
    public record VarianceCheck(double meanRatio, double minPValue, int worstPoint, int pointsTested, double pLimit) {
        /** Passes when every tested point's p-value is above the Bonferroni limit (vacuous with no point tested). */
        public boolean passed() {
            return pointsTested == 0 || minPValue > pLimit;
        }
    }

    /**
     * z<sub>i</sub> = (mean<sub>i</sub> &minus; N q<sub>i</sub>) / &radic;(N q<sub>i</sub>(1&minus;q<sub>i</sub>)/M) at
     * one point; 0 where the model variance is 0 and the mean matches, infinite where it does not.
     */
    public static double z(CurveStatistics stats, long n, double q, int i) {
        double mu = n * q;
        double var = n * q * (1.0 - q);
        double diff = stats.mean(i) - mu;
        if (var > 0.0) {
            return diff / Math.sqrt(var / stats.count());
        }
        return Math.abs(diff) < 1e-9 * Math.max(1.0, mu) ? 0.0 : Math.copySign(Double.POSITIVE_INFINITY, diff);
    }

    /**
     * Mean check over points selected by {@code stride} and {@code offset} ({@code i = offset + s*stride}), e.g. one
     * species of a point-major multi-species curve.
     */
    public static MeanCheck mean(CurveStatistics stats, long n, double[] q, int offset, int stride, double limit) {
        double worst = 0.0;
        int worstAt = -1;
        int tested = 0;
        for (int i = offset; i < stats.width(); i += stride) {
            double z = z(stats, n, q[i], i);
            tested++;
            if (Math.abs(z) > worst || worstAt < 0) {
                worst = Math.abs(z);
                worstAt = i;
            }
        }
        return new MeanCheck(worst, worstAt, tested, limit);
    }

    /** Variance check over the selected points (see {@link #mean}); M &ge; 2 curves needed. */
    public static VarianceCheck variance(CurveStatistics stats, long n, double[] q, int offset, int stride) {
        long m = stats.count();
        if (m < 2) {
            throw new IllegalArgumentException("the variance check needs at least 2 curves, got " + m);
        }
        ChiSquaredDistribution chi2 = new ChiSquaredDistribution(null, m - 1.0);
        double ratioSum = 0.0;
        double minP = 1.0;
        int worstAt = -1;
        int tested = 0;
        for (int i = offset; i < stats.width(); i += stride) {
            double var = n * q[i] * (1.0 - q[i]);
            if (!(var >= MIN_VARIANCE_TESTED)) {
                continue;
            }
            double ratio = stats.variance(i) / var;
            double f = chi2.cumulativeProbability((m - 1) * ratio);
            double p = Math.min(1.0, 2.0 * Math.min(f, 1.0 - f));
            ratioSum += ratio;
            tested++;
            if (p < minP || worstAt < 0) {
                minP = p;
                worstAt = i;
            }
        }
        double pLimit = tested == 0 ? 0.0 : VARIANCE_ALPHA / tested;
        return new VarianceCheck(tested == 0 ? Double.NaN : ratioSum / tested, minP, worstAt, tested, pLimit);
    }
}
