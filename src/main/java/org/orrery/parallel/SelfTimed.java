package org.orrery.parallel;

/**
 * A backend that times its own communication: it reads a cheap tick counter around each MPI call in native code and
 * keeps the totals there, so {@link TimedComm} reads no clock per call for it (two {@link System#nanoTime()} reads cost
 * ≈ 70 ns here, a quarter of a small MPI call). {@link NativeComm} (the shim) is one; Open MPI's {@code mpi.jar} and
 * {@link SerialComm} are not. The totals start when MPI starts and cover the MPI calls only: copying arrays into the
 * backend's direct scratch buffers, before and after, is the caller's compute. The timing is off until
 * {@link #timeWait} switches it on ({@link TimedComm} does when the program was given {@code --summary}).
 */
interface SelfTimed {
    /** Switches the timing on or off (off from the start: then the backend reads no clock per call). */
    void timeWait(boolean on);

    /** Seconds spent inside the backend's communicating MPI calls since MPI started. */
    double waitSeconds();

    /** MPI calls those seconds cover (one {@link Comm} call may make several, e.g. {@link Comm#bcastString}). */
    long waitCalls();

    /** The tick source, for reports: e.g. {@code tsc}, {@code cntvct}, {@code clock_gettime}. */
    String waitClock();
}
