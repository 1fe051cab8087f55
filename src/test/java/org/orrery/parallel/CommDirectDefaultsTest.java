package org.orrery.parallel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import org.junit.jupiter.api.Test;

/** The direct-buffer methods' defaults (used by SerialComm), and the self-test on a size-1 communicator. */
class CommDirectDefaultsTest {

    private static DoubleBuffer direct(int n) {
        return ByteBuffer.allocateDirect(8 * n).order(ByteOrder.nativeOrder()).asDoubleBuffer();
    }

    @Test
    void directVariantsWorkFromIndexZeroAndLeaveThePosition() {
        Comm c = new SerialComm();
        DoubleBuffer a = direct(4);
        a.put(0, 1.5).put(1, -2.5).put(2, 3.5).position(3);
        c.bcast(a, 3, 0);
        assertEquals(3, a.position());
        DoubleBuffer all = direct(8);
        c.allGatherv(a, 3, all, new int[] {3}, new int[] {2});
        assertEquals(-2.5, all.get(3));
        DoubleBuffer sum = direct(3);
        c.reduce(a, sum, 3, Comm.Op.SUM, 0);
        assertEquals(3.5, sum.get(2));
        DoubleBuffer in = direct(5);
        assertEquals(2, c.sendRecv(a, 2, 0, in, 5, 0, 1));
        assertEquals(1.5, in.get(0));
    }

    @Test
    void heapOrForeignOrderOrShortBuffersAreRefused() {
        Comm c = new SerialComm();
        assertThrows(IllegalArgumentException.class, () -> c.bcast(DoubleBuffer.allocate(4), 4, 0));
        assertThrows(
                IllegalArgumentException.class,
                () -> c.bcast(
                        ByteBuffer.allocateDirect(32)
                                .order(
                                        ByteOrder.nativeOrder() == ByteOrder.BIG_ENDIAN
                                                ? ByteOrder.LITTLE_ENDIAN
                                                : ByteOrder.BIG_ENDIAN)
                                .asDoubleBuffer(),
                        4,
                        0));
        assertThrows(IllegalArgumentException.class, () -> c.bcast(direct(3), 4, 0));
    }

    @Test
    void theCommSelfTestPassesOnASizeOneCommunicator() {
        CommChecks.Outcome o = CommChecks.everyOperation(new SerialComm());
        assertEquals(0, o.mismatches());
        assertEquals(16, o.digest().length());
        assertEquals(o.digest(), CommChecks.everyOperation(new SerialComm()).digest());
    }
}
