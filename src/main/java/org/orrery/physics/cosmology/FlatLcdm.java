package org.orrery.physics.cosmology;

import org.apache.commons.math3.analysis.integration.IterativeLegendreGaussIntegrator;
import org.orrery.model.UserError;

/**
 * Comoving distance in a flat ΛCDM cosmology: {@code D_C(z) = (c / H0) ∫_0^z dz' / E(z')}, {@code E(z) = sqrt(Ωm
 * (1+z)^3 + 1 - Ωm)}, with {@code c / H0 = 2997.92458 h⁻¹ Mpc} (H0 = 100 h km/s/Mpc). {@link #distance} returns h⁻¹ Mpc
 * (Corrfunc's and most survey codes' unit; independent of h), {@link #distanceMpc} Mpc.
 *
 * <p><b>Algorithm.</b> The integral is tabulated once on a uniform grid of step {@value #STEP} up to {@code zmax}: each
 * step by commons-math3's iterative Gauss–Legendre integrator (relative accuracy 1e-13), summed in grid order; between
 * nodes, cubic Hermite interpolation with the exact derivative {@code 1/E(z)} (error O(step⁴): below 1e-8 h⁻¹ Mpc
 * absolute and 1e-10 relative for 0.01 &lt;= z &lt;= 10; checked against the Einstein–de Sitter closed form and
 * astropy). Deterministic: the same table on every rank. Immutable, thread-safe.
 */
public final class FlatLcdm {
    /** Speed of light in km/s. */
    public static final double C_KM_S = 299792.458;
    /** Hubble distance c / (100 km/s/Mpc) in h⁻¹ Mpc. */
    public static final double HUBBLE_DISTANCE = C_KM_S / 100.0;

    static final double STEP = 1.0 / 512;

    private final double omegaM;
    private final double h;
    private final double zmax;
    /** table[k] = ∫_0^{k·STEP} dz/E (dimensionless). */
    private final double[] table;

    /**
     * @param omegaM matter density today, in (0, 1]
     * @param h dimensionless Hubble constant, > 0 (only used by {@link #distanceMpc})
     * @param zmax largest redshift that will be asked for (> 0)
     */
    public FlatLcdm(double omegaM, double h, double zmax) {
        if (!(omegaM > 0 && omegaM <= 1)) {
            throw new UserError("Omega_m must lie in (0, 1] for a flat LCDM cosmology, got " + omegaM);
        }
        if (!(h > 0) || !Double.isFinite(h)) {
            throw new UserError("h must be a finite number > 0, got " + h);
        }
        if (!(zmax > 0) || !Double.isFinite(zmax) || zmax > 1e4) {
            throw new UserError("the largest redshift must lie in (0, 1e4], got " + zmax);
        }
        this.omegaM = omegaM;
        this.h = h;
        this.zmax = zmax;
        int n = (int) Math.ceil(zmax / STEP) + 1;
        table = new double[n + 1];
        IterativeLegendreGaussIntegrator gl = new IterativeLegendreGaussIntegrator(8, 1e-13, 1e-15);
        for (int k = 1; k <= n; k++) {
            table[k] = table[k - 1] + gl.integrate(Integer.MAX_VALUE, this::inverseE, (k - 1) * STEP, k * STEP);
        }
    }

    /** 1 / E(z). */
    public double inverseE(double z) {
        double a = 1 + z;
        return 1.0 / Math.sqrt(omegaM * a * a * a + (1 - omegaM));
    }

    public double omegaM() {
        return omegaM;
    }

    public double h() {
        return h;
    }

    public double zmax() {
        return zmax;
    }

    /** Comoving distance to redshift z in h⁻¹ Mpc (0 &lt;= z &lt;= zmax). */
    public double distance(double z) {
        if (!(z >= 0 && z <= zmax)) {
            throw new IllegalArgumentException("redshift " + z + " outside the table [0, " + zmax + "]");
        }
        int k = Math.min((int) (z / STEP), table.length - 2);
        double z0 = k * STEP;
        double t = (z - z0) / STEP;
        double y0 = table[k];
        double y1 = table[k + 1];
        double m0 = inverseE(z0) * STEP;
        double m1 = inverseE(z0 + STEP) * STEP;
        double t2 = t * t;
        double t3 = t2 * t;
        double v = (2 * t3 - 3 * t2 + 1) * y0 + (t3 - 2 * t2 + t) * m0 + (-2 * t3 + 3 * t2) * y1 + (t3 - t2) * m1;
        return HUBBLE_DISTANCE * v;
    }

    /** Comoving distance in Mpc. */
    public double distanceMpc(double z) {
        return distance(z) / h;
    }

    @Override
    public String toString() {
        return "flat LCDM (Omega_m " + omegaM + ", h " + h + ")";
    }
}
