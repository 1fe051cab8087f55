package org.orrery.physics.gravity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The predictor–corrector against exact polynomial motion, and the block-step rules. */
class HermiteTest {

    @Test
    void correctorIsExactForACubicAcceleration() {
        // a(t) = a0 + j0 t + a2 t²/2 + a3 t³/6 per component: the Hermite interpolant through a, ȧ at both
        // ends is this cubic itself, so x(Δ) = x0 + v0Δ + a0Δ²/2 + j0Δ³/6 + a2Δ⁴/24 + a3Δ⁵/120 exactly.
        double[][] p = {
            {0.3, -1.2, 0.7, 2.5, -0.4, 1.1}, {-0.8, 0.5, 1.9, -0.6, 0.2, -3.0}, {1.4, 0.1, -2.2, 0.9, 1.7, 0.4}
        };
        double dt = 0.125;
        double[] x = new double[1];
        double[] y = new double[1];
        double[] z = new double[1];
        double[] vx = new double[1];
        double[] vy = new double[1];
        double[] vz = new double[1];
        double[][] pos = {x, y, z};
        double[][] vel = {vx, vy, vz};
        double[] aj = new double[6];
        double[] aj1 = new double[6];
        for (int c = 0; c < 3; c++) {
            double x0 = p[c][0];
            double v0 = p[c][1];
            double a0 = p[c][2];
            double j0 = p[c][3];
            double a2 = p[c][4];
            double a3 = p[c][5];
            pos[c][0] = x0;
            vel[c][0] = v0;
            aj[c] = a0;
            aj[3 + c] = j0;
            aj1[c] = a0 + j0 * dt + a2 * dt * dt / 2 + a3 * dt * dt * dt / 6;
            aj1[3 + c] = j0 + a2 * dt + a3 * dt * dt / 2;
        }
        double[] xp = new double[1];
        double[] yp = new double[1];
        double[] zp = new double[1];
        double[] vxp = new double[1];
        double[] vyp = new double[1];
        double[] vzp = new double[1];
        Hermite.predict(x, y, z, vx, vy, vz, aj, new double[] {0}, dt, 0, 1, xp, yp, zp, vxp, vyp, vzp);
        Hermite.correct(0, dt, x, y, z, vx, vy, vz, aj, xp, yp, zp, vxp, vyp, vzp, aj1, 0);
        for (int c = 0; c < 3; c++) {
            double[] q = p[c];
            double xe = q[0]
                    + q[1] * dt
                    + q[2] * dt * dt / 2
                    + q[3] * Math.pow(dt, 3) / 6
                    + q[4] * Math.pow(dt, 4) / 24
                    + q[5] * Math.pow(dt, 5) / 120;
            double ve =
                    q[1] + q[2] * dt + q[3] * dt * dt / 2 + q[4] * Math.pow(dt, 3) / 6 + q[5] * Math.pow(dt, 4) / 24;
            assertEquals(xe, pos[c][0], 1e-15, "x component " + c);
            assertEquals(ve, vel[c][0], 1e-15, "v component " + c);
            assertEquals(aj1[c], aj[c]);
        }
    }

    @Test
    void blockStepsShrinkFreelyAndGrowOnlyOnCommensurateTimes() {
        double dtMax = 0.25;
        assertEquals(0, Hermite.levelAtMost(1.0, dtMax, 40));
        assertEquals(0, Hermite.levelAtMost(0.25, dtMax, 40));
        assertEquals(1, Hermite.levelAtMost(0.2, dtMax, 40));
        assertEquals(40, Hermite.levelAtMost(1e-300, dtMax, 40));
        // Level 3 (step 1/32): shrink to the level the criterion allows, at any time.
        assertEquals(5, Hermite.nextLevel(3, 0.01, 3.0 / 32, dtMax, 40));
        // Grow one level only where t is a multiple of the doubled step 1/16 …
        assertEquals(2, Hermite.nextLevel(3, 1.0, 2.0 / 32, dtMax, 40));
        // … not at an odd multiple of the step, and never past level 0.
        assertEquals(3, Hermite.nextLevel(3, 1.0, 3.0 / 32, dtMax, 40));
        assertEquals(0, Hermite.nextLevel(0, 5.0, 1.0, dtMax, 40));
        // A criterion between the step and twice it keeps the level.
        assertEquals(3, Hermite.nextLevel(3, 1.5 / 32, 2.0 / 32, dtMax, 40));
    }

    @Test
    void aarsethCriterionOfACircularOrbit() {
        // Circular orbit, angular frequency ω: |a| = ω²r, |ȧ| = ω³r, |a⁽²⁾| = ω⁴r, |a⁽³⁾| = ω⁵r → Δ² = η/ω².
        double w = 3;
        double r = 2;
        assertEquals(
                1 / (w * w), Hermite.aarseth(w * w * r, w * w * w * r, Math.pow(w, 4) * r, Math.pow(w, 5) * r), 1e-15);
        assertEquals(Double.POSITIVE_INFINITY, Hermite.aarseth(0, 0, 0, 0));
    }
}
