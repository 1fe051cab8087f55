package org.orrery.physics.paircount;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Weighted survey counts (Corrfunc's pair_product: per bin the number of pairs and Σ fl(w_i·w_j)) against a brute-force
 * oracle that sums every pair's rounded product exactly in BigDecimal and rounds once: totals, per-patch delete-one
 * sums, auto and cross, box (periodic and open) and sky, every mode; the same bits at 1 and 2 threads, over plane
 * splits and over random block layouts ({@link BlocksTest#countOver}).
 */
class SurveyWeightsTest {
    /** A weighted copy of {@code s} (labels kept): weights in [0.05, 3.05), every 11th 0, none exactly a power of 2. */
    static PointSet weighted(PointSet s, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        PointSet o = new PointSet(true, true, s.size());
        for (int i = 0; i < s.size(); i++) {
            double w = i % 11 == 5 ? 0 : 0.05 + 3 * r.nextDouble();
            o.add(s.x(i), s.y(i), s.z(i), w, s.id(i), 0, s.label(i));
        }
        return o;
    }

    static ExactSum window(PointSet... sets) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = 0;
        for (PointSet s : sets) {
            for (int i = 0; i < s.size(); i++) {
                if (s.w(i) > 0) {
                    lo = Math.min(lo, s.w(i));
                    hi = Math.max(hi, s.w(i));
                }
            }
        }
        return ExactSum.forProducts(lo, hi);
    }

    /**
     * The oracle: {@code [0][bin]} exact weighted sums of all pairs (rounded once), {@code [k + 1][bin]} of the pairs
     * with no point in patch k; plus the pair counts in {@code npairs}.
     */
    static double[][] brute(PointSet d1, PointSet d2, SurveyBinning b, int patches, long[] npairs) {
        boolean auto = d2 == null;
        PointSet e = auto ? d1 : d2;
        PairBinner p = new PairBinner(b);
        int nb = b.size();
        BigDecimal[][] s = new BigDecimal[patches + 1][nb];
        for (BigDecimal[] row : s) {
            java.util.Arrays.fill(row, BigDecimal.ZERO);
        }
        for (int i = 0; i < d1.size(); i++) {
            for (int j = auto ? i + 1 : 0; j < e.size(); j++) {
                int bin = SurveyBrute.bin(p, b, b.period(), d1.x(i), d1.y(i), d1.z(i), e.x(j), e.y(j), e.z(j));
                if (bin < 0) {
                    continue;
                }
                npairs[bin]++;
                BigDecimal w = new BigDecimal(d1.w(i) * e.w(j)); // the product rounded to double, then exact
                for (int k = 0; k <= patches; k++) {
                    if (k == 0 || (d1.label(i) != k - 1 && e.label(j) != k - 1)) {
                        s[k][bin] = s[k][bin].add(w);
                    }
                }
            }
        }
        double[][] out = new double[patches + 1][nb];
        for (int k = 0; k <= patches; k++) {
            for (int q = 0; q < nb; q++) {
                out[k][q] = s[k][q].doubleValue();
            }
        }
        return out;
    }

    static void checkAgainstBrute(SurveyCounts c, double[][] want, long[] npairs, String what) {
        assertArrayEquals(npairs, c.total(), what + " npairs");
        assertArrayEquals(want[0], c.weightSums(), what + " weight sums");
        for (int k = 0; k < c.patches(); k++) {
            assertArrayEquals(want[k + 1], c.weightSumsDeleteOne(k), what + " without patch " + k);
        }
    }

    /** Auto (d2 null) or cross counts summed over {@code ranks} plane ranges, each with its halo. */
    static SurveyCounts split(PointSet d1, PointSet d2, SurveyBinning b, int patches, ExactSum sums, int ranks) {
        GridSpec g = d2 == null ? SurveyCounter.spec(b, 2, d1) : SurveyCounter.spec(b, 2, d1, d2);
        PairCounter.assignPlanes(g, d1);
        if (d2 != null) {
            PairCounter.assignPlanes(g, d2);
        }
        SurveyCounts sum = new SurveyCounts(b.size(), patches, sums);
        int n = g.ncx();
        for (int r = ranks - 1; r >= 0; r--) { // any order
            int p0 = (int) ((long) n * r / ranks);
            int p1 = (int) ((long) n * (r + 1) / ranks);
            int hw = g.haloWidth(p1);
            LocalGrid a = SurveyCounterTest.slab(g, d1, p0, p1, hw);
            int[] block = {p0, p1, 0, g.ncy()};
            sum.add(
                    d2 == null
                            ? SurveyCounter.autoBlock(a, block, b, patches, sums, 2)
                            : SurveyCounter.crossBlock(
                                    a, SurveyCounterTest.slab(g, d2, p0, p1, hw), block, b, patches, sums, 1));
        }
        return sum;
    }

    static void checkAuto(PointSet d, SurveyBinning b, int patches, SplittableRandom rnd) {
        ExactSum sums = window(d);
        long[] npairs = new long[b.size()];
        double[][] want = brute(d, null, b, patches, npairs);
        SurveyCounts one = SurveyCounter.auto(d, b, patches, sums, 2, 1);
        checkAgainstBrute(one, want, npairs, b + " 1 thread");
        assertEquals(one, SurveyCounter.auto(d, b, patches, sums, 1, 2), b + " refine 1, 2 threads");
        assertEquals(one, split(d, null, b, patches, sums, 3), b + " over 3 slabs");
        GridSpec g = SurveyCounter.spec(b, 2, d);
        Blocks k = BlocksTest.random(g, 2 + rnd.nextInt(8), rnd);
        assertEquals(one, BlocksTest.countOver(k, d, null, b, patches, sums, null, null), b + " over blocks");
        SurveyCounts back = SurveyCounts.unpack(one.packed(), one.nbins(), patches, sums);
        assertEquals(one, back, "packed and unpacked");
        assertArrayEquals(one.total(), SurveyCounter.auto(d, b, patches, 2, 1).total(), "weights change no count");
    }

    @Test
    void boxAutoEqualsBruteForce() {
        SplittableRandom rnd = new SplittableRandom(1);
        for (double period : new double[] {0, SurveyCounterTest.L}) {
            PointSet d = weighted(SurveyCounterTest.box(900, 41, 8), 2);
            for (SurveyBinning b : SurveyCounterTest.boxBinnings(period)) {
                checkAuto(d, b, 8, rnd);
            }
        }
    }

    @Test
    void skyAutoEqualsBruteForce() {
        SplittableRandom rnd = new SplittableRandom(3);
        PointSet d = weighted(SurveyCounterTest.sky(1000, 21, 6, false), 4);
        checkAuto(d, SurveyBinning.rppi(Bins.log(0.5, 12, 6), 25, 25, true, 0), 6, rnd);
        checkAuto(d, SurveyBinning.smu(Bins.log(0.5, 15, 7), 1.0, 10, true, 0), 6, rnd);
        PointSet u = weighted(SurveyCounterTest.sky(1000, 22, 6, true), 5);
        checkAuto(u, SurveyBinning.theta(Bins.log(0.01, 2, 8)), 6, rnd);
    }

    @Test
    void crossEqualsBruteForce() {
        SplittableRandom rnd = new SplittableRandom(4);
        PointSet d1 = weighted(SurveyCounterTest.box(600, 3, 8), 6);
        PointSet d2 = weighted(SurveyCounterTest.box(500, 4, 8), 7);
        ExactSum sums = window(d1, d2);
        for (SurveyBinning b : SurveyCounterTest.boxBinnings(SurveyCounterTest.L)) {
            long[] npairs = new long[b.size()];
            double[][] want = brute(d1, d2, b, 8, npairs);
            SurveyCounts one = SurveyCounter.cross(d1, d2, b, 8, sums, 2, 2);
            checkAgainstBrute(one, want, npairs, b + " cross");
            assertEquals(one, split(d1, d2, b, 8, sums, 4), b + " cross over 4 slabs");
            GridSpec g = SurveyCounter.spec(b, 2, d1, d2);
            Blocks k = BlocksTest.random(g, 2 + rnd.nextInt(8), rnd);
            assertEquals(one, BlocksTest.countOver(k, d1, d2, b, 8, sums, null, null), b + " cross over blocks");
        }
    }
}
