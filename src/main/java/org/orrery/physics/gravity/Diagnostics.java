package org.orrery.physics.gravity;

import org.orrery.model.ParticleState;

/**
 * Conserved quantities and structure of an N-body state.
 *
 * <pre>
 *   K = ½ Σ m_i |v_i|²        W = ½ Σ m_i φ_i        E = K + W
 *   P = Σ m_i v_i             L = Σ m_i r_i × v_i     virial ratio Q = 2K/|W|
 * </pre>
 *
 * Radii (half-mass and mass-weighted mean) are measured about the centre of mass. All sums run over i = 0..n−1 in
 * order, so the values depend on the state alone, not on how it was computed. The potentials φ (self term excluded)
 * come from {@link DirectSum#potentials}. Pure.
 */
public final class Diagnostics {
    private Diagnostics() {}

    /** One diagnostics record. */
    public record Values(
            long step,
            double time,
            double kinetic,
            double potential,
            double px,
            double py,
            double pz,
            double lx,
            double ly,
            double lz,
            double sumAbsMomentum,
            double halfMassRadius,
            double meanRadius) {
        public double energy() {
            return kinetic + potential;
        }

        public double virialRatio() {
            return potential == 0 ? Double.NaN : 2 * kinetic / Math.abs(potential);
        }

        public double momentum() {
            return Math.sqrt(px * px + py * py + pz * pz);
        }

        public double angularMomentum() {
            return Math.sqrt(lx * lx + ly * ly + lz * lz);
        }
    }

    /** Diagnostics of {@code s} given its per-particle potentials {@code phi}. */
    public static Values compute(ParticleState s, double[] phi) {
        int n = s.n;
        double k = 0;
        double w = 0;
        double px = 0;
        double py = 0;
        double pz = 0;
        double lx = 0;
        double ly = 0;
        double lz = 0;
        double abs = 0;
        for (int i = 0; i < n; i++) {
            double m = s.m[i];
            double vx = s.vx[i];
            double vy = s.vy[i];
            double vz = s.vz[i];
            k += 0.5 * m * (vx * vx + vy * vy + vz * vz);
            w += 0.5 * m * phi[i];
            px += m * vx;
            py += m * vy;
            pz += m * vz;
            lx += m * (s.y[i] * vz - s.z[i] * vy);
            ly += m * (s.z[i] * vx - s.x[i] * vz);
            lz += m * (s.x[i] * vy - s.y[i] * vx);
            abs += m * Math.sqrt(vx * vx + vy * vy + vz * vz);
        }
        double[] radii = radii(s);
        return new Values(
                s.step, s.time, k, w, px, py, pz, lx, ly, lz, abs, halfMassRadius(s, radii), meanRadius(s, radii));
    }

    /** Distances of every particle from the centre of mass. */
    public static double[] radii(ParticleState s) {
        double mt = 0;
        double cx = 0;
        double cy = 0;
        double cz = 0;
        for (int i = 0; i < s.n; i++) {
            mt += s.m[i];
            cx += s.m[i] * s.x[i];
            cy += s.m[i] * s.y[i];
            cz += s.m[i] * s.z[i];
        }
        cx /= mt;
        cy /= mt;
        cz /= mt;
        double[] r = new double[s.n];
        for (int i = 0; i < s.n; i++) {
            double dx = s.x[i] - cx;
            double dy = s.y[i] - cy;
            double dz = s.z[i] - cz;
            r[i] = Math.sqrt(dx * dx + dy * dy + dz * dz);
        }
        return r;
    }

    /**
     * Smallest radius (about the centre of mass) enclosing at least half the total mass: the masses are summed in the
     * order of increasing radius, ties in index order ({@link #byRadius}).
     */
    static double halfMassRadius(ParticleState s, double[] r) {
        if (s.n == 0) {
            return Double.NaN;
        }
        int[] order = byRadius(r, s.n);
        double half = 0.5 * s.totalMass();
        double acc = 0;
        for (int idx : order) {
            acc += s.m[idx];
            if (acc >= half) {
                return r[idx];
            }
        }
        return r[order[s.n - 1]];
    }

    /**
     * The indices 0…n−1 ordered by {@code r} ({@link Double#compare}), equal radii in index order: the one stable
     * order, as {@code Arrays.sort(Integer[], comparator)} gives it, by a merge sort on primitives (top-down, insertion
     * sort below {@value #INSERTION} elements). Kept out of {@code java.util.TimSort}: every JVM shares that generic
     * code with its other comparators, and its C2 compilations were deoptimised and redone about ten times per run —
     * nearly half of each rank's JIT time in the teaching run.
     */
    static int[] byRadius(double[] r, int n) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        mergeSort(order, new int[n], 0, n, r);
        return order;
    }

    private static final int INSERTION = 16;

    private static void mergeSort(int[] a, int[] tmp, int from, int to, double[] r) {
        if (to - from <= INSERTION) {
            for (int i = from + 1; i < to; i++) {
                int v = a[i];
                double key = r[v];
                int j = i - 1;
                while (j >= from && Double.compare(r[a[j]], key) > 0) {
                    a[j + 1] = a[j];
                    j--;
                }
                a[j + 1] = v;
            }
            return;
        }
        int mid = (from + to) >>> 1;
        mergeSort(a, tmp, from, mid, r);
        mergeSort(a, tmp, mid, to, r);
        if (Double.compare(r[a[mid - 1]], r[a[mid]]) <= 0) {
            return;
        }
        System.arraycopy(a, from, tmp, from, to - from);
        int i = from;
        int j = mid;
        for (int k = from; k < to; k++) {
            if (j >= to || (i < mid && Double.compare(r[tmp[i]], r[tmp[j]]) <= 0)) {
                a[k] = tmp[i++];
            } else {
                a[k] = tmp[j++];
            }
        }
    }

    /** Mass-weighted mean distance from the centre of mass. */
    static double meanRadius(ParticleState s, double[] r) {
        double a = 0;
        double mt = 0;
        for (int i = 0; i < s.n; i++) {
            a += s.m[i] * r[i];
            mt += s.m[i];
        }
        return a / mt;
    }
}
