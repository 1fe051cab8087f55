package org.orrery.physics.image;

import java.util.Arrays;

/**
 * In-place selection (Hoare's quickselect with median-of-three pivots): after {@code select(a, r)}, {@code a[r]} holds
 * the element of 0-based rank r of the sorted array, every element left of r is ≤ it and every element right of it is ≥
 * it. Expected O(n); after 64 rounds without convergence the remaining range is sorted (O(n log n) worst case). No NaN
 * allowed.
 */
final class Select {
    private Select() {}

    static double select(double[] a, int r) {
        return select(a, 0, a.length, r);
    }

    /** As {@link #select(double[], int)} on the range {@code [from, to)}; {@code r} is an index in it. */
    static double select(double[] a, int from, int to, int r) {
        int lo = from;
        int hi = to - 1;
        int rounds = 0;
        while (hi > lo) {
            if (++rounds > 64) {
                Arrays.sort(a, lo, hi + 1);
                return a[r];
            }
            int mid = (lo + hi) >>> 1;
            // median of three to a[mid]
            if (a[mid] < a[lo]) {
                swap(a, mid, lo);
            }
            if (a[hi] < a[lo]) {
                swap(a, hi, lo);
            }
            if (a[hi] < a[mid]) {
                swap(a, hi, mid);
            }
            long ij = partition(a, lo, hi, a[mid]);
            int i = (int) (ij >>> 32);
            int j = (int) ij;
            // now [lo, j] <= pivot, [i, hi] >= pivot, (j, i) == pivot
            if (r <= j) {
                hi = j;
            } else if (r >= i) {
                lo = i;
            } else {
                return a[r];
            }
        }
        return a[r];
    }

    /*
     * Hoare's partition and its two scans are methods of their own, one loop each: C2 compiles each once, instead of
     * compiling select again for every loop of it that becomes hot (on-stack replacement at each, then the entry).
     */

    /**
     * Hoare's partition of [lo, hi] around {@code pivot}: the final scan indices i and j, packed as i·2³² + (j mod
     * 2³²).
     */
    private static long partition(double[] a, int lo, int hi, double pivot) {
        int i = lo;
        int j = hi;
        while (i <= j) {
            i = scanUp(a, i, pivot);
            j = scanDown(a, j, pivot);
            if (i <= j) {
                swap(a, i, j);
                i++;
                j--;
            }
        }
        return ((long) i << 32) | (j & 0xFFFFFFFFL);
    }

    /** The first index from i on whose element is not below the pivot. */
    private static int scanUp(double[] a, int i, double pivot) {
        int at = i;
        while (a[at] < pivot) {
            at++;
        }
        return at;
    }

    /** The last index from j down whose element is not above the pivot. */
    private static int scanDown(double[] a, int j, double pivot) {
        int at = j;
        while (a[at] > pivot) {
            at--;
        }
        return at;
    }

    private static void swap(double[] a, int i, int j) {
        double t = a[i];
        a[i] = a[j];
        a[j] = t;
    }
}
