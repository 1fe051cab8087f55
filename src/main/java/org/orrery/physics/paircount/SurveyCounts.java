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
 * <p><b>Weights.</b> When made with an {@link ExactSum} window, every histogram (total and per patch) also holds the
 * exact sum of the pair products {@code fl(w_i·w_j)} per bin (Corrfunc's {@code pair_product}), as fixed-point
 * integers; {@link #weightSums()} and {@link #weightSumsDeleteOne(int)} round them once to double, so weighted sums,
 * like counts, do not depend on the summation order and delete-one sums are exact differences.
 *
 * <p>Integers add associatively, so partial counts from threads or ranks combine to the same numbers in any order
 * ({@link #add}, {@link #packed}, {@link #unpack}). Not thread-safe.
 */
public final class SurveyCounts {
    private final int nbins;
    private final int patches;
    private final long[] total;
    private final long[] touch;
    /** Weight-sum window, or null for unweighted counts. */
    private final ExactSum sums;
    /** Fixed-point weight sums per bin (nbins accumulators), and per patch and bin; null when unweighted. */
    private final long[] wtotal;

    private final long[] wtouch;

    /** Zero counts for {@code nbins} bins and {@code patches} patches (0: no jackknife). */
    public SurveyCounts(int nbins, int patches) {
        this(nbins, patches, null);
    }

    /** Zero counts, with exact weight sums in the window {@code sums} (null: unweighted). */
    public SurveyCounts(int nbins, int patches, ExactSum sums) {
        this.nbins = nbins;
        this.patches = patches;
        this.sums = sums;
        total = new long[nbins];
        touch = new long[Math.multiplyExact(nbins, patches)];
        int l = sums == null ? 0 : sums.limbs();
        wtotal = sums == null ? null : new long[Math.multiplyExact(nbins, l)];
        wtouch = sums == null ? null : new long[Math.multiplyExact(Math.multiplyExact(nbins, patches), l)];
    }

    /** Whether weight sums are held. */
    public boolean weighted() {
        return sums != null;
    }

    /** The weight-sum window, or null. */
    public ExactSum window() {
        return sums;
    }

    /** Sum of {@code fl(w_i·w_j)} per bin over the unordered pairs, rounded once (weighted counts only). */
    public double[] weightSums() {
        double[] out = new double[nbins];
        int l = sums.limbs();
        for (int b = 0; b < nbins; b++) {
            out[b] = sums.toDouble(wtotal, b * l);
        }
        return out;
    }

    /** Weight sums per bin of the pairs with no point in patch k (exact difference, rounded once). */
    public double[] weightSumsDeleteOne(int k) {
        int l = sums.limbs();
        long[] d = new long[l];
        double[] out = new double[nbins];
        for (int b = 0; b < nbins; b++) {
            sums.difference(wtotal, b * l, wtouch, (k * nbins + b) * l, d, 0);
            out[b] = sums.toDouble(d, 0);
        }
        return out;
    }

    /** All delete-one weight sums: {@code [k][bin]}. */
    public double[][] weightSumsDeleteOneAll() {
        double[][] out = new double[patches][];
        for (int k = 0; k < patches; k++) {
            out[k] = weightSumsDeleteOne(k);
        }
        return out;
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
        if (o.nbins != nbins || o.patches != patches || (o.sums == null) != (sums == null)) {
            throw new IllegalArgumentException("survey counts of different shapes");
        }
        if (sums != null) {
            if (sums.limbs() != o.sums.limbs() || sums.lowExponent() != o.sums.lowExponent()) {
                throw new IllegalArgumentException("weight sums of different windows");
            }
            sums.normaliseAll(o.wtotal);
            sums.normaliseAll(o.wtouch);
            sums.normaliseAll(wtotal);
            sums.normaliseAll(wtouch);
            sums.addInto(wtotal, o.wtotal);
            sums.addInto(wtouch, o.wtouch);
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

    long[] weightTotalArray() {
        return wtotal;
    }

    long[] weightTouchArray() {
        return wtouch;
    }

    /**
     * All counts in one array (total, then patch by patch, then the normalised weight-sum limbs in the same order):
     * what a sum-reduction carries (limbs below 2^32 each, so a sum over fewer than 2^31 ranks cannot overflow).
     */
    public long[] packed() {
        int nw = wtotal == null ? 0 : wtotal.length + wtouch.length;
        long[] p = new long[nbins * (patches + 1) + nw];
        System.arraycopy(total, 0, p, 0, nbins);
        System.arraycopy(touch, 0, p, nbins, touch.length);
        if (sums != null) {
            sums.normaliseAll(wtotal);
            sums.normaliseAll(wtouch);
            int o = nbins + touch.length;
            System.arraycopy(wtotal, 0, p, o, wtotal.length);
            System.arraycopy(wtouch, 0, p, o + wtotal.length, wtouch.length);
        }
        return p;
    }

    /** Inverse of {@link #packed} for unweighted counts. */
    public static SurveyCounts unpack(long[] p, int nbins, int patches) {
        return unpack(p, nbins, patches, null);
    }

    /** Inverse of {@link #packed} ({@code sums}: the weight-sum window, null when unweighted); normalises. */
    public static SurveyCounts unpack(long[] p, int nbins, int patches, ExactSum sums) {
        SurveyCounts c = new SurveyCounts(nbins, patches, sums);
        int nw = c.wtotal == null ? 0 : c.wtotal.length + c.wtouch.length;
        if (p.length != nbins * (patches + 1) + nw) {
            throw new IllegalArgumentException(
                    "packed counts have " + p.length + " values, expected " + (nbins * (patches + 1) + nw));
        }
        System.arraycopy(p, 0, c.total, 0, nbins);
        System.arraycopy(p, nbins, c.touch, 0, c.touch.length);
        if (sums != null) {
            int o = nbins + c.touch.length;
            System.arraycopy(p, o, c.wtotal, 0, c.wtotal.length);
            System.arraycopy(p, o + c.wtotal.length, c.wtouch, 0, c.wtouch.length);
            sums.normaliseAll(c.wtotal);
            sums.normaliseAll(c.wtouch);
        }
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
        if (!(o instanceof SurveyCounts c
                && c.patches == patches
                && Arrays.equals(c.total, total)
                && Arrays.equals(c.touch, touch)
                && (c.sums == null) == (sums == null))) {
            return false;
        }
        if (sums == null) {
            return true;
        }
        return Arrays.equals(weightSums(), c.weightSums())
                && Arrays.deepEquals(weightSumsDeleteOneAll(), c.weightSumsDeleteOneAll());
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(total) * 31 + Arrays.hashCode(touch);
    }

    @Override
    public String toString() {
        return "SurveyCounts" + Arrays.toString(total) + (sums == null ? "" : " w" + Arrays.toString(weightSums()))
                + (patches > 0 ? " with " + patches + " patches" : "");
    }
}
