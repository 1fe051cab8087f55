package org.orrery.physics.paircount;

/**
 * Domain decomposition into slabs of whole grid planes along x, balanced by point count: rank r owns planes
 * {@code [bounds[r], bounds[r+1])}. Pure and deterministic, so every rank computes the same slabs from the same
 * (globally reduced) per-plane counts.
 */
public final class Slabs {
    private Slabs() {}

    /**
     * Slab boundaries for {@code ranks} ranks: boundary r is placed at the plane edge where the cumulative count is
     * closest to {@code r * total / ranks} (never moving backwards). Ranks may own no plane when there are more ranks
     * than occupied planes.
     *
     * @return {@code ranks + 1} boundaries, {@code bounds[0] = 0}, {@code bounds[ranks] = planes}
     */
    public static int[] balance(long[] perPlane, int ranks) {
        int planes = perPlane.length;
        long[] cum = new long[planes + 1];
        for (int q = 0; q < planes; q++) {
            cum[q + 1] = cum[q] + perPlane[q];
        }
        long total = cum[planes];
        int[] b = new int[ranks + 1];
        b[ranks] = planes;
        int q = 0;
        for (int r = 1; r < ranks; r++) {
            double target = (double) total * r / ranks;
            while (q < planes && cum[q + 1] <= target) {
                q++;
            }
            // cum[q] <= target < cum[q+1] (or q == planes): choose the nearer edge.
            int edge = q;
            if (q < planes && cum[q + 1] - target < target - cum[q]) {
                edge = q + 1;
            }
            b[r] = Math.max(b[r - 1], Math.min(edge, planes));
        }
        return b;
    }

    /** Owner of plane {@code q} (in [0, planes)) given boundaries: the rank r with bounds[r] <= q < bounds[r+1]. */
    public static int owner(int[] bounds, int q) {
        int lo = 0;
        int hi = bounds.length - 2;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (bounds[mid] <= q) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        // Ranks owning no plane share a boundary value: the last rank with bounds[r] <= q owns q.
        while (lo + 1 < bounds.length - 1 && bounds[lo + 1] <= q) {
            lo++;
        }
        return lo;
    }

    /**
     * Unwrapped halo planes rank r needs: {@code [bounds[r+1], bounds[r+1] + width)}, empty (width 0) when r owns no
     * plane.
     */
    public static int[] haloRange(GridSpec g, int[] bounds, int r) {
        if (bounds[r] == bounds[r + 1]) {
            return new int[] {bounds[r + 1], bounds[r + 1]};
        }
        int end = bounds[r + 1];
        return new int[] {end, end + g.haloWidth(end)};
    }

    /**
     * Number of exchange rounds for halos: round k sends from rank r to rank r - k (mod ranks); rounds 0 .. result-1
     * cover every halo plane's owner.
     */
    public static int haloRounds(GridSpec g, int[] bounds) {
        int ranks = bounds.length - 1;
        int rounds = 1;
        for (int a = 0; a < ranks; a++) {
            int[] h = haloRange(g, bounds, a);
            for (int q = h[0]; q < h[1]; q++) {
                int o = owner(bounds, q % g.ncx());
                rounds = Math.max(rounds, (o - a + ranks) % ranks + 1);
            }
        }
        return rounds;
    }
}
