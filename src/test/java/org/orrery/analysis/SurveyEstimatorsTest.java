package org.orrery.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** wp, Legendre multipoles and the jackknife against analytic answers. */
class SurveyEstimatorsTest {
    static double p2(double m) {
        return (3 * m * m - 1) / 2;
    }

    static double p4(double m) {
        return (35 * m * m * m * m - 30 * m * m + 3) / 8;
    }

    @Test
    void wpOfAConstantIsTwiceItTimesPimax() {
        double[] xi = new double[3 * 40];
        java.util.Arrays.fill(xi, 0.25);
        assertArrayEquals(new double[] {20, 20, 20}, SurveyEstimators.wp(xi, 40, 40.0), 1e-12);
    }

    @Test
    void legendreAntiderivativesAreExact() {
        for (int ell : new int[] {0, 2, 4}) {
            // ∫_0^1 P_ℓ = 1 for ℓ = 0 and 0 otherwise
            assertEquals(
                    ell == 0 ? 1 : 0,
                    SurveyEstimators.legendreIntegral(ell, 1) - SurveyEstimators.legendreIntegral(ell, 0),
                    1e-15);
        }
        double h = 1e-6;
        double m = 0.37;
        assertEquals(
                p2(m),
                (SurveyEstimators.legendreIntegral(2, m + h) - SurveyEstimators.legendreIntegral(2, m - h)) / (2 * h),
                1e-8);
        assertEquals(
                p4(m),
                (SurveyEstimators.legendreIntegral(4, m + h) - SurveyEstimators.legendreIntegral(4, m - h)) / (2 * h),
                1e-8);
    }

    /** ξ(μ) = a + b P2 + c P4 averaged over each μ bin: multipoles converge to (a, b, c) at second order. */
    @Test
    void multipolesRecoverALegendreSeriesWithSecondOrderConvergence() {
        double a = 1.5;
        double b = -0.7;
        double c = 0.3;
        double prev = Double.NaN;
        for (int nmu : new int[] {25, 50, 100}) {
            double[] xi = new double[nmu];
            for (int j = 0; j < nmu; j++) {
                double lo = (double) j / nmu;
                double hi = (double) (j + 1) / nmu;
                // exact bin average of a + b P2 + c P4
                xi[j] = (a * (hi - lo)
                                + b
                                        * (SurveyEstimators.legendreIntegral(2, hi)
                                                - SurveyEstimators.legendreIntegral(2, lo))
                                + c
                                        * (SurveyEstimators.legendreIntegral(4, hi)
                                                - SurveyEstimators.legendreIntegral(4, lo)))
                        / (hi - lo);
            }
            double[] m = SurveyEstimators.multipoles(xi, nmu, 1.0);
            assertEquals(a, m[0], 1e-12, "monopole is exact");
            double err = Math.abs(m[1] - b) + Math.abs(m[2] - c);
            assertTrue(err < 0.01, "error " + err + " at nmu " + nmu);
            if (!Double.isNaN(prev)) {
                assertTrue(prev / err > 3.5, "second order: " + prev + " -> " + err);
            }
            prev = err;
        }
    }

    @Test
    void periodicRandomFractionsSumToTheVolumeFraction() {
        double[] rr = SurveyEstimators.periodicRandomSMu(new double[] {0, 2, 5}, 4, 1.0, 100);
        double sum = 0;
        for (double v : rr) {
            sum += v;
        }
        assertEquals(4.0 / 3 * Math.PI * 125 / 1e6, sum, 1e-18);
        double[] rp = SurveyEstimators.periodicRandomRpPi(new double[] {0, 3}, 5, 10, 100);
        assertEquals(Math.PI * 9 * 20 / 1e6, rp[0] * 5, 1e-15);
    }

    /** Jackknife of a sample mean: the delete-one variance is s²/K exactly. */
    @Test
    void jackknifeOfTheMeanIsTheStandardError() {
        double[] x = {1.0, 4.0, 2.5, 7.0, 3.0, 5.5};
        int k = x.length;
        double mean = 0;
        for (double v : x) {
            mean += v / k;
        }
        double s2 = 0;
        for (double v : x) {
            s2 += (v - mean) * (v - mean) / (k - 1);
        }
        double[][] del = new double[k][1];
        for (int i = 0; i < k; i++) {
            del[i][0] = (mean * k - x[i]) / (k - 1);
        }
        Jackknife.Result r = Jackknife.of(new double[] {mean}, del);
        assertEquals(s2 / k, r.covariance()[0], 1e-12);
        assertEquals(mean, r.mean()[0], 1e-12);
    }

    @Test
    void countsNormaliseTheRemainingSample() {
        Jackknife.Counts dd = new Jackknife.Counts(new long[] {10}, new long[][] {{6}, {4}}, new long[] {3, 2}, null);
        assertEquals(10.0, dd.pairs(-1));
        assertEquals(1.0, dd.pairs(0)); // 2 points left
        assertEquals(3.0, dd.pairs(1));
        Jackknife.Counts dr =
                new Jackknife.Counts(new long[] {10}, new long[][] {{6}, {4}}, new long[] {3, 2}, new long[] {4, 6});
        assertEquals(50.0, dr.pairs(-1));
        assertEquals(12.0, dr.pairs(0));
    }
}
