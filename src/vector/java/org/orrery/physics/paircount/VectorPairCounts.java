package org.orrery.physics.paircount;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The unweighted pair-count kernel of {@link CellCounter} written with the Vector API ({@code jdk.incubator.vector},
 * incubating in Java 17): cumulative counting against the squared bin edges, without a histogram scatter.
 *
 * <p><b>Algorithm.</b> The lanes of a vector are L consecutive partners j of one point i. Each lane computes {@code d2
 * = (dx*dx + dy*dy) + dz*dz} with the scalar loop's operations in the scalar order (lanewise add, sub and mul are
 * correctly rounded IEEE 754 operations like their scalar forms; no fused multiply-add), so every lane holds the very
 * double the scalar loop computes. Then, for the edges {@code k = nbins, nbins - 1, …} in turn, {@code cum[k]} grows by
 * the number of lanes with {@code d2 < e2[k]} (a compare and a mask population count); the walk stops at the first edge
 * that no lane is below, since no lane can be below a smaller edge either. Bin k receives {@code cum[k+1] - cum[k]}
 * pairs (the caller converts once per plane): the lanes with {@code e2[k] <= d2 < e2[k+1]}, exactly those the scalar
 * loop bins there. Lanes at or past the last edge, below the first, or NaN add nothing to any bin. Counts are integers,
 * so the order in which lanes and pairs are counted cannot change them. Corrfunc's SIMD kernels bin the same way, by
 * per-edge mask counts walked down from the top (Sinha &amp; Garrison 2020, MNRAS 491, 3022); uniform catalogues have
 * most pairs in the outer bins, so the walk is short, where a per-pair table lookup with corrections mispredicts when
 * bins are narrow (log bins). Partners left over when the run is not a multiple of L take the same walk in scalar code.
 *
 * <p>Loaded only by {@link PairKernelPath}, and only when the module {@code jdk.incubator.vector} is in the boot layer;
 * compiled in its own source root (src/vector/java) with {@code --add-modules jdk.incubator.vector}.
 */
final class VectorPairCounts implements PairKernelPath.Cumulative {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;

    /** Lanes per vector (4 with AVX2, 8 with AVX-512). */
    private static final int L = S.length();

    /** L zeros then L times +infinity: from offset L - r, the lanes 0..r-1 are 0 and the others +infinity. */
    private static final double[] PAD = pad();

    VectorPairCounts() {}

    private static double[] pad() {
        double[] p = new double[2 * L];
        java.util.Arrays.fill(p, L, 2 * L, Double.POSITIVE_INFINITY);
        return p;
    }

    /** Squared separations of partners j..j+L-1, in the scalar loop's operation order. */
    private static DoubleVector separations(
            double[] bx, double[] by, double[] bz, int j, double xi, double yi, double zi, double sy, double sz) {
        final DoubleVector dx = DoubleVector.fromArray(S, bx, j).sub(xi);
        final DoubleVector dy = DoubleVector.fromArray(S, by, j).add(sy).sub(yi);
        final DoubleVector dz = DoubleVector.fromArray(S, bz, j).add(sz).sub(zi);
        return dx.mul(dx).add(dy.mul(dy)).add(dz.mul(dz));
    }

    /** cum[k] += lanes with d2 < e2[k], for k = top, top - 1, … until no lane is below e2[k]. */
    private static void walk(DoubleVector d2, int top, double[] e2, long[] cum) {
        for (int k = top; k >= 0; k--) {
            final int t = d2.compare(VectorOperators.LT, e2[k]).trueCount();
            if (t == 0) {
                return;
            }
            cum[k] += t;
        }
    }

    @Override
    public String describe() {
        return "vector (jdk.incubator.vector, " + L + " doubles per vector)";
    }

    @Override
    public void count(
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
            double[] e2,
            long[] cum) {
        final int top = e2.length - 1;
        final int end = j0 + S.loopBound(j1 - j0);
        int j = j0;
        for (; j < end; j += L) {
            walk(separations(bx, by, bz, j, xi, yi, zi, sy, sz), top, e2, cum);
        }
        if (j < j1 && j + L <= bx.length) {
            // The last partial vector: lanes past j1 read whatever follows in the arrays and are moved to +infinity
            // (d2 + 0 = d2 exactly for the others), so they are below no edge.
            final DoubleVector pad = DoubleVector.fromArray(S, PAD, L - (j1 - j));
            walk(separations(bx, by, bz, j, xi, yi, zi, sy, sz).add(pad), top, e2, cum);
            return;
        }
        for (; j < j1; j++) {
            final double dx = bx[j] - xi;
            final double dy = (by[j] + sy) - yi;
            final double dz = (bz[j] + sz) - zi;
            final double d2 = dx * dx + dy * dy + dz * dz;
            for (int k = top; k >= 0 && d2 < e2[k]; k--) {
                cum[k]++;
            }
        }
    }
}
