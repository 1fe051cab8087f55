package org.orrery.apps.sweep;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.orrery.analysis.Scaling;
import org.orrery.io.Summary;

/**
 * A sweep's {@code --summary} JSON and its own command line (for the CSV header), as {@link SweepReport} writes them.
 */
final class SweepSummary {
    private SweepSummary() {}

    /** The sweep's own command line, as a user would type it. */
    static List<String> sweepCommand(SweepConfig c) {
        List<String> cmd = new ArrayList<>(List.of(
                "launch/orrery", "sweep", c.program(), "--np", c.npList(), "--repeats", Integer.toString(c.repeats())));
        if (c.oversubscribe()) {
            cmd.add("--oversubscribe");
        }
        if (c.weak()) {
            cmd.addAll(List.of(
                    "--weak-param",
                    c.weakParam(),
                    "--weak-base",
                    SweepReport.fmt(c.weakBase()),
                    "--weak-exponent",
                    SweepReport.fmt(c.weakExponent())));
        }
        if (c.fitOversubscribed()) {
            cmd.add("--fit-oversubscribed");
        }
        if (c.out() != null) {
            cmd.addAll(List.of("--out", c.out().toString()));
        }
        if (!c.programArgs().isEmpty()) {
            cmd.add("--");
            cmd.addAll(c.programArgs());
        }
        return cmd;
    }

    static Summary summary(SweepConfig c, SweepResult r) {
        Summary s = new Summary("sweep", 1, 1, r.machine().mpiVersion());
        double total = r.points().stream()
                .flatMapToDouble(m -> Arrays.stream(m.walls()))
                .sum();
        s.timing(total, c.np().length * c.repeats() / total, "runs/s");
        s.param("program", c.program())
                .param("np", c.np())
                .param("repeats", c.repeats())
                .param("weak", c.weak())
                .param("program_args", c.programArgs());
        s.result("p", c.np())
                .result(
                        "wall_s_median",
                        Arrays.stream(r.scaling())
                                .mapToDouble(Scaling.Point::wall)
                                .toArray())
                .result(
                        "speedup",
                        Arrays.stream(r.scaling())
                                .mapToDouble(Scaling.Point::speedup)
                                .toArray())
                .result(
                        "efficiency",
                        Arrays.stream(r.scaling())
                                .mapToDouble(Scaling.Point::efficiency)
                                .toArray())
                .result("amdahl_f", r.fit() == null ? null : r.fit().f());
        return s;
    }
}
