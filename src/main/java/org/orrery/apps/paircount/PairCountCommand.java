package org.orrery.apps.paircount;

import java.nio.file.Path;
import java.util.List;
import org.orrery.apps.OrreryVersion;
import org.orrery.apps.common.Programs;
import org.orrery.apps.common.SharedOptions;
import org.orrery.apps.common.SpmdProgram;
import org.orrery.parallel.Comm;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code orrery paircount}: the two-point correlation function ξ(r) by distributed pair counting. Options only: they
 * become a {@link PairCountConfig}; {@link PairCountJob} counts on every rank and {@link PairCountReport} writes
 * DIR/paircount.csv, DIR/paircount.fits and DIR/paircount.png on rank 0. With {@code --mode rppi|smu|theta}, sky
 * coordinates or {@code --patches}, the survey path ({@link SurveyJob}, {@link SurveyReport}) counts (rp, π), (s, μ), θ
 * or r with jackknife patches (docs/paircount-survey.md). Counts, weight sums, mean separations and ξ are the same bits
 * at any number of ranks and threads.
 */
@Command(
        name = "paircount",
        mixinStandardHelpOptions = true,
        versionProvider = OrreryVersion.class,
        sortOptions = false,
        description = {
            "Two-point correlation function: distributed pair counts DD, DR, RR and ξ(r) with the natural, "
                    + "Davis–Peebles, Hamilton and Landy–Szalay estimators.",
            "With no options: a demo (clustered catalog of 50000 points + 100000 randoms in a 1000^3 box)."
        })
public final class PairCountCommand implements SpmdProgram {
    @Option(
            names = "--data",
            paramLabel = "FILE",
            description =
                    "Data catalog: text (x y z [w], comma/space separated), FITS binary table (.fits) or NumPy array "
                            + "(.npy). Default: a generated catalog (--generate).")
    Path data;

    @Option(
            names = "--randoms",
            paramLabel = "FILE",
            description = "Random catalog (same formats). Default: generated uniform randoms, --random-factor × N_D.")
    Path randoms;

    @Option(
            names = "--random-factor",
            paramLabel = "F",
            description = "Generated randoms per data point (0: no randoms; DD only, plus analytic ξ when periodic). "
                    + "Default: ${DEFAULT-VALUE}.")
    double randomFactor = 2;

    @Option(
            names = "--generate",
            paramLabel = "KIND",
            description = "Data to generate when no --data: clustered (Gaussian blobs), "
                    + "soneira-peebles (hierarchical, ξ ∝ r^-γ) or uniform. Default: ${DEFAULT-VALUE}.")
    String generate = "clustered";

    @Option(names = "--sp-eta", description = "Soneira-Peebles: spheres per sphere η. Default: ${DEFAULT-VALUE}.")
    int spEta = 2;

    @Option(
            names = "--sp-lambda",
            description =
                    "Soneira-Peebles: radius ratio λ between levels (γ = 3 - ln η / ln λ). Default: ${DEFAULT-VALUE}.")
    double spLambda = 1.9;

    @Option(
            names = "--sp-levels",
            description =
                    "Soneira-Peebles: levels (η^levels points per tree, at most 65536). Default: ${DEFAULT-VALUE}.")
    int spLevels = 12;

    @Option(
            names = "--sp-radius",
            paramLabel = "R",
            description = "Soneira-Peebles: radius of the top-level spheres. Default: L/8.")
    Double spRadius;

    @Option(
            names = {"-n", "--npoints"},
            paramLabel = "N",
            description = "Points to generate (with --generate). Default: ${DEFAULT-VALUE}.")
    long npoints = 50_000;

    @Option(
            names = "--seed",
            description = "Seed of the generated data (randoms use seed + 1). Default: ${DEFAULT-VALUE}.")
    long seed = 1;

    @Option(
            names = "--box",
            paramLabel = "L",
            description =
                    "Cube side: generated catalogs fill [0,L)^3; with --periodic, the periodic box. Default: 1000 for "
                            + "generated data.")
    Double box;

    @Option(names = "--periodic", description = "Periodic cube [0,L)^3 (minimum image); needs rmax < L/2.")
    boolean periodic;

    @Option(
            names = "--bins",
            paramLabel = "lin|log",
            description = "Bin spacing between --rmin and --rmax. Default: ${DEFAULT-VALUE}.")
    String binKind = "log";

    @Option(names = "--rmin", description = "Smallest separation. Default: ${DEFAULT-VALUE}.")
    double rmin = 1;

    @Option(names = "--rmax", description = "Largest separation. Default: ${DEFAULT-VALUE}.")
    double rmax = 50;

    @Option(names = "--nbins", description = "Number of bins. Default: ${DEFAULT-VALUE}.")
    int nbins = 15;

    @Option(
            names = "--edges",
            paramLabel = "FILE",
            description = "Explicit bin edges (numbers, increasing), instead of --bins/--rmin/--rmax/--nbins.")
    Path edgesFile;

    @Option(names = "--weights", description = "Read a weight column and also report weighted counts (sum of w_i w_j).")
    boolean weights;

    @Option(
            names = "--columns",
            split = ",",
            paramLabel = "X,Y,Z[,W]",
            description = "Data columns by name or 1-based number. Default: x,y,z[,w] by name, else 1,2,3[,4].")
    List<String> columns;

    @Option(
            names = "--random-columns",
            split = ",",
            paramLabel = "X,Y,Z[,W]",
            description = "As --columns, for --randoms.")
    List<String> randomColumns;

    @Option(names = "--ravg", description = "Also report the mean separation of DD pairs per bin.")
    boolean ravg;

    @Option(
            names = "--pairs",
            paramLabel = "ordered|unique",
            description = "Auto-count convention printed for DD and RR: ordered (Corrfunc: each pair twice) or unique. "
                    + "Default: ${DEFAULT-VALUE}.")
    String pairs = "ordered";

    @Option(
            names = "--refine",
            description = "Cells per rmax along x and y (1..4), or 0: automatic, the default: 1 for mode r in a box, "
                    + "2 on the survey path but unweighted theta without patches: 1, 2 or 3 by the catalogs' density.")
    Integer refine;

    @Option(names = "--no-fits", description = "Do not write the FITS table.")
    boolean noFits;

    @Option(
            names = "--repeat",
            description = "Benchmarking: run the decomposition and counting this many times on the loaded "
                    + "catalogs and report the fastest time of each phase (the counts must agree). Default: "
                    + "${DEFAULT-VALUE}.")
    int repeat = 1;

    @Mixin
    SurveyOptions surveyOptions = new SurveyOptions();

    @Mixin
    SharedOptions.Threads threads = new SharedOptions.Threads();

    @Mixin
    SharedOptions.Output output = new SharedOptions.Output();

    @Mixin
    SharedOptions.Plot plot = new SharedOptions.Plot();

    private PairCountConfig config;
    private SurveyConfig survey;

    public static void main(String[] args) {
        Programs.main(PairCountCommand::new, args);
    }

    @Override
    public String name() {
        return "paircount";
    }

    /** The validated configuration (after {@link #validate()}). */
    public PairCountConfig config() {
        return config;
    }

    /** The validated survey options (after {@link #validate()}). */
    public SurveyConfig survey() {
        return survey;
    }

    @Override
    public void validate() {
        survey = surveyOptions.config();
        if (survey.mode() == SurveyConfig.Mode.THETA) {
            columns = PairCountRules.pairToTriple(columns, weights);
            randomColumns = PairCountRules.pairToTriple(randomColumns, weights);
        }
        config = new PairCountConfig(
                data,
                columns,
                randoms,
                randomColumns,
                weights,
                PairCountConfig.Generator.of(generate),
                npoints,
                seed,
                randomFactor,
                spEta,
                spLambda,
                spLevels,
                spRadius,
                box,
                periodic,
                PairCountConfig.Spacing.of(binKind),
                rmin,
                rmax,
                nbins,
                edgesFile,
                ravg,
                PairCountConfig.Pairs.of(pairs),
                threads.threads(),
                PairCountRules.refine(refine, survey.survey()),
                repeat,
                output.out("paircount"),
                plot.plot(),
                !noFits,
                output.summary(),
                output.quiet());
        survey.check(config);
        PairCountLimits.check(survey, edgesFile == null ? nbins : 1);
    }

    @Override
    public int run(Comm comm) {
        return PairCountRun.run(comm, config, survey); // collective
    }
}
