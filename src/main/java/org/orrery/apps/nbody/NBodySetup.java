package org.orrery.apps.nbody;

import java.nio.file.Path;
import java.util.Locale;
import org.orrery.apps.nbody.NBodyConfig.Ic;
import org.orrery.io.csv.ParticleCsv;
import org.orrery.io.snapshot.Checkpoint;
import org.orrery.io.snapshot.SnapshotFits;
import org.orrery.model.ParticleState;
import org.orrery.model.UserError;
import org.orrery.physics.gravity.Collapse;
import org.orrery.physics.ics.InitialConditions;

/**
 * Rank 0's part of an N-body start: builds the initial particles (uniform sphere, Plummer sphere, Kepler pair), reads
 * them from a file, or reads a checkpoint; checks them; and resolves every default that depends on them (G, &epsilon;,
 * dt, step count and output cadences) into a {@link Plan}. Defaults: uniform &mdash; &epsilon; = 0.01 R, dt =
 * t<sub>ff</sub>/1000, 1000 steps; Plummer (H&eacute;non units) &mdash; &epsilon; = 0.05, dt = 1/128, 1280 steps;
 * Kepler (G = M = a = 1) &mdash; &epsilon; = 10<sup>&minus;8</sup>, dt = P/1000, 10 000 steps (10 orbits).
 */
public final class NBodySetup {
    private NBodySetup() {}

    /**
     * Everything resolved on rank 0 and broadcast.
     *
     * @param g gravitational constant
     * @param eps Plummer softening length
     * @param dt time step
     * @param steps total steps from t = 0
     * @param diagEvery diagnostics cadence (&ge; 1)
     * @param snapEvery snapshot cadence (0 = last only)
     * @param ckptEvery checkpoint cadence (0 = last only)
     * @param initialEnergy E<sub>0</sub> from the checkpoint, or NaN (measured at the start)
     * @param henon H&eacute;non units (else SI)
     * @param tff free-fall time of the uniform sphere, or NaN
     * @param seed seed of the initial conditions (the checkpoint's on restart)
     */
    public record Plan(
            double g,
            double eps,
            double dt,
            long steps,
            long diagEvery,
            long snapEvery,
            long ckptEvery,
            double initialEnergy,
            boolean henon,
            double tff,
            long seed) {
        /** The floating-point part, for a broadcast. */
        double[] reals() {
            return new double[] {g, eps, dt, initialEnergy, tff};
        }

        /** The integer part, for a broadcast. */
        long[] integers() {
            return new long[] {steps, diagEvery, snapEvery, ckptEvery, henon ? 1 : 0, seed};
        }

        static Plan of(double[] r, long[] i) {
            return new Plan(r[0], r[1], r[2], i[0], i[1], i[2], i[3], r[3], i[4] != 0, r[4], i[5]);
        }

        /** The units' names, as recorded in snapshots and checkpoints. */
        public SnapshotFits.Units units() {
            return henon ? SnapshotFits.Units.HENON : SnapshotFits.Units.SI;
        }
    }

    /** The initial state, its plan and a one-line description of the initial conditions. */
    public record Start(ParticleState state, Plan plan, String description) {}

    /** Rank 0: builds or reads the initial state and resolves the plan. Throws {@link UserError}. */
    public static Start prepare(NBodyConfig c) {
        if (c.restart() != null) {
            return restart(c);
        }
        long seed = c.seedOrDefault();
        boolean henon = c.henon();
        double g = c.g() != null ? c.g() : henon ? 1.0 : 6.674e-11;
        int n = c.particles() != null ? c.particles() : NBodyConfig.DEFAULT_PARTICLES;
        ParticleState s;
        double eps;
        double dt;
        double tff = Double.NaN;
        switch (c.ic()) {
            case uniform -> {
                s = InitialConditions.uniformSphere(n, c.radius(), c.particleMass(), seed);
                tff = Collapse.freeFallTime(g, n * c.particleMass(), c.radius());
                eps = c.eps() != null ? c.eps() : 0.01 * c.radius();
                dt = c.dt() != null ? c.dt() : tff / 1000;
            }
            case plummer -> {
                s = InitialConditions.plummer(n, seed);
                eps = c.eps() != null ? c.eps() : 0.05;
                dt = c.dt() != null ? c.dt() : 1.0 / 128;
            }
            case kepler -> {
                s = InitialConditions.kepler(c.ecc());
                eps = c.eps() != null ? c.eps() : 1e-8;
                dt = c.dt() != null ? c.dt() : 2 * Math.PI / 1000;
            }
            default -> {
                s = read(c.input());
                eps = c.eps();
                dt = c.dt();
            }
        }
        String problem = s.firstProblem();
        if (problem != null) {
            throw new UserError(
                    (c.ic() == Ic.file ? "particle file " + c.input() + ": " : "initial conditions: ") + problem);
        }
        long total = c.steps() != null
                ? c.steps()
                : c.tEnd() != null
                        ? stepsTo(c.tEnd(), dt)
                        : switch (c.ic()) {
                            case uniform -> 1000;
                            case plummer -> 1280;
                            case kepler -> 10_000;
                            case file ->
                                throw new IllegalStateException(
                                        "NBodyConfig lets --input through only with --steps or --t-end");
                            case king ->
                                throw new IllegalStateException(
                                        "HermiteConfig lets --ic king through only with --integrator hermite");
                        };
        return new Start(s, plan(c, g, eps, dt, total, Double.NaN, henon, tff, seed), describe(c, s.n, seed));
    }

    private static Start restart(NBodyConfig c) {
        Checkpoint.Loaded l = Checkpoint.read(c.restart());
        if (l.hermite() != null) {
            throw new UserError(
                    "restart file " + c.restart() + " holds a Hermite run; continue it with --integrator hermite");
        }
        ParticleState s = l.state();
        Checkpoint.Meta m = l.meta();
        if (c.particles() != null && c.particles() != s.n) {
            throw new UserError("restart file " + c.restart() + " holds N = " + s.n + " particles, but --particles "
                    + c.particles() + " was given");
        }
        conflict(c, "-G", c.g(), m.g());
        conflict(c, "--eps", c.eps(), m.eps());
        conflict(c, "--dt", c.dt(), m.dt());
        long total;
        if (c.steps() != null) {
            total = c.steps();
        } else if (c.tEnd() != null) {
            total = stepsTo(c.tEnd(), m.dt());
        } else {
            throw new UserError("with --restart, give --steps (the total from t = 0) or --t-end");
        }
        if (total < s.step) {
            throw new UserError(
                    "--steps " + total + " is before the restart point (step " + s.step + " in " + c.restart() + ")");
        }
        Plan plan = plan(
                c, m.g(), m.eps(), m.dt(), total, m.initialEnergy(), m.units().equals("HENON"), Double.NaN, m.seed());
        return new Start(s, plan, m.ic());
    }

    private static Plan plan(
            NBodyConfig c,
            double g,
            double eps,
            double dt,
            long total,
            double e0,
            boolean henon,
            double tff,
            long seed) {
        long diag = c.diagEvery() != null ? c.diagEvery() : Math.max(1, total / 100);
        long snap = c.snapEvery() != null ? c.snapEvery() : Math.max(1, total / 10);
        long ck = c.checkpointEvery() != null ? c.checkpointEvery() : snap;
        return new Plan(g, eps, dt, total, diag, snap, ck, e0, henon, tff, seed);
    }

    /** Steps to reach {@code tEnd}: ceil(tEnd/dt), with a little slack for rounding of tEnd/dt. */
    static long stepsTo(double tEnd, double dt) {
        double steps = Math.ceil(tEnd / dt - 1e-9);
        if (!(steps <= NBodyConfig.MAX_STEPS)) {
            throw new UserError(String.format(
                    Locale.ROOT,
                    "--t-end %s at dt %s needs %.3g steps, more than %d (2^53), the most a run "
                            + "can count: the time k*dt of step k is exact only up to there",
                    tEnd,
                    dt,
                    steps,
                    NBodyConfig.MAX_STEPS));
        }
        return (long) steps;
    }

    private static ParticleState read(Path input) {
        String name = input.getFileName().toString().toLowerCase(Locale.ROOT);
        ParticleState s = name.endsWith(".fits") || name.endsWith(".fit") || name.endsWith(".fts")
                ? SnapshotFits.read(input)
                : ParticleCsv.read(input);
        s.step = 0;
        s.time = 0;
        if (s.n == 0) {
            throw new UserError("particle file " + input + " has no particles");
        }
        return s;
    }

    private static void conflict(NBodyConfig c, String opt, Double given, double stored) {
        if (given != null && Double.doubleToLongBits(given) != Double.doubleToLongBits(stored)) {
            throw new UserError("restart file " + c.restart() + " was run with " + opt + " " + stored + ", but " + opt
                    + " " + given + " was given (a restart continues the same run)");
        }
    }

    private static String describe(NBodyConfig c, int n, long seed) {
        return switch (c.ic()) {
            case uniform ->
                String.format(
                        Locale.ROOT,
                        "uniform sphere, N=%d, R=%g, m=%g, at rest, seed %d",
                        n,
                        c.radius(),
                        c.particleMass(),
                        seed);
            case plummer -> String.format(Locale.ROOT, "Plummer sphere (Henon units), N=%d, seed %d", n, seed);
            case kepler -> String.format(Locale.ROOT, "Kepler two-body, e=%g, G=M=a=1, from periapsis", c.ecc());
            case file -> "file " + c.input();
            case king -> "King model";
        };
    }
}
