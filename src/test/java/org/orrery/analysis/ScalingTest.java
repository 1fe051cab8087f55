package org.orrery.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ScalingTest {
    static final int[] P = {1, 2, 4, 8, 16, 32, 64};

    static double amdahlTime(double t1, double f, int p) {
        return t1 * (f + (1 - f) / p);
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.0, 0.01, 0.05, 0.2, 0.6})
    void exactAmdahlTimingsGiveFBackAndKarpFlattEqualsFAtEveryP(double f) {
        double[] t = new double[P.length];
        for (int i = 0; i < P.length; i++) {
            t[i] = amdahlTime(12.5, f, P[i]);
        }
        Scaling.AmdahlFit fit = Scaling.fitAmdahl(P, t);
        assertEquals(f, fit.f(), 1e-9);
        assertEquals(12.5, fit.t1(), 1e-8);
        assertEquals(P.length - 2, fit.dof());
        for (int i = 1; i < P.length; i++) {
            double s = Scaling.speedup(t[0], t[i]);
            assertEquals(Scaling.amdahlSpeedup(f, P[i]), s, 1e-12);
            assertEquals(f, Scaling.karpFlatt(s, P[i]), 1e-12);
            assertEquals(s / P[i], Scaling.efficiency(t[0], t[i], P[i]), 1e-15);
        }
        assertTrue(Double.isNaN(Scaling.karpFlatt(1.0, 1)));
    }

    /** Noisy timings (2 % multiplicative noise, 5 repeats): f recovered within 4 standard errors, errors honest. */
    @Test
    void noisyTimingsRecoverFWithinItsUncertainty() {
        SplittableRandom rng = new SplittableRandom(2024);
        double f = 0.08;
        int trials = 200;
        int covered = 0;
        for (int trial = 0; trial < trials; trial++) {
            int[] p = new int[P.length * 5];
            double[] t = new double[p.length];
            for (int i = 0; i < p.length; i++) {
                p[i] = P[i % P.length];
                t[i] = amdahlTime(30, f, p[i]) * (1 + 0.02 * gaussian(rng));
            }
            Scaling.AmdahlFit fit = Scaling.fitAmdahl(p, t);
            assertTrue(fit.fError() > 0 && fit.fError() < 0.01, fit.toString());
            assertTrue(Math.abs(fit.f() - f) < 4 * fit.fError(), fit.toString());
            if (Math.abs(fit.f() - f) < fit.fError()) {
                covered++;
            }
        }
        // One standard error covers about 68 % of trials when the error estimate is right.
        assertTrue(covered > 0.55 * trials && covered < 0.8 * trials, "1-sigma coverage " + covered + "/" + trials);
    }

    @Test
    void twoPointsDetermineFExactlyWithoutAnError() {
        Scaling.AmdahlFit fit = Scaling.fitAmdahl(new int[] {1, 2}, new double[] {10, 6});
        assertEquals(0.2, fit.f(), 1e-9);
        assertTrue(Double.isNaN(fit.fError()));
        assertThrows(IllegalArgumentException.class, () -> Scaling.fitAmdahl(new int[] {2, 2}, new double[] {1, 1}));
        assertThrows(IllegalArgumentException.class, () -> Scaling.fitAmdahl(new int[] {1, 2}, new double[] {1, -1}));
    }

    static double gaussian(SplittableRandom r) {
        double u = r.nextDouble();
        double v = r.nextDouble();
        return Math.sqrt(-2 * Math.log1p(-u)) * Math.cos(2 * Math.PI * v);
    }

    @Test
    void medianOfOddAndEvenCounts() {
        assertEquals(2.0, Scaling.median(new double[] {3, 1, 2}));
        assertEquals(2.5, Scaling.median(new double[] {4, 1, 2, 3}));
    }

    @Test
    void sweepPointsAreRelativeToTheFirst() {
        // Amdahl times with f = 0.1, T1 = 10, measured from p = 2: S = T(2)*2/T(p).
        int[] p = {2, 4, 8};
        double[] t = new double[3];
        for (int i = 0; i < 3; i++) {
            t[i] = 10 * (0.1 + 0.9 / p[i]);
        }
        Scaling.Point[] s = Scaling.sweep(p, t, false);
        assertEquals(1.0, s[0].speedup() / 2, 1e-15);
        assertEquals(t[0] * 2 / t[2], s[2].speedup(), 0);
        assertEquals(s[2].speedup() / 8, s[2].efficiency(), 0);
        Scaling.Point[] w = Scaling.sweep(p, t, true);
        assertEquals(t[0] / t[1], w[1].efficiency(), 0);
        assertEquals(t[0] / t[1] * 4 / 2, w[1].speedup(), 0);
        assertTrue(Double.isNaN(w[1].karpFlatt()));
    }
}
