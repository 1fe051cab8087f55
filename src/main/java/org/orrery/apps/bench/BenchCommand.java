package org.orrery.apps.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import org.orrery.apps.OrreryVersion;
import org.orrery.bench.DecayBench;
import org.orrery.bench.FarmBench;
import org.orrery.bench.NBodyBench;
import org.orrery.bench.PairCountBench;
import org.orrery.model.UserError;
import org.orrery.physics.paircount.PairCounter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code launch/orrery bench <program>}: the benchmark commands (plain Java; they launch the programs under mpirun
 * themselves). Options only: each subcommand builds the validated {@code Options} of its benchmark in
 * {@link org.orrery.bench}, which measures and reports. This is the one class of {@code apps} that imports
 * {@code bench}; {@code bench} imports no app.
 */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        versionProvider = OrreryVersion.class,
        description = "Benchmarks: figures users can compare (interactions/s, pairs/s, pixels/s).",
        subcommands = {
            BenchCommand.NBody.class,
            BenchCommand.PairCount.class,
            BenchCommand.Farm.class,
            BenchCommand.Decay.class,
            MpiLatencyCommand.class,
            SurveyBenchCommand.class,
            HermiteBenchCommand.class,
            BackgroundCommand.class,
            ScalingCommand.class,
            LoadBenchCommand.class
        })
public final class BenchCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        CommandLine.usage(this, System.out);
        return 2;
    }

    /** Runs a benchmark with Orrery's error convention; exits the JVM with its status. */
    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs a benchmark; returns the exit status (2 for bad options, with one error line). */
    static int execute(String... args) {
        CommandLine cl = new CommandLine(new BenchCommand());
        cl.setExecutionExceptionHandler((e, c, p) -> {
            System.err.println("orrery bench: error: " + (e instanceof UserError ? e.getMessage() : e.toString()));
            return e instanceof UserError u ? u.exitCode() : 1;
        });
        cl.setParameterExceptionHandler((e, a) -> {
            System.err.println("orrery bench: error: " + e.getMessage() + " (see --help)");
            return 2;
        });
        return cl.execute(args);
    }

    @Command(
            name = "nbody",
            mixinStandardHelpOptions = true,
            description =
                    "Force-kernel interactions/s (Java vs the plain C loop compiled here) and np = 1, 2 runs with "
                            + "compute/comm split.")
    static final class NBody implements Callable<Integer> {
        @Option(names = "--sizes", split = ",", description = "N values for the kernel (default 16384,65536).")
        int[] sizes = {16384, 65536};

        @Option(names = "--threads", split = ",", description = "Thread counts (default 1,2).")
        int[] threads = {1, 2};

        @Option(names = "--np", split = ",", description = "Rank counts for whole runs (default 1,2).")
        int[] nps = {1, 2};

        @Option(names = "--mpi-n", description = "N for whole runs (default 32768).")
        int mpiN = 32768;

        @Option(names = "--mpi-steps", description = "Steps for whole runs (default 10).")
        int mpiSteps = 10;

        @Option(names = "--no-c", description = "Skip the C baseline.")
        boolean noC;

        @Option(names = "--no-mpi", description = "Skip the mpirun runs.")
        boolean noMpi;

        @Option(
                names = {"-o", "--out"},
                description = "Directory for bench.csv (default results/nbody).")
        Path out = Path.of("results", "nbody");

        @Override
        public Integer call() throws Exception {
            return NBodyBench.run(new NBodyBench.Options(sizes, threads, nps, mpiN, mpiSteps, out, noC, noMpi));
        }
    }

    @Command(
            name = "decay",
            mixinStandardHelpOptions = true,
            description =
                    "The teaching decay job (100 simulations of 100000 nuclei): both methods' kernels, whole runs at "
                            + "each np, "
                            + "and the teaching text's NumPy loop.")
    static final class Decay implements Callable<Integer> {
        @Option(names = "--np", split = ",", description = "Rank counts for whole runs (default 1,2).")
        int[] nps = {1, 2};

        @Option(
                names = "--per-nucleus-sims",
                description = "Simulations timed for the per-nucleus kernel, scaled to 100 (default 10).")
        int perNucleusSims = 10;

        @Option(
                names = "--numpy-sims",
                description = "Simulations timed for the NumPy loop, scaled to 100 (default 5).")
        int numpySims = 5;

        @Option(names = "--no-mpi", description = "Skip the whole runs under mpirun.")
        boolean noMpi;

        @Option(names = "--no-numpy", description = "Skip the NumPy loop.")
        boolean noNumpy;

        @Option(
                names = {"-o", "--out"},
                description = "Directory for bench.csv (default results/decay).")
        Path out = Path.of("results", "decay");

        @Override
        public Integer call() throws Exception {
            return DecayBench.run(new DecayBench.Options(nps, perNucleusSims, numpySims, noMpi, noNumpy, out));
        }
    }

    @Command(
            name = "paircount",
            mixinStandardHelpOptions = true,
            description =
                    "Pair counting: uniform N in a box L = 1000 (linear bins 1..21, 15 log bins 0.5..30), periodic "
                            + "and not, "
                            + "per thread count; whole PairCount runs at each np; optionally the SciPy cKDTree "
                            + "baseline.")
    static final class PairCount implements Callable<Integer> {
        @Option(names = "--sizes", split = ",", description = "N values (default 100000,1000000).")
        int[] sizes = {100_000, 1_000_000};

        @Option(names = "--threads", split = ",", description = "Thread counts (default 1,2).")
        int[] threads = {1, 2};

        @Option(names = "--repeat", description = "Timed repetitions after a warm-up (default 3).")
        int repeat = 3;

        @Option(names = "--refine", description = "Cells per rmax along x and y (default: paircount's for mode r).")
        int refine = PairCounter.DEFAULT_REFINE;

        @Option(names = "--np", split = ",", description = "Rank counts for whole runs (default 1,2).")
        int[] nps = {1, 2};

        @Option(names = "--mpi-n", description = "N for whole runs (default 1000000).")
        int mpiN = 1_000_000;

        @Option(names = "--no-mpi", description = "Skip the mpirun runs.")
        boolean noMpi;

        @Option(names = "--scipy", description = "Also time SciPy's cKDTree (needs python3-scipy).")
        boolean scipy;

        @Option(
                names = {"-o", "--out"},
                description = "Directory for bench.csv (default results/paircount).")
        Path out = Path.of("results", "paircount");

        @Override
        public Integer call() throws Exception {
            return PairCountBench.run(new PairCountBench.Options(
                    Arrays.stream(sizes).boxed().toList(),
                    Arrays.stream(threads).boxed().toList(),
                    repeat,
                    refine,
                    noMpi ? List.of() : Arrays.stream(nps).boxed().toList(),
                    mpiN,
                    scipy,
                    out));
        }
    }

    @Command(
            name = "farm",
            mixinStandardHelpOptions = true,
            description =
                    "Median high-pass (k=50, 1000x1000) seconds per image on one core, and whole farm runs of the "
                            + "activity at np = 1, 2.")
    static final class Farm implements Callable<Integer> {
        @Option(names = "--size", description = "Image side for the kernel timings (default ${DEFAULT-VALUE}).")
        int size = 1000;

        @Option(
                names = {"-k", "--window"},
                description = "Median window (default ${DEFAULT-VALUE}).")
        int k = 50;

        @Option(names = "--repeats", description = "Timed runs per kernel (default ${DEFAULT-VALUE}).")
        int repeats = 5;

        @Option(names = "--warmup", description = "Untimed warm-up runs (default ${DEFAULT-VALUE}).")
        int warmup = 2;

        @Option(names = "--noise", description = "Uniform noise instead of the activity's smooth field.")
        boolean noise;

        @Option(names = "--np", split = ",", description = "Rank counts for whole farm runs (default 1,2).")
        int[] nps = {1, 2};

        @Option(
                names = "--images",
                description = "Directory of the activity's images (made if absent; default data/images).")
        Path images = Path.of("data", "images");

        @Option(names = "--no-mpi", description = "Kernel timings only.")
        boolean noMpi;

        @Override
        public Integer call() throws Exception {
            return FarmBench.run(new FarmBench.Options(size, k, repeats, warmup, noise, nps, images, noMpi));
        }
    }
}
