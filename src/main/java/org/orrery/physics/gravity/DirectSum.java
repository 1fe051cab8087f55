package org.orrery.physics.gravity;

/**
 * Direct-summation Newtonian gravity with Plummer softening.
 *
 * <p>Acceleration of particle i:
 *
 * <pre>
 *   a_i = G Σ_j m_j (r_j − r_i) / (|r_j − r_i|² + ε²)^{3/2}
 * </pre>
 *
 * and potential (j ≠ i) {@code φ_i = −G Σ_{j≠i} m_j / sqrt(|r_j − r_i|² + ε²)}. The self term j = i of the acceleration
 * is exactly zero for ε &gt; 0 (0 × finite), so it is not skipped; ε must be positive.
 *
 * <p><b>Order of summation.</b> Every particle's sum runs over j = 0, 1, …, n−1 in that order and nothing else,
 * whatever range of i is being computed, however it is tiled and whichever thread computes it: the result for particle
 * i is a function of the full state alone, so any decomposition over ranks or threads gives the same bits. Scaling by G
 * happens once at the end.
 *
 * <p><b>Speed.</b> The loop nest is "j outer, i inner" over tiles of {@value #TILE} targets: the inner loop has no
 * loop-carried reduction, so HotSpot's C2 compiles it to packed SIMD (AVX2 / AVX-512) square roots and divisions while
 * keeping the sequential j order for every i. (A plain "i outer, j inner" reduction cannot be vectorised by a Java
 * compiler without reordering the sum.) Sources are taken in blocks of {@value #JBLOCK} that stay in L2 while all tiles
 * pass over them, so two cores do not compete for L3 bandwidth at large N; blocks are visited in ascending order, which
 * keeps every sum's order. When the JVM has the module {@code jdk.incubator.vector}, {@link KernelPath} runs the same
 * arithmetic through the Vector API with the sums in registers (same bits, faster).
 *
 * <p>Pure: no I/O, no MPI, no threads; callers split [from, to) across threads.
 */
public final class DirectSum {
    /** Targets per tile: 6 tile arrays × 256 doubles = 12 KiB, resident in L1. */
    public static final int TILE = 256;

    /**
     * Sources per block: x, y, z, m of 4096 sources = 128 KiB, resident in L2 while every tile of targets passes over
     * them (without blocking, N = 65536 streams 2 MiB from L3 per tile and two cores then slow each other down).
     */
    public static final int JBLOCK = 4096;

    private DirectSum() {}

    /** Scratch space for one thread. */
    public static final class Scratch {
        final double[] px = new double[TILE];
        final double[] py = new double[TILE];
        final double[] pz = new double[TILE];
        final double[] sx = new double[TILE];
        final double[] sy = new double[TILE];
        final double[] sz = new double[TILE];
        double[] ax = new double[0];
        double[] ay = new double[0];
        double[] az = new double[0];

        void ensure(int n) {
            if (ax.length < n) {
                ax = new double[n];
                ay = new double[n];
                az = new double[n];
            }
        }

        /** Room for n sums per component, the first n of each zero. */
        void clearSums(int n) {
            ensure(n);
            java.util.Arrays.fill(ax, 0, n, 0.0);
            java.util.Arrays.fill(ay, 0, n, 0.0);
            java.util.Arrays.fill(az, 0, n, 0.0);
        }
    }

    /** Accelerations of particles i in [from, to) due to all n particles, into {@code ax[i]} etc. */
    public static void accelerations(
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
            double[] ay,
            double[] az) {
        accelerations(x, y, z, m, n, from, to, g, eps2, ax, from, ay, from, az, from, new Scratch());
    }

    /**
     * Accelerations of particles i in [from, to) due to all n particles; component x of particle i goes to
     * {@code ax[axOff + i - from]}, likewise y and z (the outputs may share one array). Loop nest: source blocks of
     * {@value #JBLOCK} (ascending) × target tiles of {@value #TILE} × sources of the block (ascending) × targets of the
     * tile — so each target's sum still runs over j = 0..n−1 in order. Runs the Vector API kernel when
     * {@link KernelPath} selected it (same bits), otherwise {@link #accelerationsScalar}.
     */
    public static void accelerations(
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
            Scratch s) {
        final KernelPath.Vectorised v = KernelPath.VECTOR;
        if (v != null) {
            v.accelerations(x, y, z, m, n, from, to, g, eps2, ax, axOff, ay, ayOff, az, azOff, s);
        } else {
            accelerationsScalar(x, y, z, m, n, from, to, g, eps2, ax, axOff, ay, ayOff, az, azOff, s);
        }
    }

    /**
     * {@link #accelerations(double[], double[], double[], double[], int, int, int, double, double, double[], int,
     * double[], int, double[], int, Scratch) accelerations} by the scalar loops, whatever {@link KernelPath} chose.
     */
    public static void accelerationsScalar(
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
            Scratch s) {
        final int count = to - from;
        s.clearSums(count);
        final double[] accX = s.ax;
        final double[] accY = s.ay;
        final double[] accZ = s.az;
        final double[] px = s.px;
        final double[] py = s.py;
        final double[] pz = s.pz;
        final double[] sx = s.sx;
        final double[] sy = s.sy;
        final double[] sz = s.sz;
        for (int j0 = 0; j0 < n; j0 += JBLOCK) {
            final int j1 = Math.min(n, j0 + JBLOCK);
            for (int i0 = from; i0 < to; i0 += TILE) {
                final int len = Math.min(TILE, to - i0);
                final int o = i0 - from;
                loadTile(x, y, z, i0, len, px, py, pz);
                System.arraycopy(accX, o, sx, 0, len);
                System.arraycopy(accY, o, sy, 0, len);
                System.arraycopy(accZ, o, sz, 0, len);
                for (int j = j0; j < j1; j++) {
                    final double xj = x[j];
                    final double yj = y[j];
                    final double zj = z[j];
                    final double mj = m[j];
                    for (int k = 0; k < len; k++) {
                        final double dx = xj - px[k];
                        final double dy = yj - py[k];
                        final double dz = zj - pz[k];
                        final double r2 = dx * dx + dy * dy + dz * dz + eps2;
                        final double w = mj * (1.0 / (r2 * Math.sqrt(r2)));
                        sx[k] += dx * w;
                        sy[k] += dy * w;
                        sz[k] += dz * w;
                    }
                }
                System.arraycopy(sx, 0, accX, o, len);
                System.arraycopy(sy, 0, accY, o, len);
                System.arraycopy(sz, 0, accZ, o, len);
            }
        }
        for (int k = 0; k < count; k++) {
            ax[axOff + k] = g * accX[k];
            ay[ayOff + k] = g * accY[k];
            az[azOff + k] = g * accZ[k];
        }
    }

    /**
     * Potentials φ_i of particles i in [from, to) (self term excluded), written to {@code phi[i - from + outOff]}. Each
     * sum runs over j = 0..n−1 ascending, skipping j = i, whatever the tiling: within each source block, sources
     * outside the tile are summed vectorised, and the tile's own sources are summed in place, skipping the diagonal.
     * Runs on the Vector API path when {@link KernelPath} chose it (same bits), else {@link #potentialsScalar}.
     */
    public static void potentials(
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
        final KernelPath.Vectorised v = KernelPath.VECTOR;
        if (v != null) {
            v.potentials(x, y, z, m, n, from, to, g, eps2, phi, outOff);
        } else {
            potentialsScalar(x, y, z, m, n, from, to, g, eps2, phi, outOff);
        }
    }

    /** {@link #potentials potentials} by the scalar loops, whatever {@link KernelPath} chose. */
    public static void potentialsScalar(
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
        final Scratch s = new Scratch();
        final int count = to - from;
        s.ensure(count);
        final double[] total = s.ax;
        java.util.Arrays.fill(total, 0, count, 0.0);
        final double[] px = s.px;
        final double[] py = s.py;
        final double[] pz = s.pz;
        final double[] acc = s.sx;
        for (int j0 = 0; j0 < n; j0 += JBLOCK) {
            final int j1 = Math.min(n, j0 + JBLOCK);
            for (int i0 = from; i0 < to; i0 += TILE) {
                final int len = Math.min(TILE, to - i0);
                final int o = i0 - from;
                loadTile(x, y, z, i0, len, px, py, pz);
                System.arraycopy(total, o, acc, 0, len);
                // [j0, j1) = [j0, a) + [a, b) (the tile's own sources) + [b, j1), in that order.
                final int a = Math.min(j1, Math.max(j0, i0));
                final int b = Math.max(a, Math.min(j1, i0 + len));
                potentialSpan(x, y, z, m, j0, a, eps2, px, py, pz, acc, len);
                for (int j = a; j < b; j++) {
                    final double xj = x[j];
                    final double yj = y[j];
                    final double zj = z[j];
                    final double mj = m[j];
                    for (int k = 0; k < len; k++) {
                        if (i0 + k != j) {
                            final double dx = xj - px[k];
                            final double dy = yj - py[k];
                            final double dz = zj - pz[k];
                            acc[k] += mj / Math.sqrt(dx * dx + dy * dy + dz * dz + eps2);
                        }
                    }
                }
                potentialSpan(x, y, z, m, b, j1, eps2, px, py, pz, acc, len);
                System.arraycopy(acc, 0, total, o, len);
            }
        }
        for (int k = 0; k < count; k++) {
            phi[outOff + k] = -g * total[k];
        }
    }

    /** Positions of targets [i0, i0 + len) into the tile arrays. */
    private static void loadTile(
            double[] x, double[] y, double[] z, int i0, int len, double[] px, double[] py, double[] pz) {
        System.arraycopy(x, i0, px, 0, len);
        System.arraycopy(y, i0, py, 0, len);
        System.arraycopy(z, i0, pz, 0, len);
    }

    /** acc[k] += Σ_{j in [j0, j1)} m_j / sqrt(|r_j − p_k|² + ε²), j ascending (vectorised over k). */
    private static void potentialSpan(
            double[] x,
            double[] y,
            double[] z,
            double[] m,
            int j0,
            int j1,
            double eps2,
            double[] px,
            double[] py,
            double[] pz,
            double[] acc,
            int len) {
        for (int j = j0; j < j1; j++) {
            final double xj = x[j];
            final double yj = y[j];
            final double zj = z[j];
            final double mj = m[j];
            for (int k = 0; k < len; k++) {
                final double dx = xj - px[k];
                final double dy = yj - py[k];
                final double dz = zj - pz[k];
                acc[k] += mj / Math.sqrt(dx * dx + dy * dy + dz * dz + eps2);
            }
        }
    }
}
