package org.orrery.apps.paircount;

import java.util.Locale;
import org.orrery.model.UserError;

/**
 * The survey part of a paircount run: what is binned ({@code --mode}), in which coordinates, with which line-of-sight
 * bins, cosmology and jackknife patches. The compact constructor checks each rule on its own (one message naming the
 * option); {@link #check(PairCountConfig)} checks the rules that involve the base options.
 *
 * @param mode r (3-D ξ(r), the default), rppi, smu or theta
 * @param coords xyz (box; line of sight the z axis), sky-z (RA, Dec, redshift) or sky-dist (RA, Dec, comoving
 *     distance); theta always reads RA, Dec
 * @param pimax largest |π| (rppi)
 * @param npibins π bins (null: (int) pimax, Corrfunc's command-line rule)
 * @param muMax largest μ, in (0, 1] (smu)
 * @param nmuBins μ bins (smu)
 * @param omegaM Ωm of the flat ΛCDM cosmology (sky-z)
 * @param h dimensionless Hubble constant: distances in Mpc when given, else h⁻¹ Mpc (sky-z)
 * @param patches jackknife patches K (0: none)
 * @param patchSeed seed of the k-means initialisation
 * @param patchSample largest k-means sample
 * @param skyTrees trees of the generated Soneira–Peebles sky catalog (sky modes without --data)
 */
public record SurveyConfig(
        Mode mode,
        Coords coords,
        double pimax,
        Integer npibins,
        double muMax,
        int nmuBins,
        double omegaM,
        Double h,
        int patches,
        long patchSeed,
        int patchSample,
        int skyTrees) {

    /** What is binned. */
    public enum Mode {
        R,
        RPPI,
        SMU,
        THETA;

        /** Parses a command-line name. */
        public static Mode of(String s) {
            for (Mode m : values()) {
                if (m.label().equals(s)) {
                    return m;
                }
            }
            throw new UserError("--mode must be r, rppi, smu or theta, got '" + s + "'");
        }

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Input coordinates. */
    public enum Coords {
        XYZ("xyz"),
        SKY_Z("sky-z"),
        SKY_DIST("sky-dist");

        private final String label;

        Coords(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        /** Parses a command-line name. */
        public static Coords of(String s) {
            for (Coords c : values()) {
                if (c.label.equals(s)) {
                    return c;
                }
            }
            throw new UserError("--coords must be xyz, sky-z or sky-dist, got '" + s + "'");
        }

        public boolean sky() {
            return this != XYZ;
        }
    }

    public SurveyConfig {
        if (!(pimax > 0) || !Double.isFinite(pimax)) {
            throw new UserError("--pimax must be a finite number > 0, got " + pimax);
        }
        if (npibins == null) {
            npibins = Math.max(1, (int) pimax);
        }
        if (npibins < 1) {
            throw new UserError("--npibins must be at least 1, got " + npibins);
        }
        if (!(muMax > 0 && muMax <= 1)) {
            throw new UserError("--mu-max must lie in (0, 1], got " + muMax);
        }
        if (nmuBins < 1) {
            throw new UserError("--nmu-bins must be at least 1, got " + nmuBins);
        }
        if (!(omegaM > 0 && omegaM <= 1)) {
            throw new UserError("--omega-m must lie in (0, 1], got " + omegaM);
        }
        if (h != null && !(h > 0 && Double.isFinite(h))) {
            throw new UserError("--h must be a finite number > 0, got " + h);
        }
        if (patches < 0 || patches == 1) {
            throw new UserError("--patches must be 0 (no jackknife) or at least 2, got " + patches);
        }
        if (patchSample < 1) {
            throw new UserError("--patch-sample must be at least 1, got " + patchSample);
        }
        if (skyTrees < 1) {
            throw new UserError("--sky-trees must be at least 1, got " + skyTrees);
        }
    }

    /** Whether this run takes the survey path (any mode but plain r without patches). */
    public boolean survey() {
        return mode != Mode.R || patches > 0 || coords.sky();
    }

    /** Whether points are on the sky (angular mode or sky coordinates). */
    public boolean sky() {
        return mode == Mode.THETA || coords.sky();
    }

    /** Cross-checks against the base options (only for the survey path). */
    void check(PairCountConfig c) {
        if (!survey()) {
            return;
        }
        if (c.repeat() != 1) {
            throw new UserError("--repeat is only available in --mode r without --patches");
        }
        if (sky() && c.periodic()) {
            throw new UserError("--periodic needs --coords xyz (sky coordinates are never periodic)");
        }
        if (sky() && c.data() != null && c.randoms() == null && c.randomFactor() > 0) {
            throw new UserError("a sky --data catalog needs a --randoms catalog (or --random-factor 0 for DD only)");
        }
        if (mode == Mode.THETA && c.edges() == null && c.rmax() > 180) {
            throw new UserError(
                    "--rmax is a theta edge in degrees with --mode theta and must be <= 180, got " + c.rmax());
        }
        if (c.periodic() && mode == Mode.RPPI && !(pimax < c.box() / 2)) {
            throw new UserError("--pimax " + pimax + " must be less than half the periodic box L/2 = " + c.box() / 2);
        }
        if (mode == Mode.SMU && c.edges() == null && c.rmin() <= 0 && coords.sky()) {
            throw new UserError("--rmin must be > 0 with --mode smu on the sky (as Corrfunc's DDsmu_mocks)");
        }
        if (patches > 0 && !sky()) {
            int m = (int) Math.round(Math.cbrt(patches));
            if (m * m * m != patches) {
                throw new UserError(
                        "--patches in a box are m^3 equal cubes: give a cube (8, 27, 64, ...), got " + patches);
            }
        }
    }
}
