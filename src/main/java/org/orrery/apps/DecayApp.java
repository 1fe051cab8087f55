package org.orrery.apps;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.orrery.apps.common.Programs;
import org.orrery.apps.common.SpmdProgram;
import org.orrery.analysis.CurveStatistics;
import org.orrery.analysis.EnsembleChecks;
import org.orrery.analysis.HalfLifeFit;
import org.orrery.io.AtomicFile;
import org.orrery.io.Summary;
import org.orrery.io.Version;
import org.orrery.model.UserError;
import org.orrery.parallel.BlockDecomposition;
import org.orrery.parallel.Comm;
import org.orrery.physics.montecarlo.DecayModel;
import org.orrery.physics.montecarlo.DecaySimulation;
import org.orrery.physics.montecarlo.DecaySimulation.Method;
import org.orrery.physics.montecarlo.RandomStreams;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;

/**
 * Monte Carlo ensembles of radioactive decay (default: the teaching example, &#x2078;Li &rarr;
 * &#x2078;Be, t&frac12; = 0.8387 s, N0 = 100 000, 0 &hellip; 1 s in 1 ms steps, 100 simulations).
 *
 * <p>Data flow: ensemble members are block-decomposed over ranks (and over {@code --threads}
 * within a rank); member k always draws from stream (seed, k), so the ensemble does not depend on
 * np or threads; every member's curve is gathered to rank 0 in member order; rank 0 computes the
 * statistics, the checks against the analytic law and the half-life fit, and writes the outputs.
 */
@Command(name = "decay", mixinStandardHelpOptions = true, versionProvider = OrreryVersion.class, sortOptions = false,
        description = {"Monte Carlo ensembles of radioactive decay across ranks, checked against the analytic law.",
            "Default: the teaching example (Li-8 -> Be-8, half-life 0.8387 s, N0 = 100000, t = 0..1 s, dt = 1 ms, 100 simulations)."})
public final class DecayApp implements SpmdProgram {
    static final double LI8_HALF_LIFE = 0.8387;

    @Option(names = "--n0", paramLabel = "N", description = "Initial number of parent nuclei (default: ${DEFAULT-VALUE}).")
    long n0 = 100_000;

    @Option(names = "--half-life", paramLabel = "SECONDS", split = ",",
            description = "Half-life of the parent in seconds; a comma list gives a chain parent -> daughter -> ... "
                    + "(the last product is stable). Default: 0.8387 (Li-8).")
    double[] halfLives = {LI8_HALF_LIFE};

    @Option(names = "--species", paramLabel = "NAMES", split = ",",
            description = "Names of the chain members and the stable product (one more than half-lives). "
                    + "Default: Li-8,Be-8 for the default half-life, else S0,S1,...")
    List<String> speciesNames;

    @Option(names = "--dt", paramLabel = "SECONDS", description = "Time step (default: ${DEFAULT-VALUE}).")
    double dt = 0.001;

    @Option(names = "--t-max", paramLabel = "SECONDS", description = "End time; the grid is t = i*dt, i = 0..ceil(t_max/dt) (default: ${DEFAULT-VALUE}).")
    double tMax = 1.0;

    @Option(names = "--nsims", paramLabel = "M", description = "Number of independent simulations (default: ${DEFAULT-VALUE}).")
    int nsims = 100;

    @Option(names = "--seed", paramLabel = "S", description = "Master seed; simulation k uses stream (S, k) (default: ${DEFAULT-VALUE}).")
    long seed = 8387;

    @Option(names = "--method", paramLabel = "METHOD", converter = MethodConverter.class,
            description = "binomial (fast, exact binomial thinning) or per-nucleus (one uniform per nucleus per step, "
                    + "the teaching algorithm) (default: binomial).")
    Method method = Method.BINOMIAL;

    @Option(names = "--threads", paramLabel = "T", description = "Threads per rank (default: ${DEFAULT-VALUE}).")
    int threads = 1;

    @Option(names = {"--out", "-o"}, paramLabel = "DIR", description = "Output directory (default: ${DEFAULT-VALUE}).")
    Path out = Path.of("out", "decay");

    @Option(names = "--members", description = "Also write every simulation's curve (decay-members.csv).")
    boolean writeMembers;

    @Option(names = "--no-plot", description = "Do not write decay.png.")
    boolean noPlot;

    @Option(names = "--strict", description = "Exit with status 3 when a statistical check fails.")
    boolean strict;

    @Option(names = "--summary", paramLabel = "FILE.json", description = "Also write a machine-readable summary.")
    Path summary;

    /** Largest number of curve values rank 0 gathers (8 bytes each). */
    static final long MAX_GATHERED_VALUES = 1L << 28;
    /** Largest number of curves drawn in the plot. */
    static final int MAX_PLOTTED = 400;

    static final class MethodConverter implements ITypeConverter<Method> {
        @Override
        public Method convert(String value) {
            try {
                return Method.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    public static void main(String[] args) {
        Programs.main(new DecayApp(), args);
    }

    @Override
    public String name() {
        return "decay";
    }

    @Override
    public void validate() {
        if (n0 < 1) {
            throw new UserError("--n0 must be at least 1, got " + n0);
        }
        if (n0 > 1_000_000_000_000_000L) {
            throw new UserError("--n0 must be at most 1e15, got " + n0);
        }
        if (halfLives.length == 0) {
            throw new UserError("--half-life needs at least one value");
        }
        for (double h : halfLives) {
            if (!(h > 0.0) || Double.isInfinite(h)) {
                throw new UserError("--half-life must be positive and finite, got " + h);
            }
        }
        if (!(dt > 0.0) || Double.isInfinite(dt)) {
            throw new UserError("--dt must be positive and finite, got " + dt);
        }
        if (!(tMax > 0.0) || Double.isInfinite(tMax)) {
            throw new UserError("--t-max must be positive and finite, got " + tMax);
        }
        long steps = DecayModel.stepsFor(tMax, dt);
        if (steps > 100_000_000L) {
            throw new UserError("--t-max / --dt gives " + steps + " steps, more than 1e8: use a larger --dt");
        }
        if (nsims < 1) {
            throw new UserError("--nsims must be at least 1, got " + nsims);
        }
        if (threads < 1 || threads > 4096) {
            throw new UserError("--threads must be in 1..4096, got " + threads);
        }
        if (speciesNames != null && speciesNames.size() != halfLives.length + 1) {
            throw new UserError("--species needs " + (halfLives.length + 1) + " names (one per --half-life value and one for "
                    + "the stable product), got " + speciesNames.size());
        }
        long values = (steps + 1) * halfLives.length * (long) nsims;
        if (values > MAX_GATHERED_VALUES) {
            throw new UserError("the ensemble has " + values + " curve values (> 2^28) to gather on rank 0: "
                    + "reduce --nsims or --t-max, or increase --dt");
        }
    }

    List<String> names() {
        if (speciesNames != null) {
            return speciesNames;
        }
        if (halfLives.length == 1 && halfLives[0] == LI8_HALF_LIFE) {
            return List.of("Li-8", "Be-8");
        }
        List<String> n = new ArrayList<>();
        for (int j = 0; j <= halfLives.length; j++) {
            n.add("S" + j);
        }
        return n;
    }

    DecayModel model() {
        return new DecayModel(n0, halfLives, dt, Math.toIntExact(DecayModel.stepsFor(tMax, dt)));
    }

    /** The parameter lines recorded at the top of every CSV (nothing that depends on np, threads or time). */
    List<String> comments(DecayModel model) {
        List<String> names = names();
        StringBuilder chain = new StringBuilder(names.get(0));
        for (int j = 1; j < names.size(); j++) {
            chain.append(" -> ").append(names.get(j));
        }
        return List.of("orrery decay " + Version.get(),
                "chain: " + chain + " (half-lives s: " + Arrays.toString(halfLives) + "; last product stable)",
                "n0=" + n0 + " dt_s=" + dt + " t_max_s=" + tMax + " steps=" + model.steps() + " nsims=" + nsims
                        + " method=" + method + " seed=" + seed,
                "random streams: " + RandomStreams.DERIVATION,
                "step probability p_j = 1 - exp(-ln2 * dt / half_life_j); expected = N0 * pi_j(t), z = (mean - expected) / sqrt(N0 pi (1 - pi) / nsims)");
    }

    @Override
    public int run(Comm comm) throws Exception {
        int rank = comm.rank();
        int size = comm.size();
        DecayModel model = model();
        List<String> names = names();
        int w = model.width();

        // Rank 0 checks the output directory; everyone stops together if it is unusable.
        String dirError = null;
        if (rank == 0) {
            try {
                AtomicFile.checkWritableDirectory(out);
            } catch (UserError e) {
                dirError = e.getMessage() + ", --out";
            }
        }
        comm.agree(dirError); // collective

        BlockDecomposition blocks = new BlockDecomposition(nsims, size);
        int from = (int) blocks.start(rank);
        int mine = (int) blocks.count(rank);
        long[] local = new long[Math.max(1, mine * w)];

        comm.barrier(); // collective
        double t0 = comm.wtime();
        simulate(model, from, mine, local);
        double tSim = comm.wtime() - t0;
        int[] counts = blocks.counts(w);
        int[] displs = blocks.displs(w);
        long[] all = rank == 0 ? new long[nsims * w] : new long[0];
        comm.gatherv(local, 0, all, counts, displs, 0); // collective
        double wall = comm.wtime() - t0;
        double simMax = comm.allReduce(tSim, Comm.Op.MAX); // collective
        double simMin = comm.allReduce(tSim, Comm.Op.MIN); // collective

        int code = 0;
        String outputError = null;
        if (rank == 0) {
            try {
                code = analyse(comm, model, names, all, wall, simMax, simMin);
            } catch (UserError e) {
                outputError = e.getMessage();
            }
        }
        comm.agree(outputError); // collective: a failed write on rank 0 stops every rank together
        return (int) comm.bcastLong(code, 0); // collective
    }

    /** Simulates members [from, from+count) into {@code local}, on {@code --threads} threads. */
    void simulate(DecayModel model, int from, int count, long[] local) throws Exception {
        int w = model.width();
        if (threads == 1 || count <= 1) {
            DecaySimulation.simulateMembers(model, method, seed, from, from + count, local, 0);
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, count), r -> {
            Thread t = new Thread(r, "decay-worker");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> jobs = new ArrayList<>();
            for (int m = 0; m < count; m++) {
                int member = from + m;
                int off = m * w;
                // One member per task: member k's curve depends only on stream (seed, k).
                jobs.add(pool.submit(() -> DecaySimulation.simulateMembers(model, method, seed, member, member + 1, local, off)));
            }
            for (Future<?> f : jobs) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private int analyse(Comm comm, DecayModel model, List<String> names, long[] all, double wall, double simMax,
                        double simMin) {
        double t1 = System.nanoTime();
        int k = model.species();
        int w = model.width();
        CurveStatistics stats = new CurveStatistics(w).addAll(all, 0, nsims);
        double[] q = model.expectedFractions();
        List<EnsembleChecks.MeanCheck> meanChecks = new ArrayList<>();
        List<EnsembleChecks.VarianceCheck> varChecks = new ArrayList<>();
        for (int j = 0; j < k; j++) {
            meanChecks.add(EnsembleChecks.mean(stats, n0, q, j, k, EnsembleChecks.MEAN_LIMIT_SE));
            varChecks.add(nsims >= 2 ? EnsembleChecks.variance(stats, n0, q, j, k) : null);
        }
        double[] t = new double[model.points()];
        for (int i = 0; i < t.length; i++) {
            t[i] = model.time(i);
        }
        HalfLifeFit.Ensemble fit = null;
        String fitError = null;
        try {
            fit = HalfLifeFit.ensemble(t, all, 0, w, k, nsims);
        } catch (RuntimeException e) {
            // commons-math3 gives up with IllegalState/Convergence/TooManyEvaluations exceptions:
            // the run's statistics and files are still written, the fit is reported as failed.
            fitError = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        }
        double tAnalysis = (System.nanoTime() - t1) * 1e-9;

        double t2 = System.nanoTime();
        List<String> comments = comments(model);
        Path csv = out.resolve("decay.csv");
        Path membersCsv = out.resolve("decay-members.csv");
        Path png = out.resolve("decay.png");
        DecayReport.writeStatistics(csv, comments, model, names, stats, q);
        if (writeMembers) {
            DecayReport.writeMembers(membersCsv, comments, model, names, all, nsims);
        }
        if (!noPlot) {
            String title = "Radioactive decay of " + names.get(0) + ": " + nsims + " simulation" + (nsims == 1 ? "" : "s")
                    + " of N0 = " + n0 + " (" + method + ")";
            DecayReport.writePlot(png, title, model, names, stats, q, all, nsims, MAX_PLOTTED);
        }
        double tOutput = (System.nanoTime() - t2) * 1e-9;

        // Human summary.
        double nucleusSteps = (double) n0 * model.steps() * nsims;
        double rate = nucleusSteps / wall;
        StringBuilder chain = new StringBuilder(names.get(0));
        for (int j = 1; j < names.size(); j++) {
            chain.append(" -> ").append(names.get(j));
        }
        System.out.printf("Orrery decay: %s, N0 = %d, half-li%s %s s, dt = %s s, t = 0 .. %s s (%d steps), %d simulation%s, method %s, seed %d%n",
                chain, n0, k == 1 ? "fe" : "ves", k == 1 ? Double.toString(halfLives[0]) : Arrays.toString(halfLives), dt,
                model.time(model.steps()), model.steps(), nsims, nsims == 1 ? "" : "s", method, seed);
        System.out.printf("ranks %d, threads %d: simulate %.3f s (slowest rank; fastest %.3f s), simulate+gather %.3f s, %.3g nucleus-steps/s%n",
                comm.size(), threads, simMax, simMin, wall, rate);
        boolean allPassed = true;
        if (fit != null) {
            double z = fit.zScore(halfLives[0]);
            boolean ok = Math.abs(z) <= EnsembleChecks.MEAN_LIMIT_SE;
            allPassed &= ok;
            System.out.printf("fitted half-life of %s: %.5f +- %.5f s (%s; one simulation alone: +- %.4f s); true %s s: %+.2f SE  %s%n",
                    names.get(0), fit.halfLife(), fit.standardError(),
                    nsims >= 2 ? "mean of " + nsims + " per-simulation fits, standard error" : "one fit, its own error",
                    fit.singleSpread(), halfLives[0], z, ok ? "ok" : "FAILED");
        } else {
            System.out.println("fitted half-life: not available (" + fitError + ")");
        }
        for (int j = 0; j < k; j++) {
            EnsembleChecks.MeanCheck mc = meanChecks.get(j);
            allPassed &= mc.passed();
            System.out.printf("mean of %s vs %s: max |z| = %.2f SE over %d times (limit %.0f SE, worst at t = %.6g s)  %s%n",
                    names.get(j), j == 0 ? "N0*exp(-lambda*t)" : "the chain's expected N0*pi(t)", mc.maxAbsZ(), mc.pointsTested(),
                    mc.limit(), model.time(mc.worstPoint() / k), mc.passed() ? "ok" : "FAILED");
            EnsembleChecks.VarianceCheck vc = varChecks.get(j);
            if (vc == null) {
                System.out.printf("variance of %s vs binomial N0*q(1-q): skipped (needs at least 2 simulations)%n", names.get(j));
            } else {
                allPassed &= vc.passed();
                System.out.printf("variance of %s vs binomial N0*q(1-q): mean ratio %.3f, smallest chi2 p-value %.2g over %d times (limit %.2g)  %s%n",
                        names.get(j), vc.meanRatio(), vc.minPValue(), vc.pointsTested(), vc.pLimit(), vc.passed() ? "ok" : "FAILED");
            }
        }
        System.out.println("wrote " + csv + (writeMembers ? ", " + membersCsv : "") + (noPlot ? "" : ", " + png));

        if (summary != null) {
            Summary s = new Summary("decay", comm.size(), threads, comm.libraryVersion()).timing(wall, rate, "nucleus-steps/s")
                    .param("n0", n0).param("half_lives_s", halfLives).param("species", names).param("dt_s", dt)
                    .param("t_max_s", tMax).param("steps", model.steps()).param("nsims", nsims).param("seed", seed)
                    .param("method", method.label()).param("generator", RandomStreams.ALGORITHM)
                    .param("stream_derivation", RandomStreams.DERIVATION)
                    .result("simulate_s_max_rank", simMax).result("simulate_s_min_rank", simMin)
                    .result("analysis_s", tAnalysis).result("output_s", tOutput)
                    .result("all_checks_passed", allPassed);
            if (fit != null) {
                s.result("fitted_half_life_s", fit.halfLife()).result("fitted_half_life_se_s", fit.standardError())
                        .result("fitted_half_life_z", fit.zScore(halfLives[0]));
            }
            for (int j = 0; j < k; j++) {
                s.result("mean_max_abs_z_" + names.get(j), meanChecks.get(j).maxAbsZ());
                if (varChecks.get(j) != null) {
                    s.result("variance_mean_ratio_" + names.get(j), varChecks.get(j).meanRatio())
                            .result("variance_min_p_" + names.get(j), varChecks.get(j).minPValue());
                }
            }
            s.result("csv", csv.toString());
            s.write(summary);
        }
        return strict && !allPassed ? 3 : 0;
    }
}
