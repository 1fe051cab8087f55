package org.orrery.apps.paircount;

import java.util.List;
import org.orrery.model.UserError;
import org.orrery.physics.paircount.CatalogGenerator;
import org.orrery.physics.paircount.PairCounter;
import org.orrery.physics.paircount.SurveyCounter;

/**
 * The option rules of {@link PairCountConfig} that need more than one comparison: catalog columns, spaced bins and the
 * Soneira–Peebles parameters, each failing with one {@link UserError} line that names the option.
 */
final class PairCountRules {
    private PairCountRules() {}

    static void checkColumns(String option, List<String> cols, boolean weights) {
        int need = weights ? 4 : 3;
        if (!cols.isEmpty() && cols.size() != need) {
            throw new UserError(option + " needs " + need + " names or numbers (x,y,z" + (weights ? ",w" : "")
                    + "), got " + cols.size() + ": " + String.join(",", cols));
        }
    }

    /** The refine the config gets: the user's, else (or 0) automatic on the survey path, mode r's default in a box. */
    static int refine(Integer given, boolean survey) {
        if (given != null && given != SurveyCounter.AUTO_REFINE) {
            return given;
        }
        return survey ? SurveyCounter.AUTO_REFINE : PairCounter.DEFAULT_REFINE;
    }

    static void checkBins(PairCountConfig.Spacing spacing, double rmin, double rmax, int nbins) {
        if (nbins < 1) {
            throw new UserError("--nbins must be at least 1, got " + nbins);
        }
        boolean log = spacing == PairCountConfig.Spacing.LOG;
        if (!Double.isFinite(rmin) || rmin < 0 || (log && rmin <= 0)) {
            throw new UserError("--rmin must be " + (log ? "> 0 for log bins" : ">= 0") + " and finite, got " + rmin);
        }
        if (!(rmax > rmin) || !Double.isFinite(rmax)) {
            throw new UserError("--rmax must be finite and greater than --rmin, got rmin " + rmin + ", rmax " + rmax);
        }
    }

    static CatalogGenerator.SoneiraPeebles soneiraPeebles(int eta, double lambda, int levels, double radius) {
        try {
            return new CatalogGenerator.SoneiraPeebles(eta, lambda, levels, radius);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage().replace("Soneira-Peebles ", "--sp-"));
        }
    }

    /**
     * theta reads two columns (RA, Dec), or three with weights (RA, Dec, w): the config's x, y, z[, w] become RA, Dec,
     * Dec[, w].
     */
    static List<String> pairToTriple(List<String> cols, boolean weights) {
        if (cols != null && cols.size() == 2 && !weights) {
            return List.of(cols.get(0), cols.get(1), cols.get(1));
        }
        if (cols != null && cols.size() == 3 && weights) {
            return List.of(cols.get(0), cols.get(1), cols.get(1), cols.get(2));
        }
        return cols;
    }
}
