package org.orrery.apps.hello;

import java.io.PrintStream;
import org.orrery.io.Summary;

/** The {@code hello} output: the human report and the JSON summary of a {@link HelloJob.Result}. */
public final class HelloReport {
    private HelloReport() {}

    /** The human report: versions, one line per rank, the two checks. */
    public static void print(PrintStream out, HelloJob.Result r) {
        out.printf("Orrery hello: %d rank%s%n", r.size(), r.size() == 1 ? "" : "s");
        out.println("Backend: " + r.backendName() + " (" + r.nativeLib() + ")");
        out.println("MPI:  " + r.library());
        out.println("Launcher: " + r.launcher());
        out.println("Java: " + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
                + " (" + System.getProperty("java.vendor") + ")");
        r.lines().forEach(out::println);
        out.printf("broadcast check: %s%n", r.broadcastOk() ? "ok" : "FAILED");
        out.printf(
                "reduction check: %s (sum of ranks %d, expected %d)%n",
                r.reductionOk() ? "ok" : "FAILED", r.rankSum(), r.expectedRankSum());
    }

    /**
     * The JSON summary: keys {@code broadcast_ok}, {@code reduction_ok}, {@code backend}, {@code native_library},
     * {@code launcher}; rate in ranks/s.
     */
    public static Summary summary(HelloJob.Result r) {
        return new Summary("hello", r.size(), 1, r.library())
                .timing(r.wallSeconds(), r.size() / r.wallSeconds(), "ranks/s")
                .result("broadcast_ok", r.broadcastOk())
                .result("reduction_ok", r.reductionOk())
                .result("backend", r.backend())
                .result("native_library", r.nativeLib())
                .result("launcher", r.launcher());
    }
}
