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
import org.apache.commons.math3.util.Pair;

/**
 * Parallel performance metrics from wall times T(p) measured at p processes.
 *
 * <ul>
 *   <li>Speedup S<sub>p</sub> = T<sub>1</sub>/T<sub>p</sub>; efficiency E<sub>p</sub> = S<sub>p</sub>/p.
 *   <li>Amdahl's law (serial fraction f of the one-process time): T(p) = T<sub>1</sub>(f + (1&minus;f)/p),
 *       S<sub>p</sub> = 1/(f + (1&minus;f)/p) &le; 1/f.
 *   <li>Karp&ndash;Flatt experimentally determined serial fraction (A. H. Karp &amp; H. P. Flatt, CACM 33 (1990) 539):
 *       e<sub>p</sub> = (1/S<sub>p</sub> &minus; 1/p)/(1 &minus; 1/p), p &gt; 1. For timings that follow Amdahl's law
 *       exactly e<sub>p</sub> = f at every p; an e that grows with p points to overheads (communication,
 *       oversubscription) rather than a fixed serial part.
 *   <li>Gustafson's scaled speedup for weak scaling (work per process fixed): p&middot;T<sub>1</sub>/T<sub>p</sub>,
 *       weak efficiency T<sub>1</sub>/T<sub>p</sub>.
 * </ul>
 */
public final class Scaling {
    private Scaling() {}

    public static double speedup(double t1, double tp) {
        return t1 / tp;
    }

    public static double efficiency(double t1, double tp, int p) {
        return t1 / tp / p;
    }

    /** Karp&ndash;Flatt serial fraction; NaN at p = 1 where it is undefined. */
    public static double karpFlatt(double speedup, int p) {
        if (p <= 1) {
            return Double.NaN;
        }
        return (1.0 / speedup - 1.0 / p) / (1.0 - 1.0 / p);
    }

    /** The median of repeated measurements (mean of the middle two for an even count). */
    public static double median(double[] v) {
        double[] s = v.clone();
        java.util.Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : 0.5 * (s[n / 2 - 1] + s[n / 2]);
    }

    /**
     * One point of a sweep relative to the reference point (the smallest p measured, p<sub>ref</sub>): strong scaling S
     * = T<sub>ref</sub>&middot;p<sub>ref</sub>/T<sub>p</sub>, E = S/p and Karp&ndash;Flatt e; weak scaling Gustafson's
     * S = (T<sub>ref</sub>/T<sub>p</sub>)&middot;p/p<sub>ref</sub>, E = T<sub>ref</sub>/T<sub>p</sub>, e = NaN.
     */
    public record Point(int p, double wall, double speedup, double efficiency, double karpFlatt) {}

    /** The points of a sweep at process counts {@code p} with wall times {@code t}; the first is the reference. */
    public static Point[] sweep(int[] p, double[] t, boolean weak) {
        Point[] out = new Point[p.length];
        for (int i = 0; i < p.length; i++) {
            double s = weak ? t[0] / t[i] * p[i] / p[0] : t[0] * p[0] / t[i];
            double e = weak ? t[0] / t[i] : s / p[i];
            out[i] = new Point(p[i], t[i], s, e, weak ? Double.NaN : karpFlatt(s, p[i]));
        }
        return out;
    }

    /** Amdahl speedup 1/(f + (1&minus;f)/p). */
    public static double amdahlSpeedup(double f, double p) {
        return 1.0 / (f + (1.0 - f) / p);
    }

    /**
     * A least-squares Amdahl fit: serial fraction f, its standard error, the fitted one-process time T<sub>1</sub> (s),
     * and the number of points and degrees of freedom used.
     */
    public record AmdahlFit(double f, double fError, double t1, double t1Error, int points, int dof) {
        /** Asymptotic speedup 1/f. */
        public double maxSpeedup() {
            return 1.0 / f;
        }
    }

    /**
     * Fits T(p) = T<sub>1</sub>(f + (1&minus;f)/p) to times {@code t} at process counts {@code p}
     * (Levenberg&ndash;Marquardt, commons-math3) with relative weights 1/T<sub>p</sub>&sup2; (timing noise is roughly
     * proportional to the time). Fitting the times rather than the speedups keeps the noise of the measured
     * T<sub>1</sub> from entering every point. The standard errors are the square roots of the covariance diagonal
     * scaled by the reduced &chi;&sup2; (residual variance); with two points (no degree of freedom) f is determined
     * exactly and its error is NaN. Needs at least two distinct p.
     */
    public static AmdahlFit fitAmdahl(int[] p, double[] t) {
        int n = p.length;
        if (n != t.length) {
            throw new IllegalArgumentException("p and t differ in length");
        }
        long distinct = java.util.Arrays.stream(p).distinct().count();
        if (distinct < 2) {
            throw new IllegalArgumentException("an Amdahl fit needs times at two or more process counts");
        }
        double[] w = new double[n];
        int i1 = 0;
        for (int i = 0; i < n; i++) {
            if (!(t[i] > 0) || p[i] < 1) {
                throw new IllegalArgumentException("times must be positive and p >= 1");
            }
            w[i] = 1.0 / (t[i] * t[i]);
            if (p[i] < p[i1]) {
                i1 = i;
            }
        }
        // Start: T1 from the smallest p, f from the Karp-Flatt value of the largest p.
        double t1Start = t[i1] * p[i1];
        int iMax = 0;
        for (int i = 0; i < n; i++) {
            if (p[i] > p[iMax]) {
                iMax = i;
            }
        }
        double fStart = Math.min(0.9, Math.max(0.01, (t[iMax] / t1Start - 1.0 / p[iMax]) / (1.0 - 1.0 / p[iMax])));
        MultivariateJacobianFunction model = point -> {
            double a = point.getEntry(0);
            double f = point.getEntry(1);
            RealVector value = new ArrayRealVector(n);
            RealMatrix jac = new Array2DRowRealMatrix(n, 2);
            for (int i = 0; i < n; i++) {
                double shape = f + (1.0 - f) / p[i];
                value.setEntry(i, a * shape);
                jac.setEntry(i, 0, shape);
                jac.setEntry(i, 1, a * (1.0 - 1.0 / p[i]));
            }
            return new Pair<>(value, jac);
        };
        LeastSquaresOptimizer.Optimum opt = new LevenbergMarquardtOptimizer()
                .optimize(new LeastSquaresBuilder()
                        .model(model)
                        .target(t)
                        .weight(new DiagonalMatrix(w))
                        .start(new double[] {t1Start, fStart})
                        .maxEvaluations(10_000)
                        .maxIterations(10_000)
                        .build());
        double t1 = opt.getPoint().getEntry(0);
        double f = opt.getPoint().getEntry(1);
        int dof = n - 2;
        double fErr = Double.NaN;
        double t1Err = Double.NaN;
        if (dof > 0) {
            double scale = opt.getCost() / Math.sqrt(dof);
            RealVector sigma = opt.getSigma(1e-14);
            t1Err = sigma.getEntry(0) * scale;
            fErr = sigma.getEntry(1) * scale;
        }
        return new AmdahlFit(f, fErr, t1, t1Err, n, dof);
    }
}
