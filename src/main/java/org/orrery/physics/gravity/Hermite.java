package org.orrery.physics.gravity;

/**
 * The per-particle steps of the 4th-order Hermite predictor–corrector with block time steps (Makino 1991, ApJ 369, 200;
 * Makino &amp; Aarseth 1992, PASJ 44, 141; Aarseth 2003, "Gravitational N-Body Simulations", §2.7 and §9.2). Pure
 * functions of primitive arrays; the force and jerk come from {@link ForceJerk}.
 *
 * <p><b>Predictor</b> (to time t, Δ = t − t_i, from the particle's last corrected state):
 *
 * <pre>
 *   x_p = x + v Δ + a Δ²/2 + ȧ Δ³/6        v_p = v + a Δ + ȧ Δ²/2
 * </pre>
 *
 * <b>Corrector</b> (a₀, ȧ₀ at t_i; a₁, ȧ₁ from the predicted state at t_i + Δ): the 2nd and 3rd derivatives at t_i from
 * the Hermite interpolant,
 *
 * <pre>
 *   a⁽²⁾ = [−6 (a₀ − a₁) − Δ (4 ȧ₀ + 2 ȧ₁)] / Δ²      a⁽³⁾ = [12 (a₀ − a₁) + 6 Δ (ȧ₀ + ȧ₁)] / Δ³
 *   x₁ = x_p + a⁽²⁾ Δ⁴/24 + a⁽³⁾ Δ⁵/120            v₁ = v_p + a⁽²⁾ Δ³/6 + a⁽³⁾ Δ⁴/24
 * </pre>
 *
 * The local error is O(Δ⁵) per step, so the global error is O(Δ⁴).
 *
 * <p><b>Time steps.</b> Aarseth's criterion from the derivatives at the end of the step (a⁽²⁾₁ = a⁽²⁾ + a⁽³⁾ Δ): Δ =
 * sqrt(η (|a||a⁽²⁾| + |ȧ|²) / (|ȧ||a⁽³⁾| + |a⁽²⁾|²)); the starting step, before higher derivatives exist, is Δ = η_s
 * |a|/|ȧ|. Steps are quantised to Δ_max / 2^L (level L = 0 … maxLevel): a step shrinks to the largest power of two not
 * above the criterion, and grows by at most one level (doubling) and only when the current time is a multiple of the
 * doubled step, so every particle's step stays commensurate with the block times and all particles meet at every
 * multiple of Δ_max. Times are sums of such powers of two, exact in binary floating point while t/Δ_min &lt; 2⁵³.
 */
public final class Hermite {
    private Hermite() {}

    /** Δ_max / 2^level, exact. */
    public static double step(double dtMax, int level) {
        return Math.scalb(dtMax, -level);
    }

    /**
     * Predicted positions and velocities of particles [from, to) at time {@code t}: from x, v at the particle times
     * {@code ti} and the interleaved a, ȧ in {@code aj[6i + c]}.
     */
    public static void predict(
            double[] x,
            double[] y,
            double[] z,
            double[] vx,
            double[] vy,
            double[] vz,
            double[] aj,
            double[] ti,
            double t,
            int from,
            int to,
            double[] xp,
            double[] yp,
            double[] zp,
            double[] vxp,
            double[] vyp,
            double[] vzp) {
        for (int i = from; i < to; i++) {
            final double d = t - ti[i];
            final double d2 = 0.5 * d * d;
            final double d3 = d2 * d * (1.0 / 3.0);
            final int b = 6 * i;
            xp[i] = x[i] + vx[i] * d + aj[b] * d2 + aj[b + 3] * d3;
            yp[i] = y[i] + vy[i] * d + aj[b + 1] * d2 + aj[b + 4] * d3;
            zp[i] = z[i] + vz[i] * d + aj[b + 2] * d2 + aj[b + 5] * d3;
            vxp[i] = vx[i] + aj[b] * d + aj[b + 3] * d2;
            vyp[i] = vy[i] + aj[b + 1] * d + aj[b + 4] * d2;
            vzp[i] = vz[i] + aj[b + 2] * d + aj[b + 5] * d2;
        }
    }

    /**
     * Corrects particle {@code i} over a step of length {@code dt} ending where its predicted position/velocity
     * {@code xp…vzp[i]} and new force/jerk {@code aj1[o … o+5]} were evaluated: writes the corrected x, v into the
     * state arrays and a₁, ȧ₁ into {@code aj[6i…]}, and returns Aarseth's step criterion (without η: the value under
     * the square root divided by η) from the derivatives at the end of the step.
     */
    public static double correct(
            int i,
            double dt,
            double[] x,
            double[] y,
            double[] z,
            double[] vx,
            double[] vy,
            double[] vz,
            double[] aj,
            double[] xp,
            double[] yp,
            double[] zp,
            double[] vxp,
            double[] vyp,
            double[] vzp,
            double[] aj1,
            int o) {
        final int b = 6 * i;
        final double h2 = dt * dt;
        final double h3 = h2 * dt;
        final double c3 = h3 / 6.0;
        final double c4 = h2 * h2 / 24.0;
        final double c5 = h2 * h3 / 120.0;
        double sa = 0;
        double sj = 0;
        double s2 = 0;
        double s3 = 0;
        for (int c = 0; c < 3; c++) {
            final double a0 = aj[b + c];
            final double j0 = aj[b + 3 + c];
            final double a1 = aj1[o + c];
            final double j1 = aj1[o + 3 + c];
            final double da = a0 - a1;
            final double a2 = (-6.0 * da - dt * (4.0 * j0 + 2.0 * j1)) / h2;
            final double a3 = (12.0 * da + 6.0 * dt * (j0 + j1)) / h3;
            final double dxc = a2 * c4 + a3 * c5;
            final double dvc = a2 * c3 + a3 * c4;
            if (c == 0) {
                x[i] = xp[i] + dxc;
                vx[i] = vxp[i] + dvc;
            } else if (c == 1) {
                y[i] = yp[i] + dxc;
                vy[i] = vyp[i] + dvc;
            } else {
                z[i] = zp[i] + dxc;
                vz[i] = vzp[i] + dvc;
            }
            final double a2end = a2 + a3 * dt;
            sa += a1 * a1;
            sj += j1 * j1;
            s2 += a2end * a2end;
            s3 += a3 * a3;
            aj[b + c] = a1;
            aj[b + 3 + c] = j1;
        }
        return aarseth(Math.sqrt(sa), Math.sqrt(sj), Math.sqrt(s2), Math.sqrt(s3));
    }

    /**
     * (|a||a⁽²⁾| + |ȧ|²) / (|ȧ||a⁽³⁾| + |a⁽²⁾|²): Aarseth's criterion squared, per unit η (+∞ when the denominator
     * vanishes, e.g. a particle that feels no force).
     */
    public static double aarseth(double a, double j, double a2, double a3) {
        final double den = j * a3 + a2 * a2;
        final double num = a * a2 + j * j;
        return den > 0 ? num / den : Double.POSITIVE_INFINITY;
    }

    /** Starting step η_s |a|/|ȧ| from the interleaved a, ȧ at {@code aj[6i…]} (+∞ when ȧ = 0). */
    public static double startingStep(double etaStart, double[] aj, int i) {
        final int b = 6 * i;
        final double a = Math.sqrt(aj[b] * aj[b] + aj[b + 1] * aj[b + 1] + aj[b + 2] * aj[b + 2]);
        final double j = Math.sqrt(aj[b + 3] * aj[b + 3] + aj[b + 4] * aj[b + 4] + aj[b + 5] * aj[b + 5]);
        return j > 0 ? etaStart * a / j : Double.POSITIVE_INFINITY;
    }

    /**
     * Starting step of a particle with zero jerk (a cold start): Aarseth's criterion with ȧ = a⁽³⁾ = 0, √(η_s |a| /
     * |a⁽²⁾|), the snap measured as a⁽²⁾ = ȧ(δ) / δ from the jerk {@code ajDelta[6k + 3…5]} evaluated after a trial
     * prediction over δ; a at {@code aj[6i…]}. +∞ when a or that jerk vanishes (a particle that feels no force).
     */
    public static double coldStartStep(double etaStart, double[] aj, int i, double[] ajDelta, int k, double delta) {
        final int b = 6 * i;
        final int d = 6 * k + 3;
        final double a = Math.sqrt(aj[b] * aj[b] + aj[b + 1] * aj[b + 1] + aj[b + 2] * aj[b + 2]);
        final double snap =
                Math.sqrt(ajDelta[d] * ajDelta[d] + ajDelta[d + 1] * ajDelta[d + 1] + ajDelta[d + 2] * ajDelta[d + 2])
                        / delta;
        return snap > 0 && a > 0 ? Math.sqrt(etaStart * a / snap) : Double.POSITIVE_INFINITY;
    }

    /** The level of the largest block step Δ_max / 2^L ≤ {@code dt} (0 when dt ≥ Δ_max), at most maxLevel. */
    public static int levelAtMost(double dt, double dtMax, int maxLevel) {
        if (Double.isNaN(dt)) {
            throw new IllegalStateException("time-step criterion is NaN (non-finite accelerations)");
        }
        int level = 0;
        while (level < maxLevel && step(dtMax, level) > dt) {
            level++;
        }
        return level;
    }

    /**
     * New level after a step ending at time {@code t} (at which the particle now sits), given the criterion's step
     * {@code dt}: shrink to {@link #levelAtMost}; grow by one level only when the criterion allows twice the current
     * step and t is a multiple of that doubled step.
     */
    public static int nextLevel(int level, double dt, double t, double dtMax, int maxLevel) {
        final double now = step(dtMax, level);
        if (dt < now) {
            return levelAtMost(dt, dtMax, maxLevel);
        }
        if (level > 0 && dt >= 2 * now && t % (2 * now) == 0) {
            return level - 1;
        }
        return level;
    }
}
