package org.orrery.analysis;

import java.util.Arrays;

/**
 * Point-wise statistics of an ensemble of integer curves of equal width: count, mean, sample variance, minimum and
 * maximum at each point.
 *
 * <p>Algorithm: Welford's running update of the mean and of M<sub>2</sub> = &Sigma;(x &minus; mean)&sup2; (B. P.
 * Welford, Technometrics 4 (1962) 419), and for {@link #combine} the pairwise formula of Chan, Golub &amp; LeVeque
 * (1979): &delta; = mean<sub>B</sub> &minus; mean<sub>A</sub>, mean = mean<sub>A</sub> +
 * &delta;&middot;n<sub>B</sub>/n, M<sub>2</sub> = M<sub>2,A</sub> + M<sub>2,B</sub> +
 * &delta;&sup2;n<sub>A</sub>n<sub>B</sub>/n. Minimum and maximum are exact; mean and variance of a combined accumulator
 * equal those of the whole to rounding (relative ~1e-15), and are bitwise reproducible when curves are added in the
 * same order.
 *
 * <p>Variance is the unbiased sample variance M<sub>2</sub>/(n&minus;1) (NaN for n &lt; 2). Not thread-safe.
 */
public final class CurveStatistics {
    private final int width;
    private long count;
    private final double[] mean;
    private final double[] m2;
    private final long[] min;
    private final long[] max;

    public CurveStatistics(int width) {
        if (width < 1) {
            throw new IllegalArgumentException("width must be >= 1, got " + width);
        }
        this.width = width;
        mean = new double[width];
        m2 = new double[width];
        min = new long[width];
        max = new long[width];
        Arrays.fill(min, Long.MAX_VALUE);
        Arrays.fill(max, Long.MIN_VALUE);
    }

    /** Adds one curve {@code data[off, off + width)}. */
    public CurveStatistics add(long[] data, int off) {
        count++;
        double inv = 1.0 / count;
        for (int i = 0; i < width; i++) {
            long x = data[off + i];
            double d = x - mean[i];
            mean[i] += d * inv;
            m2[i] += d * (x - mean[i]);
            if (x < min[i]) {
                min[i] = x;
            }
            if (x > max[i]) {
                max[i] = x;
            }
        }
        return this;
    }

    /** Adds {@code members} consecutive curves starting at {@code off}. */
    public CurveStatistics addAll(long[] data, int off, int members) {
        for (int m = 0; m < members; m++) {
            add(data, off + m * width);
        }
        return this;
    }

    /** Merges {@code other} (same width) into this accumulator, as if its curves had been added here. */
    public CurveStatistics combine(CurveStatistics other) {
        if (other.width != width) {
            throw new IllegalArgumentException("widths differ: " + width + " vs " + other.width);
        }
        if (other.count == 0) {
            return this;
        }
        if (count == 0) {
            count = other.count;
            System.arraycopy(other.mean, 0, mean, 0, width);
            System.arraycopy(other.m2, 0, m2, 0, width);
            System.arraycopy(other.min, 0, min, 0, width);
            System.arraycopy(other.max, 0, max, 0, width);
            return this;
        }
        double na = count;
        double nb = other.count;
        double n = na + nb;
        for (int i = 0; i < width; i++) {
            double d = other.mean[i] - mean[i];
            mean[i] += d * nb / n;
            m2[i] += other.m2[i] + d * d * na * nb / n;
            min[i] = Math.min(min[i], other.min[i]);
            max[i] = Math.max(max[i], other.max[i]);
        }
        count += other.count;
        return this;
    }

    public int width() {
        return width;
    }

    public long count() {
        return count;
    }

    public double mean(int i) {
        return count == 0 ? Double.NaN : mean[i];
    }

    /** Unbiased sample variance at point i (NaN with fewer than two curves). */
    public double variance(int i) {
        return count < 2 ? Double.NaN : Math.max(0.0, m2[i]) / (count - 1);
    }

    public double std(int i) {
        return Math.sqrt(variance(i));
    }

    public long min(int i) {
        return min[i];
    }

    public long max(int i) {
        return max[i];
    }
}
