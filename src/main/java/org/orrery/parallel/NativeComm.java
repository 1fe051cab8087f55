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
 * JNI critical sections are never held across an MPI call (they would stall this JVM's garbage collector while a peer
 * is slow). Unlike Open MPI's Java bindings, the shim checks each count against the buffer's capacity, and receives
 * report the count from the MPI status. Reductions: SUM/MAX/MIN on {@code MPI_INT64_T} and {@code MPI_DOUBLE}, never on
 * bytes. Call only from the thread that started MPI (MPI_THREAD_FUNNELED); not thread-safe.
 */
public final class NativeComm implements Comm {
    private final int rank;
    private final int size;
    private final String implementation;
    private final int[] status = new int[3];
    private final DirectScratch out = new DirectScratch();
    private final DirectScratch in = new DirectScratch();

    /** Wraps an MPI that {@link NativeMpi#init} has started. */
    NativeComm() {
        this.rank = NativeMpi.rank();
        this.size = NativeMpi.size();
        this.implementation = NativeMpi.implementation();
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

    private static int extent(int[] counts, int[] displs, int p) {
        int t = 0;
        for (int r = 0; r < p; r++) {
            t = Math.max(t, Math.addExact(displs[r], counts[r]));
        }
        return t;
    }

    @Override
    public void bcast(double[] buf, int off, int count, int root) {
        DirectScratch s = out.fit(count, 8);
        if (rank == root) {
            s.doubles.put(0, buf, off, count);
        }
        NativeMpi.bcast(s.bytes, 1, count, NativeMpi.DOUBLE, root);
        if (rank != root) {
            s.doubles.get(0, buf, off, count);
        }
    }

    @Override
    public void bcast(long[] buf, int off, int count, int root) {
        DirectScratch s = out.fit(count, 8);
        if (rank == root) {
            s.longs.put(0, buf, off, count);
        }
        NativeMpi.bcast(s.bytes, 1, count, NativeMpi.LONG, root);
        if (rank != root) {
            s.longs.get(0, buf, off, count);
        }
    }

    @Override
    public void bcast(int[] buf, int off, int count, int root) {
        DirectScratch s = out.fit(count, 4);
        if (rank == root) {
            s.ints.put(0, buf, off, count);
        }
        NativeMpi.bcast(s.bytes, 1, count, NativeMpi.INT, root);
        if (rank != root) {
            s.ints.get(0, buf, off, count);
        }
    }

    @Override
    public void bcast(byte[] buf, int off, int count, int root) {
        DirectScratch s = out.fit(count, 1);
        if (rank == root) {
            s.bytes.put(0, buf, off, count);
        }
        NativeMpi.bcast(s.bytes, 1, count, NativeMpi.BYTE, root);
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
        NativeMpi.bcast(buf, 8, count, NativeMpi.DOUBLE, root);
    }

    @Override
    public void allGatherv(double[] send, int sendOff, double[] recv, int[] counts, int[] displs) {
        int n = extent(counts, displs, size);
        DirectScratch s = out.fit(counts[rank], 8);
        s.doubles.put(0, send, sendOff, counts[rank]);
        DirectScratch r = in.fit(n, 8);
        NativeMpi.allgatherv(s.bytes, counts[rank], r.bytes, 1, counts, displs, NativeMpi.DOUBLE);
        for (int q = 0; q < size; q++) {
            r.doubles.get(displs[q], recv, displs[q], counts[q]);
        }
    }

    @Override
    public void allGatherv(long[] send, int sendOff, long[] recv, int[] counts, int[] displs) {
        int n = extent(counts, displs, size);
        DirectScratch s = out.fit(counts[rank], 8);
        s.longs.put(0, send, sendOff, counts[rank]);
        DirectScratch r = in.fit(n, 8);
        NativeMpi.allgatherv(s.bytes, counts[rank], r.bytes, 1, counts, displs, NativeMpi.LONG);
        for (int q = 0; q < size; q++) {
            r.longs.get(displs[q], recv, displs[q], counts[q]);
        }
    }

    @Override
    public void allGatherv(DoubleBuffer send, int sendCount, DoubleBuffer recv, int[] counts, int[] displs) {
        Comm.checkDirect(send, sendCount, "allGatherv");
        Comm.checkDirect(recv, extent(counts, displs, size), "allGatherv");
        NativeMpi.allgatherv(send, sendCount, recv, 8, counts, displs, NativeMpi.DOUBLE);
    }

    @Override
    public void gatherv(double[] send, int sendOff, double[] recv, int[] counts, int[] displs, int root) {
        DirectScratch s = out.fit(counts[rank], 8);
        s.doubles.put(0, send, sendOff, counts[rank]);
        DirectScratch r = in.fit(rank == root ? extent(counts, displs, size) : 0, 8);
        NativeMpi.gatherv(s.bytes, counts[rank], r.bytes, 1, counts, displs, NativeMpi.DOUBLE, root);
        if (rank == root) {
            for (int q = 0; q < size; q++) {
                r.doubles.get(displs[q], recv, displs[q], counts[q]);
            }
        }
    }

    @Override
    public void gatherv(long[] send, int sendOff, long[] recv, int[] counts, int[] displs, int root) {
        DirectScratch s = out.fit(counts[rank], 8);
        s.longs.put(0, send, sendOff, counts[rank]);
        DirectScratch r = in.fit(rank == root ? extent(counts, displs, size) : 0, 8);
        NativeMpi.gatherv(s.bytes, counts[rank], r.bytes, 1, counts, displs, NativeMpi.LONG, root);
        if (rank == root) {
            for (int q = 0; q < size; q++) {
                r.longs.get(displs[q], recv, displs[q], counts[q]);
            }
        }
    }

    @Override
    public void gatherv(byte[] send, int sendOff, byte[] recv, int[] counts, int[] displs, int root) {
        DirectScratch s = out.fit(counts[rank], 1);
        s.bytes.put(0, send, sendOff, counts[rank]);
        DirectScratch r = in.fit(rank == root ? extent(counts, displs, size) : 0, 1);
        NativeMpi.gatherv(s.bytes, counts[rank], r.bytes, 1, counts, displs, NativeMpi.BYTE, root);
        if (rank == root) {
            for (int q = 0; q < size; q++) {
                r.bytes.get(displs[q], recv, displs[q], counts[q]);
            }
        }
    }

    @Override
    public int[] allGather(int value) {
        DirectScratch s = out.fit(1, 4);
        s.ints.put(0, value);
        DirectScratch r = in.fit(size, 4);
        NativeMpi.allgather(s.bytes, r.bytes, 1, 1, NativeMpi.INT);
        int[] all = new int[size];
        r.ints.get(0, all, 0, size);
        return all;
    }

    @Override
    public long[] allGather(long value) {
        DirectScratch s = out.fit(1, 8);
        s.longs.put(0, value);
        DirectScratch r = in.fit(size, 8);
        NativeMpi.allgather(s.bytes, r.bytes, 1, 1, NativeMpi.LONG);
        long[] all = new long[size];
        r.longs.get(0, all, 0, size);
        return all;
    }

    @Override
    public void reduce(long[] buf, int count, Op op, int root) {
        DirectScratch s = out.fit(count, 8);
        s.longs.put(0, buf, 0, count);
        DirectScratch r = in.fit(count, 8);
        NativeMpi.reduce(s.bytes, r.bytes, 1, count, NativeMpi.LONG, NativeMpi.op(op), root);
        if (rank == root) {
            r.longs.get(0, buf, 0, count);
        }
    }

    @Override
    public void reduce(double[] buf, int count, Op op, int root) {
        DirectScratch s = out.fit(count, 8);
        s.doubles.put(0, buf, 0, count);
        DirectScratch r = in.fit(count, 8);
        NativeMpi.reduce(s.bytes, r.bytes, 1, count, NativeMpi.DOUBLE, NativeMpi.op(op), root);
        if (rank == root) {
            r.doubles.get(0, buf, 0, count);
        }
    }

    @Override
    public void reduce(DoubleBuffer send, DoubleBuffer recv, int count, Op op, int root) {
        Comm.checkDirect(send, count, "reduce");
        if (rank == root) {
            Comm.checkDirect(recv, count, "reduce");
        }
        NativeMpi.reduce(send, rank == root ? recv : null, 8, count, NativeMpi.DOUBLE, NativeMpi.op(op), root);
    }

    @Override
    public void allReduce(long[] buf, int count, Op op) {
        DirectScratch s = out.fit(count, 8);
        s.longs.put(0, buf, 0, count);
        DirectScratch r = in.fit(count, 8);
        NativeMpi.allreduce(s.bytes, r.bytes, 1, count, NativeMpi.LONG, NativeMpi.op(op));
        r.longs.get(0, buf, 0, count);
    }

    @Override
    public void allReduce(double[] buf, int count, Op op) {
        DirectScratch s = out.fit(count, 8);
        s.doubles.put(0, buf, 0, count);
        DirectScratch r = in.fit(count, 8);
        NativeMpi.allreduce(s.bytes, r.bytes, 1, count, NativeMpi.DOUBLE, NativeMpi.op(op));
        r.doubles.get(0, buf, 0, count);
    }

    private Received received() {
        return new Received(status[0], status[1], status[2]);
    }

    @Override
    public int sendRecv(double[] send, int sendCount, int dest, double[] recv, int source, int tag) {
        DirectScratch s = out.fit(sendCount, 8);
        s.doubles.put(0, send, 0, sendCount);
        DirectScratch r = in.fit(recv.length, 8);
        NativeMpi.sendrecv(s.bytes, sendCount, dest, r.bytes, recv.length, source, 1, NativeMpi.DOUBLE, tag, status);
        r.doubles.get(0, recv, 0, status[2]);
        return status[2];
    }

    @Override
    public int sendRecv(long[] send, int sendCount, int dest, long[] recv, int source, int tag) {
        DirectScratch s = out.fit(sendCount, 8);
        s.longs.put(0, send, 0, sendCount);
        DirectScratch r = in.fit(recv.length, 8);
        NativeMpi.sendrecv(s.bytes, sendCount, dest, r.bytes, recv.length, source, 1, NativeMpi.LONG, tag, status);
        r.longs.get(0, recv, 0, status[2]);
        return status[2];
    }

    @Override
    public int sendRecv(
            DoubleBuffer send, int sendCount, int dest, DoubleBuffer recv, int recvCapacity, int source, int tag) {
        Comm.checkDirect(send, sendCount, "sendRecv");
        Comm.checkDirect(recv, recvCapacity, "sendRecv");
        NativeMpi.sendrecv(send, sendCount, dest, recv, recvCapacity, source, 8, NativeMpi.DOUBLE, tag, status);
        return status[2];
    }

    @Override
    public void send(byte[] buf, int count, int dest, int tag) {
        DirectScratch s = out.fit(count, 1);
        s.bytes.put(0, buf, 0, count);
        NativeMpi.send(s.bytes, 1, count, NativeMpi.BYTE, dest, tag);
    }

    @Override
    public void send(double[] buf, int count, int dest, int tag) {
        DirectScratch s = out.fit(count, 8);
        s.doubles.put(0, buf, 0, count);
        NativeMpi.send(s.bytes, 1, count, NativeMpi.DOUBLE, dest, tag);
    }

    @Override
    public void send(long[] buf, int count, int dest, int tag) {
        DirectScratch s = out.fit(count, 8);
        s.longs.put(0, buf, 0, count);
        NativeMpi.send(s.bytes, 1, count, NativeMpi.LONG, dest, tag);
    }

    @Override
    public Received recv(byte[] buf, int source, int tag) {
        DirectScratch r = in.fit(buf.length, 1);
        NativeMpi.recv(r.bytes, 1, buf.length, NativeMpi.BYTE, source, tag, status);
        r.bytes.get(0, buf, 0, status[2]);
        return received();
    }

    @Override
    public Received recv(double[] buf, int source, int tag) {
        DirectScratch r = in.fit(buf.length, 8);
        NativeMpi.recv(r.bytes, 1, buf.length, NativeMpi.DOUBLE, source, tag, status);
        r.doubles.get(0, buf, 0, status[2]);
        return received();
    }

    @Override
    public Received recv(long[] buf, int source, int tag) {
        DirectScratch r = in.fit(buf.length, 8);
        NativeMpi.recv(r.bytes, 1, buf.length, NativeMpi.LONG, source, tag, status);
        r.longs.get(0, buf, 0, status[2]);
        return received();
    }

    @Override
    public Received probeBytes(int source, int tag) {
        NativeMpi.probe(source, tag, NativeMpi.BYTE, status);
        return received();
    }

    @Override
    public Received iprobeBytes(int source, int tag) {
        return NativeMpi.iprobe(source, tag, NativeMpi.BYTE, status) ? received() : null;
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
