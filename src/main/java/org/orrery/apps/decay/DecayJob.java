package org.orrery.apps.decay;

import org.orrery.analysis.DecayEnsembleStatistics;
import org.orrery.analysis.HalfLifeFit;
import org.orrery.parallel.Comm;
import org.orrery.parallel.RankTimes;
import org.orrery.physics.montecarlo.DecayModel;
import org.orrery.sim.DecayEnsemble;

/**
 * A decay ensemble run: every rank simulates its block of members ({@link DecayEnsemble}) and fits the parent's
 * half-life to each of them ({@link HalfLifeFit#fitEach}); rank 0 gathers every curve and fit in member order and
 * computes the statistics and checks against the analytic law ({@link DecayEnsembleStatistics}), the same bits at any
 * rank count. No printing, no files.
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
     * @param analysisSeconds time spent on the statistics (rank 0: its own members' fits and the rest)
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
            return DecayJob.times(model);
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

    /** The grid times t<sub>i</sub> = i&middot;dt of {@code model}. */
    static double[] times(DecayModel model) {
        double[] t = new double[model.points()];
        for (int i = 0; i < t.length; i++) {
            t[i] = model.time(i);
        }
        return t;
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
        double[] t = times(model);
        int w = model.width();
        int k = model.species();
        // The parent's half-life is fitted to each member on the rank that simulated it (the fits are most of the
        // analysis); rank 0 combines them in member order, the same bits as fitting all of them itself.
        double[] fitSeconds = {0};
        DecayEnsemble.MemberValues fits = new DecayEnsemble.MemberValues() {
            @Override
            public int width() {
                return HalfLifeFit.PER_CURVE;
            }

            @Override
            public double[] compute(long[] curves, int count) {
                long t0 = System.nanoTime();
                double[] each = HalfLifeFit.fitEach(t, curves, 0, w, k, count);
                fitSeconds[0] = (System.nanoTime() - t0) * 1e-9;
                return each;
            }
        };
        DecayEnsemble.Run run = DecayEnsemble.run(
                comm,
                model,
                config.method(),
                config.seed(),
                config.members(),
                config.threads(),
                progress,
                fits); // collective
        if (!comm.isRoot()) {
            return new Result(config, model, comm.size(), run, null, 0);
        }
        long t0 = RankTimes.now();
        DecayEnsembleStatistics stats = DecayEnsembleStatistics.of(
                t, run.curves(), config.members(), k, config.n0(), model.expectedFractions(), run.values());
        RankTimes.addSerialSince("analysis", t0);
        double analysis = fitSeconds[0] + (RankTimes.now() - t0) * 1e-9;
        return new Result(config, model, comm.size(), run, stats, analysis);
    }
}
