package org.orrery.analysis;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The statistics of a decay ensemble against its expected law: per time and species the mean, standard deviation,
 * minimum and maximum over members ({@link CurveStatistics}); per species the check of the mean against
 * N0&middot;&pi;(t) ({@link EnsembleChecks#mean}, limit {@value EnsembleChecks#MEAN_LIMIT_SE} standard errors) and of
 * the variance against the binomial N0&middot;q(1&minus;q) ({@link EnsembleChecks#variance}, needs at least 2 members);
 * and the parent's half-life fitted to every member ({@link HalfLifeFit#ensemble}).
 *
 * @param stats per-(time, species) statistics over members
 * @param means the mean check per species
 * @param variances the variance check per species; null entries when there is a single member
 * @param fit the half-life fit of the parent, or null when it failed
 * @param fitError why the fit failed, or null
 */
public record DecayEnsembleStatistics(
        CurveStatistics stats,
        List<EnsembleChecks.MeanCheck> means,
        List<EnsembleChecks.VarianceCheck> variances,
        HalfLifeFit.Ensemble fit,
        String fitError) {

    public DecayEnsembleStatistics {
        means = List.copyOf(means);
        variances = Collections.unmodifiableList(new ArrayList<>(variances));
    }

    /**
     * Computes everything.
     *
     * @param t the grid times, one per point
     * @param curves member m's curve at [m&middot;width, (m+1)&middot;width), width = points &times; species,
     *     point-major
     * @param members number of members
     * @param species radioactive species per point
     * @param n0 initial number of parent nuclei
     * @param expected expected fraction &pi;<sub>j</sub>(t<sub>i</sub>) at i&middot;species + j
     */
    public static DecayEnsembleStatistics of(
            double[] t, long[] curves, int members, int species, long n0, double[] expected) {
        int w = t.length * species;
        return of(t, curves, members, species, n0, expected, HalfLifeFit.fitEach(t, curves, 0, w, species, members));
    }

    /**
     * {@link #of(double[], long[], int, int, long, double[])} with the parent's per-member fits already made
     * ({@link HalfLifeFit#fitEach} of every member, in member order, possibly on the ranks that simulated them): the
     * same result, bit for bit.
     */
    public static DecayEnsembleStatistics of(
            double[] t, long[] curves, int members, int species, long n0, double[] expected, double[] memberFits) {
        int w = t.length * species;
        CurveStatistics stats = new CurveStatistics(w).addAll(curves, 0, members);
        List<EnsembleChecks.MeanCheck> means = new ArrayList<>();
        List<EnsembleChecks.VarianceCheck> variances = new ArrayList<>();
        for (int j = 0; j < species; j++) {
            means.add(EnsembleChecks.mean(stats, n0, expected, j, species, EnsembleChecks.MEAN_LIMIT_SE));
            variances.add(members >= 2 ? EnsembleChecks.variance(stats, n0, expected, j, species) : null);
        }
        HalfLifeFit.Ensemble fit = null;
        String fitError = null;
        try {
            fit = HalfLifeFit.combine(memberFits, members, m -> HalfLifeFit.fit(t, curves, m * w, species));
        } catch (RuntimeException e) {
            // commons-math3 gives up with IllegalState/Convergence/TooManyEvaluations exceptions:
            // the statistics still stand, the fit is reported as failed.
            fitError = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        }
        return new DecayEnsembleStatistics(stats, means, variances, fit, fitError);
    }

    /** Whether the fitted half-life is within the limit of {@code trueHalfLife} (false when the fit failed). */
    public boolean fitPassed(double trueHalfLife) {
        return fitDetermined(trueHalfLife) && Math.abs(fit.zScore(trueHalfLife)) <= EnsembleChecks.MEAN_LIMIT_SE;
    }

    /**
     * Whether the fit measured the half-life at all: a finite estimate whose standard error is smaller than the true
     * half-life. A fit of 2.7e17 s &plusmn; 1e18 s lies within a few standard errors of any truth, yet says nothing; it
     * is not a pass.
     */
    public boolean fitDetermined(double trueHalfLife) {
        return fit != null
                && Double.isFinite(fit.halfLife())
                && fit.halfLife() > 0
                && fit.standardError() < trueHalfLife;
    }

    /** Whether every check passed: the fit (when it ran), every mean and every variance check. */
    public boolean allPassed(double trueHalfLife) {
        boolean ok = fit == null || fitPassed(trueHalfLife);
        for (EnsembleChecks.MeanCheck m : means) {
            ok &= m.passed();
        }
        for (EnsembleChecks.VarianceCheck v : variances) {
            ok &= v == null || v.passed();
        }
        return ok;
    }
}
