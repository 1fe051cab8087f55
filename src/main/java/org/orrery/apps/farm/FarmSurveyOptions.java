package org.orrery.apps.farm;

import picocli.CommandLine.Option;

/**
 * The options of {@code orrery farm} for survey data: tile-compressed outputs, sigma-clipped statistics (clipstats) and
 * mesh backgrounds (background); a {@code @Mixin} of {@link ImageFarmCommand}, in the same place in its help.
 */
final class FarmSurveyOptions {

    @Option(
            names = "--compress",
            description =
                    "Write image outputs tile-compressed (.fits.fz: RICE_1 for integers, lossless GZIP_2 for floats).")
    boolean compress;

    @Option(
            names = "--sigma",
            paramLabel = "S",
            description = "clipstats: clipping bound in standard deviations (default: 3, astropy).")
    Double sigma;

    @Option(names = "--sigma-lower", paramLabel = "S", description = "clipstats: lower bound (default: --sigma).")
    Double sigmaLower;

    @Option(names = "--sigma-upper", paramLabel = "S", description = "clipstats: upper bound (default: --sigma).")
    Double sigmaUpper;

    @Option(
            names = "--maxiters",
            paramLabel = "N",
            description = "clipstats: at most N clipping passes, or none (default: 5, astropy).")
    String maxiters;

    @Option(names = "--cenfunc", paramLabel = "F", description = "clipstats: median or mean (default: median).")
    String cenfunc;

    @Option(names = "--stdfunc", paramLabel = "F", description = "clipstats: std or mad_std (default: std).")
    String stdfunc;

    @Option(
            names = "--box",
            paramLabel = "N[xM]",
            description = "background: box size in pixels, N or NYxNX (default: 64).")
    String box;

    @Option(
            names = "--filter",
            paramLabel = "N[xM]",
            description = "background: median filter size in boxes, odd (default: 3, photutils).")
    String filter;

    @Option(
            names = "--bkg",
            paramLabel = "EST",
            description = "background: estimator sextractor or median (default: sextractor, photutils).")
    String bkg;

    @Option(
            names = "--edge",
            paramLabel = "METHOD",
            description = "background: pad or crop partial boxes (default: pad, photutils).")
    String edge;

    @Option(
            names = "--exclude-percentile",
            paramLabel = "P",
            description = "background: skip boxes with more than P %% masked pixels (default: 10).")
    Double excludePercentile;

    @Option(
            names = "--bkg-sigma",
            paramLabel = "S",
            description = "background: sigma clipping of each box (default: 3, photutils).")
    Double bkgSigma;

    @Option(
            names = "--bkg-maxiters",
            paramLabel = "N",
            description = "background: clipping passes per box, or none (default: 10, photutils).")
    String bkgMaxiters;

    @Option(
            names = "--bkg-maps",
            description = "background: also write the background and rms maps (DIR/<name>_bkg.fits, _rms.fits).")
    boolean bkgMaps;

    /** The validated survey settings. */
    FarmSurvey survey() {
        return FarmSurvey.of(new FarmSurvey.Flags(
                sigma,
                sigmaLower,
                sigmaUpper,
                maxiters,
                cenfunc,
                stdfunc,
                box,
                filter,
                bkg,
                edge,
                excludePercentile,
                bkgSigma,
                bkgMaxiters,
                bkgMaps,
                compress));
    }
}
