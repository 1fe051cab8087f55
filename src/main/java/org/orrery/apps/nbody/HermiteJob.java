package org.orrery.apps.nbody;

import java.util.function.Supplier;
import org.orrery.analysis.ClusterDiagnostics;
import org.orrery.apps.common.Agreement;
import org.orrery.apps.nbody.HermiteSetup.Plan;
import org.orrery.apps.nbody.HermiteSetup.Start;
import org.orrery.model.HermiteState;
import org.orrery.model.ParticleState;
import org.orrery.model.UserError;
import org.orrery.parallel.Comm;
import org.orrery.parallel.RankTimes;
import org.orrery.parallel.StopSignals;
import org.orrery.physics.gravity.Diagnostics;
import org.orrery.sim.HermiteEngine;
import org.orrery.sim.StateDigest;

/**
 * A Hermite N-body run, SPMD: rank 0 builds or reads the start ({@link HermiteSetup}); every rank stops together if
 * that failed; plan, particles and (on restart) the integrator state are broadcast; then every rank advances the same
 * state with the {@link HermiteEngine} (block steps, the active particles' force and jerk split over the ranks and
 * shared by allGatherv) from one multiple of &Delta;<sub>max</sub> to the next, where all particles are synchronised.
 * Every {@code diagEvery} of them the energies are computed (collective) and rank 0 adds the cluster diagnostics
 * ({@link HermiteDiagnostics}). The state is bitwise the same on every rank, for any rank and thread count, and a
 * restart from a checkpoint continues it bit for bit. At every synchronisation point the ranks agree
 * ({@link StopSignals#agreed}) whether a preemption signal arrived anywhere; if so, all stop there and rank 0
 * checkpoints it.
 */
final class HermiteJob {
    private HermiteJob() {}

    /** What rank 0 is told as the run goes (rank 0 only). */
    interface Observer {
        /** Before anything is read: throws {@link UserError} when the outputs cannot be written. */
        default void check() {}

        /** Rank 0 could not start (bad input or a busy output directory): undo what {@link #check} did. */
        default void failed() {}

        /** The engine is ready: the first diagnostics row and the reference energy. */
        default void started(Start start, String shown, int ranks, HermiteDiagnostics.Row first, double e0) {}

        /** A diagnostics row (at every {@code diagEvery} &Delta;<sub>max</sub> and at the end). */
        default void diagnostics(HermiteDiagnostics.Row row) {}

        /** After each &Delta;<sub>max</sub> (index k = t/&Delta;<sub>max</sub>); {@code end} on the last. */
        default void synchronised(long k, ParticleState s, Supplier<HermiteState> st, boolean end) {}

        /**
         * Every rank agreed to stop at synchronisation point k before the end ({@link StopSignals}): write a checkpoint
         * there and say so; {@code signal} is rank 0's signal (null if another rank's).
         */
        default void preempted(long k, ParticleState s, Supplier<HermiteState> st, String signal) {}

        /** Progress at simulated time t of tEnd, at most every progressSeconds. */
        default void progress(double t, double tEnd, double blocksPerSecond) {}
    }

    /**
     * The run's figures (identical on every rank except the timings).
     *
     * @param ranks ranks
     * @param threads threads per rank
     * @param description the initial conditions as recorded in checkpoints
     * @param plan the resolved plan
     * @param state the final particles
     * @param hermite the final integrator state
     * @param firstTime the time the run started from
     * @param firstBlocks blocks done before this run
     * @param firstInteractions interactions done before this run
     * @param e0 reference energy E<sub>0</sub> (of the initial conditions)
     * @param first diagnostics of the first state
     * @param last diagnostics of the final state
     * @param maxRelEnergyError max |E/E<sub>0</sub> &minus; 1| over this run's rows
     * @param loopSeconds wall time of the stepping loop
     * @param computeSeconds force, jerk and potential computation, slowest rank
     * @param commSeconds communication including waiting, slowest rank
     * @param digest SHA-256 of the final particles ({@link StateDigest})
     */
    record Result(
            int ranks,
            int threads,
            String description,
            Plan plan,
            ParticleState state,
            HermiteState hermite,
            double firstTime,
            long firstBlocks,
            long firstInteractions,
            double e0,
            HermiteDiagnostics.Row first,
            HermiteDiagnostics.Row last,
            double maxRelEnergyError,
            double loopSeconds,
            double computeSeconds,
            double commSeconds,
            String digest) {
        long blocksDone() {
            return hermite.blocks() - firstBlocks;
        }

        /** Whether the run stopped before its end on a preemption request (exit {@link StopSignals#EXIT_PREEMPTED}). */
        boolean preempted() {
            return Math.round(hermite.time() / plan.params().dtMax()) < plan.endIndex();
        }

        long interactionsDone() {
            return hermite.interactions() - firstInteractions;
        }
    }

    /** collective: runs the whole simulation on every rank. */
    static Result run(Comm comm, NBodyConfig config, HermiteConfig hermite, Observer observer) {
        boolean root = comm.isRoot();
        Start start = null;
        UserError error = null;
        if (root) {
            try {
                long t0 = RankTimes.now();
                observer.check();
                start = HermiteSetup.prepare(config, hermite);
                RankTimes.addSerialSince("setup", t0);
            } catch (UserError e) {
                error = e;
                observer.failed();
            }
        }
        Agreement.agree(comm, error); // collective: every rank stops here, with rank 0's message and exit status
        start = HermiteBroadcast.start(comm, start); // collective
        ParticleState s = start.state();
        Plan plan = start.plan();
        String shown = config.restart() == null
                ? start.description()
                : start.description() + " (restarted from " + config.restart() + " at t = " + s.time + ")";
        try (HermiteEngine engine = start.hermite() == null
                ? HermiteEngine.start(comm, s, plan.params(), config.threads()) // collective
                : HermiteEngine.restore(comm, s, start.hermite(), config.threads())) {
            HermiteState initial = engine.state();
            Diagnostics.Values d0 = engine.diagnostics(); // collective
            double e0 = Double.isNaN(plan.initialEnergy()) ? d0.energy() : plan.initialEnergy();
            HermiteDiagnostics.Row first =
                    root ? HermiteDiagnostics.row(d0, s, e0, engine.stepsPerLevel(), engine.blocks()) : null;
            double dtMax = plan.params().dtMax();
            long k = Math.round(engine.time() / dtMax);
            // A restart between two diagnostics times: the uninterrupted run has no row there.
            double maxRel =
                    config.restart() == null || k % plan.diagEvery() == 0 ? Math.abs((d0.energy() - e0) / e0) : 0;
            if (root) {
                long t0 = RankTimes.now();
                observer.started(start, shown, comm.size(), first, e0);
                RankTimes.addSerialSince("output", t0);
            }
            HermiteDiagnostics.Row last = first;
            double loopStart = comm.wtime();
            double lastProgress = loopStart;
            while (k < plan.endIndex()) {
                k++;
                engine.advanceTo(k * dtMax); // collective
                boolean end = k == plan.endIndex();
                if (k % plan.diagEvery() == 0 || end) {
                    Diagnostics.Values d = engine.diagnostics(); // collective
                    maxRel = Math.max(maxRel, Math.abs((d.energy() - e0) / e0));
                    if (root) {
                        long t0 = RankTimes.now();
                        last = HermiteDiagnostics.row(d, s, e0, engine.stepsPerLevel(), engine.blocks());
                        observer.diagnostics(last);
                        RankTimes.addSerialSince("output", t0);
                    }
                }
                if (root) {
                    long t0 = RankTimes.now();
                    observer.synchronised(k, s, engine::state, end);
                    RankTimes.addSerialSince("output", t0);
                    double now = comm.wtime();
                    if (config.progressSeconds() > 0 && now - lastProgress >= config.progressSeconds() && !end) {
                        observer.progress(
                                engine.time(), plan.tEnd(), (engine.blocks() - initial.blocks()) / (now - loopStart));
                        lastProgress = now;
                    }
                }
                if (!end && StopSignals.agreed(comm)) { // collective: the same decision on every rank, at the same k
                    if (root) {
                        observer.preempted(k, s, engine::state, StopSignals.signal());
                    }
                    break;
                }
            }
            double loopWall = comm.wtime() - loopStart;
            if (!root) {
                last = null;
            }
            double[] split = {engine.computeSeconds(), engine.commSeconds()};
            comm.allReduce(split, 2, Comm.Op.MAX); // collective
            return new Result(
                    comm.size(),
                    config.threads(),
                    start.description(),
                    plan,
                    s,
                    engine.state(),
                    initial.time(),
                    initial.blocks(),
                    initial.interactions(),
                    e0,
                    first,
                    last,
                    maxRel,
                    loopWall,
                    split[0],
                    split[1],
                    StateDigest.sha256(s));
        }
    }

    /** t_rh at the start (Spitzer, γ = 0.11) from the first row's half-mass Lagrangian radius. */
    static double relaxationTime(Result r) {
        double mass = 0;
        for (double m : r.state().m) {
            mass += m;
        }
        return r.state().n < 10
                ? Double.NaN
                : ClusterDiagnostics.halfMassRelaxationTime(
                        r.state().n,
                        mass,
                        r.first().lagrangian()[2],
                        r.plan().params().g(),
                        ClusterDiagnostics.GAMMA_EQUAL_MASS);
    }
}
