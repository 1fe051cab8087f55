package org.orrery.apps.farm;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * What a farm run does to each input: which operations, the median window, where outputs go, and the survey operations'
 * settings.
 */
public record FarmOptions(Set<Op> ops, int window, Path outDir, FarmSurvey survey) {

    /** The chainable operations. */
    public enum Op {
        /** frame − median_filter(frame, k), written as a FITS file per input. */
        highpass,
        /** mean, population std, median of log10(max(x, 1e-6)). */
        stats,
        /** (x, y, value) of the first maximum in row-major order. */
        brightest,
        /** sigma-clipped mean, median and std (astropy sigma_clipped_stats). */
        clipstats,
        /** photutils-style mesh background: background-subtracted images, global background and rms. */
        background
    }

    /** The operations run when {@code --ops} is not given (the teaching activity's). */
    public static final Set<Op> DEFAULT_OPS = EnumSet.of(Op.highpass, Op.stats, Op.brightest);

    public FarmOptions {
        ops = ops.isEmpty() ? EnumSet.noneOf(Op.class) : EnumSet.copyOf(ops);
        survey = survey == null ? FarmSurvey.DEFAULT : survey;
    }

    /** Options with the default survey settings. */
    public FarmOptions(Set<Op> ops, int window, Path outDir) {
        this(ops, window, outDir, FarmSurvey.DEFAULT);
    }

    public boolean has(Op op) {
        return ops.contains(op);
    }

    /** True when an operation writes images (highpass, background). */
    public boolean writesImages() {
        return has(Op.highpass) || has(Op.background);
    }

    /** The file name of an input without its FITS extension ({@code a/b.fits.fz} → {@code b}). */
    static String stem(String input) {
        String name = Path.of(input).getFileName().toString();
        for (String ext : new String[] {
            ".fits.gz", ".fit.gz", ".fts.gz", ".fits.fz", ".fit.fz", ".fts.fz", ".fits", ".fit", ".fts", ".fz"
        }) {
            if (name.toLowerCase(Locale.ROOT).endsWith(ext) && name.length() > ext.length()) {
                return name.substring(0, name.length() - ext.length());
            }
        }
        return name;
    }

    /** The high-pass output file of an input: {@code <out>/<stem>_hp<k>.fits} ({@code .fits.fz} with --compress). */
    public Path outputFor(String input) {
        return output(input, "hp" + window);
    }

    /**
     * An output of an input: {@code <out>/<stem>_<tag>.fits}, or {@code .fits.fz} when compressed; tags {@code hp<k>},
     * {@code bkgsub}, {@code bkg}, {@code rms}.
     */
    public Path output(String input, String tag) {
        return outDir.resolve(stem(input) + "_" + tag + (survey.compress() ? ".fits.fz" : ".fits"));
    }

    /** "highpass,stats,brightest" in canonical order. */
    public String opsString() {
        return String.join(",", ops.stream().map(Enum::name).toList());
    }
}
