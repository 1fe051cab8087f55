package org.orrery.apps.commcheck;

import java.util.Arrays;
import org.orrery.parallel.BlockDecomposition;
import org.orrery.parallel.Comm;
import org.orrery.parallel.CommChecks;

/**
 * Self-test of the communication layer on a real MPI job, value by value: every Comm operation ({@link CommChecks}),
 * and allGatherv and gatherv of {@code items} &times; 3 values (block-decomposed, first n mod p ranks one more item) at
 * the size that corrupts memory in Open MPI's Java bindings when Java arrays are used (65536 &times; 3 doubles at np
 * 2), long sum and double max/min reductions, a 200 000-double broadcast and a ring of sendRecv whose received count is
 * checked too. Every value sent is a known function of its index and repetition, so every received value can be checked
 * exactly.
 */
public final class CommCheckJob {
    private CommCheckJob() {}

    /**
     * What the checks found on this rank and the communicator they ran on.
     *
     * @param ranks communicator size
     * @param library the MPI library's version string
     * @param config what was checked
     * @param backend the MPI backend the checks ran on
     * @param digest digest of every bit received by {@link CommChecks#everyOperation} (the same on every backend)
     * @param mismatches checks failed, summed over all ranks (0 = every check passed)
     * @param wallSeconds wall time of the checks
     */
    public record Result(
            int ranks,
            String library,
            String backend,
            String digest,
            CommCheckConfig config,
            long mismatches,
            double wallSeconds) {}

    private static double value(long i, int rep) {
        return i * 1.0000001 + rep * 0.5 + 1e-3;
    }

    /** collective: runs every check; the result is the same on every rank. */
    public static Result run(Comm comm, CommCheckConfig config) {
        double t0 = comm.wtime();
        int p = comm.size();
        int r = comm.rank();
        int items = config.items();
        BlockDecomposition d = new BlockDecomposition(items, p);
        int[] counts = d.counts(3);
        int[] displs = d.displs(3);
        int bad = 0;
        for (int rep = 0; rep < config.repeat(); rep++) {
            double[] mine = new double[counts[r]];
            for (int k = 0; k < counts[r]; k++) {
                mine[k] = value(displs[r] + k, rep);
            }
            double[] all = new double[3 * items];
            comm.allGatherv(mine, 0, all, counts, displs); // collective
            for (int k = 0; k < all.length; k++) {
                if (all[k] != value(k, rep)) {
                    bad++;
                }
            }
            long[] lmine = new long[counts[r]];
            for (int k = 0; k < counts[r]; k++) {
                lmine[k] = displs[r] + k + 7L * rep;
            }
            long[] lall = new long[3 * items];
            comm.gatherv(lmine, 0, lall, counts, displs, 0); // collective
            if (r == 0) {
                for (int k = 0; k < lall.length; k++) {
                    if (lall[k] != k + 7L * rep) {
                        bad++;
                    }
                }
            }
        }
        bad += reductions(comm);
        bad += broadcast(comm);
        bad += ring(comm);
        CommChecks.Outcome every = CommChecks.everyOperation(comm); // collective
        long totalBad = comm.allReduce((long) bad, Comm.Op.SUM) + every.mismatches(); // collective
        return new Result(
                p, comm.libraryVersion(), comm.backendName(), every.digest(), config, totalBad, comm.wtime() - t0);
    }

    /** collective: sums, max and min with known results; returns the number of failed checks. */
    private static int reductions(Comm comm) {
        int p = comm.size();
        int r = comm.rank();
        int bad = 0;
        long[] sums = {r, 1, -r};
        comm.allReduce(sums, 3, Comm.Op.SUM); // collective
        if (sums[0] != (long) p * (p - 1) / 2 || sums[1] != p || sums[2] != -(long) p * (p - 1) / 2) {
            bad++;
        }
        double mx = comm.allReduce((double) r, Comm.Op.MAX); // collective
        double mn = comm.allReduce((double) r, Comm.Op.MIN); // collective
        if (mx != p - 1 || mn != 0) {
            bad++;
        }
        return bad;
    }

    /** collective: a 200 000-double broadcast from rank 0; returns 1 when any value differs. */
    private static int broadcast(Comm comm) {
        double[] big = new double[200_000];
        if (comm.rank() == 0) {
            for (int k = 0; k < big.length; k++) {
                big[k] = k * 0.25;
            }
        }
        comm.bcast(big, 0, big.length, 0); // collective
        for (int k = 0; k < big.length; k++) {
            if (big[k] != k * 0.25) {
                return 1;
            }
        }
        return 0;
    }

    /** collective: send r + 1 values to the right, receive from the left; the count is checked too. */
    private static int ring(Comm comm) {
        int p = comm.size();
        int r = comm.rank();
        double[] send = new double[r + 1];
        Arrays.fill(send, r);
        double[] recv = new double[p + 1];
        int left = (r - 1 + p) % p;
        int got = comm.sendRecv(send, send.length, (r + 1) % p, recv, left, 11); // collective (pairwise)
        return got != left + 1 || recv[0] != left || recv[got - 1] != left ? 1 : 0;
    }
}
