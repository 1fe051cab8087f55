package org.orrery.parallel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link ThreadComm}: every operation value by value ({@link CommChecks} on 1, 2, 3 and 5 ranks), what a rank reads
 * after the others moved on, wildcards and message order, probes, the error protocol, and the checks MPI makes.
 * CommParityIT compares its digest with the MPI configurations'.
 */
@Timeout(60)
class ThreadCommTest {
    /** Runs {@code body} on every rank of a fresh world of {@code size} threads; returns each rank's result. */
    static <T> List<T> onRanks(int size, Function<Comm, T> body) throws Exception {
        ThreadComm[] comms = ThreadComm.world(size);
        ExecutorService pool = Executors.newFixedThreadPool(size);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (ThreadComm c : comms) {
                futures.add(pool.submit(() -> body.apply(c)));
            }
            List<T> out = new ArrayList<>();
            for (Future<T> f : futures) {
                out.add(f.get(50, TimeUnit.SECONDS));
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    /** The digest {@link CommChecks} gives on {@code size} ranks as threads (the same on every rank). */
    static String digest(int size) throws Exception {
        List<CommChecks.Outcome> all = onRanks(size, CommChecks::everyOperation);
        for (CommChecks.Outcome o : all) {
            assertEquals(0, o.mismatches(), "mismatches at " + size + " ranks");
            assertEquals(all.get(0).digest(), o.digest());
        }
        return all.get(0).digest();
    }

    @Test
    void everyOperationDeliversWhatItShouldAtOneToFiveRanks() throws Exception {
        assertEquals(CommChecks.everyOperation(new SerialComm()).digest(), digest(1));
        for (int p : new int[] {2, 3, 5}) {
            digest(p);
        }
    }

    @Test
    void aRankMayReuseItsBuffersAtOnceWhileTheOthersStillRead() throws Exception {
        int rounds = 2000;
        List<long[]> sums = onRanks(3, c -> {
            long[] buf = new long[4];
            long[] total = new long[1];
            for (int k = 0; k < rounds; k++) {
                java.util.Arrays.fill(buf, k * 10L + c.rank());
                long[] all = new long[12];
                c.allGatherv(buf, 0, all, new int[] {4, 4, 4}, new int[] {0, 4, 8});
                java.util.Arrays.fill(buf, -1); // after the call: must not change what the others read
                for (int r = 0; r < 3; r++) {
                    assertEquals(k * 10L + r, all[4 * r + 3]);
                }
                c.allReduce(total, 1, Comm.Op.SUM);
            }
            return total;
        });
        for (long[] s : sums) {
            assertEquals(0, s[0]);
        }
    }

    @Test
    void reductionsCombineInRankOrderSoEveryRankHasTheSameBits() throws Exception {
        List<double[]> got = onRanks(3, c -> {
            double[] v = {c.rank() == 0 ? 1e16 : 1.0, c.rank() == 2 ? -1e16 : 0.5};
            c.allReduce(v, 2, Comm.Op.SUM);
            return v;
        });
        double first = (1e16 + 1.0) + 1.0; // rank order: (r0 + r1) + r2
        for (double[] v : got) {
            assertEquals(first, v[0]);
            assertEquals((0.5 + 0.5) - 1e16, v[1]);
        }
    }

    @Test
    void messagesFromOneSenderKeepTheirOrderAndWildcardsMatch() throws Exception {
        List<String> got = onRanks(3, c -> {
            if (c.rank() > 0) {
                for (int k = 0; k < 5; k++) {
                    c.send(new long[] {c.rank(), k}, 2, 0, 7 + c.rank());
                }
                c.send(new byte[] {1, 2, 3}, 3, 0, 99);
                return "";
            }
            StringBuilder sb = new StringBuilder();
            Comm.Received probe = c.probeBytes(Comm.ANY_SOURCE, 99);
            assertEquals(3, probe.count());
            int[] next = new int[3];
            long[] buf = new long[2];
            for (int k = 0; k < 10; k++) {
                Comm.Received r = c.recv(buf, Comm.ANY_SOURCE, 8 + (k % 2)); // rank 1 sends tag 8, rank 2 tag 9
                assertEquals(r.source(), (int) buf[0]);
                assertEquals(next[r.source()]++, buf[1]);
                sb.append(r.source());
            }
            byte[] bytes = new byte[8];
            Comm.Received second = c.recv(bytes, Comm.ANY_SOURCE, 99);
            Comm.Received last = c.recv(bytes, 3 - second.source(), 99);
            assertEquals(3, last.count());
            assertNull(c.iprobeBytes(Comm.ANY_SOURCE, Comm.ANY_TAG));
            return sb.toString();
        });
        assertEquals("1212121212", got.get(0));
    }

    @Test
    void aLargeSendCompletesWhenReceivedASmallOneAtOnceAndProbesCountBytes() throws Exception {
        java.util.concurrent.CountDownLatch smallSent = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.atomic.AtomicBoolean receiving = new java.util.concurrent.atomic.AtomicBoolean();
        int big = ThreadComm.EAGER_BYTES / Double.BYTES + 1;
        onRanks(2, c -> {
            if (c.rank() == 1) {
                c.send(new double[] {1, 2}, 2, 0, 3); // small: buffered, returns at once
                smallSent.countDown();
                c.send(new double[big], big, 0, 4); // large: returns only once rank 0 has received it
                assertTrue(receiving.get());
                return null;
            }
            try {
                assertTrue(smallSent.await(30, TimeUnit.SECONDS));
                Thread.sleep(50);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            assertEquals(16, c.probeBytes(1, 3).count()); // bytes, as MPI_Get_count with MPI_BYTE
            c.recv(new double[2], 1, 3);
            assertEquals(8 * big, c.probeBytes(1, 4).count());
            receiving.set(true);
            c.recv(new double[big], 1, 4);
            return null;
        });
    }

    @Test
    void anErrorOnAnyRankIsThrownOnEveryRankWithTheLowestFailingRanksMessage() throws Exception {
        List<String> got = onRanks(4, c -> {
            try {
                c.agree(c.rank() >= 2 ? "rank " + c.rank() + " failed" : null);
                return "none";
            } catch (Spmd.AgreedError e) {
                c.agree(null); // everyone is still in step afterwards
                return e.getMessage();
            }
        });
        assertEquals(List.of("rank 2 failed", "rank 2 failed", "rank 2 failed", "rank 2 failed"), got);
    }

    @Test
    void misusesFailAsMpiWould() throws Exception {
        ThreadComm[] one = ThreadComm.world(2);
        assertThrows(MpiFailure.class, () -> one[0].send(new double[1], 1, 2, 0));
        one[1].send(new double[] {1, 2, 3}, 3, 0, 5);
        assertThrows(MpiFailure.class, () -> one[0].recv(new long[3], 1, 5)); // another type
        ThreadComm[] two = ThreadComm.world(2);
        two[1].send(new double[] {1, 2, 3}, 3, 0, 5);
        assertThrows(MpiFailure.class, () -> two[0].recv(new double[2], 1, 5)); // truncated
        assertThrows(IllegalArgumentException.class, () -> ThreadComm.world(0));
        assertEquals("threads", one[0].backendName());
        assertTrue(one[1].libraryVersion().contains("2 ranks"));
    }

    @Test
    void bcastOfArraysAndStringsReachesEveryRank() throws Exception {
        List<int[]> got = onRanks(3, c -> {
            int[] a = new int[5];
            if (c.rank() == 1) {
                a = new int[] {0, 4, 5, 6, 0};
            }
            c.bcast(a, 1, 3, 1);
            String s = c.bcastString(c.rank() == 2 ? "from two" : null, 2);
            assertEquals("from two", s);
            return a;
        });
        for (int[] a : got) {
            assertArrayEquals(new int[] {0, 4, 5, 6, 0}, a);
        }
    }
}
