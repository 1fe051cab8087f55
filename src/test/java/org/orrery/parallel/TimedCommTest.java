package org.orrery.parallel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
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

    /** SerialComm that also reports its own wait: {@code seconds[0]}, as a self-timed backend (the shim) does. */
    private static Comm selfTimed(double[] seconds) {
        return selfTimed(seconds, new boolean[1]);
    }

    /** {@link #selfTimed(double[])}; {@code on[0]}: the last {@code timeWait} the backend was told. */
    private static Comm selfTimed(double[] seconds, boolean[] on) {
        SerialComm serial = new SerialComm();
        InvocationHandler h = (proxy, m, args) -> {
            if (m.getName().equals("barrier")) {
                seconds[0] += 0.5; // the backend timed a 0.5 s wait inside this call
                return null;
            }
            return switch (m.getName()) {
                case "waitSeconds" -> seconds[0];
                case "waitCalls" -> 0L;
                case "waitClock" -> "fake";
                case "timeWait" -> {
                    on[0] = (Boolean) args[0];
                    yield null;
                }
                default -> forward(serial, m, args);
            };
        };
        return (Comm)
                Proxy.newProxyInstance(Comm.class.getClassLoader(), new Class<?>[] {Comm.class, SelfTimed.class}, h);
    }

    private static Object forward(Comm to, Method m, Object[] args) throws Throwable {
        try {
            return m.invoke(to, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** The same calls, 7 of them, through {@code t}. */
    private static void someCalls(TimedComm t) {
        t.barrier();
        t.bcastString("x", 0);
        t.allReduce(3L, Comm.Op.SUM);
        t.agree(null);
        t.gatherVariable(new double[] {1, 2}, 0); // allGather + gatherv: 2
        t.barrier();
    }

    @Test
    void overASelfTimedBackendTheWaitIsTheBackendsAndTheCallsAreTheSame() {
        double[] seconds = {7.0}; // the backend's total before this TimedComm existed is not this one's
        TimedComm self = new TimedComm(selfTimed(seconds));
        TimedComm clocked = new TimedComm(new SerialComm());
        assertEquals("backend: fake", self.clock());
        assertEquals("nanoTime per call", clocked.clock());
        assertEquals(0, self.waitSeconds());
        someCalls(self);
        someCalls(clocked);
        assertEquals(clocked.calls(), self.calls());
        assertEquals(7, self.calls());
        assertEquals(1.0, self.waitSeconds(), 1e-12);
    }

    @Test
    void withoutTimeWaitNoWaitIsMeasuredAndTheBackendIsToldSo() {
        boolean[] on = {true};
        TimedComm self = new TimedComm(selfTimed(new double[] {7.0}, on), false);
        assertEquals(false, on[0]);
        TimedComm plain = new TimedComm(slowBarrier(), false);
        assertEquals("off", self.clock());
        assertEquals("off", plain.clock());
        someCalls(self);
        plain.barrier();
        assertEquals(7, self.calls());
        assertEquals(1, plain.calls());
        assertEquals(0, self.waitSeconds());
        assertEquals(0, plain.waitSeconds());
        new TimedComm(selfTimed(new double[] {0}, on), true);
        assertTrue(on[0]);
    }

    @Test
    void allReduceOnDirectBuffersIsForwardedAndCounted() {
        TimedComm t = new TimedComm(new SerialComm(), false);
        DoubleBuffer a =
                ByteBuffer.allocateDirect(16).order(ByteOrder.nativeOrder()).asDoubleBuffer();
        DoubleBuffer b =
                ByteBuffer.allocateDirect(16).order(ByteOrder.nativeOrder()).asDoubleBuffer();
        a.put(0, 1.5).put(1, -2);
        t.allReduce(a, b, 2, Comm.Op.SUM);
        assertEquals(1.5, b.get(0));
        assertEquals(-2, b.get(1));
        assertEquals(1, t.calls());
    }
}
