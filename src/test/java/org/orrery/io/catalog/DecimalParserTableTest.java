package org.orrery.io.catalog;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/**
 * The 128-bit powers of five {@link DecimalParser} reads from {@code pow5.bin} equal their definition, computed here
 * with {@link BigInteger}: for q ≥ 0 the leading 128 bits of 5^q (truncated), for q &lt; 0 the 128-bit mantissa of 2^b
 * / 5^-q rounded up (Lemire 2021, section 5), high word first.
 */
class DecimalParserTableTest {
    @Test
    void tableEqualsTheBigIntegerDefinition() {
        int[] range = DecimalParser.powerRange();
        assertArrayEquals(powersOfFive(range[0], range[1]), DecimalParser.powerTable());
    }

    private static long[] powersOfFive(int minQ, int maxQ) {
        long[] t = new long[2 * (maxQ - minQ + 1)];
        BigInteger two128 = BigInteger.ONE.shiftLeft(128);
        for (int q = minQ; q <= maxQ; q++) {
            BigInteger c;
            if (q < 0) {
                BigInteger p = BigInteger.valueOf(5).pow(-q);
                int z = p.subtract(BigInteger.ONE).bitLength(); // smallest z with 2^z >= 5^-q
                int bexp = q >= -27 ? z + 127 : 2 * z + 128;
                c = BigInteger.ONE.shiftLeft(bexp).divide(p).add(BigInteger.ONE);
                while (c.compareTo(two128) >= 0) {
                    c = c.shiftRight(1);
                }
            } else {
                c = BigInteger.valueOf(5).pow(q);
                int len = c.bitLength();
                c = len < 128 ? c.shiftLeft(128 - len) : c.shiftRight(len - 128);
            }
            int i = 2 * (q - minQ);
            t[i] = c.shiftRight(64).longValue();
            t[i + 1] = c.longValue();
        }
        return t;
    }
}
