package org.orrery.parallel;

import java.nio.DoubleBuffer;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The C side of {@code bench mpi} in this process: {@code liborrery_mpibench} (src/bench/c/mpibench_jni.c, the timing
 * loop of src/bench/c/mpibench_loop.h, built per MPI configuration by {@code mpi/build-shim --bench-only}) calls MPI
 * directly on {@code MPI_COMM_WORLD}, which the Java backend (the shim or Open MPI's {@code mpi.jar}) initialised. So C
 * blocks and Java blocks can alternate in the same rank processes, on the same buffers. Only the communicating thread
 * may call {@link #time}; like every collective, all ranks call it with the same arguments.
 */
public final class CTwin {
    private CTwin() {}

    /** The operations, with their numbers in mpibench_loop.h. */
    public enum Op {
        BCAST(0),
        ALLGATHERV(1),
        REDUCE(2),
        ALLREDUCE(3),
        SENDRECV(4);

        final int code;

        Op(int code) {
            this.code = code;
        }
    }

    /** The interface of the natives (mpibench_jni.c's ORRERY_MPIBENCH_VERSION). */
    static final int VERSION = 1;

    private static Path loaded;

    /**
     * Loads the library at {@code lib} (once); throws {@link IllegalArgumentException} with a one-line reason when it
     * is missing, cannot be loaded or is from other sources.
     */
    public static synchronized void load(Path lib) {
        if (loaded != null) {
            return;
        }
        Path abs = lib.toAbsolutePath();
        if (!Files.isRegularFile(abs)) {
            throw new IllegalArgumentException(
                    abs + " does not exist: run mpi/setup (it builds the C side of bench mpi)");
        }
        try {
            System.load(abs.toString());
        } catch (UnsatisfiedLinkError e) {
            throw new IllegalArgumentException("cannot load " + abs + ": " + e.getMessage(), e);
        }
        int v;
        try {
            v = version();
        } catch (UnsatisfiedLinkError e) {
            throw new IllegalArgumentException(abs + " is not Orrery's liborrery_mpibench", e);
        }
        if (v != VERSION) {
            throw new IllegalArgumentException(
                    abs + " has interface " + v + ", this Orrery needs " + VERSION + ": run mpi/setup to rebuild it");
        }
        loaded = abs;
    }

    /**
     * collective: one block of {@code iters} calls of {@code op} on {@code total} doubles ({@code allgatherv}: in total
     * over the ranks, in block counts) in C, on the direct buffers {@code send} and {@code recv} (native order, at
     * least {@code total} doubles each): a barrier, the timed calls, the slowest rank's seconds per call reduced onto
     * rank 0 (returned there; elsewhere this rank's own).
     */
    public static double time(Op op, int total, int iters, DoubleBuffer send, DoubleBuffer recv) {
        if (loaded == null) {
            throw new IllegalStateException("CTwin.load was not called");
        }
        Comm.checkDirect(send, total, "CTwin");
        Comm.checkDirect(recv, total, "CTwin");
        return block(op.code, total, iters, send, recv);
    }

    private static native int version();

    private static native double block(int op, int total, int iters, DoubleBuffer send, DoubleBuffer recv);
}
