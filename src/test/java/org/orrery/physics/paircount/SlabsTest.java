package org.orrery.physics.paircount;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SlabsTest {

    @Test
    void balancedByCount() {
        long[] h = {10, 10, 10, 10, 10, 10, 10, 10};
        assertArrayEquals(new int[] {0, 4, 8}, Slabs.balance(h, 2));
        assertArrayEquals(new int[] {0, 2, 4, 6, 8}, Slabs.balance(h, 4));
        assertArrayEquals(new int[] {0, 3, 5, 8}, Slabs.balance(h, 3));
        // Cumulative 100, 101, 102, 103 | 104, ..., 206: the half (103) falls exactly on edge 4.
        long[] skew = {100, 1, 1, 1, 1, 1, 1, 100};
        assertArrayEquals(new int[] {0, 4, 8}, Slabs.balance(skew, 2));
        // Target 50 lies between cumulative 20 (edge 4) and 100 (edge 5): the nearer edge is 4.
        assertArrayEquals(new int[] {0, 4, 5}, Slabs.balance(new long[] {5, 5, 5, 5, 80}, 2));
        // Targets 16.7 and 33.3 lie between cumulative 0 (edge 2) and 50 (edge 3): nearer edges 2 and 3.
        long[] one = {0, 0, 50, 0};
        int[] c = Slabs.balance(one, 3);
        assertArrayEquals(new int[] {0, 2, 3, 4}, c);
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
            assertEquals(0, b[0]);
            assertEquals(planes, b[ranks]);
            long[] cum = new long[planes + 1];
            long biggest = 0;
            for (int q = 0; q < planes; q++) {
                cum[q + 1] = cum[q] + h[q];
                biggest = Math.max(biggest, h[q]);
            }
            for (int k = 0; k < ranks; k++) {
                assertEquals(true, b[k] <= b[k + 1]);
                // Each boundary sits at a plane edge next to its ideal share k * total / ranks: whole planes
                // cannot be split, so it misses by at most the largest plane.
                double ideal = (double) cum[planes] * k / ranks;
                assertTrue(
                        Math.abs(cum[b[k]] - ideal) <= biggest,
                        "boundary " + k + " of " + java.util.Arrays.toString(b));
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
