package org.orrery.apps.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.orrery.bench.ScalingBench;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code launch/orrery bench scaling}: options of the np 1 vs np N benchmark of issue 18 (the five workloads run as a
 * user runs them, interleaved, medians and spread); a subcommand of {@link BenchCommand}. {@link ScalingBench} measures
 * and reports.
 */
@Command(
        name = "scaling",
        mixinStandardHelpOptions = true,
        description = "Parallel efficiency as users see it: nbody (N = 16384, 30 steps), the teaching run (steps/s), "
                + "paircount "
                + "(10^6 uniform, periodic), farm (the activity) and decay (per-nucleus), each a fresh "
                + "launch/orrery run, np 1 and "
                + "np N alternating; medians, min-max, spread and speedup to scaling.csv and scaling.md.")
public final class ScalingCommand implements Callable<Integer> {
    @Option(
            names = "--workloads",
            split = ",",
            paramLabel = "LIST",
            description = "Which workloads, in order: nbody, teaching, paircount, farm, decay (default: all).")
    List<ScalingBench.Workload> workloads = List.of(ScalingBench.Workload.values());

    @Option(names = "--repeats", description = "Interleaved np 1 / np N pairs per workload (default ${DEFAULT-VALUE}).")
    int repeats = 5;

    @Option(names = "--np", description = "The rank count compared with np 1 (default ${DEFAULT-VALUE}).")
    int np = 2;

    @Option(names = "--quick", description = "Smoke sizes (seconds per run): checks the command, measures nothing.")
    boolean quick;

    @Option(names = "--images", description = "The farm activity's images (made if absent; default ${DEFAULT-VALUE}).")
    Path images = Path.of("data", "images");

    @Option(
            names = {"-o", "--out"},
            description = "Directory for scaling.csv and scaling.md (default ${DEFAULT-VALUE}).")
    Path out = Path.of("results", "scaling");

    @Override
    public Integer call() throws Exception {
        return ScalingBench.run(new ScalingBench.Options(workloads, repeats, np, quick, out, images));
    }
}
