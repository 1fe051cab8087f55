package org.orrery.apps.decay;

import org.orrery.analysis.DecayEnsembleStatistics;
import org.orrery.parallel.Comm;
import org.orrery.physics.montecarlo.DecayModel;
import org.orrery.sim.DecayEnsemble;

/**
 * A decay ensemble run: every rank simulates its block of members ({@link DecayEnsemble}); rank 0 gathers every curve
 * in member order and computes the statistics and checks against the analytic law ({@link DecayEnsembleStatistics}). No
 * printing, no files.
 */
public final class DecayJob {
    private DecayJob() {}

    /**
     * The ensemble and what was found.
     *
     * @param config what was run
     * @param model the model simulated
     * @param ranks ranks
     * @param ensemble every member's curve (rank 0) and the simulation timings
     * @param statistics the statistics and checks (rank 0; null elsewhere)
     * @param analysisSeconds time spent on the statistics (rank 0)
     */
    public record Result(
            DecayConfig config,
            DecayModel model,
            int ranks,
            DecayEnsemble.Run ensemble,
            DecayEnsembleStatistics statistics,
            double analysisSeconds) {

        /** The grid times t<sub>i</sub> = i&middot;dt. */
        public double[] times() {
            double[] t = new double[model.points()];
            for (int i = 0; i < t.length; i++) {
                t[i] = model.time(i);
            }
            return t;
        }

        /** Nucleus-steps per second over simulate + gather: N0 &times; steps &times; members / wall. */
        public double rate() {
            return (double) config.n0() * model.steps() * config.members() / ensemble.wallSeconds();
        }

        /** Whether every statistical check passed (rank 0). */
        public boolean allPassed() {
            return statistics.allPassed(config.halfLives()[0]);
        }
    }

    /** collective: {@link #run(Comm, DecayConfig, DecayEnsemble.Progress)} without progress. */
    public static Result run(Comm comm, DecayConfig config) throws InterruptedException {
        return run(comm, config, DecayEnsemble.Progress.NONE); // collective
    }

    /**
     * collective: simulates the ensemble on every rank; the statistics are computed on rank 0. {@code progress} hears
     * of this rank's members as they finish.
     */
    public static Result run(Comm comm, DecayConfig config, DecayEnsemble.Progress progress)
            throws InterruptedException {
        DecayModel model = config.model();
        DecayEnsemble.Run run = DecayEnsemble.run(
                comm,
                model,
                config.method(),
                config.seed(),
                config.members(),
                config.threads(),
                progress); // collective
        if (!comm.isRoot()) {
            return new Result(config, model, comm.size(), run, null, 0);
        }
        long t0 = System.nanoTime();
        Result partial = new Result(config, model, comm.size(), run, null, 0);
        DecayEnsembleStatistics stats = DecayEnsembleStatistics.of(
                partial.times(),
                run.curves(),
                config.members(),
                model.species(),
                config.n0(),
                model.expectedFractions());
        return new Result(config, model, comm.size(), run, stats, (System.nanoTime() - t0) * 1e-9);
    }
}
