package org.orrery.apps;

import org.orrery.parallel.BlockDecomposition;
import org.orrery.parallel.Comm;
import org.orrery.parallel.CommChecks;
import org.orrery.parallel.Spmd;
import org.orrery.parallel.SpmdProgram;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Self-test of the communication layer on a real MPI job: the v-collectives at the size that
 * corrupts memory in Open MPI's Java bindings when Java arrays are used (65536 × 3 doubles at
 * np 2), plus gathers, reductions and a ring of sendRecv, each checked value by value. Exit 0 when
 * every check passes. Run as {@code mpirun -np 2 java -cp ... org.orrery.apps.CommCheckApp}.
 */
@Command(name = "commcheck", mixinStandardHelpOptions = true, versionProvider = OrreryVersion.class,
        description = "Check Orrery's MPI layer value by value (v-collectives at 65536 x 3 doubles, reductions, sendRecv ring).")
public final class CommCheckApp implements SpmdProgram {

    @Option(names = {"-n", "--items"}, description = "Items for allGatherv (default 65536, 3 doubles each).")
    int items = 65536;

    @Option(names = "--repeat", description = "Repetitions (default 5).")
    int repeat = 5;

    public static void main(String[] args) {
        Spmd.main(new CommCheckApp(), args);
    }

    @Override
    public String name() {
        return "commcheck";
    }

    @Override
    public void validate() {
        if (items < 1 || repeat < 1) {
            throw new org.orrery.model.UserError("--items and --repeat must be >= 1");
        }
    }

    private static double value(long i, int rep) {
        return i * 1.0000001 + rep * 0.5 + 1e-3;
    }

    @Override
    public int run(Comm comm) {
        int p = comm.size();
        int r = comm.rank();
        BlockDecomposition d = new BlockDecomposition(items, p);
        int[] counts = d.counts(3);
        int[] displs = d.displs(3);
        int bad = 0;
        for (int rep = 0; rep < repeat; rep++) {
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
        double[] big = new double[200_000];
        if (r == 0) {
            for (int k = 0; k < big.length; k++) {
                big[k] = k * 0.25;
            }
        }
        comm.bcast(big, 0, big.length, 0); // collective
        for (int k = 0; k < big.length; k++) {
            if (big[k] != k * 0.25) {
                bad++;
                break;
            }
        }
        // Ring: send to the right, receive from the left; the count received is checked too.
        double[] send = new double[r + 1];
        java.util.Arrays.fill(send, r);
        double[] recv = new double[p + 1];
        int left = (r - 1 + p) % p;
        int got = comm.sendRecv(send, send.length, (r + 1) % p, recv, left, 11);
        if (got != left + 1 || recv[0] != left || recv[got - 1] != left) {
            bad++;
        }
        CommChecks.Outcome every = CommChecks.everyOperation(comm); // collective
        long totalBad = comm.allReduce((long) bad, Comm.Op.SUM) + every.mismatches(); // collective
        if (r == 0) {
            System.out.printf("commcheck: %d ranks, allGatherv/gatherv of %d x 3 values x %d repetitions, reductions, bcast, sendRecv ring: %s%n",
                    p, items, repeat, totalBad == 0 ? "ok" : totalBad + " mismatches");
            System.out.printf("commcheck: every Comm operation (%s): digest %s%n", comm.backendName(), every.digest());
        }
        return totalBad == 0 ? 0 : 1;
    }
}
