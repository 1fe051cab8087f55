package org.orrery.parallel;

import java.nio.ByteBuffer;
import java.nio.DoubleBuffer;
import java.nio.LongBuffer;
import mpi.Intracomm;
import mpi.MPI;
import mpi.MPIException;

/**
 * The gathers (allGatherv, gatherv, allGather) and reductions (reduce, allReduce: SUM/MAX/MIN on {@code MPI.LONG} and
 * {@code MPI.DOUBLE}) of {@link MpiComm} over Open MPI's Java bindings. Arrays travel through {@link OmpiScratch}'s
 * direct buffers (the bindings' array path corrupts the heap in the v-collectives); the direct-buffer methods hand the
 * caller's buffers to MPI as they are. Gathered results are copied back per rank block ({@code [displs[q], displs[q] +
 * counts[q])}), so gaps between blocks in {@code recv} are left untouched. Not thread-safe (MPI_THREAD_FUNNELED).
 */
final class MpiCollectives {
    private final Intracomm comm;
    private final int rank;
    private final int size;
    private final OmpiScratch scratch;

    MpiCollectives(Intracomm comm, int rank, int size, OmpiScratch scratch) {
        this.comm = comm;
        this.rank = rank;
        this.size = size;
        this.scratch = scratch;
    }

    void allGatherv(double[] send, int sendOff, double[] recv, int[] counts, int[] displs) {
        int n = OmpiScratch.total(counts, displs);
        DoubleBuffer s = scratch.dSend(counts[rank]);
        s.put(send, sendOff, counts[rank]);
        DoubleBuffer r = scratch.dRecv(n);
        try {
            comm.allGatherv(s, counts[rank], MPI.DOUBLE, r, counts, displs, MPI.DOUBLE);
        } catch (MPIException e) {
            throw MpiComm.failure("allGatherv", e);
        }
        for (int q = 0; q < size; q++) {
            r.position(displs[q]);
            r.get(recv, displs[q], counts[q]);
        }
    }

    void allGatherv(long[] send, int sendOff, long[] recv, int[] counts, int[] displs) {
        int n = OmpiScratch.total(counts, displs);
        LongBuffer s = scratch.lSend(counts[rank]);
        s.put(send, sendOff, counts[rank]);
        LongBuffer r = scratch.lRecv(n);
        try {
            comm.allGatherv(s, counts[rank], MPI.LONG, r, counts, displs, MPI.LONG);
        } catch (MPIException e) {
            throw MpiComm.failure("allGatherv", e);
        }
        for (int q = 0; q < size; q++) {
            r.position(displs[q]);
            r.get(recv, displs[q], counts[q]);
        }
    }

    void allGatherv(DoubleBuffer send, int sendCount, DoubleBuffer recv, int[] counts, int[] displs) {
        Comm.checkDirect(send, sendCount, "allGatherv");
        Comm.checkDirect(recv, OmpiScratch.total(counts, displs), "allGatherv");
        try {
            comm.allGatherv(send, sendCount, MPI.DOUBLE, recv, counts, displs, MPI.DOUBLE);
        } catch (MPIException e) {
            throw MpiComm.failure("allGatherv", e);
        }
    }

    void gatherv(double[] send, int sendOff, double[] recv, int[] counts, int[] displs, int root) {
        DoubleBuffer s = scratch.dSend(counts[rank]);
        s.put(send, sendOff, counts[rank]);
        DoubleBuffer r = scratch.dRecv(rank == root ? OmpiScratch.total(counts, displs) : 1);
        try {
            comm.gatherv(s, counts[rank], MPI.DOUBLE, r, counts, displs, MPI.DOUBLE, root);
        } catch (MPIException e) {
            throw MpiComm.failure("gatherv", e);
        }
        if (rank == root) {
            for (int q = 0; q < size; q++) {
                r.position(displs[q]);
                r.get(recv, displs[q], counts[q]);
            }
        }
    }

    void gatherv(long[] send, int sendOff, long[] recv, int[] counts, int[] displs, int root) {
        LongBuffer s = scratch.lSend(counts[rank]);
        s.put(send, sendOff, counts[rank]);
        LongBuffer r = scratch.lRecv(rank == root ? OmpiScratch.total(counts, displs) : 1);
        try {
            comm.gatherv(s, counts[rank], MPI.LONG, r, counts, displs, MPI.LONG, root);
        } catch (MPIException e) {
            throw MpiComm.failure("gatherv", e);
        }
        if (rank == root) {
            for (int q = 0; q < size; q++) {
                r.position(displs[q]);
                r.get(recv, displs[q], counts[q]);
            }
        }
    }

    void gatherv(byte[] send, int sendOff, byte[] recv, int[] counts, int[] displs, int root) {
        ByteBuffer s = scratch.bSend(counts[rank]);
        s.put(send, sendOff, counts[rank]);
        ByteBuffer r = scratch.bRecv(rank == root ? OmpiScratch.total(counts, displs) : 1);
        try {
            comm.gatherv(s, counts[rank], MPI.BYTE, r, counts, displs, MPI.BYTE, root);
        } catch (MPIException e) {
            throw MpiComm.failure("gatherv", e);
        }
        if (rank == root) {
            for (int q = 0; q < size; q++) {
                r.position(displs[q]);
                r.get(recv, displs[q], counts[q]);
            }
        }
    }

    int[] allGather(int value) {
        long[] all = allGather((long) value);
        int[] out = new int[size];
        for (int i = 0; i < size; i++) {
            out[i] = (int) all[i];
        }
        return out;
    }

    long[] allGather(long value) {
        LongBuffer s = scratch.lSend(1);
        s.put(0, value);
        LongBuffer r = scratch.lRecv(size);
        try {
            comm.allGather(s, 1, MPI.LONG, r, 1, MPI.LONG);
        } catch (MPIException e) {
            throw MpiComm.failure("allGather", e);
        }
        long[] out = new long[size];
        r.position(0);
        r.get(out);
        return out;
    }

    private static mpi.Op op(Comm.Op op) {
        return switch (op) {
            case SUM -> MPI.SUM;
            case MAX -> MPI.MAX;
            case MIN -> MPI.MIN;
        };
    }

    void reduce(long[] buf, int count, Comm.Op op, int root) {
        LongBuffer s = scratch.lSend(count);
        s.put(buf, 0, count);
        LongBuffer r = scratch.lRecv(count);
        try {
            comm.reduce(s, r, count, MPI.LONG, op(op), root);
        } catch (MPIException e) {
            throw MpiComm.failure("reduce", e);
        }
        if (rank == root) {
            r.position(0);
            r.get(buf, 0, count);
        }
    }

    void reduce(double[] buf, int count, Comm.Op op, int root) {
        DoubleBuffer s = scratch.dSend(count);
        s.put(buf, 0, count);
        DoubleBuffer r = scratch.dRecv(count);
        try {
            comm.reduce(s, r, count, MPI.DOUBLE, op(op), root);
        } catch (MPIException e) {
            throw MpiComm.failure("reduce", e);
        }
        if (rank == root) {
            r.position(0);
            r.get(buf, 0, count);
        }
    }

    void allReduce(long[] buf, int count, Comm.Op op) {
        LongBuffer s = scratch.lSend(count);
        s.put(buf, 0, count);
        LongBuffer r = scratch.lRecv(count);
        try {
            comm.allReduce(s, r, count, MPI.LONG, op(op));
        } catch (MPIException e) {
            throw MpiComm.failure("allReduce", e);
        }
        r.position(0);
        r.get(buf, 0, count);
    }

    void allReduce(double[] buf, int count, Comm.Op op) {
        DoubleBuffer s = scratch.dSend(count);
        s.put(buf, 0, count);
        DoubleBuffer r = scratch.dRecv(count);
        try {
            comm.allReduce(s, r, count, MPI.DOUBLE, op(op));
        } catch (MPIException e) {
            throw MpiComm.failure("allReduce", e);
        }
        r.position(0);
        r.get(buf, 0, count);
    }

    void allReduce(DoubleBuffer send, DoubleBuffer recv, int count, Comm.Op op) {
        Comm.checkDirect(send, count, "allReduce");
        Comm.checkDirect(recv, count, "allReduce");
        try {
            comm.allReduce(send, recv, count, MPI.DOUBLE, op(op));
        } catch (MPIException e) {
            throw MpiComm.failure("allReduce", e);
        }
    }

    void reduce(DoubleBuffer send, DoubleBuffer recv, int count, Comm.Op op, int root) {
        Comm.checkDirect(send, count, "reduce");
        Comm.checkDirect(recv, rank == root ? count : 0, "reduce");
        try {
            comm.reduce(send, recv, count, MPI.DOUBLE, op(op), root);
        } catch (MPIException e) {
            throw MpiComm.failure("reduce", e);
        }
    }
}
