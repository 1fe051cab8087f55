package org.orrery.apps.paircount;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.orrery.model.UserError;
import org.orrery.physics.paircount.Bins;
import org.orrery.physics.paircount.CatalogGenerator;
import org.orrery.physics.paircount.SurveyCounter;

/**
 * A validated paircount run: catalogs (read or generated), geometry, bins, counting and outputs. The compact
 * constructor checks every rule that does not need the input files, with one message per rule naming the option; a
 * missing box side is set to 1000 for generated data.
 *
 * @param data data catalog, or null to generate one ({@code generate}, {@code npoints}, {@code seed})
 * @param randoms random catalog, or null to generate {@code randomFactor × N_D} uniform randoms
 * @param box cube side (null: the data's bounding box); the periodic box with {@code periodic}
 * @param edges explicit bin edges file, or null for {@code spacing} bins from rmin to rmax
 * @param pairs auto-count convention of the printed and written DD and RR
 * @param out output directory (paircount.csv, paircount.fits, paircount.png)
 * @param summary JSON summary file, or null
 */
public record PairCountConfig(
        Path data,
        List<String> columns,
        Path randoms,
        List<String> randomColumns,
        boolean weights,
        Generator generate,
        long npoints,
        long seed,
        double randomFactor,
        int spEta,
        double spLambda,
        int spLevels,
        Double spRadius,
        Double box,
        boolean periodic,
        Spacing spacing,
        double rmin,
        double rmax,
        int nbins,
        Path edges,
        boolean ravg,
        Pairs pairs,
        int threads,
        int refine,
        int repeat,
        Path out,
        boolean plot,
        boolean fits,
        Path summary,
        boolean quiet) {

    /** Generated data catalogs. */
    public enum Generator {
        CLUSTERED("clustered"),
        SONEIRA_PEEBLES("soneira-peebles"),
        UNIFORM("uniform");

        private final String label;

        Generator(String label) {
            this.label = label;
        }

        /** The name on the command line and in the outputs. */
        public String label() {
            return label;
        }

        /** Parses a command-line name. */
        public static Generator of(String s) {
            for (Generator g : values()) {
                if (g.label.equals(s)) {
                    return g;
                }
            }
            throw new UserError("--generate must be clustered, soneira-peebles or uniform, got '" + s + "'");
        }
    }

    /** Bin spacing between rmin and rmax. */
    public enum Spacing {
        LIN,
        LOG;

        /** Parses a command-line name. */
        public static Spacing of(String s) {
            return switch (s) {
                case "lin" -> LIN;
                case "log" -> LOG;
                default -> throw new UserError("--bins must be lin or log, got '" + s + "'");
            };
        }
    }

    /** Auto-count convention: ordered pairs (Corrfunc: each pair twice) or unique pairs. */
    public enum Pairs {
        ORDERED,
        UNIQUE;

        /** Parses a command-line name. */
        public static Pairs of(String s) {
            return switch (s) {
                case "ordered" -> ORDERED;
                case "unique" -> UNIQUE;
                default -> throw new UserError("--pairs must be ordered or unique, got '" + s + "'");
            };
        }

        /** How many times DD and RR count each unique pair. */
        public long factor() {
            return this == ORDERED ? 2 : 1;
        }

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public PairCountConfig {
        columns = columns == null ? List.of() : List.copyOf(columns);
        randomColumns = randomColumns == null ? List.of() : List.copyOf(randomColumns);
        if (threads < 1) {
            throw new UserError("--threads must be at least 1, got " + threads);
        }
        if ((refine < 1 && refine != SurveyCounter.AUTO_REFINE) || refine > 4) {
            throw new UserError("--refine must be 1..4 (or 0: automatic), got " + refine);
        }
        if (repeat < 1) {
            throw new UserError("--repeat must be at least 1, got " + repeat);
        }
        if (!(randomFactor >= 0) || !Double.isFinite(randomFactor)) {
            throw new UserError("--random-factor must be >= 0, got " + randomFactor);
        }
        if (data == null && npoints < 1) {
            throw new UserError("--npoints must be at least 1, got " + npoints);
        }
        if (data == null && weights) {
            throw new UserError("--weights needs a --data catalog with a weight column");
        }
        PairCountRules.checkColumns("--columns", columns, weights);
        PairCountRules.checkColumns("--random-columns", randomColumns, weights);
        if (box == null && data == null) {
            box = 1000.0;
        }
        if (box == null && periodic) {
            throw new UserError("--periodic needs the box side --box L");
        }
        if (box != null && !(box > 0 && Double.isFinite(box))) {
            throw new UserError("--box must be positive, got " + box);
        }
        if (data == null && generate == Generator.SONEIRA_PEEBLES) {
            PairCountRules.soneiraPeebles(spEta, spLambda, spLevels, spRadius != null ? spRadius : box / 8);
        }
        if (edges == null) {
            PairCountRules.checkBins(spacing, rmin, rmax, nbins);
            if (periodic && !(rmax < box / 2)) {
                throw new UserError("--rmax " + rmax + " must be less than half the periodic box L/2 = " + box / 2);
            }
        }
        if (out.toString().isEmpty()) {
            throw new UserError("--out must not be empty");
        }
    }

    /** The periodic box side, or 0 when open. */
    public double period() {
        return periodic ? box : 0;
    }

    /** The Soneira–Peebles parameters (radius default L/8). */
    public CatalogGenerator.SoneiraPeebles soneiraPeebles() {
        return PairCountRules.soneiraPeebles(spEta, spLambda, spLevels, spRadius != null ? spRadius : box / 8);
    }

    /** The bins from rmin, rmax, nbins (when no edges file). */
    public Bins spacedBins() {
        return spacing == Spacing.LIN ? Bins.linear(rmin, rmax, nbins) : Bins.log(rmin, rmax, nbins);
    }

    /** The generated data catalog. */
    public CatalogGenerator.Source dataSource() {
        return switch (generate) {
            case UNIFORM -> CatalogGenerator.uniform(seed, npoints, box);
            case SONEIRA_PEEBLES -> CatalogGenerator.soneiraPeebles(seed, npoints, box, soneiraPeebles());
            case CLUSTERED -> CatalogGenerator.blobs(seed, npoints, box, CatalogGenerator.Blobs.defaults(npoints, box));
        };
    }

    /** What the data catalog is, for the table header and the log. */
    public String dataDescription() {
        if (data != null) {
            return data.toString();
        }
        if (generate == Generator.SONEIRA_PEEBLES) {
            CatalogGenerator.SoneiraPeebles sp = soneiraPeebles();
            return String.format(
                    Locale.ROOT,
                    "soneira-peebles catalog (eta %d, lambda %s, %d levels, R %s, gamma %.3f), seed %d",
                    sp.eta(),
                    sp.lambda(),
                    sp.levels(),
                    sp.radius(),
                    sp.gamma(),
                    seed);
        }
        return generate.label() + " catalog, seed " + seed;
    }

    /** Output files. */
    public Path csvFile() {
        return out.resolve("paircount.csv");
    }

    public Path fitsFile() {
        return out.resolve("paircount.fits");
    }

    public Path pngFile() {
        return out.resolve("paircount.png");
    }
}
