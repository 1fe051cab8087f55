package org.orrery.apps.genimages;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;
import org.orrery.apps.common.TestImageFiles;
import org.orrery.io.fits.MefWriter;
import org.orrery.io.fits.MosaicFits;
import org.orrery.model.UserError;
import org.orrery.parallel.Comm;
import org.orrery.physics.image.MosaicGenerator;

/**
 * The gen-images job: every rank writes its block of the images ({@link TestImageFiles}); or, with {@code --mosaic},
 * rank 0 streams the synthetic mosaic CCD by CCD into one file ({@link MosaicFits}, {@link MosaicGenerator}: a CCD
 * depends only on the seed and its number, so the file is the same bytes at any np; memory holds one CCD).
 */
public final class GenImagesJob {
    private GenImagesJob() {}

    /**
     * What a run did: files written and kept over all ranks, its wall time, on how many ranks and with which MPI
     * library.
     */
    public record Result(long written, long kept, double seconds, int ranks, String mpiLibrary) {}

    /** The files a run of {@code c} writes unless they are kept: the images, or the one mosaic file. */
    public static List<Path> targets(GenImagesConfig c) {
        return c.mosaic() ? List.of(c.mosaicFile()) : TestImageFiles.files(c.set(), c.dir());
    }

    /** collective: makes and writes the images of {@code c} where they are kept or are to appear. */
    public static Result run(Comm comm, GenImagesConfig c) {
        return run(comm, c, UnaryOperator.identity()); // collective
    }

    /**
     * collective: makes the images of {@code c}; the file for target t (one of {@link #targets}) is written to
     * {@code writeTo.apply(t)}, whether a target is kept is decided on t itself.
     */
    public static Result run(Comm comm, GenImagesConfig c, UnaryOperator<Path> writeTo) {
        if (c.mosaic()) {
            return mosaic(comm, c, writeTo);
        }
        TestImageFiles.Outcome o = TestImageFiles.generate(comm, c.set(), c.dir(), c.force(), writeTo); // collective
        return new Result(o.written(), o.kept(), o.seconds(), comm.size(), comm.libraryVersion());
    }

    private static Result mosaic(Comm comm, GenImagesConfig c, UnaryOperator<Path> writeTo) {
        double t0 = comm.wtime();
        long written = 0;
        long kept = 0;
        String err = null;
        if (comm.rank() == 0) {
            try {
                if (Files.isRegularFile(c.mosaicFile()) && !c.force()) {
                    kept = c.count();
                } else {
                    MosaicFits.write(
                            writeTo.apply(c.mosaicFile()),
                            c.seed(),
                            c.count(),
                            c.ny(),
                            c.nx(),
                            k -> MosaicGenerator.ccd(c.seed(), k, c.count(), c.ny(), c.nx()),
                            c.compress() ? MefWriter.Compression.LOSSLESS : MefWriter.Compression.NONE);
                    written = c.count();
                }
            } catch (UserError e) {
                err = e.getMessage();
            }
        }
        comm.agree(err); // collective
        return new Result(written, kept, comm.wtime() - t0, comm.size(), comm.libraryVersion());
    }
}
