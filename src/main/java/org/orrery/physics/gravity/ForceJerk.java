package org.orrery.physics.gravity;

import java.util.Arrays;

/**
 * Acceleration and jerk (its time derivative) by direct summation with Plummer softening, the
 * force evaluation of the 4th-order Hermite scheme (Makino &amp; Aarseth 1992, PASJ 44, 141). With
 * r = r_j − r_i, v = v_j − v_i, s² = |r|² + ε²:
 * <pre>
 *   a_i = G Σ_j m_j r / s³
 *   ȧ_i = G Σ_j m_j [ v / s³ − 3 (r·v) r / s⁵ ]
 * </pre>
 * The self term j = i vanishes exactly for ε &gt; 0 (r = v = 0 times finite factors), so it is not
 * skipped; ε must be positive.
 *
 * <p><b>Targets.</b> The particles to evaluate are given as a list of indices {@code targets[from,
 * to)} (the active particles of a block step, ascending), evaluated against all n sources. Results
 * go to {@code out[off + 6k + c]} for the k-th target, components c = ax, ay, az, jx, jy, jz: the
 * interleaved layout travels in one {@code allGatherv} with width 6.
 *
 * <p><b>Order of summation.</b> Every target's six sums run over j = 0, 1, …, n−1 in that order and
 * nothing else, whichever list it sits in, however the list is tiled or split over threads and
 * ranks: the result for a particle is a function of the (predicted) state alone, so every
 * decomposition gives the same bits. Java does not contract a·b + c into fused multiply-adds, so
 * the vectorised and scalar forms of the same expression round identically. G is applied once at
 * the end.
 *
 * <p><b>Speed.</b> As in {@link DirectSum}: "j outer, targets inner" over tiles of {@value #TILE}
 * targets, so the inner loop carries no reduction and HotSpot's C2 emits packed SIMD square roots
 * and divisions; sources in blocks of {@value #JBLOCK} (7 columns × 2048 × 8 B = 112 KiB, resident
 * in L2 while every tile passes over them), blocks ascending. Per interaction: one square root, one
 * division, about 30 further flops, in five short vectorised passes over the tile (see
 * {@code block}).
 *
 * <p>Pure: no I/O, no MPI, no threads; callers split [from, to) across threads, each with its own
 * {@link Scratch}.
 */
public final class ForceJerk {
    /** Targets per tile: 12 tile arrays × 128 doubles = 12 KiB, resident in L1. */
    public static final int TILE = 128;

    /** Sources per block (x, y, z, vx, vy, vz, m: 112 KiB, resident in L2). */
    public static final int JBLOCK = 2048;

    /** Doubles per target in the output: ax, ay, az, jx, jy, jz. */
    public static final int WIDTH = 6;

    /**
     * Whether to run the fused loop: only when this JVM lets C2 unroll large loop bodies
     * ({@code -XX:LoopUnrollLimit} ≥ {@value #FUSED_UNROLL_LIMIT}), where it is 2–3× faster than
     * the split form; with the default limit (60) the fused body runs scalar. Both forms give the
     * same bits, so ranks may differ in this choice.
     */
    static final int FUSED_UNROLL_LIMIT = 400;
    static final boolean FUSED = unrollLimit() >= FUSED_UNROLL_LIMIT;

    private ForceJerk() {
    }

    /** Scratch space for one thread (reusable across calls). */
    public static final class Scratch {
        final double[] px = new double[TILE];
        final double[] py = new double[TILE];
        final double[] pz = new double[TILE];
        final double[] qx = new double[TILE];
        final double[] qy = new double[TILE];
        final double[] qz = new double[TILE];
        final double[] sax = new double[TILE];
        final double[] say = new double[TILE];
        final double[] saz = new double[TILE];
        final double[] sjx = new double[TILE];
        final double[] sjy = new double[TILE];
        final double[] sjz = new double[TILE];
        final double[] tw = new double[TILE];
        final double[] tb = new double[TILE];
        double[] acc = new double[0];

        void ensure(int count) {
            if (acc.length < WIDTH * count) {
                acc = new double[WIDTH * count];
            }
        }
    }

    /** Acceleration and jerk of every particle 0..n−1 into {@code out[6i + c]} (a convenience for tests and ICs). */
    public static void all(double[] x, double[] y, double[] z, double[] vx, double[] vy, double[] vz, double[] m,
                           int n, double g, double eps2, double[] out) {
        int[] all = new int[n];
        Arrays.setAll(all, i -> i);
        evaluate(x, y, z, vx, vy, vz, m, n, all, 0, n, g, eps2, out, 0, new Scratch());
    }

    /**
     * Acceleration and jerk of the particles {@code targets[from, to)} due to all n particles; the
     * k-th target's values go to {@code out[off + 6(k − from) + c]}.
     */
    public static void evaluate(double[] x, double[] y, double[] z, double[] vx, double[] vy, double[] vz, double[] m,
                                int n, int[] targets, int from, int to, double g, double eps2, double[] out, int off,
                                Scratch s) {
        evaluate(x, y, z, vx, vy, vz, m, n, targets, from, to, g, eps2, out, off, s, FUSED);
    }

    /** As {@link #evaluate} with the loop form chosen explicitly (both give the same bits). */
    static void evaluate(double[] x, double[] y, double[] z, double[] vx, double[] vy, double[] vz, double[] m, int n,
                         int[] targets, int from, int to, double g, double eps2, double[] out, int off, Scratch s,
                         boolean fused) {
        final int count = to - from;
        if (count <= 0) {
            return;
        }
        s.ensure(count);
        final double[] acc = s.acc;
        Arrays.fill(acc, 0, WIDTH * count, 0.0);
        for (int j0 = 0; j0 < n; j0 += JBLOCK) {
            final int j1 = Math.min(n, j0 + JBLOCK);
            for (int t0 = from; t0 < to; t0 += TILE) {
                final int len = Math.min(TILE, to - t0);
                final int o = WIDTH * (t0 - from);
                load(x, y, z, vx, vy, vz, targets, t0, len, s);
                for (int k = 0; k < len; k++) {
                    s.sax[k] = acc[o + WIDTH * k];
                    s.say[k] = acc[o + WIDTH * k + 1];
                    s.saz[k] = acc[o + WIDTH * k + 2];
                    s.sjx[k] = acc[o + WIDTH * k + 3];
                    s.sjy[k] = acc[o + WIDTH * k + 4];
                    s.sjz[k] = acc[o + WIDTH * k + 5];
                }
                if (fused) {
                    blockFused(x, y, z, vx, vy, vz, m, j0, j1, eps2, len, s);
                } else {
                    block(x, y, z, vx, vy, vz, m, j0, j1, eps2, len, s);
                }
                for (int k = 0; k < len; k++) {
                    acc[o + WIDTH * k] = s.sax[k];
                    acc[o + WIDTH * k + 1] = s.say[k];
                    acc[o + WIDTH * k + 2] = s.saz[k];
                    acc[o + WIDTH * k + 3] = s.sjx[k];
                    acc[o + WIDTH * k + 4] = s.sjy[k];
                    acc[o + WIDTH * k + 5] = s.sjz[k];
                }
            }
        }
        for (int k = 0; k < WIDTH * count; k++) {
            out[off + k] = g * acc[k];
        }
    }

    /** "fused" or "split": the loop form {@link #evaluate} runs in this JVM. */
    public static String loopForm() {
        return FUSED ? "fused" : "split";
    }

    /** The JVM's LoopUnrollLimit (60, HotSpot's default, when it cannot be read). */
    private static long unrollLimit() {
        try {
            return Long.parseLong(java.lang.management.ManagementFactory
                    .getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class).getVMOption("LoopUnrollLimit")
                    .getValue());
        } catch (RuntimeException | LinkageError e) {
            return 60;
        }
    }

    /** Predicted positions and velocities of the tile's targets into the tile arrays. */
    private static void load(double[] x, double[] y, double[] z, double[] vx, double[] vy, double[] vz, int[] targets,
                             int t0, int len, Scratch s) {
        for (int k = 0; k < len; k++) {
            int i = targets[t0 + k];
            s.px[k] = x[i];
            s.py[k] = y[i];
            s.pz[k] = z[i];
            s.qx[k] = vx[i];
            s.qy[k] = vy[i];
            s.qz[k] = vz[i];
        }
    }

    /** Sources [j0, j1) ascending onto the tile's accumulators (vectorised over the tile). */
    private static void block(double[] x, double[] y, double[] z, double[] vx, double[] vy, double[] vz, double[] m,
                              int j0, int j1, double eps2, int len, Scratch s) {
        final double[] px = s.px;
        final double[] py = s.py;
        final double[] pz = s.pz;
        final double[] qx = s.qx;
        final double[] qy = s.qy;
        final double[] qz = s.qz;
        final double[] sax = s.sax;
        final double[] say = s.say;
        final double[] saz = s.saz;
        final double[] sjx = s.sjx;
        final double[] sjy = s.sjy;
        final double[] sjz = s.sjz;
        final double[] tw = s.tw;
        final double[] tb = s.tb;
        for (int j = j0; j < j1; j++) {
            final double xj = x[j];
            final double yj = y[j];
            final double zj = z[j];
            final double vxj = vx[j];
            final double vyj = vy[j];
            final double vzj = vz[j];
            final double mj = m[j];
            // Five short passes over the tile instead of one fused loop: C2 unrolls and vectorises
            // only loop bodies within its unrolling budget (LoopUnrollLimit); the fused body is over
            // it and runs scalar, 3–7× slower. Recomputing r_j − r_i is cheaper than that.
            for (int k = 0; k < len; k++) {
                final double dx = xj - px[k];
                final double dy = yj - py[k];
                final double dz = zj - pz[k];
                final double r2 = dx * dx + dy * dy + dz * dz + eps2;
                final double rinv2 = 1.0 / r2;
                final double w = mj * rinv2 * Math.sqrt(rinv2);
                tw[k] = w;
                tb[k] = rinv2;
                sax[k] += w * dx;
                say[k] += w * dy;
                saz[k] += w * dz;
            }
            for (int k = 0; k < len; k++) {
                final double dx = xj - px[k];
                final double dy = yj - py[k];
                final double dz = zj - pz[k];
                final double dvx = vxj - qx[k];
                final double dvy = vyj - qy[k];
                final double dvz = vzj - qz[k];
                tb[k] = 3.0 * (dx * dvx + dy * dvy + dz * dvz) * tb[k];
            }
            for (int k = 0; k < len; k++) {
                sjx[k] += tw[k] * ((vxj - qx[k]) - tb[k] * (xj - px[k]));
            }
            for (int k = 0; k < len; k++) {
                sjy[k] += tw[k] * ((vyj - qy[k]) - tb[k] * (yj - py[k]));
            }
            for (int k = 0; k < len; k++) {
                sjz[k] += tw[k] * ((vzj - qz[k]) - tb[k] * (zj - pz[k]));
            }
        }
    }
    /**
     * The same arithmetic as {@link #block} (same operations in the same order, so the same bits)
     * in one fused loop: faster when C2 may unroll it (-XX:LoopUnrollLimit=400), scalar otherwise.
     */
    private static void blockFused(double[] x, double[] y, double[] z, double[] vx, double[] vy, double[] vz,
                                   double[] m, int j0, int j1, double eps2, int len, Scratch s) {
        final double[] px = s.px;
        final double[] py = s.py;
        final double[] pz = s.pz;
        final double[] qx = s.qx;
        final double[] qy = s.qy;
        final double[] qz = s.qz;
        final double[] sax = s.sax;
        final double[] say = s.say;
        final double[] saz = s.saz;
        final double[] sjx = s.sjx;
        final double[] sjy = s.sjy;
        final double[] sjz = s.sjz;
        for (int j = j0; j < j1; j++) {
            final double xj = x[j];
            final double yj = y[j];
            final double zj = z[j];
            final double vxj = vx[j];
            final double vyj = vy[j];
            final double vzj = vz[j];
            final double mj = m[j];
            for (int k = 0; k < len; k++) {
                final double dx = xj - px[k];
                final double dy = yj - py[k];
                final double dz = zj - pz[k];
                final double r2 = dx * dx + dy * dy + dz * dz + eps2;
                final double rinv2 = 1.0 / r2;
                final double w = mj * rinv2 * Math.sqrt(rinv2);
                final double dvx = vxj - qx[k];
                final double dvy = vyj - qy[k];
                final double dvz = vzj - qz[k];
                final double b = 3.0 * (dx * dvx + dy * dvy + dz * dvz) * rinv2;
                sax[k] += w * dx;
                say[k] += w * dy;
                saz[k] += w * dz;
                sjx[k] += w * (dvx - b * dx);
                sjy[k] += w * (dvy - b * dy);
                sjz[k] += w * (dvz - b * dz);
            }
        }
    }
}
