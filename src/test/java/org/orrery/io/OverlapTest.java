package org.orrery.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** {@link Overlap#both}: both pieces run, on two threads, and failures are reported as the sequential order would. */
class OverlapTest {

    @Test
    void runsBothTheSecondOnAnotherThreadAndReturnsWhenBothAreDone() {
        AtomicInteger done = new AtomicInteger();
        AtomicReference<Thread> second = new AtomicReference<>();
        Overlap.both(done::incrementAndGet, () -> {
            second.set(Thread.currentThread());
            done.incrementAndGet();
        });
        assertEquals(2, done.get());
        assertNotEquals(Thread.currentThread(), second.get());
        assertTrue(!second.get().isAlive());
    }

    @Test
    void theFirstPiecesFailureWinsAsItWouldOneAfterTheOther() {
        AtomicInteger secondRan = new AtomicInteger();
        IllegalStateException e = assertThrows(
                IllegalStateException.class,
                () -> Overlap.both(
                        () -> {
                            throw new IllegalStateException("first");
                        },
                        () -> {
                            secondRan.incrementAndGet();
                            throw new IllegalArgumentException("second");
                        }));
        assertEquals("first", e.getMessage());
        assertEquals(1, secondRan.get());
        IllegalArgumentException s = assertThrows(
                IllegalArgumentException.class,
                () -> Overlap.both(() -> {}, () -> {
                    throw new IllegalArgumentException("second");
                }));
        assertEquals("second", s.getMessage());
    }
}
