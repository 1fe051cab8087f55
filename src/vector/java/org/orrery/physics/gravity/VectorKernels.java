package org.orrery.physics.gravity;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The force kernel of {@link DirectSum} and the force + jerk kernel of {@link ForceJerk} written with the Vector API
 * ({@code jdk.incubator.vector}, incubating in Java 17), giving the same bits as the scalar loops.
 *
 * <p><b>Algorithm.</b> The lanes of a vector are targets i; every source j is broadcast to all lanes, and j runs
 * sequentially 0, 1, …, n−1, so each lane performs exactly the scalar sequence of operations of its target: the same
 * subtractions, products, sums, one division and one square root per interaction, in the same order (lanewise add, sub,
 * mul, div and sqrt are correctly rounded IEEE 754 operations like their scalar forms; no fused multiply-add, no
 * reduction across lanes). G is applied once at the end, as in the scalar kernels. Unlike the scalar kernels, which
 * keep each target's running sums in a tile array in memory (C2 vectorises only loops without a loop-carried register),
 * the sums of one vector of targets stay in vector registers while j runs over a block of sources (force: 3 sums; force
 * + jerk: 6 sums, which with the 6 target coordinates and 3 constants overfill the 16 AVX2 registers, so C2 reloads
 * some from the stack in every iteration). Two target vectors per pass (sharing the source broadcasts) ran about 4 %
 * slower for the force than one, and software pipelining, split loops and in-loop loads were slower still
 * (docs/nbody-hermite.md, "Kernel speed"; results/hermite/kernel-asm). Sources come in blocks of
 * {@link DirectSum#JBLOCK} and {@link ForceJerk#JBLOCK} (resident in L2), blocks ascending; between blocks the sums
 * wait in the scratch arrays. When the count of targets is not a multiple of the lane count, the last vector holds the
 * leftover targets and, in its spare lanes, copies of the last of them, whose sums are dropped: every target runs in
 * the vector kernel, so a run never compiles the scalar kernel as well (a rank of 500 targets on 8 lanes once did, for
 * its last 4).
 *
 * <p>Loaded only by {@link KernelPath}, and only when the module {@code jdk.incubator.vector} is in the boot layer;
 * compiled in its own source root (src/vector/java) with {@code --add-modules jdk.incubator.vector}.
 */
final class VectorKernels implements KernelPath.Vectorised {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;

    /** Lanes per vector (4 with AVX2, 8 with AVX-512). */
    private static final int L = S.length();

    VectorKernels() {}

    @Override
    public String describe() {
        return "vector (jdk.incubator.vector, " + L + " doubles per vector)";
    }

    @Override
    public void accelerations(
            double[] x,
            double[] y,
            double[] z,
            double[] m,
            int n,
            int from,
            int to,
            double g,
            double eps2,
            double[] ax,
            int axOff,
            double[] ay,
            int ayOff,
            double[] az,
            int azOff,
            DirectSum.Scratch s) {
        final int count = to - from;
        if (count <= 0) {
            return;
        }
        final int full = count - count % L; // targets in whole vectors
        final int padded = full == count ? count : full + L; // the last, partial vector padded to L lanes
        s.clearSums(padded);
        final double[] accX = s.ax;
        final double[] accY = s.ay;
        final double[] accZ = s.az;
        if (full < count) { // the leftover targets, then copies of the last of them in the spare lanes
            for (int l = 0; l < L; l++) {
                final int i = from + full + Math.min(l, count - full - 1);
                s.px[l] = x[i];
                s.py[l] = y[i];
                s.pz[l] = z[i];
            }
        }
        for (int j0 = 0; j0 < n; j0 += DirectSum.JBLOCK) {
            final int j1 = Math.min(n, j0 + DirectSum.JBLOCK);
            for (int k = 0; k < full; k += L) {
                forceOne(x, y, z, m, j0, j1, eps2, x, y, z, from + k, k, accX, accY, accZ);
            }
            if (full < count) {
                forceOne(x, y, z, m, j0, j1, eps2, s.px, s.py, s.pz, 0, full, accX, accY, accZ);
            }
        }
        for (int k = 0; k < count; k++) {
            ax[axOff + k] = g * accX[k];
            ay[ayOff + k] = g * accY[k];
            az[azOff + k] = g * accZ[k];
        }
    }

    /** Sums of the targets at tx[i…i + L − 1], ty, tz (stored at acc[k…]) over the sources x, y, z, m in [j0, j1). */
    private static void forceOne(
            double[] x,
            double[] y,
            double[] z,
            double[] m,
            int j0,
            int j1,
            double eps2,
            double[] tx,
            double[] ty,
            double[] tz,
            int i,
            int k,
            double[] accX,
            double[] accY,
            double[] accZ) {
        final DoubleVector e = DoubleVector.broadcast(S, eps2);
        final DoubleVector one = DoubleVector.broadcast(S, 1.0);
        final DoubleVector px = DoubleVector.fromArray(S, tx, i);
        final DoubleVector py = DoubleVector.fromArray(S, ty, i);
        final DoubleVector pz = DoubleVector.fromArray(S, tz, i);
        DoubleVector sx = DoubleVector.fromArray(S, accX, k);
        DoubleVector sy = DoubleVector.fromArray(S, accY, k);
        DoubleVector sz = DoubleVector.fromArray(S, accZ, k);
        for (int j = j0; j < j1; j++) {
            final DoubleVector dx = DoubleVector.broadcast(S, x[j]).sub(px);
            final DoubleVector dy = DoubleVector.broadcast(S, y[j]).sub(py);
            final DoubleVector dz = DoubleVector.broadcast(S, z[j]).sub(pz);
            final DoubleVector r2 = dx.mul(dx).add(dy.mul(dy)).add(dz.mul(dz)).add(e);
            final DoubleVector w = DoubleVector.broadcast(S, m[j]).mul(one.div(r2.mul(r2.sqrt())));
            sx = sx.add(dx.mul(w));
            sy = sy.add(dy.mul(w));
            sz = sz.add(dz.mul(w));
        }
        sx.intoArray(accX, k);
        sy.intoArray(accY, k);
        sz.intoArray(accZ, k);
    }

    @Override
    public void forceJerk(
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
            for (int k = 0; k < padded; k += L) {
                for (int l = 0; l < L; l++) { // spare lanes of the last vector: copies of its last target
                    final int i = targets[from + Math.min(k + l, count - 1)];
                    p[l] = x[i];
                    p[L + l] = y[i];
                    p[2 * L + l] = z[i];
                    p[3 * L + l] = vx[i];
                    p[4 * L + l] = vy[i];
                    p[5 * L + l] = vz[i];
                }
                forceJerkOne(x, y, z, vx, vy, vz, m, j0, j1, eps2, p, acc, k, padded);
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
     * [j0, j1), with the scalar kernel's operations: w = (m_j · s⁻²) · sqrt(s⁻²), b = (3 (r·v)) · s⁻², sum += w · r and
     * sum += w · (v − b · r).
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
            final DoubleVector r2 = dx.mul(dx).add(dy.mul(dy)).add(dz.mul(dz)).add(e);
            final DoubleVector rinv2 = one.div(r2);
            final DoubleVector w = DoubleVector.broadcast(S, m[j]).mul(rinv2).mul(rinv2.sqrt());
            ax = ax.add(w.mul(dx));
            ay = ay.add(w.mul(dy));
            az = az.add(w.mul(dz));
            final DoubleVector b =
                    three.mul(dx.mul(ux).add(dy.mul(uy)).add(dz.mul(uz))).mul(rinv2);
            jx = jx.add(w.mul(ux.sub(b.mul(dx))));
            jy = jy.add(w.mul(uy.sub(b.mul(dy))));
            jz = jz.add(w.mul(uz.sub(b.mul(dz))));
        }
        ax.intoArray(acc, k);
        ay.intoArray(acc, stride + k);
        az.intoArray(acc, 2 * stride + k);
        jx.intoArray(acc, 3 * stride + k);
        jy.intoArray(acc, 4 * stride + k);
        jz.intoArray(acc, 5 * stride + k);
    }
}
