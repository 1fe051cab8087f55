package org.orrery.parallel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link RootWait} on a scripted communicator: who sends, who probes and sleeps, and that the sleep counts as wait. */
class RootWaitTest {
    /** A communicator of {@code size} ranks seen from {@code rank}; the message arrives after {@code emptyProbes}. */
    private static Comm scripted(int rank, int size, int emptyProbes, List<String> log) {
        int[] probes = {0};
        return (Comm) Proxy.newProxyInstance(Comm.class.getClassLoader(), new Class<?>[] {Comm.class}, (p, m, a) -> {
            return switch (m.getName()) {
                case "rank" -> rank;
                case "size" -> size;
                case "isRoot" -> rank == 0;
                case "send" -> {
                    log.add("send " + a[1] + " to " + a[2] + " tag " + a[3]);
                    yield null;
                }
                case "iprobeBytes" -> {
                    log.add("iprobe " + a[0] + " tag " + a[1]);
                    yield probes[0]++ < emptyProbes ? null : new Comm.Received(0, RootWait.TAG, 1);
                }
                case "recv" -> {
                    log.add("recv " + a[1] + " tag " + a[2]);
                    yield new Comm.Received(0, RootWait.TAG, 1);
                }
                default -> throw new AssertionError("RootWait called " + m.getName());
            };
        });
    }

    @Test
    void rankZeroSendsEveryOtherRankOneByteAndGoesOn() {
        List<String> log = new ArrayList<>();
        RootWait.await(scripted(0, 3, 0, log));
        assertEquals(List.of("send 1 to 1 tag " + RootWait.TAG, "send 1 to 2 tag " + RootWait.TAG), log);
    }

    @Test
    void theOthersProbeAndSleepUntilItArrivesThenReceiveIt() {
        List<String> log = new ArrayList<>();
        RankTimes.mpiReady();
        double waitBefore = RankTimes.local(new TimedComm(scripted(1, 2, 0, new ArrayList<>()), false))[3];
        long t0 = System.nanoTime();
        RootWait.await(scripted(1, 2, 6, log));
        double took = (System.nanoTime() - t0) * 1e-9;
        assertEquals(8, log.size(), log::toString);
        for (int i = 0; i < 7; i++) {
            assertEquals("iprobe 0 tag " + RootWait.TAG, log.get(i));
        }
        assertEquals("recv 0 tag " + RootWait.TAG, log.get(7));
        // Six naps (50, 100, 200, 400, 800 and 1000 µs asked for): their time is counted as this rank's wait.
        double waited = RankTimes.local(new TimedComm(scripted(1, 2, 0, new ArrayList<>()), false))[3] - waitBefore;
        assertTrue(waited > 0 && waited <= took, () -> "wait " + waited + " of " + took);
    }

    @Test
    void theProbesAreNotCountedAsCalls() {
        TimedComm timed = new TimedComm(scripted(1, 2, 3, new ArrayList<>()), false);
        RootWait.await(timed);
        assertEquals(1, timed.calls(), "the receive alone");
    }

    @Test
    void oneRankHasNobodyToWaitFor() {
        List<String> log = new ArrayList<>();
        RootWait.await(scripted(0, 1, 0, log));
        assertTrue(log.isEmpty(), log::toString);
    }
}
