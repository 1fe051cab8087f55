package org.orrery.physics.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Which input pixel the median filter picks, not only its value: {@link MedianFilter#selectSources} must return, for
 * every output pixel, the source of the window element of rank (k·k)/2 when the window's padded samples are ordered by
 * (sort key, padded position) — the order the global stable radix sort defines. This pins the output bits under ties
 * and signed zeros whatever the block walk's code structure (its split into one-loop methods changed no index), and the
 * moments' split into one-loop methods is checked bit for bit against the single-method arithmetic.
 */
class MedianSourcesTest {

    /** Brute force: rank each window's padded samples by (key, padded position), take rank (k·k)/2, its source. */
    static int[] stableRankSources(double[] a, int ny, int nx, int k) {
        int lo = k / 2;
        int px = nx + k - 1;
        int[] out = new int[ny * nx];
        long[][] w = new long[k * k][];
        for (int y = 0; y < ny; y++) {
            for (int x = 0; x < nx; x++) {
                int n = 0;
                for (int dy = 0; dy < k; dy++) {
                    for (int dx = 0; dx < k; dx++) {
                        int src = MedianFilter.reflect(y + dy - lo, ny) * nx + MedianFilter.reflect(x + dx - lo, nx);
                        long padded = (long) (y + dy) * px + (x + dx);
                        w[n++] = new long[] {MedianFilter.sortKey(a[src]), padded, src};
                    }
                }
                Arrays.sort(w, (p, q) -> p[0] != q[0] ? Long.compare(p[0], q[0]) : Long.compare(p[1], q[1]));
                out[y * nx + x] = (int) w[k * k / 2][2];
            }
        }
        return out;
    }

    @Test
    void sourcesFollowTheStableRankUnderTiesAndSignedZeros() {
        // {k, ny, nx}: one block, several blocks in both directions, partial last blocks, windows larger than the image
        int[][] cases = {{2, 5, 4}, {3, 40, 37}, {4, 33, 50}, {5, 70, 45}, {8, 41, 64}, {17, 60, 52}, {20, 9, 13}};
        SplittableRandom rng = new SplittableRandom(18);
        double[] values = {-0.0, 0.0, 1.5, -2.0, Double.POSITIVE_INFINITY, 3.0};
        for (int[] c : cases) {
            int k = c[0];
            int ny = c[1];
            int nx = c[2];
            double[] a = new double[ny * nx];
            for (int i = 0; i < a.length; i++) {
                a[i] = values[rng.nextInt(values.length)];
            }
            assertArrayEquals(stableRankSources(a, ny, nx, k), MedianFilter.selectSources(a, ny, nx, k), "k=" + k);
            double[] r = MedianFilterTest.random(rng, ny * nx);
            assertArrayEquals(stableRankSources(r, ny, nx, k), MedianFilter.selectSources(r, ny, nx, k), "k=" + k);
        }
    }

    /** The moments as one method with both loops (before the split), the reference for the bits. */
    static double[] momentsOneMethod(double[] a) {
        int n = a.length;
        double s = 0;
        double c = 0;
        for (double v : a) {
            double t = s + v;
            c += Math.abs(s) >= Math.abs(v) ? (s - t) + v : (v - t) + s;
            s = t;
        }
        double mean = Double.isFinite(s) ? (s + c) / n : s / n;
        double q = 0;
        double cq = 0;
        for (double v : a) {
            double d = v - mean;
            double d2 = d * d;
            double t = q + d2;
            cq += q >= d2 ? (q - t) + d2 : (d2 - t) + q;
            q = t;
        }
        return new double[] {mean, Math.sqrt(Double.isFinite(q) ? (q + cq) / n : q / n)};
    }

    @Test
    void splitMomentsKeepTheBits() {
        SplittableRandom rng = new SplittableRandom(5);
        for (int n : new int[] {1, 2, 7, 1000, 65_537}) {
            double[] a = new double[n];
            for (int i = 0; i < n; i++) {
                a[i] = (rng.nextDouble() - 0.4) * Math.pow(10, rng.nextInt(16) - 8);
            }
            double[] ref = momentsOneMethod(a);
            ImageStats.Moments m = ImageStats.moments(a);
            assertEquals(Double.doubleToRawLongBits(ref[0]), Double.doubleToRawLongBits(m.mean()), "n=" + n);
            assertEquals(Double.doubleToRawLongBits(ref[1]), Double.doubleToRawLongBits(m.std()), "n=" + n);
        }
        double[] inf = {1, Double.POSITIVE_INFINITY, 2};
        ImageStats.Moments m = ImageStats.moments(inf);
        assertEquals(momentsOneMethod(inf)[0], m.mean());
        assertEquals(Double.doubleToRawLongBits(momentsOneMethod(inf)[1]), Double.doubleToRawLongBits(m.std()));
    }
}
