package org.orrery.physics.ics;

import java.util.SplittableRandom;
import org.orrery.model.ParticleState;
import org.orrery.model.UserError;
import org.orrery.physics.gravity.DirectSum;

/**
 * Star-cluster initial conditions in Hénon (N-body) units: G = 1, total mass M = 1, total energy E = −1/4 (Hénon 1971;
 * Heggie &amp; Mathieu 1986). Positions and velocities are sampled from the model's distribution function, masses (when
 * a mass function is given) independently of them (no primordial mass segregation); then the centre of mass is put at
 * rest at the origin, masses are normalised to M = 1, and the realisation — not just its parent model — is scaled
 * exactly to W = −1/2 (positions, unsoftened potential energy) and K = 1/4 (velocities): E = −1/4 and virial ratio
 * 2K/|W| = 1 up to rounding. The virial ratio of the raw sample (in the model's own units, where the parent model is in
 * equilibrium) is reported, as a check of the sampling.
 *
 * <p>Random streams: positions and velocities from {@code SplittableRandom(seed)}, masses from
 * {@code SplittableRandom(seed).split()} taken first; same seed, same bits on every machine.
 */
public final class ClusterIcs {
    private ClusterIcs() {}

    /**
     * A realisation and what is reported about it.
     *
     * @param state particles in Hénon units
     * @param rawVirialRatio 2K/|W| of the sample before scaling (≈ 1 for a model in equilibrium)
     * @param kinetic K after scaling (1/4)
     * @param potential W after scaling (−1/2, unsoftened)
     * @param description model and parameters, for reports
     */
    public record Realisation(
            ParticleState state, double rawVirialRatio, double kinetic, double potential, String description) {
        public double energy() {
            return kinetic + potential;
        }

        public double virialRatio() {
            return 2 * kinetic / Math.abs(potential);
        }
    }

    /**
     * A King (1966) model of central potential {@code w0} with {@code n} stars, equal masses or drawn from {@code imf}
     * (null for equal masses).
     */
    public static Realisation king(int n, double w0, KroupaImf imf, long seed) {
        requireStars(n);
        KingModel model = new KingModel(w0);
        SplittableRandom rng = new SplittableRandom(seed);
        SplittableRandom massRng = rng.split();
        ParticleState s = new ParticleState(n);
        // Model units: r₀ = σ = G = 1, physical mass 9 M̃; equal shares of it before any IMF.
        double mTotal = 9 * model.totalMass();
        for (int i = 0; i < n; i++) {
            double q;
            do {
                q = rng.nextDouble();
            } while (q <= 0);
            double r = model.radiusOfMassFraction(q);
            double[] u = isotropic(rng);
            s.x[i] = r * u[0];
            s.y[i] = r * u[1];
            s.z[i] = r * u[2];
            double v = speed(model.potential(r), rng);
            double[] d = isotropic(rng);
            s.vx[i] = v * d[0];
            s.vy[i] = v * d[1];
            s.vz[i] = v * d[2];
            s.m[i] = mTotal / n;
        }
        assignMasses(s, imf, massRng, mTotal);
        String what = String.format(
                        java.util.Locale.ROOT,
                        "King W0=%s (c=%.3f, rt/r0=%.4g)",
                        w0,
                        model.concentration(),
                        model.tidalRadius())
                + (imf == null ? ", equal masses" : ", " + imf);
        return toHenonUnits(s, what);
    }

    /** A Plummer sphere ({@link InitialConditions#plummer}) with masses from {@code imf} (null: equal). */
    public static Realisation plummer(int n, KroupaImf imf, long seed) {
        requireStars(n);
        ParticleState s = InitialConditions.plummer(n, seed);
        assignMasses(s, imf, new SplittableRandom(seed).split(), 1.0);
        return toHenonUnits(s, "Plummer" + (imf == null ? ", equal masses" : ", " + imf));
    }

    private static void requireStars(int n) {
        if (n < 2) {
            throw new UserError("a star cluster needs at least 2 stars, got " + n);
        }
    }

    /** Replaces equal masses by IMF draws rescaled to the same total (no-op for a null IMF). */
    private static void assignMasses(ParticleState s, KroupaImf imf, SplittableRandom rng, double total) {
        if (imf == null) {
            return;
        }
        double sum = 0;
        for (int i = 0; i < s.n; i++) {
            s.m[i] = imf.sample(rng);
            sum += s.m[i];
        }
        for (int i = 0; i < s.n; i++) {
            s.m[i] *= total / sum;
        }
    }

    /**
     * Speed from p(v) ∝ v² (e^{W − v²/2} − 1) on [0, √(2W)] by rejection against its exact maximum: with y = v²/2 the
     * density is 2y(e^{W−y} − 1), stationary where e^{W−y}(1 − y) = 1, a unique root in (0, min(1, W)) found by
     * bisection.
     */
    static double speed(double wv, SplittableRandom rng) {
        if (wv <= 0) {
            return 0;
        }
        double lo = 0;
        double hi = Math.min(1, wv);
        for (int it = 0; it < 100 && hi - lo > 1e-15 * Math.max(1e-300, hi); it++) {
            double mid = 0.5 * (lo + hi);
            if (Math.exp(wv - mid) * (1 - mid) > 1) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        double ys = 0.5 * (lo + hi);
        double peak = 2 * ys * Math.expm1(wv - ys) * (1 + 1e-12);
        double vmax = Math.sqrt(2 * wv);
        while (true) {
            double v = vmax * rng.nextDouble();
            double y = 0.5 * v * v;
            if (rng.nextDouble() * peak < 2 * y * Math.expm1(wv - y)) {
                return v;
            }
        }
    }

    static double[] isotropic(SplittableRandom rng) {
        double cosT = 2 * rng.nextDouble() - 1;
        double sinT = Math.sqrt(Math.max(0, 1 - cosT * cosT));
        double phi = 2 * Math.PI * rng.nextDouble();
        return new double[] {sinT * Math.cos(phi), sinT * Math.sin(phi), cosT};
    }

    /**
     * Centre of mass to rest at the origin, M = 1, W = −1/2, K = 1/4 (G = 1, unsoftened). One O(n²) potential sum:
     * dividing masses by M scales K by 1/M and W by 1/M², positions by f scale W by 1/f, velocities by g scale K by g².
     */
    static Realisation toHenonUnits(ParticleState s, String description) {
        InitialConditions.toCentreOfMassFrame(s);
        double[] kw = energies(s);
        double raw = 2 * kw[0] / Math.abs(kw[1]);
        double mt = s.totalMass();
        for (int i = 0; i < s.n; i++) {
            s.m[i] /= mt;
        }
        double k = kw[0] / mt;
        double w = kw[1] / (mt * mt);
        double rf = w / -0.5;
        double vf = Math.sqrt(0.25 / k);
        for (int i = 0; i < s.n; i++) {
            s.x[i] *= rf;
            s.y[i] *= rf;
            s.z[i] *= rf;
            s.vx[i] *= vf;
            s.vy[i] *= vf;
            s.vz[i] *= vf;
        }
        return new Realisation(s, raw, k * vf * vf, w / rf, description);
    }

    /** {K, W} with G = 1, unsoftened, sums in index order. */
    public static double[] energies(ParticleState s) {
        double[] phi = new double[s.n];
        DirectSum.potentials(s.x, s.y, s.z, s.m, s.n, 0, s.n, 1, 0, phi, 0);
        double k = 0;
        double w = 0;
        for (int i = 0; i < s.n; i++) {
            k += 0.5 * s.m[i] * (s.vx[i] * s.vx[i] + s.vy[i] * s.vy[i] + s.vz[i] * s.vz[i]);
            w += 0.5 * s.m[i] * phi[i];
        }
        return new double[] {k, w};
    }
}
