package org.orrery.apps.paircount;

import java.util.function.UnaryOperator;
import org.orrery.analysis.CorrelationEstimators;
import org.orrery.analysis.Jackknife;
import org.orrery.analysis.PowerLawFit;
import org.orrery.analysis.SurveyEstimators;
import org.orrery.physics.paircount.SurveyBinning;
import org.orrery.physics.paircount.SurveyCounts;
import org.orrery.sim.SlabSurveyCount;

/**
 * The estimates of a survey run on rank 0. ξ per fine bin by Landy–Szalay {@code (dd − 2dr + rr) / rr} with normalised
 * counts (dd = DD / (N_D(N_D−1)/2), dr = DR / (N_D N_R), rr = RR / (N_R(N_R−1)/2); with {@code --weights} the weighted
 * sums Σ w_i w_j over ((Σw_D)² − Σw_D²)/2, Σw_D Σw_R and ((Σw_R)² − Σw_R²)/2, as Corrfunc and pycorr), or, in a
 * periodic box without randoms, the natural estimator against the analytic random fractions
 * ({@link SurveyEstimators#periodicRandomRpPi}, {@link SurveyEstimators#periodicRandomSMu},
 * {@link CorrelationEstimators#periodicRandomFraction}). The statistic is wp(rp) = 2 Σ_π ξ(rp, π) Δπ for rppi, ξ_0,
 * ξ_2, ξ_4 for smu, w(θ) or ξ(r) itself for theta and r. With K ≥ 2 patches, {@link Jackknife} gives the delete-one
 * covariance {@code C = (K−1)/K Σ_k (θ_k − θ̄)(θ_k − θ̄)ᵀ} around the full-sample estimate.
 *
 * @param xi ξ per fine bin (null: no randoms and no periodic box)
 * @param statistic wp, multipoles (ℓ-major: ξ0 of every s bin, then ξ2, then ξ4), w(θ) or ξ(r)
 * @param jackknife covariance and σ of the statistic, or null without patches (or without ξ)
 * @param slope theta with K ≥ 2 patches: the slope of log(1 + w) against log θ ({@link PowerLawFit}) with its jackknife
 *     σ, else null
 */
record SurveyEstimate(double[] xi, double[] statistic, Jackknife.Result jackknife, Jackknife.Result slope) {

    /** The name of the statistic column(s). */
    static String statisticName(SurveyBinning b) {
        return switch (b.mode()) {
            case RPPI -> "wp";
            case SMU -> "multipoles";
            case THETA -> "w_theta";
            case R -> "xi";
        };
    }

    static SurveyEstimate of(SurveyResult r, double period) {
        SurveyBinning b = r.binning();
        UnaryOperator<double[]> stat = statistic(b);
        SurveyResult.Weights w = r.weights();
        Jackknife.Sample dd = w != null
                ? weighted(r.pass().dd(), w.data(), null)
                : counts(r.pass().dd(), r.dataPerPatch(), r.nData(), null, 0);
        boolean randoms = r.pass().rr() != null;
        double[] rrFraction = randoms ? null : analytic(b, period);
        if (!randoms && rrFraction == null) {
            return new SurveyEstimate(null, null, null, null);
        }
        double[] xi;
        Jackknife.Result jk = null;
        Jackknife.Result slope = null;
        if (randoms) {
            Jackknife.Sample dr = w != null
                    ? weighted(r.pass().dr(), w.data(), w.randoms())
                    : counts(r.pass().dr(), r.dataPerPatch(), r.nData(), r.randomsPerPatch(), r.nRandoms());
            Jackknife.Sample rr = w != null
                    ? weighted(r.pass().rr(), w.randoms(), null)
                    : counts(r.pass().rr(), r.randomsPerPatch(), r.nRandoms(), null, 0);
            xi = CorrelationEstimators.xi(
                    CorrelationEstimators.Kind.LANDY_SZALAY, dd.fraction(-1), dr.fraction(-1), rr.fraction(-1));
            if (dd.patches() >= 2) {
                jk = Jackknife.landySzalay(dd, dr, rr, stat);
                if (b.mode() == SurveyBinning.Mode.THETA) {
                    double[] logTheta = logMid(b.primary().edges());
                    slope = Jackknife.landySzalay(dd, dr, rr, x -> new double[] {PowerLawFit.logSlope(logTheta, x)});
                }
            }
        } else {
            xi = CorrelationEstimators.xi(CorrelationEstimators.Kind.NATURAL, dd.fraction(-1), null, rrFraction);
            if (dd.patches() >= 2) {
                jk = Jackknife.natural(dd, rrFraction, stat);
            }
        }
        return new SurveyEstimate(xi, stat.apply(xi), jk, slope);
    }

    /** log of the geometric bin centres (mean of the logs of the edges). */
    static double[] logMid(double[] e) {
        double[] m = new double[e.length - 1];
        for (int k = 0; k < m.length; k++) {
            m[k] = 0.5 * (Math.log(e[k]) + Math.log(e[k + 1]));
        }
        return m;
    }

    static UnaryOperator<double[]> statistic(SurveyBinning b) {
        return switch (b.mode()) {
            case RPPI -> x -> SurveyEstimators.wp(x, b.sub(), b.pimax());
            case SMU -> x -> SurveyEstimators.multipoles(x, b.sub(), b.mumax());
            default -> x -> x.clone();
        };
    }

    /** Analytic random fractions of a periodic box, or null (open box, sky, angular). */
    private static double[] analytic(SurveyBinning b, double period) {
        if (b.sky() || !(period > 0)) {
            return null;
        }
        double[] e = b.primary().edges();
        return switch (b.mode()) {
            case RPPI -> SurveyEstimators.periodicRandomRpPi(e, b.sub(), b.pimax(), period);
            case SMU -> SurveyEstimators.periodicRandomSMu(e, b.sub(), b.mumax(), period);
            case R -> CorrelationEstimators.periodicRandomFraction(e, period);
            case THETA -> null;
        };
    }

    /**
     * Weighted sums with their normalisations: auto ((Σw)² − Σw²)/2 of {@code a}, or cross Σw_a Σw_b (each over the
     * whole catalog and without each patch).
     */
    private static Jackknife.Sample weighted(
            SurveyCounts c, SlabSurveyCount.WeightTotals a, SlabSurveyCount.WeightTotals b) {
        double[] norm = b == null
                ? Jackknife.Weighted.norms(a.sumW(), a.sumW2(), null)
                : Jackknife.Weighted.norms(a.sumW(), null, b.sumW());
        return new Jackknife.Weighted(c.weightSums(), c.weightSumsDeleteOneAll(), norm);
    }

    private static Jackknife.Counts counts(SurveyCounts c, long[] perPatch, long n, long[] perPatch2, long n2) {
        if (perPatch == null) {
            return new Jackknife.Counts(c.total(), new long[0][], new long[] {n}, n2 > 0 ? new long[] {n2} : null);
        }
        return new Jackknife.Counts(c.total(), c.deleteOneAll(), perPatch, perPatch2);
    }
}
