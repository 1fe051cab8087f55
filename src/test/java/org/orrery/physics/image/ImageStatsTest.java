package org.orrery.physics.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ImageStatsTest {

    @Test
    void meanAndPopulationStdOfAnArithmeticSequence() {
        // 1..n: mean (n+1)/2, population variance (n^2-1)/12
        int n = 1001;
        double[] a = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = i + 1;
        }
        ImageStats.Moments m = ImageStats.moments(a);
        assertEquals((n + 1) / 2.0, m.mean());
        assertEquals(Math.sqrt((n * (double) n - 1) / 12), m.std(), 1e-12);
        // population (ddof=0), not sample: {1,2,3,4} -> sqrt(1.25)
        ImageStats.Moments four = ImageStats.moments(new double[] {1, 2, 3, 4});
        assertEquals(Math.sqrt(1.25), four.std(), 1e-15);
    }

    @Test
    void meanAndStdMatchExactArithmetic() {
        SplittableRandom rng = new SplittableRandom(4);
        double[] a = new double[100_000];
        for (int i = 0; i < a.length; i++) {
            a[i] = (rng.nextDouble() - 0.3) * Math.pow(10, rng.nextInt(12) - 6);
        }
        BigDecimal sum = BigDecimal.ZERO;
        for (double v : a) {
            sum = sum.add(new BigDecimal(v));
        }
        MathContext mc = MathContext.DECIMAL128;
        BigDecimal mean = sum.divide(BigDecimal.valueOf(a.length), mc);
        BigDecimal ss = BigDecimal.ZERO;
        for (double v : a) {
            BigDecimal d = new BigDecimal(v).subtract(mean);
            ss = ss.add(d.multiply(d));
        }
        double std = Math.sqrt(ss.divide(BigDecimal.valueOf(a.length), mc).doubleValue());
        ImageStats.Moments m = ImageStats.moments(a);
        assertEquals(mean.doubleValue(), m.mean(), Math.ulp(mean.doubleValue()) * 2);
        assertEquals(std, m.std(), Math.ulp(std) * 4);
    }

    @Test
    void medianLog10EqualsSortingAllLogs() {
        SplittableRandom rng = new SplittableRandom(8);
        for (int n : new int[] {1, 2, 3, 4, 7, 10, 1000, 1001, 4096}) {
            double[] a = new double[n];
            for (int i = 0; i < n; i++) {
                a[i] = rng.nextInt(5) == 0 ? -rng.nextDouble() : rng.nextDouble() * 1000; // some clamp to 1e-6
                if (rng.nextInt(7) == 0 && i > 0) {
                    a[i] = a[i - 1]; // ties
                }
            }
            double[] logs = Arrays.stream(a)
                    .map(v -> StrictMath.log10(Math.max(v, 1e-6)))
                    .sorted()
                    .toArray();
            double expect = n % 2 == 1 ? logs[n / 2] : (logs[n / 2 - 1] + logs[n / 2]) / 2;
            double[] copy = a.clone();
            assertEquals(expect, ImageStats.medianLog10(a), "n=" + n);
            assertTrue(Arrays.equals(copy, a), "input untouched");
        }
        assertEquals(-6.0, ImageStats.medianLog10(new double[] {0, -5, 0}));
    }

    @Test
    void selectPlacesRankAndPartitions() {
        SplittableRandom rng = new SplittableRandom(2);
        for (int trial = 0; trial < 200; trial++) {
            int n = 1 + rng.nextInt(300);
            double[] a = new double[n];
            for (int i = 0; i < n; i++) {
                a[i] = rng.nextInt(trial % 3 == 0 ? 3 : 1000);
            }
            double[] sorted = a.clone();
            Arrays.sort(sorted);
            int r = rng.nextInt(n);
            assertEquals(sorted[r], Select.select(a, r));
            for (int i = 0; i < r; i++) {
                assertTrue(a[i] <= a[r]);
            }
            for (int i = r + 1; i < n; i++) {
                assertTrue(a[i] >= a[r]);
            }
        }
    }

    @Test
    void brightestIsFirstMaximumInRowMajorOrder() {
        double[] a = {1, 9, 3, 9, 2, 9};
        ImageStats.Brightest b = ImageStats.brightest(a, 2, 3);
        assertEquals(new ImageStats.Brightest(1, 0, 9), b);
        double[] c = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
        assertEquals(new ImageStats.Brightest(3, 2, 12), ImageStats.brightest(c, 3, 4));
        assertThrows(IllegalArgumentException.class, () -> ImageStats.brightest(a, 2, 2));
    }

    @Test
    void brightestEqualsBruteForceArgmax() {
        SplittableRandom rng = new SplittableRandom(6);
        for (int trial = 0; trial < 50; trial++) {
            int ny = 1 + rng.nextInt(20);
            int nx = 1 + rng.nextInt(20);
            double[] a = new double[ny * nx];
            for (int i = 0; i < a.length; i++) {
                a[i] = rng.nextInt(10);
            }
            int arg = 0;
            for (int i = 0; i < a.length; i++) {
                if (a[i] > a[arg]) {
                    arg = i;
                }
            }
            assertEquals(new ImageStats.Brightest(arg % nx, arg / nx, a[arg]), ImageStats.brightest(a, ny, nx));
        }
    }

    @Test
    void nanIsFoundAndInfinityPropagates() {
        assertEquals(2, ImageStats.firstNaN(new double[] {1, 2, Double.NaN, Double.NaN}));
        assertEquals(-1, ImageStats.firstNaN(new double[] {1, 2}));
        assertEquals(
                Double.POSITIVE_INFINITY,
                ImageStats.moments(new double[] {1, Double.POSITIVE_INFINITY}).mean());
    }
}
