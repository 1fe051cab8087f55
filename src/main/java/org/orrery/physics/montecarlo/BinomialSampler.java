package org.orrery.physics.montecarlo;

import java.util.random.RandomGenerator;

/**
 * Exact sampling of the binomial distribution Binomial(n, p): the number of successes in {@code n} independent trials
 * of probability {@code p}, P(X = k) = C(n, k) p<sup>k</sup> (1&minus;p)<sup>n&minus;k</sup>.
 *
 * <p>Algorithm. With p&#x2032; = min(p, 1&minus;p) (and X = n &minus; X&#x2032; by symmetry when p &gt; &frac12;):
 *
 * <ul>
 *   <li><b>Small mean</b> (n&middot;p&#x2032; &lt; {@value #INVERSION_MEAN}): sequential inversion, algorithm BINV of
 *       Kachitvichyanukul &amp; Schmeiser, "Binomial random variate generation", CACM 31 (1988) 216: one uniform u,
 *       walk k = 0, 1, &hellip; subtracting P(X = k), computed by the recurrence P(k) = P(k&minus;1)&middot;((n+1)s/k
 *       &minus; s), s = p/(1&minus;p), starting from P(0) = (1&minus;p)<sup>n</sup>. Expected cost n&middot;p&#x2032; +
 *       1 steps. If rounding leaves u unspent after k = n, u is redrawn.
 *   <li><b>Large mean</b>: order-statistic splitting (Knuth, TAOCP vol. 2, 3rd ed., &sect;3.4.1 F; Devroye,
 *       "Non-Uniform Random Variate Generation", 1986, &sect;X.4): the a-th smallest of t uniforms, a = 1 +
 *       &lfloor;t/2&rfloor;, is Beta(a, t+1&minus;a). If it is &ge; p, the a&minus;1 smaller uniforms are uniform on
 *       [0, Y) and the count below p is Binomial(a&minus;1, p/Y); otherwise a successes are certain and the t&minus;a
 *       larger uniforms contribute Binomial(t&minus;a, (p&minus;Y)/(1&minus;Y)). Each split halves t, so O(log n) Beta
 *       variates (two Marsaglia&ndash;Tsang gammas each) reduce any n to the small-mean case.
 * </ul>
 *
 * Both steps are exact in distribution (no normal or Poisson approximation); only floating-point rounding of
 * probabilities (relative 1e-16) separates them from the mathematical law.
 *
 * <p>Edges: n = 0 or p = 0 gives 0, p = 1 gives n. Requires n &ge; 0, 0 &le; p &le; 1 and n &lt; 2<sup>53</sup>.
 * Stateless and thread-safe; the generator passed in is not (one per thread).
 */
public final class BinomialSampler {
    /** Mean below which sequential inversion is used. */
    public static final double INVERSION_MEAN = 30.0;

    private BinomialSampler() {}

    /** One Binomial(n, p) variate drawn from {@code rng}. */
    public static long sample(RandomGenerator rng, long n, double p) {
        if (n < 0 || n >= (1L << 53)) {
            throw new IllegalArgumentException("binomial n must be in [0, 2^53), got " + n);
        }
        if (!(p >= 0.0 && p <= 1.0)) {
            throw new IllegalArgumentException("binomial p must be in [0, 1], got " + p);
        }
        long successes = 0;
        long t = n;
        double q = p;
        // Order-statistic splitting until the remaining mean is small.
        while (t > 0 && t * Math.min(q, 1.0 - q) >= INVERSION_MEAN) {
            long a = 1 + t / 2;
            long b = t + 1 - a;
            double y = beta(rng, (double) a, (double) b);
            if (y >= q) {
                t = a - 1;
                q = q / y;
            } else {
                successes += a;
                t = b - 1;
                q = (q - y) / (1.0 - y);
            }
            // Rounding can push the conditional probability a hair outside [0, 1].
            q = Math.min(1.0, Math.max(0.0, q));
        }
        return successes + invert(rng, t, q);
    }

    /** Sequential inversion (BINV) with symmetry; n&middot;min(p, 1&minus;p) should be small. */
    static long invert(RandomGenerator rng, long n, double p) {
        if (n == 0 || p == 0.0) {
            return 0;
        }
        if (p == 1.0) {
            return n;
        }
        if (p > 0.5) {
            return n - invert(rng, n, 1.0 - p);
        }
        double s = p / (1.0 - p);
        double a = (n + 1) * s;
        double p0 = Math.exp(n * Math.log1p(-p));
        while (true) {
            double u = rng.nextDouble();
            double f = p0;
            long k = 0;
            while (u > f) {
                u -= f;
                k++;
                if (k > n) {
                    break;
                }
                f *= a / k - s;
            }
            if (k <= n) {
                return k;
            }
        }
    }

    /** Beta(a, b) for a, b &ge; 1 as G<sub>a</sub>/(G<sub>a</sub>+G<sub>b</sub>). */
    static double beta(RandomGenerator rng, double a, double b) {
        double x = gamma(rng, a);
        double y = gamma(rng, b);
        return x / (x + y);
    }

    /**
     * Gamma(shape, 1) for shape &ge; 1: Marsaglia &amp; Tsang, "A simple method for generating gamma variables", ACM
     * TOMS 26 (2000) 363 (exact rejection method, acceptance &gt; 95%).
     */
    static double gamma(RandomGenerator rng, double shape) {
        double d = shape - 1.0 / 3.0;
        double c = 1.0 / Math.sqrt(9.0 * d);
        while (true) {
            double x;
            double v;
            do {
                x = rng.nextGaussian();
                v = 1.0 + c * x;
            } while (v <= 0.0);
            v = v * v * v;
            double u = rng.nextDouble();
            double x2 = x * x;
            if (u < 1.0 - 0.0331 * x2 * x2) {
                return d * v;
            }
            if (Math.log(u) < 0.5 * x2 + d * (1.0 - v + Math.log(v))) {
                return d * v;
            }
        }
    }
}
