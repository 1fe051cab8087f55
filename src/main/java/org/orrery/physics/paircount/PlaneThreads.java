package org.orrery.physics.paircount;

import java.util.concurrent.atomic.AtomicReference;

/** Runs one body on {@code n} threads (the caller alone when n = 1) and rethrows the first failure. */
final class PlaneThreads {
    private PlaneThreads() {}

    static void run(int n, String name, Runnable body) {
        if (n <= 1) {
            body.run();
            return;
        }
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread[] ts = new Thread[n];
        for (int i = 0; i < n; i++) {
            ts[i] = new Thread(
                    () -> {
                        try {
                            body.run();
                        } catch (Throwable e) {
                            failure.compareAndSet(null, e);
                        }
                    },
                    name + "-" + i);
            ts[i].start();
        }
        for (Thread t : ts) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + name + " threads", e);
            }
        }
        if (failure.get() != null) {
            throw new IllegalStateException(name + " thread failed: " + failure.get(), failure.get());
        }
    }
}
