package org.orrery.physics.gravity;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The force kernel of {@link DirectSum} written with the Vector API ({@code jdk.incubator.vector}, incubating in Java
 * 17), giving the same bits as the scalar loops; the force + jerk kernel of {@link ForceJerk} is
 * {@link VectorForceJerk}'s.
 *
 * <p><b>Algorithm.</b> The lanes of a vector are targets i; every source j is broadcast to all lanes, and j runs
 * sequentially 0, 1, …, n−1, so each lane performs exactly the scalar sequence of operations of its target: the same
 * subtractions, products, sums, one division and one square root per interaction, in the same order (lanewise add, sub,
 * mul, div and sqrt are correctly rounded IEEE 754 operations like their scalar forms; no fused multiply-add here, no
 * reduction across lanes). G is applied once at the end, as in the scalar kernels. Unlike the scalar kernels, which
 * keep each target's running sums in a tile array in memory (C2 vectorises only loops without a loop-carried register),
 * the sums stay in vector registers while j runs over a block of sources. Targets go two vectors at a time, sharing the
 * source broadcasts, so two independent division and square-root chains are in flight per source: with the 32 registers
 * of AVX-512 this keeps pace with C (docs/nbody-hermite.md, "Kernel speed", session 14; with the 16 of AVX2 one vector
 * per pass was 4 % faster in session 4, so {@link #PAIRS} keeps one there). Sources come in blocks of
 * {@link DirectSum#JBLOCK} (resident in L2), blocks ascending; between blocks the sums wait in the scratch arrays. When
 * the count of targets is not a multiple of the lane count, the last vector holds the leftover targets and, in its
 * spare lanes, copies of the last of them, whose sums are dropped: every target runs in the vector kernel, so a run
 * never compiles the scalar kernel as well (a rank of 500 targets on 8 lanes once did, for its last 4).
 *
 * <p>Loaded only by {@link KernelPath}, and only when the module {@code jdk.incubator.vector} is in the boot layer;
 * compiled in its own source root (src/vector/java) with {@code --add-modules jdk.incubator.vector}.
 */
final class VectorKernels implements KernelPath.Vectorised {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;

    /** Lanes per vector (4 with AVX2, 8 with AVX-512). */
    private static final int L = S.length();

    /**
     * Two target vectors per pass only with 8 lanes (AVX-512, 32 registers); with AVX2's 16 the second set spills and
     * one vector per pass was faster (session 4).
     */
    static final boolean PAIRS = L >= 8;

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
            int k = 0;
            for (; PAIRS && k + 2 * L <= full; k += 2 * L) {
                forceTwo(x, y, z, m, j0, j1, eps2, from + k, k, accX, accY, accZ);
            }
            for (; k < full; k += L) {
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

    /** {@link #forceOne} for the two vectors of targets at x[i…i + 2L − 1] (sums at acc[k…k + 2L − 1]). */
    private static void forceTwo(
            double[] x,
            double[] y,
            double[] z,
            double[] m,
            int j0,
            int j1,
            double eps2,
            int i,
            int k,
            double[] accX,
            double[] accY,
            double[] accZ) {
        final DoubleVector e = DoubleVector.broadcast(S, eps2);
        final DoubleVector one = DoubleVector.broadcast(S, 1.0);
        final DoubleVector px = DoubleVector.fromArray(S, x, i);
        final DoubleVector py = DoubleVector.fromArray(S, y, i);
        final DoubleVector pz = DoubleVector.fromArray(S, z, i);
        final DoubleVector px2 = DoubleVector.fromArray(S, x, i + L);
        final DoubleVector py2 = DoubleVector.fromArray(S, y, i + L);
        final DoubleVector pz2 = DoubleVector.fromArray(S, z, i + L);
        DoubleVector sx = DoubleVector.fromArray(S, accX, k);
        DoubleVector sy = DoubleVector.fromArray(S, accY, k);
        DoubleVector sz = DoubleVector.fromArray(S, accZ, k);
        DoubleVector sx2 = DoubleVector.fromArray(S, accX, k + L);
        DoubleVector sy2 = DoubleVector.fromArray(S, accY, k + L);
        DoubleVector sz2 = DoubleVector.fromArray(S, accZ, k + L);
        for (int j = j0; j < j1; j++) {
            final DoubleVector bx = DoubleVector.broadcast(S, x[j]);
            final DoubleVector by = DoubleVector.broadcast(S, y[j]);
            final DoubleVector bz = DoubleVector.broadcast(S, z[j]);
            final DoubleVector bm = DoubleVector.broadcast(S, m[j]);
            final DoubleVector dx = bx.sub(px);
            final DoubleVector dy = by.sub(py);
            final DoubleVector dz = bz.sub(pz);
            final DoubleVector dx2 = bx.sub(px2);
            final DoubleVector dy2 = by.sub(py2);
            final DoubleVector dz2 = bz.sub(pz2);
            final DoubleVector r2 = dx.mul(dx).add(dy.mul(dy)).add(dz.mul(dz)).add(e);
            final DoubleVector r22 =
                    dx2.mul(dx2).add(dy2.mul(dy2)).add(dz2.mul(dz2)).add(e);
            final DoubleVector w = bm.mul(one.div(r2.mul(r2.sqrt())));
            final DoubleVector w2 = bm.mul(one.div(r22.mul(r22.sqrt())));
            sx = sx.add(dx.mul(w));
            sy = sy.add(dy.mul(w));
            sz = sz.add(dz.mul(w));
            sx2 = sx2.add(dx2.mul(w2));
            sy2 = sy2.add(dy2.mul(w2));
            sz2 = sz2.add(dz2.mul(w2));
        }
        sx.intoArray(accX, k);
        sy.intoArray(accY, k);
        sz.intoArray(accZ, k);
        sx2.intoArray(accX, k + L);
        sy2.intoArray(accY, k + L);
        sz2.intoArray(accZ, k + L);
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
        VectorForceJerk.evaluate(x, y, z, vx, vy, vz, m, n, targets, from, to, g, eps2, out, off, s);
    }

    @Override
    public void potentials(
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
        VectorPotentials.evaluate(x, y, z, m, n, from, to, g, eps2, phi, outOff);
    }
}
