package org.orrery.parallel;

import java.util.Locale;

/**
 * Test helper run under mpirun by {@link WaitClockIT}: rank 1 sleeps 300 ms before a barrier, then every rank makes a
 * fixed set of {@link Comm} calls (some built from several MPI calls inside the backend) and prints one line
 * {@code rank=R calls=C wait=W clock=K native_calls=N} (N = -1 when the backend does not time itself).
 */
final class WaitClockCheck {
    private WaitClockCheck() {}

    /** Comm calls {@link #body} makes through TimedComm. */
    static final int CALLS = 9;

    /** Argument {@code off}: run as a program without {@code --summary} (no wait accounting). */
    public static void main(String[] args) {
        boolean off = args.length > 0 && args[0].equals("off");
        Spmd.main("waitclock", WaitClockCheck::body, Spmd::describe, !off);
    }

    static int body(Comm comm) throws InterruptedException {
        if (comm.rank() == 1) {
            Thread.sleep(300);
        }
        comm.barrier(); // collective: rank 0 waits here for rank 1
        String s = comm.bcastString(comm.rank() == 0 ? "orrery" : null, 0); // collective (2 MPI calls in the shim)
        comm.agree(null); // collective
        long max = comm.allReduce((long) comm.rank(), Comm.Op.MAX); // collective (default method: counted once)
        double[] a = {comm.rank(), 1, 2};
        comm.bcast(a, 0, 3, 0); // collective
        int[] all = comm.allGather(comm.rank()); // collective
        double[] recv = new double[3];
        int right = (comm.rank() + 1) % comm.size();
        int left = (comm.rank() - 1 + comm.size()) % comm.size();
        comm.sendRecv(a, 3, right, recv, left, 5);
        long[] counts = {comm.rank() + 1L};
        comm.reduce(counts, 1, Comm.Op.SUM, 0); // collective
        comm.barrier(); // collective
        if (!s.equals("orrery") || max != comm.size() - 1 || all.length != comm.size() || a[0] != 0) {
            throw new IllegalStateException("wrong results: " + s + " " + max + " " + a[0]);
        }
        TimedComm t = (TimedComm) comm;
        double[] mine = {t.calls(), t.waitSeconds(), t.inner() instanceof SelfTimed st ? st.waitCalls() : -1};
        // Rank 0 prints every rank's figures, taken before this gather (one stream: no interleaved lines).
        int p = comm.size();
        double[] rows = new double[3 * p];
        BlockDecomposition d = new BlockDecomposition(p, p);
        comm.gatherv(mine, 0, rows, d.counts(3), d.displs(3), 0); // collective
        if (comm.rank() == 0) {
            for (int r = 0; r < p; r++) {
                System.out.printf(
                        Locale.ROOT,
                        "rank=%d calls=%d wait=%.6f clock=%s native_calls=%d%n",
                        r,
                        (long) rows[3 * r],
                        rows[3 * r + 1],
                        t.clock(),
                        (long) rows[3 * r + 2]);
            }
        }
        return 0;
    }
}
