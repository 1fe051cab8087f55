package org.orrery.apps.common;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import nom.tam.fits.Header;
import nom.tam.fits.HeaderCardException;
import org.orrery.io.AtomicFile;
import org.orrery.io.fits.FitsImages;
import org.orrery.model.UserError;
import org.orrery.parallel.BlockDecomposition;
import org.orrery.parallel.Comm;
import org.orrery.physics.image.TestImageSet;

/**
 * Writes a {@link TestImageSet} as FITS files in a directory, in parallel: image i is made by whichever rank owns i in
 * a block decomposition, so the files are the same bits at any rank count. Shared by gen-images and the farm's activity
 * run. Headers record kind, seed, index and stream seed; existing files are kept unless {@code force}.
 */
public final class TestImageFiles {
    private TestImageFiles() {}

    /** Where gen-images writes by default, and where the farm's activity run looks. */
    public static final Path DEFAULT_DIR = Path.of("data", "images");

    /** How many files were written and kept, and the wall time. */
    public record Outcome(long written, long kept, double seconds) {}

    /** The files of the set in {@code dir}, in index order. */
    public static List<Path> files(TestImageSet set, Path dir) {
        List<Path> l = new ArrayList<>();
        for (int i = 0; i < set.count(); i++) {
            l.add(dir.resolve(set.fileName(i)));
        }
        return l;
    }

    /**
     * collective: every rank makes and writes its block of images. Write failures are agreed on, so every rank stops
     * together with one message.
     */
    public static Outcome generate(Comm comm, TestImageSet set, Path dir, boolean force) {
        return generate(comm, set, dir, force, UnaryOperator.identity()); // collective
    }

    /**
     * collective: as {@link #generate(Comm, TestImageSet, Path, boolean)}, but image i goes to
     * {@code writeTo.apply(target)} (e.g. a temporary of an {@link org.orrery.io.OutputSet}, published with the rest of
     * the set); whether a file is kept is decided on its target.
     */
    public static Outcome generate(Comm comm, TestImageSet set, Path dir, boolean force, UnaryOperator<Path> writeTo) {
        double t0 = comm.wtime();
        String err = null;
        if (comm.rank() == 0) {
            try {
                AtomicFile.checkWritableDirectory(dir);
            } catch (UserError e) {
                err = e.getMessage();
            }
        }
        comm.agree(err); // collective
        BlockDecomposition bd = new BlockDecomposition(set.count(), comm.size());
        long written = 0;
        long kept = 0;
        err = null;
        for (int i = (int) bd.start(comm.rank()); i < bd.end(comm.rank()) && err == null; i++) {
            if (!force && Files.isRegularFile(dir.resolve(set.fileName(i)))) {
                kept++;
                continue;
            }
            try {
                write(set, writeTo.apply(dir.resolve(set.fileName(i))), i);
                written++;
            } catch (UserError e) {
                err = e.getMessage();
            }
        }
        comm.agree(err); // collective
        long[] sums = {written, kept};
        comm.allReduce(sums, 2, Comm.Op.SUM); // collective
        return new Outcome(sums[0], sums[1], comm.wtime() - t0);
    }

    /** Makes image i and writes it atomically to {@code file}. */
    static void write(TestImageSet set, Path file, int i) {
        double[] img = set.pixels(i);
        Header h = new Header();
        try {
            h.addValue("ORIGIN", "Orrery gen-images", "software that made this file");
            h.addValue("GENKIND", set.kind().name(), "field: smooth random field; uniform: U[0,1)*scale");
            h.addValue("GENSEED", set.seed(), "base seed");
            h.addValue("GENINDEX", i, "image index");
            h.addValue("GENSTRM", Long.toUnsignedString(set.stream(i)), "SplitMix64 stream seed (unsigned)");
            if (set.kind() == TestImageSet.Kind.field) {
                h.addValue("GENWDIV", set.widthDivisor(), "spectrum width = max(rho) / GENWDIV");
            } else {
                h.addValue("GENSCALE", set.scale(), "values are U[0,1) * GENSCALE");
                h.addValue("FILENAME", set.fileName(i), "");
            }
        } catch (HeaderCardException e) {
            throw new IllegalStateException("cannot build header: " + e.getMessage(), e);
        }
        FitsImages.write(file, set.ny(), set.nx(), img, null, h, "orrery gen-images: " + set.recipe());
    }
}
