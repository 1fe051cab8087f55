package org.orrery.physics.paircount;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Counts equal Corrfunc 2.5.3's (theory DDrppi and DDsmu, periodic and open; mocks DDrppi_mocks, DDsmu_mocks and
 * DDtheta_mocks) on the catalogs and bins of src/test/resources/corrfunc (see its README for how they were made), and
 * equal brute force; at 1 and 2 threads and over several plane splits.
 */
class CorrfuncReferenceTest {
    static List<double[]> table(String name) throws IOException {
        try (InputStream in = CorrfuncReferenceTest.class.getResourceAsStream("/corrfunc/" + name)) {
            List<double[]> rows = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.US_ASCII).split("\n", -1)) {
                line = line.trim();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\\s+", -1);
                double[] v = new double[f.length];
                for (int k = 0; k < f.length; k++) {
                    v[k] = Double.parseDouble(f[k]);
                }
                rows.add(v);
            }
            return rows;
        }
    }

    static double[] column(List<double[]> t, int c) {
        double[] v = new double[t.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = t.get(i)[c];
        }
        return v;
    }

    static long[] counts(String name) throws IOException {
        List<double[]> t = table(name);
        long[] v = new long[t.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = (long) t.get(i)[t.get(i).length - 1];
        }
        return v;
    }

    static PointSet box() throws IOException {
        List<double[]> t = table("box.txt");
        return PointSet.of(column(t, 0), column(t, 1), column(t, 2), new double[t.size()], t.size());
    }

    static PointSet sky(boolean unit) throws IOException {
        List<double[]> t = table("sky.txt");
        return unit
                ? SkyPoints.onSphere(column(t, 0), column(t, 1), null, t.size(), 0, "sky.txt")
                : SkyPoints.fromDistance(column(t, 0), column(t, 1), column(t, 2), null, t.size(), 0, "sky.txt");
    }

    static double[] scaled(double[] e, int from, double f) {
        double[] o = new double[e.length - from];
        for (int i = from; i < e.length; i++) {
            o[i - from] = e[i] * f;
        }
        return o;
    }

    /** Corrfunc's auto-count output from ours, checked at 1 and 2 threads, 3 slabs, and against brute force. */
    static void check(PointSet d, SurveyBinning b, String reference) throws IOException {
        long[] expected = counts(reference);
        SurveyCounts one = SurveyCounter.auto(d, b, 0, 2, 1);
        assertArrayEquals(expected, one.asCorrfuncAuto(b, d.size()), reference);
        assertEquals(one, SurveyCounter.auto(d, b, 0, 1, 2), reference + " refine 1, 2 threads");
        assertEquals(one, SurveyCounterTest.split(d, null, b, 0, 3), reference + " over 3 slabs");
        assertEquals(one, SurveyBrute.auto(d, b, 0), reference + " brute force");
    }

    @Test
    void theoryDDrppi() throws IOException {
        Bins rp = Bins.of(column(table("rp_edges.txt"), 0), "rp_edges.txt");
        check(box(), SurveyBinning.rppi(rp, 12, 12, false, 64), "DDrppi_periodic.txt");
        check(box(), SurveyBinning.rppi(rp, 12, 12, false, 0), "DDrppi_open.txt");
    }

    @Test
    void theoryDDsmu() throws IOException {
        Bins s = Bins.of(column(table("s_edges.txt"), 0), "s_edges.txt");
        check(box(), SurveyBinning.smu(s, 1.0, 10, false, 64), "DDsmu_periodic.txt");
        check(box(), SurveyBinning.smu(s, 1.0, 10, false, 0), "DDsmu_open.txt");
        check(box(), SurveyBinning.smu(s, 0.6, 6, false, 0), "DDsmu_open_mumax0.6.txt");
    }

    @Test
    void mocks() throws IOException {
        double[] rp = scaled(column(table("rp_edges.txt"), 0), 0, 2);
        check(sky(false), SurveyBinning.rppi(Bins.of(rp, "rp"), 12, 12, true, 0), "DDrppi_mocks.txt");
        double[] s = scaled(column(table("s_edges.txt"), 0), 1, 2);
        check(sky(false), SurveyBinning.smu(Bins.of(s, "s"), 1.0, 10, true, 0), "DDsmu_mocks.txt");
        Bins t = Bins.of(column(table("theta_edges.txt"), 0), "theta_edges.txt");
        check(sky(true), SurveyBinning.theta(t), "DDtheta_mocks.txt");
    }
}
