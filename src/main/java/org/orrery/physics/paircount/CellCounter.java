package org.orrery.physics.paircount;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The fast pair counter: cell lists on a {@link GridSpec} grid (planes along x, columns along y, points sorted by z
 * inside a column), squared separations compared with squared bin edges, exact 64-bit counts.
 *
 * <p><b>Algorithm.</b> For each owned plane p, each column (p, cy) is paired with the columns at offsets (ox, oy),
 * |ox|, |oy| &lt;= refine (Corrfunc's cell lists with bin refinement; Sinha &amp; Garrison 2020, MNRAS 491, 3022).
 * Inside a column pair, the partners of point i are the z-window {@code |z_j - z_i| < rmax}, found with two moving
 * pointers since both columns are sorted by z; near the faces of a periodic box the two wrapped windows are scanned
 * too. Auto-counts visit each unordered pair once through a half neighbourhood: the column itself (j after i in the
 * column's order), then offsets (0, 1..R) and (1..R, -R..R). Cross-counts D1×D2 visit D1 columns against D2 columns at
 * ox = 0..R and D2 columns against D1 columns at ox = 1..R. Hence a pair is always counted by the plane holding its
 * lower-x point: the rule that lets each rank, owning a slab of planes plus {@code refine} halo planes to its right,
 * count every pair exactly once.
 *
 * <p><b>Separation.</b> {@code d2 = dx*dx + dy*dy + dz*dz}, {@code dx = x_j - x_i} with x_j already shifted by +L for
 * planes past the box (halo images), {@code dy = (y_j + s_y) - y_i}, {@code dz = (z_j + s_z) - z_i}, {@code s} in {-L,
 * 0, L} the image shift. This equals {@link BruteForce} exactly whenever coordinates are exactly representable in few
 * bits (then every operation is exact); for arbitrary doubles a pair within one rounding of a bin edge may compare
 * differently to the brute force, which subtracts in the other order.
 *
 * <p><b>Binning.</b> Weighted counts and separation sums bin pair by pair ({@link Bins#binInRange}); unweighted counts
 * go through the kernel of {@link PairKernelPath} when the Vector API is present: per-edge cumulative counts of the
 * same squared separations, converted to bins once per plane, so the integer counts are the same on either path.
 *
 * <p><b>Threads.</b> Planes are handed to threads dynamically; each plane's partial histogram is computed by one thread
 * in a fixed order ({@link PlanePartials}), so results are bitwise identical for any thread count.
 */
public final class CellCounter {
    private CellCounter() {}

    /** Auto-count of the pairs owned by planes [planeFrom, planeTo) of {@code g} (unwrapped indices). */
    public static PlanePartials auto(
            LocalGrid g, int planeFrom, int planeTo, Bins bins, boolean weights, boolean separations, int threads) {
        return run(g, g, true, planeFrom, planeTo, bins, weights, separations, threads, PairKernelPath.VECTOR);
    }

    /** Cross-count of D1 ({@code g1}) × D2 ({@code g2}) pairs owned by planes [planeFrom, planeTo). */
    public static PlanePartials cross(
            LocalGrid g1,
            LocalGrid g2,
            int planeFrom,
            int planeTo,
            Bins bins,
            boolean weights,
            boolean separations,
            int threads) {
        if (!g1.spec.equals(g2.spec) || g1.p0 != g2.p0 || g1.nplanes != g2.nplanes) {
            throw new IllegalArgumentException("cross-count grids differ");
        }
        return run(g1, g2, false, planeFrom, planeTo, bins, weights, separations, threads, PairKernelPath.VECTOR);
    }

    /**
     * As {@link #auto} and {@link #cross} ({@code auto} true: {@code g2} must be {@code g1}) with the unweighted-count
     * kernel given: {@code null} for the scalar loop, else a {@link PairKernelPath.Cumulative} (tests and benchmarks
     * compare the two in one JVM).
     */
    static PlanePartials run(
            LocalGrid g1,
            LocalGrid g2,
            boolean auto,
            int planeFrom,
            int planeTo,
            Bins bins,
            boolean weights,
            boolean separations,
            int threads,
            PairKernelPath.Cumulative kernel) {
        if (planeFrom < g1.p0 || planeTo > g1.p0 + g1.nplanes || planeTo < planeFrom) {
            throw new IllegalArgumentException("planes [" + planeFrom + ", " + planeTo + ") outside the local grid");
        }
        if (weights && (g1.w == null || g2.w == null)) {
            throw new IllegalArgumentException("weighted count of unweighted points");
        }
        int nplanes = planeTo - planeFrom;
        PlanePartials out = new PlanePartials(planeFrom, nplanes, bins.count(), weights, separations);
        AtomicInteger next = new AtomicInteger();
        Runnable work = () -> {
            Acc acc = new Acc(bins, g1.spec, out, weights, separations, kernel);
            for (int t = next.getAndIncrement(); t < nplanes; t = next.getAndIncrement()) {
                acc.off = t * bins.count();
                if (auto) {
                    autoPlane(acc, g1, planeFrom + t);
                } else {
                    crossPlane(acc, g1, g2, planeFrom + t);
                }
                acc.flush();
            }
        };
        PlaneThreads.run(Math.max(1, Math.min(threads, nplanes)), "paircount", work);
        return out;
    }

    /** Per-thread accumulator and the inner loops. */
    private static final class Acc {
        final Bins bins;
        final double r2min;
        final double r2max;
        final double rmax;
        final double period;
        final boolean periodic;
        final long[] c;
        final double[] ws;
        final double[] rs;
        /** The cumulative kernel when it counts this plane's pairs (unweighted, no separations), else null. */
        final PairKernelPath.Cumulative kernel;
        /** Squared edges, and the kernel's cumulative counts of the current plane (cum[k]: pairs with d2 < e2[k]). */
        final double[] e2;

        final long[] cum;
        int off;

        Acc(
                Bins bins,
                GridSpec spec,
                PlanePartials out,
                boolean weights,
                boolean separations,
                PairKernelPath.Cumulative kernel) {
            this.bins = bins;
            r2min = bins.r2min();
            r2max = bins.r2max();
            rmax = bins.rmax();
            periodic = spec.periodic();
            period = spec.period();
            c = out.counts;
            ws = weights ? out.wsum : null;
            rs = separations ? out.rsum : null;
            this.kernel = weights || separations ? null : kernel;
            e2 = bins.edges2();
            cum = new long[e2.length];
        }

        /** Moves the kernel's cumulative counts into the current plane's bins: bin k gets cum[k+1] - cum[k]. */
        void flush() {
            if (kernel == null) {
                return;
            }
            for (int k = 0; k + 1 < cum.length; k++) {
                c[off + k] += cum[k + 1] - cum[k];
            }
            Arrays.fill(cum, 0);
        }

        /** Visits j in [j0, j1) of grid b against point (xi, yi, zi, wi) with image shifts sy, sz. */
        void range(double xi, double yi, double zi, double wi, LocalGrid b, int j0, int j1, double sy, double sz) {
            double[] bx = b.x;
            double[] by = b.y;
            double[] bz = b.z;
            if (kernel != null) {
                kernel.count(bx, by, bz, j0, j1, xi, yi, zi, sy, sz, e2, cum);
                return;
            }
            if (ws == null && rs == null) {
                long[] cc = c;
                int o = off;
                for (int j = j0; j < j1; j++) {
                    double dx = bx[j] - xi;
                    double dy = (by[j] + sy) - yi;
                    double dz = (bz[j] + sz) - zi;
                    double d2 = dx * dx + dy * dy + dz * dz;
                    if (d2 < r2max && d2 >= r2min) {
                        cc[o + bins.binInRange(d2)]++;
                    }
                }
                return;
            }
            double[] bw = b.w;
            for (int j = j0; j < j1; j++) {
                double dx = bx[j] - xi;
                double dy = (by[j] + sy) - yi;
                double dz = (bz[j] + sz) - zi;
                double d2 = dx * dx + dy * dy + dz * dz;
                if (d2 < r2max && d2 >= r2min) {
                    int k = off + bins.binInRange(d2);
                    c[k]++;
                    if (ws != null) {
                        ws[k] += wi * bw[j];
                    }
                    if (rs != null) {
                        rs[k] += Math.sqrt(d2);
                    }
                }
            }
        }

        /**
         * All pairs (i in column a, j in column cb of grid b), b's y shifted by sy. Points i whose distance to the
         * bounding rectangle of column cb (in x, y) is already >= rmax are skipped: the bound g^2 is computed with the
         * same roundings as the separations (so the computed dx^2 + dy^2 >= g^2), which makes skipping exact. The
         * partners of the others are the z-window {@code |dz| < rmax}: a pair outside it has a computed {@code dz*dz >=
         * rmax^2} (rounding is monotone and rmax^2 is a double), hence a computed d2 >= rmax^2, and is not counted. The
         * window is not narrowed to {@code sqrt(rmax^2 - g^2)} per point: with one width for all points of the column
         * both ends only move forward (z sorted), and the extra partners cost less than a square root and the
         * back-and-forth moves per point (measured, docs/paircount-survey.md "Kernel").
         */
        void columns(LocalGrid a, int a0, int a1, LocalGrid b, int cb, double sy) {
            int b0 = b.start[cb];
            int b1 = b.start[cb + 1];
            if (a0 == a1 || b0 == b1) {
                return;
            }
            double bxlo = b.xmin[cb];
            double bxhi = b.xmax[cb];
            double bylo = b.ymin[cb] + sy;
            double byhi = b.ymax[cb] + sy;
            double[] ax = a.x;
            double[] ay = a.y;
            double[] az = a.z;
            double[] bz = b.z;
            int lo = b0;
            int hi = b0;
            for (int i = a0; i < a1; i++) {
                double xi = ax[i];
                double yi = ay[i];
                double gx = Math.max(0.0, Math.max(bxlo - xi, xi - bxhi));
                double gy = Math.max(0.0, Math.max(bylo - yi, yi - byhi));
                double g2 = gx * gx + gy * gy;
                if (g2 >= r2max) {
                    continue;
                }
                double zi = az[i];
                double wi = a.w == null ? 1 : a.w[i];
                while (lo < b1 && bz[lo] - zi <= -rmax) {
                    lo++;
                }
                hi = Math.max(hi, lo); // not a branch: one first taken late would deoptimise the compiled loop
                while (hi < b1 && bz[hi] - zi < rmax) {
                    hi++;
                }
                range(xi, yi, zi, wi, b, lo, hi, sy, 0.0);
                if (periodic) {
                    if (zi < rmax) {
                        int s = b1;
                        while (s > b0 && (bz[s - 1] - period) - zi > -rmax) {
                            s--;
                        }
                        range(xi, yi, zi, wi, b, s, b1, sy, -period);
                    }
                    if (zi > period - rmax) {
                        int e = b0;
                        while (e < b1 && (bz[e] + period) - zi < rmax) {
                            e++;
                        }
                        range(xi, yi, zi, wi, b, b0, e, sy, period);
                    }
                }
            }
        }

        /** Unordered pairs inside one column: j after i in (z, id) order. */
        void self(LocalGrid a, int a0, int a1) {
            double[] az = a.z;
            int hi = a0;
            for (int i = a0; i < a1; i++) {
                double zi = az[i];
                double wi = a.w == null ? 1 : a.w[i];
                hi = Math.max(hi, i + 1);
                while (hi < a1 && az[hi] - zi < rmax) {
                    hi++;
                }
                range(a.x[i], a.y[i], zi, wi, a, i + 1, hi, 0.0, 0.0);
                if (periodic && zi < rmax) {
                    int s = a1;
                    while (s > i + 1 && (az[s - 1] - period) - zi > -rmax) {
                        s--;
                    }
                    range(a.x[i], a.y[i], zi, wi, a, s, a1, 0.0, -period);
                }
            }
        }

        /** Column of g at plane q, column ty (wrapped when periodic), or -1; sets shiftY. */
        double shiftY;

        int column(LocalGrid g, int q, int ty) {
            int lq = q - g.p0;
            if (lq >= g.nplanes) {
                return -1;
            }
            shiftY = 0;
            if (ty < 0) {
                if (!periodic) {
                    return -1;
                }
                ty += g.ncy;
                shiftY = -period;
            } else if (ty >= g.ncy) {
                if (!periodic) {
                    return -1;
                }
                ty -= g.ncy;
                shiftY = period;
            }
            return lq * g.ncy + ty;
        }
    }

    private static void autoPlane(Acc acc, LocalGrid g, int p) {
        int r = g.spec.refine();
        int base = (p - g.p0) * g.ncy;
        for (int cy = 0; cy < g.ncy; cy++) {
            int a0 = g.start[base + cy];
            int a1 = g.start[base + cy + 1];
            if (a0 == a1) {
                continue;
            }
            acc.self(g, a0, a1);
            for (int oy = 1; oy <= r; oy++) {
                int cb = acc.column(g, p, cy + oy);
                if (cb >= 0) {
                    acc.columns(g, a0, a1, g, cb, acc.shiftY);
                }
            }
            for (int ox = 1; ox <= r; ox++) {
                for (int oy = -r; oy <= r; oy++) {
                    int cb = acc.column(g, p + ox, cy + oy);
                    if (cb >= 0) {
                        acc.columns(g, a0, a1, g, cb, acc.shiftY);
                    }
                }
            }
        }
    }

    private static void crossPlane(Acc acc, LocalGrid g1, LocalGrid g2, int p) {
        int r = g1.spec.refine();
        int base = (p - g1.p0) * g1.ncy;
        for (int cy = 0; cy < g1.ncy; cy++) {
            int a0 = g1.start[base + cy];
            int a1 = g1.start[base + cy + 1];
            if (a0 < a1) {
                for (int ox = 0; ox <= r; ox++) {
                    for (int oy = -r; oy <= r; oy++) {
                        int cb = acc.column(g2, p + ox, cy + oy);
                        if (cb >= 0) {
                            acc.columns(g1, a0, a1, g2, cb, acc.shiftY);
                        }
                    }
                }
            }
            int b0 = g2.start[base + cy];
            int b1 = g2.start[base + cy + 1];
            if (b0 < b1) {
                for (int ox = 1; ox <= r; ox++) {
                    for (int oy = -r; oy <= r; oy++) {
                        int ca = acc.column(g1, p + ox, cy + oy);
                        if (ca >= 0) {
                            acc.columns(g2, b0, b1, g1, ca, acc.shiftY);
                        }
                    }
                }
            }
        }
    }
}
