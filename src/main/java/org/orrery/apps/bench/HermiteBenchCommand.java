package org.orrery.apps.bench;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.orrery.bench.HermiteBench;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code launch/orrery bench hermite}: options of the benchmark of the Hermite force and force+jerk kernels beside C; a
 * subcommand of {@link BenchCommand}.
 */
@Command(
        name = "hermite",
        mixinStandardHelpOptions = true,
        description = "Force and force+jerk kernels (leapfrog, Hermite) vs the same loops in C, interleaved rounds, "
                + "interactions/s.")
public final class HermiteBenchCommand implements Callable<Integer> {
    @Option(
            names = {"-n", "--particles"},
            description = "Particles (default ${DEFAULT-VALUE}).")
    int n = 8192;

    @Option(names = "--rounds", description = "Interleaved Java/C rounds (default ${DEFAULT-VALUE}).")
    int rounds = 5;

    @Option(names = "--threads", split = ",", description = "Thread counts (default 1,2).")
    int[] threads = {1, 2};

    @Option(
            names = {"-o", "--out"},
            description = "Directory for bench-hermite.csv (default: none written).")
    Path out;

    @Override
    public Integer call() throws Exception {
        return HermiteBench.run(new HermiteBench.Options(n, rounds, threads, out));
    }
}
