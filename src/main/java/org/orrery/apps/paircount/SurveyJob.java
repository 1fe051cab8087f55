package org.orrery.apps.paircount;

import java.util.Arrays;
import java.util.List;
import org.orrery.model.UserError;
import org.orrery.parallel.Comm;
import org.orrery.physics.cosmology.FlatLcdm;
import org.orrery.physics.paircount.Bins;
import org.orrery.physics.paircount.ExactSum;
import org.orrery.physics.paircount.PairCounter;
import org.orrery.physics.paircount.Patches;
import org.orrery.physics.paircount.PointSet;
import org.orrery.physics.paircount.SkyPoints;
import org.orrery.physics.paircount.SurveyBinning;
import org.orrery.sim.Distributed;
import org.orrery.sim.SlabPairCount;
import org.orrery.sim.SlabSurveyCount;

/**
 * The survey paircount job on every rank ({@code --mode rppi|smu|theta}, sky coordinates or jackknife patches): load
 * the raw columns (chunks dealt round-robin), turn sky rows into Cartesian points on the rank that holds them
 * ({@link SkyPoints}: pure per row, so the result does not depend on the rank count), fit and apply the jackknife
 * patches ({@link SlabSurveyCount#kmeans} on the sky, cubes in a box), then one {@link SlabSurveyCount} pass. No
 * printing, no files.
 */
final class SurveyJob {
    private SurveyJob() {}

    /** collective: runs the survey count; the counts of the result are valid on rank 0. */
    static SurveyResult run(Comm comm, PairCountConfig c, SurveyConfig s) {
        double t0 = comm.wtime();
        Bins bins = c.edges() == null ? c.spacedBins() : PairCountJob.readEdges(comm, c); // collective
        SurveyBinning b = binning(c, s, bins);
        double period = s.sky() ? 0 : c.period();

        double ta = comm.wtime();
        Distributed.Loaded d;
        if (c.data() != null) {
            d = SurveyInput.read(comm, c.data(), SurveyInput.columns(c.columns(), s, c.weights()), period); // coll.
        } else if (s.sky()) {
            d = SurveyInput.skyCatalog(comm, c, s, false, 0);
        } else {
            d = Distributed.generate(comm, c.dataSource());
        }
        long nd = comm.allReduce((long) d.points().size(), Comm.Op.SUM); // collective
        CatalogChecks.check(
                comm,
                d.points(),
                nd,
                PairCountJob.dataName(c),
                !s.sky() && c.randoms() == null && c.randomFactor() > 0 && c.box() == null,
                null); // collective
        Distributed.Loaded r = null;
        if (c.randoms() != null) {
            List<String> rc = SurveyInput.columns(c.randomColumns(), s, c.weights());
            r = SurveyInput.read(comm, c.randoms(), rc, period); // collective
        } else if (c.randomFactor() > 0) {
            long n = Math.max(1, Math.round(c.randomFactor() * nd));
            if (s.sky()) {
                r = SurveyInput.skyCatalog(comm, c, s, true, n);
            } else {
                SlabPairCount.Box box = c.box() == null ? SlabPairCount.bounds3(comm, d.points()) : null; // collective
                r = SlabPairCount.uniformRandoms(
                        comm, n, c.seed() + 1, c.box() != null ? c.box() : 0, box, true); // collective
            }
        }
        long nr = r == null ? 0 : comm.allReduce((long) r.points().size(), Comm.Op.SUM); // collective
        String dataName = c.data() != null ? c.data().toString() : "the generated catalog";
        String randName = c.randoms() != null ? c.randoms().toString() : "the generated randoms";
        boolean w = c.weights();
        PointSet dp = points(comm, s, d.points(), r == null ? null : r.points(), dataName, period, w); // collective
        PointSet rp = r == null ? null : points(comm, s, r.points(), d.points(), randName, period, w); // collective
        double load = comm.wtime() - ta;

        long[] dPatch = null;
        long[] rPatch = null;
        if (s.patches() > 0) {
            Patches patches = s.sky()
                    ? SlabSurveyCount.kmeans(
                            comm, dp, nd, s.patches(), s.patchSeed(), s.patchSample(), dataName) // collective
                    : cubes(comm, c, s, dp, rp); // collective
            dPatch = SlabSurveyCount.label(comm, patches, dp, dataName); // collective
            rPatch = rp == null ? null : SlabSurveyCount.label(comm, patches, rp, randName); // collective
        }
        ExactSum sums = w ? SlabSurveyCount.productWindow(comm, dp, rp) : null; // collective
        SurveyResult.Weights weights = null;
        if (w) {
            weights = new SurveyResult.Weights(
                    SlabSurveyCount.weightTotals(comm, dp, s.patches(), sums), // collective
                    rp == null ? null : SlabSurveyCount.weightTotals(comm, rp, s.patches(), sums)); // collective
        }
        SlabSurveyCount.Pass pass = SlabSurveyCount.count(
                comm, b, s.patches(), sums, c.refine(), c.threads(), nd + nr, dp, rp); // collective
        long[] heap = comm.allGather(PairCountJob.peakHeap()); // collective
        return new SurveyResult(
                comm.size(),
                comm.libraryVersion(),
                b,
                nd,
                nr,
                dPatch,
                rPatch,
                weights,
                pass,
                heap,
                load,
                comm.wtime() - t0);
    }

    static SurveyBinning binning(PairCountConfig c, SurveyConfig s, Bins bins) {
        boolean sky = s.coords().sky();
        double period = sky ? 0 : c.period();
        return switch (s.mode()) {
            case RPPI -> SurveyBinning.rppi(bins, s.pimax(), s.npibins(), sky, period);
            case SMU -> SurveyBinning.smu(bins, s.muMax(), s.nmuBins(), sky, period);
            case THETA -> SurveyBinning.theta(bins);
            case R -> SurveyBinning.r(bins, sky, period);
        };
    }

    /**
     * collective: the labelled Cartesian points of raw rows (x y z kept for a box; RA Dec z/D converted on the sky, in
     * runs of consecutive rows so messages name the catalog row), weighted when {@code weighted} (weights checked
     * {@link #checkWeights}). {@code other} is the other catalog (for the redshift table's zmax).
     */
    private static PointSet points(
            Comm comm, SurveyConfig s, PointSet raw, PointSet other, String source, double period, boolean weighted) {
        if (!s.sky()) {
            String error = null;
            try {
                PairCounter.checkInBox(raw, period, source);
                if (weighted) {
                    checkWeights(raw, source);
                }
            } catch (UserError e) {
                error = e.getMessage();
            }
            comm.agree(error); // collective
            PointSet w = new PointSet(weighted, true, raw.size());
            append(w, raw, raw, 0);
            return w;
        }
        FlatLcdm cosmo = null;
        if (s.mode() != SurveyConfig.Mode.THETA && s.coords() == SurveyConfig.Coords.SKY_Z) {
            double zmax = Math.max(maxFinite(raw), other == null ? 0 : maxFinite(other));
            zmax = comm.allReduce(zmax, Comm.Op.MAX); // collective
            cosmo = new FlatLcdm(s.omegaM(), s.h() == null ? 1 : s.h(), zmax > 0 ? zmax : 1);
        }
        PointSet out = new PointSet(weighted, true, raw.size());
        String error = null;
        try {
            if (weighted) {
                checkWeights(raw, source);
            }
            int i = 0;
            while (i < raw.size()) {
                int j = i + 1;
                while (j < raw.size() && raw.id(j) == raw.id(j - 1) + 1) {
                    j++;
                }
                append(out, convert(s, cosmo, raw, i, j, source), raw, i);
                i = j;
            }
        } catch (UserError e) {
            error = e.getMessage();
        }
        comm.agree(error); // collective
        if (cosmo != null && s.h() != null) {
            double f = 1 / s.h();
            for (int i = 0; i < out.size(); i++) {
                out.xs()[i] *= f;
                out.ys()[i] *= f;
                out.zs()[i] *= f;
            }
        }
        return out;
    }

    private static PointSet convert(SurveyConfig s, FlatLcdm cosmo, PointSet raw, int from, int to, String source) {
        int n = to - from;
        double[] ra = Arrays.copyOfRange(raw.xs(), from, to);
        double[] dec = Arrays.copyOfRange(raw.ys(), from, to);
        double[] third = Arrays.copyOfRange(raw.zs(), from, to);
        long first = raw.id(from);
        if (s.mode() == SurveyConfig.Mode.THETA) {
            return SkyPoints.onSphere(ra, dec, null, n, first, source);
        }
        return cosmo != null
                ? SkyPoints.fromRedshift(ra, dec, third, cosmo, null, n, first, source)
                : SkyPoints.fromDistance(ra, dec, third, null, n, first, source);
    }

    /** Appends the points of {@code part} with the weights of {@code raw} rows from {@code first} on. */
    private static void append(PointSet out, PointSet part, PointSet raw, int first) {
        for (int i = 0; i < part.size(); i++) {
            out.add(part.x(i), part.y(i), part.z(i), raw.w(first + i), part.id(i), 0, 0);
        }
    }

    /**
     * Weights must be finite (the readers check), &gt;= 0, and at most 1e150 (so every product w_i·w_j is finite): one
     * line naming the catalog and row.
     */
    static void checkWeights(PointSet raw, String source) {
        for (int i = 0; i < raw.size(); i++) {
            double w = raw.w(i);
            if (!(w >= 0 && w <= MAX_WEIGHT)) {
                throw new UserError("weight " + w + " on row " + (raw.id(i) + 1) + " of " + source
                        + " must be finite, >= 0 and <= 1e150");
            }
        }
    }

    /** Largest accepted weight: its square is finite. */
    static final double MAX_WEIGHT = 1e150;

    private static double maxFinite(PointSet s) {
        double m = 0;
        for (int i = 0; i < s.size(); i++) {
            if (Double.isFinite(s.z(i))) {
                m = Math.max(m, s.z(i));
            }
        }
        return Math.min(m, 1e4);
    }

    /** collective: K = m³ cubes over the periodic box, or over the bounding cube of data and randoms. */
    private static Patches cubes(Comm comm, PairCountConfig c, SurveyConfig s, PointSet d, PointSet r) {
        double[] lo = {0, 0, 0};
        double side;
        if (c.periodic()) {
            side = c.box();
        } else {
            SlabPairCount.Box bd = SlabPairCount.bounds3(comm, d); // collective
            SlabPairCount.Box br = r == null ? bd : SlabPairCount.bounds3(comm, r); // collective
            side = 0;
            for (int a = 0; a < 3; a++) {
                lo[a] = Math.min(bd.lo()[a], br.lo()[a]);
                double hi = Math.max(bd.lo()[a] + bd.extent()[a], br.lo()[a] + br.extent()[a]);
                side = Math.max(side, hi - lo[a]);
            }
        }
        return Patches.cubes(s.patches(), lo, side > 0 ? side : 1);
    }
}
