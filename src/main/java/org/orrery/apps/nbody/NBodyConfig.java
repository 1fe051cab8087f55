package org.orrery.apps.nbody;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.orrery.model.UserError;

/**
 * An N-body run as asked for on the command line, validated: every rank builds it identically from the same arguments,
 * before MPI starts. A {@code null} field was not given: its default depends on the initial conditions or on the
 * restart file and is resolved on rank 0 ({@link NBodySetup}), which broadcasts the result. Messages name the options,
 * since this is the option level.
 *
 * @param ic kind of initial conditions (resolved: {@code file} with an input, else {@code uniform})
 * @param particles N for uniform/plummer, or null (1000)
 * @param input particle file (CSV/text or FITS table), or null
 * @param radius sphere radius for uniform (m), &gt; 0 (resolved: 1)
 * @param particleMass mass of each particle for uniform (kg), &gt; 0 (resolved: 1)
 * @param ecc eccentricity for kepler, in [0, 1) (resolved: 0.5)
 * @param units si or henon, or null (si for uniform, henon otherwise)
 * @param g gravitational constant, or null (from the units)
 * @param eps Plummer softening length, or null (per IC)
 * @param dt time step, or null (per IC)
 * @param steps total steps from t = 0, or null
 * @param tEnd end time instead of steps, or null
 * @param seed seed of the initial conditions, or null (42; the checkpoint's on restart)
 * @param diagEvery diagnostics every K steps, or null (steps/100)
 * @param logEvery a printed line every K steps, or null (about 20 lines)
 * @param snapEvery FITS snapshot every K steps (0 = last only), or null (steps/10)
 * @param checkpointEvery checkpoint every K steps, or null (as snapEvery)
 * @param restart checkpoint to continue from, or null
 * @param plotSteps steps drawn in projections.png, or null (6 snapshots)
 * @param threads threads per rank, &ge; 1
 * @param progressSeconds seconds between progress lines, &ge; 0 (0 = off)
 */
public record NBodyConfig(
        Ic ic,
        Integer particles,
        Path input,
        Double radius,
        Double particleMass,
        Double ecc,
        Units units,
        Double g,
        Double eps,
        Double dt,
        Long steps,
        Double tEnd,
        Long seed,
        Long diagEvery,
        Long logEvery,
        Long snapEvery,
        Long checkpointEvery,
        Path restart,
        List<Long> plotSteps,
        int threads,
        double progressSeconds) {

    /** Kinds of initial conditions. */
    public enum Ic {
        uniform,
        plummer,
        kepler,
        file,
        king
    }

    /** Unit systems: SI (G = 6.674e-11) or H&eacute;non (G = 1). */
    public enum Units {
        si,
        henon
    }

    /** Default N for uniform and plummer. */
    public static final int DEFAULT_PARTICLES = 1000;
    /** Default seed of the initial conditions. */
    public static final long DEFAULT_SEED = 42;
    /**
     * The largest step count or cadence accepted: 2<sup>53</sup>. The time of step k is k&middot;dt, exact in a double
     * only up to 2<sup>53</sup>, and every step and output counter then stays far from overflowing a long.
     */
    public static final long MAX_STEPS = 1L << 53;

    public NBodyConfig {
        if (restart != null) {
            List<String> given = new ArrayList<>();
            addIf(given, "--ic", ic);
            addIf(given, "--input", input);
            addIf(given, "--seed", seed);
            addIf(given, "--radius", radius);
            addIf(given, "--particle-mass", particleMass);
            addIf(given, "--ecc", ecc);
            addIf(given, "--units", units);
            if (!given.isEmpty()) {
                throw new UserError("--restart continues a run from its checkpoint; " + String.join(", ", given)
                        + " (initial conditions) cannot be given with it");
            }
        }
        if (input != null) {
            if (ic != null && ic != Ic.file) {
                throw new UserError("--input gives the particles; it cannot be combined with --ic " + ic);
            }
            ic = Ic.file;
        }
        if (ic == null) {
            ic = Ic.uniform;
        }
        if (ic == Ic.file && input == null && restart == null) {
            throw new UserError("--ic file needs --input FILE");
        }
        if (particles != null && particles <= 0) {
            throw new UserError("--particles must be positive, got " + particles);
        }
        if (particles != null && ic == Ic.kepler && particles != 2) {
            throw new UserError("--ic kepler is a two-body problem; --particles " + particles + " does not apply");
        }
        if (particles != null && ic == Ic.file && restart == null) {
            throw new UserError("--particles does not apply to --input (N is the number of rows)");
        }
        radius = radius != null ? radius : 1.0;
        particleMass = particleMass != null ? particleMass : 1.0;
        ecc = ecc != null ? ecc : 0.5;
        positive("--radius", radius);
        positive("--particle-mass", particleMass);
        if (!(ecc >= 0 && ecc < 1)) {
            throw new UserError("--ecc must be in [0, 1), got " + ecc);
        }
        positiveIfGiven("-G", g);
        positiveIfGiven("--eps (softening)", eps);
        positiveIfGiven("--dt", dt);
        positiveIfGiven("--t-end", tEnd);
        if (steps != null && steps < 0) {
            throw new UserError("--steps must be >= 0, got " + steps);
        }
        if (steps != null && tEnd != null) {
            throw new UserError("give --steps or --t-end, not both");
        }
        if (ic == Ic.file && restart == null && (eps == null || dt == null || (steps == null && tEnd == null))) {
            throw new UserError(
                    "with --input, give --eps, --dt and --steps (or --t-end): there are no defaults for your own "
                            + "particles");
        }
        atMost("--steps", steps);
        atMost("--diag-every", diagEvery);
        atMost("--log-every", logEvery);
        atMost("--snap-every", snapEvery);
        atMost("--checkpoint-every", checkpointEvery);
        if (plotSteps != null) {
            for (Long k : plotSteps) {
                if (k == null || k < 0 || k > MAX_STEPS) {
                    throw new UserError("--plot-steps takes step numbers from 0 to the last step, got " + k);
                }
            }
        }
        atLeast("--diag-every", diagEvery, 1);
        atLeast("--log-every", logEvery, 1);
        atLeast("--snap-every", snapEvery, 0);
        atLeast("--checkpoint-every", checkpointEvery, 0);
        if (threads < 1) {
            throw new UserError("--threads must be >= 1, got " + threads);
        }
        if (!(progressSeconds >= 0)) {
            throw new UserError("--progress must be >= 0 seconds, got " + progressSeconds);
        }
        plotSteps = plotSteps == null ? null : List.copyOf(plotSteps);
    }

    private static void addIf(List<String> names, String name, Object value) {
        if (value != null) {
            names.add(name);
        }
    }

    private static void positive(String what, double v) {
        if (!(v > 0) || !Double.isFinite(v)) {
            throw new UserError(what + " must be a positive number, got " + v);
        }
    }

    private static void positiveIfGiven(String what, Double v) {
        if (v != null) {
            positive(what, v);
        }
    }

    private static void atMost(String what, Long v) {
        if (v != null && v > MAX_STEPS) {
            throw new UserError(what + " " + v + " is more than " + MAX_STEPS
                    + " (2^53), the most steps a run can count: the time k*dt of step k is exact only up to there");
        }
    }

    private static void atLeast(String what, Long v, long min) {
        if (v != null && v < min) {
            throw new UserError(what + " must be >= " + min + ", got " + v);
        }
    }

    /** Whether the run uses H&eacute;non units: as given, else SI for the uniform sphere only. */
    public boolean henon() {
        return units != null ? units == Units.henon : ic != Ic.uniform;
    }

    /** The seed of fresh initial conditions. */
    public long seedOrDefault() {
        return seed != null ? seed : DEFAULT_SEED;
    }
}
