package org.orrery.analysis;

import java.util.function.UnaryOperator;

/**
 * Delete-one jackknife (Quenouille 1956; Tukey 1958; as used for correlation functions by e.g. Norberg et al. 2009,
 * MNRAS 396, 19) from exact per-patch pair counts.
 *
 * <p><b>Counts.</b> A {@link Counts} holds, per bin, the full-sample count and the K delete-one counts (pairs with no
 * point in patch k), with the numbers of points per patch. Normalised pair fractions use {@code N(N−1)/2} unique pairs
 * (auto) or {@code N₁N₂} (cross) of the sample that remains, so {@code dd_k = DD_{−k} / (N_{−k}(N_{−k}−1)/2)} with
 * {@code N_{−k} = N − n_k}. {@link Weighted} holds weighted pair sums instead, normalised by the weighted analogues
 * (auto: {@code ((Σw)² − Σw²)/2} over the remaining points; cross: {@code Σw₁ Σw₂}), as Corrfunc's and pycorr's
 * weighted counts are.
 *
 * <p><b>Estimate and covariance.</b> For a statistic θ (a vector: ξ, wp, multipoles, w(θ)) computed on the full sample
 * (θ̂) and on each delete-one sample (θ_k), {@code θ̄ = (1/K) Σ θ_k} and {@code C_ab = (K − 1)/K Σ_k (θ_{k,a} −
 * θ̄_a)(θ_{k,b} − θ̄_b)}; σ_a = sqrt(C_aa). The reported estimate is θ̂ (the full sample), not θ̄. Sums run over k in
 * order: same bits everywhere.
 */
public final class Jackknife {
    private Jackknife() {}

    /**
     * Pair counts with delete-one counts.
     *
     * @param total full-sample counts per bin
     * @param deleteOne {@code deleteOne[k][b]}: counts without patch k
     * @param n1 points of the first catalog per patch
     * @param n2 points of the second catalog per patch (cross), or null for an auto-count
     */
    public record Counts(long[] total, long[][] deleteOne, long[] n1, long[] n2) implements Sample {
        @Override
        public int patches() {
            return deleteOne.length;
        }

        /** Pair normalisation of the full sample (k = −1) or without patch k. */
        public double pairs(int k) {
            long a = sum(n1) - (k >= 0 ? n1[k] : 0);
            if (n2 == null) {
                return CorrelationEstimators.uniquePairs(a);
            }
            long b = sum(n2) - (k >= 0 ? n2[k] : 0);
            return (double) a * b;
        }

        /** Normalised fractions of the full sample (k = −1) or without patch k. */
        @Override
        public double[] fraction(int k) {
            return CorrelationEstimators.normalise(k < 0 ? total : deleteOne[k], pairs(k));
        }

        private static long sum(long[] v) {
            long s = 0;
            for (long x : v) {
                s += x;
            }
            return s;
        }
    }

    /** Normalised pair fractions of the full sample and of each delete-one sample. */
    public interface Sample {
        /** Number of patches K (0: none). */
        int patches();

        /** Normalised fractions of the full sample (k = −1) or without patch k. */
        double[] fraction(int k);
    }

    /**
     * Weighted pair sums with delete-one sums and their normalisations.
     *
     * @param total full-sample weighted sums per bin
     * @param deleteOne {@code deleteOne[k][b]}: sums without patch k
     * @param norm {@code norm[0]}: normalisation of the full sample; {@code norm[k + 1]}: without patch k
     */
    public record Weighted(double[] total, double[][] deleteOne, double[] norm) implements Sample {
        @Override
        public int patches() {
            return deleteOne.length;
        }

        @Override
        public double[] fraction(int k) {
            return CorrelationEstimators.normalise(k < 0 ? total : deleteOne[k], norm[k + 1]);
        }

        /**
         * Normalisations from Σw and Σw² ({@code [0]} whole, {@code [k + 1]} without patch k) of one catalog (auto:
         * {@code ((Σw)² − Σw²)/2}) or, with {@code sumW2} null, of two ({@code Σw₁ Σw₂}, second in {@code other}).
         */
        public static double[] norms(double[] sumW, double[] sumW2, double[] other) {
            double[] n = new double[sumW.length];
            for (int k = 0; k < n.length; k++) {
                n[k] = other == null ? CorrelationEstimators.uniqueWeightPairs(sumW[k], sumW2[k]) : sumW[k] * other[k];
            }
            return n;
        }
    }

    /** A jackknifed statistic: full-sample estimate, delete-one mean, covariance (flat m × m), σ. */
    public record Result(double[] estimate, double[] mean, double[] covariance, double[] sigma, int patches) {}

    /** Mean, covariance and σ of K delete-one vectors ({@code samples[k]}), around {@code estimate}. */
    public static Result of(double[] estimate, double[][] samples) {
        int kk = samples.length;
        int m = estimate.length;
        if (kk < 2) {
            throw new IllegalArgumentException("a jackknife needs at least 2 patches, got " + kk);
        }
        double[] mean = new double[m];
        for (double[] s : samples) {
            for (int a = 0; a < m; a++) {
                mean[a] += s[a];
            }
        }
        for (int a = 0; a < m; a++) {
            mean[a] /= kk;
        }
        double[] cov = new double[m * m];
        for (double[] s : samples) {
            for (int a = 0; a < m; a++) {
                double da = s[a] - mean[a];
                for (int b = 0; b < m; b++) {
                    cov[a * m + b] += da * (s[b] - mean[b]);
                }
            }
        }
        double f = (kk - 1.0) / kk;
        double[] sigma = new double[m];
        for (int a = 0; a < m * m; a++) {
            cov[a] *= f;
        }
        for (int a = 0; a < m; a++) {
            sigma[a] = Math.sqrt(cov[a * m + a]);
        }
        return new Result(estimate, mean, cov, sigma, kk);
    }

    /**
     * Landy–Szalay ξ per bin of the full sample and of each delete-one sample, then {@code statistic} (e.g. wp,
     * multipoles, or the identity for ξ(r) and w(θ)) applied to each. Cross-counts dr use the data × random
     * normalisation; rr is the random auto-count.
     */
    public static Result landySzalay(Sample dd, Sample dr, Sample rr, UnaryOperator<double[]> statistic) {
        int kk = dd.patches();
        if (dr.patches() != kk || rr.patches() != kk) {
            throw new IllegalArgumentException("DD, DR and RR have different numbers of patches");
        }
        double[] full = statistic.apply(CorrelationEstimators.xi(
                CorrelationEstimators.Kind.LANDY_SZALAY, dd.fraction(-1), dr.fraction(-1), rr.fraction(-1)));
        double[][] del = new double[kk][];
        for (int k = 0; k < kk; k++) {
            del[k] = statistic.apply(CorrelationEstimators.xi(
                    CorrelationEstimators.Kind.LANDY_SZALAY, dd.fraction(k), dr.fraction(k), rr.fraction(k)));
        }
        return of(full, del);
    }

    /**
     * Natural estimator against analytic random fractions (periodic box, no randoms): {@code ξ = dd / rr − 1} for the
     * full and each delete-one data sample, then {@code statistic}. The same analytic rr serves every delete-one sample
     * (the hole a removed cube leaves is ignored; only N_{−k} changes): an approximation, exact only in the limit of
     * many patches.
     */
    public static Result natural(Sample dd, double[] rrFraction, UnaryOperator<double[]> statistic) {
        int kk = dd.patches();
        double[] full = statistic.apply(
                CorrelationEstimators.xi(CorrelationEstimators.Kind.NATURAL, dd.fraction(-1), null, rrFraction));
        double[][] del = new double[kk][];
        for (int k = 0; k < kk; k++) {
            del[k] = statistic.apply(
                    CorrelationEstimators.xi(CorrelationEstimators.Kind.NATURAL, dd.fraction(k), null, rrFraction));
        }
        return of(full, del);
    }
}
