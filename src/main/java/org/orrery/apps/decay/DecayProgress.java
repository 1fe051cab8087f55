package org.orrery.apps.decay;

import java.util.Locale;
import org.orrery.sim.DecayEnsemble;

/**
 * A progress line on stderr at most every {@code seconds}: how many of rank 0's members are done (every rank has the
 * same share, within one), the rate and the time left.
 */
final class DecayProgress implements DecayEnsemble.Progress {
    private final long everyNanos;
    private final long start = System.nanoTime();
    private long last = start;

    DecayProgress(double seconds) {
        this.everyNanos = (long) (seconds * 1e9);
    }

    @Override
    public synchronized void membersDone(int done, int total) {
        long now = System.nanoTime();
        if (now - last < everyNanos || done == total) {
            return;
        }
        last = now;
        double rate = done / ((now - start) * 1e-9);
        System.err.printf(
                Locale.ROOT,
                "decay: rank 0 simulated %d/%d of its members (%.0f%%), %.2f members/s, ETA %.0f s%n",
                done,
                total,
                100.0 * done / total,
                rate,
                (total - done) / rate);
    }
}
