package org.orrery.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.orrery.model.ParticleState;
import org.orrery.parallel.SerialComm;
import org.orrery.physics.ics.InitialConditions;

class GravityEngineTest {

    private static String error(double g, double eps, double dt, int threads) {
        ParticleState s = InitialConditions.kepler(0.5);
        return assertThrows(
                        IllegalArgumentException.class,
                        () -> new GravityEngine(new SerialComm(), s, g, eps, dt, threads))
                .getMessage();
    }

    @Test
    void parametersAreCheckedInTheirOwnWordsNotAsOptions() {
        assertEquals("gravitational constant must be positive and finite, got 0.0", error(0, 0.1, 0.1, 1));
        assertEquals("softening length must be positive and finite, got 0.0", error(1, 0, 0.1, 1));
        assertEquals("time step must be positive and finite, got NaN", error(1, 0.1, Double.NaN, 1));
        assertEquals("thread count must be >= 1, got 0", error(1, 0.1, 0.1, 0));
    }

    @Test
    void theDigestSeesEveryBit() {
        ParticleState a = InitialConditions.kepler(0.5);
        ParticleState b = InitialConditions.kepler(0.5);
        assertEquals(StateDigest.sha256(a), StateDigest.sha256(b));
        b.vz[1] = Math.nextUp(b.vz[1]);
        assertEquals(64, StateDigest.sha256(b).length());
        assertEquals(false, StateDigest.sha256(a).equals(StateDigest.sha256(b)));
        b.vz[1] = a.vz[1];
        b.step = 1;
        assertEquals(false, StateDigest.sha256(a).equals(StateDigest.sha256(b)));
    }

    @Test
    void theStepCarriesTheFlagAndTheSameBits() {
        ParticleState a = InitialConditions.kepler(0.5);
        ParticleState b = InitialConditions.kepler(0.5);
        try (GravityEngine ea = new GravityEngine(new SerialComm(), a, 1, 0.01, 1e-3, 1);
                GravityEngine eb = new GravityEngine(new SerialComm(), b, 1, 0.01, 1e-3, 2)) {
            ea.computeForces();
            eb.computeForces();
            for (int k = 0; k < 5; k++) {
                ea.step();
                assertEquals(k, eb.step(k));
            }
        }
        assertEquals(StateDigest.sha256(a), StateDigest.sha256(b));
    }
}
