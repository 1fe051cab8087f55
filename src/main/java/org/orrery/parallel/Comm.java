package org.orrery.parallel;

import java.nio.ByteOrder;
import java.nio.DoubleBuffer;

/**
 * The communicator every Orrery program is written against: the only view of MPI that physics-free application code
 * sees. Implementations: {@code MpiComm} (Open MPI's Java bindings, {@code mpi.jar}; compiled only when they are
 * present), {@link NativeComm} (the native shim {@code liborrery_mpi}, for every MPI) and {@link SerialComm} (size 1,
 * for unit tests and singleton runs of pure code). {@link MpiBackends} chooses and starts the MPI one.
 *
 * <p>Conventions. Buffers are primitive arrays with explicit offsets and counts. Every method marked
 * <em>collective</em> must be called by every rank of the communicator in the same order; never call one inside
 * {@code if (rank == 0)}. Methods that take {@code root} return or fill results on the root only unless stated.
 * Floating-point reductions ({@link #allReduce}) are <em>not</em> bitwise reproducible across rank counts (the
 * summation order depends on the decomposition); programs whose results must be identical at any np gather values and
 * combine them in a fixed order instead, or reduce exact integers.
 */
public interface Comm {

    /** Reduction operators. */
    enum Op {
        SUM,
        MAX,
        MIN
    }

    /** What {@link #recv} received: from whom, with what tag, how many elements. */
    record Received(int source, int tag, int count) {}

    /** Wildcards for {@link #recv}. */
    int ANY_SOURCE = -1;

    int ANY_TAG = -1;

    int rank();

    int size();

    default boolean isRoot() {
        return rank() == 0;
    }

    /** Wall clock in seconds (MPI_Wtime under MPI). */
    double wtime();

    /** Host name of this rank's processor. */
    String processorName();

    /** Version of the MPI library underneath ("serial" for {@link SerialComm}). */
    default String libraryVersion() {
        return "serial (no MPI)";
    }

    /** Which backend carries the messages, e.g. {@code shim (liborrery_mpi, MPICH 4.0.2)}. */
    default String backendName() {
        return "serial (no MPI)";
    }

    /** collective */
    void barrier();

    /** collective: broadcast {@code buf[off, off+count)} from root. */
    void bcast(double[] buf, int off, int count, int root);

    /** collective */
    void bcast(long[] buf, int off, int count, int root);

    /** collective */
    void bcast(int[] buf, int off, int count, int root);

    /** collective */
    void bcast(byte[] buf, int off, int count, int root);

    /** collective: broadcast a string (length first, then UTF-8 bytes); returns root's value on every rank. */
    String bcastString(String s, int root);

    /** collective: a long value from root, returned on every rank. */
    default long bcastLong(long v, int root) {
        long[] b = {v};
        bcast(b, 0, 1, root);
        return b[0];
    }

    /**
     * collective: every rank contributes {@code send[sendOff, sendOff+counts[rank])}; on return {@code recv[displs[r],
     * displs[r]+counts[r])} holds rank r's block on every rank. Implemented with direct buffers (Open MPI's Java
     * allGatherv on heap arrays corrupts memory).
     */
    void allGatherv(double[] send, int sendOff, double[] recv, int[] counts, int[] displs);

    /** collective: as {@link #allGatherv(double[], int, double[], int[], int[])} for longs. */
    void allGatherv(long[] send, int sendOff, long[] recv, int[] counts, int[] displs);

    /** collective: each rank sends {@code counts[rank]} doubles; root receives them at {@code displs}. */
    void gatherv(double[] send, int sendOff, double[] recv, int[] counts, int[] displs, int root);

    /** collective: as gatherv for longs. */
    void gatherv(long[] send, int sendOff, long[] recv, int[] counts, int[] displs, int root);

    /** collective: as gatherv for bytes. */
    void gatherv(byte[] send, int sendOff, byte[] recv, int[] counts, int[] displs, int root);

    /**
     * What {@link #gatherVariable} leaves on the root: every rank's block concatenated in rank order, with each block's
     * length and offset (empty arrays on the other ranks' data).
     */
    record Gathered<T>(T data, int[] counts, int[] displs) {}

    private static int[] offsets(int[] counts) {
        int[] displs = new int[counts.length];
        for (int r = 1; r < counts.length; r++) {
            displs[r] = Math.addExact(displs[r - 1], counts[r - 1]);
        }
        return displs;
    }

    /** collective: blocks of different lengths onto root — counts first (allGather), then gatherv. */
    default Gathered<byte[]> gatherVariable(byte[] mine, int root) {
        int[] counts = allGather(mine.length); // collective
        int[] displs = offsets(counts);
        int total = displs[counts.length - 1] + counts[counts.length - 1];
        byte[] all = new byte[rank() == root ? total : 0];
        gatherv(mine, 0, all, counts, displs, root); // collective
        return new Gathered<>(all, counts, displs);
    }

    /** collective: as {@link #gatherVariable(byte[], int)} for doubles. */
    default Gathered<double[]> gatherVariable(double[] mine, int root) {
        int[] counts = allGather(mine.length); // collective
        int[] displs = offsets(counts);
        int total = displs[counts.length - 1] + counts[counts.length - 1];
        double[] all = new double[rank() == root ? total : 0];
        gatherv(mine, 0, all, counts, displs, root); // collective
        return new Gathered<>(all, counts, displs);
    }

    /** collective: one int from each rank, returned on every rank in rank order. */
    int[] allGather(int value);

    /** collective: one long from each rank, returned on every rank in rank order. */
    long[] allGather(long value);

    /** collective: element-wise reduction of {@code buf[0, count)} onto root (in place on root; others unchanged). */
    void reduce(long[] buf, int count, Op op, int root);

    /** collective: element-wise reduction onto root (in place on root). Not reproducible across np for SUM. */
    void reduce(double[] buf, int count, Op op, int root);

    /** collective: element-wise reduction, result on every rank (in place). */
    void allReduce(long[] buf, int count, Op op);

    /** collective: element-wise reduction, result on every rank (in place). Not reproducible across np for SUM. */
    void allReduce(double[] buf, int count, Op op);

    /** collective helper: a single long reduced on every rank. */
    default long allReduce(long v, Op op) {
        long[] b = {v};
        allReduce(b, 1, op);
        return b[0];
    }

    /** collective helper: a single double reduced on every rank. */
    default double allReduce(double v, Op op) {
        double[] b = {v};
        allReduce(b, 1, op);
        return b[0];
    }

    /**
     * Point-to-point exchange: send {@code send[0, sendCount)} to {@code dest} and receive up to {@code recv.length}
     * doubles from {@code source} at the same time. Returns the number received. Send counts first (e.g. with the long
     * overload) when the receiver cannot know the size.
     */
    int sendRecv(double[] send, int sendCount, int dest, double[] recv, int source, int tag);

    /** Point-to-point exchange of longs; returns the number received. */
    int sendRecv(long[] send, int sendCount, int dest, long[] recv, int source, int tag);

    /** Blocking send of {@code buf[0, count)}. */
    void send(byte[] buf, int count, int dest, int tag);

    /** Blocking send of {@code buf[0, count)}. */
    void send(double[] buf, int count, int dest, int tag);

    /** Blocking send of {@code buf[0, count)}. */
    void send(long[] buf, int count, int dest, int tag);

    /** Blocking receive into {@code buf} (capacity {@code buf.length}); source/tag may be wildcards. */
    Received recv(byte[] buf, int source, int tag);

    /** Blocking receive into {@code buf}. */
    Received recv(double[] buf, int source, int tag);

    /** Blocking receive into {@code buf}. */
    Received recv(long[] buf, int source, int tag);

    /** Blocking probe for a byte message: tells source, tag and count before receiving. */
    Received probeBytes(int source, int tag);

    /**
     * Non-blocking probe for a byte message: source, tag and count of a matching pending message, or {@code null} when
     * none has arrived. Lets a coordinator poll (and sleep between polls) instead of spinning a core inside a blocking
     * receive.
     */
    Received iprobeBytes(int source, int tag);

    /**
     * collective: agree on success. Every rank passes {@code null} (fine) or an error message. If any rank failed,
     * every rank throws {@link Spmd.AgreedError} carrying the message of the lowest failing rank, so the whole job
     * stops cleanly and together.
     */
    void agree(String errorOrNull);

    /** Ends the whole job at once (every rank) with the given exit code. Never returns. */
    void abort(int code);

    // ---- zero-copy variants on direct buffers ------------------------------------------------
    // Buffers must be direct and in native byte order; transfers start at index 0 whatever the
    // buffer's position (as MPI's C API sees the memory), and the position is left unchanged. The
    // MPI backends hand the buffer's memory to MPI; these defaults (used by SerialComm) copy
    // through the array methods.

    /** Throws unless {@code b} can go to MPI as it is: direct, native byte order, {@code need} elements. */
    static void checkDirect(DoubleBuffer b, int need, String what) {
        if (!b.isDirect() || b.order() != ByteOrder.nativeOrder()) {
            throw new IllegalArgumentException(what + ": the buffer must be direct and in native byte order");
        }
        if (need < 0 || need > b.capacity()) {
            throw new IllegalArgumentException(
                    what + ": " + need + " elements needed, the buffer holds " + b.capacity());
        }
    }

    /** collective: broadcast {@code buf[0, count)} from root. */
    default void bcast(DoubleBuffer buf, int count, int root) {
        checkDirect(buf, count, "bcast");
        double[] a = new double[count];
        buf.get(0, a, 0, count);
        bcast(a, 0, count, root);
        buf.put(0, a, 0, count);
    }

    /** collective: {@link #allGatherv(double[], int, double[], int[], int[])} on direct buffers. */
    default void allGatherv(DoubleBuffer send, int sendCount, DoubleBuffer recv, int[] counts, int[] displs) {
        int n = 0;
        for (int r = 0; r < size(); r++) {
            n = Math.max(n, displs[r] + counts[r]);
        }
        checkDirect(send, sendCount, "allGatherv");
        checkDirect(recv, n, "allGatherv");
        double[] s = new double[sendCount];
        send.get(0, s, 0, sendCount);
        double[] r = new double[n];
        allGatherv(s, 0, r, counts, displs);
        recv.put(0, r, 0, n);
    }

    /**
     * collective: element-wise reduction of {@code send[0, count)} into {@code recv} on root (recv, direct on every
     * rank, is written on root only).
     */
    default void reduce(DoubleBuffer send, DoubleBuffer recv, int count, Op op, int root) {
        checkDirect(send, count, "reduce");
        double[] a = new double[count];
        send.get(0, a, 0, count);
        reduce(a, count, op, root);
        if (rank() == root) {
            checkDirect(recv, count, "reduce");
            recv.put(0, a, 0, count);
        }
    }

    /**
     * collective: element-wise reduction of {@code send[0, count)} into {@code recv} on every rank (direct buffers).
     */
    default void allReduce(DoubleBuffer send, DoubleBuffer recv, int count, Op op) {
        checkDirect(send, count, "allReduce");
        checkDirect(recv, count, "allReduce");
        double[] a = new double[count];
        send.get(0, a, 0, count);
        allReduce(a, count, op);
        recv.put(0, a, 0, count);
    }

    /**
     * Point-to-point exchange on direct buffers: sends {@code send[0, sendCount)} to {@code dest}, receives up to
     * {@code recvCapacity} doubles from {@code source}; returns the number received.
     */
    default int sendRecv(
            DoubleBuffer send, int sendCount, int dest, DoubleBuffer recv, int recvCapacity, int source, int tag) {
        checkDirect(send, sendCount, "sendRecv");
        checkDirect(recv, recvCapacity, "sendRecv");
        double[] s = new double[sendCount];
        send.get(0, s, 0, sendCount);
        double[] r = new double[recvCapacity];
        int n = sendRecv(s, sendCount, dest, r, source, tag);
        recv.put(0, r, 0, n);
        return n;
    }
}
