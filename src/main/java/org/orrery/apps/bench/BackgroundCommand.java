package org.orrery.apps.bench;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.orrery.bench.BackgroundBench;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code launch/orrery bench background}: options of {@link BackgroundBench} (Orrery's mesh background beside
 * photutils' on the same synthetic CCD, in one run); a subcommand of {@link BenchCommand}.
 */
@Command(
        name = "background",
        mixinStandardHelpOptions = true,
        description =
                "Mesh background (Background2D) seconds per image beside photutils' on the same synthetic CCD, in one "
                        + "run.")
public final class BackgroundCommand implements Callable<Integer> {
    @Option(names = "--ny", description = "Image rows (default ${DEFAULT-VALUE}).")
    int ny = 4096;

    @Option(names = "--nx", description = "Image columns (default ${DEFAULT-VALUE}).")
    int nx = 2048;

    @Option(names = "--box", description = "Box side in pixels (default ${DEFAULT-VALUE}).")
    int box = 64;

    @Option(names = "--repeats", description = "Timed runs of each (default ${DEFAULT-VALUE}).")
    int repeats = 3;

    @Option(names = "--threads", description = "Orrery's threads (default ${DEFAULT-VALUE}; photutils uses one).")
    int threads = 1;

    @Option(names = "--dir", description = "Work directory (default ${DEFAULT-VALUE}).")
    Path dir = Path.of("target", "bench-background");

    @Option(names = "--timeout", description = "Seconds allowed to the photutils run (default ${DEFAULT-VALUE}).")
    double timeout = 3600;

    @Override
    public Integer call() throws Exception {
        return BackgroundBench.run(new BackgroundBench.Options(ny, nx, box, repeats, threads, dir, timeout));
    }
}
