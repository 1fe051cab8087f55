package org.orrery.sim;

import org.orrery.model.UserError;
import org.orrery.parallel.Comm;
import org.orrery.physics.paircount.Bins;
import org.orrery.physics.paircount.CatalogGenerator;
import org.orrery.physics.paircount.CellCounter;
import org.orrery.physics.paircount.GridSpec;
import org.orrery.physics.paircount.LocalGrid;
import org.orrery.physics.paircount.PairCounts;
import org.orrery.physics.paircount.PlanePartials;
import org.orrery.physics.paircount.PointSet;
import org.orrery.physics.paircount.Slabs;

/**
 * One distributed pair count over slabs of cell planes: the global grid is fixed (it depends on rmax, the box or
 * bounding box and N only) → slabs of planes along x balanced by point count → every point moves to its slab's owner
 * ({@link Distributed#redistribute}) → each rank receives the halo of planes within rmax to its right
 * ({@link Distributed#halo}, periodic wrap included) → local cell lists and counts, each pair counted by the plane of
 * its lower-x point → integer counts Reduce(SUM) onto rank 0; floating-point sums gathered per plane and added in plane
 * order. Counts, weight sums and mean separations are therefore the same bits at any number of ranks and threads. Every
 * public method is collective.
 */
public final class SlabPairCount {
    private SlabPairCount() {}

    /** What is counted: bins, periodic side (0 = open), cells per rmax, weights, DD mean separations, threads. */
    public record Setup(Bins bins, double period, int refine, boolean weights, boolean separations, int threads) {}

    /** Wall times of one pass in seconds (grid and count: the slowest rank). */
    public record Phases(double decompose, double grid, double count, double pass) {
        /** The faster of two passes, phase by phase. */
        public Phases min(Phases o) {
            return new Phases(
                    Math.min(decompose, o.decompose),
                    Math.min(grid, o.grid),
                    Math.min(count, o.count),
                    Math.min(pass, o.pass));
        }
    }

    /**
     * One pass: grid, slab bounds (planes [bounds[r], bounds[r+1]) on rank r), counts (valid on rank 0; dr and rr null
     * without randoms), its phase times, and per rank the points held (own + halo), the bytes of the cell lists and the
     * own points.
     */
    public record Pass(
            GridSpec grid,
            int[] bounds,
            PairCounts dd,
            PairCounts dr,
            PairCounts rr,
            Phases phases,
            long[] pointsPerRank,
            long[] bytesPerRank,
            long[] ownPerRank) {
        /** Whether two passes found the same counts (meaningful on rank 0). */
        public boolean sameCounts(Pass o) {
            return dd.equals(o.dd) && java.util.Objects.equals(dr, o.dr) && java.util.Objects.equals(rr, o.rr);
        }
    }

    /** Staged (loaded, not yet decomposed) points; dropped by the last pass to free memory. */
    public static final class Staged {
        private PointSet data;
        private PointSet randoms;

        /** {@code randoms} may be null (DD only). */
        public Staged(PointSet data, PointSet randoms) {
            this.data = data;
            this.randoms = randoms;
        }
    }

    /**
     * collective: global grid, slabs balanced by count, redistribution and halos, local cell lists, counting and Reduce
     * onto rank 0. Keeps the staged points when {@code keep}, else drops them as soon as they have been redistributed.
     * {@code nTotal} is the number of points over all catalogs and ranks.
     */
    public static Pass count(Comm comm, Setup s, long nTotal, Staged staged, boolean keep) {
        int rank = comm.rank();
        int p = comm.size();
        double tb = comm.wtime();
        double[] lo = new double[2];
        double[] hi = new double[2];
        globalBounds(comm, lo, hi, staged.data, staged.randoms); // collective
        GridSpec g;
        String error = null;
        try {
            g = GridSpec.create(s.bins(), s.period(), lo, hi, nTotal, s.refine());
        } catch (UserError e) {
            g = null;
            error = e.getMessage();
        }
        comm.agree(g == null ? error : null); // collective
        long[] perPlane = new long[g.ncx()];
        addPlaneCounts(g, staged.data, perPlane);
        if (staged.randoms != null) {
            addPlaneCounts(g, staged.randoms, perPlane);
        }
        comm.allReduce(perPlane, perPlane.length, Comm.Op.SUM); // collective
        int[] bounds = Slabs.balance(perPlane, p);
        PointSet dOwn = Distributed.redistribute(comm, g, bounds, staged.data); // collective
        PointSet rStaged = staged.randoms;
        if (!keep) {
            staged.data = null;
            staged.randoms = null;
        }
        PointSet dHalo = Distributed.halo(comm, g, bounds, dOwn); // collective
        PointSet rOwn = null;
        PointSet rHalo = null;
        if (rStaged != null) {
            rOwn = Distributed.redistribute(comm, g, bounds, rStaged); // collective
            rStaged = null;
            rHalo = Distributed.halo(comm, g, bounds, rOwn); // collective
        }
        double decompose = comm.wtime() - tb;

        // Local cell lists and counts.
        double tc = comm.wtime();
        int p0 = bounds[rank];
        int p1 = bounds[rank + 1];
        int[] hr = Slabs.haloRange(g, bounds, rank);
        int localPlanes = (p1 - p0) + (hr[1] - hr[0]);
        LocalGrid dg = LocalGrid.build(g, p0, localPlanes, s.threads(), dOwn, dHalo);
        LocalGrid rg = rOwn == null ? null : LocalGrid.build(g, p0, localPlanes, s.threads(), rOwn, rHalo);
        long localPoints = (long) dOwn.size() + dHalo.size() + (rOwn == null ? 0L : (long) rOwn.size() + rHalo.size());
        long ownPoints = (long) dOwn.size() + (rOwn == null ? 0 : rOwn.size());
        dOwn = null;
        dHalo = null;
        rOwn = null;
        rHalo = null;
        double grid = comm.allReduce(comm.wtime() - tc, Comm.Op.MAX); // collective
        tc = comm.wtime();
        Bins bins = s.bins();
        PlanePartials ddp = CellCounter.auto(dg, p0, p1, bins, s.weights(), s.separations(), s.threads());
        PlanePartials drp =
                rg == null ? null : CellCounter.cross(dg, rg, p0, p1, bins, s.weights(), false, s.threads());
        PlanePartials rrp = rg == null ? null : CellCounter.auto(rg, p0, p1, bins, s.weights(), false, s.threads());
        double countSeconds = comm.wtime() - tc;
        long localBytes = dg.bytes() + (rg == null ? 0 : rg.bytes());

        PairCounts dd = combine(comm, ddp, bins.count(), s.weights(), s.separations()); // collective
        PairCounts dr = drp == null ? null : combine(comm, drp, bins.count(), s.weights(), false); // collective
        PairCounts rr = rrp == null ? null : combine(comm, rrp, bins.count(), s.weights(), false); // collective
        double count = comm.allReduce(countSeconds, Comm.Op.MAX); // collective
        Phases phases = new Phases(decompose, grid, count, comm.wtime() - tb);
        long[] pointsPerRank = comm.allGather(localPoints); // collective
        long[] bytesPerRank = comm.allGather(localBytes); // collective
        long[] ownPerRank = comm.allGather(ownPoints); // collective
        return new Pass(g, bounds, dd, dr, rr, phases, pointsPerRank, bytesPerRank, ownPerRank);
    }

    /** A box: lower corner and extent along x, y, z. */
    public record Box(double[] lo, double[] extent) {}

    /** collective: the bounding box of a distributed point set along x, y, z. */
    public static Box bounds3(Comm comm, PointSet s) {
        double[] mn = {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY};
        double[] mx = {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY};
        for (int i = 0; i < s.size(); i++) {
            mn[0] = Math.min(mn[0], s.x(i));
            mn[1] = Math.min(mn[1], s.y(i));
            mn[2] = Math.min(mn[2], s.z(i));
            mx[0] = Math.max(mx[0], s.x(i));
            mx[1] = Math.max(mx[1], s.y(i));
            mx[2] = Math.max(mx[2], s.z(i));
        }
        comm.allReduce(mn, 3, Comm.Op.MIN); // collective
        comm.allReduce(mx, 3, Comm.Op.MAX); // collective
        return new Box(mn, new double[] {mx[0] - mn[0], mx[1] - mn[1], mx[2] - mn[2]});
    }

    /**
     * collective: {@code n} uniform randoms from stream {@code seed}, generated chunk by chunk on every rank: in the
     * periodic cube [0, side)^3 when {@code box} is null, else in the box.
     */
    public static Distributed.Loaded uniformRandoms(
            Comm comm, long n, long seed, double side, Box box, boolean weighted) {
        Distributed.Loaded u = Distributed.generate(comm, CatalogGenerator.uniform(seed, n, 1.0));
        PointSet s = u.points();
        PointSet out = new PointSet(weighted, s.size());
        for (int i = 0; i < s.size(); i++) {
            double x;
            double y;
            double z;
            if (box == null) {
                x = CatalogGenerator.wrap(s.x(i) * side, side);
                y = CatalogGenerator.wrap(s.y(i) * side, side);
                z = CatalogGenerator.wrap(s.z(i) * side, side);
            } else {
                x = box.lo()[0] + s.x(i) * box.extent()[0];
                y = box.lo()[1] + s.y(i) * box.extent()[1];
                z = box.lo()[2] + s.z(i) * box.extent()[2];
            }
            out.add(x, y, z, 1, s.id(i), 0);
        }
        return new Distributed.Loaded(out, u.chunkIndex(), u.chunkSumW(), u.chunkSumW2());
    }

    private static void globalBounds(Comm comm, double[] lo, double[] hi, PointSet a, PointSet b) {
        double[] mn = {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY};
        double[] mx = {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY};
        for (PointSet s : new PointSet[] {a, b}) {
            if (s == null) {
                continue;
            }
            for (int i = 0; i < s.size(); i++) {
                mn[0] = Math.min(mn[0], s.x(i));
                mn[1] = Math.min(mn[1], s.y(i));
                mx[0] = Math.max(mx[0], s.x(i));
                mx[1] = Math.max(mx[1], s.y(i));
            }
        }
        comm.allReduce(mn, 2, Comm.Op.MIN); // collective
        comm.allReduce(mx, 2, Comm.Op.MAX); // collective
        lo[0] = mn[0];
        lo[1] = mn[1];
        hi[0] = mx[0];
        hi[1] = mx[1];
    }

    private static void addPlaneCounts(GridSpec g, PointSet s, long[] perPlane) {
        for (int i = 0; i < s.size(); i++) {
            perPlane[g.planeOf(s.x(i))]++;
        }
    }

    /**
     * collective: integer counts Reduce(SUM) onto rank 0; floating-point per-plane partials gathered onto rank 0 in
     * rank order (= plane order) and summed plane by plane. Result valid on rank 0.
     */
    private static PairCounts combine(Comm comm, PlanePartials part, int nbins, boolean w, boolean sep) {
        long[] counts = part.countTotals();
        comm.reduce(counts, nbins, Comm.Op.SUM, 0); // collective
        double[] packed = new double[0];
        if (w || sep) {
            packed = comm.gatherVariable(part.packedSums(), 0).data(); // collective
        }
        return PlanePartials.combine(counts, packed, nbins, w, sep);
    }
}
