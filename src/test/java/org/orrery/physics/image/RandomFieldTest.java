package org.orrery.physics.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RandomFieldTest {

    /** Direct O(n^2) inverse DFT: sum_m x[m] exp(+2 pi i j m / n). */
    static double[][] naiveInverse(double[] re, double[] im) {
        int n = re.length;
        double[] or = new double[n];
        double[] oi = new double[n];
        for (int j = 0; j < n; j++) {
            for (int m = 0; m < n; m++) {
                double ang = 2 * Math.PI * ((long) j * m % n) / n;
                or[j] += re[m] * Math.cos(ang) - im[m] * Math.sin(ang);
                oi[j] += re[m] * Math.sin(ang) + im[m] * Math.cos(ang);
            }
        }
        return new double[][] {or, oi};
    }

    @Test
    void bluesteinEqualsNaiveDftForAnyLength() {
        SplittableRandom rng = new SplittableRandom(1);
        for (int n : new int[] {1, 2, 3, 5, 8, 12, 17, 100, 125, 1000}) {
            double[] re = rng.doubles(n, -1, 1).toArray();
            double[] im = rng.doubles(n, -1, 1).toArray();
            double[][] expect = naiveInverse(re, im);
            Fft f = new Fft(n);
            double[] r = re.clone();
            double[] i = im.clone();
            f.inverse(r, i, 0, 1);
            // The naive DFT sums n terms of size <= sqrt(2) with twiddles computed by sin/cos of 2 pi jk / n:
            // its own rounding is up to n * eps * sqrt(2) ~ 3e-13 at n = 1000, and Bluestein's chirp
            // (phases pi k^2 / n, k up to n) loses log2 of the phase's size in bits; 1e-10 * n bounds both.
            for (int j = 0; j < n; j++) {
                assertEquals(expect[0][j], r[j], 1e-10 * n, "n=" + n);
                assertEquals(expect[1][j], i[j], 1e-10 * n, "n=" + n);
            }
        }
    }

    @Test
    void fftFrequenciesFollowNumpy() {
        // np.fft.fftfreq(5)*5 = 0 1 2 -2 -1 ; fftfreq(4)*4 = 0 1 -2 -1
        assertArrayEquals(
                new int[] {0, 1, 2, -2, -1},
                java.util.stream.IntStream.range(0, 5)
                        .map(i -> RandomField.freq(i, 5))
                        .toArray());
        assertArrayEquals(
                new int[] {0, 1, -2, -1},
                java.util.stream.IntStream.range(0, 4)
                        .map(i -> RandomField.freq(i, 4))
                        .toArray());
    }

    @Test
    void fieldEqualsDirectSumOnASmallGrid() {
        int ny = 6;
        int nx = 10;
        long seed = RandomField.seedFor(7, 3);
        double[] img = RandomField.generate(ny, nx, 2.0, seed);
        // Direct evaluation of the formula with the same phases.
        RandomField.SplitMix64 rng = new RandomField.SplitMix64(seed);
        double maxRho2 = 0;
        for (int y = 0; y < ny; y++) {
            for (int x = 0; x < nx; x++) {
                double fx = RandomField.freq(x, nx);
                double fy = RandomField.freq(y, ny);
                maxRho2 = Math.max(maxRho2, fx * fx + fy * fy);
            }
        }
        double w2 = maxRho2 / 4.0;
        double[] sr = new double[ny * nx];
        double[] si = new double[ny * nx];
        for (int p = 0; p < sr.length; p++) {
            int fx = RandomField.freq(p % nx, nx);
            int fy = RandomField.freq(p / nx, ny);
            double ph = 2 * Math.PI * rng.nextDouble();
            double amp = Math.exp(-(fx * fx + fy * fy) / w2);
            sr[p] = amp * Math.cos(ph);
            si[p] = amp * Math.sin(ph);
        }
        for (int y = 0; y < ny; y++) {
            for (int x = 0; x < nx; x++) {
                double s = 0;
                for (int q = 0; q < sr.length; q++) {
                    int qx = q % nx;
                    int qy = q / nx; // the row of frequency q (integer division on purpose)
                    double ang = 2 * Math.PI * ((double) qx * x / nx + (double) qy * y / ny);
                    s += sr[q] * Math.cos(ang) - si[q] * Math.sin(ang);
                }
                // 60 terms with |amplitude| <= 1, divided by 60: rounding of either sum is at most
                // 60 * eps = 1.3e-14 of the largest term; 1e-13 is 7x that.
                assertEquals(s / (nx * ny), img[y * nx + x], 1e-13);
            }
        }
    }

    @Test
    void sameSeedSameBitsDifferentIndexDifferentImage() {
        double[] a = RandomField.generate(40, 30, 50, RandomField.seedFor(1, 0));
        double[] b = RandomField.generate(40, 30, 50, RandomField.seedFor(1, 0));
        double[] c = RandomField.generate(40, 30, 50, RandomField.seedFor(1, 1));
        assertArrayEquals(a, b);
        assertFalse(Arrays.equals(a, c));
        double[] u = RandomField.uniform(4, 4, 1000, 5);
        for (double v : u) {
            assertEquals(true, v >= 0 && v < 1000);
        }
    }
}
