package org.orrery.io;

import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs two independent pieces of rank-0 output work at the same time: {@code second} on a new thread, {@code first} on
 * the caller, then waits for both. A rank that writes files alone while the other ranks wait in a collective (those
 * yield their cores under {@code mpi_yield_when_idle}) uses a second core this way.
 *
 * <p>Both pieces must only read shared state, and each must write its own files: the bytes written are then those of
 * running them one after the other. Failures are reported as the sequential order would report them: the first piece's
 * exception if it threw, else the second's. (Unlike the sequential order, the second piece runs even if the first
 * fails; each writes its file atomically, so a failed piece leaves no partial file.)
 */
public final class Overlap {
    private Overlap() {}

    /** Runs {@code first} here and {@code second} on a new thread; returns when both are done. */
    public static void both(Runnable first, Runnable second) {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread t = new Thread(
                () -> {
                    try {
                        second.run();
                    } catch (RuntimeException | Error e) {
                        failure.set(e);
                    }
                },
                "overlap");
        t.setDaemon(true);
        t.start();
        try {
            first.run();
        } finally {
            join(t);
        }
        Throwable e = failure.get();
        if (e instanceof RuntimeException r) {
            throw r;
        }
        if (e instanceof Error err) {
            throw err;
        }
    }

    /** Waits for {@code t}, keeping an interrupt for the caller. */
    static void join(Thread t) {
        boolean interrupted = false;
        while (t.isAlive()) {
            try {
                t.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
