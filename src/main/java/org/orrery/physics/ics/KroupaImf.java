package org.orrery.physics.ics;

import java.util.SplittableRandom;
import org.orrery.model.UserError;

/**
 * The Kroupa (2001, MNRAS 322, 231, eq. 2) initial mass function between given limits: ξ(m) ∝ m^{−α_i}, continuous at
 * the breaks, with
 *
 * <pre>
 *   α₀ = 0.3  for m &lt; 0.08 M_☉,   α₁ = 1.3  for 0.08 ≤ m &lt; 0.5 M_☉,   α₂ = 2.3  for m ≥ 0.5 M_☉
 * </pre>
 *
 * (Kroupa gives α₀ for 0.01–0.08 M_☉; a lower limit below 0.01 extends that segment). Masses in solar masses. Sampling:
 * a segment by its share of the number of stars, then the inverse of the power law's cumulative distribution inside it,
 * m = [a^{1−α} + u (b^{1−α} − a^{1−α})]^{1/(1−α)}. Moments ⟨m^k⟩ are exact sums of ∫ m^{k−α} dm over the segments.
 * Immutable.
 */
public final class KroupaImf {
    static final double[] BREAKS = {0.08, 0.5};
    static final double[] ALPHA = {0.3, 1.3, 2.3};

    private final double lo;
    private final double hi;
    private final double[] a;
    private final double[] b;
    private final double[] alpha;
    private final double[] k;
    private final double[] cumulative;

    /** The IMF between {@code mLow} and {@code mHigh} (solar masses), 0 &lt; mLow &lt; mHigh. */
    public KroupaImf(double mLow, double mHigh) {
        if (!(mLow > 0) || !Double.isFinite(mLow)) {
            throw new UserError("IMF lower mass limit must be positive and finite, got " + mLow);
        }
        if (!(mHigh > 0) || !Double.isFinite(mHigh)) {
            throw new UserError("IMF upper mass limit must be positive and finite, got " + mHigh);
        }
        if (!(mLow < mHigh)) {
            throw new UserError(
                    "IMF mass limits are reversed or equal: lower " + mLow + " must be below upper " + mHigh);
        }
        this.lo = mLow;
        this.hi = mHigh;
        double[] edges = {0, BREAKS[0], BREAKS[1], Double.POSITIVE_INFINITY};
        double[] kk = {1, 0, 0};
        kk[1] = kk[0] * Math.pow(BREAKS[0], ALPHA[1] - ALPHA[0]);
        kk[2] = kk[1] * Math.pow(BREAKS[1], ALPHA[2] - ALPHA[1]);
        int segs = 0;
        double[] sa = new double[3];
        double[] sb = new double[3];
        double[] sal = new double[3];
        double[] sk = new double[3];
        for (int s = 0; s < 3; s++) {
            double x0 = Math.max(edges[s], mLow);
            double x1 = Math.min(edges[s + 1], mHigh);
            if (x1 > x0) {
                sa[segs] = x0;
                sb[segs] = x1;
                sal[segs] = ALPHA[s];
                sk[segs] = kk[s];
                segs++;
            }
        }
        a = java.util.Arrays.copyOf(sa, segs);
        b = java.util.Arrays.copyOf(sb, segs);
        alpha = java.util.Arrays.copyOf(sal, segs);
        k = java.util.Arrays.copyOf(sk, segs);
        cumulative = new double[segs];
        double total = 0;
        for (int s = 0; s < segs; s++) {
            total += k[s] * powerIntegral(a[s], b[s], -alpha[s]);
            cumulative[s] = total;
        }
        for (int s = 0; s < segs; s++) {
            cumulative[s] /= total;
        }
    }

    /** ∫_x0^x1 m^p dm. */
    static double powerIntegral(double x0, double x1, double p) {
        if (p == -1) {
            return Math.log(x1 / x0);
        }
        return (Math.pow(x1, p + 1) - Math.pow(x0, p + 1)) / (p + 1);
    }

    public double lowerLimit() {
        return lo;
    }

    public double upperLimit() {
        return hi;
    }

    /** The exact moment ⟨m^order⟩ of the distribution (order 1: the mean mass). */
    public double moment(int order) {
        double num = 0;
        double den = 0;
        for (int s = 0; s < a.length; s++) {
            num += k[s] * powerIntegral(a[s], b[s], order - alpha[s]);
            den += k[s] * powerIntegral(a[s], b[s], -alpha[s]);
        }
        return num / den;
    }

    /** One mass drawn with {@code rng} (two uniform draws). */
    public double sample(SplittableRandom rng) {
        double u = rng.nextDouble();
        int s = 0;
        while (s < cumulative.length - 1 && u >= cumulative[s]) {
            s++;
        }
        double v = rng.nextDouble();
        double e = 1 - alpha[s];
        if (e == 0) {
            return a[s] * Math.pow(b[s] / a[s], v);
        }
        double pa = Math.pow(a[s], e);
        double pb = Math.pow(b[s], e);
        double m = Math.pow(pa + v * (pb - pa), 1 / e);
        return Math.min(b[s], Math.max(a[s], m));
    }

    @Override
    public String toString() {
        return "Kroupa (2001) IMF in [" + lo + ", " + hi + "] Msun";
    }
}
