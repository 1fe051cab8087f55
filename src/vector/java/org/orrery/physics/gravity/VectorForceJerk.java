package org.orrery.physics.gravity;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The force + jerk kernel of {@link ForceJerk} written with the Vector API ({@code jdk.incubator.vector}), giving the
 * same bits as {@link ForceJerk#evaluateScalar}; reached through {@link VectorKernels#forceJerk}.
 *
 * <p>The lanes of a vector are targets i; every source j is broadcast to all lanes and j runs 0, 1, …, n−1 in order, so
 * each lane performs exactly its target's scalar sequence of correctly rounded operations, including the same fused
 * multiply-adds ({@code lanewise FMA} and {@link Math#fma} both round once). Targets go two vectors at a time (sharing
 * the source broadcasts; the last odd vector alone): two independent division and square-root chains per source keep
 * the divider busy while the other arithmetic runs (docs/nbody-hermite.md, "Kernel speed", session 14). The twelve sums
 * stay in registers while j runs over a block of {@link ForceJerk#JBLOCK} sources; between blocks they wait in the
 * scratch array.
 */
final class VectorForceJerk {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;

    /** Lanes per vector (4 with AVX2, 8 with AVX-512). */
    private static final int L = S.length();

    private VectorForceJerk() {}

    /** {@link ForceJerk#evaluate}, on the vector path. */
    static void evaluate(
            double[] x,
            double[] y,
            double[] z,
            double[] vx,
            double[] vy,
            double[] vz,
            double[] m,
            int n,
            int[] targets,
            int from,
            int to,
            double g,
            double eps2,
            double[] out,
            int off,
            ForceJerk.Scratch s) {
        final int count = to - from;
        if (count <= 0) {
            return;
        }
        final int full = count - count % L; // targets in whole vectors
        final int padded = full == count ? count : full + L; // the last, partial vector padded to L lanes
        s.ensure(padded);
        final double[] acc = s.acc; // column c of the sums at c * padded
        final double[] p = s.tile; // the group's six coordinates, column c at c * L
        java.util.Arrays.fill(acc, 0, ForceJerk.WIDTH * padded, 0.0);
        for (int j0 = 0; j0 < n; j0 += ForceJerk.JBLOCK) {
            final int j1 = Math.min(n, j0 + ForceJerk.JBLOCK);
            for (int k = 0; k < padded; ) {
                final int lanes = VectorKernels.PAIRS && k + 2 * L <= padded
                        ? 2 * L
                        : L; // two vectors of targets, or the last one
                for (int l = 0; l < lanes; l++) { // spare lanes of the last vector: copies of its last target
                    final int i = targets[from + Math.min(k + l, count - 1)];
                    final int c = l < L ? l : 5 * L + l; // the second vector's columns start at 6·L
                    p[c] = x[i];
                    p[L + c] = y[i];
                    p[2 * L + c] = z[i];
                    p[3 * L + c] = vx[i];
                    p[4 * L + c] = vy[i];
                    p[5 * L + c] = vz[i];
                }
                if (lanes == 2 * L) {
                    forceJerkTwo(x, y, z, vx, vy, vz, m, j0, j1, eps2, p, acc, k, padded);
                } else {
                    forceJerkOne(x, y, z, vx, vy, vz, m, j0, j1, eps2, p, acc, k, padded);
                }
                k += lanes;
            }
        }
        for (int k = 0; k < count; k++) {
            for (int c = 0; c < ForceJerk.WIDTH; c++) {
                out[off + ForceJerk.WIDTH * k + c] = g * acc[c * padded + k];
            }
        }
    }

    /**
     * Six sums of one vector of targets (coordinates in p, column c at c·L; sums at acc[c · stride + k]) over sources
     * [j0, j1), with the scalar kernel's operations (fma(a, b, c) = a·b + c rounded once): s² = fma(z, z, fma(y, y,
     * x·x)) + ε², w = (m_j · s⁻²) · sqrt(s⁻²), b = 3 · fma(z, v_z, fma(y, v_y, x·v_x)) · s⁻², sum = fma(w, r, sum) and
     * sum = fma(w, fma(−b, r, v), sum).
     */
    private static void forceJerkOne(
            double[] x,
            double[] y,
            double[] z,
            double[] vx,
            double[] vy,
            double[] vz,
            double[] m,
            int j0,
            int j1,
            double eps2,
            double[] p,
            double[] acc,
            int k,
            int stride) {
        final DoubleVector e = DoubleVector.broadcast(S, eps2);
        final DoubleVector one = DoubleVector.broadcast(S, 1.0);
        final DoubleVector three = DoubleVector.broadcast(S, 3.0);
        final DoubleVector px = DoubleVector.fromArray(S, p, 0);
        final DoubleVector py = DoubleVector.fromArray(S, p, L);
        final DoubleVector pz = DoubleVector.fromArray(S, p, 2 * L);
        final DoubleVector qx = DoubleVector.fromArray(S, p, 3 * L);
        final DoubleVector qy = DoubleVector.fromArray(S, p, 4 * L);
        final DoubleVector qz = DoubleVector.fromArray(S, p, 5 * L);
        DoubleVector ax = DoubleVector.fromArray(S, acc, k);
        DoubleVector ay = DoubleVector.fromArray(S, acc, stride + k);
        DoubleVector az = DoubleVector.fromArray(S, acc, 2 * stride + k);
        DoubleVector jx = DoubleVector.fromArray(S, acc, 3 * stride + k);
        DoubleVector jy = DoubleVector.fromArray(S, acc, 4 * stride + k);
        DoubleVector jz = DoubleVector.fromArray(S, acc, 5 * stride + k);
        for (int j = j0; j < j1; j++) {
            final DoubleVector dx = DoubleVector.broadcast(S, x[j]).sub(px);
            final DoubleVector dy = DoubleVector.broadcast(S, y[j]).sub(py);
            final DoubleVector dz = DoubleVector.broadcast(S, z[j]).sub(pz);
            final DoubleVector ux = DoubleVector.broadcast(S, vx[j]).sub(qx);
            final DoubleVector uy = DoubleVector.broadcast(S, vy[j]).sub(qy);
            final DoubleVector uz = DoubleVector.broadcast(S, vz[j]).sub(qz);
            final DoubleVector r2 = dz.fma(dz, dy.fma(dy, dx.mul(dx))).add(e);
            final DoubleVector rinv2 = one.div(r2);
            final DoubleVector w = DoubleVector.broadcast(S, m[j]).mul(rinv2).mul(rinv2.sqrt());
            ax = w.fma(dx, ax);
            ay = w.fma(dy, ay);
            az = w.fma(dz, az);
            final DoubleVector b = three.mul(dz.fma(uz, dy.fma(uy, dx.mul(ux)))).mul(rinv2);
            jx = w.fma(b.neg().fma(dx, ux), jx);
            jy = w.fma(b.neg().fma(dy, uy), jy);
            jz = w.fma(b.neg().fma(dz, uz), jz);
        }
        ax.intoArray(acc, k);
        ay.intoArray(acc, stride + k);
        az.intoArray(acc, 2 * stride + k);
        jx.intoArray(acc, 3 * stride + k);
        jy.intoArray(acc, 4 * stride + k);
        jz.intoArray(acc, 5 * stride + k);
    }
    /**
     * {@link #forceJerkOne} for two vectors of targets at once: coordinates at p[c·L] and p[6·L + c·L], sums at k, k +
     * L.
     */
    private static void forceJerkTwo(
            double[] x,
            double[] y,
            double[] z,
            double[] vx,
            double[] vy,
            double[] vz,
            double[] m,
            int j0,
            int j1,
            double eps2,
            double[] p,
            double[] acc,
            int k,
            int stride) {
        final DoubleVector e = DoubleVector.broadcast(S, eps2);
        final DoubleVector one = DoubleVector.broadcast(S, 1.0);
        final DoubleVector three = DoubleVector.broadcast(S, 3.0);
        final DoubleVector px = DoubleVector.fromArray(S, p, 0);
        final DoubleVector py = DoubleVector.fromArray(S, p, L);
        final DoubleVector pz = DoubleVector.fromArray(S, p, 2 * L);
        final DoubleVector qx = DoubleVector.fromArray(S, p, 3 * L);
        final DoubleVector qy = DoubleVector.fromArray(S, p, 4 * L);
        final DoubleVector qz = DoubleVector.fromArray(S, p, 5 * L);
        final DoubleVector px2 = DoubleVector.fromArray(S, p, 6 * L);
        final DoubleVector py2 = DoubleVector.fromArray(S, p, 7 * L);
        final DoubleVector pz2 = DoubleVector.fromArray(S, p, 8 * L);
        final DoubleVector qx2 = DoubleVector.fromArray(S, p, 9 * L);
        final DoubleVector qy2 = DoubleVector.fromArray(S, p, 10 * L);
        final DoubleVector qz2 = DoubleVector.fromArray(S, p, 11 * L);
        DoubleVector ax = DoubleVector.fromArray(S, acc, k);
        DoubleVector ay = DoubleVector.fromArray(S, acc, stride + k);
        DoubleVector az = DoubleVector.fromArray(S, acc, 2 * stride + k);
        DoubleVector jx = DoubleVector.fromArray(S, acc, 3 * stride + k);
        DoubleVector jy = DoubleVector.fromArray(S, acc, 4 * stride + k);
        DoubleVector jz = DoubleVector.fromArray(S, acc, 5 * stride + k);
        DoubleVector ax2 = DoubleVector.fromArray(S, acc, k + L);
        DoubleVector ay2 = DoubleVector.fromArray(S, acc, stride + k + L);
        DoubleVector az2 = DoubleVector.fromArray(S, acc, 2 * stride + k + L);
        DoubleVector jx2 = DoubleVector.fromArray(S, acc, 3 * stride + k + L);
        DoubleVector jy2 = DoubleVector.fromArray(S, acc, 4 * stride + k + L);
        DoubleVector jz2 = DoubleVector.fromArray(S, acc, 5 * stride + k + L);
        for (int j = j0; j < j1; j++) {
            final DoubleVector bx = DoubleVector.broadcast(S, x[j]);
            final DoubleVector by = DoubleVector.broadcast(S, y[j]);
            final DoubleVector bz = DoubleVector.broadcast(S, z[j]);
            final DoubleVector bu = DoubleVector.broadcast(S, vx[j]);
            final DoubleVector bv = DoubleVector.broadcast(S, vy[j]);
            final DoubleVector bw = DoubleVector.broadcast(S, vz[j]);
            final DoubleVector bm = DoubleVector.broadcast(S, m[j]);
            {
                final DoubleVector dx = bx.sub(px);
                final DoubleVector dy = by.sub(py);
                final DoubleVector dz = bz.sub(pz);
                final DoubleVector ux = bu.sub(qx);
                final DoubleVector uy = bv.sub(qy);
                final DoubleVector uz = bw.sub(qz);
                final DoubleVector r2 = dz.fma(dz, dy.fma(dy, dx.mul(dx))).add(e);
                final DoubleVector rinv2 = one.div(r2);
                final DoubleVector w = bm.mul(rinv2).mul(rinv2.sqrt());
                ax = w.fma(dx, ax);
                ay = w.fma(dy, ay);
                az = w.fma(dz, az);
                final DoubleVector b =
                        three.mul(dz.fma(uz, dy.fma(uy, dx.mul(ux)))).mul(rinv2);
                jx = w.fma(b.neg().fma(dx, ux), jx);
                jy = w.fma(b.neg().fma(dy, uy), jy);
                jz = w.fma(b.neg().fma(dz, uz), jz);
            }
            {
                final DoubleVector dx = bx.sub(px2);
                final DoubleVector dy = by.sub(py2);
                final DoubleVector dz = bz.sub(pz2);
                final DoubleVector ux = bu.sub(qx2);
                final DoubleVector uy = bv.sub(qy2);
                final DoubleVector uz = bw.sub(qz2);
                final DoubleVector r2 = dz.fma(dz, dy.fma(dy, dx.mul(dx))).add(e);
                final DoubleVector rinv2 = one.div(r2);
                final DoubleVector w = bm.mul(rinv2).mul(rinv2.sqrt());
                ax2 = w.fma(dx, ax2);
                ay2 = w.fma(dy, ay2);
                az2 = w.fma(dz, az2);
                final DoubleVector b =
                        three.mul(dz.fma(uz, dy.fma(uy, dx.mul(ux)))).mul(rinv2);
                jx2 = w.fma(b.neg().fma(dx, ux), jx2);
                jy2 = w.fma(b.neg().fma(dy, uy), jy2);
                jz2 = w.fma(b.neg().fma(dz, uz), jz2);
            }
        }
        ax.intoArray(acc, k);
        ay.intoArray(acc, stride + k);
        az.intoArray(acc, 2 * stride + k);
        jx.intoArray(acc, 3 * stride + k);
        jy.intoArray(acc, 4 * stride + k);
        jz.intoArray(acc, 5 * stride + k);
        ax2.intoArray(acc, k + L);
        ay2.intoArray(acc, stride + k + L);
        az2.intoArray(acc, 2 * stride + k + L);
        jx2.intoArray(acc, 3 * stride + k + L);
        jy2.intoArray(acc, 4 * stride + k + L);
        jz2.intoArray(acc, 5 * stride + k + L);
    }
}
