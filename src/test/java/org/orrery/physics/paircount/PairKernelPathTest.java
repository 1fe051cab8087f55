package org.orrery.physics.paircount;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The unweighted-count kernel chosen by {@link PairKernelPath} gives the counts of the scalar loop and of brute force.
 * The unit tests run with {@code --add-modules jdk.incubator.vector} (the Vector API kernel; property
 * {@code orrery.test.kernels=vector}) and again without it (scalar; pom.xml, surefire execution scalar-kernels), so
 * this class and PairCounterTest prove the same counts on both paths.
 */
class PairKernelPathTest {
    private static final Bins[] BINS = {
        Bins.linear(0, 6, 12), Bins.log(0.5, 6, 9), Bins.of(new double[] {0.5, 1, 1.5, 2.5, 3, 5}, "test edges")
    };

    @Test
    void theJvmRunsThePathItWasStartedFor() {
        String expected = System.getProperty("orrery.test.kernels");
        Assumptions.assumeTrue(expected != null, "run by Maven (surefire sets orrery.test.kernels)");
        assertEquals(expected.equals("vector"), PairKernelPath.vector(), PairKernelPath.describe());
        assertTrue(PairKernelPath.describe().startsWith(expected), PairKernelPath.describe());
    }

    /**
     * Every run length 0..3L+3 (tails of every size), at every offset up to the end of the arrays (the last partial
     * vector cannot read past them), image shifts included: the cumulative counts equal those of the scalar rule.
     */
    @Test
    void cumulativeCountsEqualTheScalarRuleOnEveryRange() {
        Assumptions.assumeTrue(PairKernelPath.vector(), "vector kernel present");
        int n = 64;
        SplittableRandom r = new SplittableRandom(5);
        double[][] c = new double[3][n];
        for (int j = 0; j < n; j++) {
            for (int d = 0; d < 3; d++) {
                // half-unit lattice near the point (2, 2, 2): separations often exactly on the integer edges
                c[d][j] = j % 3 == 0 ? r.nextInt(13) / 2.0 : Math.floor(r.nextDouble() * 6 * 4096) / 4096;
            }
        }
        for (Bins b : BINS) {
            double[] e2 = b.edges2();
            for (int len = 0; len <= 35; len++) {
                for (int j0 = 0; j0 + len <= n; j0 += len < 8 ? 1 : 7) {
                    for (double sz : new double[] {0, -6, 6}) {
                        long[] want = new long[e2.length];
                        long[] got = new long[e2.length];
                        for (int j = j0; j < j0 + len; j++) {
                            double dx = c[0][j] - 2;
                            double dy = (c[1][j] + 0.0) - 2;
                            double dz = (c[2][j] + sz) - 2;
                            double d2 = dx * dx + dy * dy + dz * dz;
                            for (int k = 0; k < e2.length; k++) {
                                want[k] += d2 < e2[k] ? 1 : 0;
                            }
                        }
                        PairKernelPath.VECTOR.count(c[0], c[1], c[2], j0, j0 + len, 2, 2, 2, 0.0, sz, e2, got);
                        assertArrayEquals(want, got, b + " j0 " + j0 + " length " + len + " sz " + sz);
                    }
                }
            }
        }
    }

    /** Auto and cross counts: path = scalar loop = brute force, lin / log / explicit bins, periodic or not. */
    @Test
    void countsEqualTheScalarLoopAndBruteForce() {
        int l = 14;
        for (int seed = 1; seed <= 2; seed++) {
            PointSet p = mixed(700, l, seed);
            PointSet q = mixed(500, l, 100 + seed);
            for (Bins b : BINS) {
                for (boolean periodic : new boolean[] {false, true}) {
                    double period = periodic ? l : 0;
                    long[] bruteAuto =
                            PairCounterTest.bruteAuto(p, b, period, false).counts();
                    long[] bruteCross =
                            PairCounterTest.bruteCross(p, q, b, period, false).counts();
                    for (int refine = 1; refine <= 2; refine++) {
                        for (int threads = 1; threads <= 2; threads++) {
                            var o = new PairCounter.Options(period, refine, false, false, threads);
                            String what = b + " periodic " + periodic + " refine " + refine + " threads " + threads;
                            assertArrayEquals(
                                    bruteAuto, PairCounter.auto(p, b, o).counts(), "auto, path, " + what);
                            assertArrayEquals(
                                    bruteAuto, PairCounter.auto(p, b, o, null).counts(), "auto, scalar, " + what);
                            assertArrayEquals(
                                    bruteCross, PairCounter.cross(p, q, b, o).counts(), "cross, path, " + what);
                            assertArrayEquals(
                                    bruteCross,
                                    PairCounter.cross(p, q, b, o, null).counts(),
                                    "cross, scalar, " + what);
                        }
                    }
                }
            }
        }
    }

    /** Weighted counts with separation sums stay on the scalar loop: the same as brute force on either path. */
    @Test
    void weightedCountsAndSeparationSumsStayExact() {
        PointSet p = PairCounterTest.lattice(900, 14, 7, true);
        for (Bins b : BINS) {
            var o = new PairCounter.Options(14, PairCounter.DEFAULT_REFINE, true, true, 2);
            PairCounterTest.assertClose(PairCounterTest.bruteAuto(p, b, 14, true), PairCounter.auto(p, b, o));
        }
    }

    /** Half the points on a half-unit lattice (pairs exactly on edges, duplicates), half on a 2^-12 grid. */
    private static PointSet mixed(int n, int l, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        PointSet p = new PointSet(false, n);
        for (int i = 0; i < n; i++) {
            double[] c = new double[3];
            for (int d = 0; d < 3; d++) {
                c[d] = i % 2 == 0 ? r.nextInt(2 * l) / 2.0 : Math.floor(r.nextDouble() * l * 4096) / 4096;
            }
            p.add(c[0], c[1], c[2], 1, i, 0);
        }
        return p;
    }
}
