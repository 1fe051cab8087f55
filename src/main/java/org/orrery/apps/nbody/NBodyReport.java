package org.orrery.apps.nbody;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.orrery.io.Summary;
import org.orrery.io.plot.ProjectionPlot;
import org.orrery.model.ParticleState;
import org.orrery.physics.gravity.Collapse;

/**
 * The end of an N-body run (rank 0): {@code projections.png}, the human summary and the JSON summary of a
 * {@link NBodyJob.Result}. The maximum energy error covers the whole run, including the rows an earlier run wrote
 * before a restart point ({@code previousMaxRel}).
 */
final class NBodyReport {
    private NBodyReport() {}

    /** Writes {@code dir/projections.png} from the frames (nothing when there are none). */
    static void writePlot(Path dir, NBodyConfig config, List<ProjectionPlot.Frame> frames, NBodyJob.Result r) {
        if (!frames.isEmpty()) {
            ProjectionPlot.write(
                    dir.resolve("projections.png"),
                    config.ic() == NBodyConfig.Ic.uniform ? "Uniform collapse" : "N-body",
                    frames,
                    r.plan().units().length());
        }
    }

    /** The human summary. */
    static void print(PrintStream out, Path dir, boolean plot, NBodyJob.Result r, double maxRel) {
        long done = r.stepsDone();
        double interactions = interactions(r);
        double tff = r.plan().tff();
        double time = r.state().time;
        out.println();
        out.println("N-body summary");
        out.printf(Locale.ROOT, "  particles        %d (%s)%n", r.state().n, r.description());
        out.printf(Locale.ROOT, "  ranks x threads  %d x %d%n", r.ranks(), r.threads());
        out.printf(
                Locale.ROOT,
                "  steps            %d this run (%d to %d), dt = %.6g, t = %.6g%s%n",
                done,
                r.firstStep(),
                r.state().step,
                r.plan().dt(),
                time,
                Double.isNaN(tff) ? "" : String.format(Locale.ROOT, " = %.4f t_ff", time / tff));
        out.printf(
                Locale.ROOT,
                "  wall time        %.3f s (%.1f steps/s, %.3e interactions/s)%n",
                r.loopSeconds(),
                done / r.loopSeconds(),
                interactions / r.loopSeconds());
        out.printf(
                Locale.ROOT,
                "  compute / comm   %.3f s / %.3f s (slowest rank; comm includes waiting)%n",
                r.computeSeconds(),
                r.commSeconds());
        out.printf(
                Locale.ROOT, "  energy error     dE/E final %+.3e, max |dE/E| %.3e%n", r.finalRelEnergyError(), maxRel);
        out.printf(
                Locale.ROOT,
                "  virial ratio     %.4f; half-mass radius %.6g; mean radius %.6g%n",
                r.last().virialRatio(),
                r.last().halfMassRadius(),
                r.last().meanRadius());
        if (!Double.isNaN(tff) && time < 0.95 * tff && r.firstStep() == 0) {
            out.printf(
                    Locale.ROOT,
                    "  collapse         mean radius / initial = %.5f (homologous analytic %.5f)%n",
                    r.last().meanRadius() / r.initialMeanRadius(),
                    Collapse.radiusRatio(time, tff));
        }
        out.printf("  state digest     sha256:%s%n", r.digest());
        out.printf(
                "  outputs          %s/{diagnostics.csv, snap_*.fits, checkpoint.bin%s}%n",
                dir, plot ? ", projections.png" : "");
    }

    private static double interactions(NBodyJob.Result r) {
        return (double) r.stepsDone() * r.state().n * r.state().n;
    }

    /**
     * The JSON summary. Parameters: ic, n, G, eps, dt, steps, seed, units. Results: steps_done, steps_per_s, compute_s,
     * comm_s, energy_error_final, energy_error_max, virial_ratio, half_mass_radius, state_sha256, setup_s; rate in
     * interactions/s.
     */
    static Summary summary(NBodyJob.Result r, String library, double maxRel) {
        double wall = r.loopSeconds();
        return new Summary("nbody", r.ranks(), r.threads(), library)
                .timing(wall, interactions(r) / wall, "interactions/s")
                .param("ic", r.initialConditions())
                .param("n", r.state().n)
                .param("G", r.plan().g())
                .param("eps", r.plan().eps())
                .param("dt", r.plan().dt())
                .param("steps", r.plan().steps())
                .param("seed", r.plan().seed())
                .param("units", r.plan().units().name())
                .result("steps_done", r.stepsDone())
                .result("steps_per_s", r.stepsDone() / wall)
                .result("compute_s", r.computeSeconds())
                .result("comm_s", r.commSeconds())
                .result("energy_error_final", r.finalRelEnergyError())
                .result("energy_error_max", maxRel)
                .result("virial_ratio", r.last().virialRatio())
                .result("half_mass_radius", r.last().halfMassRadius())
                .result("state_sha256", r.digest())
                .result("setup_s", r.setupSeconds());
    }

    /**
     * A frame of projections.png: x and y of at most about 20 000 particles (every k-th), labelled by step or t/t_ff.
     */
    static ProjectionPlot.Frame frame(ParticleState s, NBodySetup.Plan plan) {
        int stride = Math.max(1, s.n / 20000);
        int k = (s.n + stride - 1) / stride;
        double[] x = new double[k];
        double[] y = new double[k];
        for (int i = 0, j = 0; i < s.n; i += stride, j++) {
            x[j] = s.x[i];
            y[j] = s.y[i];
        }
        String label = Double.isNaN(plan.tff())
                ? String.format(Locale.ROOT, "step %d, t = %.4g", s.step, s.time)
                : String.format(Locale.ROOT, "t = %.3f t_ff", s.time / plan.tff());
        return new ProjectionPlot.Frame(label, x, y);
    }
}
