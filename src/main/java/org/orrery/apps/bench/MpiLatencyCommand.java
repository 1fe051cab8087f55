package org.orrery.apps.bench;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.orrery.bench.MpiBench;
import org.orrery.io.Launcher;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code launch/orrery bench mpi}: options of the benchmark of MPI latency and bandwidth per backend beside C; a
 * subcommand of {@link BenchCommand}.
 */
@Command(
        name = "mpi",
        mixinStandardHelpOptions = true,
        description = "MPI latency and bandwidth (bcast, allgatherv of 3 x 65536 doubles, reduce, allreduce, sendrecv) "
                + "for every backend here (mpi.jar, shim on Open MPI, shim on MPICH) beside the same calls in C, in "
                + "one run: C and Java blocks alternate in the same rank processes (the C loop called over JNI).")
public final class MpiLatencyCommand implements Callable<Integer> {
    @Option(names = "--np", description = "Ranks (default ${DEFAULT-VALUE}).")
    int np = 2;

    @Option(names = "--rounds", description = "Interleaved rounds over the configurations (default ${DEFAULT-VALUE}).")
    int rounds = 3;

    @Option(names = "--n", description = "Doubles in the bandwidth case (default ${DEFAULT-VALUE}).")
    int n = 3 * 65536;

    @Option(names = "--blocks", description = "Timed C/Java block pairs per run (default ${DEFAULT-VALUE}).")
    int blocks = 15;

    @Option(
            names = "--separate",
            description = "Also run the older comparison: the C program (mpibench) and the Java one in separate "
                    + "processes, one after another (bench.csv, separate.txt).")
    boolean separate;

    @Option(names = "--reps", description = "Timed repetitions per run, --separate (default ${DEFAULT-VALUE}).")
    int reps = 15;

    @Option(names = "--small-iters", description = "Calls per repetition, 1 double (default ${DEFAULT-VALUE}).")
    int smallIters = 2000;

    @Option(names = "--large-iters", description = "Calls per repetition, --n doubles (default ${DEFAULT-VALUE}).")
    int largeIters = 50;

    @Option(names = "--launcher", description = "launch/orrery to use (default: the one beside the jar).")
    Path launcher;

    @Option(
            names = {"-o", "--out"},
            description = "Directory for paired.csv, paired.json and summary.txt (default results/mpi).")
    Path out = Path.of("results", "mpi");

    @Override
    public Integer call() throws Exception {
        return MpiBench.run(new MpiBench.Options(
                np,
                rounds,
                n,
                reps,
                smallIters,
                largeIters,
                blocks,
                separate,
                out,
                Launcher.find(launcher, "--launcher")));
    }
}
