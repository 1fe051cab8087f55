package org.orrery.physics.gravity;

/**
 * Kick-drift-kick leapfrog (velocity Verlet), second order and symplectic:
 *
 * <pre>
 *   v += a(x) dt/2;   x += v dt;   a = a(x);   v += a dt/2
 * </pre>
 *
 * The element-wise updates here are applied identically on every rank to the full state, so the state stays bitwise
 * identical everywhere. Pure.
 */
public final class Leapfrog {
    private Leapfrog() {}

    /** v += a h for i in [0, n). */
    public static void kick(
            double[] vx, double[] vy, double[] vz, double[] ax, double[] ay, double[] az, int n, double h) {
        for (int i = 0; i < n; i++) {
            vx[i] += ax[i] * h;
            vy[i] += ay[i] * h;
            vz[i] += az[i] * h;
        }
    }

    /** x += v dt for i in [0, n). */
    public static void drift(
            double[] x, double[] y, double[] z, double[] vx, double[] vy, double[] vz, int n, double dt) {
        for (int i = 0; i < n; i++) {
            x[i] += vx[i] * dt;
            y[i] += vy[i] * dt;
            z[i] += vz[i] * dt;
        }
    }
}
