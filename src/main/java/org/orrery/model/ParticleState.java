package org.orrery.model;

import java.util.Arrays;

/**
 * Particles as a structure of arrays: positions, velocities and masses of {@code n} bodies in flat {@code double[]}
 * columns, plus the simulation clock. Units are whatever the run uses (SI for the teaching problem, Hénon units G = M =
 * 1 for Plummer and Kepler); the state itself is unit-agnostic.
 *
 * <p>Not thread-safe; the arrays are exposed for kernels and communication on purpose.
 */
public final class ParticleState {
    public final int n;
    public final double[] x;
    public final double[] y;
    public final double[] z;
    public final double[] vx;
    public final double[] vy;
    public final double[] vz;
    public final double[] m;
    /** Completed steps since the initial conditions. */
    public long step;
    /** Simulation time (always {@code step * dt} of the run, kept for output). */
    public double time;

    public ParticleState(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("n must be >= 0, got " + n);
        }
        this.n = n;
        x = new double[n];
        y = new double[n];
        z = new double[n];
        vx = new double[n];
        vy = new double[n];
        vz = new double[n];
        m = new double[n];
    }

    /** The seven columns in a fixed order: x, y, z, vx, vy, vz, m. */
    public double[][] columns() {
        return new double[][] {x, y, z, vx, vy, vz, m};
    }

    /** Column names matching {@link #columns()}. */
    public static final java.util.List<String> COLUMN_NAMES = java.util.List.of("x", "y", "z", "vx", "vy", "vz", "m");

    public ParticleState copy() {
        ParticleState c = new ParticleState(n);
        double[][] src = columns();
        double[][] dst = c.columns();
        for (int k = 0; k < src.length; k++) {
            System.arraycopy(src[k], 0, dst[k], 0, n);
        }
        c.step = step;
        c.time = time;
        return c;
    }

    public double totalMass() {
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += m[i];
        }
        return s;
    }

    /**
     * Describes the first problem found (non-finite value, non-positive mass), naming the particle and column, or
     * returns null when the state is valid.
     */
    public String firstProblem() {
        double[][] cols = columns();
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < cols.length; k++) {
                if (!Double.isFinite(cols[k][i])) {
                    return "particle " + i + " has a non-finite " + COLUMN_NAMES.get(k) + " (" + cols[k][i] + ")";
                }
            }
            if (!(m[i] > 0)) {
                return "particle " + i + " has non-positive mass " + m[i];
            }
        }
        return null;
    }

    /** True when every column and the clock are bitwise equal. */
    public boolean bitwiseEquals(ParticleState o) {
        if (o.n != n || o.step != step || Double.doubleToRawLongBits(o.time) != Double.doubleToRawLongBits(time)) {
            return false;
        }
        double[][] a = columns();
        double[][] b = o.columns();
        for (int k = 0; k < a.length; k++) {
            for (int i = 0; i < n; i++) {
                if (Double.doubleToRawLongBits(a[k][i]) != Double.doubleToRawLongBits(b[k][i])) {
                    return false;
                }
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return "ParticleState[n=" + n + ", step=" + step + ", time=" + time + ", x0="
                + (n > 0 ? Arrays.toString(new double[] {x[0], y[0], z[0]}) : "-") + "]";
    }
}
