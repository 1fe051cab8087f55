package org.orrery.physics.paircount;

import org.orrery.model.UserError;
import org.orrery.physics.cosmology.FlatLcdm;

/**
 * Sky catalogs (right ascension α, declination δ in degrees, and a redshift or a comoving distance) turned into the
 * Cartesian {@link PointSet}s the survey counter works on: unweighted, labelled with the point's jackknife patch (see
 * {@link SurveyCounter}).
 *
 * <p>Positions follow Corrfunc's mocks codes bit for bit in the operation order: {@code x = D cos δ cos α}, {@code y =
 * D cos δ sin α}, {@code z = D sin δ}, evaluated as {@code (D * cos(δ·π/180)) * cos(α·π/180)} with π/180 Corrfunc's
 * {@code PI_OVER_180}; for the angular mode D = 1 ({@code cos δ cos α} etc.). Distances are in the catalog's unit (or
 * h⁻¹ Mpc from a redshift through {@link FlatLcdm}).
 *
 * <p>Domain checks (each names the catalog and the row): α in [0, 360), δ in [−90, 90], redshift finite and &gt; 0,
 * distance finite and &gt; 0. Ids are the catalog rows (starting at {@code firstRow}), so chunks read on different
 * ranks keep global ids.
 */
public final class SkyPoints {
    private SkyPoints() {}

    /** Checks α and δ of every row; {@code source} names the catalog in the message. */
    public static void checkAngles(double[] ra, double[] dec, int n, long firstRow, String source) {
        for (int i = 0; i < n; i++) {
            if (!(ra[i] >= 0 && ra[i] < 360)) {
                throw new UserError(
                        "RA " + ra[i] + " on row " + (firstRow + i + 1) + " lies outside [0, 360) degrees, " + source);
            }
            if (!(dec[i] >= -90 && dec[i] <= 90)) {
                throw new UserError("Dec " + dec[i] + " on row " + (firstRow + i + 1)
                        + " lies outside [-90, 90] degrees, " + source);
            }
        }
    }

    /**
     * Points at comoving distance {@code dist} (finite, &gt; 0); {@code patch} may be null (all 0, to be set by
     * {@link Patches#label}).
     */
    public static PointSet fromDistance(
            double[] ra, double[] dec, double[] dist, int[] patch, int n, long firstRow, String source) {
        checkAngles(ra, dec, n, firstRow, source);
        for (int i = 0; i < n; i++) {
            if (!(dist[i] > 0) || !Double.isFinite(dist[i])) {
                throw new UserError("comoving distance " + dist[i] + " on row " + (firstRow + i + 1)
                        + " must be finite and > 0, " + source);
            }
        }
        return build(ra, dec, dist, patch, n, firstRow);
    }

    /** Points at redshift {@code z} (finite, &gt; 0) through the cosmology (distances in h⁻¹ Mpc). */
    public static PointSet fromRedshift(
            double[] ra, double[] dec, double[] z, FlatLcdm cosmo, int[] patch, int n, long firstRow, String source) {
        checkAngles(ra, dec, n, firstRow, source);
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            if (!(z[i] > 0) || !Double.isFinite(z[i])) {
                throw new UserError(
                        "redshift " + z[i] + " on row " + (firstRow + i + 1) + " must be finite and > 0, " + source);
            }
            if (z[i] > cosmo.zmax()) {
                throw new UserError("redshift " + z[i] + " on row " + (firstRow + i + 1)
                        + " exceeds the distance table's zmax " + cosmo.zmax() + ", " + source);
            }
            d[i] = cosmo.distance(z[i]);
        }
        return build(ra, dec, d, patch, n, firstRow);
    }

    /** Unit vectors for the angular mode. */
    public static PointSet onSphere(double[] ra, double[] dec, int[] patch, int n, long firstRow, String source) {
        checkAngles(ra, dec, n, firstRow, source);
        return build(ra, dec, null, patch, n, firstRow);
    }

    private static PointSet build(double[] ra, double[] dec, double[] d, int[] patch, int n, long firstRow) {
        PointSet p = new PointSet(false, true, n); // label = patch (0 until labelled)
        double k = SurveyBinning.PI_OVER_180;
        for (int i = 0; i < n; i++) {
            double cd = Math.cos(dec[i] * k);
            double sd = Math.sin(dec[i] * k);
            double ca = Math.cos(ra[i] * k);
            double sa = Math.sin(ra[i] * k);
            double x;
            double y;
            double z;
            if (d == null) {
                x = cd * ca;
                y = cd * sa;
                z = sd;
            } else {
                x = d[i] * cd * ca;
                y = d[i] * cd * sa;
                z = d[i] * sd;
            }
            p.add(x, y, z, 1, firstRow + i, 0, patch == null ? 0 : patch[i]);
        }
        return p;
    }
}
