package org.orrery.physics.ics;

import java.util.SplittableRandom;
import org.orrery.model.ParticleState;
import org.orrery.physics.Sampling;

/**
 * Initial conditions. Every generator is a pure function of its parameters and seed ({@link SplittableRandom},
 * SplitMix64, whose algorithm is fixed), so rank 0 builds the same state on every machine.
 */
public final class InitialConditions {
    private InitialConditions() {}

    /**
     * The teaching problem: {@code n} particles of mass {@code particleMass} uniformly distributed in a sphere of
     * radius {@code radius} centred on the origin, at rest (rejection sampling from the enclosing cube).
     */
    public static ParticleState uniformSphere(int n, double radius, double particleMass, long seed) {
        ParticleState s = new ParticleState(n);
        SplittableRandom rng = new SplittableRandom(seed);
        double[] p = new double[3];
        for (int i = 0; i < n; i++) {
            Sampling.inUnitBall(rng, p);
            s.x[i] = radius * p[0];
            s.y[i] = radius * p[1];
            s.z[i] = radius * p[2];
            s.m[i] = particleMass;
        }
        return s;
    }

    /**
     * A Plummer sphere in virial equilibrium in Hénon units (G = M = 1, E = −1/4; Plummer scale a = 3π/16), sampled as
     * in Aarseth, Hénon &amp; Wielen (1974, A&amp;A 37, 183): radius from the cumulative mass, speed by rejection from
     * g(q) = q²(1 − q²)^{7/2}, isotropic directions. The mass fraction is truncated at 0.999 (r ≲ 10 a) to avoid far
     * outliers; the centre of mass is moved to rest at the origin. Equal masses 1/n. Finally the realisation is scaled
     * to standard (Hénon) units exactly — positions so that the (unsoftened) potential energy is W = −1/2, velocities
     * so that K = 1/4 — so that this sample, not just its parent distribution, is in virial equilibrium (2K/|W| = 1, E
     * = −1/4). The scaling costs one O(n²) potential sum.
     */
    public static ParticleState plummer(int n, long seed) {
        ParticleState s = plummerUnscaled(n, seed);
        scaleToStandardUnits(s);
        return s;
    }

    /** {@link #plummer} before {@link #scaleToStandardUnits}: sampled and moved to the centre-of-mass frame. */
    static ParticleState plummerUnscaled(int n, long seed) {
        ParticleState s = new ParticleState(n);
        SplittableRandom rng = new SplittableRandom(seed);
        double rScale = 3 * Math.PI / 16;
        double vScale = 1 / Math.sqrt(rScale);
        for (int i = 0; i < n; i++) {
            double mf;
            do {
                mf = rng.nextDouble();
            } while (mf <= 0 || mf > 0.999);
            double r = 1 / Math.sqrt(Math.pow(mf, -2.0 / 3.0) - 1);
            double[] u = isotropic(rng);
            s.x[i] = rScale * r * u[0];
            s.y[i] = rScale * r * u[1];
            s.z[i] = rScale * r * u[2];
            double q;
            double g;
            do {
                q = rng.nextDouble();
                g = q * q * Math.pow(1 - q * q, 3.5);
            } while (0.1 * rng.nextDouble() >= g);
            double v = q * Math.sqrt(2) * Math.pow(1 + r * r, -0.25);
            double[] w = isotropic(rng);
            s.vx[i] = vScale * v * w[0];
            s.vy[i] = vScale * v * w[1];
            s.vz[i] = vScale * v * w[2];
            s.m[i] = 1.0 / n;
        }
        toCentreOfMassFrame(s);
        return s;
    }

    /** Targets per task of the potential pass in {@link #scaleToStandardUnits}. */
    private static final int POTENTIAL_BLOCK = 512;

    /** Scales positions so that W = −1/2 (G = 1, unsoftened) and velocities so that K = 1/4. */
    static void scaleToStandardUnits(ParticleState s) {
        if (s.n < 2) {
            return;
        }
        double[] phi = new double[s.n];
        // Blocks of targets on the common pool: each φ_i is the same j-ordered sum whoever computes it (same bits at
        // any thread count), and an O(N²) pass rank 0 does alone uses the core a waiting rank leaves idle.
        int blocks = (s.n + POTENTIAL_BLOCK - 1) / POTENTIAL_BLOCK;
        java.util.stream.IntStream.range(0, blocks).parallel().forEach(b -> {
            int from = b * POTENTIAL_BLOCK;
            int to = Math.min(s.n, from + POTENTIAL_BLOCK);
            org.orrery.physics.gravity.DirectSum.potentials(s.x, s.y, s.z, s.m, s.n, from, to, 1, 0, phi, from);
        });
        double w = 0;
        double k = 0;
        for (int i = 0; i < s.n; i++) {
            w += 0.5 * s.m[i] * phi[i];
            k += 0.5 * s.m[i] * (s.vx[i] * s.vx[i] + s.vy[i] * s.vy[i] + s.vz[i] * s.vz[i]);
        }
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
    }

    /**
     * A two-body Kepler orbit with G = M = a = 1 (period 2π), equal masses, starting at periapsis r_p = 1 − e on the x
     * axis with relative speed sqrt((1 + e)/(1 − e)) along y; centre of mass at rest at the origin.
     */
    public static ParticleState kepler(double eccentricity) {
        if (!(eccentricity >= 0 && eccentricity < 1)) {
            throw new IllegalArgumentException("eccentricity must be in [0, 1), got " + eccentricity);
        }
        ParticleState s = new ParticleState(2);
        double m1 = 0.5;
        double m2 = 0.5;
        double rp = 1 - eccentricity;
        double vp = Math.sqrt((1 + eccentricity) / (1 - eccentricity));
        s.m[0] = m1;
        s.m[1] = m2;
        s.x[0] = -m2 * rp;
        s.x[1] = m1 * rp;
        s.vy[0] = -m2 * vp;
        s.vy[1] = m1 * vp;
        return s;
    }

    private static double[] isotropic(SplittableRandom rng) {
        double cosT = 2 * rng.nextDouble() - 1;
        double sinT = Math.sqrt(Math.max(0, 1 - cosT * cosT));
        double phi = 2 * Math.PI * rng.nextDouble();
        return new double[] {sinT * Math.cos(phi), sinT * Math.sin(phi), cosT};
    }

    /** Shifts positions and velocities so the centre of mass is at rest at the origin. */
    public static void toCentreOfMassFrame(ParticleState s) {
        double mt = 0;
        double[] c = new double[6];
        double[][] cols = {s.x, s.y, s.z, s.vx, s.vy, s.vz};
        for (int i = 0; i < s.n; i++) {
            mt += s.m[i];
            for (int k = 0; k < 6; k++) {
                c[k] += s.m[i] * cols[k][i];
            }
        }
        for (int k = 0; k < 6; k++) {
            double mean = c[k] / mt;
            for (int i = 0; i < s.n; i++) {
                cols[k][i] -= mean;
            }
        }
    }
}
