package org.orrery.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.orrery.analysis.CorrelationEstimators.Kind;

class CorrelationEstimatorsTest {

    @Test
    void handComputedValues() {
        // N_D = 11 (55 pairs), N_R = 21 (210 pairs), N_D N_R = 231.
        double[] dd = CorrelationEstimators.normalise(new long[] {11, 0}, CorrelationEstimators.uniquePairs(11));
        double[] rr = CorrelationEstimators.normalise(new long[] {21, 0}, CorrelationEstimators.uniquePairs(21));
        double[] dr = CorrelationEstimators.normalise(new long[] {33, 5}, 11 * 21);
        // dd = 0.2, rr = 0.1, dr = 33/231 = 1/7
        assertEquals(0.2, dd[0], 1e-15);
        assertEquals(0.1, rr[0], 1e-15);
        assertEquals(1.0, CorrelationEstimators.xi(Kind.NATURAL, dd, dr, rr)[0], 1e-14);
        assertEquals(0.4, CorrelationEstimators.xi(Kind.DAVIS_PEEBLES, dd, dr, rr)[0], 1e-14); // 0.2*7 - 1
        assertEquals(-0.02, CorrelationEstimators.xi(Kind.HAMILTON, dd, dr, rr)[0], 1e-14); // 0.2*0.1*49 - 1
        assertEquals(1.0 / 7, CorrelationEstimators.xi(Kind.LANDY_SZALAY, dd, dr, rr)[0], 1e-14); // (0.2-2/7+0.1)/0.1
        assertTrue(Double.isNaN(CorrelationEstimators.xi(Kind.NATURAL, dd, dr, rr)[1]), "empty RR bin gives NaN");
        assertEquals(-1.0, CorrelationEstimators.xi(Kind.DAVIS_PEEBLES, dd, dr, rr)[1], 0);
    }

    @Test
    void poissonPointsGiveZeroForEveryEstimator() {
        double[] f = {0.01, 0.02, 0.04};
        for (Kind k : Kind.values()) {
            assertArrayEquals(new double[3], CorrelationEstimators.xi(k, f, f, f), 1e-15, k.name());
        }
    }

    @Test
    void periodicShellFractions() {
        double[] f = CorrelationEstimators.periodicRandomFraction(new double[] {0, 1, 2}, 10);
        assertEquals(4.0 / 3 * Math.PI / 1000, f[0], 1e-18);
        assertEquals(4.0 / 3 * Math.PI * 7 / 1000, f[1], 1e-18);
        assertEquals(3.0, CorrelationEstimators.uniqueWeightPairs(3, 3), 0); // three unit weights: 3 pairs
    }
}
