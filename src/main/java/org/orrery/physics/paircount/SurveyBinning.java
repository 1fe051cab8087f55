package org.orrery.physics.paircount;

import org.orrery.model.UserError;

/**
 * The 2-D (or angular) binning of a survey pair count and the geometry it is counted in. Counting conventions are
 * Corrfunc's (Sinha &amp; Garrison 2020, MNRAS 491, 3022; theory {@code DDrppi}, {@code DDsmu}, mocks
 * {@code DDrppi_mocks}, {@code DDsmu_mocks}, {@code DDtheta_mocks}):
 *
 * <ul>
 *   <li><b>{@link Mode#RPPI}</b>: primary bins in rp (squared rp against squared edges, as {@link Bins});
 *       {@code npibins} bins in |π| of width {@code dπ = pimax / npibins}, bin {@code (int)(|π| * (1 / dπ))}; pairs
 *       with {@code |π| >= pimax} are not counted, and a pair whose product rounds up to {@code npibins} is dropped
 *       (Corrfunc's overflow bin, not reported). Corrfunc's command-line tools fix {@code npibins = (int) pimax} (dπ =
 *       1 for integer pimax). Box: π = Δz (line of sight the z axis), rp² = Δx² + Δy². Sky: with s = v_j − v_i and l =
 *       v_i + v_j, π² = (s·l)² / |l|² (test {@code (s·l)² >= |l|² pimax²} first), rp² = s² − π², and pairs with s² ≥
 *       rpmax² + pimax² are skipped first.
 *   <li><b>{@link Mode#SMU}</b>: primary bins in s (squared); {@code nmu} bins of μ in [0, μmax), width μmax/nmu. Box:
 *       μ = sqrt(Δz² / s²), counted when {@code Δz² < s² μmax²}. Sky: μ² = (s·l)² / (|l|² s²), counted when μ² &lt;
 *       μmax², bin {@code (int)(sqrt(μ²) / dμ)}; a product that rounds to {@code nmu} is dropped as in Corrfunc. μ is
 *       the cosine of the angle between the separation and the line of sight (the z axis, or the pair's mean direction
 *       l).
 *   <li><b>{@link Mode#THETA}</b>: points are unit vectors (x, y, z) = (cos δ cos α, cos δ sin α, sin δ); cos θ = 1 −
 *       c²/2 with c² the squared chord (Corrfunc's SIMD form); bins are θ edges in degrees, compared as {@code cos θ_k}
 *       (θ in [θ_k, θ_{k+1}) when {@code cos θ <= cos θ_k} and {@code cos θ > cos θ_{k+1}}), {@code cos θ_k = cos(θ_k ·
 *       0.017453292519943295)}.
 *   <li><b>{@link Mode#R}</b>: 3-D separation r² = Δx² + Δy² + Δz² against squared edges, the r mode's convention and
 *       bits ({@link CellCounter}), here with jackknife patches and for sky points too (ξ(r) of a survey).
 * </ul>
 *
 * <p>Counts are indexed {@code primary * sub() + subBin} (sub = npibins, nmu, or 1). Instances are immutable and safe
 * to share between threads.
 */
public final class SurveyBinning {
    /** What is binned. */
    public enum Mode {
        RPPI,
        SMU,
        THETA,
        R
    }

    /** Corrfunc's PI_OVER_180 (0.0174532925199432957692369076848861271344...) rounded to a double. */
    static final double PI_OVER_180 = 0.017453292519943295;

    private final Mode mode;
    private final Bins primary;
    private final int sub;
    private final double pimax;
    private final double mumax;
    private final boolean sky;
    private final double period;
    /** THETA: cos of the edges, decreasing. */
    private final double[] cosEdges;

    private SurveyBinning(Mode mode, Bins primary, int sub, double pimax, double mumax, boolean sky, double period) {
        this.mode = mode;
        this.primary = primary;
        this.sub = sub;
        this.pimax = pimax;
        this.mumax = mumax;
        this.sky = sky;
        this.period = period;
        if (mode == Mode.THETA) {
            cosEdges = new double[primary.count() + 1];
            for (int k = 0; k <= primary.count(); k++) {
                cosEdges[k] = Math.cos(primary.edge(k) * PI_OVER_180);
            }
        } else {
            cosEdges = null;
        }
    }

    /**
     * (rp, π) counts. {@code sky} false: box coordinates, line of sight z, {@code period} L or 0; true: Cartesian
     * comoving positions of sky points, line of sight the pair's mean direction.
     */
    public static SurveyBinning rppi(Bins rp, double pimax, int npibins, boolean sky, double period) {
        if (!(pimax > 0) || !Double.isFinite(pimax)) {
            throw new UserError("pimax must be a finite number > 0, got " + pimax);
        }
        if (npibins < 1) {
            throw new UserError("the number of pi bins must be at least 1, got " + npibins);
        }
        checkPeriod(sky, period, pimax, "pimax");
        return new SurveyBinning(Mode.RPPI, rp, npibins, pimax, 0, sky, period);
    }

    /** (s, μ) counts, μ in [0, mumax) in {@code nmu} bins; geometry as {@link #rppi}. */
    public static SurveyBinning smu(Bins s, double mumax, int nmu, boolean sky, double period) {
        if (!(mumax > 0 && mumax <= 1)) {
            throw new UserError("mu_max must lie in (0, 1], got " + mumax);
        }
        if (nmu < 1) {
            throw new UserError("the number of mu bins must be at least 1, got " + nmu);
        }
        checkPeriod(sky, period, s.rmax(), "smax");
        return new SurveyBinning(Mode.SMU, s, nmu, s.rmax(), mumax, sky, period);
    }

    /** 3-D separation counts (ξ(r)) with patches; geometry as {@link #rppi}. */
    public static SurveyBinning r(Bins r, boolean sky, double period) {
        checkPeriod(sky, period, r.rmax(), "rmax");
        return new SurveyBinning(Mode.R, r, 1, 0, 0, sky, period);
    }

    /** Angular counts; {@code thetaDeg} are θ edges in degrees (θmax &lt;= 180). */
    public static SurveyBinning theta(Bins thetaDeg) {
        if (!(thetaDeg.rmax() <= 180)) {
            throw new UserError("theta bin edges must not exceed 180 degrees, got " + thetaDeg.rmax());
        }
        return new SurveyBinning(Mode.THETA, thetaDeg, 1, 0, 0, true, 0);
    }

    private static void checkPeriod(boolean sky, double period, double reach, String what) {
        if (sky && period > 0) {
            throw new UserError("sky coordinates cannot be periodic (got box side " + period + ")");
        }
        if (period > 0 && !(reach < period / 2)) {
            throw new UserError(what + " " + reach + " must be less than half the box side L/2 = " + period / 2);
        }
    }

    public Mode mode() {
        return mode;
    }

    /** Bins in rp, s, or θ (degrees). */
    public Bins primary() {
        return primary;
    }

    /** π bins, μ bins, or 1. */
    public int sub() {
        return sub;
    }

    /** Total number of bins: primary().count() * sub(). */
    public int size() {
        return primary.count() * sub;
    }

    public double pimax() {
        return pimax;
    }

    public double mumax() {
        return mumax;
    }

    /** True when positions are sky points (line of sight the pair's mean direction, never periodic). */
    public boolean sky() {
        return sky;
    }

    /** Box side L (periodic), or 0. */
    public double period() {
        return period;
    }

    /** cos of θ edge k (THETA only). */
    public double cosEdge(int k) {
        return cosEdges[k];
    }

    double[] cosEdges() {
        return cosEdges;
    }

    /**
     * Radius every counted pair lies within in 3-D (in x and y for the box (rp, π) case, whose z reach is
     * {@link #zReach()}): the grid's cell size is built from it. For THETA the chord of θmax, enlarged by a relative
     * 1e-6 so rounding of cos θ never loses a pair to the grid.
     */
    public double gridRadius() {
        return switch (mode) {
            case RPPI -> sky ? Math.sqrt(primary.rmax() * primary.rmax() + pimax * pimax) : primary.rmax();
            case SMU, R -> primary.rmax();
            case THETA -> Math.min(2.0000001, 2 * Math.sin(primary.rmax() * PI_OVER_180 / 2) * (1 + 1e-6) + 1e-12);
        };
    }

    /** Largest |Δz| of a counted pair (the z-window of the cell lists). */
    public double zReach() {
        return mode == Mode.RPPI && !sky ? pimax : gridRadius();
    }

    /** One-bin {@link Bins} of radius {@link #gridRadius()}: what {@link GridSpec#create} needs. */
    public Bins gridBins() {
        return Bins.of(new double[] {0, gridRadius()}, "grid radius of " + this);
    }

    @Override
    public String toString() {
        return switch (mode) {
            case RPPI -> "rppi " + primary + ", pimax " + pimax + " in " + sub + (sky ? ", sky" : ", box");
            case SMU -> "smu " + primary + ", mumax " + mumax + " in " + sub + (sky ? ", sky" : ", box");
            case R -> "r " + primary + (sky ? ", sky" : ", box");
            case THETA -> "theta " + primary;
        };
    }
}
