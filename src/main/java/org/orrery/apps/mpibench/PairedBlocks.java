package org.orrery.apps.mpibench;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.util.Locale;
import org.orrery.parallel.BlockDecomposition;
import org.orrery.parallel.CTwin;
import org.orrery.parallel.Comm;

/**
 * The paired comparison of {@code bench mpi}: for each operation and size, blocks of the C loop ({@link CTwin}, in this
 * process) and of the same calls through {@link Comm}'s direct-buffer methods (as programs run them: through the timing
 * layer, with the wait accounting off, i.e. without {@code --summary}) alternate C, Java, C, Java, ... in the same rank
 * processes on the same buffers, so load that drifts on a shared machine hits both sides of a pair alike. Two untimed
 * pairs first (JIT warm-up). A block: a barrier, {@code iters} timed calls, the slowest rank's seconds per call
 * (MPI_Wtime, MAX onto rank 0) — the same in C and Java. Rank 0 prints one line per pair:
 * {@code pair,op,elements,bytes,iters,block,c_s,java_s} ({@code org.orrery.bench.PairedReport} makes the ratios).
 */
final class PairedBlocks {
    private PairedBlocks() {}

    /** Untimed pairs before the timed ones. */
    static final int WARMUP_PAIRS = 2;

    /** Runs every operation at 1 double ({@code smallIters} calls a block) and {@code n} ({@code largeIters}). */
    static void run(Comm comm, int n, int blocks, int smallIters, int largeIters) {
        DoubleBuffer send = direct(n + comm.size());
        DoubleBuffer recv = direct(n + comm.size());
        for (CTwin.Op op : CTwin.Op.values()) {
            for (boolean large : new boolean[] {false, true}) {
                int count = large ? n : 1;
                int total = op == CTwin.Op.ALLGATHERV && count == 1 ? comm.size() : count;
                int iters = large ? largeIters : smallIters;
                Runnable call = call(comm, op, total, send, recv);
                for (int b = -WARMUP_PAIRS; b < blocks; b++) {
                    double c = CTwin.time(op, total, iters, send, recv); // collective
                    double java = block(comm, call, iters); // collective
                    if (b >= 0 && comm.rank() == 0) {
                        System.out.printf(
                                Locale.ROOT,
                                "pair,%s,%d,%d,%d,%d,%.9e,%.9e%n",
                                op.name().toLowerCase(Locale.ROOT),
                                total,
                                8L * total,
                                iters,
                                b,
                                c,
                                java);
                    }
                }
            }
        }
        System.out.flush();
    }

    /** The Java twin of {@code CTwin.time}: the slowest rank's seconds per call on rank 0. */
    private static double block(Comm comm, Runnable call, int iters) {
        comm.barrier(); // collective
        double t0 = comm.wtime();
        for (int k = 0; k < iters; k++) {
            call.run(); // collective (point-to-point for SENDRECV, matched by every rank)
        }
        double[] slowest = {(comm.wtime() - t0) / iters};
        comm.reduce(slowest, 1, Comm.Op.MAX, 0); // collective
        return slowest[0];
    }

    /** One call of {@code op} on {@code total} doubles, as mpibench_loop.h makes it. */
    private static Runnable call(Comm comm, CTwin.Op op, int total, DoubleBuffer send, DoubleBuffer recv) {
        int p = comm.size();
        int r = comm.rank();
        BlockDecomposition d = new BlockDecomposition(total, p);
        int[] counts = d.counts(1);
        int[] displs = d.displs(1);
        int right = (r + 1) % p;
        int left = (r - 1 + p) % p;
        return switch (op) {
            case BCAST -> () -> comm.bcast(send, total, 0);
            case ALLGATHERV -> () -> comm.allGatherv(send, counts[r], recv, counts, displs);
            case REDUCE -> () -> comm.reduce(send, recv, total, Comm.Op.SUM, 0);
            case ALLREDUCE -> () -> comm.allReduce(send, recv, total, Comm.Op.SUM);
            case SENDRECV -> () -> comm.sendRecv(send, total, right, recv, total, left, 7);
        };
    }

    private static DoubleBuffer direct(int n) {
        return ByteBuffer.allocateDirect(8 * n).order(ByteOrder.nativeOrder()).asDoubleBuffer();
    }
}
