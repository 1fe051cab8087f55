package org.orrery.apps.nbody;

import java.nio.file.Path;
import org.orrery.io.OutputLock;
import org.orrery.parallel.StopSignals;

/**
 * What rank 0 of an N-body run (either integrator) holds while it runs: the output directory's {@link OutputLock}, the
 * position reached and the last checkpoint written, and the one line a user sees when the run stops early. A preemption
 * ({@link StopSignals}: every rank stopped at the same step and rank 0 wrote a checkpoint there) says where and how to
 * continue; any other stop of the JVM (SIGINT, mpirun's SIGTERM after a rank died) says, from a shutdown hook, where it
 * was and which checkpoint is intact (checkpoints are written atomically).
 */
final class RunGuard {
    private final Path dir;
    private OutputLock lock;
    private Thread hook;
    private volatile String position = "the start";
    private volatile String checkpointAt;

    RunGuard(Path dir) {
        this.dir = dir;
    }

    /** Takes the output directory (throws the lock's error when another live run owns it). */
    void acquire() {
        lock = OutputLock.acquire(dir, "nbody", notice -> System.err.println("nbody: " + notice));
    }

    /** The run could not start: releases the directory and removes the folders it made if empty. */
    void failed() {
        if (lock != null) {
            lock.abandon();
            lock = null;
        }
    }

    /** The loop starts at {@code where} (e.g. "step 0"): from now on an early stop prints its line. */
    void started(String where) {
        position = where;
        hook = new Thread(this::sayWhereItStopped, "nbody-interrupted");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** The run reached {@code where}. */
    void at(String where) {
        position = where;
    }

    /** A checkpoint at {@code where} was written. */
    void checkpointed(String where) {
        checkpointAt = where;
    }

    /** The checkpoint file. */
    Path checkpoint() {
        return dir.resolve("checkpoint.bin");
    }

    /** The line of a preempted run (after its checkpoint was written). */
    String preemptedLine(String signal) {
        return "orrery nbody: preempted by " + (signal == null ? "a stop request" : signal) + " at " + position
                + " (rank 0 on "
                + OutputLock.host() + "): checkpoint " + checkpoint()
                + " written; continue with the same command, --restart "
                + checkpoint() + " in place of the initial-condition options (exit status " + StopSignals.EXIT_PREEMPTED
                + ")";
    }

    private void sayWhereItStopped() {
        String ck = checkpointAt == null
                ? "no checkpoint was written yet"
                : "the last checkpoint, " + checkpoint() + " (" + checkpointAt
                        + "), is intact: continue with --restart " + checkpoint();
        System.err.println(
                "orrery nbody: stopped by a signal at " + position + " (rank 0 on " + OutputLock.host() + "); " + ck);
        System.err.flush();
    }

    /** Releases the output directory and drops the shutdown line (rank 0, after the last file is written). */
    void release() {
        if (hook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // already shutting down: the hook prints its line
                hook = null;
            }
        }
        if (lock != null) {
            lock.close();
            lock = null;
        }
    }
}
