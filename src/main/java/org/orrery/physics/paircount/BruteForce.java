package org.orrery.physics.paircount;

/**
 * O(N^2) reference pair counter: every pair is examined. It defines what the fast counter must reproduce exactly.
 *
 * <p>Separation: {@code d2 = dx*dx + dy*dy + dz*dz} (evaluated left to right) with {@code dx = (x_j + s_x) - x_i}.
 * Without a period {@code s = 0}. In a periodic cube of side {@code L} the shift {@code s} in {-L, 0, L} is the one
 * giving the nearest image: {@code -L} when {@code x_j - x_i > L/2}, {@code +L} when {@code x_j - x_i < -L/2}, else 0
 * (the minimum-image convention; with {@code rmax < L/2} at most one image can be within range). Binning follows
 * {@link Bins} (squares compared with squared edges). Auto-counts examine i &lt; j only (no self-pairs); cross-counts
 * every (i, j).
 */
public final class BruteForce {
    private BruteForce() {}

    /**
     * Auto-count of points {@code [0, n)}.
     *
     * @param w weights or null
     * @param period cube side L for periodic boundaries, or 0 for none
     * @param separations also sum separations per bin
     */
    public static PairCounts auto(
            double[] x, double[] y, double[] z, double[] w, int n, Bins bins, double period, boolean separations) {
        PairCounts out = PairCounts.zero(bins.count(), w != null, separations);
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                add(out, bins, period, x[i], y[i], z[i], x[j], y[j], z[j], w == null ? 1 : w[i] * w[j]);
            }
        }
        return out;
    }

    /** Cross-count of every (i in [0, n1), j in [0, n2)). Weights both null or both given. */
    public static PairCounts cross(
            double[] x1,
            double[] y1,
            double[] z1,
            double[] w1,
            int n1,
            double[] x2,
            double[] y2,
            double[] z2,
            double[] w2,
            int n2,
            Bins bins,
            double period,
            boolean separations) {
        PairCounts out = PairCounts.zero(bins.count(), w1 != null, separations);
        for (int i = 0; i < n1; i++) {
            for (int j = 0; j < n2; j++) {
                add(out, bins, period, x1[i], y1[i], z1[i], x2[j], y2[j], z2[j], w1 == null ? 1 : w1[i] * w2[j]);
            }
        }
        return out;
    }

    /** The shift s for coordinates a (point i) and b (point j): see the class comment. */
    static double shift(double a, double b, double period) {
        if (period <= 0) {
            return 0;
        }
        double d = b - a;
        if (d > period / 2) {
            return -period;
        }
        if (d < -period / 2) {
            return period;
        }
        return 0;
    }

    private static void add(
            PairCounts out,
            Bins bins,
            double period,
            double xi,
            double yi,
            double zi,
            double xj,
            double yj,
            double zj,
            double wprod) {
        double dx = (xj + shift(xi, xj, period)) - xi;
        double dy = (yj + shift(yi, yj, period)) - yi;
        double dz = (zj + shift(zi, zj, period)) - zi;
        double d2 = dx * dx + dy * dy + dz * dz;
        int k = bins.binOf(d2);
        if (k < 0) {
            return;
        }
        out.counts()[k]++;
        if (out.hasWeights()) {
            out.weightSums()[k] += wprod;
        }
        if (out.hasSeparations()) {
            out.separationSums()[k] += Math.sqrt(d2);
        }
    }
}
