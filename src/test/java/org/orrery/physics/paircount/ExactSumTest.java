package org.orrery.physics.paircount;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link ExactSum} against exact BigDecimal sums: any order, any split into partial sums, the same double, equal to the
 * exact sum rounded once to the nearest double (ties to even).
 */
class ExactSumTest {
    /** The exact sum, rounded once (BigDecimal.doubleValue rounds correctly: it parses the exact decimal string). */
    static double exact(double[] t) {
        BigDecimal s = BigDecimal.ZERO;
        for (double v : t) {
            s = s.add(new BigDecimal(v));
        }
        return s.doubleValue();
    }

    static double sum(ExactSum e, double[] t, int[] order, int parts) {
        int l = e.limbs();
        long[] total = new long[l];
        for (int p = 0; p < parts; p++) {
            long[] part = new long[l];
            for (int i = p; i < t.length; i += parts) {
                e.add(part, 0, t[order[i]]);
            }
            e.normalise(part, 0);
            e.normalise(total, 0);
            e.addInto(total, part);
        }
        return e.toDouble(total, 0);
    }

    static int[] shuffled(int n, SplittableRandom r) {
        int[] o = new int[n];
        for (int i = 0; i < n; i++) {
            o[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = o[i];
            o[i] = o[j];
            o[j] = t;
        }
        return o;
    }

    @Test
    void sumsAreExactAndOrderIndependent() {
        SplittableRandom r = new SplittableRandom(11);
        double[][] ranges = {{0.01, 100}, {1e-30, 1e30}, {Double.MIN_VALUE, 1e-300}, {1, 1}, {1e-200, 1e200}};
        for (double[] range : ranges) {
            ExactSum e = ExactSum.forTerms(range[0], range[1]);
            double[] t = new double[5000];
            for (int i = 0; i < t.length; i++) {
                double u = r.nextDouble();
                t[i] = i % 17 == 0 ? 0 : range[0] * Math.pow(range[1] / range[0], u);
                t[i] = t[i] == 0 ? 0 : Math.min(range[1], Math.max(range[0], t[i]));
            }
            double want = exact(t);
            int[] id = new int[t.length];
            for (int k = 0; k < t.length; k++) {
                id[k] = k;
            }
            assertEquals(want, sum(e, t, id, 1), "in order, " + range[0] + ".." + range[1]);
            for (int parts : new int[] {1, 2, 3, 7}) {
                assertEquals(want, sum(e, t, shuffled(t.length, r), parts), parts + " parts, " + range[0]);
            }
        }
    }

    @Test
    void cancellationInNaiveSumsDoesNotMatter() {
        // 1 + many tiny terms: a naive left-to-right sum loses them all, the exact sum keeps them
        double[] t = new double[1 + 4096];
        t[0] = 1;
        for (int i = 1; i < t.length; i++) {
            t[i] = 0x1p-60;
        }
        ExactSum e = ExactSum.forTerms(0x1p-60, 1);
        int[] order = new int[t.length];
        for (int i = 0; i < t.length; i++) {
            order[i] = i;
        }
        assertEquals(1 + 0x1p-48, sum(e, t, order, 1));
        assertEquals(exact(t), sum(e, t, order, 3));
    }

    @Test
    void roundsHalfToEven() {
        BigInteger two53 = BigInteger.ONE.shiftLeft(53);
        assertEquals(0x1p53, ExactSum.round(two53.add(BigInteger.ONE), 0)); // tie, even below
        assertEquals(0x1p53 + 4, ExactSum.round(two53.add(BigInteger.valueOf(3)), 0)); // tie, even above
        assertEquals(0x1p53 + 2, ExactSum.round(two53.shiftLeft(1).add(BigInteger.valueOf(3)), -1));
        assertEquals(Double.MIN_VALUE, ExactSum.round(BigInteger.valueOf(3), -1076)); // 0.75 ulp -> 1 ulp
        assertEquals(0.0, ExactSum.round(BigInteger.ONE, -1076)); // 0.25 ulp -> 0
        assertEquals(0.0, ExactSum.round(BigInteger.TWO, -1076)); // tie at 0.5 ulp -> even (0)
        assertEquals(Double.POSITIVE_INFINITY, ExactSum.round(BigInteger.ONE, 1100));
    }

    @Test
    void productWindowCoversEveryProduct() {
        SplittableRandom r = new SplittableRandom(3);
        double[] w = new double[300];
        for (int i = 0; i < w.length; i++) {
            w[i] = i % 10 == 0 ? 0 : 0.05 + 3 * r.nextDouble();
        }
        ExactSum e = ExactSum.forProducts(0.05, 3.05);
        int n = w.length * (w.length - 1) / 2;
        double[] t = new double[n];
        int k = 0;
        for (int i = 0; i < w.length; i++) {
            for (int j = i + 1; j < w.length; j++) {
                t[k++] = w[i] * w[j];
            }
        }
        assertEquals(exact(t), sum(e, t, shuffled(n, r), 5));
    }
}
