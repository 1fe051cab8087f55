package org.orrery.apps.genimages;

import java.io.PrintStream;
import java.util.Locale;
import org.orrery.io.OutputSet;
import org.orrery.io.Summary;

/** The human line and the {@code --summary} JSON of a gen-images run (rank 0). */
public final class GenImagesReport {
    private GenImagesReport() {}

    /** Prints the line (unless quiet) and stages the summary (when asked for) in {@code files}. */
    public static void write(GenImagesConfig c, GenImagesJob.Result r, PrintStream out, OutputSet files) {
        if (!c.quiet() && c.mosaic()) {
            out.printf(
                    Locale.ROOT,
                    "gen-images: mosaic of %d int16 CCDs %dx%d (seed %d%s) in %s: %s, %.2f s%n",
                    c.count(),
                    c.nx(),
                    c.ny(),
                    c.seed(),
                    c.compress() ? ", RICE_1" : "",
                    c.mosaicFile(),
                    r.written() > 0 ? "written" : "kept (already present; --force rewrites)",
                    r.seconds());
        } else if (!c.quiet()) {
            out.printf(
                    Locale.ROOT,
                    "gen-images: %d %s image%s %dx%d in %s: %d written, %d kept (already present; --force rewrites), "
                            + "%.2f s on %d rank%s%n",
                    c.count(),
                    c.kind(),
                    c.count() == 1 ? "" : "s",
                    c.nx(),
                    c.ny(),
                    c.dir(),
                    r.written(),
                    r.kept(),
                    r.seconds(),
                    r.ranks(),
                    r.ranks() == 1 ? "" : "s");
        }
        if (c.summary() != null) {
            new Summary("gen-images", r.ranks(), 1, r.mpiLibrary())
                    .timing(r.seconds(), r.written() / Math.max(r.seconds(), 1e-9), "images/s")
                    .param("kind", c.kind().name())
                    .param("count", c.count())
                    .param("nx", c.nx())
                    .param("ny", c.ny())
                    .param("seed", c.seed())
                    .param("width_divisor", c.widthDivisor())
                    .param("scale", c.scale())
                    .param("out", c.dir().toString())
                    .param("mosaic", c.mosaic())
                    .param("compress", c.compress())
                    .result("written", r.written())
                    .result("kept", r.kept())
                    .write(files.stage(c.summary()));
        }
    }
}
