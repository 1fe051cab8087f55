package org.orrery.apps.farm;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.orrery.apps.OrreryVersion;
import org.orrery.apps.common.Agreement;
import org.orrery.apps.common.Programs;
import org.orrery.apps.common.SharedOptions;
import org.orrery.apps.common.SpmdProgram;
import org.orrery.apps.common.TestImageFiles;
import org.orrery.io.OutputSet;
import org.orrery.model.UserError;
import org.orrery.parallel.Comm;
import org.orrery.parallel.RankTimes;
import org.orrery.parallel.RootWait;
import org.orrery.parallel.StopSignals;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code orrery farm}: one analysis applied to many FITS files in parallel, results gathered into one table in input
 * order. Operations (chainable): the median high-pass {@code frame - median_filter(frame, k)} written as a FITS file
 * per input, statistics (mean, population std, median of log10(max(x, 1e-6))), the brightest pixel, and for survey data
 * astropy-style sigma-clipped statistics and a photutils-style mesh background (background-subtracted images). Every
 * image HDU of a multi-extension or tile-compressed file is a work item with its own row; image outputs of such files
 * mirror their structure (docs/farm-survey.md). Scheduling static (blocks) or dynamic (self-scheduling). Bad files and
 * extensions are recorded as failed with their reason; exit status 0 = all succeeded, 3 = some failed, 4 = all failed,
 * 2 = usage error. With no inputs it runs the teaching activity: it generates the 25 1000×1000 images in data/images if
 * absent and processes them.
 */
@Command(
        name = "farm",
        mixinStandardHelpOptions = true,
        versionProvider = OrreryVersion.class,
        sortOptions = false,
        description = {
            "Apply a median high-pass, statistics and/or brightest-pixel search to many FITS images in parallel;",
            "one result table (CSV and FITS) in input order. With no INPUT: the teaching activity (25 images "
                    + "1000x1000, k=50).",
            "Survey data: every image HDU of a mosaic or .fits.fz file is one row; sigma-clipped statistics "
                    + "(clipstats) and",
            "mesh backgrounds (background) as operations; outputs mirror the input's extensions."
        },
        exitCodeListHeading = "Exit status:%n",
        exitCodeList = {
            "0:every input processed",
            "1:environment failure (output directory busy or unwritable, disk full)",
            "2:usage error",
            "3:partial: some inputs failed (see the table)",
            "4:every input failed",
            "75:preempted (SIGUSR1/SIGTERM): finished items are in the ledger; run again with --resume"
        })
public final class ImageFarmCommand implements SpmdProgram {

    @Parameters(
            paramLabel = "INPUT",
            arity = "0..*",
            description = {
                "FITS files, directories (their *.fits/*.fit/*.fts/*.fits.fz) or quoted globs ('dir/img_*.fits');",
                "each image HDU of a multi-extension or tile-compressed file is one work item and one table row."
            })
    List<String> inputs = new ArrayList<>();

    @Option(
            names = "--ops",
            paramLabel = "LIST",
            split = ",",
            description = {
                "Operations, comma-separated: highpass, stats, brightest, "
                        + "clipstats (sigma-clipped mean/median/std), background (mesh background; writes "
                        + "DIR/<name>_bkgsub.fits)",
                "(default: highpass,stats,brightest)."
            })
    List<FarmOptions.Op> ops = new ArrayList<>(FarmOptions.DEFAULT_OPS);

    @Option(
            names = {"-k", "--window"},
            paramLabel = "K",
            description = "Median window size k (k x k pixels, SciPy size=k; default: ${DEFAULT-VALUE}).")
    int window = 50;

    @Option(
            names = "--table",
            paramLabel = "FILE.csv",
            description = "Result table (default: DIR/farm.csv); a FITS table is written beside it (.fits).")
    Path table;

    @Option(
            names = "--schedule",
            paramLabel = "MODE",
            description = "static (blocks of the list) or dynamic (rank 0 hands out files on request; default).")
    String schedule = "dynamic";

    @Option(
            names = "--resume",
            description = "Continue an interrupted or preempted run: reuse the items of earlier runs with the same "
                    + "options whose outputs are intact (size and CRC-32C in the ledger TABLE.ledger/); do "
                    + "only the rest.")
    boolean resume;

    @Option(
            names = "--images",
            paramLabel = "DIR",
            description =
                    "Activity run only: where the 25 images are (generated if absent; default: ${DEFAULT-VALUE}).")
    Path images = TestImageFiles.DEFAULT_DIR;

    @Option(
            names = "--print-rows",
            paramLabel = "N",
            description = "Print at most N table rows (default: ${DEFAULT-VALUE}).")
    int printRows = 100;

    @Mixin
    FarmSurveyOptions survey = new FarmSurveyOptions();

    @Mixin
    SharedOptions.Output output = new SharedOptions.Output();

    private FarmConfig config;

    public static void main(String[] args) {
        Programs.main(ImageFarmCommand::new, args);
    }

    @Override
    public String name() {
        return "farm";
    }

    @Override
    public void validate() {
        config = new FarmConfig(
                inputs,
                Set.copyOf(ops),
                window,
                output.out("farm"),
                table,
                FarmConfig.schedule(schedule),
                resume,
                images,
                printRows,
                output.quiet(),
                output.progressSeconds(),
                output.summary(),
                survey.survey());
    }

    /** The validated configuration (after {@link #validate()}). */
    public FarmConfig config() {
        return config;
    }

    @Override
    public int run(Comm comm) throws InterruptedException {
        StopSignals.install(); // every rank: SIGUSR1/SIGTERM stop handing out work (preemption)
        // Rank 0 owns the output directory for the whole run; the table and summary are published together at the end.
        OutputSet files = null;
        UserError busy = null;
        if (comm.rank() == 0) {
            try {
                files = OutputSet.open(config.options().outDir(), "farm", n -> System.err.println("farm: " + n));
            } catch (UserError e) {
                busy = e;
            }
        }
        Agreement.agree(comm, busy); // collective
        try {
            FarmResult r = FarmJob.run(
                    comm, config, new FarmProgress(config, comm.size(), System.out, System.err)); // collective
            if (r.stoppedBy() != null) {
                if (comm.rank() == 0) {
                    System.err.println(FarmReport.stoppedLine(config, r));
                }
                return StopSignals.EXIT_PREEMPTED;
            }
            int code = 0;
            if (comm.rank() == 0) {
                long t0 = RankTimes.now();
                FarmReport.write(config, r, System.out, System.err, files);
                files.commit();
                code = r.exitStatus();
                RankTimes.addSerialSince("report", t0);
            }
            RootWait.await(comm); // collective: the others wait out rank 0's report asleep
            return (int) comm.bcastLong(code, 0); // collective
        } finally {
            if (files != null) {
                files.close();
            }
        }
    }
}
