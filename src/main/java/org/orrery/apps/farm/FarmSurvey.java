package org.orrery.apps.farm;

import java.util.Locale;
import org.orrery.model.UserError;
import org.orrery.physics.image.Background2D;
import org.orrery.physics.image.SigmaClip;

/**
 * The survey operations' settings of a farm run, validated with one message per rule naming the option: the sigma
 * clipping of {@code clipstats} (astropy {@code sigma_clipped_stats} defaults: σ = 3, maxiters = 5, cenfunc median,
 * stdfunc std), the mesh background of {@code background} (photutils 1.6 {@code Background2D} defaults: 3×3 filter,
 * SExtractor estimator, edge pad, exclude 10 %, boxes clipped with SigmaClip(σ = 3, maxiters = 10)), whether background
 * and rms maps are written, and whether image outputs are tile-compressed (RICE_1 / lossless GZIP_2).
 *
 * @param clip clipping of {@code clipstats}
 * @param bkg mesh background parameters of {@code background}
 * @param maps also write the background and rms maps
 * @param compress write image outputs tile-compressed ({@code .fits.fz})
 */
public record FarmSurvey(SigmaClip clip, Background2D.Params bkg, boolean maps, boolean compress) {

    /** Defaults: astropy's clipping, photutils' background with 64×64 boxes, plain outputs. */
    public static final FarmSurvey DEFAULT =
            new FarmSurvey(SigmaClip.astropyDefault(), Background2D.Params.defaults(64), false, false);

    /** The command-line values, as given (null: default). */
    public record Flags(
            Double sigma,
            Double sigmaLower,
            Double sigmaUpper,
            String maxiters,
            String cenfunc,
            String stdfunc,
            String box,
            String filter,
            String bkg,
            String edge,
            Double excludePercentile,
            Double bkgSigma,
            String bkgMaxiters,
            boolean maps,
            boolean compress) {}

    /** Validates {@code f}; every message names its option. */
    public static FarmSurvey of(Flags f) {
        double sigma = positive("--sigma", f.sigma() == null ? 3.0 : f.sigma());
        double lower = f.sigmaLower() == null ? sigma : positive("--sigma-lower", f.sigmaLower());
        double upper = f.sigmaUpper() == null ? sigma : positive("--sigma-upper", f.sigmaUpper());
        int iters = maxiters("--maxiters", f.maxiters() == null ? "5" : f.maxiters());
        SigmaClip.Center center =
                switch (f.cenfunc() == null ? "median" : f.cenfunc()) {
                    case "median" -> SigmaClip.Center.MEDIAN;
                    case "mean" -> SigmaClip.Center.MEAN;
                    default -> throw new UserError("--cenfunc must be median or mean, got '" + f.cenfunc() + "'");
                };
        SigmaClip.Spread spread =
                switch (f.stdfunc() == null ? "std" : f.stdfunc()) {
                    case "std" -> SigmaClip.Spread.STD;
                    case "mad_std" -> SigmaClip.Spread.MAD_STD;
                    default -> throw new UserError("--stdfunc must be std or mad_std, got '" + f.stdfunc() + "'");
                };
        int[] box = size("--box", f.box() == null ? "64" : f.box(), false);
        int[] filter = size("--filter", f.filter() == null ? "3" : f.filter(), true);
        Background2D.Estimator est =
                switch (f.bkg() == null ? "sextractor" : f.bkg()) {
                    case "sextractor" -> Background2D.Estimator.SEXTRACTOR;
                    case "median" -> Background2D.Estimator.MEDIAN;
                    default -> throw new UserError("--bkg must be median or sextractor, got '" + f.bkg() + "'");
                };
        Background2D.Edge edge =
                switch (f.edge() == null ? "pad" : f.edge()) {
                    case "pad" -> Background2D.Edge.PAD;
                    case "crop" -> Background2D.Edge.CROP;
                    default -> throw new UserError("--edge must be pad or crop, got '" + f.edge() + "'");
                };
        double exclude = f.excludePercentile() == null ? 10.0 : f.excludePercentile();
        if (!(exclude >= 0 && exclude <= 100)) {
            throw new UserError("--exclude-percentile must be between 0 and 100, got " + exclude);
        }
        double bs = positive("--bkg-sigma", f.bkgSigma() == null ? 3.0 : f.bkgSigma());
        int bi = maxiters("--bkg-maxiters", f.bkgMaxiters() == null ? "10" : f.bkgMaxiters());
        return new FarmSurvey(
                new SigmaClip(lower, upper, iters, center, spread),
                new Background2D.Params(box[0], box[1], filter[0], filter[1], est, edge, exclude, SigmaClip.of(bs, bi)),
                f.maps(),
                f.compress());
    }

    private static double positive(String flag, double v) {
        if (!(v > 0) || Double.isInfinite(v)) {
            throw new UserError(flag + " must be positive and finite, got " + v);
        }
        return v;
    }

    /** A positive iteration count, or {@code none} (astropy's maxiters=None: clip until nothing changes). */
    private static int maxiters(String flag, String s) {
        if (s.equalsIgnoreCase("none")) {
            return Integer.MAX_VALUE;
        }
        try {
            int n = Integer.parseInt(s.trim());
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below with the flag's name
        }
        throw new UserError(flag + " must be a positive integer or none, got '" + s + "'");
    }

    /** {@code N} (square) or {@code NYxNX} (rows × columns, numpy's (ny, nx) order); odd when {@code odd}. */
    static int[] size(String flag, String s, boolean odd) {
        String[] p = s.toLowerCase(Locale.ROOT).split("x", -1);
        int[] v = new int[2];
        try {
            if (p.length < 1 || p.length > 2) {
                throw new NumberFormatException(s);
            }
            v[0] = Integer.parseInt(p[0].trim());
            v[1] = p.length == 2 ? Integer.parseInt(p[1].trim()) : v[0];
        } catch (NumberFormatException e) {
            throw new UserError(flag + " must be N or NYxNX (pixels, e.g. 64 or 32x64), got '" + s + "'");
        }
        if (v[0] < 1 || v[1] < 1 || v[0] > 100_000 || v[1] > 100_000) {
            throw new UserError(flag + " sizes must be between 1 and 100000, got '" + s + "'");
        }
        if (odd && (v[0] % 2 == 0 || v[1] % 2 == 0)) {
            throw new UserError(flag + " sizes must be odd (a centred median filter), got '" + s + "'");
        }
        return v;
    }

    /** The settings as one line (table signature, FITS table header). */
    public String describe(boolean clipstats, boolean background) {
        StringBuilder sb = new StringBuilder();
        if (clipstats) {
            sb.append(String.format(
                    Locale.ROOT,
                    " clip=%s/%s,%s,%s,%s",
                    num(clip.sigmaLower()),
                    num(clip.sigmaUpper()),
                    clip.maxIters() == Integer.MAX_VALUE ? "none" : Integer.toString(clip.maxIters()),
                    clip.center().name().toLowerCase(Locale.ROOT),
                    clip.spread().name().toLowerCase(Locale.ROOT)));
        }
        if (background) {
            SigmaClip c = bkg.clip();
            sb.append(String.format(
                    Locale.ROOT,
                    " bkg=%dx%d,filter=%dx%d,%s,%s,exclude=%s,clip=%s/%s",
                    bkg.boxY(),
                    bkg.boxX(),
                    bkg.filterY(),
                    bkg.filterX(),
                    bkg.estimator().name().toLowerCase(Locale.ROOT),
                    bkg.edge().name().toLowerCase(Locale.ROOT),
                    num(bkg.excludePercentile()),
                    num(c.sigmaUpper()),
                    c.maxIters() == Integer.MAX_VALUE ? "none" : Integer.toString(c.maxIters())));
        }
        if (compress) {
            sb.append(" compress");
        }
        return sb.toString();
    }

    private static String num(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
