package org.orrery.apps.genimages;

import java.nio.file.Path;
import java.util.function.UnaryOperator;
import org.orrery.apps.OrreryVersion;
import org.orrery.apps.common.Agreement;
import org.orrery.apps.common.Programs;
import org.orrery.apps.common.SharedOptions;
import org.orrery.apps.common.SpmdProgram;
import org.orrery.apps.common.TestImageFiles;
import org.orrery.io.OutputSet;
import org.orrery.model.UserError;
import org.orrery.parallel.Comm;
import org.orrery.physics.image.MosaicGenerator;
import org.orrery.physics.image.RandomField;
import org.orrery.physics.image.TestImageSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code orrery gen-images}: writes the teaching texts' test images as FITS files, in parallel ({@link TestImageSet}:
 * the activity's 25 smooth random fields 1000×1000, or the textbook's 32 uniform-noise images 128×128). Existing files
 * are kept unless {@code --force}; the files a run writes appear together at its end ({@link OutputSet}), or none.
 */
@Command(
        name = "gen-images",
        mixinStandardHelpOptions = true,
        versionProvider = OrreryVersion.class,
        sortOptions = false,
        description =
                "Write the teaching activity's test FITS images (smooth random fields or uniform noise), in parallel.")
public final class GenImagesCommand implements SpmdProgram {

    @Option(
            names = "--kind",
            paramLabel = "KIND",
            description =
                    "field (the activity's smooth random fields, default) or uniform (the textbook's 128x128 noise).")
    TestImageSet.Kind kind = TestImageSet.Kind.field;

    @Option(
            names = {"-n", "--count"},
            paramLabel = "N",
            description = "Number of images (default: 25 fields, 32 uniform).")
    Integer count;

    @Option(names = "--nx", paramLabel = "NX", description = "Image width (default: 1000 fields, 128 uniform).")
    Integer nx;

    @Option(names = "--ny", paramLabel = "NY", description = "Image height (default: same as width).")
    Integer ny;

    @Option(
            names = "--seed",
            paramLabel = "SEED",
            description = "Base seed; image i uses stream seedFor(SEED, i) (default: ${DEFAULT-VALUE}).")
    long seed = RandomField.DEFAULT_SEED;

    @Option(
            names = "--width-divisor",
            paramLabel = "D",
            description = "Field spectrum width = max(rho) / D (default: ${DEFAULT-VALUE}, as the activity).")
    double widthDivisor = RandomField.DEFAULT_WIDTH_DIVISOR;

    @Option(
            names = "--scale",
            paramLabel = "S",
            description = "Uniform images are U[0,1) * S (default: ${DEFAULT-VALUE}).")
    double scale = 1000;

    @Option(names = "--force", description = "Rewrite files that already exist.")
    boolean force;

    @Option(
            names = "--mosaic",
            description = {
                "Write one synthetic mosaic exposure instead: DIR/mosaic_s<SEED>.fits with N int16 CCD extensions",
                "(EXTNAME CCD, EXTVER 1..N; default 60 CCDs of 2048x4096, --nx/--ny/-n for smaller ones)."
            })
    boolean mosaic;

    @Option(
            names = "--compress",
            description = "With --mosaic: RICE_1 tile-compressed extensions (DIR/mosaic_s<SEED>.fits.fz).")
    boolean compress;

    @Mixin
    SharedOptions.Output output = new SharedOptions.Output();

    private GenImagesConfig config;

    public static void main(String[] args) {
        Programs.main(GenImagesCommand::new, args);
    }

    @Override
    public String name() {
        return "gen-images";
    }

    @Override
    public void validate() {
        int w = nx != null ? nx : mosaic ? MosaicGenerator.DEFAULT_NX : kind == TestImageSet.Kind.field ? 1000 : 128;
        int h = ny != null ? ny : mosaic ? MosaicGenerator.DEFAULT_NY : w;
        int n = count != null
                ? count
                : mosaic ? MosaicGenerator.DEFAULT_CCDS : kind == TestImageSet.Kind.field ? 25 : 32;
        config = new GenImagesConfig(
                kind,
                n,
                h,
                w,
                seed,
                widthDivisor,
                scale,
                output.outOr(TestImageFiles.DEFAULT_DIR),
                force,
                output.summary(),
                output.quiet(),
                mosaic,
                compress);
    }

    /** The validated configuration (after {@link #validate()}). */
    public GenImagesConfig config() {
        return config;
    }

    /**
     * collective: rank 0 owns the output directory and stages every file of the set; each rank writes its images to
     * their temporaries (named by rank 0's {@link OutputSet#token}), and rank 0 publishes them together at the end. A
     * failed or interrupted run publishes none: the previous files stay as they were.
     */
    @Override
    public int run(Comm comm) {
        OutputSet owner = null;
        UserError busy = null;
        if (comm.rank() == 0) {
            try {
                owner = OutputSet.open(config.dir(), name(), n -> System.err.println("gen-images: " + n));
            } catch (UserError e) {
                busy = e;
            }
        }
        Agreement.agree(comm, busy); // collective
        try {
            long token = comm.bcastLong(comm.rank() == 0 ? owner.token() : 0, 0); // collective
            UnaryOperator<Path> writeTo;
            if (comm.rank() == 0) {
                OutputSet files = owner;
                for (Path target : GenImagesJob.targets(config)) {
                    files.stage(target);
                }
                writeTo = files::stage;
            } else {
                writeTo = t -> OutputSet.stagedPath(t, token);
            }
            GenImagesJob.Result r = GenImagesJob.run(comm, config, writeTo); // collective
            if (comm.rank() == 0) {
                GenImagesReport.write(config, r, System.out, owner);
                owner.commit();
            }
            return 0;
        } finally {
            if (owner != null) {
                owner.close();
            }
        }
    }
}
