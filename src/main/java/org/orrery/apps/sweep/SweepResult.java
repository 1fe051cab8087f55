package org.orrery.apps.sweep;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.orrery.analysis.Scaling;
import org.orrery.io.MachineInfo;

/**
 * A sweep's measurements and their analysis: speedup, efficiency and Karp–Flatt fraction of each point
 * ({@link Scaling#sweep}, relative to the smallest p) and, for strong scaling, an Amdahl fit over the points within the
 * physical cores (or all of them with --fit-oversubscribed).
 *
 * @param points the measured points, ascending p
 * @param scaling the analysis of each point (median wall times)
 * @param fit the Amdahl fit, or null when it does not apply or has too few points
 * @param fitNote what the fit found, or why there is none
 */
public record SweepResult(
        MachineInfo machine,
        List<SweepJob.Measured> points,
        Scaling.Point[] scaling,
        Scaling.AmdahlFit fit,
        String fitNote) {

    /** Analyses {@code points} measured on {@code machine}. */
    public static SweepResult of(SweepConfig c, MachineInfo machine, List<SweepJob.Measured> points) {
        boolean weak = c.weak();
        int[] p = points.stream().mapToInt(SweepJob.Measured::p).toArray();
        double[] t = points.stream().mapToDouble(SweepJob.Measured::wall).toArray();
        List<Integer> fitP = new ArrayList<>();
        List<Double> fitT = new ArrayList<>();
        for (SweepJob.Measured m : points) {
            if (!weak && (!m.oversubscribed() || c.fitOversubscribed())) {
                fitP.add(m.p());
                fitT.add(m.wall());
            }
        }
        Scaling.AmdahlFit fit = null;
        String fitNote;
        if (weak) {
            fitNote = "not applicable to weak scaling";
        } else if (fitP.stream().distinct().count() >= 2) {
            fit = Scaling.fitAmdahl(
                    fitP.stream().mapToInt(Integer::intValue).toArray(),
                    fitT.stream().mapToDouble(Double::doubleValue).toArray());
            fitNote = String.format(
                            Locale.ROOT,
                            "f = %.4f +- %s over p = %s%s",
                            fit.f(),
                            Double.isNaN(fit.fError())
                                    ? "n/a (2 points fix f exactly)"
                                    : String.format(Locale.ROOT, "%.4f", fit.fError()),
                            fitP,
                            c.fitOversubscribed()
                                    ? " (oversubscribed points included)"
                                    : " (points with p <= physical cores)")
                    + (fit.f() < 0 || fit.f() > 1
                            ? "; f outside [0, 1]: these times do not follow Amdahl's law (overheads grow with p)"
                            : "");
        } else {
            fitNote = "needs two or more rank counts within the physical cores";
        }
        return new SweepResult(machine, List.copyOf(points), Scaling.sweep(p, t, weak), fit, fitNote);
    }
}
