package org.orrery.apps.farm;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** What a farm run does to each input: which operations, the median window, where outputs go. */
public record FarmOptions(Set<Op> ops, int window, Path outDir) {

    /** The chainable operations. */
    public enum Op {
        /** frame − median_filter(frame, k), written as a FITS file per input. */
        highpass,
        /** mean, population std, median of log10(max(x, 1e-6)). */
        stats,
        /** (x, y, value) of the first maximum in row-major order. */
        brightest
    }

    public FarmOptions {
        ops = ops.isEmpty() ? EnumSet.noneOf(Op.class) : EnumSet.copyOf(ops);
    }

    public boolean has(Op op) {
        return ops.contains(op);
    }

    /** The high-pass output file of an input: {@code <out>/<stem>_hp<k>.fits}. */
    public Path outputFor(String input) {
        String name = Path.of(input).getFileName().toString();
        String stem = name;
        for (String ext : new String[] {".fits.gz", ".fit.gz", ".fts.gz", ".fits", ".fit", ".fts"}) {
            if (name.toLowerCase(Locale.ROOT).endsWith(ext) && name.length() > ext.length()) {
                stem = name.substring(0, name.length() - ext.length());
                break;
            }
        }
        return outDir.resolve(stem + "_hp" + window + ".fits");
    }

    /** "highpass,stats,brightest" in canonical order. */
    public String opsString() {
        return String.join(",", ops.stream().map(Enum::name).toList());
    }
}
