package org.orrery.physics.gravity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.orrery.model.ParticleState;

/**
 * {@link Diagnostics#byRadius} is the stable order by radius that {@code Arrays.sort(Integer[], comparator)} gives (the
 * oracle), for sizes around the insertion-sort cut-off, with ties, zeros, infinities and NaN; and the half-mass radius
 * built on it has the oracle's bits with unequal masses (the summation order matters there).
 */
class DiagnosticsOrderTest {
    private static final int[] SIZES = {1, 2, 3, 15, 16, 17, 31, 32, 33, 100, 1000, 4099};

    @Test
    void theOrderIsTheStableSortByRadius() {
        SplittableRandom rnd = new SplittableRandom(7);
        for (int n : SIZES) {
            for (int variant = 0; variant < 4; variant++) {
                double[] r = radii(rnd, n, variant);
                assertArrayEquals(oracle(r), Diagnostics.byRadius(r, n), "n = " + n + ", variant " + variant);
            }
        }
    }

    @Test
    void halfMassRadiusHasTheBitsOfTheBoxedSort() {
        SplittableRandom rnd = new SplittableRandom(11);
        for (int n : SIZES) {
            ParticleState s = new ParticleState(n);
            for (int i = 0; i < n; i++) {
                s.x[i] = rnd.nextDouble(-1, 1);
                s.y[i] = rnd.nextDouble(-1, 1);
                s.z[i] = i % 5 == 0 ? 0.25 : rnd.nextDouble(-1, 1);
                s.m[i] = i % 3 == 0 ? 0.1 : rnd.nextDouble(1e-3, 1);
            }
            double[] r = radii(rnd, n, 1); // many ties
            double expected = oracleHalfMass(s, r);
            assertEquals(
                    Double.doubleToRawLongBits(expected),
                    Double.doubleToRawLongBits(Diagnostics.halfMassRadius(s, r)),
                    "n = " + n);
        }
    }

    private static double[] radii(SplittableRandom rnd, int n, int variant) {
        double[] r = new double[n];
        for (int i = 0; i < n; i++) {
            r[i] = switch (variant) {
                case 0 -> rnd.nextDouble();
                case 1 -> rnd.nextInt(5) * 0.5; // many ties
                case 2 -> n - i; // reversed
                default -> i % 7 == 0 ? Double.NaN : i % 11 == 0 ? Double.POSITIVE_INFINITY : i % 13 == 0 ? 0.0 : i;
            };
        }
        return r;
    }

    private static int[] oracle(double[] r) {
        Integer[] order = new Integer[r.length];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, (a, b) -> Double.compare(r[a], r[b]));
        return Arrays.stream(order).mapToInt(Integer::intValue).toArray();
    }

    private static double oracleHalfMass(ParticleState s, double[] r) {
        int[] order = oracle(r);
        double half = 0.5 * s.totalMass();
        double acc = 0;
        for (int idx : order) {
            acc += s.m[idx];
            if (acc >= half) {
                return r[idx];
            }
        }
        return r[order[s.n - 1]];
    }
}
