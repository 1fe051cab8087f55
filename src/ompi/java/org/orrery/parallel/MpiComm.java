package org.orrery.parallel;

import java.nio.ByteBuffer;
import java.nio.DoubleBuffer;
import java.nio.LongBuffer;
import java.nio.charset.StandardCharsets;
import mpi.Intracomm;
import mpi.MPI;
import mpi.MPIException;

/**
 * {@link Comm} over a real {@code mpi.Intracomm} (Open MPI Java bindings): the environment, broadcasts and the error
 * protocol here; gathers and reductions in {@link MpiCollectives}, point-to-point in {@link MpiMessages}, the scratch
 * direct buffers of the array methods in {@link OmpiScratch}. These and {@link OmpiBackend} are the only classes in
 * Orrery that import {@code mpi.*}; they live in {@code src/ompi/java}, compiled only when Maven is given
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
 *       Nothing checks {@code count} against a direct buffer's capacity: {@link OmpiScratch} sizes the scratch buffers.
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

    private final OmpiScratch scratch = new OmpiScratch();
    private final MpiCollectives collectives;
    private final MpiMessages messages;

    public MpiComm(Intracomm comm) {
        try {
            this.comm = comm;
            comm.setErrhandler(MPI.ERRORS_RETURN);
            this.rank = comm.getRank();
            this.size = comm.getSize();
        } catch (MPIException e) {
            throw failure("communicator setup", e);
        }
        this.collectives = new MpiCollectives(comm, rank, size, scratch);
        this.messages = new MpiMessages(comm, scratch);
    }

    /** An MPI call reported an error; fatal for the job. */
    static MpiFailure failure(String what, MPIException e) {
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

    // ---- broadcast --------------------------------------------------------------------------

    @Override
    public void bcast(double[] buf, int off, int count, int root) {
        DoubleBuffer b = scratch.dSend(count);
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
        LongBuffer b = scratch.lSend(count);
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
        ByteBuffer b = scratch.bSend(count);
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

    // ---- gathers, reductions (MpiCollectives) and point to point (MpiMessages) -------------

    @Override
    public void allGatherv(double[] send, int sendOff, double[] recv, int[] counts, int[] displs) {
        collectives.allGatherv(send, sendOff, recv, counts, displs);
    }

    @Override
    public void allGatherv(long[] send, int sendOff, long[] recv, int[] counts, int[] displs) {
        collectives.allGatherv(send, sendOff, recv, counts, displs);
    }

    @Override
    public void allGatherv(DoubleBuffer send, int sendCount, DoubleBuffer recv, int[] counts, int[] displs) {
        collectives.allGatherv(send, sendCount, recv, counts, displs);
    }

    @Override
    public void gatherv(double[] send, int sendOff, double[] recv, int[] counts, int[] displs, int root) {
        collectives.gatherv(send, sendOff, recv, counts, displs, root);
    }

    @Override
    public void gatherv(long[] send, int sendOff, long[] recv, int[] counts, int[] displs, int root) {
        collectives.gatherv(send, sendOff, recv, counts, displs, root);
    }

    @Override
    public void gatherv(byte[] send, int sendOff, byte[] recv, int[] counts, int[] displs, int root) {
        collectives.gatherv(send, sendOff, recv, counts, displs, root);
    }

    @Override
    public int[] allGather(int value) {
        return collectives.allGather(value);
    }

    @Override
    public long[] allGather(long value) {
        return collectives.allGather(value);
    }

    @Override
    public void reduce(long[] buf, int count, Op op, int root) {
        collectives.reduce(buf, count, op, root);
    }

    @Override
    public void reduce(double[] buf, int count, Op op, int root) {
        collectives.reduce(buf, count, op, root);
    }

    @Override
    public void allReduce(long[] buf, int count, Op op) {
        collectives.allReduce(buf, count, op);
    }

    @Override
    public void allReduce(double[] buf, int count, Op op) {
        collectives.allReduce(buf, count, op);
    }

    @Override
    public void allReduce(DoubleBuffer send, DoubleBuffer recv, int count, Op op) {
        collectives.allReduce(send, recv, count, op);
    }

    @Override
    public void reduce(DoubleBuffer send, DoubleBuffer recv, int count, Op op, int root) {
        collectives.reduce(send, recv, count, op, root);
    }

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
