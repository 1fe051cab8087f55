package org.orrery.physics.gravity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The kernel path chosen by {@link KernelPath} gives the bits of the scalar loops and of the plain sequential loop. The
 * unit tests run twice (pom.xml, surefire): once with {@code --add-modules jdk.incubator.vector} (the Vector API
 * kernels run; property {@code orrery.test.kernels=vector}) and once without (scalar; {@code scalar}), so this class,
 * ForceJerkTest, GravityValidationTest and the engine tests prove the same bits on both paths.
 */
class KernelPathTest {
    /** Sizes around the vector widths (4, 8), the force group (2 vectors) and the source blocks (2048, 4096). */
    private static final int[] SIZES = {1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 33, 257, 2049, 4099};

    @Test
    void theJvmRunsThePathItWasStartedFor() {
        String expected = System.getProperty("orrery.test.kernels");
        Assumptions.assumeTrue(expected != null, "run by Maven (surefire sets orrery.test.kernels)");
        assertEquals(expected.equals("vector"), KernelPath.vector(), KernelPath.describe());
        assertTrue(KernelPath.describe().startsWith(expected), KernelPath.describe());
    }

    @Test
    void forcesAreThoseOfThePlainSequentialLoopOnEveryRange() {
        for (int n : SIZES) {
            double[][] c = particles(n, n);
            double g = 0.75;
            double eps2 = 1e-4;
            double[] plain = plainForces(c, n, g, eps2);
            int[][] ranges = {{0, n}, {n / 3, n - n / 4}, {n - 1, n}, {1, Math.max(1, n - 5)}};
            for (int[] r : ranges) {
                int count = r[1] - r[0];
                double[] path = new double[3 * count];
                double[] scalar = new double[3 * count];
                DirectSum.accelerations(
                        c[0],
                        c[1],
                        c[2],
                        c[6],
                        n,
                        r[0],
                        r[1],
                        g,
                        eps2,
                        path,
                        0,
                        path,
                        count,
                        path,
                        2 * count,
                        new DirectSum.Scratch());
                DirectSum.accelerationsScalar(
                        c[0],
                        c[1],
                        c[2],
                        c[6],
                        n,
                        r[0],
                        r[1],
                        g,
                        eps2,
                        scalar,
                        0,
                        scalar,
                        count,
                        scalar,
                        2 * count,
                        new DirectSum.Scratch());
                assertArrayEquals(bits(scalar), bits(path), "n " + n + " range " + Arrays.toString(r));
                for (int k = 0; k < count; k++) {
                    for (int q = 0; q < 3; q++) {
                        assertEquals(
                                Double.doubleToRawLongBits(plain[3 * (r[0] + k) + q]),
                                Double.doubleToRawLongBits(path[q * count + k]),
                                "n " + n + " target " + (r[0] + k) + " component " + q);
                    }
                }
            }
        }
    }

    @Test
    void forceJerkPathEqualsTheScalarLoopsOnAnyTargetList() {
        ForceJerk.Scratch scratch = new ForceJerk.Scratch();
        for (int n : SIZES) {
            double[][] c = particles(n, 100 + n);
            int[] list = IntStream.range(0, n).filter(i -> i % 3 != 1).toArray();
            if (list.length == 0) {
                list = new int[] {0};
            }
            int[] cuts = {0, list.length / 2, list.length / 2 + 1, list.length};
            double[] path = new double[6 * list.length];
            double[] scalar = new double[6 * list.length];
            for (int q = 0; q + 1 < cuts.length; q++) {
                if (cuts[q] >= cuts[q + 1]) {
                    continue;
                }
                ForceJerk.evaluate(
                        c[0],
                        c[1],
                        c[2],
                        c[3],
                        c[4],
                        c[5],
                        c[6],
                        n,
                        list,
                        cuts[q],
                        cuts[q + 1],
                        1.5,
                        1e-3,
                        path,
                        6 * cuts[q],
                        scratch);
                ForceJerk.evaluateScalar(
                        c[0],
                        c[1],
                        c[2],
                        c[3],
                        c[4],
                        c[5],
                        c[6],
                        n,
                        list,
                        cuts[q],
                        cuts[q + 1],
                        1.5,
                        1e-3,
                        scalar,
                        6 * cuts[q],
                        new ForceJerk.Scratch());
            }
            assertArrayEquals(bits(scalar), bits(path), "n " + n);
        }
    }

    /**
     * Potentials on the chosen path equal the scalar loops and the plain loop (Σ over j ≠ i ascending of m_j / √s²,
     * then −G times the sum) on ranges whose ends cut vectors and source blocks, so the self term falls in every lane.
     */
    @Test
    void potentialsAreThoseOfThePlainSequentialLoopOnEveryRange() {
        for (int n : SIZES) {
            double[][] c = particles(n, 7L * n);
            double g = 0.75;
            double eps2 = 1e-4;
            int[][] ranges = {{0, n}, {n / 3, n - n / 4}, {n - 1, n}, {1, Math.max(1, n - 5)}};
            for (int[] r : ranges) {
                int count = r[1] - r[0];
                double[] path = new double[count + 2];
                double[] scalar = new double[count + 2];
                DirectSum.potentials(c[0], c[1], c[2], c[6], n, r[0], r[1], g, eps2, path, 2);
                DirectSum.potentialsScalar(c[0], c[1], c[2], c[6], n, r[0], r[1], g, eps2, scalar, 2);
                assertArrayEquals(bits(scalar), bits(path), "n " + n + " range " + Arrays.toString(r));
                for (int k = 0; k < count; k++) {
                    int i = r[0] + k;
                    double sum = 0;
                    for (int j = 0; j < n; j++) {
                        if (j != i) {
                            double dx = c[0][j] - c[0][i];
                            double dy = c[1][j] - c[1][i];
                            double dz = c[2][j] - c[2][i];
                            sum += c[6][j] / Math.sqrt(dx * dx + dy * dy + dz * dz + eps2);
                        }
                    }
                    assertEquals(
                            Double.doubleToRawLongBits(-g * sum), Double.doubleToRawLongBits(path[2 + k]), "i " + i);
                }
            }
        }
    }

    /** Per target i: Σ_j over j = 0..n−1 ascending of m_j d (1/(s² √s²)), then G times the sum (DirectSum's order). */
    private static double[] plainForces(double[][] c, int n, double g, double eps2) {
        double[] out = new double[3 * n];
        for (int i = 0; i < n; i++) {
            double sx = 0;
            double sy = 0;
            double sz = 0;
            for (int j = 0; j < n; j++) {
                double dx = c[0][j] - c[0][i];
                double dy = c[1][j] - c[1][i];
                double dz = c[2][j] - c[2][i];
                double r2 = dx * dx + dy * dy + dz * dz + eps2;
                double w = c[6][j] * (1.0 / (r2 * Math.sqrt(r2)));
                sx += dx * w;
                sy += dy * w;
                sz += dz * w;
            }
            out[3 * i] = g * sx;
            out[3 * i + 1] = g * sy;
            out[3 * i + 2] = g * sz;
        }
        return out;
    }

    /** Positions in a clumpy unit cube (some pairs almost coincide), velocities of order 1, unequal masses. */
    private static double[][] particles(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] c = new double[7][n];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < 6; k++) {
                c[k][i] = r.nextDouble() - 0.5;
            }
            if (i > 0 && i % 5 == 0) {
                for (int k = 0; k < 3; k++) {
                    c[k][i] = c[k][i - 1] + 1e-7 * (r.nextDouble() - 0.5);
                }
            }
            c[6][i] = (0.5 + r.nextDouble()) / n;
        }
        return c;
    }

    private static long[] bits(double[] v) {
        long[] b = new long[v.length];
        for (int i = 0; i < v.length; i++) {
            b[i] = Double.doubleToRawLongBits(v[i]);
        }
        return b;
    }
}
