package org.orrery.parallel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import org.junit.jupiter.api.Test;

/** TimedComm forwards every call unchanged, counts each once and adds the time spent inside it. */
class TimedCommTest {
    /** SerialComm, except that barrier() takes 2 ms: the wait TimedComm adds up must cover it. */
    private static Comm slowBarrier() {
        SerialComm serial = new SerialComm();
        InvocationHandler h = (proxy, m, args) -> {
            if (m.getName().equals("barrier")) {
                long until = System.nanoTime() + 2_000_000;
                while (System.nanoTime() < until) {
                    Thread.onSpinWait();
                }
                return null;
            }
            try {
                return m.invoke(serial, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return (Comm) Proxy.newProxyInstance(Comm.class.getClassLoader(), new Class<?>[] {Comm.class}, h);
    }

    @Test
    void forwardsResultsAndCountsEveryCallOnce() {
        SerialComm serial = new SerialComm();
        TimedComm t = new TimedComm(serial);
        assertSame(serial, t.inner());
        double[] a = {1, 2, 3};
        t.allReduce(a, 3, Comm.Op.SUM);
        assertArrayEquals(new double[] {1, 2, 3}, a);
        long[] all = t.allGather(7L);
        assertArrayEquals(new long[] {7}, all);
        DoubleBuffer d =
                ByteBuffer.allocateDirect(16).order(ByteOrder.nativeOrder()).asDoubleBuffer();
        d.put(0, 4.5);
        t.bcast(d, 1, 0);
        assertEquals(4.5, d.get(0));
        assertEquals("x", t.bcastString("x", 0));
        assertEquals(4, t.calls());
        // Scalar helpers built from other calls count their inner call once.
        assertEquals(5L, t.allReduce(5L, Comm.Op.MAX));
        assertEquals(5, t.calls());
        assertTrue(t.waitSeconds() >= 0);
    }

    @Test
    void addsTheTimeInsideCallsAndCountsAnAgreedError() {
        TimedComm t = new TimedComm(slowBarrier());
        t.barrier();
        t.barrier();
        assertTrue(t.waitSeconds() >= 4e-3, "wait " + t.waitSeconds());
        double before = t.waitSeconds();
        assertThrows(Spmd.AgreedError.class, () -> t.agree("bad input"));
        assertEquals(3, t.calls());
        assertTrue(t.waitSeconds() >= before);
    }
}
