package org.orrery.physics.paircount;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PairCounterTest {

    /** Uniform points in [0, L)^3 (random doubles). */
    static PointSet uniform(int n, double l, long seed, boolean weights) {
        SplittableRandom r = new SplittableRandom(seed);
        PointSet p = new PointSet(weights, n);
        for (int i = 0; i < n; i++) {
            p.add(
                    r.nextDouble() * l,
                    r.nextDouble() * l,
                    r.nextDouble() * l,
                    weights ? 0.5 + r.nextInt(13) / 8.0 : 1,
                    i,
                    0);
        }
        return p;
    }

    /** Points on a half-unit lattice in [0, L): many pairs exactly on integer edges and cell faces; duplicates too. */
    static PointSet lattice(int n, int l, long seed, boolean weights) {
        SplittableRandom r = new SplittableRandom(seed);
        PointSet p = new PointSet(weights, n);
        for (int i = 0; i < n; i++) {
            p.add(
                    r.nextInt(2 * l) / 2.0,
                    r.nextInt(2 * l) / 2.0,
                    r.nextInt(2 * l) / 2.0,
                    weights ? 0.5 + r.nextInt(13) / 8.0 : 1,
                    i,
                    0);
        }
        return p;
    }

    static PairCounts bruteAuto(PointSet p, Bins b, double period, boolean seps) {
        return BruteForce.auto(p.xs(), p.ys(), p.zs(), p.ws(), p.size(), b, period, seps);
    }

    static PairCounts bruteCross(PointSet p, PointSet q, Bins b, double period, boolean seps) {
        return BruteForce.cross(
                p.xs(), p.ys(), p.zs(), p.ws(), p.size(), q.xs(), q.ys(), q.zs(), q.ws(), q.size(), b, period, seps);
    }

    static void assertClose(PairCounts want, PairCounts got) {
        assertArrayEquals(want.counts(), got.counts(), "counts");
        if (want.hasSeparations()) {
            for (int k = 0; k < want.nbins(); k++) {
                assertEquals(
                        want.separationSums()[k],
                        got.separationSums()[k],
                        1e-9 * Math.max(1, want.separationSums()[k]));
            }
        }
        if (want.hasWeights()) {
            assertArrayEquals(want.weightSums(), got.weightSums(), "dyadic weights: sums are exact");
        }
    }

    @ParameterizedTest(name = "periodic={0} refine={1} threads={2}")
    @CsvSource({"true,1,1", "true,2,2", "true,3,3", "false,1,2", "false,2,1", "false,3,3", "true,4,2", "false,4,1"})
    void autoEqualsBruteForceOnRandomPoints(boolean periodic, int refine, int threads) {
        double l = 100;
        PointSet p = uniform(1500, l, 11 + refine, true);
        Bins b = Bins.log(0.5, 20, 12);
        var o = new PairCounter.Options(periodic ? l : 0, refine, true, true, threads);
        PairCounts want = bruteAuto(p, b, periodic ? l : 0, true);
        PairCounts got = PairCounter.auto(p, b, o);
        assertTrue(want.total() > 1000, "test has pairs: " + want.total());
        assertClose(want, got);
    }

    @ParameterizedTest(name = "periodic={0} refine={1} threads={2}")
    @CsvSource({"true,1,1", "true,2,2", "false,2,3", "false,1,1", "true,3,2"})
    void crossEqualsBruteForceOnRandomPoints(boolean periodic, int refine, int threads) {
        double l = 60;
        PointSet p = uniform(700, l, 5, true);
        PointSet q = uniform(900, l, 6, true);
        Bins b = Bins.linear(0, 12, 7);
        var o = new PairCounter.Options(periodic ? l : 0, refine, true, true, threads);
        assertClose(bruteCross(p, q, b, periodic ? l : 0, true), PairCounter.cross(p, q, b, o));
    }

    @ParameterizedTest(name = "periodic={0} refine={1}")
    @CsvSource({"true,1", "true,2", "false,1", "false,2", "true,3"})
    void latticePointsOnBinEdgesAndCellFacesAreExact(boolean periodic, int refine) {
        int l = 16;
        // 3.9 * (1 + margin) gives 8 cells per side at refine 2 (4 at refine 1): faces at whole numbers.
        Bins b = Bins.of(new double[] {0, 1, 1.5, 2, 3, 3.9}, "test");
        PointSet p = lattice(1200, l, 3, true);
        PointSet q = lattice(800, l, 4, true);
        var o = new PairCounter.Options(periodic ? l : 0, refine, true, false, 2);
        PairCounts auto = PairCounter.auto(p, b, o);
        assertEquals(bruteAuto(p, b, periodic ? l : 0, false), auto);
        assertTrue(auto.counts()[0] > 0, "duplicate points give zero separations in bin 0");
        assertEquals(bruteCross(p, q, b, periodic ? l : 0, false), PairCounter.cross(p, q, b, o));
    }

    @Test
    void gridCellsFallOnLatticeFaces() {
        Bins b = Bins.of(new double[] {0, 1, 1.5, 2, 3, 3.9}, "test");
        GridSpec g = GridSpec.create(b, 16, null, null, 1200, 2);
        assertEquals(8, g.ncx());
        assertEquals(4, g.planeOf(8.0));
        assertEquals(3, g.planeOf(Math.nextDown(8.0)));
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3, 5, 8})
    void resultsAreBitwiseIdenticalForAnyThreadCount(int threads) {
        double l = 100;
        SplittableRandom r = new SplittableRandom(9);
        PointSet p = new PointSet(true, 3000);
        for (int i = 0; i < 3000; i++) {
            p.add(r.nextDouble() * l, r.nextDouble() * l, r.nextDouble() * l, r.nextDouble(), i, 0);
        }
        Bins b = Bins.log(0.1, 25, 15);
        var o = new PairCounter.Options(l, 2, true, true, 1);
        PairCounts one = PairCounter.auto(p, b, o);
        PairCounts many = PairCounter.auto(p, b, o.withThreads(threads));
        assertArrayEquals(one.counts(), many.counts());
        assertArrayEquals(one.weightSums(), many.weightSums());
        assertArrayEquals(one.separationSums(), many.separationSums());
    }

    @Test
    void orderedConventionDoublesAutoCounts() {
        PointSet p = uniform(400, 50, 1, false);
        Bins b = Bins.linear(1, 10, 3);
        PairCounts u = PairCounter.auto(p, b, PairCounter.Options.defaults().withPeriod(50));
        PairCounts o = u.ordered();
        for (int k = 0; k < 3; k++) {
            assertEquals(2 * u.counts()[k], o.counts()[k]);
        }
    }

    @Test
    void emptyAndSinglePointCatalogsHaveNoPairs() {
        Bins b = Bins.linear(0, 5, 2);
        assertEquals(
                0,
                PairCounter.auto(new PointSet(false, 0), b, PairCounter.Options.defaults())
                        .total());
        PointSet one = uniform(1, 20, 2, false);
        assertEquals(
                0,
                PairCounter.auto(one, b, PairCounter.Options.defaults().withPeriod(20))
                        .total());
        assertEquals(
                0,
                PairCounter.cross(one, new PointSet(false, 0), b, PairCounter.Options.defaults())
                        .total());
    }

    @Test
    void denseClusterInOneCellMatchesBruteForce() {
        // All points in a tiny blob: one big column, long z-windows.
        SplittableRandom r = new SplittableRandom(4);
        PointSet p = new PointSet(false, 800);
        for (int i = 0; i < 800; i++) {
            p.add(50 + r.nextGaussian(), 50 + r.nextGaussian(), 99.5 + r.nextDouble() * 0.49, 1, i, 0);
        }
        Bins b = Bins.log(0.01, 5, 9);
        assertEquals(
                bruteAuto(p, b, 100, false),
                PairCounter.auto(p, b, PairCounter.Options.defaults().withPeriod(100)));
        assertEquals(bruteAuto(p, b, 0, false), PairCounter.auto(p, b, PairCounter.Options.defaults()));
    }

    /**
     * The cell lists do not depend on the order the points arrive in, on how they are split between sets, or on the
     * thread count: every column is sorted by (z, id), ties in z included.
     */
    @Test
    void cellListsAreIndependentOfInputOrderSplitAndThreads() {
        SplittableRandom r = new SplittableRandom(5);
        int n = 20000;
        double[][] pts = new double[n][];
        for (int i = 0; i < n; i++) {
            // Coarse z values force many ties, resolved by id.
            pts[i] = new double[] {r.nextDouble() * 100, r.nextDouble() * 100, r.nextInt(50), 0.5 + r.nextInt(4), i};
        }
        Bins b = Bins.linear(1, 10, 9);
        GridSpec g = GridSpec.create(b, 100, new double[2], new double[] {100, 100}, n, 2);
        PointSet ordered = new PointSet(true, n);
        for (double[] p : pts) {
            ordered.add(p[0], p[1], p[2], p[3], (long) p[4], g.planeOf(p[0]));
        }
        LocalGrid ref = LocalGrid.build(g, 0, g.ncx(), 1, ordered);
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            double[] t = pts[i];
            pts[i] = pts[j];
            pts[j] = t;
        }
        PointSet a = new PointSet(true, n);
        PointSet c = new PointSet(true, n);
        for (int i = 0; i < n; i++) {
            (i % 3 == 0 ? a : c)
                    .add(pts[i][0], pts[i][1], pts[i][2], pts[i][3], (long) pts[i][4], g.planeOf(pts[i][0]));
        }
        for (int threads : new int[] {1, 3}) {
            LocalGrid got = LocalGrid.build(g, 0, g.ncx(), threads, c, a);
            assertArrayEquals(ref.start, got.start);
            assertArrayEquals(ref.x, got.x);
            assertArrayEquals(ref.y, got.y);
            assertArrayEquals(ref.z, got.z);
            assertArrayEquals(ref.w, got.w);
        }
        for (int col = 0; col + 1 < ref.start.length; col++) {
            for (int k = ref.start[col] + 1; k < ref.start[col + 1]; k++) {
                assertTrue(ref.z[k - 1] <= ref.z[k], "column " + col + " sorted by z");
            }
        }
    }

    /** A set without weights joins a weighted one with weight 1. */
    @Test
    void unweightedPointsJoinAWeightedGridWithWeightOne() {
        Bins b = Bins.linear(1, 10, 9);
        GridSpec g = GridSpec.create(b, 100, new double[2], new double[] {100, 100}, 2, 2);
        PointSet weighted = new PointSet(true, 1);
        weighted.add(10, 10, 10, 2.5, 0, g.planeOf(10));
        PointSet plain = new PointSet(false, 1);
        plain.add(50, 50, 50, 7, 1, g.planeOf(50));
        LocalGrid lg = LocalGrid.build(g, 0, g.ncx(), 1, weighted, plain);
        assertEquals(2, lg.size());
        assertEquals(2.5, lg.w[0]);
        assertEquals(1.0, lg.w[1]);
    }
}
