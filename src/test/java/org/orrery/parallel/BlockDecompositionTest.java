package org.orrery.parallel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class BlockDecompositionTest {

    @Test
    void blocksTileTheRangeAndFirstRanksGetTheRemainder() {
        for (int n = 0; n <= 40; n++) {
            for (int p = 1; p <= 9; p++) {
                BlockDecomposition d = new BlockDecomposition(n, p);
                long next = 0;
                for (int r = 0; r < p; r++) {
                    assertEquals(next, d.start(r));
                    assertEquals(n / p + (r < n % p ? 1 : 0), d.count(r));
                    for (long i = d.start(r); i < d.end(r); i++) {
                        assertEquals(r, d.owner(i));
                    }
                    next = d.end(r);
                }
                assertEquals(n, next);
                int[] c = d.counts(3);
                int[] s = d.displs(3);
                for (int r = 0; r < p; r++) {
                    assertEquals(3 * d.count(r), c[r]);
                    assertEquals(3 * d.start(r), s[r]);
                }
            }
        }
    }

    @Test
    void rejectsNonsense() {
        assertThrows(IllegalArgumentException.class, () -> new BlockDecomposition(-1, 2));
        assertThrows(IllegalArgumentException.class, () -> new BlockDecomposition(5, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> new BlockDecomposition(5, 2).owner(5));
    }
}
