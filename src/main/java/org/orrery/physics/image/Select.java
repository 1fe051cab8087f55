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
            double pivot = a[mid];
            int i = lo;
            int j = hi;
            while (i <= j) {
                while (a[i] < pivot) {
                    i++;
                }
                while (a[j] > pivot) {
                    j--;
                }
                if (i <= j) {
                    swap(a, i, j);
                    i++;
                    j--;
                }
            }
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

    private static void swap(double[] a, int i, int j) {
        double t = a[i];
        a[i] = a[j];
        a[j] = t;
    }
}
