package org.orrery.apps.nbody;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.orrery.apps.common.SharedOptions;
import org.orrery.io.Summary;
import org.orrery.io.plot.LagrangianPlot;
import org.orrery.parallel.Comm;
import org.orrery.parallel.RankTimes;
import org.orrery.parallel.StopSignals;

/**
 * {@code nbody --integrator hermite}: runs {@link HermiteJob} with {@link HermiteOutputs}, then on rank 0 writes
 * {@code lagrangian.png} (Lagrangian radii and core radius against time), the human summary and the JSON summary. The
 * maximum energy error covers the whole run, including rows an earlier run wrote before a restart point. A preempted
 * run (its checkpoint written) writes no plot and no summary and exits with {@link StopSignals#EXIT_PREEMPTED}.
 */
final class HermiteRun {
    private HermiteRun() {}

    /** collective: the whole Hermite run; returns the exit code. */
    static int run(
            Comm comm, NBodyConfig config, HermiteConfig hermite, Path dir, SharedOptions.Output output, boolean plot) {
        HermiteOutputs outputs = new HermiteOutputs(dir, config, System.out, output.quiet());
        HermiteJob.Result r = HermiteJob.run(comm, config, hermite, outputs); // collective
        if (r.preempted()) {
            if (comm.isRoot()) {
                outputs.release();
            }
            return StopSignals.EXIT_PREEMPTED;
        }
        if (comm.isRoot()) {
            long t0 = RankTimes.now();
            double maxRel = Math.max(outputs.previousMaxRel(), r.maxRelEnergyError());
            if (plot) {
                LagrangianPlot.write(
                        dir.resolve("lagrangian.png"),
                        "Lagrangian radii: " + r.description(),
                        "time (Henon units)",
                        outputs.plotRows());
            }
            if (!output.quiet()) {
                print(System.out, dir, plot, r, maxRel);
            }
            if (output.summary() != null) {
                summary(r, comm.libraryVersion(), maxRel).write(output.summary());
            }
            RankTimes.addSerialSince("report", t0);
            outputs.release();
        }
        return 0;
    }

    private static void print(PrintStream out, Path dir, boolean plot, HermiteJob.Result r, double maxRel) {
        HermiteDiagnostics.Row last = r.last();
        double[] l = last.lagrangian();
        out.println();
        out.println("N-body summary (Hermite, block time steps)");
        out.printf(Locale.ROOT, "  particles        %d (%s)%n", r.state().n, r.description());
        out.printf(Locale.ROOT, "  ranks x threads  %d x %d%n", r.ranks(), r.threads());
        out.printf(
                Locale.ROOT,
                "  time             %.6g to %.6g, %d blocks this run, %d particle steps since t = 0%n",
                r.firstTime(),
                r.state().time,
                r.blocksDone(),
                particleSteps(r));
        out.printf(
                Locale.ROOT,
                "  wall time        %.3f s (%.3e interactions/s)%n",
                r.loopSeconds(),
                r.interactionsDone() / r.loopSeconds());
        out.printf(
                Locale.ROOT,
                "  compute / comm   %.3f s / %.3f s (slowest rank; comm includes waiting)%n",
                r.computeSeconds(),
                r.commSeconds());
        out.printf(
                Locale.ROOT,
                "  energy           E0 %.9g, dE/E final %+.3e, max |dE/E| %.3e%n",
                r.e0(),
                last.relEnergyError(),
                maxRel);
        out.printf(
                Locale.ROOT,
                "  virial ratio     %.4f (start %.4f)%n",
                last.virialRatio(),
                r.first().virialRatio());
        out.printf(
                Locale.ROOT,
                "  Lagrangian radii 1%% %.5g, 10%% %.5g, 50%% %.5g, 90%% %.5g; t_rh(0) = %.5g%n",
                l[0],
                l[1],
                l[2],
                l[3],
                HermiteJob.relaxationTime(r));
        out.printf(
                Locale.ROOT,
                "  core (CH85)      radius %.5g, density %.5g%n",
                last.core().radius(),
                last.core().density());
        out.printf(
                "  steps per level  %s%n", HermiteDiagnostics.levels(r.hermite().stepsPerLevel()));
        out.printf("  state digest     sha256:%s%n", r.digest());
        out.printf(
                "  outputs          %s/{diagnostics.csv, snap_*.fits, checkpoint.bin%s}%n",
                dir, plot ? ", lagrangian.png" : "");
    }

    private static long particleSteps(HermiteJob.Result r) {
        long total = 0;
        for (long c : r.hermite().stepsPerLevel()) {
            total += c;
        }
        return total;
    }

    /**
     * The JSON summary. Parameters: integrator, ic, n, G, eps, eta, eta_s, dt_max, t_end, seed, units. Results:
     * state_sha256, time, blocks, blocks_done, interactions_done, energy_initial, energy_error_final, energy_error_max,
     * virial_ratio, virial_ratio_initial, ic_raw_virial_ratio, lagrangian_radii (1, 10, 50, 90 %), core_radius,
     * core_density, t_rh_initial, steps_per_level, compute_s, comm_s; rate in interactions/s.
     */
    static Summary summary(HermiteJob.Result r, String library, double maxRel) {
        double wall = r.loopSeconds();
        HermiteDiagnostics.Row last = r.last();
        Map<String, Long> levels = new LinkedHashMap<>();
        long[] per = r.hermite().stepsPerLevel();
        for (int k = 0; k < per.length; k++) {
            if (per[k] != 0) {
                levels.put(Integer.toString(k), per[k]);
            }
        }
        return new Summary("nbody", r.ranks(), r.threads(), library)
                .timing(wall, r.interactionsDone() / wall, "interactions/s")
                .param("integrator", "hermite")
                .param("ic", r.description())
                .param("n", r.state().n)
                .param("G", r.plan().params().g())
                .param("eps", r.plan().params().eps())
                .param("eta", r.plan().params().eta())
                .param("eta_s", r.plan().params().etaStart())
                .param("dt_max", r.plan().params().dtMax())
                .param("t_end", r.plan().tEnd())
                .param("seed", r.plan().seed())
                .param("units", "HENON")
                .result("state_sha256", r.digest())
                .result("time", r.state().time)
                .result("blocks", r.hermite().blocks())
                .result("blocks_done", r.blocksDone())
                .result("interactions_done", r.interactionsDone())
                .result("energy_initial", r.e0())
                .result("energy_error_final", last.relEnergyError())
                .result("energy_error_max", maxRel)
                .result("virial_ratio", last.virialRatio())
                .result("virial_ratio_initial", r.first().virialRatio())
                .result("ic_raw_virial_ratio", r.plan().icVirialRatio())
                .result(
                        "lagrangian_radii",
                        List.of(last.lagrangian()[0], last.lagrangian()[1], last.lagrangian()[2], last.lagrangian()[3]))
                .result("core_radius", last.core().radius())
                .result("core_density", last.core().density())
                .result("t_rh_initial", HermiteJob.relaxationTime(r))
                .result("steps_per_level", levels)
                .result("compute_s", r.computeSeconds())
                .result("comm_s", r.commSeconds());
    }
}
