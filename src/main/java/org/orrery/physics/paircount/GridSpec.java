package org.orrery.physics.paircount;

import org.orrery.model.UserError;

/**
 * The global cell grid the fast counter works on, identical on every rank: {@code ncx} planes along x times {@code ncy}
 * columns along y; inside a column points are sorted by z (no cells along z: a z-window replaces them). Planes are the
 * unit of domain decomposition (a rank owns a contiguous range of planes) and of thread scheduling, so every pair is
 * always visited in the same cell order whatever the number of ranks or threads.
 *
 * <p>Cell sizes are at least {@code rmax / refine * (1 + 1e-9)}, so two points closer than {@code rmax} lie at most
 * {@code refine} planes (columns) apart even after rounding of the cell index; the neighbourhood searched is
 * {@code +-refine} cells (Corrfunc's "bin refine factor"). The number of cells per axis is capped near {@code 2
 * sqrt(N)} so sparse catalogs do not pay for empty cells (larger cells are still correct).
 *
 * <p>Periodic: the cube {@code [0, L)^3}, with {@code rmax < L/2} required so that at most one image of a pair is in
 * range. Non-periodic: the grid spans the catalogs' bounding box.
 */
public record GridSpec(
        boolean periodic,
        double period,
        double x0,
        double y0,
        double extentX,
        double extentY,
        int ncx,
        int ncy,
        int refine,
        double rmax,
        double invX,
        double invY) {

    /** Relative margin on cell sizes (see class comment). */
    static final double MARGIN = 1e-9;

    /**
     * The grid for {@code bins} over the catalogs' extent: square cells of side at least rmax / refine.
     *
     * @param period cube side L, or 0 for non-periodic
     * @param lo minimum x, y over all catalogs (ignored when periodic)
     * @param hi maximum x, y over all catalogs (ignored when periodic)
     * @param nTotal number of points over all catalogs (caps the number of cells)
     * @param refine cells per rmax along x and y (1..4)
     */
    public static GridSpec create(Bins bins, double period, double[] lo, double[] hi, long nTotal, int refine) {
        double rmax = bins.rmax();
        if (refine < 1 || refine > 4) {
            throw new UserError("cells per rmax (refine) must be 1..4, got " + refine);
        }
        boolean periodic = period > 0;
        if (periodic && !(rmax < period / 2)) {
            throw new UserError("rmax " + rmax + " must be less than half the box side L/2 = " + period / 2
                    + " for periodic boundaries (minimum image)");
        }
        double x0 = periodic ? 0 : lo[0];
        double y0 = periodic ? 0 : lo[1];
        double ex = periodic ? period : hi[0] - lo[0];
        double ey = periodic ? period : hi[1] - lo[1];
        int cap = (int) Math.max(refine + 1, Math.min(4096, Math.floor(2 * Math.sqrt((double) Math.max(1, nTotal)))));
        int nx = cells(ex, rmax, refine, cap);
        int ny = cells(ey, rmax, refine, cap);
        if (periodic && (nx <= refine || ny <= refine)) {
            // Only reachable for rmax close to L/2: fall back to one cell per rmax.
            return create(bins, period, lo, hi, nTotal, 1);
        }
        return new GridSpec(
                periodic,
                periodic ? period : 0,
                x0,
                y0,
                ex,
                ey,
                nx,
                ny,
                refine,
                rmax,
                ex > 0 ? nx / ex : 0,
                ey > 0 ? ny / ey : 0);
    }

    private static int cells(double extent, double rmax, int refine, int cap) {
        if (!(extent > 0)) {
            return 1;
        }
        double n = Math.floor(extent * refine / (rmax * (1 + MARGIN)));
        return (int) Math.max(1, Math.min(cap, n));
    }

    /** Plane (x cell) of a coordinate, in [0, ncx). */
    public int planeOf(double x) {
        int p = (int) ((x - x0) * invX);
        return p < 0 ? 0 : (p >= ncx ? ncx - 1 : p);
    }

    /** Column (y cell) of a coordinate, in [0, ncy). */
    public int columnOf(double y) {
        int c = (int) ((y - y0) * invY);
        return c < 0 ? 0 : (c >= ncy ? ncy - 1 : c);
    }

    /** Halo planes a slab ending before plane {@code end} needs: {@code [end, end + haloWidth(end))}, unwrapped. */
    public int haloWidth(int end) {
        return periodic ? refine : Math.max(0, Math.min(refine, ncx - end));
    }

    /** Shift added to x of a point of plane {@code unwrapped mod ncx} seen as unwrapped plane {@code unwrapped}. */
    public double xShift(int unwrapped) {
        return unwrapped >= ncx ? period : 0;
    }
}
