package org.orrery.apps;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.orrery.analysis.Scaling;
import org.orrery.io.plot.Charts;
import org.orrery.io.plot.ScalingPlots;
import org.orrery.model.UserError;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The teaching chapter's theoretical Amdahl chart (&sect;38.1): speedup 1/(f + (1&minus;f)/p) for
 * f = 0.05 and 0.2 at p = 1 &hellip; 1024 on log&ndash;log axes, with the limits 1/f; prints the table.
 */
@Command(name = "amdahl", mixinStandardHelpOptions = true, versionProvider = OrreryVersion.class,
        description = "Draw Amdahl's law: theoretical speedup 1/(f + (1-f)/p) for serial fractions f (PNG) and print the table.")
public final class AmdahlApp implements Callable<Integer> {

    @Option(names = "--f", split = ",", paramLabel = "F", description = "Serial fractions in [0, 1) (default: 0.05,0.2).")
    double[] fs = {0.05, 0.2};

    @Option(names = "--p-max", paramLabel = "P", description = "Largest processor count, a power of 2 is drawn up to it (default: ${DEFAULT-VALUE}).")
    int pMax = 1024;

    @Option(names = {"--out", "-o"}, paramLabel = "FILE.png", description = "Output image (default: ${DEFAULT-VALUE}).")
    Path out = Path.of("amdahl.png");

    public static void main(String[] args) {
        System.exit(SerialTool.run("amdahl", new AmdahlApp(), args));
    }

    @Override
    public Integer call() {
        if (fs.length == 0) {
            throw new UserError("--f needs at least one value");
        }
        for (double f : fs) {
            if (!(f >= 0 && f < 1)) {
                throw new UserError("--f values must be in [0, 1), got " + f);
            }
        }
        if (pMax < 2 || pMax > (1 << 24)) {
            throw new UserError("--p-max must be in 2..16777216, got " + pMax);
        }
        StringBuilder head = new StringBuilder(String.format("%8s", "p"));
        for (double f : fs) {
            head.append(String.format("  S(f=%.2f)", f));
        }
        System.out.println("Amdahl's law: S_p = 1 / (f + (1 - f) / p)");
        System.out.println(head);
        for (long p = 1; p <= pMax; p *= 2) {
            StringBuilder row = new StringBuilder(String.format("%8d", p));
            for (double f : fs) {
                row.append(String.format("  %10.2f", Scaling.amdahlSpeedup(f, p)));
            }
            System.out.println(row);
        }
        for (double f : fs) {
            System.out.printf("f = %.2f: maximum speedup 1/f = %s%n", f, f == 0 ? "unbounded" : String.format("%.1fx", 1 / f));
        }
        Charts.savePng(ScalingPlots.amdahl(fs, pMax), out);
        System.out.println("wrote " + out);
        return 0;
    }
}
