package org.orrery.physics.paircount;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The block decomposition against brute force: over random layouts (random slab and column boundaries, empty blocks,
 * more ranks than points), every rank keeps the points it owns plus the halo {@link Blocks#selectHalo} sends it from
 * every rank, counts the pairs of its block, and the sum equals {@link SurveyBrute} exactly, for every mode, periodic
 * or not, box and sky, auto and cross, with jackknife histograms. Also: the balance, the slab choice, and the halo
 * offsets covering every message.
 */
class BlocksTest {
    private static final double L = SurveyCounterTest.L;

    /** Counts as the distributed run does, over layout {@code k} (one simulated rank after another). */
    static SurveyCounts countOver(Blocks k, PointSet d1, PointSet d2, SurveyBinning b, int patches, long[] held) {
        return countOver(k, d1, d2, b, patches, held, null);
    }

    /** As above; {@code nanos} (optional) receives each rank's grid-build and count time. */
    static SurveyCounts countOver(
            Blocks k, PointSet d1, PointSet d2, SurveyBinning b, int patches, long[] held, long[] nanos) {
        return countOver(k, d1, d2, b, patches, null, held, nanos);
    }

    /** As above with exact weight sums in the window {@code sums} (null: unweighted). */
    static SurveyCounts countOver(
            Blocks k,
            PointSet d1,
            PointSet d2,
            SurveyBinning b,
            int patches,
            ExactSum sums,
            long[] held,
            long[] nanos) {
        GridSpec g = k.grid();
        int p = k.ranks();
        PointSet[][] own = new PointSet[2][p];
        PointSet[] sets = {d1, d2};
        for (int s = 0; s < 2; s++) {
            if (sets[s] == null) {
                continue;
            }
            for (int r = 0; r < p; r++) {
                own[s][r] = sets[s].emptyLike(16);
            }
            for (int i = 0; i < sets[s].size(); i++) {
                int o = k.ownerOf(sets[s].x(i), sets[s].y(i));
                int q = g.planeOf(sets[s].x(i));
                int c = g.columnOf(sets[s].y(i));
                int[] bl = k.block(o);
                assertTrue(q >= bl[0] && q < bl[1] && c >= bl[2] && c < bl[3], "owner's block holds the point");
                own[s][o].addFrom(sets[s], i, 0, 0);
            }
            for (int r = 0; r < p; r++) {
                PairCounter.assignPlanes(g, own[s][r]);
            }
        }
        int[] offsets = k.haloOffsets();
        SurveyCounts sum = new SurveyCounts(b.size(), patches, sums);
        for (int d = 0; d < p; d++) {
            LocalGrid[] grids = new LocalGrid[2];
            PointSet[] halos = new PointSet[2];
            for (int s = 0; s < 2; s++) {
                if (sets[s] == null) {
                    continue;
                }
                PointSet halo = sets[s].emptyLike(16);
                for (int src = 0; src < p; src++) {
                    int before = halo.size();
                    k.selectHalo(own[s][src], d, halo);
                    int kk = (d - src + p) % p;
                    assertTrue(
                            halo.size() == before || kk == 0 || Arrays.binarySearch(offsets, kk) >= 0,
                            "offset " + kk + " missing");
                }
                if (held != null) {
                    held[d] += own[s][d].size() + halo.size();
                }
                halos[s] = halo;
            }
            long t0 = System.nanoTime();
            for (int s = 0; s < 2; s++) {
                if (sets[s] != null) {
                    grids[s] = LocalGrid.build(g, k.x0(d), k.localPlanes(d), 1, own[s][d], halos[s]);
                }
            }
            if (!k.empty(d)) {
                sum.add(
                        d2 == null
                                ? SurveyCounter.autoBlock(grids[0], k.block(d), b, patches, sums, 1)
                                : SurveyCounter.crossBlock(grids[0], grids[1], k.block(d), b, patches, sums, 1));
            }
            if (nanos != null) {
                nanos[d] = System.nanoTime() - t0;
            }
        }
        return sum;
    }

    /** A random layout of {@code ranks} ranks over g: random slabs, random boundaries, empty blocks likely. */
    static Blocks random(GridSpec g, int ranks, SplittableRandom rnd) {
        int slabs = 1 + rnd.nextInt(ranks);
        int[] slabRank = new int[slabs + 1];
        int[] cuts = sortedCuts(rnd, slabs - 1, ranks - slabs);
        for (int i = 1; i < slabs; i++) {
            slabRank[i] = i + cuts[i - 1];
        }
        slabRank[slabs] = ranks;
        int[] slabX = new int[slabs + 1];
        int[] xc = sortedCuts(rnd, slabs - 1, g.ncx());
        System.arraycopy(xc, 0, slabX, 1, slabs - 1);
        slabX[slabs] = g.ncx();
        int[] y0 = new int[ranks];
        int[] y1 = new int[ranks];
        for (int s = 0; s < slabs; s++) {
            int q = slabRank[s + 1] - slabRank[s];
            int[] yc = sortedCuts(rnd, q - 1, g.ncy());
            for (int k = 0; k < q; k++) {
                y0[slabRank[s] + k] = k == 0 ? 0 : yc[k - 1];
                y1[slabRank[s] + k] = k == q - 1 ? g.ncy() : yc[k];
            }
        }
        return Blocks.explicit(g, slabX, slabRank, y0, y1);
    }

    private static int[] sortedCuts(SplittableRandom rnd, int n, int max) {
        int[] c = new int[n];
        for (int i = 0; i < n; i++) {
            c[i] = rnd.nextInt(max + 1);
        }
        Arrays.sort(c);
        return c;
    }

    @Test
    void boxCountsEqualBruteForceOverRandomLayouts() {
        SplittableRandom rnd = new SplittableRandom(5);
        for (double period : new double[] {0, L}) {
            PointSet d = SurveyCounterTest.box(900, 41, 8);
            for (SurveyBinning b : SurveyCounterTest.boxBinnings(period)) {
                SurveyCounts brute = SurveyBrute.auto(d, b, 8);
                GridSpec g = SurveyCounter.spec(b, 2, d);
                for (int t = 0; t < 4; t++) {
                    Blocks k = random(g, 1 + rnd.nextInt(12), rnd);
                    assertEquals(brute, countOver(k, d, null, b, 8, null), b + " over " + describe(k));
                }
            }
        }
    }

    @Test
    void crossCountsEqualBruteForceOverRandomLayouts() {
        SplittableRandom rnd = new SplittableRandom(6);
        for (double period : new double[] {0, L}) {
            PointSet d1 = SurveyCounterTest.box(600, 3, 8);
            PointSet d2 = SurveyCounterTest.box(500, 4, 8);
            for (SurveyBinning b : SurveyCounterTest.boxBinnings(period)) {
                SurveyCounts brute = SurveyBrute.cross(d1, d2, b, 8);
                GridSpec g = SurveyCounter.spec(b, 2, d1, d2);
                for (int t = 0; t < 3; t++) {
                    Blocks k = random(g, 1 + rnd.nextInt(10), rnd);
                    assertEquals(brute, countOver(k, d1, d2, b, 8, null), b + " over " + describe(k));
                }
            }
        }
    }

    @Test
    void skyAndThetaCountsEqualBruteForceOverRandomLayouts() {
        SplittableRandom rnd = new SplittableRandom(7);
        PointSet d = SurveyCounterTest.sky(1200, 21, 10, false);
        SurveyBinning[] bs = {
            SurveyBinning.rppi(Bins.log(0.5, 12, 6), 25, 25, true, 0),
            SurveyBinning.smu(Bins.log(0.5, 15, 7), 1.0, 10, true, 0),
            SurveyBinning.r(Bins.log(0.5, 15, 7), true, 0),
        };
        for (SurveyBinning b : bs) {
            SurveyCounts brute = SurveyBrute.auto(d, b, 10);
            GridSpec g = SurveyCounter.spec(b, 2, d);
            for (int t = 0; t < 3; t++) {
                Blocks k = random(g, 2 + rnd.nextInt(10), rnd);
                assertEquals(brute, countOver(k, d, null, b, 10, null), b + " over " + describe(k));
            }
        }
        PointSet u = SurveyCounterTest.sky(1200, 22, 10, true);
        SurveyBinning t = SurveyBinning.theta(Bins.log(0.01, 2, 8));
        SurveyCounts brute = SurveyBrute.auto(u, t, 10);
        GridSpec g = SurveyCounter.spec(t, 2, u);
        for (int i = 0; i < 4; i++) {
            Blocks k = random(g, 2 + rnd.nextInt(10), rnd);
            assertEquals(brute, countOver(k, u, null, t, 10, null), "theta over " + describe(k));
        }
    }

    /** More ranks than points, and than cells: most blocks are empty. */
    @Test
    void moreRanksThanPoints() {
        SplittableRandom rnd = new SplittableRandom(8);
        for (double period : new double[] {0, L}) {
            PointSet d = SurveyCounterTest.box(7, 43, 0);
            SurveyBinning b = SurveyBinning.r(Bins.linear(0, 30, 5), false, period);
            SurveyCounts brute = SurveyBrute.auto(d, b, 0);
            assertTrue(brute.sum() > 0);
            GridSpec g = SurveyCounter.spec(b, 2, d);
            for (int t = 0; t < 6; t++) {
                Blocks k = random(g, 9 + rnd.nextInt(20), rnd);
                assertEquals(brute, countOver(k, d, null, b, 0, null), describe(k));
            }
            Blocks k = plan(g, d, 24);
            assertEquals(brute, countOver(k, d, null, b, 0, null), describe(k));
        }
    }

    /** The balanced layout as the distributed run plans it, from the whole catalog's counts. */
    static Blocks plan(GridSpec g, PointSet d, int ranks) {
        return plan(g, d, ranks, Blocks.slabsFor(g, ranks));
    }

    static Blocks plan(GridSpec g, PointSet d, int ranks, int slabs) {
        long[] perPlane = new long[g.ncx()];
        for (int i = 0; i < d.size(); i++) {
            perPlane[g.planeOf(d.x(i))]++;
        }
        int[] slabRank = Blocks.slabRanks(ranks, slabs);
        int[] slabX = Blocks.slabBounds(perPlane, slabRank);
        long[] cols = new long[slabs * g.ncy()];
        for (int i = 0; i < d.size(); i++) {
            cols[Slabs.owner(slabX, g.planeOf(d.x(i))) * g.ncy() + g.columnOf(d.y(i))]++;
        }
        return Blocks.of(g, slabX, slabRank, cols);
    }

    @Test
    void balancedBlocksEqualBruteForceAndHoldFewerPointsThanSlabs() {
        PointSet d = SurveyCounterTest.box(3000, 44, 8);
        SurveyBinning b = SurveyBinning.rppi(Bins.log(0.25, 4, 5), 4, 4, false, L);
        SurveyCounts brute = SurveyBrute.auto(d, b, 8);
        GridSpec g = SurveyCounter.spec(b, 2, d);
        for (int ranks : new int[] {1, 2, 5, 16, 40}) {
            long[] heldBlocks = new long[ranks];
            long[] heldSlabs = new long[ranks];
            Blocks k = plan(g, d, ranks);
            assertEquals(brute, countOver(k, d, null, b, 8, heldBlocks), describe(k));
            assertEquals(brute, countOver(plan(g, d, ranks, ranks), d, null, b, 8, heldSlabs), "slabs");
            long maxB = Arrays.stream(heldBlocks).max().getAsLong();
            long maxS = Arrays.stream(heldSlabs).max().getAsLong();
            assertTrue(maxB <= maxS, ranks + " ranks: blocks " + maxB + " slabs " + maxS);
            if (ranks == 40) {
                assertEquals(Blocks.Kind.BLOCKS, k.kind());
                assertTrue(maxB < 0.8 * maxS, "blocks " + maxB + " slabs " + maxS);
            }
        }
    }

    @Test
    void slabBoundsWithOneRankPerSlabAreTheSlabs() {
        SplittableRandom rnd = new SplittableRandom(9);
        for (int t = 0; t < 50; t++) {
            long[] per = new long[1 + rnd.nextInt(30)];
            for (int i = 0; i < per.length; i++) {
                per[i] = rnd.nextInt(4) == 0 ? 0 : rnd.nextInt(100);
            }
            int ranks = 1 + rnd.nextInt(12);
            assertArrayEquals(Slabs.balance(per, ranks), Blocks.slabBounds(per, Blocks.slabRanks(ranks, ranks)));
        }
        assertArrayEquals(new int[] {0, 3, 5, 7}, Blocks.slabRanks(7, 3));
        // A slab with two of three ranks gets two thirds of the points.
        assertArrayEquals(
                new int[] {0, 6, 9}, Blocks.slabBounds(new long[] {1, 1, 1, 1, 1, 1, 1, 1, 1}, new int[] {0, 2, 3}));
    }

    @Test
    void overlapsWrapsAndClips() {
        assertTrue(Blocks.overlaps(0, 2, 9, 11, 10, true));
        assertTrue(!Blocks.overlaps(2, 5, 9, 11, 10, true));
        assertTrue(!Blocks.overlaps(0, 2, 9, 11, 10, false));
        assertTrue(Blocks.overlaps(3, 4, -2, 3 + 1, 10, false));
        assertTrue(Blocks.overlaps(5, 6, -7, -3, 10, true));
    }

    static String describe(Blocks k) {
        StringBuilder s = new StringBuilder(k.ranks() + " ranks:");
        for (int r = 0; r < k.ranks(); r++) {
            s.append(' ').append(Arrays.toString(k.block(r)));
        }
        return s.toString();
    }
}
