package org.orrery.parallel;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;

/**
 * Reusable direct memory in native byte order with typed views of the same bytes: where {@link NativeComm} copies array
 * data before handing an address to MPI. Grows by half again (at least to what is asked) when too small, never shrinks,
 * so a steady workload allocates nothing. Not thread-safe.
 */
final class DirectScratch {
    ByteBuffer bytes = ByteBuffer.allocateDirect(64).order(ByteOrder.nativeOrder());
    DoubleBuffer doubles = bytes.asDoubleBuffer();
    LongBuffer longs = bytes.asLongBuffer();
    IntBuffer ints = bytes.asIntBuffer();

    /** At least {@code n} elements of {@code width} bytes; returns this. */
    DirectScratch fit(long n, int width) {
        long need = n * width;
        if (need > bytes.capacity()) {
            if (need > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("message of " + need + " bytes exceeds a direct buffer (2 GiB)");
            }
            long grown = Math.min(Integer.MAX_VALUE - 8, Math.max(need, bytes.capacity() + bytes.capacity() / 2L));
            bytes = ByteBuffer.allocateDirect((int) grown).order(ByteOrder.nativeOrder());
            doubles = bytes.asDoubleBuffer();
            longs = bytes.asLongBuffer();
            ints = bytes.asIntBuffer();
        }
        return this;
    }
}
