package org.orrery.physics.paircount;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.orrery.analysis.Jackknife;

/**
 * End to end on the sky: w(θ) of a Soneira–Peebles catalog by Landy–Szalay with k-means jackknife patches; its log-log
 * slope over the model's scaling range equals D − 2 within the jackknife error of the slope.
 */
class SkySoneiraPeeblesTest {
    @Test
    void angularSlopeIsRecoveredWithinItsJackknifeError() {
        SkySoneiraPeebles.Model m = new SkySoneiraPeebles.Model(2, 1.7, 9, 4.0);
        SkySoneiraPeebles.Footprint f = new SkySoneiraPeebles.Footprint(100, 160, 0, 40);
        double[][] d = SkySoneiraPeebles.draw(17, 40, m, f);
        double[][] r = SkySoneiraPeebles.randoms(18, 40000, f);
        int k = 12;
        PointSet pd = SkyPoints.onSphere(d[0], d[1], null, d[0].length, 0, "SP data");
        PointSet pr = SkyPoints.onSphere(r[0], r[1], null, r[0].length, 0, "SP randoms");
        Patches p = Patches.kmeans(pr.xs(), pr.ys(), pr.zs(), pr.size(), k, 5, 100_000, 50, "SP randoms");
        p.label(pd);
        p.label(pr);
        SurveyBinning b = SurveyBinning.theta(Bins.log(0.1, 1.0, 8));
        double[] logTheta = new double[8];
        for (int i = 0; i < 8; i++) {
            logTheta[i] =
                    0.5 * (Math.log(b.primary().edge(i)) + Math.log(b.primary().edge(i + 1)));
        }
        UnaryOperator<double[]> slope = w -> new double[] {fitSlope(logTheta, w)};
        Jackknife.Result res = Jackknife.landySzalay(
                SurveyJackknifeTest.counts(SurveyCounter.auto(pd, b, k, 2, 2), pd, null, k),
                SurveyJackknifeTest.counts(SurveyCounter.cross(pd, pr, b, k, 2, 2), pd, pr, k),
                SurveyJackknifeTest.counts(SurveyCounter.auto(pr, b, k, 2, 2), pr, null, k),
                slope);
        double expected = m.dimension() - 2;
        double got = res.estimate()[0];
        double sigma = res.sigma()[0];
        assertTrue(sigma > 0 && sigma < 0.2, "jackknife sigma " + sigma);
        assertTrue(Math.abs(got - expected) < 2 * sigma, "slope " + got + " +- " + sigma + ", expected " + expected);
    }

    /** Least-squares slope of log(1 + w) against log θ (the conditional density of a fractal is ∝ θ^(D−2)). */
    static double fitSlope(double[] x, double[] w) {
        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double sxy = 0;
        int n = x.length;
        for (int i = 0; i < n; i++) {
            double y = Math.log(1 + w[i]);
            sx += x[i];
            sy += y;
            sxx += x[i] * x[i];
            sxy += x[i] * y;
        }
        return (n * sxy - sx * sy) / (n * sxx - sx * sx);
    }
}
