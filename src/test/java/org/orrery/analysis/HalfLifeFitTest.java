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

    /** Ten noisy decay curves of 101 points, curve m at m * 101. */
    private static long[] curves(double[] t, int curves, long seed) {
        java.util.SplittableRandom rng = new java.util.SplittableRandom(seed);
        long[] y = new long[curves * t.length];
        for (int m = 0; m < curves; m++) {
            for (int i = 0; i < t.length; i++) {
                double mean = 1e5 * Math.exp(-Math.log(2) / 0.8387 * t[i]);
                y[m * t.length + i] = Math.round(mean + Math.sqrt(mean) * (rng.nextDouble() - 0.5) * 3);
            }
        }
        return y;
    }

    private static double[] grid() {
        double[] t = new double[101];
        for (int i = 0; i < t.length; i++) {
            t[i] = i * 0.01;
        }
        return t;
    }

    @Test
    void fitsSplitInBlocksAndCombinedAreTheEnsembleBitForBit() {
        double[] t = grid();
        int w = t.length;
        for (int curves : new int[] {1, 2, 7, 10}) {
            long[] y = curves(t, curves, 11 + curves);
            HalfLifeFit.Ensemble whole = HalfLifeFit.ensemble(t, y, 0, w, 1, curves);
            for (int blocks = 1; blocks <= 3; blocks++) {
                // Each block fitted where it was made (as the ranks do), concatenated in curve order.
                double[] each = new double[HalfLifeFit.PER_CURVE * curves];
                int from = 0;
                for (int b = 0; b < blocks; b++) {
                    int count = curves / blocks + (b < curves % blocks ? 1 : 0);
                    long[] mine = java.util.Arrays.copyOfRange(y, from * w, (from + count) * w);
                    double[] part = HalfLifeFit.fitEach(t, mine, 0, w, 1, count);
                    System.arraycopy(part, 0, each, HalfLifeFit.PER_CURVE * from, part.length);
                    from += count;
                }
                HalfLifeFit.Ensemble split = HalfLifeFit.combine(each, curves, m -> HalfLifeFit.fit(t, y, m * w, 1));
                assertEquals(whole, split, curves + " curves in " + blocks + " blocks");
            }
        }
    }

    @Test
    void aFailedFitAnywhereThrowsTheFirstFailuresExceptionAsTheWholeEnsembleDoes() {
        double[] t = grid();
        int w = t.length;
        long[] y = curves(t, 5, 3);
        // Curves 2 and 4 have no survivors after t = 0: their fits fail.
        for (int m : new int[] {2, 4}) {
            java.util.Arrays.fill(y, m * w + 1, (m + 1) * w, 0);
        }
        IllegalArgumentException whole =
                assertThrows(IllegalArgumentException.class, () -> HalfLifeFit.ensemble(t, y, 0, w, 1, 5));
        double[] first = HalfLifeFit.fitEach(t, java.util.Arrays.copyOfRange(y, 0, 3 * w), 0, w, 1, 3);
        double[] second = HalfLifeFit.fitEach(t, java.util.Arrays.copyOfRange(y, 3 * w, 5 * w), 0, w, 1, 2);
        double[] each = new double[HalfLifeFit.PER_CURVE * 5];
        System.arraycopy(first, 0, each, 0, first.length);
        System.arraycopy(second, 0, each, first.length, second.length);
        java.util.List<Integer> refitted = new java.util.ArrayList<>();
        IllegalArgumentException split = assertThrows(
                IllegalArgumentException.class,
                () -> HalfLifeFit.combine(each, 5, m -> {
                    refitted.add(m);
                    HalfLifeFit.fit(t, y, m * w, 1);
                }));
        assertEquals(whole.getMessage(), split.getMessage());
        assertEquals(java.util.List.of(2), refitted);
    }
}
