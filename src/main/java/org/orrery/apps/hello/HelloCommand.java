package org.orrery.apps.hello;

import java.nio.file.Path;
import org.orrery.apps.OrreryVersion;
import org.orrery.apps.common.Programs;
import org.orrery.apps.common.SpmdProgram;
import org.orrery.parallel.Comm;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code hello}: the first program to run on a new machine or cluster. Options only; the work is {@link HelloJob}, the
 * output {@link HelloReport}.
 */
@Command(
        name = "hello",
        mixinStandardHelpOptions = true,
        versionProvider = OrreryVersion.class,
        description = "Check an MPI installation: every rank reports in; a broadcast and a reduction are verified.")
public final class HelloCommand implements SpmdProgram {

    @Option(
            names = "--summary",
            paramLabel = "FILE.json",
            description = "Also write a machine-readable summary (JSON) of the run.")
    Path summary;

    public static void main(String[] args) {
        Programs.main(HelloCommand::new, args);
    }

    @Override
    public String name() {
        return "hello";
    }

    @Override
    public int run(Comm comm) {
        HelloJob.Result result = HelloJob.run(comm); // collective
        if (comm.isRoot()) {
            HelloReport.print(System.out, result);
            if (summary != null) {
                HelloReport.summary(result).write(summary);
            }
        }
        return result.ok() ? 0 : 1;
    }
}
