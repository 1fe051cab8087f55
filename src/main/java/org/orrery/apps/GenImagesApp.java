package org.orrery.apps;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import nom.tam.fits.Header;
import nom.tam.fits.HeaderCardException;

import org.orrery.apps.common.Programs;
import org.orrery.apps.common.SpmdProgram;
import org.orrery.io.AtomicFile;
import org.orrery.io.Summary;
import org.orrery.io.fits.FitsImages;
import org.orrery.model.UserError;
import org.orrery.parallel.BlockDecomposition;
import org.orrery.parallel.Comm;
import org.orrery.physics.image.RandomField;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Writes the teaching texts' test images as FITS files, in parallel: image i is made by whichever
 * rank owns i in a block decomposition, from its own random stream {@code seedFor(seed, i)}, so
 * the files are the same bits at any rank count.
 *
 * <ul>
 * <li>{@code --kind field} (default): the notebook's activity, 25 smooth random fields 1000×1000
 *     ({@code generate_fake_data}: random phases, Gaussian spectrum of width max ρ / 50, inverse
 *     FFT), named {@code fake_<ny>x<nx>_<i>.fits} as in the notebook.</li>
 * <li>{@code --kind uniform}: the textbook's 32 small images, {@code np.random.rand(128, 128) *
 *     1000}, named {@code image_<iii>.fits} with a FILENAME card.</li>
 * </ul>
 * Existing files are kept unless {@code --force}. Headers record kind, seed, index and stream seed.
 */
@Command(name = "gen-images", mixinStandardHelpOptions = true, versionProvider = OrreryVersion.class,
        description = "Write the teaching activity's test FITS images (smooth random fields or uniform noise), in parallel.")
public final class GenImagesApp implements SpmdProgram {

    /** What to generate. */
    public enum Kind { field, uniform }

    @Option(names = "--kind", paramLabel = "KIND", description = "field (the activity's smooth random fields, default) or uniform (the textbook's 128x128 noise).")
    Kind kind = Kind.field;

    @Option(names = {"-o", "--out"}, paramLabel = "DIR", description = "Output directory (default: ${DEFAULT-VALUE}).")
    Path out = Path.of("data", "images");

    @Option(names = {"-n", "--count"}, paramLabel = "N", description = "Number of images (default: 25 fields, 32 uniform).")
    Integer count;

    @Option(names = "--nx", paramLabel = "NX", description = "Image width (default: 1000 fields, 128 uniform).")
    Integer nx;

    @Option(names = "--ny", paramLabel = "NY", description = "Image height (default: same as width).")
    Integer ny;

    @Option(names = "--seed", paramLabel = "SEED", description = "Base seed; image i uses stream seedFor(SEED, i) (default: ${DEFAULT-VALUE}).")
    long seed = RandomField.DEFAULT_SEED;

    @Option(names = "--width-divisor", paramLabel = "D", description = "Field spectrum width = max(rho) / D (default: ${DEFAULT-VALUE}, as the activity).")
    double widthDivisor = RandomField.DEFAULT_WIDTH_DIVISOR;

    @Option(names = "--scale", paramLabel = "S", description = "Uniform images are U[0,1) * S (default: ${DEFAULT-VALUE}).")
    double scale = 1000;

    @Option(names = "--force", description = "Rewrite files that already exist.")
    boolean force;

    @Option(names = "--summary", paramLabel = "FILE.json", description = "Also write a machine-readable summary.")
    Path summary;

    public static void main(String[] args) {
        Programs.main(new GenImagesApp(), args);
    }

    @Override
    public String name() {
        return "gen-images";
    }

    /** The generation request, validated. */
    public record Spec(Kind kind, Path dir, int count, int ny, int nx, long seed, double widthDivisor, double scale,
                       boolean force) {
        public Spec {
            if (count < 1 || count > 1_000_000) {
                throw new UserError("--count must be between 1 and 1000000, got " + count);
            }
            if (nx < 1 || ny < 1 || (long) nx * ny > 200_000_000L) {
                throw new UserError("image size must be at least 1x1 and at most 2e8 pixels, got " + nx + "x" + ny);
            }
            if (!(widthDivisor > 0) || Double.isInfinite(widthDivisor)) {
                throw new UserError("--width-divisor must be positive, got " + widthDivisor);
            }
            if (!Double.isFinite(scale)) {
                throw new UserError("--scale must be finite, got " + scale);
            }
        }

        /** The notebook's activity: 25 fields 1000x1000. */
        public static Spec activity(Path dir) {
            return new Spec(Kind.field, dir, 25, 1000, 1000, RandomField.DEFAULT_SEED, RandomField.DEFAULT_WIDTH_DIVISOR, 1000, false);
        }

        public Path file(int i) {
            return dir.resolve(kind == Kind.field ? String.format(Locale.ROOT, "fake_%dx%d_%d.fits", ny, nx, i)
                    : String.format(Locale.ROOT, "image_%03d.fits", i));
        }

        public List<Path> files() {
            List<Path> l = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                l.add(file(i));
            }
            return l;
        }
    }

    Spec spec() {
        int w = nx != null ? nx : kind == Kind.field ? 1000 : 128;
        int h = ny != null ? ny : w;
        int n = count != null ? count : kind == Kind.field ? 25 : 32;
        return new Spec(kind, out, n, h, w, seed, widthDivisor, scale, force);
    }

    @Override
    public void validate() {
        spec();
    }

    /** How many files were written and kept. */
    public record Outcome(long written, long kept, double seconds) { }

    /**
     * collective: every rank makes and writes its block of images. Write failures are agreed on, so
     * every rank stops together with one message.
     */
    public static Outcome generate(Comm comm, Spec spec) {
        double t0 = comm.wtime();
        String err = null;
        if (comm.rank() == 0) {
            try {
                AtomicFile.checkWritableDirectory(spec.dir());
            } catch (UserError e) {
                err = e.getMessage();
            }
        }
        comm.agree(err); // collective
        BlockDecomposition bd = new BlockDecomposition(spec.count(), comm.size());
        long written = 0;
        long kept = 0;
        err = null;
        for (int i = (int) bd.start(comm.rank()); i < bd.end(comm.rank()) && err == null; i++) {
            Path f = spec.file(i);
            if (!spec.force() && Files.isRegularFile(f)) {
                kept++;
                continue;
            }
            try {
                write(spec, i);
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

    /** Makes image i and writes it atomically. */
    static void write(Spec spec, int i) {
        long stream = RandomField.seedFor(spec.seed(), i);
        double[] img = spec.kind() == Kind.field ? RandomField.generate(spec.ny(), spec.nx(), spec.widthDivisor(), stream)
                : RandomField.uniform(spec.ny(), spec.nx(), spec.scale(), stream);
        Header h = new Header();
        try {
            h.addValue("ORIGIN", "Orrery gen-images", "software that made this file");
            h.addValue("GENKIND", spec.kind().name(), "field: smooth random field; uniform: U[0,1)*scale");
            h.addValue("GENSEED", spec.seed(), "base seed");
            h.addValue("GENINDEX", i, "image index");
            h.addValue("GENSTRM", Long.toUnsignedString(stream), "SplitMix64 stream seed (unsigned)");
            if (spec.kind() == Kind.field) {
                h.addValue("GENWDIV", spec.widthDivisor(), "spectrum width = max(rho) / GENWDIV");
            } else {
                h.addValue("GENSCALE", spec.scale(), "values are U[0,1) * GENSCALE");
                h.addValue("FILENAME", spec.file(i).getFileName().toString(), "");
            }
        } catch (HeaderCardException e) {
            throw new IllegalStateException("cannot build header: " + e.getMessage(), e);
        }
        String history = spec.kind() == Kind.field
                ? "Re(ifft2(exp(-rho^2/(max(rho)/" + spec.widthDivisor() + ")^2) exp(i phi))), phi ~ U[0,2pi)"
                : "U[0,1) * " + spec.scale();
        FitsImages.write(spec.file(i), spec.ny(), spec.nx(), img, null, h, "orrery gen-images: " + history);
    }

    @Override
    public int run(Comm comm) throws IOException {
        Spec spec = spec();
        Outcome o = generate(comm, spec); // collective
        if (comm.rank() == 0) {
            System.out.printf(Locale.ROOT, "gen-images: %d %s image%s %dx%d in %s: %d written, %d kept (already present; --force rewrites), %.2f s on %d rank%s%n",
                    spec.count(), spec.kind(), spec.count() == 1 ? "" : "s", spec.nx(), spec.ny(), spec.dir(), o.written(), o.kept(),
                    o.seconds(), comm.size(), comm.size() == 1 ? "" : "s");
            if (summary != null) {
                new Summary("gen-images", comm.size(), 1, comm.libraryVersion())
                        .timing(o.seconds(), o.written() / Math.max(o.seconds(), 1e-9), "images/s")
                        .param("kind", spec.kind().name()).param("count", spec.count()).param("nx", spec.nx()).param("ny", spec.ny())
                        .param("seed", spec.seed()).param("width_divisor", spec.widthDivisor()).param("scale", spec.scale())
                        .param("out", spec.dir().toString())
                        .result("written", o.written()).result("kept", o.kept()).write(summary);
            }
        }
        return 0;
    }
}
