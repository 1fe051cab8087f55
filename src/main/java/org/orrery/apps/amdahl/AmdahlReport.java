package org.orrery.apps.amdahl;

import java.io.PrintStream;
import java.nio.file.Path;
import org.orrery.io.Summary;
import org.orrery.io.plot.Charts;
import org.orrery.io.plot.ScalingPlots;

/** The {@code amdahl} output: the table on stdout, {@code DIR/amdahl.png}, the JSON summary. */
public final class AmdahlReport {
    /** The chart's file name inside the output directory. */
    public static final String PNG = "amdahl.png";

    private AmdahlReport() {}

    /** The human table: one row per p, one column per f, then each f's limit 1/f. */
    public static void print(PrintStream out, AmdahlJob.Result r) {
        double[] fs = r.config().fractions();
        StringBuilder head = new StringBuilder(String.format("%8s", "p"));
        for (double f : fs) {
            head.append(String.format("  S(f=%.2f)", f));
        }
        out.println("Amdahl's law: S_p = 1 / (f + (1 - f) / p)");
        out.println(head);
        for (int k = 0; k < r.processors().size(); k++) {
            StringBuilder row =
                    new StringBuilder(String.format("%8d", r.processors().get(k)));
            for (int i = 0; i < fs.length; i++) {
                row.append(String.format("  %10.2f", r.speedup(i, k)));
            }
            out.println(row);
        }
        for (double f : fs) {
            out.printf("f = %.2f: maximum speedup 1/f = %s%n", f, f == 0 ? "unbounded" : String.format("%.1fx", 1 / f));
        }
    }

    /** Writes {@code dir/amdahl.png} (atomically) and returns its path. */
    public static Path writePlot(Path dir, AmdahlJob.Result r) {
        Path png = dir.resolve(PNG);
        Charts.savePng(ScalingPlots.amdahl(r.config().fractions(), r.config().pMax()), png);
        return png;
    }

    /** The JSON summary: parameters {@code f}, {@code p_max}; result {@code speedup} (one list per f). */
    public static Summary summary(AmdahlJob.Result r, double wallSeconds) {
        return new Summary("amdahl", 1, 1, "none (serial tool)")
                .timing(wallSeconds, r.processors().size() * r.speedups().size() / wallSeconds, "speedups/s")
                .param("f", r.config().fractions())
                .param("p_max", r.config().pMax())
                .result("p", r.processors())
                .result("speedup", r.speedups());
    }
}
