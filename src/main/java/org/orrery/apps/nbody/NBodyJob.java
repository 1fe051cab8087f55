package org.orrery.apps.nbody;

import org.orrery.apps.common.Agreement;
import org.orrery.apps.nbody.NBodySetup.Plan;
import org.orrery.apps.nbody.NBodySetup.Start;
import org.orrery.model.ParticleState;
import org.orrery.model.UserError;
import org.orrery.parallel.Comm;
import org.orrery.parallel.RankTimes;
import org.orrery.parallel.StopSignals;
import org.orrery.physics.gravity.Diagnostics;
import org.orrery.sim.GravityEngine;
import org.orrery.sim.StateDigest;

/**
 * An N-body run, SPMD: rank 0 builds or reads the particles and the {@link Plan} ({@link NBodySetup}); every rank stops
 * together if that failed; the plan and the state are broadcast (counts first, then payload); then every rank steps the
 * same state with the {@link GravityEngine} (kick&ndash;drift&ndash;kick, accelerations of its own block shared by
 * allGatherv), computing the diagnostics every {@code diagEvery} steps. The state is bitwise the same on every rank and
 * for any rank or thread count. Every step the ranks agree whether a preemption signal arrived anywhere (each rank's
 * {@link StopSignals#localCode} rides on the step's allGatherv, {@link GravityEngine#step(long)}); if so, all stop
 * after that step and rank 0 checkpoints it.
 *
 * <p>No printing and no files: rank 0 hands every event to an {@link Observer} (the outputs), and the run's figures
 * come back as a {@link Result}.
 */
public final class NBodyJob {
    private NBodyJob() {}

    /** What rank 0 is told as the run goes; every method runs on rank 0 only. */
    public interface Observer {
        /** Before anything is read: throws {@link UserError} when the outputs cannot be written. */
        default void check() {}

        /** Rank 0 could not start (bad input or an unwritable directory): undo what {@link #check} did. */
        default void failed() {}

        /** The state is ready and its diagnostics known; {@code e0} is the reference energy. */
        default void started(Start start, String shown, int ranks, Diagnostics.Values d0, double e0) {}

        /** Diagnostics after a step on the {@code diagEvery} cadence (and at the end). */
        default void diagnostics(Diagnostics.Values d) {}

        /** After every step; {@code end} on the last. */
        default void stepped(ParticleState s, boolean end) {}

        /** Progress after step {@code k}, at most every {@code progressSeconds}, at {@code rate} steps/s. */
        default void progress(long k, long steps, double rate) {}

        /**
         * All ranks agreed to stop after {@code s.step} ({@link StopSignals}; signal: rank 0's or null): checkpoint,
         * say so.
         */
        default void preempted(ParticleState s, String signal) {}

        /** The run took no step (its state was already at the requested step). */
        default void noSteps(ParticleState s) {}
    }

    /**
     * The run's figures (identical on every rank except {@code setupSeconds} and the timings).
     *
     * @param ranks ranks
     * @param threads threads per rank
     * @param initialConditions the initial conditions, as recorded in checkpoints
     * @param description the initial conditions, and the restart point if any
     * @param plan the resolved plan
     * @param state the final state
     * @param firstStep the step the run started from (0, or the checkpoint's)
     * @param e0 the reference energy E<sub>0</sub>
     * @param initialMeanRadius mean radius at the first step
     * @param last diagnostics of the final state
     * @param maxRelEnergyError max |E/E<sub>0</sub> &minus; 1| over this run's diagnostics
     * @param loopSeconds wall time of the stepping loop
     * @param setupSeconds wall time from the start to the loop
     * @param computeSeconds force and potential computation, slowest rank
     * @param commSeconds communication including waiting, slowest rank
     * @param digest SHA-256 of the final state ({@link StateDigest})
     */
    public record Result(
            int ranks,
            int threads,
            String initialConditions,
            String description,
            Plan plan,
            ParticleState state,
            long firstStep,
            double e0,
            double initialMeanRadius,
            Diagnostics.Values last,
            double maxRelEnergyError,
            double loopSeconds,
            double setupSeconds,
            double computeSeconds,
            double commSeconds,
            String digest) {
        /** Steps taken by this run. */
        public long stepsDone() {
            return state.step - firstStep;
        }

        /** Whether it stopped early on a preemption request (exit {@link StopSignals#EXIT_PREEMPTED}). */
        public boolean preempted() {
            return state.step < plan.steps();
        }

        /** E/E<sub>0</sub> &minus; 1 of the final state. */
        public double finalRelEnergyError() {
            return (last.energy() - e0) / e0;
        }
    }

    /** collective: runs the whole simulation on every rank. */
    public static Result run(Comm comm, NBodyConfig config, Observer observer) {
        double tStart = comm.wtime();
        boolean root = comm.isRoot();
        Start start = null;
        UserError error = null;
        if (root) {
            try {
                long t0 = RankTimes.now();
                observer.check();
                start = NBodySetup.prepare(config);
                RankTimes.addSerialSince("setup", t0);
            } catch (UserError e) {
                error = e;
                observer.failed();
            }
        }
        Agreement.agree(comm, error); // collective: every rank stops here together if rank 0 found a problem
        start = NBodyBroadcast.start(comm, start); // collective
        ParticleState s = start.state();
        Plan plan = start.plan();
        String shown = config.restart() == null
                ? start.description()
                : start.description() + " (restarted from " + config.restart() + " at step " + s.step + ")";

        try (GravityEngine engine = new GravityEngine(comm, s, plan.g(), plan.eps(), plan.dt(), config.threads())) {
            engine.computeForces(); // collective
            Diagnostics.Values d0 = engine.diagnostics(); // collective
            double e0 = Double.isNaN(plan.initialEnergy()) ? d0.energy() : plan.initialEnergy();
            // A restart between two diagnostics steps: the uninterrupted run has no diagnostics there.
            double maxRel = config.restart() == null || s.step % plan.diagEvery() == 0 ? relError(d0, e0) : 0;
            if (root) {
                long t0 = RankTimes.now();
                observer.started(start, shown, comm.size(), d0, e0);
                RankTimes.addSerialSince("output", t0);
            }
            double loopStart = comm.wtime();
            long firstStep = s.step;
            double lastProgress = loopStart;
            Diagnostics.Values last = d0;
            while (s.step < plan.steps()) {
                // collective: the step's allGatherv also agrees on the stop request (no extra collective per step)
                long stopCode = engine.step(StopSignals.localCode());
                long k = s.step;
                boolean end = k == plan.steps();
                if (k % plan.diagEvery() == 0 || end) {
                    last = engine.diagnostics(); // collective
                    maxRel = Math.max(maxRel, relError(last, e0));
                    if (root) {
                        long t0 = RankTimes.now();
                        observer.diagnostics(last);
                        RankTimes.addSerialSince("output", t0);
                    }
                }
                if (root) {
                    long t0 = RankTimes.now();
                    observer.stepped(s, end);
                    RankTimes.addSerialSince("output", t0);
                    double now = comm.wtime();
                    if (config.progressSeconds() > 0 && now - lastProgress >= config.progressSeconds() && !end) {
                        observer.progress(k, plan.steps(), (k - firstStep) / (now - loopStart));
                        lastProgress = now;
                    }
                }
                if (!end && StopSignals.adopt(stopCode)) { // the same decision on every rank, after the same step
                    if (root) {
                        observer.preempted(s, StopSignals.signal());
                    }
                    break;
                }
            }
            double loopWall = comm.wtime() - loopStart;
            if (s.step == firstStep && root) {
                observer.noSteps(s);
            }
            double[] split = {engine.computeSeconds(), engine.commSeconds()};
            comm.allReduce(split, 2, Comm.Op.MAX); // collective
            return new Result(
                    comm.size(),
                    config.threads(),
                    start.description(),
                    shown,
                    plan,
                    s,
                    firstStep,
                    e0,
                    d0.meanRadius(),
                    last,
                    maxRel,
                    loopWall,
                    loopStart - tStart,
                    split[0],
                    split[1],
                    StateDigest.sha256(s));
        }
    }

    /** |E/E<sub>0</sub> &minus; 1|. */
    static double relError(Diagnostics.Values d, double e0) {
        return Math.abs((d.energy() - e0) / e0);
    }
}
