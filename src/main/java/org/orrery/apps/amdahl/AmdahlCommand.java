package org.orrery.apps.amdahl;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.orrery.apps.OrreryVersion;
import org.orrery.apps.common.Programs;
import org.orrery.apps.common.SharedOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code amdahl}: the teaching chapter's theoretical Amdahl chart (&sect;38.1), speedup 1/(f + (1&minus;f)/p) for f =
 * 0.05 and 0.2 at p = 1 &hellip; 1024 on log&ndash;log axes with the limits 1/f, and the table. Options only:
 * {@link AmdahlConfig}, {@link AmdahlJob}, {@link AmdahlReport}.
 */
@Command(
        name = "amdahl",
        mixinStandardHelpOptions = true,
        versionProvider = OrreryVersion.class,
        description =
                "Draw Amdahl's law: theoretical speedup 1/(f + (1-f)/p) for serial fractions f (PNG) and print the "
                        + "table.")
public final class AmdahlCommand implements Callable<Integer> {

    @Option(
            names = "--f",
            split = ",",
            paramLabel = "F",
            description = "Serial fractions in [0, 1) (default: 0.05,0.2).")
    double[] fs = {0.05, 0.2};

    @Option(
            names = "--p-max",
            paramLabel = "P",
            description = "Largest processor count, a power of 2 is drawn up to it (default: ${DEFAULT-VALUE}).")
    int pMax = 1024;

    @Mixin
    SharedOptions.Output output;

    @Mixin
    SharedOptions.Plot plot;

    public static void main(String[] args) {
        System.exit(Programs.runTool("amdahl", new AmdahlCommand(), args));
    }

    @Override
    public Integer call() {
        long t0 = System.nanoTime();
        AmdahlJob.Result result = AmdahlJob.run(new AmdahlConfig(fs, pMax));
        if (!output.quiet()) {
            AmdahlReport.print(System.out, result);
        }
        if (plot.plot()) {
            Path png = AmdahlReport.writePlot(output.out("amdahl"), result);
            if (!output.quiet()) {
                System.out.println("wrote " + png);
            }
        }
        if (output.summary() != null) {
            AmdahlReport.summary(result, (System.nanoTime() - t0) * 1e-9).write(output.summary());
        }
        return 0;
    }
}
