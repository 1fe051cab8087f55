package org.orrery.apps.decay;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.orrery.model.UserError;
import org.orrery.physics.montecarlo.DecayModel;
import org.orrery.physics.montecarlo.DecaySimulation.Method;

/**
 * A decay ensemble as asked for on the command line, validated (messages name the options): every rank builds it
 * identically from the same arguments, before MPI starts.
 *
 * @param n0 initial number of parent nuclei, 1 &hellip; 10<sup>15</sup>
 * @param halfLives half-lives of the chain members in seconds (the last product is stable), &gt; 0
 * @param species names of the chain members and the stable product (one more than half-lives); null gives Li-8, Be-8
 *     for the default half-life, else S0, S1, &hellip;
 * @param dt time step in seconds, &gt; 0
 * @param tMax end time in seconds, &gt; 0; at most 10<sup>8</sup> steps
 * @param members number of independent simulations, &ge; 1
 * @param seed master seed; member k uses stream (seed, k)
 * @param method how decays in a step are drawn
 * @param threads threads per rank, 1 &hellip; 4096
 */
public record DecayConfig(
        long n0,
        double[] halfLives,
        List<String> species,
        double dt,
        double tMax,
        int members,
        long seed,
        Method method,
        int threads) {
    /** Half-life of &#x2078;Li in seconds, the teaching example's default. */
    public static final double LI8_HALF_LIFE = 0.8387;
    /** Largest number of curve values rank 0 gathers (8 bytes each). */
    public static final long MAX_GATHERED_VALUES = 1L << 28;
    /** Largest number of time steps. */
    public static final long MAX_STEPS = 100_000_000L;

    public DecayConfig {
        if (n0 < 1) {
            throw new UserError("--n0 must be at least 1, got " + n0);
        }
        if (n0 > 1_000_000_000_000_000L) {
            throw new UserError("--n0 must be at most 1e15, got " + n0);
        }
        if (halfLives.length == 0) {
            throw new UserError("--half-life needs at least one value");
        }
        for (double h : halfLives) {
            if (!(h > 0.0) || Double.isInfinite(h)) {
                throw new UserError("--half-life must be positive and finite, got " + h);
            }
        }
        if (!(dt > 0.0) || Double.isInfinite(dt)) {
            throw new UserError("--dt must be positive and finite, got " + dt);
        }
        if (!(tMax > 0.0) || Double.isInfinite(tMax)) {
            throw new UserError("--t-max must be positive and finite, got " + tMax);
        }
        long steps = DecayModel.stepsFor(tMax, dt);
        if (steps > MAX_STEPS) {
            throw new UserError("--t-max / --dt gives " + steps + " steps, more than 1e8: use a larger --dt");
        }
        if (members < 1) {
            throw new UserError("--nsims must be at least 1, got " + members);
        }
        if (threads < 1 || threads > 4096) {
            throw new UserError("--threads must be in 1..4096, got " + threads);
        }
        if (species != null && species.size() != halfLives.length + 1) {
            throw new UserError("--species needs " + (halfLives.length + 1)
                    + " names (one per --half-life value and one for " + "the stable product), got " + species.size());
        }
        long values = (steps + 1) * halfLives.length * (long) members;
        if (values > MAX_GATHERED_VALUES) {
            throw new UserError("the ensemble has " + values + " curve values (> 2^28) to gather on rank 0: "
                    + "reduce --nsims or --t-max, or increase --dt");
        }
        Objects.requireNonNull(method, "method");
        halfLives = halfLives.clone();
        species = List.copyOf(species != null ? species : defaultNames(halfLives));
    }

    private static List<String> defaultNames(double[] halfLives) {
        if (halfLives.length == 1 && halfLives[0] == LI8_HALF_LIFE) {
            return List.of("Li-8", "Be-8");
        }
        List<String> n = new ArrayList<>();
        for (int j = 0; j <= halfLives.length; j++) {
            n.add("S" + j);
        }
        return n;
    }

    @Override
    public double[] halfLives() {
        return halfLives.clone();
    }

    /** The model the kernels simulate. */
    public DecayModel model() {
        return new DecayModel(n0, halfLives, dt, Math.toIntExact(DecayModel.stepsFor(tMax, dt)));
    }

    /** The chain as text: {@code Li-8 -> Be-8}. */
    public String chain() {
        return String.join(" -> ", species);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DecayConfig c
                && n0 == c.n0
                && Arrays.equals(halfLives, c.halfLives)
                && species.equals(c.species)
                && Double.compare(dt, c.dt) == 0
                && Double.compare(tMax, c.tMax) == 0
                && members == c.members
                && seed == c.seed
                && method == c.method
                && threads == c.threads;
    }

    @Override
    public int hashCode() {
        return Objects.hash(n0, Arrays.hashCode(halfLives), species, dt, tMax, members, seed, method, threads);
    }

    @Override
    public String toString() {
        return "DecayConfig[n0=" + n0 + ", halfLives=" + Arrays.toString(halfLives) + ", species=" + species + ", dt="
                + dt
                + ", tMax=" + tMax + ", members=" + members + ", seed=" + seed + ", method=" + method + ", threads="
                + threads + "]";
    }
}
