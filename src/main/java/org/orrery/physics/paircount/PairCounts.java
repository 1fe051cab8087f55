package org.orrery.physics.paircount;

import java.util.Arrays;

/**
 * Pair counts per separation bin: exact 64-bit integer counts of <em>unique</em> pairs, and optionally the sum of
 * weight products {@code sum w_i w_j} and the sum of separations {@code sum r} per bin (for the mean separation).
 * Unique pairs: in an auto-count each unordered pair {i, j} with i != j appears once; in a cross-count each (i in D1, j
 * in D2) appears once. Corrfunc's auto-counts report ordered pairs (each unique pair twice): see {@link #ordered()}.
 */
public final class PairCounts {
    private final long[] counts;
    private final double[] wsum;
    private final double[] rsum;

    public PairCounts(long[] counts, double[] wsum, double[] rsum) {
        this.counts = counts;
        this.wsum = wsum;
        this.rsum = rsum;
    }

    /** Empty counts for {@code nbins} bins. */
    public static PairCounts zero(int nbins, boolean weights, boolean ravg) {
        return new PairCounts(new long[nbins], weights ? new double[nbins] : null, ravg ? new double[nbins] : null);
    }

    public int nbins() {
        return counts.length;
    }

    /** Unique pairs per bin (the array itself). */
    public long[] counts() {
        return counts;
    }

    /** Sum of w_i w_j per bin over unique pairs, or null without weights. */
    public double[] weightSums() {
        return wsum;
    }

    /** Sum of separations per bin over unique pairs, or null when not requested. */
    public double[] separationSums() {
        return rsum;
    }

    public boolean hasWeights() {
        return wsum != null;
    }

    public boolean hasSeparations() {
        return rsum != null;
    }

    /** Mean separation in bin k (NaN when the bin is empty or separations were not summed). */
    public double meanSeparation(int k) {
        return rsum == null || counts[k] == 0 ? Double.NaN : rsum[k] / counts[k];
    }

    /** Total unique pairs over all bins. */
    public long total() {
        long t = 0;
        for (long c : counts) {
            t += c;
        }
        return t;
    }

    /**
     * Corrfunc's auto-correlation convention: every unique pair counted twice (i,j) and (j,i); counts and weight sums
     * doubled, separation sums doubled so means are unchanged.
     */
    public PairCounts ordered() {
        long[] c = counts.clone();
        for (int k = 0; k < c.length; k++) {
            c[k] *= 2;
        }
        return new PairCounts(c, twice(wsum), twice(rsum));
    }

    private static double[] twice(double[] a) {
        if (a == null) {
            return null;
        }
        double[] b = a.clone();
        for (int k = 0; k < b.length; k++) {
            b[k] *= 2;
        }
        return b;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PairCounts p
                && Arrays.equals(counts, p.counts)
                && Arrays.equals(wsum, p.wsum)
                && Arrays.equals(rsum, p.rsum);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(counts);
    }

    @Override
    public String toString() {
        return "PairCounts" + Arrays.toString(counts) + (wsum == null ? "" : " w" + Arrays.toString(wsum))
                + (rsum == null ? "" : " r" + Arrays.toString(rsum));
    }
}
