package org.orrery.physics.paircount;

import java.util.Arrays;

/**
 * Exact 64-bit pair counts of a survey binning, with the per-patch counts that give every delete-one jackknife count
 * exactly.
 *
 * <p><b>Jackknife scheme.</b> Besides the total {@code T[b]} (unordered pairs in bin b), each of the K patches keeps
 * {@code A[k][b]}: the pairs in bin b with at least one point in patch k (a pair inside patch k adds 1 to A[k]; a pair
 * between patches k and m adds 1 to A[k] and to A[m]). Removing patch k removes exactly those pairs, so the delete-one
 * count is {@code T[b] - A[k][b]}: K + 1 histograms instead of the K² of a (patch_i, patch_j) matrix, the same exact
 * integers, one pass. For a cross count D1 × D2 the same holds with a pair touching patch k when either of its points
 * (from either catalog) lies in k.
 *
 * <p>Integers add associatively, so partial counts from threads or ranks combine to the same numbers in any order
 * ({@link #add}, {@link #packed}, {@link #unpack}). Not thread-safe.
 */
public final class SurveyCounts {
    private final int nbins;
    private final int patches;
    private final long[] total;
    private final long[] touch;

    /** Zero counts for {@code nbins} bins and {@code patches} patches (0: no jackknife). */
    public SurveyCounts(int nbins, int patches) {
        this.nbins = nbins;
        this.patches = patches;
        total = new long[nbins];
        touch = new long[nbins * patches];
    }

    public int nbins() {
        return nbins;
    }

    public int patches() {
        return patches;
    }

    /** Unordered pairs per bin (a copy). */
    public long[] total() {
        return total.clone();
    }

    /** Pairs per bin touching patch k (a copy). */
    public long[] touching(int k) {
        return Arrays.copyOfRange(touch, k * nbins, (k + 1) * nbins);
    }

    /** Pairs per bin with no point in patch k: {@code total - touching(k)}. */
    public long[] deleteOne(int k) {
        long[] out = new long[nbins];
        for (int b = 0; b < nbins; b++) {
            out[b] = total[b] - touch[k * nbins + b];
        }
        return out;
    }

    /** All delete-one counts: {@code [k][bin]}. */
    public long[][] deleteOneAll() {
        long[][] out = new long[patches][];
        for (int k = 0; k < patches; k++) {
            out[k] = deleteOne(k);
        }
        return out;
    }

    /** Sum of all bins. */
    public long sum() {
        long s = 0;
        for (long c : total) {
            s += c;
        }
        return s;
    }

    /** Adds another partial count (same shape) into this one. */
    public void add(SurveyCounts o) {
        if (o.nbins != nbins || o.patches != patches) {
            throw new IllegalArgumentException("survey counts of different shapes");
        }
        for (int b = 0; b < nbins; b++) {
            total[b] += o.total[b];
        }
        for (int i = 0; i < touch.length; i++) {
            touch[i] += o.touch[i];
        }
    }

    /** Raw arrays for the counting kernels. */
    long[] totalArray() {
        return total;
    }

    long[] touchArray() {
        return touch;
    }

    /** All counts in one array (total, then patch by patch): what a sum-reduction carries. */
    public long[] packed() {
        long[] p = new long[nbins * (patches + 1)];
        System.arraycopy(total, 0, p, 0, nbins);
        System.arraycopy(touch, 0, p, nbins, touch.length);
        return p;
    }

    /** Inverse of {@link #packed}. */
    public static SurveyCounts unpack(long[] p, int nbins, int patches) {
        if (p.length != nbins * (patches + 1)) {
            throw new IllegalArgumentException(
                    "packed counts have " + p.length + " values, expected " + nbins * (patches + 1));
        }
        SurveyCounts c = new SurveyCounts(nbins, patches);
        System.arraycopy(p, 0, c.total, 0, nbins);
        System.arraycopy(p, nbins, c.touch, 0, c.touch.length);
        return c;
    }

    /**
     * The auto-count as Corrfunc reports it: ordered pairs (twice the unordered count), plus the {@code n} self-pairs
     * in the first bin (first π/μ bin) when the smallest primary edge is 0.
     */
    public long[] asCorrfuncAuto(SurveyBinning b, long n) {
        long[] out = new long[nbins];
        for (int i = 0; i < nbins; i++) {
            out[i] = 2 * total[i];
        }
        if (b.primary().rmin() <= 0) {
            out[0] += n;
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SurveyCounts c
                && c.patches == patches
                && Arrays.equals(c.total, total)
                && Arrays.equals(c.touch, touch);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(total) * 31 + Arrays.hashCode(touch);
    }

    @Override
    public String toString() {
        return "SurveyCounts" + Arrays.toString(total) + (patches > 0 ? " with " + patches + " patches" : "");
    }
}
