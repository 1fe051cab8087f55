package org.orrery.apps.genimages;

import java.nio.file.Files;
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

    /** collective: makes and writes the images of {@code c}. */
    public static Result run(Comm comm, GenImagesConfig c) {
        if (c.mosaic()) {
            return mosaic(comm, c);
        }
        TestImageFiles.Outcome o = TestImageFiles.generate(comm, c.set(), c.dir(), c.force()); // collective
        return new Result(o.written(), o.kept(), o.seconds(), comm.size(), comm.libraryVersion());
    }

    private static Result mosaic(Comm comm, GenImagesConfig c) {
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
                            c.mosaicFile(),
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
