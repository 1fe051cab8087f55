package org.orrery.apps;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.orrery.apps.common.Programs;
import org.orrery.apps.common.SpmdProgram;
import org.orrery.analysis.CorrelationEstimators;
import org.orrery.analysis.CorrelationEstimators.Kind;
import org.orrery.apps.paircount.Distributed;
import org.orrery.io.AtomicFile;
import org.orrery.io.Summary;
import org.orrery.io.catalog.CatalogReader;
import org.orrery.io.plot.CorrelationPlot;
import org.orrery.io.table.ColumnTable;
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

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The two-point correlation function ξ(r) by distributed pair counting.
 *
 * <p>Data flow: catalogs are read by rank 0 in chunks dealt round-robin (or generated chunk by
 * chunk on every rank) → the global cell grid is fixed (depends on rmax, the box or bounding box
 * and N only) → slabs of grid planes along x balanced by point count → every point moves to its
 * slab's owner → each rank receives a halo of {@code refine} planes (≥ rmax) from the ranks to its
 * right (periodic wrap included) → local cell-list counts, each pair counted by the plane of its
 * lower-x point → counts Reduce(SUM) onto rank 0, floating-point sums gathered per plane and added
 * in plane order → estimators and outputs on rank 0. Counts, weight sums, mean separations and
 * ξ are the same bits at any number of ranks and threads.
 */
@Command(name = "paircount", mixinStandardHelpOptions = true, versionProvider = OrreryVersion.class,
        sortOptions = false,
        description = {"Two-point correlation function: distributed pair counts DD, DR, RR and ξ(r) with the natural, "
                + "Davis–Peebles, Hamilton and Landy–Szalay estimators.",
                "With no options: a demo (clustered catalog of 50000 points + 100000 randoms in a 1000^3 box)."})
public final class PairCountApp implements SpmdProgram {

    @Option(names = "--data", paramLabel = "FILE", description = "Data catalog: text (x y z [w], comma/space separated) or FITS binary table (.fits). Default: a generated catalog (--generate).")
    Path data;

    @Option(names = "--randoms", paramLabel = "FILE", description = "Random catalog (same formats). Default: generated uniform randoms, --random-factor × N_D.")
    Path randoms;

    @Option(names = "--random-factor", paramLabel = "F", description = "Generated randoms per data point (0: no randoms; DD only, plus analytic ξ when periodic). Default: ${DEFAULT-VALUE}.")
    double randomFactor = 2;

    @Option(names = "--generate", paramLabel = "KIND", description = "Data to generate when no --data: clustered (Gaussian blobs), "
            + "soneira-peebles (hierarchical, ξ ∝ r^-γ) or uniform. Default: ${DEFAULT-VALUE}.")
    String generate = "clustered";

    @Option(names = "--sp-eta", description = "Soneira-Peebles: spheres per sphere η. Default: ${DEFAULT-VALUE}.")
    int spEta = 2;

    @Option(names = "--sp-lambda", description = "Soneira-Peebles: radius ratio λ between levels (γ = 3 - ln η / ln λ). Default: ${DEFAULT-VALUE}.")
    double spLambda = 1.9;

    @Option(names = "--sp-levels", description = "Soneira-Peebles: levels (η^levels points per tree, at most 65536). Default: ${DEFAULT-VALUE}.")
    int spLevels = 12;

    @Option(names = "--sp-radius", paramLabel = "R", description = "Soneira-Peebles: radius of the top-level spheres. Default: L/8.")
    Double spRadius;

    @Option(names = {"-n", "--npoints"}, paramLabel = "N", description = "Points to generate (with --generate). Default: ${DEFAULT-VALUE}.")
    long npoints = 50_000;

    @Option(names = "--seed", description = "Seed of the generated data (randoms use seed + 1). Default: ${DEFAULT-VALUE}.")
    long seed = 1;

    @Option(names = "--box", paramLabel = "L", description = "Cube side: generated catalogs fill [0,L)^3; with --periodic, the periodic box. Default: 1000 for generated data.")
    Double box;

    @Option(names = "--periodic", description = "Periodic cube [0,L)^3 (minimum image); needs rmax < L/2.")
    boolean periodic;

    @Option(names = "--bins", paramLabel = "lin|log", description = "Bin spacing between --rmin and --rmax. Default: ${DEFAULT-VALUE}.")
    String binKind = "log";

    @Option(names = "--rmin", description = "Smallest separation. Default: ${DEFAULT-VALUE}.")
    double rmin = 1;

    @Option(names = "--rmax", description = "Largest separation. Default: ${DEFAULT-VALUE}.")
    double rmax = 50;

    @Option(names = "--nbins", description = "Number of bins. Default: ${DEFAULT-VALUE}.")
    int nbins = 15;

    @Option(names = "--edges", paramLabel = "FILE", description = "Explicit bin edges (numbers, increasing), instead of --bins/--rmin/--rmax/--nbins.")
    Path edgesFile;

    @Option(names = "--weights", description = "Read a weight column and also report weighted counts (sum of w_i w_j).")
    boolean weights;

    @Option(names = "--columns", split = ",", paramLabel = "X,Y,Z[,W]", description = "Data columns by name or 1-based number. Default: x,y,z[,w] by name, else 1,2,3[,4].")
    List<String> columns;

    @Option(names = "--random-columns", split = ",", paramLabel = "X,Y,Z[,W]", description = "As --columns, for --randoms.")
    List<String> randomColumns;

    @Option(names = "--ravg", description = "Also report the mean separation of DD pairs per bin.")
    boolean ravg;

    @Option(names = "--pairs", paramLabel = "ordered|unique", description = "Auto-count convention printed for DD and RR: ordered (Corrfunc: each pair twice) or unique. Default: ${DEFAULT-VALUE}.")
    String pairs = "ordered";

    @Option(names = {"-t", "--threads"}, description = "Threads per rank. Default: ${DEFAULT-VALUE}.")
    int threads = 1;

    @Option(names = "--refine", description = "Cells per rmax along x and y (1..4). Default: ${DEFAULT-VALUE}.")
    int refine = 2;

    @Option(names = {"-o", "--output"}, paramLabel = "PREFIX", description = "Output prefix: PREFIX.csv, PREFIX.fits, PREFIX.png. Default: ${DEFAULT-VALUE}.")
    String output = "out/paircount/paircount";

    @Option(names = "--no-plot", description = "Do not write the PNG plot.")
    boolean noPlot;

    @Option(names = "--no-fits", description = "Do not write the FITS table.")
    boolean noFits;

    @Option(names = "--summary", paramLabel = "FILE.json", description = "Also write a machine-readable summary.")
    Path summary;

    @Option(names = "--repeat", description = "Benchmarking: run the decomposition and counting this many times on the loaded "
            + "catalogs and report the fastest time of each phase (the counts must agree). Default: ${DEFAULT-VALUE}.")
    int repeat = 1;

    public static void main(String[] args) {
        Programs.main(new PairCountApp(), args);
    }

    @Override
    public String name() {
        return "paircount";
    }

    double period() {
        return periodic ? box : 0;
    }

    @Override
    public void validate() {
        if (threads < 1) {
            throw new UserError("--threads must be at least 1, got " + threads);
        }
        if (refine < 1 || refine > 4) {
            throw new UserError("--refine must be 1..4, got " + refine);
        }
        if (repeat < 1) {
            throw new UserError("--repeat must be at least 1, got " + repeat);
        }
        if (!(randomFactor >= 0) || !Double.isFinite(randomFactor)) {
            throw new UserError("--random-factor must be >= 0, got " + randomFactor);
        }
        if (!pairs.equals("ordered") && !pairs.equals("unique")) {
            throw new UserError("--pairs must be ordered or unique, got '" + pairs + "'");
        }
        if (!generate.equals("clustered") && !generate.equals("uniform") && !generate.equals("soneira-peebles")) {
            throw new UserError("--generate must be clustered, soneira-peebles or uniform, got '" + generate + "'");
        }
        if (data == null && npoints < 1) {
            throw new UserError("--npoints must be at least 1, got " + npoints);
        }
        if (data == null && weights) {
            throw new UserError("--weights needs a --data catalog with a weight column");
        }
        if (box == null && data == null) {
            box = 1000.0;
        }
        if (box == null && periodic) {
            throw new UserError("--periodic needs the box side --box L");
        }
        if (box != null && !(box > 0 && Double.isFinite(box))) {
            throw new UserError("--box must be positive, got " + box);
        }
        if (data == null && generate.equals("soneira-peebles")) {
            soneiraPeebles(); // validates the --sp-* options
        }
        if (edgesFile == null) {
            if (!binKind.equals("lin") && !binKind.equals("log")) {
                throw new UserError("--bins must be lin or log, got '" + binKind + "'");
            }
            Bins b = makeBins();
            if (periodic && !(b.rmax() < box / 2)) {
                throw new UserError("--rmax " + b.rmax() + " must be less than half the periodic box L/2 = " + box / 2);
            }
        }
        if (output.isBlank()) {
            throw new UserError("--output must not be empty");
        }
    }

    /** The generated data catalog (after validate()). */
    private CatalogGenerator.Source dataSource() {
        return switch (generate) {
            case "uniform" -> CatalogGenerator.uniform(seed, npoints, box);
            case "soneira-peebles" -> CatalogGenerator.soneiraPeebles(seed, npoints, box, soneiraPeebles());
            default -> CatalogGenerator.blobs(seed, npoints, box, CatalogGenerator.Blobs.defaults(npoints, box));
        };
    }

    /** What was generated, for the table header and the log. */
    private String generatedDescription() {
        if (generate.equals("soneira-peebles")) {
            CatalogGenerator.SoneiraPeebles sp = soneiraPeebles();
            return String.format(Locale.ROOT, "soneira-peebles catalog (eta %d, lambda %s, %d levels, R %s, gamma %.3f), seed %d", sp.eta(),
                    sp.lambda(), sp.levels(), sp.radius(), sp.gamma(), seed);
        }
        return generate + " catalog, seed " + seed;
    }

    private CatalogGenerator.SoneiraPeebles soneiraPeebles() {
        try {
            return new CatalogGenerator.SoneiraPeebles(spEta, spLambda, spLevels, spRadius != null ? spRadius : box / 8);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage().replace("Soneira-Peebles ", "--sp-"));
        }
    }

    private Bins makeBins() {
        return binKind.equals("lin") ? Bins.linear(rmin, rmax, nbins) : Bins.log(rmin, rmax, nbins);
    }

    /** What one catalog became on this rank. */
    private record Catalog(String description, long n, double sumW, double sumW2, PointSet own, PointSet halo) { }

    @Override
    public int run(Comm comm) throws Exception {
        double t0 = comm.wtime();
        int rank = comm.rank();
        int p = comm.size();
        Map<String, Double> phase = new LinkedHashMap<>();

        // Bins: from options, or from the edges file read on rank 0.
        Bins bins = edgesFile == null ? makeBins() : readEdges(comm);
        double period = period();
        String error = null;
        if (rank == 0) {
            try {
                Path out = Path.of(output + ".csv").toAbsolutePath();
                AtomicFile.checkWritableDirectory(out.getParent());
            } catch (UserError e) {
                error = e.getMessage();
            }
        }
        comm.agree(error); // collective

        // Load: no rank ever holds the whole catalog.
        double ta = comm.wtime();
        Distributed.Loaded d = data != null ? Distributed.readFile(comm, data, columns, weights, period) // collective
                : Distributed.generate(comm, dataSource()); // collective
        long nd = comm.allReduce((long) d.points().size(), Comm.Op.SUM); // collective
        double[] dw = Distributed.weightSums(comm, d); // collective
        Distributed.Loaded r = null;
        if (randoms != null) {
            r = Distributed.readFile(comm, randoms, randomColumns, weights, period); // collective
        } else if (randomFactor > 0) {
            long nr = Math.max(1, Math.round(randomFactor * nd));
            double[] lo = {0, 0, 0};
            double side = box != null ? box : 0;
            if (box == null) {
                // Randoms fill the data's bounding box (a cube at its lower corner would bias the counts).
                lo = bounds3(comm, d.points()); // collective
            }
            r = generateRandoms(comm, nr, seed + 1, side, lo, box == null ? extent3 : null, weights);
        }
        long nr = r == null ? 0 : comm.allReduce((long) r.points().size(), Comm.Op.SUM); // collective
        double[] rw = r == null ? new double[2] : Distributed.weightSums(comm, r); // collective
        phase.put("load_s", comm.wtime() - ta);

        // Decompose and count; with --repeat the whole pass runs again on the staged points and
        // the fastest time of each phase is kept (the counts must not change).
        Staged staged = new Staged(d.points(), r == null ? null : r.points());
        d = null;
        r = null;
        Pass pass = null;
        for (int rep = 0; rep < repeat; rep++) {
            Pass now = countPass(comm, bins, period, nd + nr, staged, rep + 1 < repeat); // collective
            if (rank == 0 && pass != null && !now.sameCounts(pass)) { // the reduced counts live on rank 0
                throw new IllegalStateException("pair counts changed between repetitions");
            }
            if (pass != null) {
                for (String k : now.phase().keySet()) {
                    now.phase().merge(k, pass.phase().get(k), Math::min);
                }
            }
            pass = now;
        }
        phase.putAll(pass.phase());
        long[] heapPerRank = comm.allGather(peakHeap()); // collective
        double wall = comm.wtime() - t0;

        if (rank == 0) {
            report(comm, bins, pass.grid(), pass.bounds(), nd, nr, dw, rw, pass.dd(), pass.dr(), pass.rr(), phase, wall,
                    pass.phase().get("count_s"), pass.pointsPerRank(), pass.bytesPerRank(), heapPerRank, pass.ownPerRank());
        }
        return 0;
    }

    /** Staged (loaded, not yet decomposed) points; dropped after the last pass to free memory. */
    private static final class Staged {
        PointSet data;
        PointSet randoms;

        Staged(PointSet data, PointSet randoms) {
            this.data = data;
            this.randoms = randoms;
        }
    }

    /** One decomposition and count: grid, slabs, counts and what each rank held. */
    private record Pass(GridSpec grid, int[] bounds, PairCounts dd, PairCounts dr, PairCounts rr, Map<String, Double> phase,
                        long[] pointsPerRank, long[] bytesPerRank, long[] ownPerRank) {
        boolean sameCounts(Pass o) {
            return dd.equals(o.dd) && java.util.Objects.equals(dr, o.dr) && java.util.Objects.equals(rr, o.rr);
        }
    }

    /**
     * collective: global grid, slabs balanced by count, redistribution and halos, local cell lists,
     * counting and Reduce onto rank 0. Keeps the staged points when {@code keep}, else drops them
     * as soon as they have been redistributed.
     */
    private Pass countPass(Comm comm, Bins bins, double period, long nTotal, Staged staged, boolean keep) {
        int rank = comm.rank();
        int p = comm.size();
        Map<String, Double> phase = new LinkedHashMap<>();
        double tb = comm.wtime();
        double[] lo = new double[2];
        double[] hi = new double[2];
        globalBounds(comm, lo, hi, staged.data, staged.randoms); // collective
        GridSpec g;
        String error = null;
        try {
            g = GridSpec.create(bins, period, lo, hi, nTotal, refine);
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
        phase.put("decompose_s", comm.wtime() - tb);

        // Local cell lists and counts.
        double tc = comm.wtime();
        int p0 = bounds[rank];
        int p1 = bounds[rank + 1];
        int[] hr = Slabs.haloRange(g, bounds, rank);
        int localPlanes = (p1 - p0) + (hr[1] - hr[0]);
        LocalGrid dg = LocalGrid.build(g, p0, localPlanes, threads, dOwn, dHalo);
        LocalGrid rg = rOwn == null ? null : LocalGrid.build(g, p0, localPlanes, threads, rOwn, rHalo);
        long localPoints = dOwn.size() + dHalo.size() + (rOwn == null ? 0 : rOwn.size() + rHalo.size());
        long ownPoints = dOwn.size() + (rOwn == null ? 0 : rOwn.size());
        dOwn = null;
        dHalo = null;
        rOwn = null;
        rHalo = null;
        phase.put("grid_s", comm.allReduce(comm.wtime() - tc, Comm.Op.MAX)); // collective
        tc = comm.wtime();
        PlanePartials ddp = CellCounter.auto(dg, p0, p1, bins, weights, ravg, threads);
        PlanePartials drp = rg == null ? null : CellCounter.cross(dg, rg, p0, p1, bins, weights, false, threads);
        PlanePartials rrp = rg == null ? null : CellCounter.auto(rg, p0, p1, bins, weights, false, threads);
        double countSeconds = comm.wtime() - tc;
        long localBytes = dg.bytes() + (rg == null ? 0 : rg.bytes());

        PairCounts dd = combine(comm, ddp, bins.count(), weights, ravg); // collective
        PairCounts dr = drp == null ? null : combine(comm, drp, bins.count(), weights, false); // collective
        PairCounts rr = rrp == null ? null : combine(comm, rrp, bins.count(), weights, false); // collective
        phase.put("count_s", comm.allReduce(countSeconds, Comm.Op.MAX)); // collective
        phase.put("pass_s", comm.wtime() - tb);
        long[] pointsPerRank = comm.allGather(localPoints); // collective
        long[] bytesPerRank = comm.allGather(localBytes); // collective
        long[] ownPerRank = comm.allGather(ownPoints); // collective
        return new Pass(g, bounds, dd, dr, rr, phase, pointsPerRank, bytesPerRank, ownPerRank);
    }

    /** Set by {@link #bounds3}: the data's extent along x, y, z (randoms fill that box). */
    private double[] extent3;

    private double[] bounds3(Comm comm, PointSet s) {
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
        extent3 = new double[] {mx[0] - mn[0], mx[1] - mn[1], mx[2] - mn[2]};
        return mn;
    }

    /** Uniform randoms: in [0, L)^3, or in the box lo + [0, extent) when extent is given. */
    private static Distributed.Loaded generateRandoms(Comm comm, long n, long rseed, double side, double[] lo,
                                                      double[] extent, boolean weighted) {
        Distributed.Loaded u = Distributed.generate(comm, CatalogGenerator.uniform(rseed, n, 1.0));
        PointSet s = u.points();
        PointSet out = new PointSet(weighted, s.size());
        for (int i = 0; i < s.size(); i++) {
            double x = extent == null ? s.x(i) * side : lo[0] + s.x(i) * extent[0];
            double y = extent == null ? s.y(i) * side : lo[1] + s.y(i) * extent[1];
            double z = extent == null ? s.z(i) * side : lo[2] + s.z(i) * extent[2];
            if (extent == null) {
                x = CatalogGenerator.wrap(x, side);
                y = CatalogGenerator.wrap(y, side);
                z = CatalogGenerator.wrap(z, side);
            }
            out.add(x, y, z, 1, s.id(i), 0);
        }
        return new Distributed.Loaded(out, u.chunkIndex(), u.chunkSumW(), u.chunkSumW2());
    }

    private Bins readEdges(Comm comm) {
        double[] e = null;
        String error = null;
        if (comm.rank() == 0) {
            try {
                e = CatalogReader.readNumbers(edgesFile);
                Bins b = Bins.of(e, "edges file " + edgesFile);
                if (periodic && !(b.rmax() < box / 2)) {
                    throw new UserError("largest bin edge " + b.rmax() + " in " + edgesFile
                            + " must be less than half the periodic box L/2 = " + box / 2);
                }
            } catch (UserError u) {
                error = u.getMessage();
            }
        }
        comm.agree(error); // collective
        int n = (int) comm.bcastLong(comm.rank() == 0 ? e.length : 0, 0); // collective
        double[] edges = comm.rank() == 0 ? e : new double[n];
        comm.bcast(edges, 0, n, 0); // collective
        return Bins.of(edges, "edges file " + edgesFile);
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
     * collective: integer counts Reduce(SUM) onto rank 0; floating-point per-plane partials gathered
     * onto rank 0 in rank order (= plane order) and summed plane by plane. Result valid on rank 0.
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

    private static long peakHeap() {
        long s = 0;
        for (MemoryPoolMXBean m : ManagementFactory.getMemoryPoolMXBeans()) {
            if (m.getType() == MemoryType.HEAP && m.getPeakUsage() != null) {
                s += m.getPeakUsage().getUsed();
            }
        }
        return s;
    }

    private static double[] asDouble(long[] a, long factor) {
        double[] d = new double[a.length];
        for (int k = 0; k < a.length; k++) {
            d[k] = (double) a[k] * factor;
        }
        return d;
    }

    private static long[] times(long[] a, long factor) {
        long[] d = new long[a.length];
        for (int k = 0; k < a.length; k++) {
            d[k] = a[k] * factor;
        }
        return d;
    }

    private static double[] times(double[] a, double factor) {
        double[] d = new double[a.length];
        for (int k = 0; k < a.length; k++) {
            d[k] = a[k] * factor;
        }
        return d;
    }

    /** Rank 0: estimators, table, plot, summaries. */
    private void report(Comm comm, Bins bins, GridSpec g, int[] bounds, long nd, long nr, double[] dw, double[] rw,
                        PairCounts dd, PairCounts dr, PairCounts rr, Map<String, Double> phase, double wall,
                        double countWall, long[] pointsPerRank, long[] bytesPerRank, long[] heapPerRank,
                        long[] ownPerRank) {
        int nb = bins.count();
        long f = pairs.equals("ordered") ? 2 : 1;
        double[] e = bins.edges();
        double[] rlo = java.util.Arrays.copyOf(e, nb);
        double[] rhi = java.util.Arrays.copyOfRange(e, 1, nb + 1);
        double[] rmid = new double[nb];
        for (int k = 0; k < nb; k++) {
            rmid[k] = bins.kind().equals("log") && rlo[k] > 0 ? Math.sqrt(rlo[k] * rhi[k]) : 0.5 * (rlo[k] + rhi[k]);
        }
        ColumnTable t = new ColumnTable();
        t.meta("program", "orrery paircount", "");
        t.meta("pairs", pairs, pairs.equals("ordered") ? "DD and RR count each pair twice, as Corrfunc" : "DD and RR count each pair once");
        t.meta("binedge", "lo^2 <= r^2 < hi^2", "bin convention");
        t.meta("periodic", periodic, "minimum image in a cube of side boxsize");
        t.meta("boxsize", box == null ? 0.0 : box, "");
        t.meta("n_data", nd, data == null ? generatedDescription() : data.toString());
        t.meta("n_rand", nr, randoms != null ? randoms.toString() : nr > 0 ? "uniform randoms, seed " + (seed + 1) : "none");
        t.meta("weights", weights, "");
        t.meta("refine", refine, "cells per rmax along x, y");
        t.add("r_lo", rlo).add("r_hi", rhi).add("r_mid", rmid);
        if (ravg) {
            double[] ra = new double[nb];
            for (int k = 0; k < nb; k++) {
                ra[k] = dd.meanSeparation(k);
            }
            t.add("r_avg_DD", ra);
        }
        t.add("DD", times(dd.counts(), f));
        if (weights) {
            t.add("DD_w", times(dd.weightSums(), f));
        }
        if (dr != null) {
            t.add("DR", dr.counts());
            if (weights) {
                t.add("DR_w", dr.weightSums());
            }
            t.add("RR", times(rr.counts(), f));
            if (weights) {
                t.add("RR_w", times(rr.weightSums(), f));
            }
        }
        List<CorrelationPlot.Curve> curves = new ArrayList<>();
        double[] ddn = weights ? CorrelationEstimators.normalise(dd.weightSums(), CorrelationEstimators.uniqueWeightPairs(dw[0], dw[1]))
                : CorrelationEstimators.normalise(dd.counts(), CorrelationEstimators.uniquePairs(nd));
        double[] xiLs = null;
        if (dr != null) {
            double[] drn = weights ? CorrelationEstimators.normalise(dr.weightSums(), dw[0] * rw[0])
                    : CorrelationEstimators.normalise(dr.counts(), (double) nd * nr);
            double[] rrn = weights ? CorrelationEstimators.normalise(rr.weightSums(), CorrelationEstimators.uniqueWeightPairs(rw[0], rw[1]))
                    : CorrelationEstimators.normalise(rr.counts(), CorrelationEstimators.uniquePairs(nr));
            String[] names = {"xi_natural", "xi_davis_peebles", "xi_hamilton", "xi_landy_szalay"};
            for (Kind k : Kind.values()) {
                double[] xi = CorrelationEstimators.xi(k, ddn, drn, rrn);
                t.add(names[k.ordinal()], xi);
                if (k == Kind.LANDY_SZALAY) {
                    xiLs = xi;
                    curves.add(new CorrelationPlot.Curve("Landy–Szalay", xi));
                } else if (k == Kind.NATURAL) {
                    curves.add(new CorrelationPlot.Curve("natural", xi));
                }
            }
        }
        double[] xiAn = null;
        if (periodic) {
            double[] an = CorrelationEstimators.periodicRandomFraction(e, box);
            xiAn = CorrelationEstimators.xi(Kind.NATURAL, ddn, an, an);
            t.add("RR_analytic", times(times(an, CorrelationEstimators.uniquePairs(nd)), f));
            t.add("xi_analytic", xiAn);
            curves.add(new CorrelationPlot.Curve("analytic RR (periodic)", xiAn));
        }
        Path csv = Path.of(output + ".csv");
        Path fits = Path.of(output + ".fits");
        Path png = Path.of(output + ".png");
        t.writeCsv(csv);
        if (!noFits) {
            t.writeFits(fits);
        }
        if (!noPlot && !curves.isEmpty()) {
            CorrelationPlot.write(png, "ξ(r): " + (data == null ? generate + " catalog" : data.getFileName().toString())
                    + ", N_D = " + nd + (nr > 0 ? ", N_R = " + nr : ""), rmid, curves);
        }

        long pairsCounted = dd.total() + (dr == null ? 0 : dr.total() + rr.total());
        double rate = countWall > 0 ? pairsCounted / countWall : 0;
        int threadsShown = threads;
        System.out.printf(Locale.ROOT, "Orrery paircount: %d rank%s x %d thread%s; %s%n", comm.size(), comm.size() == 1 ? "" : "s",
                threadsShown, threadsShown == 1 ? "" : "s", periodic ? "periodic box L = " + box : "non-periodic");
        System.out.printf(Locale.ROOT, "data: %s, N_D = %d; randoms: %s, N_R = %d%n",
                data == null ? generatedDescription() : data.toString(), nd,
                randoms != null ? randoms.toString() : nr > 0 ? "uniform (seed " + (seed + 1) + ")" : "none", nr);
        System.out.printf(Locale.ROOT, "bins: %s, %d bins %g .. %g, pair in bin k when lo^2 <= r^2 < hi^2; DD/RR as %s pairs%s%n",
                bins.kind(), nb, bins.rmin(), bins.rmax(), pairs, pairs.equals("ordered") ? " (Corrfunc convention: each pair twice)" : "");
        StringBuilder slabs = new StringBuilder();
        for (int r = 0; r < comm.size(); r++) {
            slabs.append(r == 0 ? "" : " ").append('[').append(bounds[r]).append(',').append(bounds[r + 1]).append(')');
        }
        System.out.printf(Locale.ROOT, "grid: %d x %d columns (refine %d); slabs of planes per rank: %s%n", g.ncx(), g.ncy(),
                g.refine(), slabs);
        System.out.printf(Locale.ROOT, "%10s %10s %14s %14s %14s %12s%n", "r_lo", "r_hi", "DD", "DR", "RR",
                dr != null ? "xi_LS" : periodic ? "xi_analytic" : "");
        for (int k = 0; k < nb; k++) {
            double xi = xiLs != null ? xiLs[k] : xiAn != null ? xiAn[k] : Double.NaN;
            System.out.printf(Locale.ROOT, "%10.4g %10.4g %14d %14s %14s %12s%n", rlo[k], rhi[k], dd.counts()[k] * f,
                    dr == null ? "-" : Long.toString(dr.counts()[k]), rr == null ? "-" : Long.toString(rr.counts()[k] * f),
                    Double.isNaN(xi) ? "-" : String.format(Locale.ROOT, "%.5g", xi));
        }
        long maxHeap = 0;
        long maxBytes = 0;
        for (int r = 0; r < comm.size(); r++) {
            maxHeap = Math.max(maxHeap, heapPerRank[r]);
            maxBytes = Math.max(maxBytes, bytesPerRank[r]);
        }
        System.out.printf(Locale.ROOT, "time: %.3f s total (load %.3f, decompose %.3f, cell lists %.3f, count %.3f); %.3g pairs/s in the count phase%n",
                wall, phase.get("load_s"), phase.get("decompose_s"), phase.get("grid_s"), phase.get("count_s"), rate);
        System.out.printf(Locale.ROOT, "memory: points per rank (own+halo) %s; grid arrays max %.1f MiB/rank; peak heap max %.1f MiB/rank%n",
                java.util.Arrays.toString(pointsPerRank), maxBytes / 1048576.0, maxHeap / 1048576.0);
        System.out.println("wrote " + csv + (noFits ? "" : ", " + fits) + (!noPlot && !curves.isEmpty() ? ", " + png : ""));

        if (summary != null) {
            Summary s = new Summary("paircount", comm.size(), threads, comm.libraryVersion()).timing(wall, rate, "pairs/s");
            s.param("data", data == null ? generate : data.toString()).param("randoms", randoms == null ? "generated" : randoms.toString())
                    .param("n_data", nd).param("n_randoms", nr).param("seed", seed).param("periodic", periodic)
                    .param("box", box).param("bins", bins.kind()).param("edges", e).param("refine", refine)
                    .param("weights", weights).param("pairs", pairs).param("threads", threads).param("repeat", repeat);
            s.result("DD", times(dd.counts(), f)).result("DR", dr == null ? null : dr.counts())
                    .result("RR", rr == null ? null : times(rr.counts(), f)).result("xi_landy_szalay", xiLs)
                    .result("xi_analytic", xiAn).result("pairs_counted_unique", pairsCounted)
                    .result("count_s", phase.get("count_s")).result("load_s", phase.get("load_s"))
                    .result("decompose_s", phase.get("decompose_s")).result("grid_s", phase.get("grid_s"))
                    .result("pass_s", phase.get("pass_s")).result("slab_planes", bounds)
                    .result("own_points_per_rank", ownPerRank).result("local_points_per_rank", pointsPerRank)
                    .result("grid_bytes_per_rank", bytesPerRank).result("peak_heap_bytes_per_rank", heapPerRank);
            s.write(summary);
        }
    }
}
