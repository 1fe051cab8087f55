package org.orrery.parallel;

import java.nio.DoubleBuffer;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * A {@link Comm} that forwards every call to another and adds up the wall time spent inside the calls: what
 * {@link RankTimes} reports as a rank's <em>wait</em> (time in collectives and messages, including the time a rank
 * waits there for a slower one). Buffers go to the wrapped communicator unchanged, so the direct-buffer calls stay
 * zero-copy and results are the same bits.
 *
 * <p>Clock: {@link System#nanoTime()} before and after each call. Two reads per call are the least that keeps
 * <em>wait</em> exact (the time between calls is the rank's compute); on Linux they are {@code clock_gettime} in the
 * vDSO, which reads the TSC when the kernel's clocksource is {@code tsc} (≈ 20 ns each; a {@code kvm-clock} or
 * {@code hpet} clocksource is slower, see docs/mpi-backends.md). No cheaper monotonic clock is open to Java 17.
 * Accounting: only the thread that communicates writes the totals ({@code MPI_THREAD_FUNNELED}), so each call adds with
 * a plain read and a release store (no locked instruction, which cost as much as a clock read per call); a helper
 * thread reading {@link #waitSeconds()} sees a value at most one call old. A call that throws is counted too. Default
 * methods of {@link Comm} that are built from other calls ({@code gatherVariable}, {@code bcastLong}, the scalar
 * reductions) are not overridden, so their inner calls are counted once.
 */
public final class TimedComm implements Comm {
    private final Comm inner;
    private final AtomicLong waitNanos = new AtomicLong();
    private final AtomicLong calls = new AtomicLong();

    public TimedComm(Comm inner) {
        this.inner = inner;
    }

    /** Seconds spent inside communication calls so far. */
    public double waitSeconds() {
        return waitNanos.get() * 1e-9;
    }

    /** Communication calls made so far. */
    public long calls() {
        return calls.get();
    }

    /** The communicator this one times: {@code bench mpi} measures it bare to show what the timing costs. */
    public Comm inner() {
        return inner;
    }

    /** Adds the time since {@code t0}; only the communicating thread calls this (single writer). */
    private void done(long t0) {
        long dt = System.nanoTime() - t0;
        waitNanos.setRelease(waitNanos.getPlain() + dt);
        calls.setRelease(calls.getPlain() + 1);
    }

    private void timed(Runnable r) {
        long t0 = System.nanoTime();
        try {
            r.run();
        } finally {
            done(t0);
        }
    }

    private <T> T timed(Supplier<T> r) {
        long t0 = System.nanoTime();
        try {
            return r.get();
        } finally {
            done(t0);
        }
    }

    private int timedInt(IntSupplier r) {
        long t0 = System.nanoTime();
        try {
            return r.getAsInt();
        } finally {
            done(t0);
        }
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
        timed(inner::barrier);
    }

    @Override
    public void bcast(double[] buf, int off, int count, int root) {
        timed(() -> inner.bcast(buf, off, count, root));
    }

    @Override
    public void bcast(long[] buf, int off, int count, int root) {
        timed(() -> inner.bcast(buf, off, count, root));
    }

    @Override
    public void bcast(int[] buf, int off, int count, int root) {
        timed(() -> inner.bcast(buf, off, count, root));
    }

    @Override
    public void bcast(byte[] buf, int off, int count, int root) {
        timed(() -> inner.bcast(buf, off, count, root));
    }

    @Override
    public String bcastString(String s, int root) {
        return timed(() -> inner.bcastString(s, root));
    }

    @Override
    public void allGatherv(double[] send, int sendOff, double[] recv, int[] counts, int[] displs) {
        timed(() -> inner.allGatherv(send, sendOff, recv, counts, displs));
    }

    @Override
    public void allGatherv(long[] send, int sendOff, long[] recv, int[] counts, int[] displs) {
        timed(() -> inner.allGatherv(send, sendOff, recv, counts, displs));
    }

    @Override
    public void gatherv(double[] send, int sendOff, double[] recv, int[] counts, int[] displs, int root) {
        timed(() -> inner.gatherv(send, sendOff, recv, counts, displs, root));
    }

    @Override
    public void gatherv(long[] send, int sendOff, long[] recv, int[] counts, int[] displs, int root) {
        timed(() -> inner.gatherv(send, sendOff, recv, counts, displs, root));
    }

    @Override
    public void gatherv(byte[] send, int sendOff, byte[] recv, int[] counts, int[] displs, int root) {
        timed(() -> inner.gatherv(send, sendOff, recv, counts, displs, root));
    }

    @Override
    public int[] allGather(int value) {
        return timed(() -> inner.allGather(value));
    }

    @Override
    public long[] allGather(long value) {
        return timed(() -> inner.allGather(value));
    }

    @Override
    public void reduce(long[] buf, int count, Op op, int root) {
        timed(() -> inner.reduce(buf, count, op, root));
    }

    @Override
    public void reduce(double[] buf, int count, Op op, int root) {
        timed(() -> inner.reduce(buf, count, op, root));
    }

    @Override
    public void allReduce(long[] buf, int count, Op op) {
        timed(() -> inner.allReduce(buf, count, op));
    }

    @Override
    public void allReduce(double[] buf, int count, Op op) {
        timed(() -> inner.allReduce(buf, count, op));
    }

    @Override
    public int sendRecv(double[] send, int sendCount, int dest, double[] recv, int source, int tag) {
        return timedInt(() -> inner.sendRecv(send, sendCount, dest, recv, source, tag));
    }

    @Override
    public int sendRecv(long[] send, int sendCount, int dest, long[] recv, int source, int tag) {
        return timedInt(() -> inner.sendRecv(send, sendCount, dest, recv, source, tag));
    }

    @Override
    public void send(byte[] buf, int count, int dest, int tag) {
        timed(() -> inner.send(buf, count, dest, tag));
    }

    @Override
    public void send(double[] buf, int count, int dest, int tag) {
        timed(() -> inner.send(buf, count, dest, tag));
    }

    @Override
    public void send(long[] buf, int count, int dest, int tag) {
        timed(() -> inner.send(buf, count, dest, tag));
    }

    @Override
    public Received recv(byte[] buf, int source, int tag) {
        return timed(() -> inner.recv(buf, source, tag));
    }

    @Override
    public Received recv(double[] buf, int source, int tag) {
        return timed(() -> inner.recv(buf, source, tag));
    }

    @Override
    public Received recv(long[] buf, int source, int tag) {
        return timed(() -> inner.recv(buf, source, tag));
    }

    @Override
    public Received probeBytes(int source, int tag) {
        return timed(() -> inner.probeBytes(source, tag));
    }

    @Override
    public Received iprobeBytes(int source, int tag) {
        return timed(() -> inner.iprobeBytes(source, tag));
    }

    @Override
    public void agree(String errorOrNull) {
        timed(() -> inner.agree(errorOrNull));
    }

    @Override
    public void abort(int code) {
        inner.abort(code);
    }

    @Override
    public void bcast(DoubleBuffer buf, int count, int root) {
        timed(() -> inner.bcast(buf, count, root));
    }

    @Override
    public void allGatherv(DoubleBuffer send, int sendCount, DoubleBuffer recv, int[] counts, int[] displs) {
        timed(() -> inner.allGatherv(send, sendCount, recv, counts, displs));
    }

    @Override
    public void reduce(DoubleBuffer send, DoubleBuffer recv, int count, Op op, int root) {
        timed(() -> inner.reduce(send, recv, count, op, root));
    }

    @Override
    public int sendRecv(
            DoubleBuffer send, int sendCount, int dest, DoubleBuffer recv, int recvCapacity, int source, int tag) {
        return timedInt(() -> inner.sendRecv(send, sendCount, dest, recv, recvCapacity, source, tag));
    }
}
