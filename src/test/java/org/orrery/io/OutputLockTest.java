package org.orrery.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The staleness rule of {@link OutputLock}: a live owner keeps its lock even if its start time reads a second off. */
class OutputLockTest {

    private static String lockOf(long pid, String started) {
        return "program=x\nhost=" + OutputLock.host() + "\npid=" + pid + "\nstarted=" + started + "\n";
    }

    @Test
    void aStartTimeReadASecondOffIsTheSameProcessButAnHourOffIsAnother() {
        Instant t = Instant.parse("2026-12-03T22:00:00Z");
        assertFalse(OutputLock.startedElsewhen(t.toString(), Optional.of(t)));
        assertFalse(OutputLock.startedElsewhen(t.toString(), Optional.of(t.plusSeconds(1))));
        assertFalse(OutputLock.startedElsewhen(t.toString(), Optional.of(t.minusSeconds(1))));
        assertTrue(OutputLock.startedElsewhen(t.toString(), Optional.of(t.plusSeconds(3600))));
        assertFalse(OutputLock.startedElsewhen("unknown", Optional.of(t)));
        assertFalse(OutputLock.startedElsewhen(t.toString(), Optional.empty()));
        assertFalse(OutputLock.startedElsewhen("not a time", Optional.of(t)));
    }

    @Test
    void thisLiveProcessHoldsItsLockEvenWithItsStartShiftedBySecondsOfClockAdjustment() {
        ProcessHandle me = ProcessHandle.current();
        Instant start = me.info().startInstant().orElseThrow();
        assertNull(OutputLock.staleReason(lockOf(me.pid(), start.toString())));
        assertNull(OutputLock.staleReason(lockOf(me.pid(), start.plusSeconds(1).toString())));
        String why = OutputLock.staleReason(
                lockOf(me.pid(), start.minusSeconds(86_400).toString()));
        assertNotNull(why);
        assertEquals("pid " + me.pid() + " now belongs to another process", why);
    }

    @Test
    void startTicksSinceBootDecideWhenBothSidesHaveThem() {
        ProcessHandle me = ProcessHandle.current();
        String ticks = OutputLock.bootTicks(me.pid());
        org.junit.jupiter.api.Assumptions.assumeFalse(ticks.equals("unknown"), "no /proc here");
        String farStart = Instant.EPOCH.toString(); // the wall-clock reading is ignored when ticks are present
        assertNull(OutputLock.staleReason(lockOf(me.pid(), farStart) + "start-ticks=" + ticks + "\n"));
        long other = Long.parseLong(ticks) + 1;
        assertNotNull(OutputLock.staleReason(lockOf(me.pid(), farStart) + "start-ticks=" + other + "\n"));
        assertEquals("unknown", OutputLock.bootTicks(Long.MAX_VALUE));
    }
}
