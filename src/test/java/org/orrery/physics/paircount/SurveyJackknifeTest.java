package org.orrery.physics.paircount;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.orrery.analysis.CorrelationEstimators;
import org.orrery.analysis.Jackknife;
import org.orrery.analysis.SurveyEstimators;

/**
 * The jackknifed Landy–Szalay statistic from one counting pass equals, patch by patch, the statistic computed from
 * brute-force recounts of the catalogs with that patch removed.
 */
class SurveyJackknifeTest {
    static long[] perPatch(PointSet s, int k) {
        long[] n = new long[k];
        for (int i = 0; i < s.size(); i++) {
            n[s.label(i)]++;
        }
        return n;
    }

    static Jackknife.Counts counts(SurveyCounts c, PointSet a, PointSet b, int k) {
        return new Jackknife.Counts(c.total(), c.deleteOneAll(), perPatch(a, k), b == null ? null : perPatch(b, k));
    }

    @Test
    void deleteOneStatisticsEqualBruteForceRecounts() {
        int k = 6;
        PointSet d = SurveyCounterTest.sky(900, 41, 0, false);
        PointSet r = SurveyCounterTest.sky(1400, 42, 0, false);
        Patches p = Patches.kmeans(r.xs(), r.ys(), r.zs(), r.size(), k, 3, 100_000, 40, "randoms");
        p.label(d);
        p.label(r);
        SurveyBinning b = SurveyBinning.rppi(Bins.linear(4, 16, 5), 20, 2, true, 0);
        UnaryOperator<double[]> wp = xi -> SurveyEstimators.wp(xi, 2, 20);
        Jackknife.Result res = Jackknife.landySzalay(
                counts(SurveyCounter.auto(d, b, k, 2, 2), d, null, k),
                counts(SurveyCounter.cross(d, r, b, k, 2, 2), d, r, k),
                counts(SurveyCounter.auto(r, b, k, 2, 1), r, null, k),
                wp);
        double[] mean = new double[5];
        for (int j = 0; j < k; j++) {
            PointSet dj = without(d, j);
            PointSet rj = without(r, j);
            double[] dd = CorrelationEstimators.normalise(
                    SurveyBrute.autoWithout(d, b, j), CorrelationEstimators.uniquePairs(dj.size()));
            double[] dr = CorrelationEstimators.normalise(
                    SurveyBrute.crossWithout(d, r, b, j), (double) dj.size() * rj.size());
            double[] rr = CorrelationEstimators.normalise(
                    SurveyBrute.autoWithout(r, b, j), CorrelationEstimators.uniquePairs(rj.size()));
            double[] w = wp.apply(CorrelationEstimators.xi(CorrelationEstimators.Kind.LANDY_SZALAY, dd, dr, rr));
            for (int a = 0; a < 5; a++) {
                mean[a] += w[a] / k;
            }
        }
        assertArrayEquals(mean, res.mean(), 1e-12);
        assertEquals(k, res.patches());
        for (int a = 0; a < 5; a++) {
            assertTrue(
                    res.sigma()[a] > 0 && Double.isFinite(res.sigma()[a]), "sigma " + res.sigma()[a] + " in bin " + a);
        }
    }

    static PointSet without(PointSet s, int j) {
        PointSet o = s.emptyLike(s.size());
        for (int i = 0; i < s.size(); i++) {
            if (s.label(i) != j) {
                o.addFrom(s, i, 0, 0);
            }
        }
        return o;
    }
}
