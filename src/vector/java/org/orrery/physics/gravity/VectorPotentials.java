package org.orrery.physics.gravity;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * The potentials of {@link DirectSum#potentialsScalar} written with the Vector API, giving the same bits; reached
 * through {@link VectorKernels#potentials}.
 *
 * <p>As in the force kernel, the lanes are targets i and every source j is broadcast, j ascending, so each lane adds
 * exactly its target's scalar terms m_j / sqrt(|r_j − r_i|² + ε²) in order, the running sums in a register while j runs
 * over a block of {@link DirectSum#JBLOCK} sources. The self term is skipped, not added as zero: for the sources that
 * are the vector's own targets the add is masked, so the lane j = i keeps its sum unchanged, as the scalar loop's
 * {@code if (i != j)} does. A last, partial vector is padded with copies of its last target, whose sums are dropped.
 */
final class VectorPotentials {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;

    private static final int L = S.length();

    /** All lanes true except index L − 1: the mask for a self term in lane l starts at L − 1 − l. */
    private static final boolean[] NOT_SELF = notSelf();

    private VectorPotentials() {}

    private static boolean[] notSelf() {
        boolean[] b = new boolean[2 * L - 1];
        java.util.Arrays.fill(b, true);
        b[L - 1] = false;
        return b;
    }

    /** {@link DirectSum#potentials}, on the vector path. */
    static void evaluate(
            double[] x,
            double[] y,
            double[] z,
            double[] m,
            int n,
            int from,
            int to,
            double g,
            double eps2,
            double[] phi,
            int outOff) {
        final int count = to - from;
        if (count <= 0) {
            return;
        }
        final int full = count - count % L; // targets in whole vectors
        final int padded = full == count ? count : full + L;
        final double[] acc = new double[padded];
        final double[] tail = new double[3 * L]; // the partial vector's coordinates, padded with its last target
        for (int l = 0; l < L && full < count; l++) {
            final int i = from + Math.min(full + l, count - 1);
            tail[l] = x[i];
            tail[L + l] = y[i];
            tail[2 * L + l] = z[i];
        }
        for (int j0 = 0; j0 < n; j0 += DirectSum.JBLOCK) {
            final int j1 = Math.min(n, j0 + DirectSum.JBLOCK);
            for (int k = 0; k < padded; k += L) {
                final int i0 = from + k; // target of lane 0; lane l is target i0 + l (copies beyond count are dropped)
                final boolean whole = k < full;
                final DoubleVector px = DoubleVector.fromArray(S, whole ? x : tail, whole ? i0 : 0);
                final DoubleVector py = DoubleVector.fromArray(S, whole ? y : tail, whole ? i0 : L);
                final DoubleVector pz = DoubleVector.fromArray(S, whole ? z : tail, whole ? i0 : 2 * L);
                final int a = Math.min(j1, Math.max(j0, i0));
                final int b = Math.max(a, Math.min(j1, i0 + L));
                DoubleVector sum = DoubleVector.fromArray(S, acc, k);
                sum = span(x, y, z, m, j0, a, eps2, px, py, pz, sum);
                final DoubleVector e = DoubleVector.broadcast(S, eps2);
                for (int j = a; j < b; j++) { // the vector's own sources: lane j − i0 skips its self term
                    final DoubleVector dx = DoubleVector.broadcast(S, x[j]).sub(px);
                    final DoubleVector dy = DoubleVector.broadcast(S, y[j]).sub(py);
                    final DoubleVector dz = DoubleVector.broadcast(S, z[j]).sub(pz);
                    final DoubleVector r2 =
                            dx.mul(dx).add(dy.mul(dy)).add(dz.mul(dz)).add(e);
                    final VectorMask<Double> keep = VectorMask.fromArray(S, NOT_SELF, L - 1 - (j - i0));
                    sum = sum.add(DoubleVector.broadcast(S, m[j]).div(r2.sqrt()), keep);
                }
                sum = span(x, y, z, m, b, j1, eps2, px, py, pz, sum);
                sum.intoArray(acc, k);
            }
        }
        for (int k = 0; k < count; k++) {
            phi[outOff + k] = -g * acc[k];
        }
    }

    /** sum + Σ_{j in [j0, j1)} m_j / sqrt(|r_j − p|² + ε²), j ascending, lane by lane. */
    private static DoubleVector span(
            double[] x,
            double[] y,
            double[] z,
            double[] m,
            int j0,
            int j1,
            double eps2,
            DoubleVector px,
            DoubleVector py,
            DoubleVector pz,
            DoubleVector sum) {
        final DoubleVector e = DoubleVector.broadcast(S, eps2);
        DoubleVector s = sum;
        for (int j = j0; j < j1; j++) {
            final DoubleVector dx = DoubleVector.broadcast(S, x[j]).sub(px);
            final DoubleVector dy = DoubleVector.broadcast(S, y[j]).sub(py);
            final DoubleVector dz = DoubleVector.broadcast(S, z[j]).sub(pz);
            final DoubleVector r2 = dx.mul(dx).add(dy.mul(dy)).add(dz.mul(dz)).add(e);
            s = s.add(DoubleVector.broadcast(S, m[j]).div(r2.sqrt()));
        }
        return s;
    }
}
