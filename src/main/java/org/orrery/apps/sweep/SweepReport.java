package org.orrery.apps.sweep;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.orrery.analysis.Scaling;
import org.orrery.io.AtomicFile;
import org.orrery.io.MachineInfo;
import org.orrery.io.Version;
import org.orrery.io.plot.Charts;
import org.orrery.io.plot.ScalingPlots;
import org.orrery.io.plot.ScalingPlots.Point;

/**
 * A sweep's outputs: {@code scaling.csv} (or {@code scaling-weak.csv}) with the machine, the commands and the
 * conventions in its header; time, speedup and efficiency plots; the human table; and the {@code --summary} JSON.
 */
public final class SweepReport {
    private SweepReport() {}

    /** Writes every output and prints the table on {@code out} (unless quiet). */
    public static void write(SweepConfig c, SweepResult r, PrintStream out) {
        boolean weak = c.weak();
        String suffix = weak ? "-weak" : "";
        MachineInfo machine = r.machine();
        if (!c.quiet()) {
            printTable(c, r, out);
        }
        Path dir = c.outDir();
        Path csvFile = dir.resolve("scaling" + suffix + ".csv");
        AtomicFile.writeString(
                csvFile, csv(c, r, ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME)));
        List<Point> timePts = new ArrayList<>();
        List<Point> speedPts = new ArrayList<>();
        List<Point> effPts = new ArrayList<>();
        for (int i = 0; i < r.points().size(); i++) {
            SweepJob.Measured m = r.points().get(i);
            Scaling.Point s = r.scaling()[i];
            timePts.add(new Point(m.p(), s.wall(), m.oversubscribed()));
            speedPts.add(new Point(m.p(), s.speedup(), m.oversubscribed()));
            effPts.add(new Point(m.p(), s.efficiency(), m.oversubscribed()));
        }
        String what = c.program() + " (" + (weak ? "weak" : "strong") + " scaling, " + machine.physicalCores()
                + "-core " + machine.host() + ")";
        Path timePng = dir.resolve("time" + suffix + ".png");
        Path speedPng = dir.resolve("speedup" + suffix + ".png");
        Path effPng = dir.resolve("efficiency" + suffix + ".png");
        int cores = machine.physicalCores();
        Charts.savePng(
                ScalingPlots.time(
                        "Wall time: " + what, timePts, cores, r.points().get(0).rateUnit(), weak),
                timePng);
        Charts.savePng(
                ScalingPlots.speedup(
                        "Speedup: " + what,
                        speedPts,
                        cores,
                        r.fit(),
                        weak ? "scaled speedup p*T(1)/T(p)" : "speedup T(1)/T(p)"),
                speedPng);
        Charts.savePng(
                ScalingPlots.efficiency(
                        "Efficiency: " + what, effPts, cores, weak ? "weak efficiency T(1)/T(p)" : "efficiency S/p"),
                effPng);
        if (!c.quiet()) {
            out.println("wrote " + csvFile + ", " + timePng + ", " + speedPng + ", " + effPng);
        }
        if (c.summary() != null) {
            SweepSummary.summary(c, r).write(c.summary());
        }
    }

    private static void printTable(SweepConfig c, SweepResult r, PrintStream out) {
        boolean weak = c.weak();
        out.printf(
                "%6s %s%12s %12s %10s %10s %10s%n",
                "p",
                weak ? String.format("%10s ", "size") : "",
                "wall_s",
                "rate",
                "speedup",
                "efficiency",
                "karp-flatt");
        for (int i = 0; i < r.points().size(); i++) {
            SweepJob.Measured m = r.points().get(i);
            Scaling.Point s = r.scaling()[i];
            out.printf(
                    "%6d %s%12.4g %12.4g %10.3f %10.3f %10s%s%n",
                    m.p(),
                    weak ? String.format("%10d ", m.size()) : "",
                    s.wall(),
                    m.rate(),
                    s.speedup(),
                    s.efficiency(),
                    Double.isNaN(s.karpFlatt()) ? "-" : String.format("%.4f", s.karpFlatt()),
                    m.oversubscribed() ? "  (oversubscribed)" : "");
        }
        if (!weak) {
            out.println("Amdahl fit: " + r.fitNote());
        }
    }

    /** The CSV text, dated {@code date}. */
    static String csv(SweepConfig c, SweepResult r, String date) {
        boolean weak = c.weak();
        MachineInfo machine = r.machine();
        int pRef = r.points().get(0).p();
        StringBuilder csv = new StringBuilder();
        csv.append("# orrery sweep ")
                .append(Version.get())
                .append(": ")
                .append(weak ? "weak" : "strong")
                .append(" scaling of ")
                .append(c.program())
                .append('\n');
        csv.append("# command: ")
                .append(String.join(" ", SweepSummary.sweepCommand(c)))
                .append('\n');
        csv.append("# each run: ")
                .append(String.join(" ", c.command(Path.of("launch/orrery"), 0, Path.of("TMP.json")))
                        .replace(" -np 0 ", " -np P "))
                .append(
                        weak
                                ? " (" + c.weakParam() + " = round(" + fmt(c.weakBase()) + " * P^"
                                        + fmt(c.weakExponent()) + "))"
                                : "")
                .append('\n');
        csv.append("# host: ")
                .append(machine.host())
                .append("; physical cores: ")
                .append(machine.physicalCores())
                .append("; logical CPUs: ")
                .append(machine.logicalCpus())
                .append("; CPU: ")
                .append(machine.cpuModel())
                .append('\n');
        csv.append("# MPI: ")
                .append(machine.mpiVersion())
                .append("; Java: ")
                .append(machine.javaVersion())
                .append('\n');
        csv.append("# date: ").append(date).append('\n');
        csv.append("# repeats: ")
                .append(c.repeats())
                .append(" per point, median kept; wall_s and rate read from the program's --summary JSON\n");
        csv.append("# oversubscribed = p > ")
                .append(machine.physicalCores())
                .append(" physical cores: ranks share cores, so those times measure contention, not parallel "
                        + "speedup\n");
        csv.append("# speedup = T(")
                .append(pRef)
                .append(")*")
                .append(pRef)
                .append("/T(p)")
                .append(
                        weak
                                ? " * p/" + pRef + " (Gustafson scaled speedup); efficiency = T(" + pRef + ")/T(p)"
                                : "; efficiency = speedup/p")
                .append("; karp_flatt = (1/S - 1/p)/(1 - 1/p)\n");
        csv.append("# amdahl fit: ").append(r.fitNote()).append('\n');
        csv.append("p,")
                .append(weak ? "size," : "")
                .append("oversubscribed,runs,wall_s_median,wall_s_min,wall_s_max,wall_s_all,rate_median,rate_unit,"
                        + "speedup,efficiency,karp_flatt")
                .append(r.fit() != null ? ",amdahl_fit_speedup" : "")
                .append('\n');
        for (int i = 0; i < r.points().size(); i++) {
            SweepJob.Measured m = r.points().get(i);
            Scaling.Point s = r.scaling()[i];
            double[] sorted = m.walls().clone();
            Arrays.sort(sorted);
            StringBuilder all = new StringBuilder();
            for (int k = 0; k < m.walls().length; k++) {
                all.append(k == 0 ? "" : ";").append(m.walls()[k]);
            }
            csv.append(m.p())
                    .append(',')
                    .append(weak ? m.size() + "," : "")
                    .append(m.oversubscribed() ? "yes" : "no")
                    .append(',')
                    .append(m.walls().length)
                    .append(',')
                    .append(s.wall())
                    .append(',')
                    .append(sorted[0])
                    .append(',')
                    .append(sorted[sorted.length - 1])
                    .append(',')
                    .append(all)
                    .append(',')
                    .append(m.rate())
                    .append(',')
                    .append(m.rateUnit())
                    .append(',')
                    .append(s.speedup())
                    .append(',')
                    .append(s.efficiency())
                    .append(',')
                    .append(Double.isNaN(s.karpFlatt()) ? "" : Double.toString(s.karpFlatt()));
            if (r.fit() != null) {
                csv.append(',').append(Scaling.amdahlSpeedup(r.fit().f(), m.p()));
            }
            csv.append('\n');
        }
        return csv.toString();
    }

    static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
