package org.orrery.parallel;

import java.nio.DoubleBuffer;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link Comm} that forwards every call to another and adds up the wall time spent inside the calls: what
 * {@link RankTimes} reports as a rank's <em>wait</em> (time in collectives and messages, including the time a rank
 * waits there for a slower one), and counts the calls. Buffers go to the wrapped communicator unchanged, so the
 * direct-buffer calls stay zero-copy and results are the same bits.
 *
 * <p>The wait is measured only when asked ({@link #TimedComm(Comm, boolean)}: {@link Spmd} asks when the program was
 * given {@code --summary}); otherwise the calls are only counted and no clock is read per call (≈ 20–70 ns a call here,
 * a tenth to a quarter of a small MPI call).
 *
 * <p>Clock, by backend. A backend that times itself ({@link SelfTimed}: the native shim, which reads the TSC or
 * {@code cntvct_el0} around each MPI call in C) is asked for its total: no clock is read here per call, only the call
 * is counted, and <em>wait</em> then covers the MPI calls themselves, not the shim's copies of arrays into its scratch
 * buffers (those count as compute). Any other backend ({@code mpi.jar}, {@link SerialComm}): {@link System#nanoTime()}
 * before and after each call, the least that keeps <em>wait</em> exact (the time between calls is the rank's compute);
 * on Linux they are {@code clock_gettime} in the vDSO, which reads the TSC when the kernel's clocksource is {@code tsc}
 * (≈ 20–35 ns each; a {@code kvm-clock} or {@code hpet} clocksource is slower, see docs/mpi-backends.md). No cheaper
 * monotonic clock is open to Java 17. Either way {@link #calls()} counts {@link Comm} calls made through this object,
 * the same number for the same program whichever backend runs.
 *
 * <p>Accounting: only the thread that communicates writes the totals ({@code MPI_THREAD_FUNNELED}), so each call adds
 * with a plain read and a release store (no locked instruction, which cost as much as a clock read per call); a helper
 * thread reading {@link #waitSeconds()} sees a value at most one call old. Each method reads the clock inline (no
 * lambda: a capturing lambda passed to a shared helper made its call site megamorphic, so C2 allocated the lambda and
 * dispatched through an interface on every call). A call that fails ({@link MpiFailure}) is not counted: the failure
 * ends the program, which then writes no breakdown; {@link #agree}, which throws by design, is. Default methods of
 * {@link Comm} that are built from other calls ({@code gatherVariable}, {@code bcastLong}, the scalar reductions) are
 * not overridden, so their inner calls are counted once.
 */
public final class TimedComm implements Comm {
    private final Comm inner;
    /** The backend's own timing, or null: then {@link #clocked} and the clock is read around each call. */
    private final SelfTimed self;

    private final boolean clocked;
    /** Whether the wait is measured at all ({@link #TimedComm(Comm, boolean)}). */
    private final boolean timeWait;
    /** {@link #self}'s total when this object was made (0 under Spmd, which wraps the comm right after MPI starts). */
    private final double selfWaitAtStart;

    private final AtomicLong waitNanos = new AtomicLong();
    private final AtomicLong calls = new AtomicLong();

    /** Times the wait ({@code TimedComm(inner, true)}). */
    public TimedComm(Comm inner) {
        this(inner, true);
    }

    /**
     * Forwards to {@code inner} and counts the calls; measures the wait only when {@code timeWait} (programs given
     * {@code --summary}): otherwise no clock is read, here or in a {@link SelfTimed} backend, and {@link #waitSeconds}
     * stays 0.
     */
    public TimedComm(Comm inner, boolean timeWait) {
        this.inner = inner;
        this.timeWait = timeWait;
        this.self = inner instanceof SelfTimed s ? s : null;
        this.clocked = timeWait && self == null;
        if (self != null) {
            self.timeWait(timeWait);
        }
        this.selfWaitAtStart = self == null ? 0 : self.waitSeconds();
    }

    /** Seconds spent inside communication calls so far (0 when the wait is not measured). */
    public double waitSeconds() {
        if (!timeWait) {
            return 0;
        }
        return clocked ? waitNanos.get() * 1e-9 : Math.max(0, self.waitSeconds() - selfWaitAtStart);
    }

    /**
     * How the wait is timed: {@code nanoTime per call}, {@code backend: } and the backend's tick source (e.g.
     * {@code backend: tsc}), or {@code off} (not measured).
     */
    public String clock() {
        if (!timeWait) {
            return "off";
        }
        return clocked ? "nanoTime per call" : "backend: " + self.waitClock();
    }

    /** Communication calls made so far. */
    public long calls() {
        return calls.get();
    }

    /** The communicator this one times: {@code bench mpi} measures it bare to show what the timing costs. */
    public Comm inner() {
        return inner;
    }

    /** The start of a call: the clock when this object times calls, else 0 (the backend times them). */
    private long start() {
        return clocked ? System.nanoTime() : 0L;
    }

    /**
     * Counts a call and, when this object times calls, adds the time since {@code t0}; only the communicating thread
     * calls this (single writer).
     */
    private void done(long t0) {
        if (clocked) {
            long dt = System.nanoTime() - t0;
            waitNanos.setRelease(waitNanos.getPlain() + dt);
        }
        calls.setRelease(calls.getPlain() + 1);
    }

    @Override
    public int rank() {
        return inner.rank();
    }

    @Override
    public int size() {
        return inner.size();
    }

    @Override
    public double wtime() {
        return inner.wtime();
    }

    @Override
    public String processorName() {
        return inner.processorName();
    }

    @Override
    public String libraryVersion() {
        return inner.libraryVersion();
    }

    @Override
    public String backendName() {
        return inner.backendName();
    }

    @Override
    public void barrier() {
        long t0 = start();
        inner.barrier();
        done(t0);
    }

    @Override
    public void bcast(double[] buf, int off, int count, int root) {
        long t0 = start();
        inner.bcast(buf, off, count, root);
        done(t0);
    }

    @Override
    public void bcast(long[] buf, int off, int count, int root) {
        long t0 = start();
        inner.bcast(buf, off, count, root);
        done(t0);
    }

    @Override
    public void bcast(int[] buf, int off, int count, int root) {
        long t0 = start();
        inner.bcast(buf, off, count, root);
        done(t0);
    }

    @Override
    public void bcast(byte[] buf, int off, int count, int root) {
        long t0 = start();
        inner.bcast(buf, off, count, root);
        done(t0);
    }

    @Override
    public String bcastString(String s, int root) {
        long t0 = start();
        String result = inner.bcastString(s, root);
        done(t0);
        return result;
    }

    @Override
    public void allGatherv(double[] send, int sendOff, double[] recv, int[] counts, int[] displs) {
        long t0 = start();
        inner.allGatherv(send, sendOff, recv, counts, displs);
        done(t0);
    }

    @Override
    public void allGatherv(long[] send, int sendOff, long[] recv, int[] counts, int[] displs) {
        long t0 = start();
        inner.allGatherv(send, sendOff, recv, counts, displs);
        done(t0);
    }

    @Override
    public void gatherv(double[] send, int sendOff, double[] recv, int[] counts, int[] displs, int root) {
        long t0 = start();
        inner.gatherv(send, sendOff, recv, counts, displs, root);
        done(t0);
    }

    @Override
    public void gatherv(long[] send, int sendOff, long[] recv, int[] counts, int[] displs, int root) {
        long t0 = start();
        inner.gatherv(send, sendOff, recv, counts, displs, root);
        done(t0);
    }

    @Override
    public void gatherv(byte[] send, int sendOff, byte[] recv, int[] counts, int[] displs, int root) {
        long t0 = start();
        inner.gatherv(send, sendOff, recv, counts, displs, root);
        done(t0);
    }

    @Override
    public int[] allGather(int value) {
        long t0 = start();
        int[] result = inner.allGather(value);
        done(t0);
        return result;
    }

    @Override
    public long[] allGather(long value) {
        long t0 = start();
        long[] result = inner.allGather(value);
        done(t0);
        return result;
    }

    @Override
    public void reduce(long[] buf, int count, Op op, int root) {
        long t0 = start();
        inner.reduce(buf, count, op, root);
        done(t0);
    }

    @Override
    public void reduce(double[] buf, int count, Op op, int root) {
        long t0 = start();
        inner.reduce(buf, count, op, root);
        done(t0);
    }

    @Override
    public void allReduce(long[] buf, int count, Op op) {
        long t0 = start();
        inner.allReduce(buf, count, op);
        done(t0);
    }

    @Override
    public void allReduce(double[] buf, int count, Op op) {
        long t0 = start();
        inner.allReduce(buf, count, op);
        done(t0);
    }

    @Override
    public int sendRecv(double[] send, int sendCount, int dest, double[] recv, int source, int tag) {
        long t0 = start();
        int result = inner.sendRecv(send, sendCount, dest, recv, source, tag);
        done(t0);
        return result;
    }

    @Override
    public int sendRecv(long[] send, int sendCount, int dest, long[] recv, int source, int tag) {
        long t0 = start();
        int result = inner.sendRecv(send, sendCount, dest, recv, source, tag);
        done(t0);
        return result;
    }

    @Override
    public void send(byte[] buf, int count, int dest, int tag) {
        long t0 = start();
        inner.send(buf, count, dest, tag);
        done(t0);
    }

    @Override
    public void send(double[] buf, int count, int dest, int tag) {
        long t0 = start();
        inner.send(buf, count, dest, tag);
        done(t0);
    }

    @Override
    public void send(long[] buf, int count, int dest, int tag) {
        long t0 = start();
        inner.send(buf, count, dest, tag);
        done(t0);
    }

    @Override
    public Received recv(byte[] buf, int source, int tag) {
        long t0 = start();
        Received result = inner.recv(buf, source, tag);
        done(t0);
        return result;
    }

    @Override
    public Received recv(double[] buf, int source, int tag) {
        long t0 = start();
        Received result = inner.recv(buf, source, tag);
        done(t0);
        return result;
    }

    @Override
    public Received recv(long[] buf, int source, int tag) {
        long t0 = start();
        Received result = inner.recv(buf, source, tag);
        done(t0);
        return result;
    }

    @Override
    public Received probeBytes(int source, int tag) {
        long t0 = start();
        Received result = inner.probeBytes(source, tag);
        done(t0);
        return result;
    }

    @Override
    public Received iprobeBytes(int source, int tag) {
        long t0 = start();
        Received result = inner.iprobeBytes(source, tag);
        done(t0);
        return result;
    }

    @Override
    public void agree(String errorOrNull) {
        long t0 = start();
        try {
            inner.agree(errorOrNull); // throws by design when a rank reported an error
        } finally {
            done(t0);
        }
    }

    @Override
    public void abort(int code) {
        inner.abort(code);
    }

    @Override
    public void bcast(DoubleBuffer buf, int count, int root) {
        long t0 = start();
        inner.bcast(buf, count, root);
        done(t0);
    }

    @Override
    public void allGatherv(DoubleBuffer send, int sendCount, DoubleBuffer recv, int[] counts, int[] displs) {
        long t0 = start();
        inner.allGatherv(send, sendCount, recv, counts, displs);
        done(t0);
    }

    @Override
    public void allReduce(DoubleBuffer send, DoubleBuffer recv, int count, Op op) {
        long t0 = start();
        inner.allReduce(send, recv, count, op);
        done(t0);
    }

    @Override
    public void reduce(DoubleBuffer send, DoubleBuffer recv, int count, Op op, int root) {
        long t0 = start();
        inner.reduce(send, recv, count, op, root);
        done(t0);
    }

    @Override
    public int sendRecv(
            DoubleBuffer send, int sendCount, int dest, DoubleBuffer recv, int recvCapacity, int source, int tag) {
        long t0 = start();
        int result = inner.sendRecv(send, sendCount, dest, recv, recvCapacity, source, tag);
        done(t0);
        return result;
    }
}
