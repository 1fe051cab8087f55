package org.orrery.parallel;

import java.nio.DoubleBuffer;
import java.nio.charset.StandardCharsets;

/**
 * {@link Comm} over {@code MPI_COMM_WORLD} through Orrery's native shim ({@link NativeMpi}, {@code liborrery_mpi}): the
 * backend for every MPI without Java bindings (MPICH, Intel MPI, Cray MPICH, Open MPI without {@code --enable-mpi-java}
 * or from 6.0 on), and an alternative to {@code mpi.jar} on Open MPI.
 *
 * <p>Data path: the array methods copy {@code [off, off+count)} into a reusable direct {@link DirectScratch} (one for
 * sending, one for receiving), hand its address to MPI and copy results back: two {@code memcpy}s beside MPI's own
 * work, no allocation. The {@link DoubleBuffer} methods hand the caller's direct buffer to MPI as it is (zero copy).
 * Buffers reach the shim as addresses ({@link ShimMemory}): no call goes back into the JVM for them. JNI critical
 * sections are never held across an MPI call (they would stall this JVM's garbage collector while a peer is slow).
 * Unlike Open MPI's Java bindings, the shim checks each count against the buffer's capacity, and receives report the
 * count from the MPI status. Reductions: SUM/MAX/MIN on {@code MPI_INT64_T} and {@code MPI_DOUBLE}, never on bytes.
 * Gathers live in {@link NativeGathers}, point-to-point in {@link NativeMessages}; this class keeps the environment,
 * broadcasts, reductions and the error protocol. Call only from the thread that started MPI (MPI_THREAD_FUNNELED); not
 * thread-safe. The shim times its own MPI calls ({@link SelfTimed}: a tick counter read in C around each call), so
 * {@link TimedComm} reads no clock per call over this backend.
 */
public final class NativeComm implements Comm, SelfTimed {
    private final int rank;
    private final int size;
    private final String implementation;
    private final ShimMemory m;
    private final NativeGathers gathers;
    private final NativeMessages messages;

    /** Wraps an MPI that {@link NativeMpi#init} has started. */
    NativeComm() {
        this.rank = NativeMpi.rank();
        this.size = NativeMpi.size();
        this.implementation = NativeMpi.implementation();
        this.m = new ShimMemory();
        this.gathers = new NativeGathers(rank, size, m);
        this.messages = new NativeMessages(m);
    }

    @Override
    public int rank() {
        return rank;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public double wtime() {
        return NativeMpi.wtime();
    }

    @Override
    public String processorName() {
        return NativeMpi.processorName();
    }

    @Override
    public String libraryVersion() {
        return MpiBackends.oneLine(NativeMpi.libraryVersion());
    }

    @Override
    public String backendName() {
        return MpiBackends.SHIM + " (" + System.mapLibraryName(NativeMpi.LIBRARY) + ", built with " + implementation
                + ")";
    }

    @Override
    public void barrier() {
        NativeMpi.barrier();
    }

    @Override
    public void timeWait(boolean on) {
        NativeMpi.timeWait(on);
    }

    @Override
    public double waitSeconds() {
        return NativeMpi.waitSeconds();
    }

    @Override
    public long waitCalls() {
        return NativeMpi.waitCalls();
    }

    @Override
    public String waitClock() {
        return NativeMpi.waitClock();
    }

    /**
     * One call into the shim that does nothing: what any JNI-based backend pays per call before MPI runs, which
     * {@code bench mpi} prints beside the MPI calls. Only where this backend runs (the library is loaded).
     */
    public static void emptyNativeCall() {
        NativeMpi.nothing();
    }

    @Override
    public void bcast(double[] buf, int off, int count, int root) {
        DirectScratch s = m.out.fit(count, 8);
        if (rank == root) {
            s.doubles.put(0, buf, off, count);
        }
        NativeMpi.bcast(m.outAt(), m.outBytes(), count, NativeMpi.DOUBLE, root);
        if (rank != root) {
            s.doubles.get(0, buf, off, count);
        }
    }

    @Override
    public void bcast(long[] buf, int off, int count, int root) {
        DirectScratch s = m.out.fit(count, 8);
        if (rank == root) {
            s.longs.put(0, buf, off, count);
        }
        NativeMpi.bcast(m.outAt(), m.outBytes(), count, NativeMpi.LONG, root);
        if (rank != root) {
            s.longs.get(0, buf, off, count);
        }
    }

    @Override
    public void bcast(int[] buf, int off, int count, int root) {
        DirectScratch s = m.out.fit(count, 4);
        if (rank == root) {
            s.ints.put(0, buf, off, count);
        }
        NativeMpi.bcast(m.outAt(), m.outBytes(), count, NativeMpi.INT, root);
        if (rank != root) {
            s.ints.get(0, buf, off, count);
        }
    }

    @Override
    public void bcast(byte[] buf, int off, int count, int root) {
        DirectScratch s = m.out.fit(count, 1);
        if (rank == root) {
            s.bytes.put(0, buf, off, count);
        }
        NativeMpi.bcast(m.outAt(), m.outBytes(), count, NativeMpi.BYTE, root);
        if (rank != root) {
            s.bytes.get(0, buf, off, count);
        }
    }

    @Override
    public String bcastString(String s, int root) {
        byte[] bytes = rank == root ? s.getBytes(StandardCharsets.UTF_8) : null;
        int n = (int) bcastLong(rank == root ? bytes.length : 0, root); // collective
        if (rank != root) {
            bytes = new byte[n];
        }
        bcast(bytes, 0, n, root); // collective
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Override
    public void bcast(DoubleBuffer buf, int count, int root) {
        Comm.checkDirect(buf, count, "bcast");
        NativeMpi.bcast(m.sendAt(buf), ShimMemory.bytes(buf), count, NativeMpi.DOUBLE, root);
    }

    @Override
    public void reduce(long[] buf, int count, Op op, int root) {
        DirectScratch s = m.out.fit(count, 8);
        s.longs.put(0, buf, 0, count);
        DirectScratch r = m.in.fit(count, 8);
        NativeMpi.reduce(m.outAt(), m.outBytes(), m.inAt(), m.inBytes(), count, NativeMpi.LONG, NativeMpi.op(op), root);
        if (rank == root) {
            r.longs.get(0, buf, 0, count);
        }
    }

    @Override
    public void reduce(double[] buf, int count, Op op, int root) {
        DirectScratch s = m.out.fit(count, 8);
        s.doubles.put(0, buf, 0, count);
        DirectScratch r = m.in.fit(count, 8);
        NativeMpi.reduce(
                m.outAt(), m.outBytes(), m.inAt(), m.inBytes(), count, NativeMpi.DOUBLE, NativeMpi.op(op), root);
        if (rank == root) {
            r.doubles.get(0, buf, 0, count);
        }
    }

    @Override
    public void allReduce(DoubleBuffer send, DoubleBuffer recv, int count, Op op) {
        Comm.checkDirect(send, count, "allReduce");
        Comm.checkDirect(recv, count, "allReduce");
        NativeMpi.allreduce(
                m.sendAt(send),
                ShimMemory.bytes(send),
                m.recvAt(recv),
                ShimMemory.bytes(recv),
                count,
                NativeMpi.DOUBLE,
                NativeMpi.op(op));
    }

    @Override
    public void reduce(DoubleBuffer send, DoubleBuffer recv, int count, Op op, int root) {
        boolean isRoot = rank == root;
        Comm.checkDirect(send, count, "reduce");
        if (isRoot) {
            Comm.checkDirect(recv, count, "reduce");
        }
        NativeMpi.reduce(
                m.sendAt(send),
                ShimMemory.bytes(send),
                isRoot ? m.recvAt(recv) : 0,
                isRoot ? ShimMemory.bytes(recv) : 0,
                count,
                NativeMpi.DOUBLE,
                NativeMpi.op(op),
                root);
    }

    @Override
    public void allReduce(long[] buf, int count, Op op) {
        DirectScratch s = m.out.fit(count, 8);
        s.longs.put(0, buf, 0, count);
        DirectScratch r = m.in.fit(count, 8);
        NativeMpi.allreduce(m.outAt(), m.outBytes(), m.inAt(), m.inBytes(), count, NativeMpi.LONG, NativeMpi.op(op));
        r.longs.get(0, buf, 0, count);
    }

    @Override
    public void allReduce(double[] buf, int count, Op op) {
        DirectScratch s = m.out.fit(count, 8);
        s.doubles.put(0, buf, 0, count);
        DirectScratch r = m.in.fit(count, 8);
        NativeMpi.allreduce(m.outAt(), m.outBytes(), m.inAt(), m.inBytes(), count, NativeMpi.DOUBLE, NativeMpi.op(op));
        r.doubles.get(0, buf, 0, count);
    }

    // ---- gathers (NativeGathers) ---------------------------------------------------------

    @Override
    public void allGatherv(double[] send, int sendOff, double[] recv, int[] counts, int[] displs) {
        gathers.allGatherv(send, sendOff, recv, counts, displs);
    }

    @Override
    public void allGatherv(long[] send, int sendOff, long[] recv, int[] counts, int[] displs) {
        gathers.allGatherv(send, sendOff, recv, counts, displs);
    }

    @Override
    public void allGatherv(DoubleBuffer send, int sendCount, DoubleBuffer recv, int[] counts, int[] displs) {
        gathers.allGatherv(send, sendCount, recv, counts, displs);
    }

    @Override
    public void gatherv(double[] send, int sendOff, double[] recv, int[] counts, int[] displs, int root) {
        gathers.gatherv(send, sendOff, recv, counts, displs, root);
    }

    @Override
    public void gatherv(long[] send, int sendOff, long[] recv, int[] counts, int[] displs, int root) {
        gathers.gatherv(send, sendOff, recv, counts, displs, root);
    }

    @Override
    public void gatherv(byte[] send, int sendOff, byte[] recv, int[] counts, int[] displs, int root) {
        gathers.gatherv(send, sendOff, recv, counts, displs, root);
    }

    @Override
    public int[] allGather(int value) {
        return gathers.allGather(value);
    }

    @Override
    public long[] allGather(long value) {
        return gathers.allGather(value);
    }

    // ---- point to point (NativeMessages) ------------------------------------------------

    @Override
    public int sendRecv(double[] send, int sendCount, int dest, double[] recv, int source, int tag) {
        return messages.sendRecv(send, sendCount, dest, recv, source, tag);
    }

    @Override
    public int sendRecv(long[] send, int sendCount, int dest, long[] recv, int source, int tag) {
        return messages.sendRecv(send, sendCount, dest, recv, source, tag);
    }

    @Override
    public int sendRecv(
            DoubleBuffer send, int sendCount, int dest, DoubleBuffer recv, int recvCapacity, int source, int tag) {
        return messages.sendRecv(send, sendCount, dest, recv, recvCapacity, source, tag);
    }

    @Override
    public void send(byte[] buf, int count, int dest, int tag) {
        messages.send(buf, count, dest, tag);
    }

    @Override
    public void send(double[] buf, int count, int dest, int tag) {
        messages.send(buf, count, dest, tag);
    }

    @Override
    public void send(long[] buf, int count, int dest, int tag) {
        messages.send(buf, count, dest, tag);
    }

    @Override
    public Received recv(byte[] buf, int source, int tag) {
        return messages.recv(buf, source, tag);
    }

    @Override
    public Received recv(double[] buf, int source, int tag) {
        return messages.recv(buf, source, tag);
    }

    @Override
    public Received recv(long[] buf, int source, int tag) {
        return messages.recv(buf, source, tag);
    }

    @Override
    public Received probeBytes(int source, int tag) {
        return messages.probeBytes(source, tag);
    }

    @Override
    public Received iprobeBytes(int source, int tag) {
        return messages.iprobeBytes(source, tag);
    }

    // ---- error protocol ---------------------------------------------------------------------

    @Override
    public void agree(String errorOrNull) {
        long failing = allReduce(errorOrNull == null ? Long.MAX_VALUE : rank, Op.MIN); // collective
        if (failing == Long.MAX_VALUE) {
            return;
        }
        String msg = bcastString(errorOrNull == null ? "" : errorOrNull, (int) failing); // collective
        throw new Spmd.AgreedError(msg);
    }

    @Override
    public void abort(int code) {
        try {
            NativeMpi.abort(code);
        } finally {
            // MPI_Abort returned or failed: nothing collective can be trusted any more.
            Runtime.getRuntime().halt(code);
        }
    }
}
