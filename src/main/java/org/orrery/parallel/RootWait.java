package org.orrery.parallel;

import java.util.concurrent.locks.LockSupport;

/**
 * collective: the other ranks wait for rank 0 asleep rather than inside an MPI call.
 *
 * <p>MPI libraries wait by polling: Open MPI with {@code mpi_yield_when_idle} yields between polls, MPICH spins. A rank
 * that waits out rank 0's serial phase (set-up, report) in a collective is then always runnable, and when the ranks
 * fill the cores it takes CPU time from rank 0's threads (its worker threads, its JIT compiler). Here rank 0 sends each
 * other rank a one-byte message when it arrives; the others probe for it and park in between, 50 µs at first, growing
 * to 1 ms. The wait costs at most a millisecond of latency and almost no CPU. The parked time is counted as the rank's
 * wait in {@link RankTimes}. {@code -Dorrery.rootWait=off} makes {@link #await} do nothing (the ranks then wait inside
 * the next collective, as MPI does), for A/B measurements.
 *
 * <p>Every rank takes its message inside its own matching call, before it goes on, so none is ever pending where a rank
 * receives with {@link Comm#ANY_TAG} (those exchanges end with their own stop message, which rank 0 sends before its
 * next call here and MPI delivers in order). The probes go to the communicator under a {@link TimedComm}: they are not
 * counted as calls; the parked time is. The property must be the same on every rank (the launcher passes the same
 * options to all).
 */
public final class RootWait {
    /** The message's tag, used by nothing else. */
    static final int TAG = 4201;

    private static final long FIRST_PARK_NANOS = 50_000;
    private static final long LONGEST_PARK_NANOS = 1_000_000;

    private static final boolean ON = !"off".equals(System.getProperty("orrery.rootWait"));

    private RootWait() {}

    /** collective: returns on rank 0 at once; on the other ranks when rank 0 has called this too. */
    public static void await(Comm comm) {
        if (!ON || comm.size() == 1) {
            return;
        }
        byte[] one = new byte[1];
        if (comm.isRoot()) {
            for (int r = 1; r < comm.size(); r++) {
                comm.send(one, 1, r, TAG);
            }
            return;
        }
        Comm probe = comm instanceof TimedComm t ? t.inner() : comm;
        long park = FIRST_PARK_NANOS;
        while (probe.iprobeBytes(0, TAG) == null) {
            long t0 = System.nanoTime();
            LockSupport.parkNanos(park);
            RankTimes.addRestSince(t0);
            park = Math.min(LONGEST_PARK_NANOS, 2 * park);
        }
        comm.recv(one, 0, TAG);
    }
}
