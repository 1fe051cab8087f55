package org.orrery.parallel;

import java.nio.ByteBuffer;
import java.nio.DoubleBuffer;
import java.nio.LongBuffer;
import java.nio.charset.StandardCharsets;
import mpi.Datatype;
import mpi.Intracomm;
import mpi.MPI;
import mpi.MPIException;
import mpi.Status;

/**
 * {@link Comm} over a real {@code mpi.Intracomm} (Open MPI Java bindings). With {@link OmpiBackend}, the only class in
 * Orrery that imports {@code mpi.*}; both live in {@code src/ompi/java}, compiled only when Maven is given
 * {@code -Dmpi.jar}, so Orrery builds and runs (through {@link NativeComm}) where Open MPI's Java bindings do not
 * exist.
 *
 * <p>Facts about the bindings this class is built around (measured with Open MPI 4.1.4):
 *
 * <ul>
 *   <li>{@code allGatherv}, the root side of {@code gatherv}/{@code scatterv} and {@code allToAllv} with Java arrays
 *       size their temporary native buffer as displs&times;counts instead of displs+counts in every release checked
 *       (1.10.7 to 5.0.9): heap corruption, then a crash or a hang. Every payload here therefore travels through
 *       <b>direct buffers</b> ({@code MPI.newDoubleBuffer}), which are also zero-copy; a regression test exercises
 *       allGatherv at N = 65536 &times; 3 doubles at np 2.
 *   <li>Java arrays are copied through a temporary native buffer on every blocking call; direct buffers are not.
 *       Nothing checks {@code count} against a direct buffer's capacity: this class sizes its scratch buffers itself.
 *   <li>Receiving fewer elements than {@code count} leaves the tail stale: counts are read from
 *       {@code Status.getCount}.
 *   <li>{@code MPI.LONG} is 64-bit, {@code MPI.INT} 32-bit; {@code MPI.BYTE} is unsigned inside MPI (never MAX/MIN over
 *       bytes).
 *   <li>The default error handler is fatal; {@link #MpiComm(Intracomm)} installs {@code ERRORS_RETURN} so failures
 *       surface as {@code MPIException}.
 *   <li>{@code mpirun} rewrites java command lines: {@code -cp} must come first; with np &le; 2 it binds each rank to
 *       one core (use {@code --bind-to none} with threads); a SIGABRT inside the JVM can deadlock Open MPI's handler
 *       ({@code --mca opal_signal ""} avoids it). The launcher handles all three.
 * </ul>
 *
 * All methods must be called from the thread that initialised MPI (THREAD_FUNNELED).
 */
public final class MpiComm implements Comm {
    private final Intracomm comm;
    private final int rank;
    private final int size;

    private DoubleBuffer dSend = MPI.newDoubleBuffer(1);
    private DoubleBuffer dRecv = MPI.newDoubleBuffer(1);
    private LongBuffer lSend = MPI.newLongBuffer(1);
    private LongBuffer lRecv = MPI.newLongBuffer(1);
    private ByteBuffer bSend = MPI.newByteBuffer(1);
    private ByteBuffer bRecv = MPI.newByteBuffer(1);

    public MpiComm(Intracomm comm) {
        try {
            this.comm = comm;
            comm.setErrhandler(MPI.ERRORS_RETURN);
            this.rank = comm.getRank();
            this.size = comm.getSize();
        } catch (MPIException e) {
            throw failure("communicator setup", e);
        }
    }

    /** An MPI call reported an error; fatal for the job. */
    private static MpiFailure failure(String what, MPIException e) {
        return new MpiFailure("MPI " + what + " failed: " + e.getMessage(), e);
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
        try {
            return MPI.wtime();
        } catch (MPIException e) {
            throw failure("wtime", e);
        }
    }

    @Override
    public String processorName() {
        try {
            return MPI.getProcessorName();
        } catch (MPIException e) {
            throw failure("getProcessorName", e);
        }
    }

    @Override
    public String libraryVersion() {
        return MPI.getLibVersion().strip();
    }

    @Override
    public String backendName() {
        return MpiBackends.OMPI_JAVA + " (Open MPI Java bindings, mpi.jar)";
    }

    @Override
    public void barrier() {
        try {
            comm.barrier();
        } catch (MPIException e) {
            throw failure("barrier", e);
        }
    }

    // ---- scratch direct buffers -------------------------------------------------------------

    private DoubleBuffer dSend(int n) {
        if (dSend.capacity() < n) {
            dSend = MPI.newDoubleBuffer(grow(n));
        }
        dSend.clear();
        return dSend;
    }

    private DoubleBuffer dRecv(int n) {
        if (dRecv.capacity() < n) {
            dRecv = MPI.newDoubleBuffer(grow(n));
        }
        dRecv.clear();
        return dRecv;
    }

    private LongBuffer lSend(int n) {
        if (lSend.capacity() < n) {
            lSend = MPI.newLongBuffer(grow(n));
        }
        lSend.clear();
        return lSend;
    }

    private LongBuffer lRecv(int n) {
        if (lRecv.capacity() < n) {
            lRecv = MPI.newLongBuffer(grow(n));
        }
        lRecv.clear();
        return lRecv;
    }

    private ByteBuffer bSend(int n) {
        if (bSend.capacity() < n) {
            bSend = MPI.newByteBuffer(grow(n));
        }
        bSend.clear();
        return bSend;
    }

    private ByteBuffer bRecv(int n) {
        if (bRecv.capacity() < n) {
            bRecv = MPI.newByteBuffer(grow(n));
        }
        bRecv.clear();
        return bRecv;
    }

    private static int grow(int n) {
        return Math.max(n, Math.max(16, (int) Math.min(Integer.MAX_VALUE - 8, n + (long) n / 2)));
    }

    private static int total(int[] counts, int[] displs) {
        int t = 0;
        for (int r = 0; r < counts.length; r++) {
            t = Math.max(t, displs[r] + counts[r]);
        }
        return t;
    }

    // ---- broadcast --------------------------------------------------------------------------

    @Override
    public void bcast(double[] buf, int off, int count, int root) {
        DoubleBuffer b = dSend(count);
        if (rank == root) {
            b.put(buf, off, count);
        }
        try {
            comm.bcast(b, count, MPI.DOUBLE, root);
        } catch (MPIException e) {
            throw failure("bcast", e);
        }
        if (rank != root) {
            b.position(0);
            b.get(buf, off, count);
        }
    }

    @Override
    public void bcast(long[] buf, int off, int count, int root) {
        LongBuffer b = lSend(count);
        if (rank == root) {
            b.put(buf, off, count);
        }
        try {
            comm.bcast(b, count, MPI.LONG, root);
        } catch (MPIException e) {
            throw failure("bcast", e);
        }
        if (rank != root) {
            b.position(0);
            b.get(buf, off, count);
        }
    }

    @Override
    public void bcast(int[] buf, int off, int count, int root) {
        long[] tmp = new long[count];
        for (int i = 0; i < count; i++) {
            tmp[i] = buf[off + i];
        }
        bcast(tmp, 0, count, root);
        for (int i = 0; i < count; i++) {
            buf[off + i] = (int) tmp[i];
        }
    }

    @Override
    public void bcast(byte[] buf, int off, int count, int root) {
        ByteBuffer b = bSend(count);
        if (rank == root) {
            b.put(buf, off, count);
        }
        try {
            comm.bcast(b, count, MPI.BYTE, root);
        } catch (MPIException e) {
            throw failure("bcast", e);
        }
        if (rank != root) {
            b.position(0);
            b.get(buf, off, count);
        }
    }

    @Override
    public String bcastString(String s, int root) {
        byte[] bytes = rank == root ? s.getBytes(StandardCharsets.UTF_8) : null;
        int n = (int) bcastLong(rank == root ? bytes.length : 0, root);
        if (rank != root) {
            bytes = new byte[n];
        }
        bcast(bytes, 0, n, root);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    // ---- gathers ----------------------------------------------------------------------------

    @Override
    public void allGatherv(double[] send, int sendOff, double[] recv, int[] counts, int[] displs) {
        int n = total(counts, displs);
        DoubleBuffer s = dSend(counts[rank]);
        s.put(send, sendOff, counts[rank]);
        DoubleBuffer r = dRecv(n);
        try {
            comm.allGatherv(s, counts[rank], MPI.DOUBLE, r, counts, displs, MPI.DOUBLE);
        } catch (MPIException e) {
            throw failure("allGatherv", e);
        }
        for (int q = 0; q < size; q++) {
            r.position(displs[q]);
            r.get(recv, displs[q], counts[q]);
        }
    }

    @Override
    public void allGatherv(long[] send, int sendOff, long[] recv, int[] counts, int[] displs) {
        int n = total(counts, displs);
        LongBuffer s = lSend(counts[rank]);
        s.put(send, sendOff, counts[rank]);
        LongBuffer r = lRecv(n);
        try {
            comm.allGatherv(s, counts[rank], MPI.LONG, r, counts, displs, MPI.LONG);
        } catch (MPIException e) {
            throw failure("allGatherv", e);
        }
        for (int q = 0; q < size; q++) {
            r.position(displs[q]);
            r.get(recv, displs[q], counts[q]);
        }
    }

    @Override
    public void gatherv(double[] send, int sendOff, double[] recv, int[] counts, int[] displs, int root) {
        DoubleBuffer s = dSend(counts[rank]);
        s.put(send, sendOff, counts[rank]);
        DoubleBuffer r = dRecv(rank == root ? total(counts, displs) : 1);
        try {
            comm.gatherv(s, counts[rank], MPI.DOUBLE, r, counts, displs, MPI.DOUBLE, root);
        } catch (MPIException e) {
            throw failure("gatherv", e);
        }
        if (rank == root) {
            for (int q = 0; q < size; q++) {
                r.position(displs[q]);
                r.get(recv, displs[q], counts[q]);
            }
        }
    }

    @Override
    public void gatherv(long[] send, int sendOff, long[] recv, int[] counts, int[] displs, int root) {
        LongBuffer s = lSend(counts[rank]);
        s.put(send, sendOff, counts[rank]);
        LongBuffer r = lRecv(rank == root ? total(counts, displs) : 1);
        try {
            comm.gatherv(s, counts[rank], MPI.LONG, r, counts, displs, MPI.LONG, root);
        } catch (MPIException e) {
            throw failure("gatherv", e);
        }
        if (rank == root) {
            for (int q = 0; q < size; q++) {
                r.position(displs[q]);
                r.get(recv, displs[q], counts[q]);
            }
        }
    }

    @Override
    public void gatherv(byte[] send, int sendOff, byte[] recv, int[] counts, int[] displs, int root) {
        ByteBuffer s = bSend(counts[rank]);
        s.put(send, sendOff, counts[rank]);
        ByteBuffer r = bRecv(rank == root ? total(counts, displs) : 1);
        try {
            comm.gatherv(s, counts[rank], MPI.BYTE, r, counts, displs, MPI.BYTE, root);
        } catch (MPIException e) {
            throw failure("gatherv", e);
        }
        if (rank == root) {
            for (int q = 0; q < size; q++) {
                r.position(displs[q]);
                r.get(recv, displs[q], counts[q]);
            }
        }
    }

    @Override
    public int[] allGather(int value) {
        long[] all = allGather((long) value);
        int[] out = new int[size];
        for (int i = 0; i < size; i++) {
            out[i] = (int) all[i];
        }
        return out;
    }

    @Override
    public long[] allGather(long value) {
        LongBuffer s = lSend(1);
        s.put(0, value);
        LongBuffer r = lRecv(size);
        try {
            comm.allGather(s, 1, MPI.LONG, r, 1, MPI.LONG);
        } catch (MPIException e) {
            throw failure("allGather", e);
        }
        long[] out = new long[size];
        r.position(0);
        r.get(out);
        return out;
    }

    // ---- reductions -------------------------------------------------------------------------

    private static mpi.Op op(Op op) {
        return switch (op) {
            case SUM -> MPI.SUM;
            case MAX -> MPI.MAX;
            case MIN -> MPI.MIN;
        };
    }

    @Override
    public void reduce(long[] buf, int count, Op op, int root) {
        LongBuffer s = lSend(count);
        s.put(buf, 0, count);
        LongBuffer r = lRecv(count);
        try {
            comm.reduce(s, r, count, MPI.LONG, op(op), root);
        } catch (MPIException e) {
            throw failure("reduce", e);
        }
        if (rank == root) {
            r.position(0);
            r.get(buf, 0, count);
        }
    }

    @Override
    public void reduce(double[] buf, int count, Op op, int root) {
        DoubleBuffer s = dSend(count);
        s.put(buf, 0, count);
        DoubleBuffer r = dRecv(count);
        try {
            comm.reduce(s, r, count, MPI.DOUBLE, op(op), root);
        } catch (MPIException e) {
            throw failure("reduce", e);
        }
        if (rank == root) {
            r.position(0);
            r.get(buf, 0, count);
        }
    }

    @Override
    public void allReduce(long[] buf, int count, Op op) {
        LongBuffer s = lSend(count);
        s.put(buf, 0, count);
        LongBuffer r = lRecv(count);
        try {
            comm.allReduce(s, r, count, MPI.LONG, op(op));
        } catch (MPIException e) {
            throw failure("allReduce", e);
        }
        r.position(0);
        r.get(buf, 0, count);
    }

    @Override
    public void allReduce(double[] buf, int count, Op op) {
        DoubleBuffer s = dSend(count);
        s.put(buf, 0, count);
        DoubleBuffer r = dRecv(count);
        try {
            comm.allReduce(s, r, count, MPI.DOUBLE, op(op));
        } catch (MPIException e) {
            throw failure("allReduce", e);
        }
        r.position(0);
        r.get(buf, 0, count);
    }

    // ---- point to point ---------------------------------------------------------------------

    private static int src(int source) {
        return source == ANY_SOURCE ? MPI.ANY_SOURCE : source;
    }

    private static int tag(int tag) {
        return tag == ANY_TAG ? MPI.ANY_TAG : tag;
    }

    private static Received received(Status st, Datatype type) throws MPIException {
        return new Received(st.getSource(), st.getTag(), st.getCount(type));
    }

    @Override
    public int sendRecv(double[] send, int sendCount, int dest, double[] recv, int source, int tag) {
        DoubleBuffer s = dSend(sendCount);
        s.put(send, 0, sendCount);
        DoubleBuffer r = dRecv(recv.length);
        try {
            Status st = comm.sendRecv(s, sendCount, MPI.DOUBLE, dest, tag, r, recv.length, MPI.DOUBLE, source, tag);
            int n = st.getCount(MPI.DOUBLE);
            r.position(0);
            r.get(recv, 0, n);
            return n;
        } catch (MPIException e) {
            throw failure("sendRecv", e);
        }
    }

    @Override
    public int sendRecv(long[] send, int sendCount, int dest, long[] recv, int source, int tag) {
        LongBuffer s = lSend(sendCount);
        s.put(send, 0, sendCount);
        LongBuffer r = lRecv(recv.length);
        try {
            Status st = comm.sendRecv(s, sendCount, MPI.LONG, dest, tag, r, recv.length, MPI.LONG, source, tag);
            int n = st.getCount(MPI.LONG);
            r.position(0);
            r.get(recv, 0, n);
            return n;
        } catch (MPIException e) {
            throw failure("sendRecv", e);
        }
    }

    @Override
    public void send(byte[] buf, int count, int dest, int tag) {
        ByteBuffer s = bSend(count);
        s.put(buf, 0, count);
        try {
            comm.send(s, count, MPI.BYTE, dest, tag);
        } catch (MPIException e) {
            throw failure("send", e);
        }
    }

    @Override
    public void send(double[] buf, int count, int dest, int tag) {
        DoubleBuffer s = dSend(count);
        s.put(buf, 0, count);
        try {
            comm.send(s, count, MPI.DOUBLE, dest, tag);
        } catch (MPIException e) {
            throw failure("send", e);
        }
    }

    @Override
    public void send(long[] buf, int count, int dest, int tag) {
        LongBuffer s = lSend(count);
        s.put(buf, 0, count);
        try {
            comm.send(s, count, MPI.LONG, dest, tag);
        } catch (MPIException e) {
            throw failure("send", e);
        }
    }

    @Override
    public Received recv(byte[] buf, int source, int tag) {
        ByteBuffer r = bRecv(buf.length);
        try {
            Received got = received(comm.recv(r, buf.length, MPI.BYTE, src(source), tag(tag)), MPI.BYTE);
            r.position(0);
            r.get(buf, 0, got.count());
            return got;
        } catch (MPIException e) {
            throw failure("recv", e);
        }
    }

    @Override
    public Received recv(double[] buf, int source, int tag) {
        DoubleBuffer r = dRecv(buf.length);
        try {
            Received got = received(comm.recv(r, buf.length, MPI.DOUBLE, src(source), tag(tag)), MPI.DOUBLE);
            r.position(0);
            r.get(buf, 0, got.count());
            return got;
        } catch (MPIException e) {
            throw failure("recv", e);
        }
    }

    @Override
    public Received recv(long[] buf, int source, int tag) {
        LongBuffer r = lRecv(buf.length);
        try {
            Received got = received(comm.recv(r, buf.length, MPI.LONG, src(source), tag(tag)), MPI.LONG);
            r.position(0);
            r.get(buf, 0, got.count());
            return got;
        } catch (MPIException e) {
            throw failure("recv", e);
        }
    }

    @Override
    public Received probeBytes(int source, int tag) {
        try {
            return received(comm.probe(src(source), tag(tag)), MPI.BYTE);
        } catch (MPIException e) {
            throw failure("probe", e);
        }
    }

    @Override
    public Received iprobeBytes(int source, int tag) {
        try {
            Status st = comm.iProbe(src(source), tag(tag));
            return st == null ? null : received(st, MPI.BYTE);
        } catch (MPIException e) {
            throw failure("iProbe", e);
        }
    }

    // ---- zero copy on the caller's direct buffers --------------------------------------------

    @Override
    public void bcast(DoubleBuffer buf, int count, int root) {
        Comm.checkDirect(buf, count, "bcast");
        try {
            comm.bcast(buf, count, MPI.DOUBLE, root);
        } catch (MPIException e) {
            throw failure("bcast", e);
        }
    }

    @Override
    public void allGatherv(DoubleBuffer send, int sendCount, DoubleBuffer recv, int[] counts, int[] displs) {
        Comm.checkDirect(send, sendCount, "allGatherv");
        Comm.checkDirect(recv, total(counts, displs), "allGatherv");
        try {
            comm.allGatherv(send, sendCount, MPI.DOUBLE, recv, counts, displs, MPI.DOUBLE);
        } catch (MPIException e) {
            throw failure("allGatherv", e);
        }
    }

    @Override
    public void reduce(DoubleBuffer send, DoubleBuffer recv, int count, Op op, int root) {
        Comm.checkDirect(send, count, "reduce");
        Comm.checkDirect(recv, rank == root ? count : 0, "reduce");
        try {
            comm.reduce(send, recv, count, MPI.DOUBLE, op(op), root);
        } catch (MPIException e) {
            throw failure("reduce", e);
        }
    }

    @Override
    public int sendRecv(
            DoubleBuffer send, int sendCount, int dest, DoubleBuffer recv, int recvCapacity, int source, int tag) {
        Comm.checkDirect(send, sendCount, "sendRecv");
        Comm.checkDirect(recv, recvCapacity, "sendRecv");
        try {
            return comm.sendRecv(send, sendCount, MPI.DOUBLE, dest, tag, recv, recvCapacity, MPI.DOUBLE, source, tag)
                    .getCount(MPI.DOUBLE);
        } catch (MPIException e) {
            throw failure("sendRecv", e);
        }
    }

    // ---- error protocol ---------------------------------------------------------------------

    @Override
    public void agree(String errorOrNull) {
        long failing = allReduce(errorOrNull == null ? Long.MAX_VALUE : rank, Op.MIN);
        if (failing == Long.MAX_VALUE) {
            return;
        }
        String msg = bcastString(errorOrNull == null ? "" : errorOrNull, (int) failing);
        throw new Spmd.AgreedError(msg);
    }

    @Override
    public void abort(int code) {
        try {
            comm.abort(code);
        } catch (MPIException e) {
            // Abort itself failed: nothing collective can be trusted any more.
            Runtime.getRuntime().halt(code);
        }
        Runtime.getRuntime().halt(code);
    }
}
