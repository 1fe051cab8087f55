package org.orrery.physics.paircount;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The survey counter's unweighted box (rp, π) and θ kernels ({@link PairKernelPath.Survey}) written with the Vector API
 * ({@code jdk.incubator.vector}, incubating in Java 17). The lanes of a vector are L consecutive partners j of one
 * point i; every lane computes its separation with the scalar rule's operations in the scalar order
 * ({@link PairBinner}: lanewise add, sub, mul and abs are correctly rounded or exact like their scalar forms; no fused
 * multiply-add), so each lane holds the very doubles the scalar rule compares, and every comparison is the scalar one.
 *
 * <p><b>(rp, π), box.</b> A lane is in range when {@code |dz| < pimax} and {@code e2[0] <= rp² < e2[n]}. Its rp bin is
 * found as Corrfunc's AVX kernel finds it (Sinha &amp; Garrison 2020, MNRAS 491, 3022): start every lane at n − 1 and,
 * for the edges k = n − 1, n − 2, … 1, step the lanes still in range with {@code rp² < e2[k]} down by one, stopping at
 * the first edge no lane is below (for uniform data most pairs are in the outer bins, so the walk is short). The flat
 * index {@code k (sub + 1)} and the π product {@code |dz| · (1/dπ)} of each lane go through a small per-thread array
 * and are added up with the integer truncation of the scalar rule; out-of-range lanes go to a discard slot of their own
 * (lane l to slot l, so they form no chain of increments on one address), so the histogram update has no branch. Runs
 * of vectors without any lane in range skip it.
 *
 * <p><b>θ.</b> Cumulative counts as {@code VectorPairCounts}: {@code ct = 1 − 0.5 c²} per lane, then for the edges from
 * the top down {@code cum[k] +=} the lanes with {@code ct > cos θ_k} (compare and mask count), stopping at the first
 * edge no lane is above; most candidates lie beyond θmax and cost one compare.
 *
 * <p>Partners left over when the run is not a multiple of L are counted by a last vector that reads on in the arrays
 * with +∞ added to the spare lanes' squared separations (which puts them out of every bin and leaves the others' values
 * unchanged), or by the scalar rule at the very end of an array. Counts are integers, so lane and pair order cannot
 * change them.
 *
 * <p>Loaded only by {@link PairKernelPath}, and only when the module {@code jdk.incubator.vector} is in the boot layer;
 * compiled in its own source root (src/vector/java) with {@code --add-modules jdk.incubator.vector}. Stateless: callers
 * pass their own scratch arrays.
 */
final class VectorSurveyCounts implements PairKernelPath.Survey {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;

    /** Lanes per vector (4 with AVX2, 8 with AVX-512). */
    private static final int L = S.length();

    /** L zeros then L times +infinity: from offset L - r, the lanes 0..r-1 are 0 and the others +infinity. */
    private static final double[] PAD = pad();

    /** 0, 1, …, L - 1: lane l of an out-of-range pair goes to discard slot l (no chain of increments on one slot). */
    private static final double[] IOTA = iota();

    VectorSurveyCounts() {}

    private static double[] pad() {
        double[] p = new double[2 * L];
        java.util.Arrays.fill(p, L, 2 * L, Double.POSITIVE_INFINITY);
        return p;
    }

    private static double[] iota() {
        double[] p = new double[L];
        for (int l = 0; l < L; l++) {
            p[l] = l;
        }
        return p;
    }

    @Override
    public int lanes() {
        return L;
    }

    @Override
    public void rppiBox(
            double[] bx,
            double[] by,
            double[] bz,
            int j0,
            int j1,
            double xi,
            double yi,
            double zi,
            double sy,
            double sz,
            PairKernelPath.RppiTable t,
            long[] hist,
            double[] scratch) {
        final int end = j0 + S.loopBound(j1 - j0);
        int j = j0;
        for (; j < end; j += L) {
            rppiVector(bx, by, bz, j, xi, yi, zi, sy, sz, 0, t, hist, scratch);
        }
        if (j < j1 && j + L <= bx.length) {
            rppiVector(bx, by, bz, j, xi, yi, zi, sy, sz, L - (j1 - j), t, hist, scratch);
            return;
        }
        final double[] e2 = t.e2;
        final int top = t.nbins - 1;
        final int row = t.sub + 1;
        for (; j < j1; j++) {
            final double dx = bx[j] - xi;
            final double dy = (by[j] + sy) - yi;
            final double dz = (bz[j] + sz) - zi;
            final double adz = Math.abs(dz);
            final double r2 = dx * dx + dy * dy;
            if (adz < t.pimax && r2 < e2[top + 1] && r2 >= e2[0]) {
                int k = top;
                while (k >= 1 && r2 < e2[k]) {
                    k--;
                }
                hist[k * row + (int) (adz * t.invDpi)]++;
            }
        }
    }

    /**
     * Partners j..j+L-1; {@code PAD[padAt + l]} (0 or +infinity) is added to lane l's rp². No vector crosses a method
     * boundary here (an argument or result of a call C2 does not inline is a heap-allocated box).
     */
    private static void rppiVector(
            double[] bx,
            double[] by,
            double[] bz,
            int j,
            double xi,
            double yi,
            double zi,
            double sy,
            double sz,
            int padAt,
            PairKernelPath.RppiTable t,
            long[] hist,
            double[] scratch) {
        final double[] e2 = t.e2;
        final int n = t.nbins;
        final DoubleVector dx = DoubleVector.fromArray(S, bx, j).sub(xi);
        final DoubleVector dy = DoubleVector.fromArray(S, by, j).add(sy).sub(yi);
        final DoubleVector dz = DoubleVector.fromArray(S, bz, j).add(sz).sub(zi);
        final DoubleVector r2 = dx.mul(dx).add(dy.mul(dy)).add(DoubleVector.fromArray(S, PAD, padAt));
        // |dz| < pimax as two compares (lanewise ABS is not intrinsified by JDK 17's C2 here)
        final VectorMask<Double> in = dz.compare(VectorOperators.LT, t.pimax)
                .and(dz.compare(VectorOperators.GT, -t.pimax))
                .and(r2.compare(VectorOperators.LT, e2[n]))
                .and(r2.compare(VectorOperators.GE, e2[0]));
        if (!in.anyTrue()) {
            return;
        }
        // Out-of-range lanes: rp² = +infinity (below no edge) and row n, the discard row.
        final DoubleVector inf = DoubleVector.broadcast(S, Double.POSITIVE_INFINITY);
        final DoubleVector walk = inf.blend(r2, in);
        final DoubleVector zero = DoubleVector.zero(S);
        final DoubleVector one = DoubleVector.broadcast(S, 1.0);
        DoubleVector bin = DoubleVector.broadcast(S, (double) n).sub(zero.blend(one, in));
        for (int k = n - 1; k >= 1; k--) {
            final VectorMask<Double> below = walk.compare(VectorOperators.LT, e2[k]);
            if (!below.anyTrue()) {
                break;
            }
            bin = bin.sub(zero.blend(one, below));
        }
        bin.mul(t.sub + 1).intoArray(scratch, 0);
        DoubleVector.fromArray(S, IOTA, 0).blend(dz.mul(t.invDpi), in).intoArray(scratch, L);
        for (int l = 0; l < L; l++) {
            // |(int) (dz / dπ)| = (int) (|dz| / dπ): rounding and truncation are symmetric about 0
            hist[(int) scratch[l] + Math.abs((int) scratch[L + l])]++;
        }
    }

    @Override
    public void theta(
            double[] bx,
            double[] by,
            double[] bz,
            int j0,
            int j1,
            double xi,
            double yi,
            double zi,
            double[] cosEdges,
            long[] cum) {
        final int top = cosEdges.length - 1;
        final int end = j0 + S.loopBound(j1 - j0);
        int j = j0;
        for (; j < end; j += L) {
            thetaWalk(chord2(bx, by, bz, j, xi, yi, zi), top, cosEdges, cum);
        }
        if (j < j1 && j + L <= bx.length) {
            final DoubleVector pad = DoubleVector.fromArray(S, PAD, L - (j1 - j));
            thetaWalk(chord2(bx, by, bz, j, xi, yi, zi).add(pad), top, cosEdges, cum);
            return;
        }
        for (; j < j1; j++) {
            final double dx = bx[j] - xi;
            final double dy = by[j] - yi;
            final double dz = bz[j] - zi;
            final double ct = 1.0 - 0.5 * (dx * dx + dy * dy + dz * dz);
            for (int k = top; k >= 0 && ct > cosEdges[k]; k--) {
                cum[k]++;
            }
        }
    }

    /**
     * Squared chords to partners j..j+L-1, in the scalar rule's order. Small enough for C2 to inline (with
     * {@link #thetaWalk}), so the vectors passed between them stay in registers.
     */
    private static DoubleVector chord2(double[] bx, double[] by, double[] bz, int j, double xi, double yi, double zi) {
        final DoubleVector dx = DoubleVector.fromArray(S, bx, j).sub(xi);
        final DoubleVector dy = DoubleVector.fromArray(S, by, j).sub(yi);
        final DoubleVector dz = DoubleVector.fromArray(S, bz, j).sub(zi);
        return dx.mul(dx).add(dy.mul(dy)).add(dz.mul(dz));
    }

    /** cum[k] += lanes with 1 - 0.5 c2 > cosEdges[k], for k = top, top - 1, … until no lane is above. */
    private static void thetaWalk(DoubleVector c2, int top, double[] cosEdges, long[] cum) {
        final DoubleVector ct = DoubleVector.broadcast(S, 1.0).sub(c2.mul(0.5));
        for (int k = top; k >= 0; k--) {
            final int n = ct.compare(VectorOperators.GT, cosEdges[k]).trueCount();
            if (n == 0) {
                return;
            }
            cum[k] += n;
        }
    }
}
