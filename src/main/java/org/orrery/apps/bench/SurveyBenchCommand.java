package org.orrery.apps.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import org.orrery.bench.SurveyBench;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code launch/orrery bench survey}: options of the benchmark of survey pair counts beside Corrfunc; a subcommand of
 * {@link BenchCommand}.
 */
@Command(
        name = "survey",
        mixinStandardHelpOptions = true,
        description = "Survey pair counts (rppi, smu in a periodic box; theta on a cap) side by side with Corrfunc's "
                + "DDrppi, DDsmu and DDtheta_mocks on the same files and bins, and mode r beside theory DD "
                + "(pair phase and whole job from one text file); counts checked equal; ratios.")
public final class SurveyBenchCommand implements Callable<Integer> {
    @Option(
            names = "--corrfunc",
            required = true,
            paramLabel = "DIR",
            description = "A Corrfunc source tree built with DOUBLE_PREC (src/test/resources/corrfunc/README.md).")
    Path corrfunc;

    @Option(names = "--n", description = "Box points (default ${DEFAULT-VALUE}).")
    int n = 1_000_000;

    @Option(names = "--theta-n", description = "Sky points for theta (default ${DEFAULT-VALUE}).")
    int thetaN = 300_000;

    @Option(names = "--threads", split = ",", description = "Thread counts (default 1,2).")
    int[] threads = {1, 2};

    @Option(names = "--repeat", description = "Timed repetitions after a warm-up (default ${DEFAULT-VALUE}).")
    int repeat = 3;

    @Option(
            names = "--modes",
            split = ",",
            description = "Modes to compare: r (vs DD: pair phase and whole job from a text file), rppi, smu, "
                    + "theta (default all).")
    List<String> modes = List.of("r", "rppi", "smu", "theta");

    @Option(
            names = {"-o", "--out"},
            description = "Directory for survey-bench.csv (default results/survey).")
    Path out = Path.of("results", "survey");

    @Override
    public Integer call() throws Exception {
        return SurveyBench.run(new SurveyBench.Options(
                corrfunc, n, thetaN, Arrays.stream(threads).boxed().toList(), repeat, out, modes));
    }
}
