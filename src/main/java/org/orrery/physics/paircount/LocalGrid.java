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
        double[] kz = new double[m];
        long[] kid = new long[m];
        for (int k = 0; k < m; k++) {
            PointSet ps = sets[src[k]];
            kz[k] = ps.z(idx[k]);
            kid[k] = ps.id(idx[k]);
        }
        int[] tmp = new int[m];
        for (int c = 0; c < ncol; c++) {
            sort(order, tmp, start[c], start[c + 1], kz, kid);
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

    private static boolean less(int a, int b, double[] kz, long[] kid) {
        return kz[a] < kz[b] || (kz[a] == kz[b] && kid[a] < kid[b]);
    }

    /** Stable merge sort of order[from, to) by (z, id); insertion sort for short runs. */
    private static void sort(int[] a, int[] tmp, int from, int to, double[] kz, long[] kid) {
        if (to - from <= 24) {
            for (int i = from + 1; i < to; i++) {
                int v = a[i];
                int j = i - 1;
                while (j >= from && less(v, a[j], kz, kid)) {
                    a[j + 1] = a[j];
                    j--;
                }
                a[j + 1] = v;
            }
            return;
        }
        int mid = (from + to) >>> 1;
        sort(a, tmp, from, mid, kz, kid);
        sort(a, tmp, mid, to, kz, kid);
        if (!less(a[mid], a[mid - 1], kz, kid)) {
            return;
        }
        System.arraycopy(a, from, tmp, from, to - from);
        int i = from;
        int j = mid;
        for (int k = from; k < to; k++) {
            if (j >= to || (i < mid && !less(tmp[j], tmp[i], kz, kid))) {
                a[k] = tmp[i++];
            } else {
                a[k] = tmp[j++];
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
