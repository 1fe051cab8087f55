package org.orrery.io.catalog;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

/**
 * Decimal numbers in ASCII bytes to doubles, with exactly the result of {@link Double#parseDouble} (same bits, same
 * {@link NumberFormatException}), several times faster on the plain decimal forms catalogs hold.
 *
 * <p><b>Algorithm.</b> A field of the form {@code [+-] digits [. digits] [(e|E) [+-] digits]} with at most 19
 * significant digits is read as an integer w and a power of ten q (value = w × 10^q). Then, in order: w = 0 gives ±0; w
 * &lt;= 2^53 and |q| &lt;= 22 gives {@code w * 10^q} or {@code w / 10^-q}, one correctly rounded operation on exact
 * operands (Clinger 1990, "How to read floating point numbers accurately", PLDI); otherwise the Eisel–Lemire algorithm
 * (Lemire 2021, "Number parsing at a gigabyte per second", Software: Practice and Experience 51, 1700, sections 5–6): w
 * × 5^q from a 128-bit truncated power of five, rounded to nearest-even, which either yields the correctly rounded
 * double or reports that the truncation leaves the rounding undecided. Every other case — more than 19 significant
 * digits, an undecided rounding, a subnormal or out-of-range result, and any other syntax (hexadecimal, "Infinity",
 * "NaN", a trailing 'd' or 'f', an empty or malformed field) — is handed to {@link Double#parseDouble} on the same
 * characters, so the answer is always Java's. The 128-bit powers of five are a table read once from a resource
 * (computed with {@link BigInteger}, checked by a test). Stateless and thread-safe.
 */
final class DecimalParser {
    private static final int MIN_Q = -342;
    private static final int MAX_Q = 308;
    /** Truncated (q >= 0) or rounded-up (q < 0) 128-bit mantissas of 5^q: high word at 2i, low at 2i + 1. */
    private static final long[] POW5 = powersOfFive();

    private static final double[] POW10 = {
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19,
        1e20, 1e21, 1e22
    };

    private DecimalParser() {}

    /** The double of bytes [from, to) of {@code b}, as {@link Double#parseDouble} of those characters. */
    static double parse(byte[] b, int from, int to) {
        int i = from;
        boolean negative = false;
        if (i < to && (b[i] == '-' || b[i] == '+')) {
            negative = b[i] == '-';
            i++;
        }
        long w = 0;
        int digits = 0; // significant digits in w
        int scale = 0; // decimal exponent adjustment from the fraction
        boolean any = false;
        while (i < to && b[i] >= '0' && b[i] <= '9') {
            any = true;
            if (w != 0 || b[i] != '0') {
                if (++digits > 19) {
                    return slow(b, from, to);
                }
                w = 10 * w + (b[i] - '0');
            }
            i++;
        }
        if (i < to && b[i] == '.') {
            i++;
            while (i < to && b[i] >= '0' && b[i] <= '9') {
                any = true;
                if (w != 0 || b[i] != '0') {
                    if (++digits > 19) {
                        return slow(b, from, to);
                    }
                    w = 10 * w + (b[i] - '0');
                }
                scale--;
                i++;
            }
        }
        if (!any) {
            return slow(b, from, to);
        }
        int exp = 0;
        if (i < to && (b[i] == 'e' || b[i] == 'E')) {
            i++;
            boolean eneg = false;
            if (i < to && (b[i] == '-' || b[i] == '+')) {
                eneg = b[i] == '-';
                i++;
            }
            int e0 = i;
            while (i < to && b[i] >= '0' && b[i] <= '9') {
                if (i - e0 >= 6) {
                    return slow(b, from, to);
                }
                exp = 10 * exp + (b[i] - '0');
                i++;
            }
            if (i == e0) {
                return slow(b, from, to);
            }
            if (eneg) {
                exp = -exp;
            }
        }
        if (i != to) {
            return slow(b, from, to);
        }
        if (w == 0) {
            return negative ? -0.0 : 0.0;
        }
        int q = exp + scale;
        double v;
        if (w > 0 && w <= (1L << 53) && q >= -22 && q <= 22) {
            v = q >= 0 ? w * POW10[q] : w / POW10[-q];
        } else {
            long bits = eiselLemire(q, w);
            if (bits < 0) {
                return slow(b, from, to);
            }
            v = Double.longBitsToDouble(bits);
        }
        return negative ? -v : v;
    }

    private static double slow(byte[] b, int from, int to) {
        return Double.parseDouble(new String(b, from, to - from, StandardCharsets.ISO_8859_1));
    }

    /**
     * Bits of the positive double nearest w × 10^q (w > 0, fewer than 20 digits), or -1 when this fast path cannot
     * decide (the caller falls back).
     */
    static long eiselLemire(int q, long w) {
        if (q < MIN_Q || q > MAX_Q) {
            return -1;
        }
        int lz = Long.numberOfLeadingZeros(w);
        long wn = w << lz;
        int idx = 2 * (q - MIN_Q);
        long p1 = POW5[idx];
        long hi = unsignedMultiplyHigh(wn, p1);
        long lo = wn * p1;
        long mask = 0xFFFFFFFFFFFFFFFFL >>> 55;
        if ((hi & mask) == mask) {
            long p2 = POW5[idx + 1];
            long secondHi = unsignedMultiplyHigh(wn, p2);
            long newLo = lo + secondHi;
            if (Long.compareUnsigned(secondHi, newLo) > 0) {
                hi++;
            }
            lo = newLo;
        }
        if (lo == 0xFFFFFFFFFFFFFFFFL && (q < -27 || q > 55)) {
            return -1;
        }
        int upper = (int) (hi >>> 63);
        long mantissa = hi >>> (upper + 64 - 52 - 3);
        int power2 = (((152170 + 65536) * q) >> 16) + 63 + upper - lz + 1023;
        if (power2 <= 0) {
            return -1; // subnormal or zero: Double.parseDouble decides
        }
        if (Long.compareUnsigned(lo, 1) <= 0
                && q >= -4
                && q <= 23
                && (mantissa & 3) == 1
                && (mantissa << (upper + 64 - 52 - 3)) == hi) {
            mantissa &= ~1L;
        }
        mantissa += mantissa & 1;
        mantissa >>>= 1;
        if (mantissa >= (2L << 52)) {
            mantissa = 1L << 52;
            power2++;
        }
        mantissa &= ~(1L << 52);
        if (power2 >= 0x7FF) {
            return -1; // overflow: Double.parseDouble gives the infinity
        }
        return mantissa | ((long) power2 << 52);
    }

    /** The high 64 bits of the unsigned 128-bit product a × b. */
    static long unsignedMultiplyHigh(long a, long b) {
        return Math.multiplyHigh(a, b) + ((a >> 63) & b) + ((b >> 63) & a);
    }

    /**
     * The table, read from the resource {@code pow5.bin} (big-endian longs; computing it with {@link BigInteger} at
     * start-up took 0.15–0.25 s of interpreted code, before the first line of a catalog could be parsed).
     * {@code DecimalParserTableTest} checks it against that computation.
     */
    private static long[] powersOfFive() {
        long[] t = new long[2 * (MAX_Q - MIN_Q + 1)];
        try (java.io.InputStream in = DecimalParser.class.getResourceAsStream("pow5.bin")) {
            if (in == null) {
                throw new IllegalStateException("pow5.bin is missing from the class path");
            }
            java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(in.readAllBytes());
            if (b.remaining() != 8 * t.length) {
                throw new IllegalStateException("pow5.bin holds " + b.remaining() + " bytes, not " + 8 * t.length);
            }
            b.asLongBuffer().get(t);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot read pow5.bin", e);
        }
        return t;
    }

    /** The table (a copy), for the test that checks it. */
    static long[] powerTable() {
        return POW5.clone();
    }

    /** Smallest and largest power of ten in the table. */
    static int[] powerRange() {
        return new int[] {MIN_Q, MAX_Q};
    }
}
