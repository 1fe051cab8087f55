package org.orrery.model;

import java.util.Arrays;

/**
 * Everything of a block-time-step Hermite run beyond the particles' positions, velocities and masses (which stay in
 * {@link ParticleState}, corrected at each particle's own time): enough to continue the run bit for bit.
 *
 * <ul>
 *   <li>{@code g, eps}: gravitational constant and Plummer softening length;
 *   <li>{@code eta, etaStart}: Aarseth's accuracy parameter and the starting-step parameter;
 *   <li>{@code dtMax, maxLevel}: the largest step and the deepest level (smallest step dtMax / 2^maxLevel);
 *   <li>{@code time}: the current block time; {@code blocks}: block steps taken; {@code interactions}: pairwise
 *       force+jerk evaluations so far;
 *   <li>{@code particleTime[i]}: time of particle i's last correction; {@code level[i]}: its step is dtMax / 2^level;
 *   <li>{@code forceJerk[6i + c]}: a_x, a_y, a_z, ȧ_x, ȧ_y, ȧ_z of particle i at particleTime[i];
 *   <li>{@code stepsPerLevel[L]}: particle steps taken at level L so far.
 * </ul>
 *
 * Arrays are shared, not copied; {@link #copy()} makes an independent one.
 */
public record HermiteState(
        double g,
        double eps,
        double eta,
        double etaStart,
        double dtMax,
        int maxLevel,
        double time,
        long blocks,
        long interactions,
        double[] particleTime,
        int[] level,
        double[] forceJerk,
        long[] stepsPerLevel) {

    public HermiteState {
        int n = particleTime.length;
        if (level.length != n || forceJerk.length != 6 * n || stepsPerLevel.length != maxLevel + 1) {
            throw new IllegalArgumentException("inconsistent Hermite state: " + n + " particle times, " + level.length
                    + " levels, " + forceJerk.length + " force/jerk values, " + stepsPerLevel.length
                    + " level counters for maxLevel " + maxLevel);
        }
    }

    public int n() {
        return particleTime.length;
    }

    /** An independent copy. */
    public HermiteState copy() {
        return new HermiteState(
                g,
                eps,
                eta,
                etaStart,
                dtMax,
                maxLevel,
                time,
                blocks,
                interactions,
                particleTime.clone(),
                level.clone(),
                forceJerk.clone(),
                stepsPerLevel.clone());
    }

    /** True when every field is bitwise equal. */
    public boolean bitwiseEquals(HermiteState o) {
        return same(g, o.g)
                && same(eps, o.eps)
                && same(eta, o.eta)
                && same(etaStart, o.etaStart)
                && same(dtMax, o.dtMax)
                && maxLevel == o.maxLevel
                && same(time, o.time)
                && blocks == o.blocks
                && interactions == o.interactions
                && sameBits(particleTime, o.particleTime)
                && Arrays.equals(level, o.level)
                && sameBits(forceJerk, o.forceJerk)
                && Arrays.equals(stepsPerLevel, o.stepsPerLevel);
    }

    private static boolean same(double a, double b) {
        return Double.doubleToRawLongBits(a) == Double.doubleToRawLongBits(b);
    }

    private static boolean sameBits(double[] a, double[] b) {
        if (a.length != b.length) {
            return false;
        }
        for (int i = 0; i < a.length; i++) {
            if (!same(a[i], b[i])) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HermiteState h && bitwiseEquals(h);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(particleTime) * 31 + Double.hashCode(time);
    }

    @Override
    public String toString() {
        return "HermiteState[n=" + n() + ", time=" + time + ", blocks=" + blocks + ", eta=" + eta + ", dtMax=" + dtMax
                + "]";
    }
}
