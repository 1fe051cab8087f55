package org.orrery.sim;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.orrery.model.ParticleState;
import org.orrery.parallel.SerialComm;
import org.orrery.physics.gravity.HermiteParams;
import org.orrery.physics.ics.InitialConditions;

/**
 * Accuracy and order of the block-step Hermite integrator on a two-body Kepler orbit (G = M = a = 1, period 2π), 10
 * orbits (to t = 63, the first multiple of Δ_max = 1 after 20π).
 *
 * <p><b>Expected convergence.</b> The scheme is 4th order: the global error after a fixed time scales as Δ⁴. Aarseth's
 * criterion sets Δ = sqrt(η · F(a, ȧ, a⁽²⁾, a⁽³⁾)), so Δ ∝ η^{1/2} and a 4th-order error scales as η²: halving η
 * quarters it. Steps are quantised to powers of two, so a single halving of η moves the step at a given orbital phase
 * down one level (Δ/2, a factor 2⁴ = 16) at some phases and not at all at others: single halvings scatter around 4.
 * Dividing η by 4 divides every unquantised step by exactly 2 and so moves each quantised step down exactly one level:
 * a 4th-order error then falls by 2⁴ = 16 — the clean test used here, with the least-squares slope d log|ΔE/E| / d log
 * η over five η a factor 2 apart as the "at least a quarter per halving" check.
 *
 * <p><b>Measured.</b> The energy error falls by 32–43 per factor 4 in η (slope ≈ 2.5): faster than 16, i.e. 5th order
 * in Δ. That is the known behaviour of the P(EC) Hermite scheme: its corrector is time-symmetric, so the O(Δ⁴) energy
 * error oscillates over an orbit without growing, and the secular drift comes from the O(Δ⁴) predictor error entering
 * the corrector, one order higher (Kokubo, Yoshinaga &amp; Makino 1998, MNRAS 297, 1067). The tests therefore assert
 * order 4 to 6 in Δ: a ratio between 16·0.8 and 2⁶ = 64 per factor 4 in η, a slope between 2 and 3.
 */
class HermiteKeplerTest {
    static final double EPS = 1e-7; // a negligible softening (the kernel needs ε > 0); energies use the same ε

    /** |ΔE/E| after 10 orbits (t = 63 ≥ 20π, a multiple of Δ_max = 1). */
    static double energyError(double e, double eta) {
        ParticleState s = InitialConditions.kepler(e);
        try (HermiteEngine h = HermiteEngine.start(new SerialComm(), s, HermiteParams.of(1, EPS, eta, 1), 1)) {
            double e0 = h.diagnostics().energy();
            h.advanceTo(63);
            double e1 = h.diagnostics().energy();
            return Math.abs((e1 - e0) / e0);
        }
    }

    @Test
    void dividingEtaByFourDividesTheEnergyErrorBySixteenOrMore() {
        for (double e : new double[] {0.5, 0.9}) {
            double[] etas = {0.04, 0.01, 0.0025};
            double[] err = new double[etas.length];
            for (int k = 0; k < etas.length; k++) {
                err[k] = energyError(e, etas[k]);
            }
            for (int k = 0; k + 1 < etas.length; k++) {
                double ratio = err[k] / err[k + 1];
                assertTrue(ratio > 0.8 * 16 && ratio < 64, "e = " + e + ": ratio " + ratio + " for eta " + etas[k]);
            }
        }
    }

    @Test
    void halvingEtaAtLeastQuartersTheErrorOnAverage() {
        for (double e : new double[] {0.5, 0.9}) {
            double[] etas = {0.02, 0.01, 0.005, 0.0025, 0.00125};
            double sx = 0;
            double sy = 0;
            double sxx = 0;
            double sxy = 0;
            for (double eta : etas) {
                double x = Math.log(eta);
                double y = Math.log(energyError(e, eta));
                sx += x;
                sy += y;
                sxx += x * x;
                sxy += x * y;
            }
            int m = etas.length;
            double slope = (m * sxy - sx * sy) / (m * sxx - sx * sx);
            assertTrue(slope > 2 && slope < 3, "e = " + e + ": slope " + slope);
        }
    }

    @Test
    void eccentricOrbitAtEtaOneHundredthKeepsEnergyToOnePartInTenThousand() {
        double err = energyError(0.9, 0.01);
        assertTrue(err < 1e-4, "|dE/E| = " + err);
    }
}
