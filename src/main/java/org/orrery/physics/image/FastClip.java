package org.orrery.physics.image;

/**
 * Sigma-clipping bounds exactly as astropy 5.2's C fast path ({@code _sigma_clip_fast}, used by {@code SigmaClip}
 * whenever an {@code axis} is given, e.g. by photutils' {@code Background2D} on its box rows). Per pass, on the packed
 * buffer of the values still kept: the median first (Wirth's selection, Wirth 1976 "Algorithms + Data Structures =
 * Programs" §2.3.4, which permutes the buffer; even n: 0.5·(x_(n/2) + x_(n/2−1)) selected in that order), then the mean
 * summed in the permuted order, std = √(Σ(mean − x)²/n) or mad_std; bounds c − σ_l·s, c + σ_u·s; values inside are
 * packed in order. Stops when nothing changes or after {@code maxIters} passes. The caller then keeps every original
 * value inside the FINAL bounds — so a value clipped in an early pass comes back if the last bounds include it
 * (astropy's behaviour on this path, unlike {@code sigma_clipped_stats}).
 *
 * <p>Pure functions on caller-owned arrays; thread-safe.
 */
final class FastClip {
    private FastClip() {}

    /** Wirth's k-th smallest of {@code a[0..n)}, permuting it exactly as astropy's {@code kth_smallest}. */
    static double kth(double[] a, int n, int k) {
        int l = 0;
        int m = n - 1;
        while (l < m) {
            double x = a[k];
            int i = l;
            int j = m;
            do {
                while (a[i] < x) {
                    i++;
                }
                while (x < a[j]) {
                    j--;
                }
                if (i <= j) {
                    double t = a[i];
                    a[i] = a[j];
                    a[j] = t;
                    i++;
                    j--;
                }
            } while (i <= j);
            if (j < k) {
                l = i;
            }
            if (k < i) {
                m = j;
            }
        }
        return a[k];
    }

    static double median(double[] a, int n) {
        if (n % 2 == 0) {
            double hi = kth(a, n, n / 2);
            return 0.5 * (hi + kth(a, n, n / 2 - 1));
        }
        return kth(a, n, (n - 1) / 2);
    }

    /**
     * Bounds {lower, upper} of clipping {@code buf[0..count)} (finite values; permuted and packed in place); NaN bounds
     * when {@code count} is 0. {@code buf2}: scratch, length ≥ count.
     */
    static double[] bounds(double[] buf, int count, SigmaClip clip, double[] buf2) {
        if (count == 0) {
            return new double[] {Double.NaN, Double.NaN};
        }
        boolean useMedian = clip.center() == SigmaClip.Center.MEDIAN;
        boolean useMad = clip.spread() == SigmaClip.Spread.MAD_STD;
        int n = count;
        int iteration = 0;
        double lo;
        double hi;
        while (true) {
            double median = 0;
            double mean = 0;
            if (useMedian || useMad) {
                median = median(buf, n);
            }
            if (!useMedian || !useMad) {
                for (int i = 0; i < n; i++) {
                    mean += buf[i];
                }
                mean /= n;
            }
            double cen = useMedian ? median : mean;
            double std;
            if (useMad) {
                for (int i = 0; i < n; i++) {
                    buf2[i] = Math.abs(buf[i] - median);
                }
                std = median(buf2, n) * 1.482602218505602;
            } else {
                std = 0;
                for (int i = 0; i < n; i++) {
                    double d = mean - buf[i];
                    std += d * d;
                }
                std = Math.sqrt(std / n);
            }
            lo = cen - clip.sigmaLower() * std;
            hi = cen + clip.sigmaUpper() * std;
            int kept = 0;
            for (int i = 0; i < n; i++) {
                if (buf[i] >= lo && buf[i] <= hi) {
                    buf[kept++] = buf[i];
                }
            }
            if (kept == n) {
                break;
            }
            n = kept;
            iteration++;
            if (clip.maxIters() != Integer.MAX_VALUE && iteration >= clip.maxIters()) {
                break;
            }
        }
        return new double[] {lo, hi};
    }
}
