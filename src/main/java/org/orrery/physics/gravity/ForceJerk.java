package org.orrery.physics.gravity;

import java.util.Arrays;

/**
 * Acceleration and jerk (its time derivative) by direct summation with Plummer softening, the force evaluation of the
 * 4th-order Hermite scheme (Makino &amp; Aarseth 1992, PASJ 44, 141). With r = r_j − r_i, v = v_j − v_i, s² = |r|² +
 * ε²:
 *
 * <pre>
 *   a_i = G Σ_j m_j r / s³
 *   ȧ_i = G Σ_j m_j [ v / s³ − 3 (r·v) r / s⁵ ]
 * </pre>
 *
 * The self term j = i vanishes exactly for ε &gt; 0 (r = v = 0 times finite factors), so it is not skipped; ε must be
 * positive.
 *
 * <p><b>Targets.</b> The particles to evaluate are given as a list of indices {@code targets[from, to)} (the active
 * particles of a block step, ascending), evaluated against all n sources. Results go to {@code out[off + 6k + c]} for
 * the k-th target, components c = ax, ay, az, jx, jy, jz: the interleaved layout travels in one {@code allGatherv} with
 * width 6.
 *
 * <p><b>Order of summation.</b> Every target's six sums run over j = 0, 1, …, n−1 in that order and nothing else,
 * whichever list it sits in, however the list is tiled or split over threads and ranks: the result for a particle is a
 * function of the (predicted) state alone, so every decomposition gives the same bits. Each interaction uses fused
 * multiply-adds at fixed places ({@link Math#fma} here, lanewise FMA in the vector kernel; both round once, so the two
 * paths give the same bits, and Java never fuses anything else): with fewer instructions per interaction the vector
 * kernel keeps pace with C built with {@code -march=native} (since session 14; the bits differ from the earlier
 * FMA-free kernel). G is applied once at the end.
 *
 * <p><b>Speed.</b> As in {@link DirectSum}: "j outer, targets inner" over tiles of {@value #TILE} targets, so the inner
 * loops carry no reduction and HotSpot's C2 emits packed SIMD square roots and divisions; sources in blocks of
 * {@value #JBLOCK} (7 columns × 2048 × 8 B = 112 KiB, resident in L2 while every tile passes over them), blocks
 * ascending. Per interaction: one square root, one division, about 40 further flops, in five short passes over the
 * tile, each small enough for C2 to unroll and vectorise under its default {@code -XX:LoopUnrollLimit=60} (measured:
 * the fused body, about 90 IR nodes, runs scalar and 3× slower; C2 seems to unroll, and so vectorise, only bodies
 * within that many nodes): (1) force, storing w = m/s³ and 1/s²; (2) b = 3 (r·v)/s²; (3–5) one jerk component each. The
 * tile lives in ONE scratch array, column c at offset c·{@value #TILE}: every access then costs one address node
 * instead of two, and C2 sees constant distances between the columns (proven independent) instead of possibly aliasing
 * arrays. About 0.5× the C loop, whose register accumulators and fused pass plain Java loops cannot express without
 * reordering each sum; the Vector API kernel ({@link KernelPath}, same bits) keeps the sums in registers; see
 * docs/nbody-hermite.md.
 *
 * <p>Pure: no I/O, no MPI, no threads; callers split [from, to) across threads, each with its own {@link Scratch}.
 */
public final class ForceJerk {
    /** Targets per tile: 14 tile columns × 256 doubles = 28 KiB, resident in L1. */
    public static final int TILE = 256;

    /** Sources per block (x, y, z, vx, vy, vz, m: 112 KiB, resident in L2). */
    public static final int JBLOCK = 2048;

    /** Doubles per target in the output: ax, ay, az, jx, jy, jz. */
    public static final int WIDTH = 6;

    /** Column offsets in the tile array: predicted position, velocity, the six sums, w, b. */
    private static final int PX = 0;

    private static final int PY = TILE;
    private static final int PZ = 2 * TILE;
    private static final int QX = 3 * TILE;
    private static final int QY = 4 * TILE;
    private static final int QZ = 5 * TILE;
    private static final int SUM = 6 * TILE;
    private static final int W = 12 * TILE;
    private static final int B = 13 * TILE;

    private ForceJerk() {}

    /** Scratch space for one thread (reusable across calls). */
    public static final class Scratch {
        final double[] tile = new double[14 * TILE];
        double[] acc = new double[0];

        void ensure(int count) {
            if (acc.length < WIDTH * count) {
                acc = new double[WIDTH * count];
            }
        }
    }

    /** Acceleration and jerk of every particle 0..n−1 into {@code out[6i + c]} (a convenience for tests and ICs). */
    public static void all(
            double[] x,
            double[] y,
            double[] z,
            double[] vx,
            double[] vy,
            double[] vz,
            double[] m,
            int n,
            double g,
            double eps2,
            double[] out) {
        int[] all = new int[n];
        Arrays.setAll(all, i -> i);
        evaluate(x, y, z, vx, vy, vz, m, n, all, 0, n, g, eps2, out, 0, new Scratch());
    }

    /**
     * Acceleration and jerk of the particles {@code targets[from, to)} due to all n particles; the k-th target's values
     * go to {@code out[off + 6(k − from) + c]}. Runs the Vector API kernel when {@link KernelPath} selected it (same
     * bits), otherwise {@link #evaluateScalar}.
     */
    public static void evaluate(
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
            Scratch s) {
        final KernelPath.Vectorised v = KernelPath.VECTOR;
        if (v != null) {
            v.forceJerk(x, y, z, vx, vy, vz, m, n, targets, from, to, g, eps2, out, off, s);
        } else {
            evaluateScalar(x, y, z, vx, vy, vz, m, n, targets, from, to, g, eps2, out, off, s);
        }
    }

    /** {@link #evaluate evaluate} by the scalar loops, whatever {@link KernelPath} chose. */
    public static void evaluateScalar(
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
            Scratch s) {
        final int count = to - from;
        if (count <= 0) {
            return;
        }
        s.ensure(count);
        final double[] acc = s.acc;
        final double[] t = s.tile;
        Arrays.fill(acc, 0, WIDTH * count, 0.0);
        for (int j0 = 0; j0 < n; j0 += JBLOCK) {
            final int j1 = Math.min(n, j0 + JBLOCK);
            for (int t0 = from; t0 < to; t0 += TILE) {
                final int len = Math.min(TILE, to - t0);
                final int o = WIDTH * (t0 - from);
                for (int k = 0; k < len; k++) {
                    final int i = targets[t0 + k];
                    t[PX + k] = x[i];
                    t[PY + k] = y[i];
                    t[PZ + k] = z[i];
                    t[QX + k] = vx[i];
                    t[QY + k] = vy[i];
                    t[QZ + k] = vz[i];
                    for (int c = 0; c < WIDTH; c++) {
                        t[SUM + c * TILE + k] = acc[o + WIDTH * k + c];
                    }
                }
                for (int j = j0; j < j1; j++) {
                    force(t, len, x[j], y[j], z[j], m[j], eps2);
                    dot(t, len, x[j], y[j], z[j], vx[j], vy[j], vz[j]);
                    jerk(t, len, x[j], vx[j], SUM + 3 * TILE, PX, QX);
                    jerk(t, len, y[j], vy[j], SUM + 4 * TILE, PY, QY);
                    jerk(t, len, z[j], vz[j], SUM + 5 * TILE, PZ, QZ);
                }
                for (int k = 0; k < len; k++) {
                    for (int c = 0; c < WIDTH; c++) {
                        acc[o + WIDTH * k + c] = t[SUM + c * TILE + k];
                    }
                }
            }
        }
        for (int k = 0; k < WIDTH * count; k++) {
            out[off + k] = g * acc[k];
        }
    }

    /** Pass 1: w = m_j / s³ and 1/s² into columns W and B; the force sums. */
    private static void force(double[] t, int len, double xj, double yj, double zj, double mj, double eps2) {
        for (int k = 0; k < len; k++) {
            final double dx = xj - t[PX + k];
            final double dy = yj - t[PY + k];
            final double dz = zj - t[PZ + k];
            final double r2 = Math.fma(dz, dz, Math.fma(dy, dy, dx * dx)) + eps2;
            final double rinv2 = 1.0 / r2;
            final double w = mj * rinv2 * Math.sqrt(rinv2);
            t[W + k] = w;
            t[B + k] = rinv2;
            t[SUM + k] = Math.fma(w, dx, t[SUM + k]);
            t[SUM + TILE + k] = Math.fma(w, dy, t[SUM + TILE + k]);
            t[SUM + 2 * TILE + k] = Math.fma(w, dz, t[SUM + 2 * TILE + k]);
        }
    }

    /** Pass 2: b = 3 (r·v) / s², over the 1/s² of pass 1 (r·v = fma(z, v_z, fma(y, v_y, x·v_x))). */
    private static void dot(double[] t, int len, double xj, double yj, double zj, double vxj, double vyj, double vzj) {
        for (int k = 0; k < len; k++) {
            final double xv = (xj - t[PX + k]) * (vxj - t[QX + k]);
            final double xyv = Math.fma(yj - t[PY + k], vyj - t[QY + k], xv);
            t[B + k] = 3.0 * Math.fma(zj - t[PZ + k], vzj - t[QZ + k], xyv) * t[B + k];
        }
    }

    /**
     * Passes 3–5: one jerk component, sum = fma(w, fma(−b, r, v), sum), from the columns of position p and velocity q.
     */
    private static void jerk(double[] t, int len, double xj, double vxj, int sum, int p, int q) {
        for (int k = 0; k < len; k++) {
            t[sum + k] = Math.fma(t[W + k], Math.fma(-t[B + k], xj - t[p + k], vxj - t[q + k]), t[sum + k]);
        }
    }
}
