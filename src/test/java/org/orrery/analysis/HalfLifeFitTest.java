package org.orrery.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class HalfLifeFitTest {

    @Test
    void recoversTheHalfLifeOfANoiselessCurve() {
        int n = 201;
        double[] t = new double[n];
        long[] y = new long[n];
        double lambda = Math.log(2) / 0.8387;
        for (int i = 0; i < n; i++) {
            t[i] = i * 0.005;
            y[i] = Math.round(1e9 * Math.exp(-lambda * t[i]));
        }
        HalfLifeFit.Single s = HalfLifeFit.fit(t, y, 0, 1);
        assertEquals(0.8387, s.halfLife(), 1e-6);
        assertEquals(1e9, s.amplitude(), 10);
    }

    @Test
    void needsSurvivors() {
        assertThrows(
                IllegalArgumentException.class,
                () -> HalfLifeFit.fit(new double[] {0, 1, 2}, new long[] {5, 0, 0}, 0, 1));
    }
}
