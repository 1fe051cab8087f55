package org.orrery.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CurveStatisticsTest {

    static long[] data(int members, int width, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        long[] d = new long[members * width];
        for (int i = 0; i < d.length; i++) {
            d[i] = 1_000_000 + r.nextLong(-5000, 5000);
        }
        return d;
    }

    @Test
    void matchesATwoPassComputation() {
        int m = 37;
        int w = 11;
        long[] d = data(m, w, 1);
        CurveStatistics s = new CurveStatistics(w).addAll(d, 0, m);
        for (int i = 0; i < w; i++) {
            double mean = 0;
            long mn = Long.MAX_VALUE;
            long mx = Long.MIN_VALUE;
            for (int k = 0; k < m; k++) {
                mean += d[k * w + i];
                mn = Math.min(mn, d[k * w + i]);
                mx = Math.max(mx, d[k * w + i]);
            }
            mean /= m;
            double ss = 0;
            for (int k = 0; k < m; k++) {
                ss += (d[k * w + i] - mean) * (d[k * w + i] - mean);
            }
            assertEquals(mean, s.mean(i), 1e-15 * mean);
            assertEquals(ss / (m - 1), s.variance(i), 1e-12 * ss / (m - 1));
            assertEquals(mn, s.min(i));
            assertEquals(mx, s.max(i));
        }
    }

    /** Split into k groups, accumulate each, combine: equals the whole (min/max exactly, moments to 1e-12). */
    @Test
    void splitAndCombineEqualsTheWhole() {
        int m = 50;
        int w = 7;
        long[] d = data(m, w, 2);
        CurveStatistics whole = new CurveStatistics(w).addAll(d, 0, m);
        for (int groups : new int[] {1, 2, 3, 7, 50}) {
            CurveStatistics combined = new CurveStatistics(w);
            for (int g = 0; g < groups; g++) {
                int from = g * m / groups;
                int to = (g + 1) * m / groups;
                combined.combine(new CurveStatistics(w).addAll(d, from * w, to - from));
            }
            combined.combine(new CurveStatistics(w)); // empty parts change nothing
            assertEquals(whole.count(), combined.count());
            for (int i = 0; i < w; i++) {
                assertEquals(whole.min(i), combined.min(i));
                assertEquals(whole.max(i), combined.max(i));
                assertEquals(whole.mean(i), combined.mean(i), 1e-12 * whole.mean(i));
                assertEquals(whole.variance(i), combined.variance(i), 1e-10 * whole.variance(i));
            }
        }
    }

    @Test
    void oneCurveHasNoVariance() {
        CurveStatistics s = new CurveStatistics(2).add(new long[] {3, 4}, 0);
        assertEquals(3.0, s.mean(0));
        assertTrue(Double.isNaN(s.variance(0)));
    }
}
