package org.orrery.physics.cosmology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.orrery.model.UserError;

/** Comoving distances against the Einstein–de Sitter closed form and astropy 5.2.1. */
class FlatLcdmTest {
    @Test
    void einsteinDeSitterClosedForm() {
        FlatLcdm c = new FlatLcdm(1.0, 0.7, 10);
        for (double z : new double[] {1e-4, 0.0123, 0.3, 1, 2.71828, 9.99}) {
            double exact = 2 * FlatLcdm.HUBBLE_DISTANCE * (1 - 1 / Math.sqrt(1 + z));
            assertEquals(exact, c.distance(z), Math.max(1e-11 * exact, 1e-8), "z = " + z);
        }
        assertEquals(0.0, c.distance(0), 0);
        assertEquals(c.distance(1) / 0.7, c.distanceMpc(1), 1e-9);
    }

    /** astropy FlatLambdaCDM(H0=100, Om0=0.3, Tcmb0=0).comoving_distance(z) in Mpc (= h^-1 Mpc). */
    @Test
    void agreesWithAstropy() {
        double[][] ref = {
            {0.01, 29.911648069654753},
            {0.1, 292.9181413393934},
            {0.5, 1322.037777153394},
            {1.0, 2312.6801641212296},
            {2.5, 4079.2792683539446},
            {7.3, 6109.758784186378}
        };
        FlatLcdm c = new FlatLcdm(0.3, 0.68, 8);
        for (double[] r : ref) {
            assertEquals(r[1], c.distance(r[0]), 1e-8 * r[1], "z = " + r[0]);
        }
    }

    @Test
    void badParametersAreDomainErrors() {
        assertTrue(assertThrows(UserError.class, () -> new FlatLcdm(0, 0.7, 1))
                .getMessage()
                .contains("Omega_m"));
        assertTrue(assertThrows(UserError.class, () -> new FlatLcdm(1.2, 0.7, 1))
                .getMessage()
                .contains("Omega_m"));
        assertTrue(assertThrows(UserError.class, () -> new FlatLcdm(0.3, -1, 1))
                .getMessage()
                .contains("h must"));
        assertTrue(assertThrows(UserError.class, () -> new FlatLcdm(0.3, 0.7, Double.NaN))
                .getMessage()
                .contains("redshift"));
    }
}
