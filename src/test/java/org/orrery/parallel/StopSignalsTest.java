package org.orrery.parallel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The stop flag: a real SIGUSR1 to this JVM sets it, and the agreement over one rank reads it. */
class StopSignalsTest {
    @AfterEach
    void forget() {
        StopSignals.reset();
    }

    @Test
    void aRealUsr1SetsTheFlagAndTheProcessLives() throws Exception {
        assertTrue(StopSignals.install(), "sun.misc.Signal handlers installed");
        assertTrue(StopSignals.install(), "idempotent");
        assertFalse(StopSignals.requested());
        assertFalse(StopSignals.agreed(new SerialComm()));
        Process kill = new ProcessBuilder(
                        "kill", "-USR1", Long.toString(ProcessHandle.current().pid()))
                .start();
        assertTrue(kill.waitFor(10, TimeUnit.SECONDS));
        assertEquals(0, kill.exitValue());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!StopSignals.requested() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals("SIGUSR1", StopSignals.signal());
        assertTrue(StopSignals.agreed(new SerialComm()));
    }

    @Test
    void theFirstSignalIsRemembered() {
        assertNull(StopSignals.signal());
        StopSignals.received("SIGUSR1");
        StopSignals.received("SIGTERM");
        assertEquals("SIGUSR1", StopSignals.signal());
        assertEquals(75, StopSignals.EXIT_PREEMPTED);
    }

    @Test
    void aCodeCarriedByAnotherReductionIsAdoptedAsTheSameSignal() {
        assertEquals(0, StopSignals.localCode());
        assertFalse(StopSignals.adopt(0));
        assertNull(StopSignals.signal());
        // Another rank had SIGTERM (code 2): this rank, which had nothing, now names it too.
        assertTrue(StopSignals.adopt(2));
        assertEquals("SIGTERM", StopSignals.signal());
        StopSignals.reset();
        StopSignals.received("SIGUSR1");
        assertEquals(1, StopSignals.localCode());
        assertTrue(StopSignals.adopt(2));
        assertEquals("SIGUSR1", StopSignals.signal()); // its own signal is kept
    }
}
