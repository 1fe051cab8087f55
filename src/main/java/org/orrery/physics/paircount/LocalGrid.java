package org.orrery.physics.paircount;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The points a rank counts with, laid out cell by cell: planes {@code [p0, p0 + nplanes)} (unwrapped indices: planes
 * {@code >= ncx} are periodic images shifted by +L in x) times {@code ncy} columns; inside a column points are sorted
 * by (z, id), so the order, and hence every floating-point sum over it, depends only on the catalog, never on the
 * decomposition. Immutable after construction; safe to share between threads.
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
    /** Labels (jackknife patches), or null when the sets are unlabelled. */
    final int[] label;

    /** Points held: the coordinate arrays are {@link #TAIL} longer (zeros), the others n long. */
    final int n;

    /**
     * Spare doubles after the last point in x, y, z, so that a vector kernel's last partial vector can always be loaded
     * (its extra lanes are masked out) and the scalar tail loop is never entered, hence never compiled late.
     */
    static final int TAIL = 8;
    /** Per column: smallest and largest stored x and y (for pruning; +inf/-inf when empty). */
    final double[] xmin;

    final double[] xmax;
    final double[] ymin;
    final double[] ymax;

    private LocalGrid(
            GridSpec spec,
            int p0,
            int nplanes,
            int[] start,
            double[] x,
            double[] y,
            double[] z,
            double[] w,
            int[] label) {
        this.spec = spec;
        this.p0 = p0;
        this.nplanes = nplanes;
        this.ncy = spec.ncy();
        this.start = start;
        this.x = x;
        this.y = y;
        this.z = z;
        this.w = w;
        this.label = label;
        this.n = start[start.length - 1];
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
     * Builds the grid of planes {@code [p0, p0 + nplanes)} from the points of {@code sets} whose plane (as stored in
     * the set, unwrapped) lies in that range; others are ignored.
     *
     * <p>Three passes that touch memory in order: the column of every point; a stable scatter into plane order (one
     * write stream per plane); then, plane by plane (on {@code threads} threads), a scatter into columns and a sort of
     * each column by (z, id) inside that plane's block, which fits in cache. The result does not depend on the order of
     * the input or on the thread count.
     */
    public static LocalGrid build(GridSpec spec, int p0, int nplanes, int threads, PointSet... sets) {
        int ncy = spec.ncy();
        int ncol = nplanes * ncy;
        boolean weighted = sets.length > 0 && sets[0].weighted();
        boolean labelled = sets.length > 0 && sets[0].labelled();
        int[] start = new int[ncol + 1];
        int[][] colOf = new int[sets.length][];
        for (int s = 0; s < sets.length; s++) {
            PointSet ps = sets[s];
            int[] pl = ps.planeArray();
            double[] ys = ps.ys();
            int[] cs = new int[ps.size()];
            for (int i = 0; i < cs.length; i++) {
                int lp = pl[i] - p0;
                if (lp < 0 || lp >= nplanes) {
                    cs[i] = -1;
                } else {
                    int c = lp * ncy + spec.columnOf(ys[i]);
                    cs[i] = c;
                    start[c + 1]++;
                }
            }
            colOf[s] = cs;
        }
        for (int c = 0; c < ncol; c++) {
            start[c + 1] += start[c];
        }
        int m = start[ncol];
        if (ncol <= DIRECT_COLUMNS) {
            return direct(spec, p0, nplanes, threads, start, colOf, sets);
        }

        // Pass 2: stable scatter into plane order.
        double[] bx = new double[m];
        double[] by = new double[m];
        double[] bz = new double[m];
        double[] bw = weighted ? new double[m] : null;
        int[] blab = labelled ? new int[m] : null;
        long[] bid = new long[m];
        int[] bcol = new int[m];
        int[] pfill = new int[nplanes];
        for (int lp = 0; lp < nplanes; lp++) {
            pfill[lp] = start[lp * ncy];
        }
        for (int s = 0; s < sets.length; s++) {
            PointSet ps = sets[s];
            int[] cs = colOf[s];
            int[] pl = ps.planeArray();
            double[] xs = ps.xs();
            double[] ys = ps.ys();
            double[] zs = ps.zs();
            double[] ws = ps.ws();
            int[] labs = ps.labels();
            long[] ids = ps.ids();
            for (int i = 0; i < cs.length; i++) {
                int c = cs[i];
                if (c < 0) {
                    continue;
                }
                int k = pfill[pl[i] - p0]++;
                bx[k] = xs[i];
                by[k] = ys[i];
                bz[k] = zs[i];
                if (weighted) {
                    bw[k] = ws == null ? 1 : ws[i]; // an unweighted set has weight 1
                }
                if (labelled) {
                    blab[k] = labs == null ? 0 : labs[i];
                }
                bid[k] = ids[i];
                bcol[k] = c;
            }
            colOf[s] = null;
        }

        // Pass 3, per plane: scatter into columns, then sort each column by (z, id).
        double[] x = new double[m + TAIL];
        double[] y = new double[m + TAIL];
        double[] z = new double[m + TAIL];
        double[] w = weighted ? new double[m] : null;
        int[] lab = labelled ? new int[m] : null;
        long[] id = new long[m];
        int maxCol = 0;
        for (int c = 0; c < ncol; c++) {
            maxCol = Math.max(maxCol, start[c + 1] - start[c]);
        }
        final int scratch = maxCol;
        AtomicInteger next = new AtomicInteger();
        PlaneThreads.run(Math.max(1, Math.min(threads, nplanes)), "cell-lists", () -> {
            ColumnSorter sorter = new ColumnSorter(scratch);
            int[] fill = new int[ncy];
            for (int lp = next.getAndIncrement(); lp < nplanes; lp = next.getAndIncrement()) {
                int c0 = lp * ncy;
                System.arraycopy(start, c0, fill, 0, ncy);
                for (int k = start[c0]; k < start[c0 + ncy]; k++) {
                    int t = fill[bcol[k] - c0]++;
                    x[t] = bx[k];
                    y[t] = by[k];
                    z[t] = bz[k];
                    if (w != null) {
                        w[t] = bw[k];
                    }
                    if (lab != null) {
                        lab[t] = blab[k];
                    }
                    id[t] = bid[k];
                }
                for (int c = c0; c < c0 + ncy; c++) {
                    sorter.sort(x, y, z, w, lab, id, start[c], start[c + 1]);
                }
            }
        });
        return new LocalGrid(spec, p0, nplanes, start, x, y, z, w, lab);
    }

    /** Up to this many columns, points are scattered straight into their columns (one write stream per column). */
    static final int DIRECT_COLUMNS = 1 << 14;

    /**
     * The build for few columns: one stable scatter of every point into its column (in input order, as the two-pass
     * build leaves it), then each plane's columns sorted by (z, id) on {@code threads} threads; the same grid as the
     * two-pass build, without the plane-order copy.
     */
    private static LocalGrid direct(
            GridSpec spec, int p0, int nplanes, int threads, int[] start, int[][] colOf, PointSet... sets) {
        int ncy = spec.ncy();
        int ncol = nplanes * ncy;
        int m = start[ncol];
        boolean weighted = sets.length > 0 && sets[0].weighted();
        boolean labelled = sets.length > 0 && sets[0].labelled();
        double[] x = new double[m + TAIL];
        double[] y = new double[m + TAIL];
        double[] z = new double[m + TAIL];
        double[] w = weighted ? new double[m] : null;
        int[] lab = labelled ? new int[m] : null;
        long[] id = new long[m];
        int[] fill = java.util.Arrays.copyOf(start, ncol);
        int maxCol = 0;
        for (int c = 0; c < ncol; c++) {
            maxCol = Math.max(maxCol, start[c + 1] - start[c]);
        }
        for (int s = 0; s < sets.length; s++) {
            PointSet ps = sets[s];
            int[] cs = colOf[s];
            double[] xs = ps.xs();
            double[] ys = ps.ys();
            double[] zs = ps.zs();
            double[] ws = ps.ws();
            int[] labs = ps.labels();
            long[] ids = ps.ids();
            for (int i = 0; i < cs.length; i++) {
                int c = cs[i];
                if (c < 0) {
                    continue;
                }
                int t = fill[c]++;
                x[t] = xs[i];
                y[t] = ys[i];
                z[t] = zs[i];
                if (weighted) {
                    w[t] = ws == null ? 1 : ws[i]; // an unweighted set has weight 1
                }
                if (labelled) {
                    lab[t] = labs == null ? 0 : labs[i];
                }
                id[t] = ids[i];
            }
            colOf[s] = null;
        }
        final int scratch = maxCol;
        AtomicInteger next = new AtomicInteger();
        PlaneThreads.run(Math.max(1, Math.min(threads, nplanes)), "cell-lists", () -> {
            ColumnSorter sorter = new ColumnSorter(scratch);
            for (int lp = next.getAndIncrement(); lp < nplanes; lp = next.getAndIncrement()) {
                for (int c = lp * ncy; c < (lp + 1) * ncy; c++) {
                    sorter.sort(x, y, z, w, lab, id, start[c], start[c + 1]);
                }
            }
        });
        return new LocalGrid(spec, p0, nplanes, start, x, y, z, w, lab);
    }

    static boolean less(double za, long ia, double zb, long ib) {
        return za < zb || (za == zb && ia < ib);
    }

    /**
     * Stable sort of the triples (z, id, perm) in [from, to) by (z, id): insertion sort for short runs, merge sort
     * otherwise (t* are scratch arrays).
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
        return (long) n * ((w == null ? 24 : 32) + (label == null ? 0 : 4)) + 4L * start.length;
    }
}
