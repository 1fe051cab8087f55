package org.orrery.sim;

import org.orrery.model.UserError;
import org.orrery.parallel.Comm;
import org.orrery.physics.paircount.Blocks;
import org.orrery.physics.paircount.ExactSum;
import org.orrery.physics.paircount.GridSpec;
import org.orrery.physics.paircount.LocalGrid;
import org.orrery.physics.paircount.Patches;
import org.orrery.physics.paircount.PointSet;
import org.orrery.physics.paircount.Slabs;
import org.orrery.physics.paircount.SurveyBinning;
import org.orrery.physics.paircount.SurveyCounter;
import org.orrery.physics.paircount.SurveyCounts;

/**
 * One distributed survey pair count ((rp, π), (s, μ), θ or r with jackknife patches) over a slab or 2-D block
 * decomposition ({@link Blocks}): the global grid is built from {@link SurveyBinning#gridBins()} (so its cells are
 * sized by the binning's grid radius) → slabs of planes along x balanced by point count, split into blocks of columns
 * when there are more ranks than the slabs can use efficiently → {@link Distributed#redistribute} and
 * {@link Distributed#halo} (the patch label of every point travels in its weight slot) → local cell lists →
 * {@link SurveyCounter} on the block each rank owns → the exact integer counts (total and per patch,
 * {@link SurveyCounts#packed()}) Reduce(SUM) onto rank 0. Integer sums do not depend on their order, so the counts are
 * the same at any number of ranks and threads.
 *
 * <p>Also here: the patch step that must not depend on the rank count. Sky patches are fitted by k-means on an
 * np-independent sample (rows whose global id is a multiple of {@code ceil(N / sample)}), gathered to rank 0 in id
 * order, and the centres broadcast; every rank then labels its own points. Every public method is collective.
 */
public final class SlabSurveyCount {
    private SlabSurveyCount() {}

    /**
     * The counts on rank 0 (dr and rr null without randoms), the decomposition, and per rank own points, own + halo
     * points and cell-list bytes; decomposition and count times (slowest rank).
     */
    public record Pass(
            SurveyCounts dd,
            SurveyCounts dr,
            SurveyCounts rr,
            Blocks blocks,
            long[] ownPerRank,
            long[] localPerRank,
            long[] bytesPerRank,
            double decompose,
            double count) {}

    /**
     * collective: counts DD (and DR, RR when {@code randoms} is not null) of the distributed points with
     * {@code patches} jackknife patches (0: none), on the decomposition {@link Blocks#slabsFor} chooses.
     * {@code nTotal}: points over all catalogs and ranks (it sizes the grid).
     */
    public static Pass count(
            Comm comm,
            SurveyBinning b,
            int patches,
            int refine,
            int threads,
            long nTotal,
            PointSet data,
            PointSet randoms) {
        return count(comm, b, patches, null, refine, threads, nTotal, data, randoms, null);
    }

    /**
     * collective: as {@link #count(Comm, SurveyBinning, int, int, int, long, PointSet, PointSet)} with exact weight
     * sums of the pair products in the window {@code sums} (null: unweighted; the same window on every rank, e.g.
     * {@link #productWindow}).
     */
    public static Pass count(
            Comm comm,
            SurveyBinning b,
            int patches,
            ExactSum sums,
            int refine,
            int threads,
            long nTotal,
            PointSet data,
            PointSet randoms) {
        return count(comm, b, patches, sums, refine, threads, nTotal, data, randoms, null);
    }

    /**
     * collective: as {@link #count(Comm, SurveyBinning, int, int, int, long, PointSet, PointSet)} with the
     * decomposition forced ({@code kind} null: automatic) — for side-by-side measurements.
     */
    public static Pass count(
            Comm comm,
            SurveyBinning b,
            int patches,
            ExactSum sums,
            int refine,
            int threads,
            long nTotal,
            PointSet data,
            PointSet randoms,
            Blocks.Kind kind) {
        int rank = comm.rank();
        double tb = comm.wtime();
        double[] lo = {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY};
        double[] hi = {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY};
        for (PointSet s : new PointSet[] {data, randoms}) {
            for (int i = 0; s != null && i < s.size(); i++) {
                lo[0] = Math.min(lo[0], s.x(i));
                lo[1] = Math.min(lo[1], s.y(i));
                hi[0] = Math.max(hi[0], s.x(i));
                hi[1] = Math.max(hi[1], s.y(i));
            }
        }
        comm.allReduce(lo, 2, Comm.Op.MIN); // collective
        comm.allReduce(hi, 2, Comm.Op.MAX); // collective
        GridSpec g = null;
        String error = null;
        try {
            int r = SurveyCounter.refine(refine, b, lo, hi, nTotal, sums != null || patches > 0);
            g = GridSpec.create(b.gridBins(), b.period(), lo, hi, nTotal, r);
        } catch (UserError e) {
            error = e.getMessage();
        }
        comm.agree(error); // collective
        Blocks blocks = decompose(comm, g, kind, data, randoms); // collective
        PointSet dOwn = Distributed.redistribute(comm, g, blocks::ownerOf, data); // collective
        PointSet dHalo = Distributed.halo(comm, blocks, dOwn); // collective
        PointSet rOwn =
                randoms == null ? null : Distributed.redistribute(comm, g, blocks::ownerOf, randoms); // collective
        PointSet rHalo = randoms == null ? null : Distributed.halo(comm, blocks, rOwn); // collective
        double decompose = comm.wtime() - tb;

        double tc = comm.wtime();
        int[] block = blocks.block(rank);
        int planes = blocks.localPlanes(rank);
        LocalGrid dg = LocalGrid.build(g, block[0], planes, threads, dOwn, dHalo);
        LocalGrid rg = rOwn == null ? null : LocalGrid.build(g, block[0], planes, threads, rOwn, rHalo);
        long own = (long) dOwn.size() + (rOwn == null ? 0 : rOwn.size());
        long local = own + dHalo.size() + (rHalo == null ? 0 : rHalo.size());
        long bytes = dg.bytes() + (rg == null ? 0 : rg.bytes());
        SurveyCounts dd = SurveyCounter.autoBlock(dg, block, b, patches, sums, threads);
        SurveyCounts dr = rg == null ? null : SurveyCounter.crossBlock(dg, rg, block, b, patches, sums, threads);
        SurveyCounts rr = rg == null ? null : SurveyCounter.autoBlock(rg, block, b, patches, sums, threads);
        double count = comm.allReduce(comm.wtime() - tc, Comm.Op.MAX); // collective
        dd = reduce(comm, dd, b.size(), patches); // collective
        dr = dr == null ? null : reduce(comm, dr, b.size(), patches); // collective
        rr = rr == null ? null : reduce(comm, rr, b.size(), patches); // collective
        return new Pass(
                dd,
                dr,
                rr,
                blocks,
                comm.allGather(own),
                comm.allGather(local), // collective
                comm.allGather(bytes),
                decompose,
                count); // collective
    }

    /**
     * collective: per-plane counts (allReduce) → number of slabs ({@link Blocks#slabsFor}, or forced by {@code kind}) →
     * slab bounds → with several ranks per slab, per-(slab, column) counts (allReduce) → column bounds. Every rank
     * computes the same layout.
     */
    private static Blocks decompose(Comm comm, GridSpec g, Blocks.Kind kind, PointSet data, PointSet randoms) {
        int p = comm.size();
        long[] perPlane = new long[g.ncx()];
        for (PointSet s : new PointSet[] {data, randoms}) {
            for (int i = 0; s != null && i < s.size(); i++) {
                perPlane[g.planeOf(s.x(i))]++;
            }
        }
        comm.allReduce(perPlane, perPlane.length, Comm.Op.SUM); // collective
        int slabs = kind == null ? Blocks.slabsFor(g, p) : kind == Blocks.Kind.SLABS ? p : Blocks.blockSlabsFor(g, p);
        int[] slabRank = Blocks.slabRanks(p, slabs);
        int[] slabX = Blocks.slabBounds(perPlane, slabRank);
        if (slabs == p) {
            return Blocks.slabs(g, slabX);
        }
        int ncy = g.ncy();
        long[] cols = new long[Math.multiplyExact(slabs, ncy)];
        for (PointSet s : new PointSet[] {data, randoms}) {
            for (int i = 0; s != null && i < s.size(); i++) {
                cols[Slabs.owner(slabX, g.planeOf(s.x(i))) * ncy + g.columnOf(s.y(i))]++;
            }
        }
        comm.allReduce(cols, cols.length, Comm.Op.SUM); // collective
        return Blocks.of(g, slabX, slabRank, cols);
    }

    private static SurveyCounts reduce(Comm comm, SurveyCounts c, int nbins, int patches) {
        long[] packed = c.packed();
        comm.reduce(packed, packed.length, Comm.Op.SUM, 0); // collective
        return SurveyCounts.unpack(packed, nbins, patches, c.window());
    }

    /**
     * collective: the window for exact sums of pair products of the weights of these catalogs (null entries skipped):
     * from the smallest positive and the largest weight over all ranks, so every rank builds the same window.
     */
    public static ExactSum productWindow(Comm comm, PointSet... sets) {
        double[] range = range(comm, sets); // collective
        return ExactSum.forProducts(range[0], range[1]);
    }

    /** collective: smallest positive and largest weight over all ranks ({1, 1} when no weight is positive). */
    private static double[] range(Comm comm, PointSet... sets) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = 0;
        for (PointSet s : sets) {
            for (int i = 0; s != null && i < s.size(); i++) {
                double w = s.w(i);
                if (w > 0) {
                    lo = Math.min(lo, w);
                    hi = Math.max(hi, w);
                }
            }
        }
        lo = comm.allReduce(lo, Comm.Op.MIN); // collective
        hi = comm.allReduce(hi, Comm.Op.MAX); // collective
        return hi > 0 ? new double[] {lo, hi} : new double[] {1, 1};
    }

    /**
     * Σw and Σw² of a catalog, exact and rounded once: {@code sumW[0]}, {@code sumW2[0]} for the whole catalog and
     * {@code sumW[k + 1]}, {@code sumW2[k + 1]} without jackknife patch k (what the weighted pair normalisations need).
     */
    public record WeightTotals(double[] sumW, double[] sumW2) {}

    /**
     * collective: {@link WeightTotals} of the distributed catalog {@code s} (labelled with patches when {@code patches
     * > 0}), from exact per-patch sums reduced over ranks, so they do not depend on the rank count.
     */
    public static WeightTotals weightTotals(Comm comm, PointSet s, int patches, ExactSum products) {
        double[] range = range(comm, s); // collective
        ExactSum w1 = ExactSum.forTerms(range[0], range[1]);
        int groups = Math.max(1, patches);
        int l1 = w1.limbs();
        int l2 = products.limbs();
        long[] a1 = new long[groups * l1];
        long[] a2 = new long[groups * l2];
        for (int i = 0; i < s.size(); i++) {
            int k = patches > 0 ? s.label(i) : 0;
            double w = s.w(i);
            w1.add(a1, k * l1, w);
            products.add(a2, k * l2, w * w);
            if ((i + 1) % ExactSum.SAFE_ADDS == 0) {
                w1.normaliseAll(a1);
                products.normaliseAll(a2);
            }
        }
        w1.normaliseAll(a1);
        products.normaliseAll(a2);
        comm.allReduce(a1, a1.length, Comm.Op.SUM); // collective
        comm.allReduce(a2, a2.length, Comm.Op.SUM); // collective
        w1.normaliseAll(a1);
        products.normaliseAll(a2);
        return new WeightTotals(totals(w1, a1, groups, patches), totals(products, a2, groups, patches));
    }

    private static double[] totals(ExactSum sums, long[] perGroup, int groups, int patches) {
        int l = sums.limbs();
        long[] all = new long[l];
        for (int k = 0; k < groups; k++) {
            for (int j = 0; j < l; j++) {
                all[j] += perGroup[k * l + j];
            }
            sums.normalise(all, 0);
        }
        double[] out = new double[patches + 1];
        out[0] = sums.toDouble(all, 0);
        long[] d = new long[l];
        for (int k = 0; k < patches; k++) {
            sums.difference(all, 0, perGroup, k * l, d, 0);
            out[k + 1] = sums.toDouble(d, 0);
        }
        return out;
    }

    /**
     * collective: sky patches by k-means of the directions of an np-independent sample of {@code s} (rows with global
     * id % stride == 0, stride = ceil(nTotal / sample)), fitted on rank 0 and broadcast. Throws (on every rank) when
     * the catalog has fewer points than patches.
     */
    public static Patches kmeans(
            Comm comm, PointSet s, long nTotal, int patches, long seed, int sample, String source) {
        long stride = Math.max(1, (nTotal + sample - 1) / sample);
        int m = 0;
        for (int i = 0; i < s.size(); i++) {
            if (s.id(i) % stride == 0) {
                m++;
            }
        }
        double[] mine = new double[4 * m];
        m = 0;
        for (int i = 0; i < s.size(); i++) {
            if (s.id(i) % stride == 0) {
                mine[m++] = s.id(i);
                mine[m++] = s.x(i);
                mine[m++] = s.y(i);
                mine[m++] = s.z(i);
            }
        }
        double[] all = comm.gatherVariable(mine, 0).data(); // collective
        double[] centres = new double[3 * patches];
        String error = null;
        if (comm.rank() == 0) {
            int n = all.length / 4;
            double[] x = new double[n];
            double[] y = new double[n];
            double[] z = new double[n];
            Integer[] order = new Integer[n];
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            java.util.Arrays.sort(order, (a, c) -> Double.compare(all[4 * a], all[4 * c])); // id order
            for (int i = 0; i < n; i++) {
                int o = order[i];
                x[i] = all[4 * o + 1];
                y[i] = all[4 * o + 2];
                z[i] = all[4 * o + 3];
            }
            try {
                if (nTotal < patches) {
                    throw new UserError(
                            "cannot make " + patches + " jackknife patches from " + nTotal + " points, " + source);
                }
                centres = Patches.kmeans(x, y, z, n, patches, seed, sample, 50, source)
                        .centres();
            } catch (UserError e) {
                error = e.getMessage();
            }
        }
        comm.agree(error); // collective
        comm.bcast(centres, 0, centres.length, 0); // collective
        return Patches.ofCentres(centres);
    }

    /**
     * collective: labels every local point of {@code s} with its patch and returns the points per patch over all ranks;
     * throws on every rank when a patch is empty (naming {@code source}).
     */
    public static long[] label(Comm comm, Patches patches, PointSet s, String source) {
        int[] local = patches.label(s);
        long[] counts = new long[local.length];
        for (int k = 0; k < local.length; k++) {
            counts[k] = local[k];
        }
        comm.allReduce(counts, counts.length, Comm.Op.SUM); // collective
        String error = null;
        try {
            Patches.checkNonEmpty(counts, source);
        } catch (UserError e) {
            error = e.getMessage();
        }
        comm.agree(error); // collective
        return counts;
    }
}
