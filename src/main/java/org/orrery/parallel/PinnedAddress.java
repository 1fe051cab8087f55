package org.orrery.parallel;

import java.nio.Buffer;

/**
 * The native address of the direct buffer {@link NativeComm} used last in one role (a scratch buffer, the caller's send
 * or receive buffer): {@link NativeMpi#address} (a JNI call into the VM) runs only when the buffer changes, so a loop
 * over the same buffers passes plain addresses to the shim. Holding the buffer keeps its memory, and so the address,
 * valid. Not thread-safe (MPI_THREAD_FUNNELED: one communicating thread).
 */
final class PinnedAddress {
    private Buffer buffer;
    private long address;

    /** The address of {@code b}'s memory (index 0); {@link IllegalArgumentException} if it is not direct. */
    @SuppressWarnings("ReferenceEquality") // the same buffer object, not equal contents
    long of(Buffer b) {
        if (b != buffer) {
            address = NativeMpi.address(b);
            buffer = b;
        }
        return address;
    }
}
