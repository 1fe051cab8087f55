package org.orrery.parallel;

import java.nio.ByteBuffer;
import java.nio.DoubleBuffer;
import java.nio.LongBuffer;
import mpi.MPI;

/**
 * The direct buffers through which {@link MpiComm} passes Java arrays to Open MPI's Java bindings (never the arrays
 * themselves: see {@link MpiComm} on the v-collectives' heap corruption), one per element type and direction. Each
 * grows by half again (at least to what is asked) when too small and never shrinks, so a steady workload allocates
 * nothing; every getter returns the buffer cleared (position 0). Not thread-safe (MPI_THREAD_FUNNELED).
 */
final class OmpiScratch {
    private DoubleBuffer dSend = MPI.newDoubleBuffer(1);
    private DoubleBuffer dRecv = MPI.newDoubleBuffer(1);
    private LongBuffer lSend = MPI.newLongBuffer(1);
    private LongBuffer lRecv = MPI.newLongBuffer(1);
    private ByteBuffer bSend = MPI.newByteBuffer(1);
    private ByteBuffer bRecv = MPI.newByteBuffer(1);

    DoubleBuffer dSend(int n) {
        if (dSend.capacity() < n) {
            dSend = MPI.newDoubleBuffer(grow(n));
        }
        dSend.clear();
        return dSend;
    }

    DoubleBuffer dRecv(int n) {
        if (dRecv.capacity() < n) {
            dRecv = MPI.newDoubleBuffer(grow(n));
        }
        dRecv.clear();
        return dRecv;
    }

    LongBuffer lSend(int n) {
        if (lSend.capacity() < n) {
            lSend = MPI.newLongBuffer(grow(n));
        }
        lSend.clear();
        return lSend;
    }

    LongBuffer lRecv(int n) {
        if (lRecv.capacity() < n) {
            lRecv = MPI.newLongBuffer(grow(n));
        }
        lRecv.clear();
        return lRecv;
    }

    ByteBuffer bSend(int n) {
        if (bSend.capacity() < n) {
            bSend = MPI.newByteBuffer(grow(n));
        }
        bSend.clear();
        return bSend;
    }

    ByteBuffer bRecv(int n) {
        if (bRecv.capacity() < n) {
            bRecv = MPI.newByteBuffer(grow(n));
        }
        bRecv.clear();
        return bRecv;
    }

    private static int grow(int n) {
        return Math.max(n, Math.max(16, (int) Math.min(Integer.MAX_VALUE - 8, n + (long) n / 2)));
    }

    static int total(int[] counts, int[] displs) {
        int t = 0;
        for (int r = 0; r < counts.length; r++) {
            t = Math.max(t, displs[r] + counts[r]);
        }
        return t;
    }
}
