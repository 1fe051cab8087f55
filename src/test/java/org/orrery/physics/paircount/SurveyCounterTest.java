package org.orrery.physics.paircount;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The survey cell-list counter against brute force (exact, every mode, periodic or not, auto and cross, with jackknife
 * histograms), at several thread counts and plane splits (the ranks of the distributed run), and the delete-one counts
 * against a recount without each patch.
 */
class SurveyCounterTest {
    static final double L = 64;

    /** Box points on a 2^-12 grid (every separation and square exact), clustered in pairs, patch = cube. */
    static PointSet box(int n, long seed, int patches) {
        SplittableRandom r = new SplittableRandom(seed);
        PointSet p = new PointSet(false, true, n);
        Patches cubes = patches > 0 ? Patches.cubes(patches, new double[3], L) : null;
        for (int i = 0; i < n; i++) {
            double x = q(r.nextDouble() * L);
            double y = q(r.nextDouble() * L);
            double z = q(r.nextDouble() * L);
            if (i % 3 == 1) { // a close companion of the previous point
                x = q((p.x(i - 1) + r.nextDouble() * 3 + L) % L);
                y = q((p.y(i - 1) + r.nextDouble() * 3 + L) % L);
                z = q((p.z(i - 1) - r.nextDouble() * 3 + L) % L);
            }
            p.add(x, y, z, 1, i, 0, cubes == null ? 0 : cubes.of(x, y, z));
        }
        return p;
    }

    static double q(double v) {
        double t = Math.floor(v * 4096) / 4096;
        return t >= L ? 0 : t;
    }

    /** Sky points: RA in [150, 200), Dec in [-10, 20), distance 500..700 h^-1 Mpc, k-means patches. */
    static PointSet sky(int n, long seed, int patches, boolean unit) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] ra = new double[n];
        double[] dec = new double[n];
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            ra[i] = 150 + 50 * r.nextDouble();
            dec[i] = -10 + 30 * r.nextDouble();
            d[i] = 500 + 200 * r.nextDouble();
            if (i % 2 == 1) {
                ra[i] = ra[i - 1] + 0.3 * r.nextDouble();
                dec[i] = dec[i - 1] + 0.3 * r.nextDouble();
                d[i] = d[i - 1] + 4 * r.nextDouble();
            }
        }
        PointSet p = unit
                ? SkyPoints.onSphere(ra, dec, null, n, 0, "test")
                : SkyPoints.fromDistance(ra, dec, d, null, n, 0, "test");
        if (patches > 0) {
            Patches.kmeans(p.xs(), p.ys(), p.zs(), n, patches, 7, 100_000, 30, "test")
                    .label(p);
        }
        return p;
    }

    static SurveyBinning[] boxBinnings(double period) {
        return new SurveyBinning[] {
            SurveyBinning.rppi(Bins.log(0.25, 6, 5), 10, 10, false, period),
            SurveyBinning.rppi(Bins.linear(0, 5, 4), 7.5, 3, false, period),
            SurveyBinning.smu(Bins.log(0.5, 8, 6), 1.0, 8, false, period),
            SurveyBinning.smu(Bins.linear(0, 4, 4), 0.5, 5, false, period),
            SurveyBinning.r(Bins.log(0.3, 7, 6), false, period),
        };
    }

    @Test
    void boxModesEqualBruteForceAtAnyThreadCountAndSplit() {
        for (double period : new double[] {0, L}) {
            PointSet d = box(1500, 11, 8);
            for (SurveyBinning b : boxBinnings(period)) {
                SurveyCounts brute = SurveyBrute.auto(d, b, 8);
                assertTrue(brute.sum() > 300, "enough pairs for " + b);
                for (int threads : new int[] {1, 3}) {
                    for (int refine : new int[] {1, 2}) {
                        assertEquals(
                                brute,
                                SurveyCounter.auto(d, b, 8, refine, threads),
                                b + " t" + threads + " r" + refine);
                    }
                }
                for (int ranks : new int[] {2, 3, 5}) {
                    assertEquals(brute, split(d, null, b, 8, ranks), b + " over " + ranks + " slabs");
                }
            }
        }
    }

    /** The R mode is the r mode with patches: the same counts as the existing kernel. */
    @Test
    void rModeEqualsTheExistingCounter() {
        for (double period : new double[] {0, L}) {
            PointSet d = box(1500, 12, 8);
            Bins bins = Bins.log(0.3, 7, 6);
            long[] r = PairCounter.auto(d, bins, PairCounter.Options.defaults().withPeriod(period))
                    .counts();
            assertArrayEquals(
                    r,
                    SurveyCounter.auto(d, SurveyBinning.r(bins, false, period), 8, 2, 2)
                            .total());
        }
    }

    @Test
    void crossCountsEqualBruteForce() {
        for (double period : new double[] {0, L}) {
            PointSet d1 = box(900, 3, 8);
            PointSet d2 = box(700, 4, 8);
            for (SurveyBinning b : boxBinnings(period)) {
                SurveyCounts brute = SurveyBrute.cross(d1, d2, b, 8);
                assertEquals(brute, SurveyCounter.cross(d1, d2, b, 8, 2, 2), b.toString());
                assertEquals(brute, split(d1, d2, b, 8, 3), b + " over 3 slabs");
            }
        }
        PointSet s1 = sky(800, 5, 6, false);
        PointSet s2 = sky(600, 6, 6, false);
        SurveyBinning b = SurveyBinning.rppi(Bins.log(0.5, 10, 6), 20, 20, true, 0);
        assertEquals(SurveyBrute.cross(s1, s2, b, 6), SurveyCounter.cross(s1, s2, b, 6, 2, 2));
    }

    @Test
    void skyModesEqualBruteForce() {
        PointSet d = sky(2000, 21, 10, false);
        SurveyBinning[] bs = {
            SurveyBinning.rppi(Bins.log(0.5, 12, 6), 25, 25, true, 0),
            SurveyBinning.smu(Bins.log(0.5, 15, 7), 1.0, 10, true, 0),
            SurveyBinning.smu(Bins.linear(1, 9, 4), 0.7, 7, true, 0),
            SurveyBinning.r(Bins.log(0.5, 15, 7), true, 0),
        };
        for (SurveyBinning b : bs) {
            SurveyCounts brute = SurveyBrute.auto(d, b, 10);
            assertTrue(brute.sum() > 500, "enough pairs for " + b);
            for (int threads : new int[] {1, 2}) {
                assertEquals(brute, SurveyCounter.auto(d, b, 10, 2, threads), b + " t" + threads);
            }
            assertEquals(brute, split(d, null, b, 10, 4), b + " over 4 slabs");
        }
        PointSet u = sky(2000, 22, 10, true);
        SurveyBinning t = SurveyBinning.theta(Bins.log(0.01, 2, 8));
        SurveyCounts brute = SurveyBrute.auto(u, t, 10);
        assertTrue(brute.sum() > 500);
        assertEquals(brute, SurveyCounter.auto(u, t, 10, 2, 3));
        assertEquals(brute, split(u, null, t, 10, 3));
    }

    @Test
    void deleteOneCountsEqualARecountWithoutThePatch() {
        PointSet d = box(1200, 31, 27);
        SurveyBinning b = SurveyBinning.rppi(Bins.log(0.25, 6, 5), 8, 8, false, L);
        SurveyCounts c = SurveyCounter.auto(d, b, 27, 2, 2);
        for (int k = 0; k < 27; k++) {
            assertArrayEquals(SurveyBrute.autoWithout(d, b, k), c.deleteOne(k), "patch " + k);
        }
        PointSet u = sky(1500, 32, 9, true);
        SurveyBinning t = SurveyBinning.theta(Bins.log(0.02, 3, 6));
        SurveyCounts ct = SurveyCounter.auto(u, t, 9, 2, 1);
        PointSet u2 = sky(1000, 33, 9, true);
        Patches.kmeans(u.xs(), u.ys(), u.zs(), u.size(), 9, 7, 100_000, 30, "t").label(u2);
        SurveyCounts cx = SurveyCounter.cross(u, u2, t, 9, 2, 2);
        for (int k = 0; k < 9; k++) {
            assertArrayEquals(SurveyBrute.autoWithout(u, t, k), ct.deleteOne(k), "sky patch " + k);
            assertArrayEquals(SurveyBrute.crossWithout(u, u2, t, k), cx.deleteOne(k), "cross patch " + k);
        }
        SurveyCounts back = SurveyCounts.unpack(c.packed(), c.nbins(), c.patches());
        assertEquals(c, back);
    }

    /**
     * Without --refine, θ through the vector kernel takes 1, 2 or 3 cells per rmax by the points per refine-1 cell; a
     * refine given, weights or patches, and the other modes keep theirs. The counts do not depend on it.
     */
    @Test
    void automaticRefineFollowsTheDensityOfThetaCountsOnly() {
        SurveyBinning t = SurveyBinning.theta(Bins.log(0.05, 2.0, 5));
        double[] lo = {0, 0};
        double[] hi = {1, 1};
        // θmax 2 degrees: cells of about 0.035, 28 x 28 = 784 at refine 1 on the unit square
        int cells = GridSpec.create(t.gridBins(), 0, lo, hi, 10_000_000, 1).ncx();
        long sparse = (long) (cells * cells * (SurveyCounter.THETA_REFINE_1 - 1));
        long middle = (long) (cells * cells * (SurveyCounter.THETA_REFINE_1 + 1));
        long dense = (long) (cells * cells * (SurveyCounter.THETA_REFINE_2 + 1));
        int auto = SurveyCounter.AUTO_REFINE;
        assertEquals(3, SurveyCounter.refine(3, t, lo, hi, sparse, false));
        assertEquals(SurveyCounter.DEFAULT_REFINE, SurveyCounter.refine(auto, t, lo, hi, sparse, true));
        SurveyBinning rp = SurveyBinning.rppi(Bins.log(0.25, 6, 5), 8, 8, false, L);
        assertEquals(SurveyCounter.DEFAULT_REFINE, SurveyCounter.refine(auto, rp, lo, hi, sparse, false));
        if (PairKernelPath.SURVEY != null) {
            assertEquals(1, SurveyCounter.refine(auto, t, lo, hi, sparse, false));
            assertEquals(2, SurveyCounter.refine(auto, t, lo, hi, middle, false));
            assertEquals(3, SurveyCounter.refine(auto, t, lo, hi, dense, false));
        } else {
            assertEquals(SurveyCounter.DEFAULT_REFINE, SurveyCounter.refine(auto, t, lo, hi, sparse, false));
        }
        PointSet u = sky(3000, 41, 0, true);
        SurveyBinning w = SurveyBinning.theta(Bins.log(0.02, 3, 6));
        SurveyCounts brute = SurveyBrute.auto(u, w, 0);
        for (int threads = 1; threads <= 2; threads++) {
            assertArrayEquals(
                    brute.total(), SurveyCounter.auto(u, w, 0, auto, threads).total(), "t" + threads);
        }
    }

    /**
     * Counts over {@code ranks} contiguous plane ranges, each built as a rank builds it (own planes plus a halo of
     * {@code refine} planes to the right, wrapped when periodic), summed.
     */
    static SurveyCounts split(PointSet d1, PointSet d2, SurveyBinning b, int patches, int ranks) {
        GridSpec g = d2 == null ? SurveyCounter.spec(b, 2, d1) : SurveyCounter.spec(b, 2, d1, d2);
        PairCounter.assignPlanes(g, d1);
        if (d2 != null) {
            PairCounter.assignPlanes(g, d2);
        }
        SurveyCounts sum = new SurveyCounts(b.size(), patches);
        int n = g.ncx();
        for (int r = 0; r < ranks; r++) {
            int p0 = (int) ((long) n * r / ranks);
            int p1 = (int) ((long) n * (r + 1) / ranks);
            int hw = g.haloWidth(p1);
            LocalGrid a = slab(g, d1, p0, p1, hw);
            if (d2 == null) {
                sum.add(SurveyCounter.auto(a, p0, p1, b, patches, 2));
            } else {
                sum.add(SurveyCounter.cross(a, slab(g, d2, p0, p1, hw), p0, p1, b, patches, 2));
            }
        }
        return sum;
    }

    static LocalGrid slab(GridSpec g, PointSet s, int p0, int p1, int hw) {
        PointSet own = s.emptyLike(16);
        for (int i = 0; i < s.size(); i++) {
            if (s.plane(i) >= p0 && s.plane(i) < p1) {
                own.addFrom(s, i, 0, s.plane(i));
            }
        }
        PointSet halo = s.emptyLike(16);
        PairCounter.selectHalo(g, s, p1, p1 + hw, halo);
        return LocalGrid.build(g, p0, p1 - p0 + hw, 1, own, halo);
    }
}
