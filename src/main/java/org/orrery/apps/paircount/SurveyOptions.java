package org.orrery.apps.paircount;

import picocli.CommandLine.Option;

/**
 * The survey options of {@code orrery paircount} (a picocli mixin): what is binned, the input coordinates,
 * line-of-sight bins, cosmology and jackknife patches. {@link #config()} validates them into a {@link SurveyConfig}.
 */
public final class SurveyOptions {
    @Option(
            names = "--mode",
            paramLabel = "r|rppi|smu|theta",
            description = "What is binned: r (3-D ξ(r)), rppi (ξ(rp, π) and wp), "
                    + "smu (ξ(s, μ) and multipoles ξ0, ξ2, ξ4) or theta (w(θ), edges in degrees). Default: "
                    + "${DEFAULT-VALUE}.")
    String mode = "r";

    @Option(
            names = "--coords",
            paramLabel = "xyz|sky-z|sky-dist",
            description = "Input coordinates: xyz (box, line of sight z), "
                    + "sky-z (RA, Dec, redshift; flat ΛCDM) or sky-dist (RA, Dec, comoving distance). theta "
                    + "reads RA, Dec. Default: ${DEFAULT-VALUE}.")
    String coords = "xyz";

    @Option(names = "--pimax", description = "rppi: largest |π|. Default: ${DEFAULT-VALUE}.")
    double pimax = 40;

    @Option(
            names = "--npibins",
            description = "rppi: π bins of width pimax/npibins. Default: (int) pimax (Corrfunc's rule).")
    Integer npibins;

    @Option(names = "--mu-max", description = "smu: largest μ, in (0, 1]. Default: ${DEFAULT-VALUE}.")
    double muMax = 1;

    @Option(names = "--nmu-bins", description = "smu: μ bins. Default: ${DEFAULT-VALUE}.")
    int nmuBins = 10;

    @Option(names = "--omega-m", description = "sky-z: Ωm of the flat ΛCDM cosmology. Default: ${DEFAULT-VALUE}.")
    double omegaM = 0.3;

    @Option(names = "--h", description = "sky-z: distances in Mpc with this h. Default: h⁻¹ Mpc (Corrfunc's unit).")
    Double hubble;

    @Option(
            names = "--patches",
            paramLabel = "K",
            description = "Jackknife patches: k-means on the sky, K = m^3 cubes in a box "
                    + "(0: none). Default: ${DEFAULT-VALUE}.")
    int patches;

    @Option(names = "--patch-seed", description = "Seed of the k-means initialisation. Default: ${DEFAULT-VALUE}.")
    long patchSeed = 1;

    @Option(
            names = "--patch-sample",
            description = "Largest k-means sample (every ceil(N/S)-th row). Default: ${DEFAULT-VALUE}.")
    int patchSample = 100_000;

    @Option(
            names = "--sky-trees",
            description = "Sky modes without --data: Soneira–Peebles trees (η^levels points each) on "
                    + "RA [100, 160), Dec [0, 40). Default: ${DEFAULT-VALUE}.")
    int skyTrees = 40;

    /** The validated survey configuration. */
    SurveyConfig config() {
        return new SurveyConfig(
                SurveyConfig.Mode.of(mode),
                SurveyConfig.Coords.of(coords),
                pimax,
                npibins,
                muMax,
                nmuBins,
                omegaM,
                hubble,
                patches,
                patchSeed,
                patchSample,
                skyTrees);
    }
}
