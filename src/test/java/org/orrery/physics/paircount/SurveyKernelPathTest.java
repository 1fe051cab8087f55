package org.orrery.physics.paircount;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The survey vector kernels ({@link PairKernelPath.Survey}: box (rp, π) and θ) give, pair for pair, the bins of the
 * scalar rule ({@link PairBinner}), and the survey counter gives the same counts through them, through the scalar loop
 * and by brute force ({@link SurveyBrute}). Run with the Vector API (surefire's default) and again without it (pom.xml,
 * execution scalar-kernels), where the kernel tests are skipped and the counts must still agree.
 */
class SurveyKernelPathTest {
    private static final double L = 16;

    @Test
    void theJvmRunsThePathItWasStartedFor() {
        String expected = System.getProperty("orrery.test.kernels");
        Assumptions.assumeTrue(expected != null, "run by Maven (surefire sets orrery.test.kernels)");
        assertEquals(expected.equals("vector"), PairKernelPath.SURVEY != null, PairKernelPath.describe());
    }

    /** rp and π edges that half-unit lattice separations hit exactly, and π widths whose 1/dπ is inexact. */
    private static SurveyBinning[] rppiBinnings(double period) {
        return new SurveyBinning[] {
            SurveyBinning.rppi(Bins.linear(0, 6, 12), 3, 6, false, period),
            SurveyBinning.rppi(Bins.log(0.5, 6, 7), 4.5, 9, false, period),
            SurveyBinning.rppi(Bins.of(new double[] {0.5, 1, 1.5, 2.5, 3, 5}, "test edges"), 3.5, 7, false, period),
            SurveyBinning.rppi(Bins.linear(1, 5, 1), 3, 7, false, period),
            SurveyBinning.rppi(Bins.log(0.3, 5.5, 5), 2.9, 3, false, period),
        };
    }

    /** Every run length 0..3L+3 at every offset, image shifts in y and z: the kernel bins as PairBinner.rppiBox. */
    @Test
    void rppiKernelBinsEveryPairAsTheScalarRule() {
        Assumptions.assumeTrue(PairKernelPath.SURVEY != null, "vector kernel present");
        int n = 64;
        double[][] c = coordinates(n, 5);
        for (SurveyBinning b : rppiBinnings(0)) {
            PairBinner binner = new PairBinner(b);
            for (int len = 0; len <= 35; len++) {
                for (int j0 = 0; j0 + len <= n; j0 += len < 8 ? 1 : 7) {
                    for (double sy : new double[] {0, -L}) {
                        for (double sz : new double[] {0, -L, L}) {
                            long[] want = new long[b.size()];
                            for (int j = j0; j < j0 + len; j++) {
                                int k = binner.rppiBox(c[0][j] - 2, (c[1][j] + sy) - 2, (c[2][j] + sz) - 2);
                                if (k >= 0) {
                                    want[k]++;
                                }
                            }
                            SurveyVectorAcc acc = SurveyVectorAcc.of(PairKernelPath.SURVEY, b, binner, false);
                            acc.range(2, 2, 2, c[0], c[1], c[2], j0, j0 + len, sy, sz);
                            long[] got = new long[b.size()];
                            acc.flush(got);
                            assertArrayEquals(
                                    want, got, b + " j0 " + j0 + " length " + len + " sy " + sy + " sz " + sz);
                        }
                    }
                }
            }
        }
    }

    /**
     * θ edges taken from the pairs' own cos θ (so many pairs lie exactly on an edge), every run length and offset: the
     * kernel's cumulative counts bin every pair as {@code cos θ_{k+1} < cos θ <= cos θ_k} (PairBinner.theta's rule).
     */
    @Test
    void thetaKernelBinsEveryPairAsTheScalarRule() {
        Assumptions.assumeTrue(PairKernelPath.SURVEY != null, "vector kernel present");
        int n = 64;
        PointSet s = SurveyCounterTest.sky(n, 9, 0, true);
        double[] x = s.xs();
        double[] y = s.ys();
        double[] z = s.zs();
        double[] ct = new double[n];
        for (int j = 0; j < n; j++) {
            ct[j] = cosTheta(x[j] - x[0], y[j] - y[0], z[j] - z[0]);
        }
        double[] sorted = Arrays.stream(ct).distinct().sorted().toArray();
        assertTrue(sorted.length > 24, "distinct separations");
        // decreasing cos edges: every third distinct value, from near the top down
        double[] cosEdges = new double[8];
        for (int k = 0; k < cosEdges.length; k++) {
            cosEdges[k] = sorted[sorted.length - 2 - 3 * k];
        }
        int nb = cosEdges.length - 1;
        for (int len = 0; len <= 35; len++) {
            for (int j0 = 0; j0 + len <= n; j0 += len < 8 ? 1 : 7) {
                long[] want = new long[nb];
                for (int j = j0; j < j0 + len; j++) {
                    for (int k = 0; k < nb; k++) {
                        if (ct[j] <= cosEdges[k] && ct[j] > cosEdges[k + 1]) {
                            want[k]++;
                        }
                    }
                }
                long[] cum = new long[nb + 1];
                PairKernelPath.SURVEY.theta(x, y, z, j0, j0 + len, x[0], y[0], z[0], cosEdges, cum);
                long[] got = new long[nb];
                for (int k = 0; k < nb; k++) {
                    got[k] = cum[k + 1] - cum[k];
                }
                assertArrayEquals(want, got, "j0 " + j0 + " length " + len);
            }
        }
    }

    /** PairBinner.theta's arithmetic. */
    private static double cosTheta(double dx, double dy, double dz) {
        return 1.0 - 0.5 * (dx * dx + dy * dy + dz * dz);
    }

    /** Auto and cross, periodic or not, refine 1 and 2, 1 and 2 threads: path = scalar loop = brute force. */
    @Test
    void rppiCountsEqualTheScalarLoopAndBruteForce() {
        PointSet p = lattice(700, 3);
        PointSet q = lattice(500, 4);
        for (double period : new double[] {0, L}) {
            for (SurveyBinning b : rppiBinnings(period)) {
                long[] auto = SurveyBrute.auto(p, b, 0).total();
                long[] cross = SurveyBrute.cross(p, q, b, 0).total();
                assertTrue(Arrays.stream(auto).sum() > 1000, "enough pairs for " + b);
                for (int refine = 1; refine <= 2; refine++) {
                    for (int threads = 1; threads <= 2; threads++) {
                        String what = b + " refine " + refine + " threads " + threads;
                        assertArrayEquals(
                                auto,
                                SurveyCounter.autoWith(p, b, refine, threads, null)
                                        .total(),
                                what);
                        assertArrayEquals(
                                auto,
                                SurveyCounter.autoWith(p, b, refine, threads, PairKernelPath.SURVEY)
                                        .total(),
                                "path, " + what);
                        assertArrayEquals(
                                cross,
                                SurveyCounter.crossWith(p, q, b, refine, threads, null)
                                        .total(),
                                what);
                        assertArrayEquals(
                                cross,
                                SurveyCounter.crossWith(p, q, b, refine, threads, PairKernelPath.SURVEY)
                                        .total(),
                                "path, " + what);
                    }
                }
            }
        }
    }

    /** θ counts, auto and cross: path = scalar loop = brute force; also the public entry (with the path). */
    @Test
    void thetaCountsEqualTheScalarLoopAndBruteForce() {
        PointSet p = SurveyCounterTest.sky(1500, 31, 0, true);
        PointSet q = SurveyCounterTest.sky(900, 32, 0, true);
        for (Bins bins : new Bins[] {Bins.log(0.01, 1.5, 9), Bins.linear(0, 2, 5)}) {
            SurveyBinning b = SurveyBinning.theta(bins);
            long[] auto = SurveyBrute.auto(p, b, 0).total();
            long[] cross = SurveyBrute.cross(p, q, b, 0).total();
            assertTrue(Arrays.stream(auto).sum() > 1000, "enough pairs for " + b);
            for (int refine = 1; refine <= 2; refine++) {
                for (int threads = 1; threads <= 2; threads++) {
                    String what = b + " refine " + refine + " threads " + threads;
                    assertArrayEquals(
                            auto,
                            SurveyCounter.autoWith(p, b, refine, threads, null).total(),
                            what);
                    assertArrayEquals(
                            auto,
                            SurveyCounter.autoWith(p, b, refine, threads, PairKernelPath.SURVEY)
                                    .total(),
                            "path, " + what);
                    assertArrayEquals(
                            cross,
                            SurveyCounter.crossWith(p, q, b, refine, threads, null)
                                    .total(),
                            what);
                    assertArrayEquals(
                            cross,
                            SurveyCounter.crossWith(p, q, b, refine, threads, PairKernelPath.SURVEY)
                                    .total(),
                            "path, " + what);
                }
            }
            assertArrayEquals(auto, SurveyCounter.auto(p, b, 0, 2, 2).total(), b.toString());
        }
    }

    /** Half the points on a half-unit lattice (pairs exactly on rp and π edges, duplicates), half on a 2^-12 grid. */
    private static PointSet lattice(int n, long seed) {
        double[][] c = coordinates(n, seed);
        PointSet p = new PointSet(false, n);
        for (int i = 0; i < n; i++) {
            p.add(c[0][i], c[1][i], c[2][i], 1, i, 0);
        }
        return p;
    }

    private static double[][] coordinates(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] c = new double[3][n];
        for (int j = 0; j < n; j++) {
            for (int d = 0; d < 3; d++) {
                c[d][j] = j % 2 == 0 ? r.nextInt((int) (2 * L)) / 2.0 : Math.floor(r.nextDouble() * L * 4096) / 4096;
            }
        }
        return c;
    }
}
