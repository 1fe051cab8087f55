package org.orrery.parallel;

import java.nio.DoubleBuffer;

/**
 * The gathers of {@link NativeComm} (allGatherv, gatherv, allGather) through the shim: arrays are copied into
 * {@link ShimMemory}'s scratch buffers and back per rank block ({@code [displs[q], displs[q] + counts[q])}, so gaps
 * between blocks in {@code recv} are left untouched), direct buffers go to MPI as they are; counts and displacements
 * reach the shim as native ints ({@link ShimMemory#countsAt}, copied only when they change). The typed overloads only
 * copy their own element type in and out; the call itself is one shared method per collective ({@link #allGathervOut},
 * {@link #gathervOut}), a static call the JIT inlines, so sharing costs nothing per call. Not thread-safe
 * (MPI_THREAD_FUNNELED).
 */
final class NativeGathers {
    private final int rank;
    private final int size;
    private final ShimMemory m;

    NativeGathers(int rank, int size, ShimMemory m) {
        this.rank = rank;
        this.size = size;
        this.m = m;
    }

    /**
     * MPI_Allgatherv of the {@code counts[rank]} elements of {@code width} bytes the caller put in {@code m.out};
     * returns the scratch buffer holding the gathered blocks at their displacements.
     */
    private DirectScratch allGathervOut(int[] counts, int[] displs, int width, int type) {
        long cd = m.countsAt(counts, displs, size);
        DirectScratch r = m.in.fit(m.extent(), width);
        NativeMpi.allgatherv(m.outAt(), m.outBytes(), counts[rank], m.inAt(), m.inBytes(), cd, m.countsBytes(), type);
        return r;
    }

    /**
     * MPI_Gatherv onto {@code root} of the {@code counts[rank]} elements the caller put in {@code m.out}; returns the
     * scratch buffer holding the gathered blocks on root, null elsewhere.
     */
    private DirectScratch gathervOut(int[] counts, int[] displs, int width, int type, int root) {
        boolean isRoot = rank == root;
        long cd = isRoot ? m.countsAt(counts, displs, size) : 0;
        DirectScratch r = m.in.fit(isRoot ? m.extent() : 0, width);
        NativeMpi.gatherv(
                m.outAt(), m.outBytes(), counts[rank], m.inAt(), m.inBytes(), cd, m.countsBytes(), type, root);
        return isRoot ? r : null;
    }

    void allGatherv(double[] send, int sendOff, double[] recv, int[] counts, int[] displs) {
        m.out.fit(counts[rank], 8).doubles.put(0, send, sendOff, counts[rank]);
        DirectScratch r = allGathervOut(counts, displs, 8, NativeMpi.DOUBLE);
        for (int q = 0; q < size; q++) {
            r.doubles.get(displs[q], recv, displs[q], counts[q]);
        }
    }

    void allGatherv(long[] send, int sendOff, long[] recv, int[] counts, int[] displs) {
        m.out.fit(counts[rank], 8).longs.put(0, send, sendOff, counts[rank]);
        DirectScratch r = allGathervOut(counts, displs, 8, NativeMpi.LONG);
        for (int q = 0; q < size; q++) {
            r.longs.get(displs[q], recv, displs[q], counts[q]);
        }
    }

    void allGatherv(DoubleBuffer send, int sendCount, DoubleBuffer recv, int[] counts, int[] displs) {
        long cd = m.countsAt(counts, displs, size);
        Comm.checkDirect(send, sendCount, "allGatherv");
        Comm.checkDirect(recv, m.extent(), "allGatherv");
        NativeMpi.allgatherv(
                m.sendAt(send),
                ShimMemory.bytes(send),
                sendCount,
                m.recvAt(recv),
                ShimMemory.bytes(recv),
                cd,
                m.countsBytes(),
                NativeMpi.DOUBLE);
    }

    void gatherv(double[] send, int sendOff, double[] recv, int[] counts, int[] displs, int root) {
        m.out.fit(counts[rank], 8).doubles.put(0, send, sendOff, counts[rank]);
        DirectScratch r = gathervOut(counts, displs, 8, NativeMpi.DOUBLE, root);
        for (int q = 0; r != null && q < size; q++) {
            r.doubles.get(displs[q], recv, displs[q], counts[q]);
        }
    }

    void gatherv(long[] send, int sendOff, long[] recv, int[] counts, int[] displs, int root) {
        m.out.fit(counts[rank], 8).longs.put(0, send, sendOff, counts[rank]);
        DirectScratch r = gathervOut(counts, displs, 8, NativeMpi.LONG, root);
        for (int q = 0; r != null && q < size; q++) {
            r.longs.get(displs[q], recv, displs[q], counts[q]);
        }
    }

    void gatherv(byte[] send, int sendOff, byte[] recv, int[] counts, int[] displs, int root) {
        m.out.fit(counts[rank], 1).bytes.put(0, send, sendOff, counts[rank]);
        DirectScratch r = gathervOut(counts, displs, 1, NativeMpi.BYTE, root);
        for (int q = 0; r != null && q < size; q++) {
            r.bytes.get(displs[q], recv, displs[q], counts[q]);
        }
    }

    int[] allGather(int value) {
        m.out.fit(1, 4).ints.put(0, value);
        DirectScratch r = m.in.fit(size, 4);
        NativeMpi.allgather(m.outAt(), m.outBytes(), m.inAt(), m.inBytes(), 1, NativeMpi.INT);
        int[] all = new int[size];
        r.ints.get(0, all, 0, size);
        return all;
    }

    long[] allGather(long value) {
        m.out.fit(1, 8).longs.put(0, value);
        DirectScratch r = m.in.fit(size, 8);
        NativeMpi.allgather(m.outAt(), m.outBytes(), m.inAt(), m.inBytes(), 1, NativeMpi.LONG);
        long[] all = new long[size];
        r.longs.get(0, all, 0, size);
        return all;
    }
}
