package org.orrery.physics.gravity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.orrery.model.ParticleState;
import org.orrery.parallel.SerialComm;
import org.orrery.physics.ics.InitialConditions;
import org.orrery.sim.GravityEngine;

/** Physics validation of the N-body engine against brute force and analytic solutions. */
class GravityValidationTest {

    /** Plain double loops, written independently of the kernel (pow instead of sqrt·r², skip j == i). */
    static double[][] bruteForce(ParticleState s, double g, double eps) {
        double[][] a = new double[3][s.n];
        for (int i = 0; i < s.n; i++) {
            for (int j = 0; j < s.n; j++) {
                if (i == j) {
                    continue;
                }
                double dx = s.x[j] - s.x[i];
                double dy = s.y[j] - s.y[i];
                double dz = s.z[j] - s.z[i];
                double d = Math.pow(dx * dx + dy * dy + dz * dz + eps * eps, 1.5);
                a[0][i] += g * s.m[j] * dx / d;
                a[1][i] += g * s.m[j] * dy / d;
                a[2][i] += g * s.m[j] * dz / d;
            }
        }
        return a;
    }

    static ParticleState randomCloud(int n, long seed) {
        ParticleState s = new ParticleState(n);
        SplittableRandom r = new SplittableRandom(seed);
        for (int i = 0; i < n; i++) {
            s.x[i] = r.nextDouble(-1, 1);
            s.y[i] = r.nextDouble(-1, 1);
            s.z[i] = r.nextDouble(-1, 1);
            s.m[i] = r.nextDouble(0.5, 2);
        }
        return s;
    }

    @Test
    void forcesAgreeWithBruteForceAndDoNotDependOnTheSplit() {
        ParticleState s = randomCloud(777, 3);
        double g = 2.5;
        double eps = 0.01;
        double[][] ref = bruteForce(s, g, eps);
        double[] ax = new double[s.n];
        double[] ay = new double[s.n];
        double[] az = new double[s.n];
        DirectSum.accelerations(s.x, s.y, s.z, s.m, s.n, 0, s.n, g, eps * eps, ax, ay, az);
        double worst = 0;
        for (int i = 0; i < s.n; i++) {
            double[] got = {ax[i], ay[i], az[i]};
            double norm = Math.sqrt(ref[0][i] * ref[0][i] + ref[1][i] * ref[1][i] + ref[2][i] * ref[2][i]);
            for (int k = 0; k < 3; k++) {
                worst = Math.max(worst, Math.abs(got[k] - ref[k][i]) / norm);
            }
        }
        // Both sides sum the same 776 terms, in different arithmetic (pow vs sqrt * r^2) and order. A sum of
        // n terms errs by at most n * eps * sum|a_ij| (Higham, Accuracy and Stability, sec. 4.2), typically
        // sqrt(n) * eps * sum|a_ij| = 28 * 1.1e-16 = 3e-15 of sum|a_ij|; in a uniform cloud the net force on a
        // central particle is a few percent of sum|a_ij|, so 1e-13 of |a| is the expected ceiling.
        assertTrue(worst < 1e-13, "worst relative force error " + worst);

        // Any split into ranges (ranks, threads, tiles) gives the same bits.
        int[] cuts = {0, 1, 2, 255, 256, 257, 300, 511, 700, 776, 777};
        double[] bx = new double[s.n];
        double[] by = new double[s.n];
        double[] bz = new double[s.n];
        for (int c = 0; c + 1 < cuts.length; c++) {
            DirectSum.accelerations(s.x, s.y, s.z, s.m, s.n, cuts[c], cuts[c + 1], g, eps * eps, bx, by, bz);
        }
        for (int i = 0; i < s.n; i++) {
            assertEquals(Double.doubleToRawLongBits(ax[i]), Double.doubleToRawLongBits(bx[i]), "particle " + i);
            assertEquals(Double.doubleToRawLongBits(ay[i]), Double.doubleToRawLongBits(by[i]), "particle " + i);
            assertEquals(Double.doubleToRawLongBits(az[i]), Double.doubleToRawLongBits(bz[i]), "particle " + i);
        }
    }

    @Test
    void potentialsAgreeWithBruteForce() {
        ParticleState s = randomCloud(300, 5);
        double[] phi = new double[s.n];
        DirectSum.potentials(s.x, s.y, s.z, s.m, s.n, 0, s.n, 1.5, 1e-4, phi, 0);
        for (int i = 0; i < s.n; i++) {
            double ref = 0;
            for (int j = 0; j < s.n; j++) {
                if (j != i) {
                    double dx = s.x[j] - s.x[i];
                    double dy = s.y[j] - s.y[i];
                    double dz = s.z[j] - s.z[i];
                    ref -= 1.5 * s.m[j] / Math.pow(dx * dx + dy * dy + dz * dz + 1e-4, 0.5);
                }
            }
            // 299 terms of one sign (no cancellation): rounding is at most n * eps = 299 * 1.1e-16 = 3.3e-14
            // of |phi|, plus a few ulp per term from pow vs sqrt; 1e-13 is three times that bound.
            assertEquals(ref, phi[i], 1e-13 * Math.abs(ref));
        }
        // Any split of the targets gives the same bits (tiles, ranks, threads).
        double[] split = new double[s.n];
        int[] cuts = {0, 7, 255, 256, 299, 300};
        for (int c = 0; c + 1 < cuts.length; c++) {
            DirectSum.potentials(s.x, s.y, s.z, s.m, s.n, cuts[c], cuts[c + 1], 1.5, 1e-4, split, cuts[c]);
        }
        for (int i = 0; i < s.n; i++) {
            assertEquals(Double.doubleToRawLongBits(phi[i]), Double.doubleToRawLongBits(split[i]), "particle " + i);
        }
    }

    @Test
    void threadsGiveTheSameBits() {
        ParticleState a = InitialConditions.plummer(1000, 11);
        ParticleState b = a.copy();
        try (GravityEngine e1 = new GravityEngine(new SerialComm(), a, 1, 0.05, 1.0 / 128, 1);
                GravityEngine e3 = new GravityEngine(new SerialComm(), b, 1, 0.05, 1.0 / 128, 3)) {
            e1.computeForces();
            e3.computeForces();
            for (int k = 0; k < 5; k++) {
                e1.step();
                e3.step();
            }
        }
        assertTrue(a.bitwiseEquals(b));
    }

    @Test
    void momentumIsConservedToRoundOff() {
        ParticleState s = InitialConditions.plummer(500, 2);
        try (GravityEngine e = new GravityEngine(new SerialComm(), s, 1, 0.05, 1.0 / 128, 2)) {
            e.computeForces();
            Diagnostics.Values d0 = e.diagnostics();
            for (int k = 0; k < 200; k++) {
                e.step();
            }
            Diagnostics.Values d1 = e.diagnostics();
            double dp = Math.sqrt(
                    Math.pow(d1.px() - d0.px(), 2) + Math.pow(d1.py() - d0.py(), 2) + Math.pow(d1.pz() - d0.pz(), 2));
            // Pairwise forces cancel exactly in exact arithmetic, so leapfrog conserves momentum; in doubles
            // each step leaves rounding of order eps * sum|m a| dt. Over 200 steps of dt = 1/128 in Henon units
            // (sum|m a| ~ sum|m v| ~ 1) that is ~ 200 * 1.1e-16 / 128 * sqrt(500) = 4e-15 of sum|m v|; 1e-13 is
            // a margin of 25 that still fails for any real momentum leak (which grows linearly with time).
            assertTrue(dp <= 1e-13 * d0.sumAbsMomentum(), "momentum drift " + dp + " vs scale " + d0.sumAbsMomentum());
        }
    }

    /**
     * Max |ΔE/E| and |ΔL/L| for a Kepler orbit, and ΔE/E at apoapsis (the step of largest separation) in the first and
     * in the last orbit: the same orbital phase, where the symplectic integrator's bounded energy oscillation takes the
     * same value unless the error drifts.
     */
    static double[] kepler(double e, int stepsPerOrbit, int orbits) {
        ParticleState s = InitialConditions.kepler(e);
        double dt = 2 * Math.PI / stepsPerOrbit;
        try (GravityEngine eng = new GravityEngine(new SerialComm(), s, 1, 1e-8, dt, 1)) {
            eng.computeForces();
            Diagnostics.Values d0 = eng.diagnostics();
            double e0 = d0.energy();
            double l0 = d0.lz();
            double maxE = 0;
            double maxL = 0;
            double[] atApo = new double[2];
            for (int o = 1; o <= orbits; o++) {
                double widest = -1;
                double relAtWidest = Double.NaN;
                for (int k = 0; k < stepsPerOrbit; k++) {
                    eng.step();
                    Diagnostics.Values d = eng.diagnostics();
                    double rel = (d.energy() - e0) / e0;
                    maxE = Math.max(maxE, Math.abs(rel));
                    maxL = Math.max(maxL, Math.abs((d.lz() - l0) / l0));
                    double sep = Math.hypot(s.x[1] - s.x[0], s.y[1] - s.y[0]);
                    if (sep > widest) {
                        widest = sep;
                        relAtWidest = rel;
                    }
                }
                if (o == 1) {
                    atApo[0] = relAtWidest;
                }
                atApo[1] = relAtWidest;
            }
            return new double[] {maxE, maxL, atApo[0], atApo[1]};
        }
    }

    @Test
    void keplerEccentricOrbitConservesEnergyAndAngularMomentumAtSecondOrder() {
        double[] coarse = kepler(0.5, 1000, 100);
        // Leapfrog's energy error is a bounded oscillation ∝ dt^2, largest at periapsis (the angular speed
        // there is sqrt((1 + e) / (1 - e)^3) = 3.46 times the mean one for e = 0.5); measured 1.07e-4 for
        // P/1000. 1.5e-4 is 1.4x that: a step 20 % larger (error x1.44) fails.
        assertTrue(coarse[0] <= 1.5e-4, "max |dE/E| " + coarse[0] + " (reference 1.07e-4)");
        // A central force and leapfrog conserve L exactly up to rounding: 1e5 steps of random-walk rounding,
        // sqrt(1e5) * 1.1e-16 = 3.5e-14 (measured 3.1e-14); 1e-12 allows systematic rounding 30x that.
        assertTrue(coarse[1] <= 1e-12, "max |dL/L| " + coarse[1]);
        // No secular drift: a symplectic integrator's energy error is bounded (modified Hamiltonian), so
        // dE/E at the same orbital phase repeats from orbit 1 to orbit 100; a drift of even 1e-6 per orbit
        // would move it by 1e-4, i.e. 100 % of the value. 1 % leaves room for the phase sampling of apoapsis.
        double drift = Math.abs(coarse[3] - coarse[2]) / Math.abs(coarse[2]);
        assertTrue(
                drift <= 0.01,
                "secular drift: dE/E at apoapsis of orbit 1 " + coarse[2] + ", of orbit 100 " + coarse[3]);
        double[] fine = kepler(0.5, 10000, 3);
        // Second order: error ∝ dt^2, so ten times smaller steps give 100x smaller errors; the O(dt^4) terms
        // and sampling of the maximum move the ratio by a few percent; a first-order scheme would give 10.
        double ratio = coarse[0] / fine[0];
        assertTrue(ratio >= 80 && ratio <= 120, "convergence ratio " + ratio + " (second order: 100)");
    }

    @Test
    void keplerCircularOrbit() {
        double[] r = kepler(0.0, 1000, 20);
        // On a circular orbit the separation, and so the potential, stays constant: the dt^2 oscillation
        // that reaches 1.07e-4 on the eccentric orbit has nothing to oscillate with, and what is left is
        // 3.9e-10 (measured). 1e-9 (2.6x) fails for a first-order error or an eccentric start.
        assertTrue(r[0] <= 1e-9, "max |dE/E| " + r[0]);
    }

    @Test
    void plummerSphereStaysInEquilibrium() {
        ParticleState s = InitialConditions.plummer(1000, 42);
        double dt = 1.0 / 128;
        try (GravityEngine e = new GravityEngine(new SerialComm(), s, 1, 0.05, dt, 2)) {
            e.computeForces();
            Diagnostics.Values d0 = e.diagnostics();
            double maxE = 0;
            double qMin = Double.MAX_VALUE;
            double qMax = 0;
            double rhMaxDev = 0;
            for (int k = 1; k <= 1280; k++) {
                e.step();
                if (k % 16 == 0) {
                    Diagnostics.Values d = e.diagnostics();
                    maxE = Math.max(maxE, Math.abs((d.energy() - d0.energy()) / d0.energy()));
                    qMin = Math.min(qMin, d.virialRatio());
                    qMax = Math.max(qMax, d.virialRatio());
                    rhMaxDev = Math.max(rhMaxDev, Math.abs(d.halfMassRadius() / d0.halfMassRadius() - 1));
                }
            }
            // dt = 1/128 of a Henon time unit (crossing time ~ 1): leapfrog's bounded dt^2 error reaches 4.2e-6
            // (measured); 1e-5 is 2.4x that, and a doubled step (x4) fails.
            assertTrue(maxE <= 1e-5, "max |dE/E| " + maxE + " (measured 4.2e-6)");
            // The sample starts at 2K/|W| = 1 exactly; afterwards the finite-N fluctuations (~ 1/sqrt(N) = 3 %)
            // and the softening (eps = 0.05 lowers |W|, pushing the ratio down) move it: 0.946 .. 1.024 measured.
            // The band 0.93 .. 1.05 is about 2 sigma of the shot noise; a sphere out of equilibrium (e.g. a
            // wrong velocity scale) leaves it within a crossing time.
            assertTrue(qMin >= 0.93 && qMax <= 1.05, "virial ratio range [" + qMin + ", " + qMax + "]");
            // Equilibrium: r_half only fluctuates, by ~ 1/sqrt(500) = 4.5 % for the 500 bodies inside it
            // (6.6 % measured); two-body relaxation (t_relax ~ N / (8 ln N) t_cross = 18 time units) is not
            // reached in 10. 10 % is about 2 sigma of those fluctuations.
            assertTrue(rhMaxDev <= 0.10, "half-mass radius deviation " + rhMaxDev);
        }
    }

    @Test
    void uniformColdCollapseFollowsTheAnalyticSolution() {
        double g = 6.674e-11;
        int n = 1000;
        double radius = 1;
        // The default seed of the teaching run; other realisations of N = 1000 stay within 1 % up to
        // about 0.6 t_ff and reach 1.5 % at 0.75 t_ff (discreteness noise in the half-mass radius).
        ParticleState s = InitialConditions.uniformSphere(n, radius, 1, 42);
        double tff = Collapse.freeFallTime(g, n, radius);
        double dt = tff / 1000;
        try (GravityEngine e = new GravityEngine(new SerialComm(), s, g, 0.01 * radius, dt, 2)) {
            e.computeForces();
            Diagnostics.Values d0 = e.diagnostics();
            double rh0 = d0.halfMassRadius();
            double worstShape = 0;
            double worstE = 0;
            double minRh = Double.MAX_VALUE;
            double tMin = 0;
            for (int k = 1; k <= 1150; k++) {
                e.step();
                if ((k <= 750 && k % 10 == 0) || k > 900) {
                    Diagnostics.Values d = e.diagnostics();
                    double t = d.time();
                    if (k <= 750) {
                        double analytic = rh0 * Collapse.radiusRatio(t, tff);
                        worstShape = Math.max(worstShape, Math.abs(d.halfMassRadius() / analytic - 1));
                        worstE = Math.max(worstE, Math.abs((d.energy() - d0.energy()) / d0.energy()));
                    }
                    if (d.halfMassRadius() < minRh) {
                        minRh = d.halfMassRadius();
                        tMin = t;
                    }
                }
            }
            // Shot noise of the 500 bodies inside r_half grows during the collapse and moves r_half off the
            // homologous solution: 0.71 % by 0.75 t_ff for this seed (other seeds: see the note above).
            assertTrue(worstShape <= 0.01, "half-mass radius off the homologous collapse by " + worstShape);
            // Up to 0.75 t_ff the free-fall time of the densest region stays > 100 dt, so leapfrog's dt^2
            // error stays small: 1.12e-6 measured; 2e-6 is 1.8x, and a doubled step (x4) fails.
            assertTrue(worstE <= 2e-6, "max |dE/E| up to 0.75 t_ff: " + worstE);
            // A softened (eps = 0.01 R) N-body collapse reaches its densest state slightly after the
            // pressureless t_ff, as shells with noise arrive at different times: 1.041 t_ff measured. The band
            // 1.00 .. 1.06 fails for a G or t_ff off by more than ~3 % (t_ff ∝ G^-1/2).
            assertEquals(1.03, tMin / tff, 0.03, "time of maximum compression / t_ff");
        }
    }

    @Test
    void teachingRunHundredSteps() {
        double g = 6.674e-11;
        ParticleState s = InitialConditions.uniformSphere(1000, 1, 1, 42);
        double tff = Collapse.freeFallTime(g, 1000, 1);
        try (GravityEngine e = new GravityEngine(new SerialComm(), s, g, 0.01, tff / 1000, 2)) {
            e.computeForces();
            Diagnostics.Values d0 = e.diagnostics();
            for (int k = 0; k < 100; k++) {
                e.step();
            }
            Diagnostics.Values d = e.diagnostics();
            // 100 steps of dt = t_ff/1000 while the sphere is still nearly uniform: |dE/E| = 4.6e-8 at step
            // 100 (measured); 1e-7 is 2.2x, and a doubled step (x4) fails.
            assertTrue(Math.abs((d.energy() - d0.energy()) / d0.energy()) <= 1e-7);
            // Analytic homologous collapse at 0.1 t_ff: 0.99382; the 1000-body realisation gives 0.99388
            // (softening and shot noise, ~6e-5); 1e-3 still fails for a 10 % error in t_ff.
            double ratio = d.meanRadius() / d0.meanRadius();
            assertEquals(0.99382, ratio, 0.001);
            // The analytic value itself, to the 5 digits quoted above (solved independently with SciPy).
            assertEquals(0.99382, Collapse.radiusRatio(0.1 * tff, tff), 1e-5);
        }
    }
}
