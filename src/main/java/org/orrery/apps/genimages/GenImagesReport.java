package org.orrery.apps.genimages;

import java.io.PrintStream;
import java.util.Locale;

import org.orrery.io.Summary;

/** The human line and the {@code --summary} JSON of a gen-images run (rank 0). */
public final class GenImagesReport {
    private GenImagesReport() {
    }

    public static void write(GenImagesConfig c, GenImagesJob.Result r, PrintStream out) {
        if (!c.quiet()) {
            out.printf(Locale.ROOT, "gen-images: %d %s image%s %dx%d in %s: %d written, %d kept (already present; --force rewrites), %.2f s on %d rank%s%n",
                    c.count(), c.kind(), c.count() == 1 ? "" : "s", c.nx(), c.ny(), c.dir(), r.written(), r.kept(), r.seconds(),
                    r.ranks(), r.ranks() == 1 ? "" : "s");
        }
        if (c.summary() != null) {
            new Summary("gen-images", r.ranks(), 1, r.mpiLibrary())
                    .timing(r.seconds(), r.written() / Math.max(r.seconds(), 1e-9), "images/s")
                    .param("kind", c.kind().name()).param("count", c.count()).param("nx", c.nx()).param("ny", c.ny())
                    .param("seed", c.seed()).param("width_divisor", c.widthDivisor()).param("scale", c.scale())
                    .param("out", c.dir().toString())
                    .result("written", r.written()).result("kept", r.kept()).write(c.summary());
        }
    }
}
