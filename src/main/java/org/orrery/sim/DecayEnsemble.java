package org.orrery.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.orrery.parallel.BlockDecomposition;
import org.orrery.parallel.Comm;
import org.orrery.physics.montecarlo.DecayModel;
import org.orrery.physics.montecarlo.DecaySimulation;
import org.orrery.physics.montecarlo.DecaySimulation.Method;

/**
 * A Monte Carlo decay ensemble over ranks and threads. Members are block-decomposed over ranks (first M mod p ranks one
 * more), then over threads within a rank, one member per task; member k always draws from stream (seed, k)
 * ({@link DecaySimulation#simulateMembers}), so the ensemble is the same bits at any rank and thread count. Every
 * member's curve ({@code model.width()} counts) is gathered to rank 0 in member order (counts first, then payload).
 */
public final class DecayEnsemble {
    private DecayEnsemble() {}

    /** Told after each member this rank finishes; may be called from worker threads. */
    @FunctionalInterface
    public interface Progress {
        /** Nothing to tell. */
        Progress NONE = (done, total) -> {};

        /** {@code done} of this rank's {@code total} members are finished. */
        void membersDone(int done, int total);
    }

    /**
     * Values computed from each member's curve on the rank that simulated it (in parallel over the ranks), gathered to
     * rank 0 in member order: the analysis rank 0 would otherwise do alone while the other ranks wait.
     */
    public interface MemberValues {
        /** Nothing per member. */
        MemberValues NONE = new MemberValues() {
            @Override
            public int width() {
                return 0;
            }

            @Override
            public double[] compute(long[] curves, int count) {
                return new double[0];
            }
        };

        /** Values per member. */
        int width();

        /**
         * The values of {@code count} members whose curves are at {@code curves[m * model.width() ...]}:
         * {@code width()} values per member, in member order; each member's values depend only on its curve.
         */
        double[] compute(long[] curves, int count);
    }

    /**
     * The gathered ensemble and its timings.
     *
     * @param curves member m's curve at {@code [m * width, (m + 1) * width)} on rank 0; empty elsewhere
     * @param values member m's {@link MemberValues} at {@code [m * values.width(), ...)} on rank 0; empty elsewhere
     * @param wallSeconds simulate + gather, this rank, from a common barrier
     * @param simulateMax simulation time of the slowest rank
     * @param simulateMin simulation time of the fastest rank
     */
    public record Run(long[] curves, double[] values, double wallSeconds, double simulateMax, double simulateMin) {}

    /**
     * collective: simulates {@code members} members of {@code model} on every rank; curves on rank 0. {@code progress}
     * hears of this rank's members as they finish.
     */
    public static Run run(
            Comm comm, DecayModel model, Method method, long seed, int members, int threads, Progress progress)
            throws InterruptedException {
        return run(comm, model, method, seed, members, threads, progress, MemberValues.NONE); // collective
    }

    /**
     * collective: {@link #run(Comm, DecayModel, Method, long, int, int, Progress)}, and after the curves are gathered
     * every rank computes {@code values} of its own members, gathered to rank 0 in member order.
     */
    public static Run run(
            Comm comm,
            DecayModel model,
            Method method,
            long seed,
            int members,
            int threads,
            Progress progress,
            MemberValues values)
            throws InterruptedException {
        int rank = comm.rank();
        int w = model.width();
        BlockDecomposition blocks = new BlockDecomposition(members, comm.size());
        int from = (int) blocks.start(rank);
        int mine = (int) blocks.count(rank);
        long[] local = new long[Math.max(1, mine * w)];

        comm.barrier(); // collective
        double t0 = comm.wtime();
        simulate(model, method, seed, from, mine, threads, local, progress);
        double tSim = comm.wtime() - t0;
        long[] all = rank == 0 ? new long[members * w] : new long[0];
        comm.gatherv(local, 0, all, blocks.counts(w), blocks.displs(w), 0); // collective
        double wall = comm.wtime() - t0;
        int vw = values.width();
        double[] gathered = new double[0];
        if (vw > 0) {
            double[] mineValues = values.compute(local, mine);
            gathered = rank == 0 ? new double[members * vw] : new double[0];
            double[] send = mineValues.length > 0 ? mineValues : new double[1];
            comm.gatherv(send, 0, gathered, blocks.counts(vw), blocks.displs(vw), 0); // collective
        }
        double simMax = comm.allReduce(tSim, Comm.Op.MAX); // collective
        double simMin = comm.allReduce(tSim, Comm.Op.MIN); // collective
        return new Run(all, gathered, wall, simMax, simMin);
    }

    /** Simulates members [from, from + count) into {@code local}, on up to {@code threads} threads. */
    static void simulate(
            DecayModel model,
            Method method,
            long seed,
            int from,
            int count,
            int threads,
            long[] local,
            Progress progress)
            throws InterruptedException {
        int w = model.width();
        AtomicInteger done = new AtomicInteger();
        if (threads == 1 || count <= 1) {
            for (int m = 0; m < count; m++) {
                DecaySimulation.simulateMembers(model, method, seed, from + m, from + m + 1, local, m * w);
                progress.membersDone(done.incrementAndGet(), count);
            }
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, count), r -> {
            Thread t = new Thread(r, "decay-worker");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> jobs = new ArrayList<>();
            for (int m = 0; m < count; m++) {
                int member = from + m;
                int off = m * w;
                // One member per task: member k's curve depends only on stream (seed, k).
                jobs.add(pool.submit(() -> {
                    DecaySimulation.simulateMembers(model, method, seed, member, member + 1, local, off);
                    progress.membersDone(done.incrementAndGet(), count);
                }));
            }
            for (Future<?> f : jobs) {
                f.get();
            }
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(cause);
        } finally {
            pool.shutdownNow();
        }
    }
}
