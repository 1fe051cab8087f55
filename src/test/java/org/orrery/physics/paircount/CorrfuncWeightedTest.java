package org.orrery.physics.paircount;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Weighted counts against Corrfunc 2.5.3's DDrppi_mocks, DDsmu_mocks and DDtheta_mocks with {@code weight_type =
 * pair_product} on src/test/resources/corrfunc/sky.txt with the weights of sky_weights.txt (made by
 * gen_weighted_reference.py there; see its README).
 *
 * <p>npairs must be equal exactly. The weighted sums cannot be compared bit for bit: Corrfunc adds the products in
 * double in its own (cell, SIMD-lane) order and reports {@code weightavg = sum / npairs}, while Orrery sums them
 * exactly and rounds once. With n terms, all positive, recursive summation errs by at most {@code (n − 1)·u·Σ} (u =
 * 2⁻⁵³; Higham 2002, §4.2), plus one rounding for the division and one for our product with npairs; so each bin is
 * checked to a relative tolerance of {@code (npairs + 2)·2⁻⁵³}, a bound, not a fitted number (at most 3.3·10⁻¹¹ here).
 */
class CorrfuncWeightedTest {
    static PointSet weightedSky(boolean unit) throws IOException {
        PointSet s = CorrfuncReferenceTest.sky(unit);
        double[] w = CorrfuncReferenceTest.column(CorrfuncReferenceTest.table("sky_weights.txt"), 0);
        PointSet o = new PointSet(true, true, s.size());
        for (int i = 0; i < s.size(); i++) {
            o.add(s.x(i), s.y(i), s.z(i), w[i], s.id(i), 0, 0);
        }
        return o;
    }

    static void check(PointSet d, SurveyBinning b, String reference) throws IOException {
        List<double[]> t = CorrfuncReferenceTest.table(reference);
        int nc = t.get(0).length;
        long[] npairs = new long[t.size()];
        double[] wsum = new double[t.size()];
        for (int i = 0; i < t.size(); i++) {
            npairs[i] = (long) t.get(i)[nc - 2];
            wsum[i] = t.get(i)[nc - 1] * npairs[i];
        }
        ExactSum sums = SurveyWeightsTest.window(d);
        SurveyCounts c = SurveyCounter.auto(d, b, 0, sums, 2, 2);
        assertArrayEquals(npairs, c.asCorrfuncAuto(b, d.size()), reference + " npairs");
        double[] ours = c.weightSums();
        for (int k = 0; k < ours.length; k++) {
            double ordered = 2 * ours[k]; // Corrfunc counts both orders
            double tol = (npairs[k] + 2) * 0x1p-53 * Math.abs(wsum[k]);
            assertEquals(wsum[k], ordered, tol, reference + " bin " + k + " weighted sum");
            assertTrue(tol <= 4e-11 * Math.abs(wsum[k]) + Double.MIN_VALUE);
        }
        assertEquals(c, SurveyCounter.auto(d, b, 0, sums, 1, 1), reference + " refine 1, 1 thread");
    }

    @Test
    void mocksWeighted() throws IOException {
        double[] rp = CorrfuncReferenceTest.scaled(
                CorrfuncReferenceTest.column(CorrfuncReferenceTest.table("rp_edges.txt"), 0), 0, 2);
        PointSet d = weightedSky(false);
        check(d, SurveyBinning.rppi(Bins.of(rp, "rp"), 12, 12, true, 0), "DDrppi_mocks_weighted.txt");
        double[] s = CorrfuncReferenceTest.scaled(
                CorrfuncReferenceTest.column(CorrfuncReferenceTest.table("s_edges.txt"), 0), 1, 2);
        check(d, SurveyBinning.smu(Bins.of(s, "s"), 1.0, 10, true, 0), "DDsmu_mocks_weighted.txt");
        Bins th = Bins.of(CorrfuncReferenceTest.column(CorrfuncReferenceTest.table("theta_edges.txt"), 0), "theta");
        check(weightedSky(true), SurveyBinning.theta(th), "DDtheta_mocks_weighted.txt");
    }
}
