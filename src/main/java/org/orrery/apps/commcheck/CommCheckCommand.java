package org.orrery.apps.commcheck;

import java.nio.file.Path;
import org.orrery.apps.OrreryVersion;
import org.orrery.apps.common.Programs;
import org.orrery.apps.common.SpmdProgram;
import org.orrery.parallel.Comm;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code commcheck}: options only; the checks are {@link CommCheckJob}, the output {@link CommCheckReport}. Exit 0 when
 * every check passes, 1 otherwise.
 */
@Command(
        name = "commcheck",
        mixinStandardHelpOptions = true,
        versionProvider = OrreryVersion.class,
        description =
                "Check Orrery's MPI layer value by value (v-collectives at 65536 x 3 doubles, reductions, sendRecv "
                        + "ring).")
public final class CommCheckCommand implements SpmdProgram {

    @Option(
            names = "--items",
            paramLabel = "N",
            description = "Items for allGatherv and gatherv, 3 values each (default: ${DEFAULT-VALUE}).")
    int items = CommCheckConfig.DEFAULT_ITEMS;

    @Option(names = "--repeat", paramLabel = "R", description = "Repetitions (default: ${DEFAULT-VALUE}).")
    int repeat = CommCheckConfig.DEFAULT_REPEAT;

    @Option(
            names = "--summary",
            paramLabel = "FILE.json",
            description = "Also write a machine-readable summary (JSON) of the run.")
    Path summary;

    private CommCheckConfig config;

    public static void main(String[] args) {
        Programs.main(CommCheckCommand::new, args);
    }

    @Override
    public String name() {
        return "commcheck";
    }

    @Override
    public void validate() {
        config = new CommCheckConfig(items, repeat);
    }

    @Override
    public int run(Comm comm) {
        CommCheckJob.Result result = CommCheckJob.run(comm, config); // collective
        if (comm.isRoot()) {
            System.out.println(CommCheckReport.line(result));
            System.out.println(CommCheckReport.digestLine(result));
            if (summary != null) {
                CommCheckReport.summary(result).write(summary);
            }
        }
        return result.mismatches() == 0 ? 0 : 1;
    }
}
