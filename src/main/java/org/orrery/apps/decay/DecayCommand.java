package org.orrery.apps.decay;

import java.nio.file.Path;
import java.util.List;
import org.orrery.apps.OrreryVersion;
import org.orrery.apps.common.Agreement;
import org.orrery.apps.common.Programs;
import org.orrery.apps.common.SharedOptions;
import org.orrery.apps.common.SpmdProgram;
import org.orrery.io.OutputSet;
import org.orrery.model.UserError;
import org.orrery.parallel.Comm;
import org.orrery.parallel.RankTimes;
import org.orrery.physics.montecarlo.DecaySimulation.Method;
import org.orrery.sim.DecayEnsemble;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code decay}: Monte Carlo ensembles of radioactive decay (default: the teaching example, &#x2078;Li &rarr;
 * &#x2078;Be, t&frac12; = 0.8387 s, N0 = 100 000, 0 &hellip; 1 s in 1 ms steps, 100 simulations). Options only: they
 * become a {@link DecayConfig}; {@link DecayJob} simulates and analyses; {@link DecayReport} writes the files and the
 * summaries. Exit 3 with {@code --strict} when a statistical check fails.
 */
@Command(
        name = "decay",
        mixinStandardHelpOptions = true,
        versionProvider = OrreryVersion.class,
        sortOptions = false,
        description = {
            "Monte Carlo ensembles of radioactive decay across ranks, checked against the analytic law.",
            "Default: the teaching example (Li-8 -> Be-8, half-life 0.8387 s, N0 = 100000, t = 0..1 s, dt = 1 ms, 100 "
                    + "simulations)."
        })
public final class DecayCommand implements SpmdProgram {
    /** Exit status of {@code --strict} when a check fails. */
    static final int CHECK_FAILED = 3;

    @Option(
            names = "--n0",
            paramLabel = "N",
            description = "Initial number of parent nuclei (default: ${DEFAULT-VALUE}).")
    long n0 = 100_000;

    @Option(
            names = "--half-life",
            paramLabel = "SECONDS",
            split = ",",
            description = "Half-life of the parent in seconds; a comma list gives a chain parent -> daughter -> ... "
                    + "(the last product is stable). Default: 0.8387 (Li-8).")
    double[] halfLives = {DecayConfig.LI8_HALF_LIFE};

    @Option(
            names = "--species",
            paramLabel = "NAMES",
            split = ",",
            description = "Names of the chain members and the stable product (one more than half-lives). "
                    + "Default: Li-8,Be-8 for the default half-life, else S0,S1,...")
    List<String> speciesNames;

    @Option(names = "--dt", paramLabel = "SECONDS", description = "Time step (default: ${DEFAULT-VALUE}).")
    double dt = 0.001;

    @Option(
            names = "--t-max",
            paramLabel = "SECONDS",
            description = "End time; the grid is t = i*dt, i = 0..ceil(t_max/dt) (default: ${DEFAULT-VALUE}).")
    double tMax = 1.0;

    @Option(
            names = "--nsims",
            paramLabel = "M",
            description = "Number of independent simulations (default: ${DEFAULT-VALUE}).")
    int nsims = 100;

    @Option(
            names = "--seed",
            paramLabel = "S",
            description = "Master seed; simulation k uses stream (S, k) (default: ${DEFAULT-VALUE}).")
    long seed = 8387;

    @Option(
            names = "--method",
            paramLabel = "METHOD",
            converter = MethodConverter.class,
            description = "binomial (fast, exact binomial thinning) or per-nucleus (one uniform per nucleus per step, "
                    + "the teaching algorithm) (default: binomial).")
    Method method = Method.BINOMIAL;

    @Option(names = "--members", description = "Also write every simulation's curve (decay-members.csv).")
    boolean writeMembers;

    @Option(names = "--strict", description = "Exit with status 3 when a statistical check fails.")
    boolean strict;

    @Mixin
    SharedOptions.Output output;

    @Mixin
    SharedOptions.Threads threads;

    @Mixin
    SharedOptions.Plot plot;

    private DecayConfig config;

    /** Parses a method label for picocli. */
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
        Programs.main(DecayCommand::new, args);
    }

    @Override
    public String name() {
        return "decay";
    }

    @Override
    public void validate() {
        if (!(output.progressSeconds() >= 0)) {
            throw new UserError("--progress must be >= 0 seconds, got " + output.progressSeconds());
        }
        config = new DecayConfig(n0, halfLives, speciesNames, dt, tMax, nsims, seed, method, threads.threads());
    }

    /** The validated configuration (after {@link #validate()}). */
    DecayConfig config() {
        return config;
    }

    @Override
    public int run(Comm comm) throws InterruptedException {
        boolean root = comm.isRoot();
        Path dir = output.out(name());
        // Rank 0 owns the output directory (a lock); everyone stops together if it is unusable or busy.
        OutputSet files = null;
        UserError dirError = null;
        if (root) {
            try {
                files = OutputSet.open(dir, name(), n -> System.err.println("decay: " + n));
            } catch (UserError e) {
                dirError = new UserError(e.getMessage() + ", --out", e.exitCode());
            }
        }
        Agreement.agree(comm, dirError); // collective
        try {
            return simulate(comm, dir, files); // collective
        } finally {
            if (files != null) {
                files.close();
            }
        }
    }

    /** collective: the ensemble, then rank 0 stages and publishes every file together. */
    private int simulate(Comm comm, Path dir, OutputSet files) throws InterruptedException {
        boolean root = comm.isRoot();
        DecayEnsemble.Progress progress = root && output.progressSeconds() > 0
                ? new DecayProgress(output.progressSeconds())
                : DecayEnsemble.Progress.NONE;
        DecayJob.Result result = DecayJob.run(comm, config, progress); // collective
        int code = 0;
        UserError outputError = null;
        if (root) {
            long t0 = RankTimes.now();
            try {
                DecayReport.Written written = DecayReport.write(dir, result, writeMembers, plot.plot(), files);
                if (output.summary() != null) {
                    DecayReport.summary(result, written, comm.libraryVersion()).write(files.stage(output.summary()));
                }
                files.retireOthers("decay*.{csv,png}");
                files.commit();
                if (!output.quiet()) {
                    DecayReport.print(System.out, result, written);
                }
                code = strict && !result.allPassed() ? CHECK_FAILED : 0;
            } catch (UserError e) {
                outputError = e;
                files.abandon(); // before the agreed error: the previous run's files stay, no partial new ones
            }
            RankTimes.addSerialSince("report", t0);
        }
        Agreement.agree(
                comm, outputError); // collective: a failed write on rank 0 stops every rank together (exit 1 for I/O)
        return (int) comm.bcastLong(code, 0); // collective
    }
}
