package org.orrery.physics.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class MedianFilterTest {

    /** Brute force: gather each reflected k×k window, sort it, take rank (k*k)/2. */
    static double[] bruteForce(double[] a, int ny, int nx, int k) {
        double[] out = new double[ny * nx];
        double[] w = new double[k * k];
        int lo = k / 2;
        for (int y = 0; y < ny; y++) {
            for (int x = 0; x < nx; x++) {
                int n = 0;
                for (int dy = -lo; dy <= k - 1 - lo; dy++) {
                    for (int dx = -lo; dx <= k - 1 - lo; dx++) {
                        w[n++] = a[MedianFilter.reflect(y + dy, ny) * nx + MedianFilter.reflect(x + dx, nx)];
                    }
                }
                Arrays.sort(w);
                out[y * nx + x] = w[k * k / 2];
            }
        }
        return out;
    }

    static double[] random(SplittableRandom rng, int n) {
        double[] a = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = rng.nextDouble() * 2000 - 1000;
        }
        return a;
    }

    static Stream<Arguments> sizes() {
        int[] ks = {1, 2, 3, 4, 5, 6, 7, 8, 50};
        int[][] dims = {{1, 1}, {1, 7}, {7, 1}, {2, 3}, {5, 4}, {13, 11}, {30, 40}, {37, 53}};
        return Arrays.stream(ks).boxed().flatMap(k -> Arrays.stream(dims).map(d -> Arguments.of(k, d[0], d[1])));
    }

    @ParameterizedTest(name = "k={0} ny={1} nx={2}")
    @MethodSource("sizes")
    void randomImagesEqualBruteForce(int k, int ny, int nx) {
        double[] a = random(new SplittableRandom(1000L * k + 31L * ny + nx), ny * nx);
        assertArrayEquals(bruteForce(a, ny, nx, k), MedianFilter.filter(a, ny, nx, k));
    }

    @ParameterizedTest(name = "k={0} ny={1} nx={2}")
    @MethodSource("sizes")
    void manyTiesEqualBruteForce(int k, int ny, int nx) {
        SplittableRandom rng = new SplittableRandom(77L * k + ny * 5L + nx);
        double[] a = new double[ny * nx];
        for (int i = 0; i < a.length; i++) {
            a[i] = rng.nextInt(4) - 1.5; // 4 distinct values, heavy ties
        }
        assertArrayEquals(bruteForce(a, ny, nx, k), MedianFilter.filter(a, ny, nx, k));
    }

    @Test
    void largerImagesSpanningSeveralBlocksEqualBruteForce() {
        for (int k : new int[] {3, 8, 17, 50}) {
            int ny = 120;
            int nx = 97;
            double[] a = random(new SplittableRandom(k), ny * nx);
            assertArrayEquals(bruteForce(a, ny, nx, k), MedianFilter.filter(a, ny, nx, k), "k=" + k);
        }
    }

    @Test
    void constantImageIsUnchanged() {
        double[] a = new double[23 * 17];
        Arrays.fill(a, 3.25);
        for (int k : new int[] {1, 2, 5, 8, 50}) {
            assertArrayEquals(a, MedianFilter.filter(a, 23, 17, k));
            double[] hp = MedianFilter.highPass(a, 23, 17, k);
            assertTrue(Arrays.stream(hp).allMatch(v -> v == 0.0));
        }
    }

    @Test
    void evenWindowTakesUpperMiddleAndReachesUpLeft() {
        // 1-row image, k = 2: window offsets -1..0 in x and in y (reflect of row -1 is row 0).
        double[] a = {1, 5, 2, 8};
        // pixel 0: x in {-1->0, 0}: values {1,1} twice -> 1; pixel 1: {1,5,1,5} -> sorted 1,1,5,5 rank 2 -> 5
        assertArrayEquals(new double[] {1, 5, 5, 8}, MedianFilter.filter(a, 1, 4, 2));
    }

    @Test
    void reflectFollowsScipyRule() {
        // d c b a | a b c d | d c b a for n = 4, i = -8 ... 11
        int[] expect = {0, 1, 2, 3, 3, 2, 1, 0, 0, 1, 2, 3, 3, 2, 1, 0, 0, 1, 2, 3};
        for (int i = -8; i < 12; i++) {
            assertEquals(expect[i + 8], MedianFilter.reflect(i, 4), "i=" + i);
        }
        assertEquals(0, MedianFilter.reflect(12345, 1));
        assertEquals(1, MedianFilter.reflect(2, 2));
        assertEquals(0, MedianFilter.reflect(3, 2));
    }

    @Test
    void infinitiesAreOrderedAndNanIsRejected() {
        double[] a = {Double.NEGATIVE_INFINITY, 1, Double.POSITIVE_INFINITY, 2, 3, 4};
        assertArrayEquals(bruteForce(a, 2, 3, 3), MedianFilter.filter(a, 2, 3, 3));
        double[] b = {1, 2, Double.NaN, 4};
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> MedianFilter.filter(b, 2, 2, 3));
        assertTrue(e.getMessage().startsWith("NaN pixel at x=0, y=1"), e.getMessage());
    }

    @Test
    void floatImagesKeepTheirTypeAndMatchDoublePath() {
        SplittableRandom rng = new SplittableRandom(5);
        int ny = 31;
        int nx = 29;
        float[] f = new float[ny * nx];
        double[] d = new double[ny * nx];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) rng.nextGaussian();
            d[i] = f[i];
        }
        for (int k : new int[] {2, 7, 50}) {
            float[] mf = MedianFilter.filter(f, ny, nx, k);
            double[] md = bruteForce(d, ny, nx, k);
            float[] hp = MedianFilter.highPass(f, ny, nx, k);
            for (int i = 0; i < f.length; i++) {
                assertEquals((float) md[i], mf[i]);
                assertEquals(f[i] - (float) md[i], hp[i]);
            }
        }
    }

    @Test
    void highPassIsFrameMinusMedian() {
        double[] a = random(new SplittableRandom(9), 40 * 30);
        double[] m = bruteForce(a, 30, 40, 5);
        double[] hp = MedianFilter.highPass(a, 30, 40, 5);
        for (int i = 0; i < a.length; i++) {
            assertEquals(a[i] - m[i], hp[i]);
        }
    }

    @Test
    void radixOrderIsStableAndSorted() {
        SplittableRandom rng = new SplittableRandom(3);
        double[] v = IntStream.range(0, 5000)
                .mapToDouble(i -> rng.nextInt(50) - 25 + (i % 3 == 0 ? -0.0 : 0.5))
                .toArray();
        long[] keys = Arrays.stream(v).mapToLong(MedianFilter::sortKey).toArray();
        int[] order = MedianFilter.sortedOrder(keys);
        for (int i = 1; i < order.length; i++) {
            double a = v[order[i - 1]];
            double b = v[order[i]];
            assertTrue(a < b || (a == b && order[i - 1] < order[i]) || (a == 0 && b == 0), "at " + i);
        }
    }

    @Test
    void badArgumentsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> MedianFilter.filter(new double[4], 2, 2, 0));
        assertThrows(IllegalArgumentException.class, () -> MedianFilter.filter(new double[5], 2, 2, 3));
        assertThrows(IllegalArgumentException.class, () -> MedianFilter.filter(new double[0], 0, 0, 3));
    }
}
