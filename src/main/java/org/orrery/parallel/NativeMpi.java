package org.orrery.parallel;

import java.nio.Buffer;

/**
 * The JNI entry points of Orrery's native MPI shim, {@code liborrery_mpi} (src/main/c/orrery_mpi.c), compiled by
 * {@code mpi/build-shim} with the MPI's own {@code mpicc}. Every call works on {@code MPI_COMM_WORLD}; Java never sees
 * an MPI handle, only the codes below, so the same class runs on Open MPI (handles are pointers) and MPICH (handles are
 * ints).
 *
 * <p>Buffers are direct {@link Buffer}s whose memory MPI reads or writes in place, from index 0 whatever their
 * position, passed as their {@link #address} and their capacity in bytes, which the shim checks against what the call
 * reads or writes ({@link IllegalArgumentException} if too small). Counts are in elements of {@code type}. A failing
 * MPI call throws {@link MpiFailure} with MPI's error string. {@code status} is the address of 3 native ints that
 * receive source, tag and count (in elements of {@code type}).
 *
 * <p>Threading: MPI_THREAD_FUNNELED; only the thread that called {@link #init} may call the rest.
 */
final class NativeMpi {
    private NativeMpi() {}

    /** Element type codes. */
    static final int BYTE = 0;

    static final int INT = 1;
    static final int LONG = 2;
    static final int DOUBLE = 3;

    /**
     * Reduction codes, as the shim's OP_SUM, OP_MAX, OP_MIN (src/main/c/orrery_mpi.c; ShimAbiTest holds them equal).
     */
    static int op(Comm.Op op) {
        return switch (op) {
            case SUM -> 0;
            case MAX -> 1;
            case MIN -> 2;
        };
    }

    /** Thread levels (MPI_THREAD_SINGLE ... MPI_THREAD_MULTIPLE). */
    static final int THREAD_FUNNELED = 1;

    /** The library's file name on java.library.path. */
    static final String LIBRARY = "orrery_mpi";

    private static boolean loaded;

    /**
     * Loads {@code liborrery_mpi} from java.library.path; a failure becomes an {@link MpiFailure} saying what to do.
     */
    static synchronized void load() {
        if (loaded) {
            return;
        }
        try {
            System.loadLibrary(LIBRARY);
        } catch (UnsatisfiedLinkError e) {
            String file = System.mapLibraryName(LIBRARY);
            String why = e.getMessage() == null ? "" : e.getMessage();
            String what = why.contains("no " + LIBRARY + " in")
                    ? file + " is not on java.library.path (" + System.getProperty("java.library.path") + ")"
                    : "cannot load " + file + " (" + why.strip()
                            + "): it was built against an MPI library that is missing or different here";
            throw new MpiFailure(
                    "MPI shim: " + what + "; run mpi/setup (it builds the shim with your MPI's mpicc) and start"
                            + " programs with launch/orrery",
                    e);
        }
        int abi = loadedAbi();
        if (abi != ABI) {
            throw new MpiFailure("MPI shim: " + System.mapLibraryName(LIBRARY) + " on java.library.path ("
                    + System.getProperty("java.library.path") + ") has interface " + abi + ", this Orrery needs "
                    + ABI + ": it was built from older sources; run mpi/setup to rebuild it");
        }
        loaded = true;
    }

    /**
     * The calling convention of the natives below (src/main/c/orrery_mpi.c's ORRERY_SHIM_ABI). A library from other
     * sources is refused before any call: a native whose parameters changed would otherwise be called with the wrong
     * arguments. 2: buffers passed as (address, capacity in bytes). 3: the shim times its own MPI calls
     * ({@link #waitSeconds}, {@link #waitCalls}, {@link #waitClock}). 4: that timing is off until {@link #timeWait}
     * switches it on (no clock read per call otherwise).
     */
    static final int ABI = 4;

    /** The loaded library's ABI number; 1 for a library from before the number existed. */
    private static int loadedAbi() {
        try {
            return abi();
        } catch (UnsatisfiedLinkError e) {
            return 1;
        }
    }

    private static native int abi();

    /** The MPI the shim was compiled against, e.g. {@code Open MPI 4.1.4}, {@code MPICH 4.0.2} (no MPI call). */
    static native String implementation();

    /** MPI_Get_library_version (callable before init). */
    static native String libraryVersion();

    /** MPI_Init_thread with the given level; sets MPI_ERRORS_RETURN on MPI_COMM_WORLD; returns the level provided. */
    static native int init(int required);

    static native void finalizeMpi();

    static native void abort(int code);

    static native int rank();

    static native int size();

    static native String processorName();

    static native double wtime();

    static native void barrier();

    /**
     * Seconds spent inside the shim's communicating MPI calls (barrier, collectives, messages, probes) since
     * {@link #init}: ticks of a cheap counter read before and after each MPI call, converted at this read with the tick
     * rate measured over the whole run against {@code CLOCK_MONOTONIC} (src/main/c/orrery_mpi.c, "wait clock").
     */
    static native double waitSeconds();

    /**
     * Switches the shim's wait accounting ({@link #waitSeconds}, {@link #waitCalls}) on or off; off from {@link #init}
     * until asked: then the shim reads no clock around its MPI calls.
     */
    static native void timeWait(boolean on);

    /** The communicating MPI calls the shim made while its accounting was on (those {@link #waitSeconds} covers). */
    static native long waitCalls();

    /** The tick source of {@link #waitSeconds}: {@code tsc}, {@code cntvct} or {@code clock_gettime}. */
    static native String waitClock();

    /** Returns at once: one JNI transition and nothing else, the floor under every call above. */
    static native void nothing();

    /**
     * The address of a direct buffer's memory (GetDirectBufferAddress), looked up once per buffer: the calls below take
     * it with the buffer's capacity in bytes, so they never call back into the JVM. {@link IllegalArgumentException} if
     * the buffer is not direct.
     */
    static native long address(Buffer buf);

    static native void bcast(long buf, long bytes, int count, int type, int root);

    /** {@code recv} may be 0 (with {@code recvBytes} 0) on ranks other than root. */
    static native void reduce(
            long send, long sendBytes, long recv, long recvBytes, int count, int type, int op, int root);

    static native void allreduce(long send, long sendBytes, long recv, long recvBytes, int count, int type, int op);

    static native void allgather(long send, long sendBytes, long recv, long recvBytes, int count, int type);

    /** {@code counts}: 2p native ints, the counts then the displacements. */
    static native void allgatherv(
            long send,
            long sendBytes,
            int sendCount,
            long recv,
            long recvBytes,
            long counts,
            long countsBytes,
            int type);

    /** {@code recv} and {@code counts} are read on root only. */
    static native void gatherv(
            long send,
            long sendBytes,
            int sendCount,
            long recv,
            long recvBytes,
            long counts,
            long countsBytes,
            int type,
            int root);

    static native void send(long buf, long bytes, int count, int type, int dest, int tag);

    /** {@code src}/{@code tag} may be {@link Comm#ANY_SOURCE}/{@link Comm#ANY_TAG}. */
    static native void recv(long buf, long bytes, int capacity, int type, int src, int tag, long status);

    static native void sendrecv(
            long send,
            long sendBytes,
            int sendCount,
            int dest,
            long recv,
            long recvBytes,
            int capacity,
            int src,
            int type,
            int tag,
            long status);

    static native void probe(int src, int tag, int type, long status);

    static native boolean iprobe(int src, int tag, int type, long status);
}
