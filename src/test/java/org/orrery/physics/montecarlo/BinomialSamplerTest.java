package org.orrery.physics.montecarlo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.random.RandomGenerator;
import org.apache.commons.math3.distribution.BinomialDistribution;
import org.apache.commons.math3.distribution.ChiSquaredDistribution;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BinomialSamplerTest {

    /**
     * Pearson &chi;&sup2; goodness of fit against the exact pmf (commons-math3), pooling tail bins with expected count
     * &lt; 5. Fails at p &lt; 1e-4 per case.
     */
    @ParameterizedTest(name = "n={0}, p={1}")
    @CsvSource({
        "1, 0.5",
        "7, 0.3",
        "20, 0.3", // inversion
        "60, 0.97",
        "1000, 0.9", // symmetry
        "100000, 0.000826",
        "2000, 0.35", // order-statistic splitting (mean 83 and 700)
        "1000000, 0.5",
        "40, 0.75"
    })
    void matchesTheExactPmf(long n, double p) {
        int draws = 200_000;
        BinomialDistribution exact = new BinomialDistribution(null, (int) n, p);
        RandomGenerator rng = RandomStreams.stream(12345, n ^ Double.doubleToLongBits(p));
        // Tails beyond mean +- 8 sd (plus 2 for tiny n) are pooled into the end bins.
        double mean = (double) n * p;
        double sd = Math.sqrt(mean * (1 - p));
        int lo = Math.max(0, (int) Math.floor(mean - 8 * sd - 2));
        int hi = (int) Math.min((double) n, Math.ceil(mean + 8 * sd + 2));
        long[] counts = new long[hi - lo + 1];
        for (int d = 0; d < draws; d++) {
            long x = BinomialSampler.sample(rng, n, p);
            assertTrue(x >= 0 && x <= n);
            counts[(int) Math.min(hi, Math.max(lo, x)) - lo]++;
        }
        // Bins: pool from the left and the right until expected >= 5.
        double chi2 = 0;
        int bins = 0;
        double accE = 0;
        long accO = 0;
        for (int k = lo; k <= hi; k++) {
            double pk = k == lo
                    ? exact.cumulativeProbability(lo)
                    : k == hi ? 1 - exact.cumulativeProbability(hi - 1) : exact.probability(k);
            accE += pk * draws;
            accO += counts[k - lo];
            if (accE >= 5 && (k == hi || remainingExpected(exact, k) * draws >= 5)) {
                chi2 += (accO - accE) * (accO - accE) / accE;
                bins++;
                accE = 0;
                accO = 0;
            }
        }
        if (accE > 0) {
            chi2 += (accO - accE) * (accO - accE) / accE;
            bins++;
        }
        // Every case has at least two bins (n = 1 has exactly two), so the test always has a statistic.
        assertTrue(bins >= 2, "only " + bins + " bin(s) for n = " + n + ", p = " + p);
        double pValue = 1 - new ChiSquaredDistribution(null, bins - 1).cumulativeProbability(chi2);
        // The sampler is exact, so p is uniform on [0, 1]: each fixed-seed case fails with probability 1e-4.
        assertTrue(pValue > 1e-4, "chi2 = " + chi2 + " over " + bins + " bins, p = " + pValue);
    }

    private static double remainingExpected(BinomialDistribution d, int k) {
        return 1 - d.cumulativeProbability(k);
    }

    @Test
    void hugeTrialsHaveTheBinomialMeanAndVariance() {
        long n = 1_000_000_000_000L;
        double p = 0.37;
        RandomGenerator rng = RandomStreams.stream(7, 0);
        int draws = 20_000;
        double sum = 0;
        double sum2 = 0;
        double mu = n * p;
        for (int d = 0; d < draws; d++) {
            double x = BinomialSampler.sample(rng, n, p) - mu;
            sum += x;
            sum2 += x * x;
        }
        double var = n * p * (1 - p);
        double meanZ = (sum / draws) / Math.sqrt(var / draws);
        assertTrue(Math.abs(meanZ) < 4.5, "mean z = " + meanZ);
        double ratio = sum2 / draws / var;
        assertTrue(Math.abs(ratio - 1) < 4.5 * Math.sqrt(2.0 / draws), "variance ratio " + ratio);
    }

    @Test
    void edgesAreExact() {
        RandomGenerator rng = RandomStreams.stream(1, 1);
        assertEquals(0, BinomialSampler.sample(rng, 0, 0.5));
        assertEquals(0, BinomialSampler.sample(rng, 1000, 0.0));
        assertEquals(1000, BinomialSampler.sample(rng, 1000, 1.0));
        assertEquals(1L << 40, BinomialSampler.sample(rng, 1L << 40, 1.0));
        assertThrows(IllegalArgumentException.class, () -> BinomialSampler.sample(rng, -1, 0.5));
        assertThrows(IllegalArgumentException.class, () -> BinomialSampler.sample(rng, 10, 1.5));
        assertThrows(IllegalArgumentException.class, () -> BinomialSampler.sample(rng, 10, Double.NaN));
    }

    @Test
    void gammaHasItsMeanAndVariance() {
        RandomGenerator rng = RandomStreams.stream(3, 3);
        for (double shape : new double[] {1.0, 2.5, 1e6}) {
            int draws = 50_000;
            double s = 0;
            double s2 = 0;
            for (int d = 0; d < draws; d++) {
                double x = BinomialSampler.gamma(rng, shape) - shape;
                s += x;
                s2 += x * x;
            }
            assertTrue(Math.abs(s / draws) < 4.5 * Math.sqrt(shape / draws), "shape " + shape);
            assertTrue(Math.abs(s2 / draws / shape - 1) < 0.05, "shape " + shape);
        }
    }
}
