package org.orrery.physics.montecarlo;

import java.util.Arrays;

/**
 * A radioactive decay chain simulated on a fixed time grid: N<sub>0</sub> nuclei of species 0 at t = 0; species j (j =
 * 0 &hellip; K&minus;1) decays into species j+1 with half-life {@code halfLives[j]} (seconds), and species K is the
 * stable end product. A single isotope (the teaching example, &#x2078;Li &rarr; &#x2078;Be with t&frac12; = 0.8387 s)
 * is K = 1.
 *
 * <p>Time grid: t<sub>i</sub> = i&middot;dt for i = 0 &hellip; n (n = {@code steps}), so a curve has n+1 points and
 * starts at N<sub>0</sub>. Decay constants &lambda;<sub>j</sub> = ln 2 / t&frac12;<sub>j</sub> (1/s); a nucleus of
 * species j present at the start of a step decays during it with probability p<sub>j</sub> = 1 &minus;
 * exp(&minus;&lambda;<sub>j</sub> dt), the exact survival law of an exponential lifetime over dt. A nucleus that
 * changes species in a step can decay again only from the next step on (a discrete-time Markov chain; for K = 1 it is
 * exact at the grid points).
 *
 * @param n0 initial number of species-0 nuclei, &ge; 0
 * @param halfLives half-lives of the K radioactive species in seconds, each &gt; 0 and finite
 * @param dt time step in seconds, &gt; 0
 * @param steps number of steps n &ge; 1
 */
public record DecayModel(long n0, double[] halfLives, double dt, int steps) {

    public DecayModel {
        if (n0 < 0 || n0 >= (1L << 53)) {
            throw new IllegalArgumentException("n0 must be in [0, 2^53), got " + n0);
        }
        if (halfLives == null || halfLives.length == 0) {
            throw new IllegalArgumentException("at least one half-life is needed");
        }
        for (double h : halfLives) {
            if (!(h > 0.0) || Double.isInfinite(h)) {
                throw new IllegalArgumentException("half-lives must be positive and finite, got " + h);
            }
        }
        if (!(dt > 0.0) || Double.isInfinite(dt)) {
            throw new IllegalArgumentException("dt must be positive and finite, got " + dt);
        }
        if (steps < 1) {
            throw new IllegalArgumentException("steps must be >= 1, got " + steps);
        }
        halfLives = halfLives.clone();
    }

    /** The number of steps that covers [0, tMax] with step dt: ceil(tMax/dt), ignoring a 1e-9 relative excess. */
    public static long stepsFor(double tMax, double dt) {
        return (long) Math.ceil(tMax / dt * (1.0 - 1e-9));
    }

    @Override
    public double[] halfLives() {
        return halfLives.clone();
    }

    /** Number of radioactive species K. */
    public int species() {
        return halfLives.length;
    }

    /** Points per curve and species: steps + 1. */
    public int points() {
        return steps + 1;
    }

    /** Values in one member's curve: (steps + 1) &middot; K, laid out point-major ({@code i*K + j}). */
    public int width() {
        return Math.multiplyExact(points(), species());
    }

    /** t<sub>i</sub> = i&middot;dt in seconds. */
    public double time(int i) {
        return i * dt;
    }

    /** &lambda;<sub>j</sub> = ln 2 / t&frac12;<sub>j</sub> in 1/s. */
    public double lambda(int j) {
        return Math.log(2.0) / halfLives[j];
    }

    /**
     * p<sub>j</sub> = 1 &minus; exp(&minus;&lambda;<sub>j</sub> dt), computed as &minus;expm1 for accuracy at small
     * &lambda;dt.
     */
    public double stepProbability(int j) {
        return -Math.expm1(-lambda(j) * dt);
    }

    /**
     * Exact probabilities &pi;<sub>j</sub>(t<sub>i</sub>) that one nucleus starting as species 0 is of species j at
     * t<sub>i</sub>, point-major like a curve ({@code i*K + j}). Species 0 is
     * exp(&minus;&lambda;<sub>0</sub>t<sub>i</sub>) (the analytic law); the daughters follow the chain's recurrence
     * &pi;<sub>j</sub>(i+1) = &pi;<sub>j</sub>(i)(1&minus;p<sub>j</sub>) +
     * &pi;<sub>j&minus;1</sub>(i)p<sub>j&minus;1</sub>, which tends to the Bateman solution as dt &rarr; 0. Since the
     * N<sub>0</sub> nuclei evolve independently, species-j counts are Binomial(N<sub>0</sub>, &pi;<sub>j</sub>): mean
     * N<sub>0</sub>&pi;, variance N<sub>0</sub>&pi;(1&minus;&pi;).
     */
    public double[] expectedFractions() {
        int k = species();
        double[] out = new double[width()];
        double[] pi = new double[k];
        double[] p = new double[k];
        for (int j = 0; j < k; j++) {
            p[j] = stepProbability(j);
        }
        pi[0] = 1.0;
        double lambda0 = lambda(0);
        for (int i = 0; i <= steps; i++) {
            if (i > 0) {
                for (int j = k - 1; j >= 1; j--) {
                    pi[j] = pi[j] * (1.0 - p[j]) + pi[j - 1] * p[j - 1];
                }
                pi[0] = Math.exp(-lambda0 * time(i));
            }
            System.arraycopy(pi, 0, out, i * k, k);
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DecayModel m
                && m.n0 == n0
                && Arrays.equals(m.halfLives, halfLives)
                && Double.compare(m.dt, dt) == 0
                && m.steps == steps;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(halfLives) * 31 + Long.hashCode(n0) + Double.hashCode(dt) * 7 + steps;
    }

    @Override
    public String toString() {
        return "DecayModel[n0=" + n0 + ", halfLives=" + Arrays.toString(halfLives) + ", dt=" + dt + ", steps=" + steps
                + "]";
    }
}
