package org.orrery.apps.nbody;

import java.util.Locale;
import org.orrery.io.snapshot.Checkpoint;
import org.orrery.model.HermiteState;
import org.orrery.model.ParticleState;
import org.orrery.model.UserError;
import org.orrery.physics.gravity.HermiteParams;
import org.orrery.physics.ics.ClusterIcs;
import org.orrery.physics.ics.InitialConditions;
import org.orrery.physics.ics.KroupaImf;

/**
 * Rank 0's part of a Hermite start: builds the star cluster ({@link ClusterIcs#king}, {@link ClusterIcs#plummer}, both
 * scaled exactly to H&eacute;non units, E = &minus;1/4) or the Kepler pair, or the teaching problem's cold uniform
 * sphere (G = 1, R and m as given; t<sub>end</sub> must be given), or reads a Hermite checkpoint, and resolves the
 * defaults into a {@link Plan}. Defaults: &eta; = 0.02, &eta;<sub>s</sub> = 0.01, &Delta;<sub>max</sub> = 1/16,
 * &epsilon; = 0.01 (clusters) or 10<sup>&minus;8</sup> (Kepler), t<sub>end</sub> = 10 (clusters) or 64 (Kepler, about
 * 10 orbits), diagnostics every &Delta;<sub>max</sub>, snapshots and checkpoints every tenth of the run.
 */
final class HermiteSetup {
    private HermiteSetup() {}

    /**
     * Everything resolved on rank 0 and broadcast. Cadences count largest steps &Delta;<sub>max</sub>.
     *
     * @param params integrator parameters
     * @param endIndex t<sub>end</sub> / &Delta;<sub>max</sub>
     * @param diagEvery diagnostics every K &Delta;<sub>max</sub> (&ge; 1)
     * @param snapEvery snapshots every K &Delta;<sub>max</sub> (0 = start and end only)
     * @param ckptEvery checkpoints every K &Delta;<sub>max</sub> (0 = end only)
     * @param initialEnergy E<sub>0</sub> of the initial conditions (the checkpoint's on restart), NaN = measure
     * @param icVirialRatio virial ratio of the unscaled sample (NaN for Kepler and restarts)
     * @param seed seed of the initial conditions
     */
    record Plan(
            HermiteParams params,
            long endIndex,
            long diagEvery,
            long snapEvery,
            long ckptEvery,
            double initialEnergy,
            double icVirialRatio,
            long seed) {
        double[] reals() {
            return new double[] {
                params.g(), params.eps(), params.eta(), params.etaStart(), params.dtMax(), initialEnergy, icVirialRatio
            };
        }

        long[] integers() {
            return new long[] {params.maxLevel(), endIndex, diagEvery, snapEvery, ckptEvery, seed};
        }

        static Plan of(double[] r, long[] i) {
            return new Plan(
                    new HermiteParams(r[0], r[1], r[2], r[3], r[4], (int) i[0]),
                    i[1],
                    i[2],
                    i[3],
                    i[4],
                    r[5],
                    r[6],
                    i[5]);
        }

        double tEnd() {
            return endIndex * params.dtMax();
        }
    }

    /** The initial particles, the integrator state on restart (else null), the plan and a description. */
    record Start(ParticleState state, HermiteState hermite, Plan plan, String description) {}

    /** Rank 0: builds or reads the start. Throws {@link UserError}. */
    static Start prepare(NBodyConfig c, HermiteConfig h) {
        if (c.restart() != null) {
            return restart(c, h);
        }
        long seed = c.seedOrDefault();
        double g = c.g() != null ? c.g() : 1.0;
        int n = c.particles() != null ? c.particles() : NBodyConfig.DEFAULT_PARTICLES;
        KroupaImf imf = h.kroupa() ? new KroupaImf(h.mMin(), h.mMax()) : null;
        ParticleState s;
        String description;
        double e0 = Double.NaN;
        double rawQ = Double.NaN;
        double tEnd;
        double eps;
        if (c.ic() == NBodyConfig.Ic.kepler) {
            s = InitialConditions.kepler(c.ecc());
            description = String.format(Locale.ROOT, "Kepler two-body, e=%g, G=M=a=1, from periapsis", c.ecc());
            eps = c.eps() != null ? c.eps() : 1e-8;
            tEnd = c.tEnd() != null ? c.tEnd() : 64;
        } else if (c.ic() == NBodyConfig.Ic.uniform) {
            double mass = n * c.particleMass();
            double tff = Math.PI / 2 * Math.sqrt(Math.pow(c.radius(), 3) / (2 * g * mass));
            s = InitialConditions.uniformSphere(n, c.radius(), c.particleMass(), seed);
            description = String.format(
                    Locale.ROOT,
                    "uniform sphere, N=%d, R=%g, m=%g, at rest, G=%g, t_ff=%.6g, seed %d",
                    n,
                    c.radius(),
                    c.particleMass(),
                    g,
                    tff,
                    seed);
            eps = c.eps() != null ? c.eps() : 0.01 * c.radius();
            if (c.tEnd() == null) {
                throw new UserError(String.format(
                        Locale.ROOT,
                        "--ic uniform with --integrator hermite needs --t-end (a multiple "
                                + "of --dt-max; the free-fall time is %.6g; --particle-mass %.17g makes it 1 at this "
                                + "N, R and G)",
                        tff,
                        Math.PI * Math.PI * Math.pow(c.radius(), 3) / (8 * g * n)));
            }
            tEnd = c.tEnd();
        } else {
            ClusterIcs.Realisation r = c.ic() == NBodyConfig.Ic.king
                    ? ClusterIcs.king(n, h.w0(), imf, seed)
                    : ClusterIcs.plummer(n, imf, seed);
            s = r.state();
            description = String.format(Locale.ROOT, "%s, N=%d, Henon units, seed %d", r.description(), n, seed);
            rawQ = r.rawVirialRatio();
            eps = c.eps() != null ? c.eps() : 0.01;
            tEnd = c.tEnd() != null ? c.tEnd() : 10;
        }
        String problem = s.firstProblem();
        if (problem != null) {
            throw new UserError("initial conditions: " + problem);
        }
        HermiteParams p = new HermiteParams(
                g, eps, h.etaOrDefault(), h.etaSOrDefault(), h.dtMaxOrDefault(), HermiteParams.DEFAULT_MAX_LEVEL);
        return new Start(s, null, plan(c, p, endIndex(tEnd, p.dtMax(), "--t-end"), e0, rawQ, seed), description);
    }

    private static Start restart(NBodyConfig c, HermiteConfig h) {
        Checkpoint.Loaded l = Checkpoint.read(c.restart());
        HermiteState st = l.hermite();
        if (st == null) {
            throw new UserError(
                    "restart file " + c.restart() + " holds a leapfrog run; continue it without --integrator hermite");
        }
        ParticleState s = l.state();
        if (c.particles() != null && c.particles() != s.n) {
            throw new UserError("restart file " + c.restart() + " holds N = " + s.n + " particles, but --particles "
                    + c.particles() + " was given");
        }
        conflict(c, "-G", c.g(), st.g());
        conflict(c, "--eps", c.eps(), st.eps());
        conflict(c, "--eta", h.eta(), st.eta());
        conflict(c, "--eta-s", h.etaS(), st.etaStart());
        conflict(c, "--dt-max", h.dtMax(), st.dtMax());
        if (c.tEnd() == null) {
            throw new UserError("with --restart, give --t-end (the end time of the whole run)");
        }
        long end = endIndex(c.tEnd(), st.dtMax(), "--t-end");
        if (end * st.dtMax() < st.time()) {
            throw new UserError("--t-end " + c.tEnd() + " is before the restart point (t = " + st.time() + " in "
                    + c.restart() + ")");
        }
        HermiteParams p = new HermiteParams(st.g(), st.eps(), st.eta(), st.etaStart(), st.dtMax(), st.maxLevel());
        Checkpoint.Meta m = l.meta();
        return new Start(s, st, plan(c, p, end, m.initialEnergy(), Double.NaN, m.seed()), m.ic());
    }

    private static Plan plan(NBodyConfig c, HermiteParams p, long end, double e0, double rawQ, long seed) {
        long diag = c.diagEvery() != null ? c.diagEvery() : 1;
        long snap = c.snapEvery() != null ? c.snapEvery() : Math.max(1, end / 10);
        long ck = c.checkpointEvery() != null ? c.checkpointEvery() : snap;
        return new Plan(p, end, diag, snap, ck, e0, rawQ, seed);
    }

    /** t / Δ_max when that is a whole number (block times are exact multiples of Δ_max). */
    static long endIndex(double t, double dtMax, String what) {
        double k = t / dtMax;
        if (k != Math.rint(k) || k > 1L << 52) {
            throw new UserError(what + " " + t + " must be a whole multiple of --dt-max " + dtMax);
        }
        return (long) k;
    }

    private static void conflict(NBodyConfig c, String opt, Double given, double stored) {
        if (given != null && Double.doubleToLongBits(given) != Double.doubleToLongBits(stored)) {
            throw new UserError("restart file " + c.restart() + " was run with " + opt + " " + stored + ", but " + opt
                    + " " + given + " was given (a restart continues the same run)");
        }
    }
}
