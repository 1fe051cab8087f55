package org.orrery.apps.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import org.orrery.bench.LoadBench;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code launch/orrery bench load}: options of the catalog-load benchmark; a subcommand of {@link BenchCommand}. */
@Command(
        name = "load",
        mixinStandardHelpOptions = true,
        description = "How fast paircount loads a .npy and a FITS catalog (its load_s), beside reading the file's "
                + "bytes and, for .npy, numpy's np.load in a fresh process; medians and ranges.")
public final class LoadBenchCommand implements Callable<Integer> {
    @Option(names = "--n", description = "Points in the catalog (default ${DEFAULT-VALUE}).")
    long n = 10_000_000;

    @Option(names = "--repeat", description = "Repetitions (default ${DEFAULT-VALUE}).")
    int repeat = 5;

    @Option(names = "--np", split = ",", description = "Rank counts of the paircount runs (default 1).")
    int[] ranks = {1};

    @Option(names = "--cold", description = "Drop the page cache before each measurement (root only).")
    boolean cold;

    @Option(
            names = {"-o", "--out"},
            description = "Directory for load-bench.csv and .md (default results/paircount/load).")
    Path out = Path.of("results", "paircount", "load");

    @Override
    public Integer call() throws Exception {
        return LoadBench.run(
                new LoadBench.Options(n, repeat, Arrays.stream(ranks).boxed().toList(), cold, out));
    }
}
