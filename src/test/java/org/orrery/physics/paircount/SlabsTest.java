package org.orrery.physics.paircount;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class SlabsTest {

    @Test
    void balancedByCount() {
        long[] h = {10, 10, 10, 10, 10, 10, 10, 10};
        assertArrayEquals(new int[] {0, 4, 8}, Slabs.balance(h, 2));
        assertArrayEquals(new int[] {0, 2, 4, 6, 8}, Slabs.balance(h, 4));
        assertArrayEquals(new int[] {0, 3, 5, 8}, Slabs.balance(h, 3));
        long[] skew = {100, 1, 1, 1, 1, 1, 1, 100};
        int[] b = Slabs.balance(skew, 2);
        assertEquals(1, b[1] <= 7 && b[1] >= 1 ? 1 : 0);
        long[] one = {0, 0, 50, 0};
        int[] c = Slabs.balance(one, 3);
        assertEquals(0, c[0]);
        assertEquals(4, c[3]);
        for (int q = 0; q < 4; q++) {
            int o = Slabs.owner(c, q);
            assertEquals(true, c[o] <= q && q < c[o + 1], "plane " + q + " owner " + o);
        }
    }

    @Test
    void ownerIsConsistentWithBoundsIncludingEmptyRanks() {
        SplittableRandom r = new SplittableRandom(3);
        for (int t = 0; t < 200; t++) {
            int planes = 1 + r.nextInt(20);
            int ranks = 1 + r.nextInt(9);
            long[] h = new long[planes];
            for (int q = 0; q < planes; q++) {
                h[q] = r.nextInt(3) == 0 ? 0 : r.nextInt(100);
            }
            int[] b = Slabs.balance(h, ranks);
            for (int k = 0; k < ranks; k++) {
                assertEquals(true, b[k] <= b[k + 1]);
            }
            for (int q = 0; q < planes; q++) {
                int o = Slabs.owner(b, q);
                assertEquals(true, b[o] <= q && q < b[o + 1]);
            }
        }
    }

    @Test
    void haloRoundsReachEveryOwner() {
        Bins bins = Bins.linear(0, 10, 2);
        GridSpec g = GridSpec.create(bins, 100, null, null, 10_000, 2); // 19 planes
        int[] thin = {0, 1, 2, 3, 19};
        // Rank 0's halo (planes 1, 2) is owned by ranks 1 and 2; rank 3's halo wraps to ranks 0 and 1.
        assertEquals(3, Slabs.haloRounds(g, thin));
        assertEquals(1, Slabs.haloRounds(g, new int[] {0, 19}));
    }
}
