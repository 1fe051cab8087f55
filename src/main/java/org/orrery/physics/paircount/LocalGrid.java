package org.orrery.physics.paircount;

/**
 * The points a rank counts with, laid out cell by cell: planes {@code [p0, p0 + nplanes)}
 * (unwrapped indices: planes {@code >= ncx} are periodic images shifted by +L in x) times
 * {@code ncy} columns; inside a column points are sorted by (z, id), so the order, and hence
 * every floating-point sum over it, depends only on the catalog, never on the decomposition.
 * Immutable after construction; safe to share between threads.
 */
public final class LocalGrid {
    final GridSpec spec;
    final int p0;
    final int nplanes;
    final int ncy;
    /** Column c = (plane - p0) * ncy + cy holds points [start[c], start[c+1]). */
    final int[] start;
    final double[] x;
    final double[] y;
    final double[] z;
    final double[] w;
    final int n;
    /** Per column: smallest and largest stored x and y (for pruning; +inf/-inf when empty). */
    final double[] xmin;
    final double[] xmax;
    final double[] ymin;
    final double[] ymax;

    private LocalGrid(GridSpec spec, int p0, int nplanes, int[] start, double[] x, double[] y, double[] z,
                      double[] w) {
        this.spec = spec;
        this.p0 = p0;
        this.nplanes = nplanes;
        this.ncy = spec.ncy();
        this.start = start;
        this.x = x;
        this.y = y;
        this.z = z;
        this.w = w;
        this.n = x.length;
        int ncol = start.length - 1;
        xmin = new double[ncol];
        xmax = new double[ncol];
        ymin = new double[ncol];
        ymax = new double[ncol];
        for (int c = 0; c < ncol; c++) {
            double a = Double.POSITIVE_INFINITY;
            double b = Double.NEGATIVE_INFINITY;
            double e = Double.POSITIVE_INFINITY;
            double f = Double.NEGATIVE_INFINITY;
            for (int i = start[c]; i < start[c + 1]; i++) {
                a = Math.min(a, x[i]);
                b = Math.max(b, x[i]);
                e = Math.min(e, y[i]);
                f = Math.max(f, y[i]);
            }
            xmin[c] = a;
            xmax[c] = b;
            ymin[c] = e;
            ymax[c] = f;
        }
    }

    /**
     * Builds the grid of planes {@code [p0, p0 + nplanes)} from the points of {@code sets} whose
     * plane (as stored in the set, unwrapped) lies in that range; others are ignored.
     */
    public static LocalGrid build(GridSpec spec, int p0, int nplanes, PointSet... sets) {
        int ncy = spec.ncy();
        int ncol = nplanes * ncy;
        boolean weighted = sets.length > 0 && sets[0].weighted();
        int total = 0;
        for (PointSet s : sets) {
            total += s.size();
        }
        int[] col = new int[total];
        int[] src = new int[total];
        int[] idx = new int[total];
        int[] start = new int[ncol + 1];
        int m = 0;
        for (int s = 0; s < sets.length; s++) {
            PointSet ps = sets[s];
            for (int i = 0; i < ps.size(); i++) {
                int lp = ps.plane(i) - p0;
                if (lp < 0 || lp >= nplanes) {
                    continue;
                }
                int c = lp * ncy + spec.columnOf(ps.y(i));
                col[m] = c;
                src[m] = s;
                idx[m] = i;
                start[c + 1]++;
                m++;
            }
        }
        for (int c = 0; c < ncol; c++) {
            start[c + 1] += start[c];
        }
        int[] fill = new int[ncol];
        System.arraycopy(start, 0, fill, 0, ncol);
        int[] order = new int[m];
        for (int k = 0; k < m; k++) {
            order[fill[col[k]]++] = k;
        }
        // Sort keys in column order (contiguous), then sort each column by (z, id).
        double[] sz = new double[m];
        long[] sid = new long[m];
        for (int t = 0; t < m; t++) {
            int k = order[t];
            PointSet ps = sets[src[k]];
            sz[t] = ps.z(idx[k]);
            sid[t] = ps.id(idx[k]);
        }
        double[] tz = new double[m];
        long[] tid = new long[m];
        int[] tp = new int[m];
        for (int c = 0; c < ncol; c++) {
            sort(sz, sid, order, tz, tid, tp, start[c], start[c + 1]);
        }
        double[] x = new double[m];
        double[] y = new double[m];
        double[] z = new double[m];
        double[] w = weighted ? new double[m] : null;
        for (int t = 0; t < m; t++) {
            int k = order[t];
            PointSet ps = sets[src[k]];
            int i = idx[k];
            x[t] = ps.x(i);
            y[t] = ps.y(i);
            z[t] = ps.z(i);
            if (weighted) {
                w[t] = ps.w(i);
            }
        }
        return new LocalGrid(spec, p0, nplanes, start, x, y, z, w);
    }

    private static boolean less(double za, long ia, double zb, long ib) {
        return za < zb || (za == zb && ia < ib);
    }

    /**
     * Stable sort of the triples (z, id, perm) in [from, to) by (z, id): insertion sort for short
     * runs, merge sort otherwise (t* are scratch arrays).
     */
    static void sort(double[] z, long[] id, int[] perm, double[] tz, long[] tid, int[] tp, int from, int to) {
        if (to - from <= 32) {
            for (int i = from + 1; i < to; i++) {
                double vz = z[i];
                long vi = id[i];
                int vp = perm[i];
                int j = i - 1;
                while (j >= from && less(vz, vi, z[j], id[j])) {
                    z[j + 1] = z[j];
                    id[j + 1] = id[j];
                    perm[j + 1] = perm[j];
                    j--;
                }
                z[j + 1] = vz;
                id[j + 1] = vi;
                perm[j + 1] = vp;
            }
            return;
        }
        int mid = (from + to) >>> 1;
        sort(z, id, perm, tz, tid, tp, from, mid);
        sort(z, id, perm, tz, tid, tp, mid, to);
        if (!less(z[mid], id[mid], z[mid - 1], id[mid - 1])) {
            return;
        }
        System.arraycopy(z, from, tz, from, to - from);
        System.arraycopy(id, from, tid, from, to - from);
        System.arraycopy(perm, from, tp, from, to - from);
        int i = from;
        int j = mid;
        for (int k = from; k < to; k++) {
            if (j >= to || (i < mid && !less(tz[j], tid[j], tz[i], tid[i]))) {
                z[k] = tz[i];
                id[k] = tid[i];
                perm[k] = tp[i++];
            } else {
                z[k] = tz[j];
                id[k] = tid[j];
                perm[k] = tp[j++];
            }
        }
    }

    /** Number of points held. */
    public int size() {
        return n;
    }

    /** First plane (unwrapped). */
    public int firstPlane() {
        return p0;
    }

    public int planes() {
        return nplanes;
    }

    /** Approximate bytes held. */
    public long bytes() {
        return (long) n * (w == null ? 24 : 32) + 4L * start.length;
    }
}
