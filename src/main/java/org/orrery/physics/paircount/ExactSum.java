package org.orrery.physics.paircount;

import java.math.BigInteger;

/**
 * Exact, order-independent sums of non-negative doubles (the weighted pair counts {@code Σ w_i·w_j} of the survey
 * modes), rounded to double once at the end, so that a sum split over threads, ranks and blocks in any way gives the
 * same bits.
 *
 * <p><b>Algorithm.</b> A small fixed-point accumulator (a window of Kulisch's long accumulator; Kulisch &amp; Miranker
 * 1981, and the "superaccumulator" of Collange et al. 2015): every term t is a double that is 0 or lies in {@code [min,
 * max]}, so it is an integer multiple of {@code 2^lo} with {@code lo} the exponent of the last mantissa bit of
 * {@code min} (that exponent never decreases as doubles grow), and a sum of fewer than 2^63 such terms stays below
 * {@code 2^(e(max) + 64)}. The sum is held exactly as an integer in units of {@code 2^lo}, in 32-bit digits ("limbs")
 * stored in {@code long}s: adding t splits its 53-bit mantissa, shifted to its place, over three limbs (three integer
 * additions; each limb grows by less than 2^32, so 2^30 additions cannot overflow it before a {@link #normalise} pass
 * propagates the carries). Integer addition is associative, so partial sums of threads and ranks combine to the same
 * integer in any order ({@link #addInto}, and an MPI sum over normalised limbs, each below 2^32); delete-one jackknife
 * sums are exact differences ({@link #difference}). {@link #toDouble} rounds the integer to the nearest double (ties to
 * even) exactly once.
 *
 * <p><b>Size.</b> The window has {@code (e(max) + 64 − lo) / 32 + 3} limbs: weights in [0.1, 10] give products in
 * [0.01, 100] and 7 limbs (56 bytes) per bin. Cost per weighted pair: one multiply, the bit split and three adds.
 * Immutable (the accumulators are caller-owned {@code long[]} slices at {@code base}, {@link #limbs()} long each).
 */
public final class ExactSum {
    private static final long FRACTION = (1L << 52) - 1;
    private static final long HIDDEN = 1L << 52;
    private static final long MASK32 = 0xFFFF_FFFFL;
    /** Additions a limb may take between normalisations (each adds < 2^32; a long holds 2^63). */
    public static final long SAFE_ADDS = 1L << 30;

    private final int lo;
    private final int limbs;

    private ExactSum(int lo, int limbs) {
        this.lo = lo;
        this.limbs = limbs;
    }

    /** A window for sums of fewer than 2^63 terms, each 0 or in {@code [min, max]} ({@code 0 < min <= max}, finite). */
    public static ExactSum forTerms(double min, double max) {
        if (!(min > 0 && min <= max && max <= Double.MAX_VALUE)) {
            throw new IllegalArgumentException("exact-sum window needs 0 < min <= max finite, got " + min + ", " + max);
        }
        int low = lastBitExponent(min);
        int top = Math.max(Math.getExponent(max), Double.MIN_EXPONENT) + 64;
        return new ExactSum(low, (top - low) / 32 + 3);
    }

    /**
     * A window for the rounded products {@code fl(w_i·w_j)} of weights that are 0 or in {@code [wmin, wmax]} (the
     * smallest nonzero product is at least {@code fl(wmin²)}, as rounding is monotone; products that underflow to 0 add
     * nothing). Throws when {@code wmax²} overflows.
     */
    public static ExactSum forProducts(double wmin, double wmax) {
        double pmin = wmin * wmin;
        double pmax = wmax * wmax;
        if (Double.isInfinite(pmax)) {
            throw new IllegalArgumentException("weight " + wmax + " squared overflows");
        }
        return forTerms(pmin > 0 ? pmin : Double.MIN_VALUE, Math.max(pmax, Double.MIN_VALUE));
    }

    /** Exponent of the last mantissa bit of a positive double (−1074 for subnormals). */
    static int lastBitExponent(double v) {
        int e = (int) (Double.doubleToRawLongBits(v) >>> 52);
        return e == 0 ? -1074 : e - 1075;
    }

    /** Longs per accumulator. */
    public int limbs() {
        return limbs;
    }

    /** Units of the lowest limb: {@code 2^lo}. */
    public int lowExponent() {
        return lo;
    }

    /** Adds the term {@code t} (0 or in the window's range; 0 adds nothing) to the accumulator at {@code base}. */
    public void add(long[] acc, int base, double t) {
        long bits = Double.doubleToRawLongBits(t);
        if (bits == 0) {
            return;
        }
        int e = (int) (bits >>> 52);
        long m = bits & FRACTION;
        int o;
        if (e == 0) {
            o = -1074 - lo;
        } else {
            m |= HIDDEN;
            o = e - 1075 - lo;
        }
        int k = base + (o >>> 5);
        int sh = o & 31;
        acc[k] += (m << sh) & MASK32;
        acc[k + 1] += (m >>> (32 - sh)) & MASK32;
        acc[k + 2] += (m >>> 1) >>> (63 - sh);
    }

    /** Propagates carries (and borrows) so every limb but the top one lies in [0, 2^32). */
    public void normalise(long[] acc, int base) {
        long carry = 0;
        int last = base + limbs - 1;
        for (int k = base; k < last; k++) {
            long v = acc[k] + carry;
            acc[k] = v & MASK32;
            carry = v >> 32;
        }
        acc[last] += carry;
    }

    /** Normalises every accumulator of an array of whole accumulators. */
    public void normaliseAll(long[] acc) {
        for (int b = 0; b + limbs <= acc.length; b += limbs) {
            normalise(acc, b);
        }
    }

    /** {@code dst += src} accumulator by accumulator (same length, both normalised), then normalised. */
    public void addInto(long[] dst, long[] src) {
        for (int i = 0; i < dst.length; i++) {
            dst[i] += src[i];
        }
        normaliseAll(dst);
    }

    /** {@code a[aBase..] − b[bBase..]} into {@code out[oBase..]}, normalised (the difference must be ≥ 0). */
    public void difference(long[] a, int aBase, long[] b, int bBase, long[] out, int oBase) {
        for (int k = 0; k < limbs; k++) {
            out[oBase + k] = a[aBase + k] - b[bBase + k];
        }
        normalise(out, oBase);
    }

    /** The exact sum held at {@code base} (normalised), rounded once to the nearest double, ties to even. */
    public double toDouble(long[] acc, int base) {
        BigInteger s = BigInteger.ZERO;
        for (int k = limbs - 1; k >= 0; k--) {
            s = s.shiftLeft(32).add(BigInteger.valueOf(acc[base + k]));
        }
        return round(s, lo);
    }

    /** {@code s · 2^scale} rounded to the nearest double, ties to even ({@code s ≥ 0}). */
    static double round(BigInteger s, int scale) {
        if (s.signum() < 0) {
            throw new IllegalArgumentException("negative exact sum " + s);
        }
        if (s.signum() == 0) {
            return 0.0;
        }
        int drop = Math.max(s.bitLength() - 53, -1074 - scale);
        if (drop <= 0) {
            return Math.scalb((double) s.longValueExact(), scale); // at most 53 bits, exponent >= -1074: exact
        }
        BigInteger q = s.shiftRight(drop);
        BigInteger rem = s.subtract(q.shiftLeft(drop));
        int c = rem.compareTo(BigInteger.ONE.shiftLeft(drop - 1));
        long m = q.longValueExact();
        if (c > 0 || (c == 0 && (m & 1) == 1)) {
            m++;
        }
        return Math.scalb((double) m, scale + drop);
    }
}
