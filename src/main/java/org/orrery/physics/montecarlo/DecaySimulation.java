package org.orrery.physics.montecarlo;

import java.util.random.RandomGenerator;

/**
 * One Monte Carlo realisation of a {@link DecayModel}: the number of surviving nuclei of each radioactive species at
 * every grid time, written point-major into {@code out[off + i*K + j]}.
 *
 * <p>Two methods sample the <em>same</em> distribution of curves:
 *
 * <ul>
 *   <li>{@link Method#PER_NUCLEUS} (the teaching algorithm, kept as the reference): in each step every surviving
 *       nucleus of species j draws a uniform u &isin; [0, 1) and decays if u &lt; p<sub>j</sub>. Cost: one uniform per
 *       nucleus per step, &Theta;(N<sub>0</sub>&middot;steps).
 *   <li>{@link Method#BINOMIAL} (fast): in each step the number of decays of species j is drawn directly as
 *       d<sub>j</sub> ~ Binomial(n<sub>j</sub>, p<sub>j</sub>) with the exact {@link BinomialSampler}. Cost: O(log n)
 *       per species per step, independent of N<sub>0</sub> in practice.
 * </ul>
 *
 * Why they agree: given the populations n<sub>j</sub> at the start of a step, the per-nucleus method makes
 * n<sub>j</sub> independent Bernoulli(p<sub>j</sub>) trials for species j (and independent ones across species); the
 * number of successes of n independent Bernoulli(p) trials is Binomial(n, p) by definition. Both methods then apply the
 * same update (n<sub>j</sub> &minus;= d<sub>j</sub>, n<sub>j+1</sub> += d<sub>j</sub>), so the step-to-step transition
 * law, and by induction the law of the whole curve (a Markov chain), is identical. They consume their random streams
 * differently, so individual curves differ; the tests compare them statistically.
 *
 * <p>Pure: no I/O, no threads, no state; the generator is the caller's (one per ensemble member, see
 * {@link RandomStreams}).
 */
public final class DecaySimulation {

    /** How decays in a step are drawn. */
    public enum Method {
        /** Binomial thinning: one exact binomial variate per species per step. */
        BINOMIAL("binomial"),
        /** One uniform per surviving nucleus per step (the teaching reference). */
        PER_NUCLEUS("per-nucleus");

        private final String label;

        Method(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        /** Parses a label ("binomial", "per-nucleus") or constant name, case-insensitively. */
        public static Method parse(String s) {
            for (Method m : values()) {
                if (m.label.equalsIgnoreCase(s) || m.name().equalsIgnoreCase(s)) {
                    return m;
                }
            }
            throw new IllegalArgumentException("unknown method '" + s + "' (binomial, per-nucleus)");
        }

        @Override
        public String toString() {
            return label;
        }
    }

    private DecaySimulation() {}

    /**
     * Simulates one realisation of {@code model} with {@code method}, drawing from {@code rng}, into {@code out[off,
     * off + model.width())}.
     */
    public static void simulate(DecayModel model, Method method, RandomGenerator rng, long[] out, int off) {
        int k = model.species();
        double[] p = new double[k];
        for (int j = 0; j < k; j++) {
            p[j] = model.stepProbability(j);
        }
        long[] n = new long[k];
        long[] decays = new long[k];
        n[0] = model.n0();
        System.arraycopy(n, 0, out, off, k);
        for (int i = 1; i <= model.steps(); i++) {
            // Draw every species' decays from the populations at the start of the step.
            for (int j = 0; j < k; j++) {
                decays[j] = method == Method.BINOMIAL
                        ? BinomialSampler.sample(rng, n[j], p[j])
                        : bernoulliCount(rng, n[j], p[j]);
            }
            for (int j = 0; j < k; j++) {
                n[j] -= decays[j];
                if (j + 1 < k) {
                    n[j + 1] += decays[j];
                }
            }
            System.arraycopy(n, 0, out, off + i * k, k);
        }
    }

    /** The teaching algorithm's inner loop: how many of {@code n} uniforms fall below {@code p}. */
    static long bernoulliCount(RandomGenerator rng, long n, double p) {
        long count = 0;
        for (long m = 0; m < n; m++) {
            if (rng.nextDouble() < p) {
                count++;
            }
        }
        return count;
    }

    /**
     * Simulates ensemble members {@code [from, to)} of a run with master seed {@code seed} into {@code out}, member m
     * at {@code off + (m - from) * model.width()}. Member m always uses {@link RandomStreams#stream(long, long)
     * stream(seed, m)}, so the result does not depend on how members are split over ranks or threads.
     */
    public static void simulateMembers(
            DecayModel model, Method method, long seed, int from, int to, long[] out, int off) {
        int w = model.width();
        for (int m = from; m < to; m++) {
            simulate(model, method, RandomStreams.stream(seed, m), out, off + (m - from) * w);
        }
    }
}
