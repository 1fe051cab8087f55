package org.orrery.apps.paircount;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.util.List;
import org.orrery.io.catalog.CatalogReader;
import org.orrery.io.catalog.NumberFile;
import org.orrery.model.UserError;
import org.orrery.parallel.Comm;
import org.orrery.physics.paircount.Bins;
import org.orrery.sim.Distributed;
import org.orrery.sim.SlabPairCount;

/**
 * The paircount job on every rank: load the catalogs so that no rank holds all of them (read by rank 0 in chunks dealt
 * round-robin, or generated chunk by chunk on every rank), then one or more {@link SlabPairCount} passes, and gather
 * the per-rank figures. No printing, no files written.
 */
public final class PairCountJob {
    private PairCountJob() {}

    /** collective: runs {@code c}; the counts of the result are valid on rank 0. */
    public static PairCountResult run(Comm comm, PairCountConfig c) {
        double t0 = comm.wtime();
        Bins bins = c.edges() == null ? c.spacedBins() : readEdges(comm, c); // collective

        // Load: no rank ever holds the whole catalog.
        double ta = comm.wtime();
        double period = c.period();
        Distributed.Loaded d = c.data() != null
                ? read(comm, c.data(), c.columns(), c.weights(), period, c.threads()) // collective
                : Distributed.generate(comm, c.dataSource());
        long nd = comm.allReduce((long) d.points().size(), Comm.Op.SUM); // collective
        double[] dw = Distributed.weightSums(comm, d); // collective
        boolean boxRandoms = c.randoms() == null && c.randomFactor() > 0 && c.box() == null;
        SlabPairCount.Box bounds =
                CatalogChecks.check(comm, d.points(), nd, dataName(c), boxRandoms, System.err); // collective
        Distributed.Loaded r = null;
        if (c.randoms() != null) {
            r = read(comm, c.randoms(), c.randomColumns(), c.weights(), period, c.threads()); // collective
        } else if (c.randomFactor() > 0) {
            long n = Math.max(1, Math.round(c.randomFactor() * nd));
            // Without a box, randoms fill the data's bounding box (a cube at its lower corner would bias the counts).
            double side = c.box() != null ? c.box() : 0;
            r = SlabPairCount.uniformRandoms(
                    comm, n, c.seed() + 1, side, boxRandoms ? bounds : null, c.weights()); // collective
        }
        long nr = r == null ? 0 : comm.allReduce((long) r.points().size(), Comm.Op.SUM); // collective
        if (c.randoms() != null) {
            CatalogChecks.check(
                    comm, r.points(), nr, "the random catalog " + c.randoms(), false, System.err); // collective
        }
        double[] rw = r == null ? new double[2] : Distributed.weightSums(comm, r); // collective
        double load = comm.wtime() - ta;

        // Decompose and count; with repeat > 1 the whole pass runs again on the staged points and
        // the fastest time of each phase is kept (the counts must not change).
        SlabPairCount.Setup setup =
                new SlabPairCount.Setup(bins, period, c.refine(), c.weights(), c.ravg(), c.threads());
        SlabPairCount.Staged staged = new SlabPairCount.Staged(d.points(), r == null ? null : r.points());
        d = null;
        r = null;
        SlabPairCount.Pass pass = null;
        SlabPairCount.Phases fastest = null;
        for (int rep = 0; rep < c.repeat(); rep++) {
            SlabPairCount.Pass now =
                    SlabPairCount.count(comm, setup, nd + nr, staged, rep + 1 < c.repeat()); // collective
            if (comm.rank() == 0 && pass != null && !now.sameCounts(pass)) { // the reduced counts live on rank 0
                throw new IllegalStateException("pair counts changed between repetitions");
            }
            fastest = fastest == null ? now.phases() : now.phases().min(fastest);
            pass = now;
        }
        long[] heapPerRank = comm.allGather(peakHeap()); // collective
        double wall = comm.wtime() - t0;
        PairCountResult.Times times = new PairCountResult.Times(
                load, fastest.decompose(), fastest.grid(), fastest.count(), fastest.pass(), wall);
        return new PairCountResult(
                comm.size(),
                comm.libraryVersion(),
                bins,
                pass.grid(),
                pass.bounds(),
                nd,
                nr,
                dw,
                rw,
                pass.dd(),
                pass.dr(),
                pass.rr(),
                times,
                pass.pointsPerRank(),
                pass.bytesPerRank(),
                heapPerRank,
                pass.ownPerRank());
    }

    /** The data catalog as the user knows it: its file, or "the generated catalog". */
    static String dataName(PairCountConfig c) {
        return c.data() != null ? "the data catalog " + c.data() : "the generated catalog";
    }

    /**
     * collective: a catalog file, text parsed on {@code threads} threads: with several ranks each parsing its own part
     * ({@link CatalogParts}) when they can, else read by rank 0 and dealt out in chunks.
     */
    private static Distributed.Loaded read(
            Comm comm, Path file, List<String> columns, boolean weights, double period, int threads) {
        Distributed.Loaded parts = CatalogParts.read(comm, file, columns, weights, period, threads); // collective
        if (parts != null) {
            return parts;
        }
        return Distributed.read(comm, file.toString(), weights, () -> {
            CatalogReader reader = CatalogReader.open(file, columns, weights, period, threads);
            return new Distributed.RowSource() {
                @Override
                public int read(double[] rows, int max) {
                    return reader.read(rows, max);
                }

                @Override
                public long rows() {
                    return reader.rows();
                }

                @Override
                public long expectedRows() {
                    return reader.expectedRows();
                }

                @Override
                public void close() {
                    try {
                        reader.close();
                    } catch (java.io.IOException e) {
                        throw new UserError("cannot close " + file + ": " + e.getMessage());
                    }
                }
            };
        });
    }

    /** collective: the edges file read on rank 0 and broadcast. */
    static Bins readEdges(Comm comm, PairCountConfig c) {
        double[] e = null;
        String error = null;
        if (comm.rank() == 0) {
            try {
                e = NumberFile.read(c.edges());
                Bins b = Bins.of(e, "edges file " + c.edges());
                PairCountLimits.checkEdges(b.count(), c.edges());
                if (c.periodic() && !(b.rmax() < c.box() / 2)) {
                    throw new UserError("largest bin edge " + b.rmax() + " in " + c.edges()
                            + " must be less than half the periodic box L/2 = " + c.box() / 2);
                }
            } catch (UserError u) {
                error = u.getMessage();
            }
        }
        comm.agree(error); // collective
        int n = (int) comm.bcastLong(comm.rank() == 0 ? e.length : 0, 0); // collective
        double[] edges = comm.rank() == 0 ? e : new double[n];
        comm.bcast(edges, 0, n, 0); // collective
        return Bins.of(edges, "edges file " + c.edges());
    }

    static long peakHeap() {
        long s = 0;
        for (MemoryPoolMXBean m : ManagementFactory.getMemoryPoolMXBeans()) {
            if (m.getType() == MemoryType.HEAP && m.getPeakUsage() != null) {
                s += m.getPeakUsage().getUsed();
            }
        }
        return s;
    }
}
