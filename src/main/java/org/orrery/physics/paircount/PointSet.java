package org.orrery.physics.paircount;

import java.util.Arrays;

/**
 * A growable struct-of-arrays set of points: positions, optional weights, optional integer labels (the jackknife patch
 * of the survey counts), a global id (the row of the catalog, used to order points with equal z so that sums are
 * reproducible) and, when assigned, the (unwrapped) grid plane of each point. Not thread-safe.
 */
public final class PointSet {
    private final boolean weighted;
    private final boolean labelled;
    private double[] x;
    private double[] y;
    private double[] z;
    private double[] w;
    private int[] label;
    private long[] id;
    private int[] plane;
    private int n;

    public PointSet(boolean weighted, int capacity) {
        this(weighted, false, capacity);
    }

    /** A set with weights and/or labels (label 0 until set). */
    public PointSet(boolean weighted, boolean labelled, int capacity) {
        this.weighted = weighted;
        this.labelled = labelled;
        int c = Math.max(4, capacity);
        label = labelled ? new int[c] : null;
        x = new double[c];
        y = new double[c];
        z = new double[c];
        w = weighted ? new double[c] : null;
        id = new long[c];
        plane = new int[c];
    }

    private void grow(int need) {
        if (need <= x.length) {
            return;
        }
        int c = Math.max(need, x.length + (x.length >> 1));
        x = Arrays.copyOf(x, c);
        y = Arrays.copyOf(y, c);
        z = Arrays.copyOf(z, c);
        if (weighted) {
            w = Arrays.copyOf(w, c);
        }
        if (labelled) {
            label = Arrays.copyOf(label, c);
        }
        id = Arrays.copyOf(id, c);
        plane = Arrays.copyOf(plane, c);
    }

    /** Appends a point (weight ignored when unweighted; label 0). */
    public void add(double px, double py, double pz, double pw, long pid, int pplane) {
        add(px, py, pz, pw, pid, pplane, 0);
    }

    /** Appends a point with a label (weight ignored when unweighted, label when unlabelled). */
    public void add(double px, double py, double pz, double pw, long pid, int pplane, int plabel) {
        grow(n + 1);
        if (labelled) {
            label[n] = plabel;
        }
        x[n] = px;
        y[n] = py;
        z[n] = pz;
        if (weighted) {
            w[n] = pw;
        }
        id[n] = pid;
        plane[n] = pplane;
        n++;
    }

    /** Appends point i of another set with x shifted and a new plane. */
    public void addFrom(PointSet o, int i, double xShift, int pplane) {
        add(o.x[i] + xShift, o.y[i], o.z[i], o.weighted ? o.w[i] : 1, o.id[i], pplane, o.labelled ? o.label[i] : 0);
    }

    /** An empty set with the same weights/labels layout. */
    public PointSet emptyLike(int capacity) {
        return new PointSet(weighted, labelled, capacity);
    }

    public boolean labelled() {
        return labelled;
    }

    /** Label of point i (0 when unlabelled). */
    public int label(int i) {
        return labelled ? label[i] : 0;
    }

    /** Sets the label of point i (the set must be labelled). */
    public void setLabel(int i, int v) {
        label[i] = v;
    }

    /** Labels, or null when unlabelled (length >= size()). */
    public int[] labels() {
        return label;
    }

    public int size() {
        return n;
    }

    public boolean weighted() {
        return weighted;
    }

    public double x(int i) {
        return x[i];
    }

    public double y(int i) {
        return y[i];
    }

    public double z(int i) {
        return z[i];
    }

    public double w(int i) {
        return weighted ? w[i] : 1;
    }

    public long id(int i) {
        return id[i];
    }

    public int plane(int i) {
        return plane[i];
    }

    public void setPlane(int i, int p) {
        plane[i] = p;
    }

    /** Backing arrays (length >= size()). */
    public double[] xs() {
        return x;
    }

    public double[] ys() {
        return y;
    }

    public double[] zs() {
        return z;
    }

    /** Weights, or null when unweighted. */
    public double[] ws() {
        return w;
    }

    public long[] ids() {
        return id;
    }

    /** Planes as assigned (length >= size()). */
    public int[] planeArray() {
        return plane;
    }

    /** Sum of weights (n when unweighted), in index order. */
    public double weightSum() {
        if (!weighted) {
            return n;
        }
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += w[i];
        }
        return s;
    }

    /** Adds {@code by} to every id (rows numbered from 0 in a part of a catalog become the catalog's rows). */
    public void offsetIds(long by) {
        for (int i = 0; i < n; i++) {
            id[i] += by;
        }
    }

    /** Room for {@code need} points in all without growing again (no copy when there is room). */
    public void ensureCapacity(int need) {
        grow(need);
    }

    /** Frees unused capacity beyond 1/32 of the size (a presized set close to its size is not copied). */
    public void trim() {
        if (x.length > n + (n >> 5) + 16) {
            x = Arrays.copyOf(x, n);
            y = Arrays.copyOf(y, n);
            z = Arrays.copyOf(z, n);
            if (weighted) {
                w = Arrays.copyOf(w, n);
            }
            if (labelled) {
                label = Arrays.copyOf(label, n);
            }
            id = Arrays.copyOf(id, n);
            plane = Arrays.copyOf(plane, n);
        }
    }

    /**
     * Doubles per point in {@link #pack}'s message: x, y, z, the weight (weighted sets), the id, the plane (when
     * {@code withPlane}) and the label (labelled sets).
     */
    public int packedWidth(boolean withPlane) {
        return 4 + (weighted ? 1 : 0) + (withPlane ? 1 : 0) + (labelled ? 1 : 0);
    }

    /**
     * Writes points idx[from..to) (or from..to when idx is null) into {@code out} column after column (all x, then all
     * y, ...; layout {@link #packedWidth}; ids and labels as doubles, exact below 2<sup>53</sup>), for a message to a
     * set of the same layout ({@link #unpack}); returns the doubles written.
     */
    public int pack(int[] idx, int from, int to, boolean withPlane, double[] out) {
        int c = to - from;
        for (int k = 0; k < c; k++) {
            int i = idx == null ? from + k : idx[from + k];
            out[k] = x[i];
            out[c + k] = y[i];
            out[2 * c + k] = z[i];
        }
        int col = 3 * c;
        if (weighted) {
            for (int k = 0; k < c; k++) {
                out[col + k] = w[idx == null ? from + k : idx[from + k]];
            }
            col += c;
        }
        for (int k = 0; k < c; k++) {
            out[col + k] = id[idx == null ? from + k : idx[from + k]];
        }
        col += c;
        if (withPlane) {
            for (int k = 0; k < c; k++) {
                out[col + k] = plane[idx == null ? from + k : idx[from + k]];
            }
            col += c;
        }
        if (labelled) {
            for (int k = 0; k < c; k++) {
                out[col + k] = label[idx == null ? from + k : idx[from + k]];
            }
            col += c;
        }
        return col;
    }

    /** Appends the {@code c} points of a {@link #pack}ed message (plane 0 unless {@code withPlane}). */
    public void unpack(double[] in, int c, boolean withPlane) {
        grow(n + c);
        System.arraycopy(in, 0, x, n, c);
        System.arraycopy(in, c, y, n, c);
        System.arraycopy(in, 2 * c, z, n, c);
        int col = 3 * c;
        if (weighted) {
            System.arraycopy(in, col, w, n, c);
            col += c;
        }
        for (int k = 0; k < c; k++) {
            id[n + k] = (long) in[col + k];
        }
        col += c;
        for (int k = 0; k < c; k++) {
            plane[n + k] = withPlane ? (int) in[col + k] : 0;
        }
        col += withPlane ? c : 0;
        if (labelled) {
            for (int k = 0; k < c; k++) {
                label[n + k] = (int) in[col + k];
            }
        }
        n += c;
    }

    /** Appends points idx[from..to) of {@code o}, a set of the same layout, with plane 0. */
    public void appendGathered(PointSet o, int[] idx, int from, int to) {
        int c = to - from;
        grow(n + c);
        for (int k = 0; k < c; k++) {
            int i = idx[from + k];
            x[n + k] = o.x[i];
            y[n + k] = o.y[i];
            z[n + k] = o.z[i];
            id[n + k] = o.id[i];
            plane[n + k] = 0;
        }
        if (weighted) {
            for (int k = 0; k < c; k++) {
                w[n + k] = o.w[idx[from + k]];
            }
        }
        if (labelled) {
            for (int k = 0; k < c; k++) {
                label[n + k] = o.label[idx[from + k]];
            }
        }
        n += c;
    }

    /** A set holding the given arrays' first n points with ids 0..n-1 (w may be null). */
    public static PointSet of(double[] x, double[] y, double[] z, double[] w, int n) {
        PointSet p = new PointSet(w != null, n);
        for (int i = 0; i < n; i++) {
            p.add(x[i], y[i], z[i], w == null ? 1 : w[i], i, 0);
        }
        return p;
    }
}
