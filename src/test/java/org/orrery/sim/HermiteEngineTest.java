package org.orrery.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orrery.io.snapshot.Checkpoint;
import org.orrery.model.HermiteState;
import org.orrery.model.ParticleState;
import org.orrery.model.UserError;
import org.orrery.parallel.SerialComm;
import org.orrery.physics.gravity.Diagnostics;
import org.orrery.physics.gravity.Hermite;
import org.orrery.physics.gravity.HermiteParams;
import org.orrery.physics.ics.InitialConditions;

/** Block-step Hermite engine: thread invariance, bit-exact restart through a checkpoint, energy, bad input. */
class HermiteEngineTest {
    @TempDir
    Path tmp;

    static final HermiteParams PARAMS = new HermiteParams(1, 0.01, 0.02, 0.01, 0.125, 40);

    static HermiteEngine run(ParticleState s, int threads, double tEnd) {
        HermiteEngine e = HermiteEngine.start(new SerialComm(), s, PARAMS, threads);
        e.advanceTo(tEnd);
        return e;
    }

    @Test
    void sameBitsForAnyThreadCount() {
        ParticleState a = InitialConditions.plummer(300, 5);
        ParticleState b = a.copy();
        try (HermiteEngine one = run(a, 1, 0.5);
                HermiteEngine three = run(b, 3, 0.5)) {
            assertTrue(a.bitwiseEquals(b));
            assertTrue(one.state().bitwiseEquals(three.state()));
            assertTrue(one.blocks() > 10, "blocks " + one.blocks());
        }
    }

    @Test
    void restartFromCheckpointIsBitExact() {
        ParticleState direct = InitialConditions.plummer(200, 9);
        ParticleState first = direct.copy();
        Path ck = tmp.resolve("checkpoint.bin");
        try (HermiteEngine whole = run(direct, 1, 1.0);
                HermiteEngine half = run(first, 2, 0.5)) {
            // Also checkpoint mid-block (not synchronised): particles at different times.
            half.step();
            half.step();
            Checkpoint.write(
                    ck, first, new Checkpoint.Meta(1, 0.01, 0.125, -0.25, 9, "plummer", "henon"), half.state());
            Checkpoint.Loaded back = Checkpoint.read(ck);
            assertTrue(back.state().bitwiseEquals(first));
            assertTrue(back.hermite().bitwiseEquals(half.state()));
            try (HermiteEngine resumed = HermiteEngine.restore(new SerialComm(), back.state(), back.hermite(), 1)) {
                resumed.advanceTo(1.0);
                assertTrue(back.state().bitwiseEquals(direct), "restarted state differs from the direct run");
                assertTrue(resumed.state().bitwiseEquals(whole.state()));
            }
        }
    }

    @Test
    void leapfrogCheckpointsStayVersionOneWithoutHermiteState() {
        ParticleState s = InitialConditions.plummer(10, 1);
        Path ck = tmp.resolve("lf.bin");
        Checkpoint.write(ck, s, new Checkpoint.Meta(1, 0.01, 0.01, -0.25, 1, "plummer", "henon"));
        assertNull(Checkpoint.read(ck).hermite());
    }

    /**
     * Two bodies at rest, distance d, softening ε (s² = d² + ε², G = 1): ȧ = 0, so the starting step comes from the
     * snap, |a⁽²⁾_i| = m_j (m_i + m_j) d / s³ · |1/s³ − 3d²/s⁵|, as Δ₀ = √(η_s |a_i| / |a⁽²⁾_i|).
     */
    @Test
    void coldStartTakesItsStartingStepFromTheSnap() {
        ParticleState s = new ParticleState(2);
        s.x[1] = 0.5;
        s.m[0] = 0.25;
        s.m[1] = 0.75;
        double eps = 0.01;
        double d = 0.5;
        double s2 = d * d + eps * eps;
        double s3 = s2 * Math.sqrt(s2);
        HermiteParams p = new HermiteParams(1, eps, 0.02, 0.01, 0.125, 40);
        try (HermiteEngine e = HermiteEngine.start(new SerialComm(), s, p, 1)) {
            for (int i = 0; i < 2; i++) {
                double mj = s.m[1 - i];
                double a = mj * d / s3;
                double snap = mj * d / s3 * Math.abs(1 / s3 - 3 * d * d / (s2 * s3));
                int expected = Hermite.levelAtMost(Math.sqrt(0.01 * a / snap), 0.125, 40);
                assertEquals(3, expected);
                assertEquals(expected, e.levels()[i], "particle " + i);
            }
        }
    }

    /**
     * The teaching problem's cold sphere: without the snap-based start every first step was Δ_max and |ΔE/E| ~ 2e-4.
     */
    @Test
    void coldUniformSphereStartsWithSmallSteps() {
        ParticleState s = InitialConditions.uniformSphere(200, 1, Math.PI * Math.PI / (8 * 200), 5);
        try (HermiteEngine e = HermiteEngine.start(new SerialComm(), s, PARAMS, 1)) {
            assertTrue(
                    Arrays.stream(e.levels()).allMatch(l -> l > 0),
                    "every cold particle starts below the largest step");
            Diagnostics.Values d0 = e.diagnostics();
            e.advanceTo(0.5);
            double err = Math.abs((e.diagnostics().energy() - d0.energy()) / d0.energy());
            assertTrue(err < 1e-6, "|dE/E| = " + err);
        }
    }

    @Test
    void plummerSphereKeepsEnergyAndCountsStepsPerLevel() {
        ParticleState s = InitialConditions.plummer(256, 21);
        try (HermiteEngine e = HermiteEngine.start(new SerialComm(), s, PARAMS, 1)) {
            Diagnostics.Values d0 = e.diagnostics();
            e.advanceTo(2.0);
            Diagnostics.Values d1 = e.diagnostics();
            double err = Math.abs((d1.energy() - d0.energy()) / d0.energy());
            assertTrue(err < 1e-5, "|dE/E| = " + err);
            long steps = Arrays.stream(e.stepsPerLevel()).sum();
            assertTrue(steps >= 256L * 16, "every particle takes at least 2/dtMax steps: " + steps);
            assertEquals(256L * 256 + 256L * steps, e.interactions());
            assertEquals(2.0, s.time);
        }
    }

    @Test
    void badInputIsADomainErrorNamingTheParameter() {
        UserError e = assertThrows(UserError.class, () -> new HermiteParams(1, 0.01, 0, 0.01, 0.125, 40));
        assertTrue(e.getMessage().contains("eta"), e.getMessage());
        assertThrows(UserError.class, () -> new HermiteParams(1, 0.01, -1, 0.01, 0.125, 40));
        UserError dt = assertThrows(UserError.class, () -> new HermiteParams(1, 0.01, 0.02, 0.01, 0.1, 40));
        assertTrue(dt.getMessage().contains("dtMax"), dt.getMessage());
        UserError st = assertThrows(UserError.class, () -> new HermiteParams(1, 0.01, 0.02, 0, 0.125, 40));
        assertTrue(st.getMessage().contains("eta_s"), st.getMessage());
        try (HermiteEngine h = HermiteEngine.start(new SerialComm(), InitialConditions.plummer(8, 1), PARAMS, 1)) {
            assertThrows(UserError.class, () -> h.advanceTo(0.3));
        }
        HermiteState wrong = new HermiteState(
                1, 0.01, 0.02, 0.01, 0.125, 40, 0, 0, 0, new double[3], new int[3], new double[18], new long[41]);
        assertThrows(
                UserError.class,
                () -> HermiteEngine.restore(new SerialComm(), InitialConditions.plummer(4, 1), wrong, 1));
    }
}
