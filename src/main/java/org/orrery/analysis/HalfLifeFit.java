package org.orrery.analysis;

import org.apache.commons.math3.fitting.leastsquares.LeastSquaresBuilder;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresOptimizer;
import org.apache.commons.math3.fitting.leastsquares.LevenbergMarquardtOptimizer;
import org.apache.commons.math3.fitting.leastsquares.MultivariateJacobianFunction;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.DiagonalMatrix;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;
import org.apache.commons.math3.stat.regression.SimpleRegression;
import org.apache.commons.math3.util.Pair;

/**
 * Half-life from decay curves by least squares, with an honest uncertainty.
 *
 * <p>Each curve y(t<sub>i</sub>) is fitted with N(t) = A&middot;exp(&minus;&lambda;t) by Levenberg&ndash;Marquardt
 * (commons-math3), weights 1/max(y<sub>i</sub>, 1) (the Poisson-like variance of a count, so the fit is close to
 * maximum likelihood), starting from a log-linear regression of ln y on t. The half-life of one curve is ln 2/&lambda;.
 *
 * <p>Uncertainty: the points of one curve are strongly correlated in time (a nucleus that survived to t survived to
 * every earlier time), so the covariance of a single least-squares fit understates the error. With M &ge; 2 independent
 * curves the estimate is the mean of the M fitted half-lives and its standard error the sample standard deviation /
 * &radic;M, which needs no model of the correlations. With M = 1 only the fit's own (residual-scaled) standard error is
 * available and is reported as such.
 */
public final class HalfLifeFit {
    private HalfLifeFit() {}

    /** One curve's fit: A, &lambda; (1/s), half-life (s) and the fit's own standard error of the half-life. */
    public record Single(double amplitude, double lambda, double halfLife, double fitError) {}

    /** An ensemble's estimate: mean half-life, its standard error, the spread of single fits, and M. */
    public record Ensemble(double halfLife, double standardError, double singleSpread, int curves) {
        /** Deviation from {@code truth} in standard errors. */
        public double zScore(double truth) {
            return (halfLife - truth) / standardError;
        }
    }

    /**
     * Fits the points {@code y[off + i*stride]} at times {@code t[i]}, i = 0 &hellip; t.length&minus;1. Needs at least
     * 3 points with y &gt; 0; throws IllegalArgumentException otherwise.
     */
    public static Single fit(double[] t, long[] y, int off, int stride) {
        int n = t.length;
        double[] obs = new double[n];
        double[] w = new double[n];
        SimpleRegression guess = new SimpleRegression();
        for (int i = 0; i < n; i++) {
            obs[i] = y[off + i * stride];
            w[i] = 1.0 / Math.max(obs[i], 1.0);
            if (obs[i] > 0) {
                guess.addData(t[i], Math.log(obs[i]));
            }
        }
        if (guess.getN() < 3) {
            throw new IllegalArgumentException(
                    "a half-life fit needs at least 3 points with survivors, got " + guess.getN());
        }
        double lambda0 = -guess.getSlope();
        if (!(lambda0 > 0) || Double.isNaN(guess.getIntercept())) {
            lambda0 = 1.0 / Math.max(t[n - 1] - t[0], 1e-300);
        }
        double a0 = Math.exp(guess.getIntercept());
        MultivariateJacobianFunction model = point -> {
            double a = point.getEntry(0);
            double l = point.getEntry(1);
            RealVector value = new ArrayRealVector(n);
            RealMatrix jac = new Array2DRowRealMatrix(n, 2);
            for (int i = 0; i < n; i++) {
                double e = Math.exp(-l * t[i]);
                value.setEntry(i, a * e);
                jac.setEntry(i, 0, e);
                jac.setEntry(i, 1, -a * t[i] * e);
            }
            return new Pair<>(value, jac);
        };
        LeastSquaresOptimizer.Optimum opt = new LevenbergMarquardtOptimizer()
                .optimize(new LeastSquaresBuilder()
                        .model(model)
                        .target(obs)
                        .weight(new DiagonalMatrix(w))
                        .start(new double[] {a0, lambda0})
                        .maxEvaluations(10_000)
                        .maxIterations(10_000)
                        .build());
        double a = opt.getPoint().getEntry(0);
        double lambda = opt.getPoint().getEntry(1);
        double halfLife = Math.log(2.0) / lambda;
        double dof = Math.max(1, n - 2);
        double scale = Math.sqrt(opt.getCost() * opt.getCost() / dof);
        double sigmaLambda = opt.getSigma(1e-14).getEntry(1) * scale;
        return new Single(a, lambda, halfLife, halfLife * sigmaLambda / lambda);
    }

    /** Values per curve in {@link #fitEach}: the half-life, the fit's own error, and a status. */
    public static final int PER_CURVE = 3;

    private static final double FITTED = 0;
    private static final double FAILED = 1;
    private static final double NOT_TRIED = 2;

    /**
     * Fits each of {@code curves} curves as {@link #ensemble} does and combines them as described in the class comment.
     * Throws the exception of the first curve (in order) whose fit fails.
     */
    public static Ensemble ensemble(double[] t, long[] data, int off, int curveWidth, int stride, int curves) {
        double[] each = fitEach(t, data, off, curveWidth, stride, curves);
        return combine(each, curves, m -> fit(t, data, off + m * curveWidth, stride));
    }

    /**
     * The per-curve part of {@link #ensemble}, for curves fitted where they were made (each rank its own members): for
     * curve m, at {@code [PER_CURVE*m, PER_CURVE*(m+1))}, the half-life, the fit's own standard error and a status
     * (fitted, failed, or not tried after an earlier curve here failed). Concatenated in curve order, the arrays of
     * several ranks are what {@link #combine} takes.
     */
    public static double[] fitEach(double[] t, long[] data, int off, int curveWidth, int stride, int curves) {
        double[] each = new double[PER_CURVE * curves];
        boolean failed = false;
        for (int m = 0; m < curves; m++) {
            if (failed) {
                each[PER_CURVE * m + 2] = NOT_TRIED;
                continue;
            }
            try {
                Single s = fit(t, data, off + m * curveWidth, stride);
                each[PER_CURVE * m] = s.halfLife();
                each[PER_CURVE * m + 1] = s.fitError();
                each[PER_CURVE * m + 2] = FITTED;
            } catch (RuntimeException e) {
                // commons-math3 and fit() give up with runtime exceptions; combine() rethrows the first one.
                each[PER_CURVE * m + 2] = FAILED;
                failed = true;
            }
        }
        return each;
    }

    /** Refits one curve (by index) to throw its exception; see {@link #combine}. */
    @FunctionalInterface
    public interface Refit {
        /** Fits curve {@code m} again. */
        void fit(int m);
    }

    /**
     * The ensemble estimate from {@link #fitEach}'s values of {@code curves} curves, summed in curve order (the same
     * bits however the curves were split). If a fit failed, the first failed curve is fitted again by {@code refit},
     * which throws that fit's exception, as {@link #ensemble} on one process would.
     */
    public static Ensemble combine(double[] each, int curves, Refit refit) {
        if (curves < 1) {
            throw new IllegalArgumentException("no curves to fit");
        }
        double[] h = new double[curves];
        double fitError = 0;
        for (int m = 0; m < curves; m++) {
            if (each[PER_CURVE * m + 2] != FITTED) {
                refit.fit(m);
                throw new IllegalStateException("the half-life fit of curve " + m + " failed once and not again");
            }
            h[m] = each[PER_CURVE * m];
            fitError = each[PER_CURVE * m + 1];
        }
        double mean = 0;
        for (double v : h) {
            mean += v;
        }
        mean /= curves;
        if (curves == 1) {
            return new Ensemble(mean, fitError, fitError, 1);
        }
        double ss = 0;
        for (double v : h) {
            ss += (v - mean) * (v - mean);
        }
        double sd = Math.sqrt(ss / (curves - 1));
        return new Ensemble(mean, sd / Math.sqrt(curves), sd, curves);
    }
}
