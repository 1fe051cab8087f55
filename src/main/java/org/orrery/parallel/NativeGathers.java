package org.orrery.parallel;

import java.nio.DoubleBuffer;

/**
 * The gathers of {@link NativeComm} (allGatherv, gatherv, allGather) through the shim: arrays are copied into
 * {@link ShimMemory}'s scratch buffers and back per rank block ({@code [displs[q], displs[q] + counts[q])}, so gaps
 * between blocks in {@code recv} are left untouched), direct buffers go to MPI as they are; counts and displacements
 * reach the shim as native ints. Not thread-safe (MPI_THREAD_FUNNELED).
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

    private static int extent(int[] counts, int[] displs, int p) {
        int t = 0;
        for (int r = 0; r < p; r++) {
            t = Math.max(t, Math.addExact(displs[r], counts[r]));
        }
        return t;
    }

    void allGatherv(double[] send, int sendOff, double[] recv, int[] counts, int[] displs) {
        int n = extent(counts, displs, size);
        DirectScratch s = m.out.fit(counts[rank], 8);
        s.doubles.put(0, send, sendOff, counts[rank]);
        DirectScratch r = m.in.fit(n, 8);
        long cd = m.countsAt(counts, displs, size);
        NativeMpi.allgatherv(
                m.outAt(), m.outBytes(), counts[rank], m.inAt(), m.inBytes(), cd, m.countsBytes(), NativeMpi.DOUBLE);
        for (int q = 0; q < size; q++) {
            r.doubles.get(displs[q], recv, displs[q], counts[q]);
        }
    }

    void allGatherv(long[] send, int sendOff, long[] recv, int[] counts, int[] displs) {
        int n = extent(counts, displs, size);
        DirectScratch s = m.out.fit(counts[rank], 8);
        s.longs.put(0, send, sendOff, counts[rank]);
        DirectScratch r = m.in.fit(n, 8);
        long cd = m.countsAt(counts, displs, size);
        NativeMpi.allgatherv(
                m.outAt(), m.outBytes(), counts[rank], m.inAt(), m.inBytes(), cd, m.countsBytes(), NativeMpi.LONG);
        for (int q = 0; q < size; q++) {
            r.longs.get(displs[q], recv, displs[q], counts[q]);
        }
    }

    void allGatherv(DoubleBuffer send, int sendCount, DoubleBuffer recv, int[] counts, int[] displs) {
        Comm.checkDirect(send, sendCount, "allGatherv");
        Comm.checkDirect(recv, extent(counts, displs, size), "allGatherv");
        long cd = m.countsAt(counts, displs, size);
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
        DirectScratch s = m.out.fit(counts[rank], 8);
        s.doubles.put(0, send, sendOff, counts[rank]);
        DirectScratch r = m.in.fit(rank == root ? extent(counts, displs, size) : 0, 8);
        long cd = rank == root ? m.countsAt(counts, displs, size) : 0;
        NativeMpi.gatherv(
                m.outAt(),
                m.outBytes(),
                counts[rank],
                m.inAt(),
                m.inBytes(),
                cd,
                m.countsBytes(),
                NativeMpi.DOUBLE,
                root);
        if (rank == root) {
            for (int q = 0; q < size; q++) {
                r.doubles.get(displs[q], recv, displs[q], counts[q]);
            }
        }
    }

    void gatherv(long[] send, int sendOff, long[] recv, int[] counts, int[] displs, int root) {
        DirectScratch s = m.out.fit(counts[rank], 8);
        s.longs.put(0, send, sendOff, counts[rank]);
        DirectScratch r = m.in.fit(rank == root ? extent(counts, displs, size) : 0, 8);
        long cd = rank == root ? m.countsAt(counts, displs, size) : 0;
        NativeMpi.gatherv(
                m.outAt(),
                m.outBytes(),
                counts[rank],
                m.inAt(),
                m.inBytes(),
                cd,
                m.countsBytes(),
                NativeMpi.LONG,
                root);
        if (rank == root) {
            for (int q = 0; q < size; q++) {
                r.longs.get(displs[q], recv, displs[q], counts[q]);
            }
        }
    }

    void gatherv(byte[] send, int sendOff, byte[] recv, int[] counts, int[] displs, int root) {
        DirectScratch s = m.out.fit(counts[rank], 1);
        s.bytes.put(0, send, sendOff, counts[rank]);
        DirectScratch r = m.in.fit(rank == root ? extent(counts, displs, size) : 0, 1);
        long cd = rank == root ? m.countsAt(counts, displs, size) : 0;
        NativeMpi.gatherv(
                m.outAt(),
                m.outBytes(),
                counts[rank],
                m.inAt(),
                m.inBytes(),
                cd,
                m.countsBytes(),
                NativeMpi.BYTE,
                root);
        if (rank == root) {
            for (int q = 0; q < size; q++) {
                r.bytes.get(displs[q], recv, displs[q], counts[q]);
            }
        }
    }

    int[] allGather(int value) {
        DirectScratch s = m.out.fit(1, 4);
        s.ints.put(0, value);
        DirectScratch r = m.in.fit(size, 4);
        NativeMpi.allgather(m.outAt(), m.outBytes(), m.inAt(), m.inBytes(), 1, NativeMpi.INT);
        int[] all = new int[size];
        r.ints.get(0, all, 0, size);
        return all;
    }

    long[] allGather(long value) {
        DirectScratch s = m.out.fit(1, 8);
        s.longs.put(0, value);
        DirectScratch r = m.in.fit(size, 8);
        NativeMpi.allgather(m.outAt(), m.outBytes(), m.inAt(), m.inBytes(), 1, NativeMpi.LONG);
        long[] all = new long[size];
        r.longs.get(0, all, 0, size);
        return all;
    }
}
