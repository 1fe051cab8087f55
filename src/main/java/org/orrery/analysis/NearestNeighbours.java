package org.orrery.analysis;

import java.util.Arrays;

/**
 * Exact k nearest neighbours of every point of a 3-D set, by a k-d tree (Friedman, Bentley &amp; Finkel 1977): the tree
 * splits the index array at the median of the widest coordinate until leaves hold at most {@value #LEAF} points; a
 * query keeps the k best squared distances found so far in a sorted array and descends into the nearer child first,
 * skipping any subtree whose splitting plane is farther than the current k-th distance. O(n log n) to build, about
 * O(log n) per query for the clustered sets of star clusters. Ties are broken by index (the smaller index counts as
 * nearer), so results are deterministic. Pure; not thread-safe during construction, queries on a built tree are
 * read-only.
 */
public final class NearestNeighbours {
    static final int LEAF = 8;

    private final double[] x;
    private final double[] y;
    private final double[] z;
    private final int[] idx;
    private final int n;

    /** Builds the tree over points (x[i], y[i], z[i]), i &lt; n (arrays are not copied). */
    public NearestNeighbours(double[] x, double[] y, double[] z, int n) {
        this.x = x;
        this.y = y;
        this.z = z;
        this.n = n;
        this.idx = new int[n];
        Arrays.setAll(idx, i -> i);
        build(0, n);
    }

    private double coord(int axis, int i) {
        return axis == 0 ? x[i] : axis == 1 ? y[i] : z[i];
    }

    /** The splitting axis of node [lo, hi): the widest coordinate range (recomputed in queries). */
    private int axisOf(int lo, int hi) {
        double[] min = {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY};
        double[] max = {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY};
        for (int k = lo; k < hi; k++) {
            int i = idx[k];
            for (int a = 0; a < 3; a++) {
                double c = coord(a, i);
                min[a] = Math.min(min[a], c);
                max[a] = Math.max(max[a], c);
            }
        }
        int axis = 0;
        for (int a = 1; a < 3; a++) {
            if (max[a] - min[a] > max[axis] - min[axis]) {
                axis = a;
            }
        }
        return axis;
    }

    /** Splitting axis and plane of each inner node (heap order). */
    private int[] axes;

    private double[] splits;

    private void build(int lo, int hi) {
        axes = new int[Math.max(1, 2 * n)];
        splits = new double[axes.length];
        buildNode(0, lo, hi);
    }

    /** Node ids in heap order: children of node v are 2v+1 and 2v+2; leaves are not split. */
    private void buildNode(int v, int lo, int hi) {
        if (hi - lo <= LEAF) {
            return;
        }
        if (v >= axes.length) {
            axes = Arrays.copyOf(axes, Math.max(2 * axes.length, v + 1));
            splits = Arrays.copyOf(splits, axes.length);
        }
        int axis = axisOf(lo, hi);
        axes[v] = axis;
        int mid = (lo + hi) >>> 1;
        select(lo, hi - 1, mid, axis);
        // Stored now: building the children reorders [mid, hi), so idx[mid] will move.
        splits[v] = coord(axis, idx[mid]);
        buildNode(2 * v + 1, lo, mid);
        buildNode(2 * v + 2, mid, hi);
    }

    /** Quickselect: idx[k] gets the element of rank k in [lo, hi] by (coordinate, index). */
    private void select(int lo, int hi, int k, int axis) {
        while (hi > lo) {
            int p = idx[(lo + hi) >>> 1];
            int i = lo;
            int j = hi;
            while (i <= j) {
                while (less(idx[i], p, axis)) {
                    i++;
                }
                while (less(p, idx[j], axis)) {
                    j--;
                }
                if (i <= j) {
                    int t = idx[i];
                    idx[i] = idx[j];
                    idx[j] = t;
                    i++;
                    j--;
                }
            }
            if (k <= j) {
                hi = j;
            } else if (k >= i) {
                lo = i;
            } else {
                return;
            }
        }
    }

    private boolean less(int a, int b, int axis) {
        double ca = coord(axis, a);
        double cb = coord(axis, b);
        return ca < cb || (ca == cb && a < b);
    }

    /**
     * The k nearest neighbours of point {@code q} other than itself: their indices into {@code nbr[0, k)} and squared
     * distances into {@code d2[0, k)}, nearest first (k ≤ n − 1).
     */
    public void query(int q, int k, int[] nbr, double[] d2) {
        if (k > n - 1 || k < 1) {
            throw new IllegalArgumentException("k = " + k + " neighbours of " + n + " points");
        }
        Arrays.fill(d2, 0, k, Double.POSITIVE_INFINITY);
        Arrays.fill(nbr, 0, k, Integer.MAX_VALUE);
        search(0, 0, n, q, k, nbr, d2);
    }

    private void search(int v, int lo, int hi, int q, int k, int[] nbr, double[] d2) {
        if (hi - lo <= LEAF) {
            for (int t = lo; t < hi; t++) {
                int i = idx[t];
                if (i != q) {
                    double dx = x[i] - x[q];
                    double dy = y[i] - y[q];
                    double dz = z[i] - z[q];
                    offer(i, dx * dx + dy * dy + dz * dz, k, nbr, d2);
                }
            }
            return;
        }
        int axis = axes[v];
        int mid = (lo + hi) >>> 1;
        double split = splits[v];
        double diff = coord(axis, q) - split;
        boolean leftFirst = diff < 0;
        int first = leftFirst ? 2 * v + 1 : 2 * v + 2;
        int second = leftFirst ? 2 * v + 2 : 2 * v + 1;
        if (leftFirst) {
            search(first, lo, mid, q, k, nbr, d2);
        } else {
            search(first, mid, hi, q, k, nbr, d2);
        }
        // Points of the other side lie at least |diff| away along the axis (≤ for ties).
        if (diff * diff <= d2[k - 1]) {
            if (leftFirst) {
                search(second, mid, hi, q, k, nbr, d2);
            } else {
                search(second, lo, mid, q, k, nbr, d2);
            }
        }
    }

    /** Inserts (i, dist2) into the sorted best-k list if it beats the current k-th (ties by index). */
    private static void offer(int i, double dist2, int k, int[] nbr, double[] d2) {
        if (dist2 > d2[k - 1] || (dist2 == d2[k - 1] && i > nbr[k - 1])) {
            return;
        }
        int p = k - 1;
        while (p > 0 && (d2[p - 1] > dist2 || (d2[p - 1] == dist2 && nbr[p - 1] > i))) {
            d2[p] = d2[p - 1];
            nbr[p] = nbr[p - 1];
            p--;
        }
        d2[p] = dist2;
        nbr[p] = i;
    }
}
