package org.orrery.apps.common;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The options every program shares, with one name and one wording each. A program mixes in the groups that mean
 * something to it ({@code @Mixin SharedOptions.Output out;}); picocli then lists them in its {@code --help} like its
 * own options.
 *
 * <ul>
 *   <li>{@link Output}: {@code -o/--out DIR}, {@code --summary FILE.json}, {@code -q/--quiet}, {@code --progress
 *       SECONDS} — every program that writes files;
 *   <li>{@link Threads}: {@code --threads T} — programs whose kernels run on threads;
 *   <li>{@link Plot}: {@code --no-plot} — programs that draw a PNG.
 * </ul>
 */
public final class SharedOptions {
    private SharedOptions() {}

    /** Where the outputs go and what the program says while it runs. */
    public static final class Output {
        @Option(
                names = {"-o", "--out"},
                paramLabel = "DIR",
                description = "Output directory (default: out/<program>).")
        Path out;

        @Option(
                names = "--summary",
                paramLabel = "FILE.json",
                description = "Also write a machine-readable summary (JSON) of the run.")
        Path summary;

        @Option(
                names = {"-q", "--quiet"},
                description = "Print nothing but errors: no progress lines, no human summary.")
        boolean quiet;

        @Option(
                names = "--progress",
                paramLabel = "SECONDS",
                description = "A progress line on stderr every SECONDS (0 = off; default: ${DEFAULT-VALUE}).")
        double progressSeconds = 10;

        /** The output directory: the user's, or {@code out/<program>}. */
        public Path out(String program) {
            return out != null ? out : Path.of("out", program);
        }

        /** The output directory: the user's, or {@code whenAbsent} (for a program whose default is not under out/). */
        public Path outOr(Path whenAbsent) {
            return out != null ? out : whenAbsent;
        }

        /** The summary file, or null when none was asked for. */
        public Path summary() {
            return summary;
        }

        public boolean quiet() {
            return quiet;
        }

        /** Seconds between progress lines; 0 when off (also with {@code -q}). */
        public double progressSeconds() {
            return quiet ? 0 : progressSeconds;
        }
    }

    /** Threads per rank. */
    public static final class Threads {
        @Option(
                names = "--threads",
                paramLabel = "T",
                description = "Threads per rank for the compute kernels (default: ${DEFAULT-VALUE}).")
        int threads = 1;

        public int threads() {
            return threads;
        }
    }

    /** Whether to draw the program's PNG. */
    public static final class Plot {
        @Option(names = "--no-plot", description = "Do not write the PNG plot.")
        boolean noPlot;

        public boolean plot() {
            return !noPlot;
        }
    }
}
