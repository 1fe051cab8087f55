package org.orrery.physics.paircount;

import java.util.Arrays;

/**
 * A growable struct-of-arrays set of points: positions, optional weights, a global id (the row of the catalog, used to
 * order points with equal z so that sums are reproducible) and, when assigned, the (unwrapped) grid plane of each
 * point. Not thread-safe.
 */
public final class PointSet {
    private final boolean weighted;
    private double[] x;
    private double[] y;
    private double[] z;
    private double[] w;
    private long[] id;
    private int[] plane;
    private int n;

    public PointSet(boolean weighted, int capacity) {
        this.weighted = weighted;
        int c = Math.max(4, capacity);
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
        id = Arrays.copyOf(id, c);
        plane = Arrays.copyOf(plane, c);
    }

    /** Appends a point (weight ignored when unweighted). */
    public void add(double px, double py, double pz, double pw, long pid, int pplane) {
        grow(n + 1);
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
        add(o.x[i] + xShift, o.y[i], o.z[i], o.weighted ? o.w[i] : 1, o.id[i], pplane);
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

    /** Frees unused capacity. */
    public void trim() {
        if (x.length > n + 16) {
            x = Arrays.copyOf(x, n);
            y = Arrays.copyOf(y, n);
            z = Arrays.copyOf(z, n);
            if (weighted) {
                w = Arrays.copyOf(w, n);
            }
            id = Arrays.copyOf(id, n);
            plane = Arrays.copyOf(plane, n);
        }
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
