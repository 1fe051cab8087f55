package org.orrery.parallel;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.IntBuffer;
import java.util.Arrays;

/**
 * The native memory {@link NativeComm} hands to the shim, as addresses the shim uses without calling back into the JVM
 * (a JNI {@code GetDirectBufferAddress}/{@code GetDirectBufferCapacity} pair per buffer and call cost about as much as
 * a small MPI call here): the send and receive scratch buffers of the array methods, the counts and displacements of
 * the v-collectives, the 3-int receive status, and the caller's last direct buffers ({@link PinnedAddress}). Counts and
 * displacements are copied to native memory only when they differ from the last call's (a program passes the same ones
 * every step; comparing 2p ints costs less than the bounds-checked copy into a direct buffer). Not thread-safe
 * (MPI_THREAD_FUNNELED).
 */
final class ShimMemory {
    final DirectScratch out = new DirectScratch();
    final DirectScratch in = new DirectScratch();
    private final DirectScratch countsDispls = new DirectScratch();
    private final PinnedAddress outAt = new PinnedAddress();
    private final PinnedAddress inAt = new PinnedAddress();
    private final PinnedAddress countsAt = new PinnedAddress();
    private final PinnedAddress sendAt = new PinnedAddress();
    private final PinnedAddress recvAt = new PinnedAddress();
    /** Source, tag, count of the last receive or probe, written by the shim. */
    private final IntBuffer status =
            ByteBuffer.allocateDirect(12).order(ByteOrder.nativeOrder()).asIntBuffer();

    private final long statusAt = NativeMpi.address(status);

    long outAt() {
        return outAt.of(out.bytes);
    }

    long outBytes() {
        return out.bytes.capacity();
    }

    long inAt() {
        return inAt.of(in.bytes);
    }

    long inBytes() {
        return in.bytes.capacity();
    }

    /** The caller's direct buffer to send from (or the only buffer of a call). */
    long sendAt(DoubleBuffer b) {
        return sendAt.of(b);
    }

    /** The caller's direct buffer to receive into. */
    long recvAt(DoubleBuffer b) {
        return recvAt.of(b);
    }

    static long bytes(DoubleBuffer b) {
        return 8L * b.capacity();
    }

    /** The counts and displacements now in native memory (the last call's), their p, and the extent they give. */
    private int[] lastCounts = new int[0];

    private int[] lastDispls = new int[0];
    private int lastExtent;
    private long lastCountsAt;

    /**
     * {@code counts} then {@code displs} ({@code p} each) in native memory; returns its address. Copies only when they
     * differ from the last call's; {@link #extent()} is then max over ranks of {@code displs[r] + counts[r]}.
     */
    long countsAt(int[] counts, int[] displs, int p) {
        if (counts.length < p || displs.length < p) {
            throw new IllegalArgumentException("counts/displs shorter than the communicator size " + p);
        }
        if (lastCounts.length != p
                || !Arrays.equals(counts, 0, p, lastCounts, 0, p)
                || !Arrays.equals(displs, 0, p, lastDispls, 0, p)) {
            int e = 0;
            for (int r = 0; r < p; r++) {
                e = Math.max(e, Math.addExact(displs[r], counts[r]));
            }
            DirectScratch c = countsDispls.fit(2L * p, 4);
            c.ints.put(0, counts, 0, p);
            c.ints.put(p, displs, 0, p);
            lastCountsAt = countsAt.of(c.bytes);
            lastCounts = Arrays.copyOf(counts, p);
            lastDispls = Arrays.copyOf(displs, p);
            lastExtent = e;
        }
        return lastCountsAt;
    }

    /** Elements a v-collective with the counts and displacements of the last {@link #countsAt} writes. */
    int extent() {
        return lastExtent;
    }

    long countsBytes() {
        return countsDispls.bytes.capacity();
    }

    long statusAt() {
        return statusAt;
    }

    /** Elements the last receive got. */
    int count() {
        return status.get(2);
    }

    Comm.Received received() {
        return new Comm.Received(status.get(0), status.get(1), status.get(2));
    }
}
