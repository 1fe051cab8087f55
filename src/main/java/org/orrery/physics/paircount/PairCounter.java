package org.orrery.physics.paircount;

import org.orrery.model.UserError;

/**
 * Single-process entry points to the fast counter ({@link CellCounter}) and the pieces the distributed program shares
 * with them: plane assignment and halo selection. A single process is the one-rank case of the domain decomposition: it
 * owns every plane and, in a periodic box, receives its own first {@code refine} planes shifted by +L as its halo,
 * exactly as a rank of a multi-rank run does; so counts, weight sums and separation sums are the same bits at any np.
 */
public final class PairCounter {
    /**
     * Default cells per rmax along x and y for mode r. One cell per rmax: 5 column pairs per column instead of 13 at
     * refine 2, with longer z-windows that the vector kernel ({@link PairKernelPath}) counts cheaply; the pair phase of
     * 10^6 uniform points took 0.6-0.8x the CPU time of refine 2 (docs/paircount-survey.md, "Kernel"). Counts do not
     * depend on it.
     */
    public static final int DEFAULT_REFINE = 1;

    private PairCounter() {}

    /** Options of a count. */
    public record Options(double period, int refine, boolean weights, boolean separations, int threads) {
        public Options {
            if (threads < 1) {
                throw new UserError("the thread count must be at least 1, got " + threads);
            }
        }

        /** Non-periodic, {@link #DEFAULT_REFINE}, unweighted, no separations, one thread. */
        public static Options defaults() {
            return new Options(0, DEFAULT_REFINE, false, false, 1);
        }

        public Options withPeriod(double l) {
            return new Options(l, refine, weights, separations, threads);
        }

        public Options withThreads(int t) {
            return new Options(period, refine, weights, separations, t);
        }

        public Options withRefine(int r) {
            return new Options(period, r, weights, separations, threads);
        }

        public Options withWeights(boolean w) {
            return new Options(period, refine, w, separations, threads);
        }

        public Options withSeparations(boolean s) {
            return new Options(period, refine, weights, s, threads);
        }
    }

    /** Stores each point's plane (in [0, ncx)) in the set. */
    public static void assignPlanes(GridSpec g, PointSet s) {
        for (int i = 0; i < s.size(); i++) {
            s.setPlane(i, g.planeOf(s.x(i)));
        }
    }

    /**
     * Appends to {@code out} the points of {@code src} (planes assigned, in [0, ncx)) that lie in the unwrapped planes
     * {@code [h0, h1)} ({@code h1 - h0 <= ncx}), with x shifted by +L and the plane raised by ncx for images past the
     * box.
     */
    public static void selectHalo(GridSpec g, PointSet src, int h0, int h1, PointSet out) {
        int ncx = g.ncx();
        for (int i = 0; i < src.size(); i++) {
            int p = src.plane(i);
            int h = p >= h0 ? p : p + ncx;
            if (h >= h0 && h < h1) {
                out.addFrom(src, i, g.xShift(h), h);
            }
        }
    }

    /** Bounding box of the sets (x and y minimum in lo, maximum in hi). */
    public static void bounds(double[] lo, double[] hi, PointSet... sets) {
        lo[0] = lo[1] = Double.POSITIVE_INFINITY;
        hi[0] = hi[1] = Double.NEGATIVE_INFINITY;
        for (PointSet s : sets) {
            for (int i = 0; i < s.size(); i++) {
                lo[0] = Math.min(lo[0], s.x(i));
                hi[0] = Math.max(hi[0], s.x(i));
                lo[1] = Math.min(lo[1], s.y(i));
                hi[1] = Math.max(hi[1], s.y(i));
            }
        }
        if (lo[0] > hi[0]) {
            lo[0] = lo[1] = hi[0] = hi[1] = 0;
        }
    }

    /** Throws when a point lies outside [0, L)^3. */
    public static void checkInBox(PointSet s, double period, String name) {
        if (period <= 0) {
            return;
        }
        for (int i = 0; i < s.size(); i++) {
            if (!(s.x(i) >= 0 && s.x(i) < period && s.y(i) >= 0 && s.y(i) < period && s.z(i) >= 0 && s.z(i) < period)) {
                throw new UserError("point " + s.id(i) + " (" + s.x(i) + ", " + s.y(i) + ", " + s.z(i)
                        + ") lies outside the periodic box [0, " + period + ")^3, " + name);
            }
        }
    }

    private static LocalGrid localGrid(GridSpec g, PointSet s, int threads) {
        assignPlanes(g, s);
        PointSet halo = s.emptyLike(16);
        int hw = g.haloWidth(g.ncx());
        selectHalo(g, s, g.ncx(), g.ncx() + hw, halo);
        return LocalGrid.build(g, 0, g.ncx() + hw, threads, s, halo);
    }

    /** Auto-count of {@code d} (unique pairs). */
    public static PairCounts auto(PointSet d, Bins bins, Options o) {
        return auto(d, bins, o, PairKernelPath.VECTOR);
    }

    /** Cross-count of {@code d1} × {@code d2}. */
    public static PairCounts cross(PointSet d1, PointSet d2, Bins bins, Options o) {
        return cross(d1, d2, bins, o, PairKernelPath.VECTOR);
    }

    /** As {@link #auto(PointSet, Bins, Options)} with the given unweighted-count kernel (null: the scalar loop). */
    static PairCounts auto(PointSet d, Bins bins, Options o, PairKernelPath.Cumulative kernel) {
        checkInBox(d, o.period(), "catalog");
        double[] lo = new double[2];
        double[] hi = new double[2];
        bounds(lo, hi, d);
        GridSpec g = GridSpec.create(bins, o.period(), lo, hi, d.size(), o.refine());
        LocalGrid lg = localGrid(g, d, o.threads());
        return CellCounter.run(lg, lg, true, 0, g.ncx(), bins, o.weights(), o.separations(), o.threads(), kernel)
                .total();
    }

    /** As {@link #cross(PointSet, PointSet, Bins, Options)} with the given unweighted-count kernel. */
    static PairCounts cross(PointSet d1, PointSet d2, Bins bins, Options o, PairKernelPath.Cumulative kernel) {
        checkInBox(d1, o.period(), "catalog 1");
        checkInBox(d2, o.period(), "catalog 2");
        double[] lo = new double[2];
        double[] hi = new double[2];
        bounds(lo, hi, d1, d2);
        GridSpec g = GridSpec.create(bins, o.period(), lo, hi, (long) d1.size() + d2.size(), o.refine());
        LocalGrid g1 = localGrid(g, d1, o.threads());
        LocalGrid g2 = localGrid(g, d2, o.threads());
        return CellCounter.run(g1, g2, false, 0, g.ncx(), bins, o.weights(), o.separations(), o.threads(), kernel)
                .total();
    }
}
