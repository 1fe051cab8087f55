package org.orrery.apps.paircount;

import java.util.Locale;
import org.orrery.model.UserError;

/**
 * Upper limits on the histogram a paircount run allocates, checked before anything is allocated (an absurd
 * {@code --nbins} used to fail with an OutOfMemoryError on every rank, or run for minutes and write a 900 MB table).
 * Every rank keeps, per count (DD, DR, RR), a 64-bit count per bin for each of its grid planes and threads (plus weight
 * and separation sums when asked), and with K jackknife patches K + 1 such histograms (docs/paircount-survey.md). So
 * the histogram costs at least {@code 3 counts × 8 bytes × cells} per rank, where cells = bins × (K + 1) and bins =
 * nbins (r, theta), nbins × npibins (rppi) or nbins × nmu (smu).
 *
 * <p>Limits: at most {@value #MAX_BINS} bins (far beyond any readable table) and at most {@value #MAX_CELLS} cells with
 * patches (a few hundred MB per rank with the per-plane partials).
 */
public final class PairCountLimits {
    /** Largest number of bins of one histogram. */
    public static final long MAX_BINS = 100_000;
    /** Largest bins × (patches + 1). */
    public static final long MAX_CELLS = 10_000_000;
    /**
     * Bytes per histogram cell on every rank: DD, DR and RR, 8 bytes each (before the per-plane and per-thread copies).
     */
    static final long BYTES_PER_CELL = 3 * Long.BYTES;

    private PairCountLimits() {}

    /** Checks the sizes the options ask for; {@code nbins} is the number of r (or rp, s, θ) bins. */
    public static void check(SurveyConfig s, int nbins) {
        String what;
        long bins;
        switch (s.mode()) {
            case RPPI -> {
                bins = (long) nbins * s.npibins();
                what = nbins + " rp bins x " + s.npibins() + " pi bins (--npibins, default (int) --pimax)";
            }
            case SMU -> {
                bins = (long) nbins * s.nmuBins();
                what = nbins + " s bins x " + s.nmuBins() + " mu bins (--nmu-bins)";
            }
            default -> {
                bins = nbins;
                what = nbins + " bins (--nbins or the edges file)";
            }
        }
        if (bins > MAX_BINS) {
            throw new UserError(String.format(
                    Locale.ROOT,
                    "%s is too many: at most %d bins, because every rank keeps a 64-bit "
                            + "count per bin for DD, DR and RR per grid plane and thread (%s per rank for these bins "
                            + "alone)",
                    what,
                    MAX_BINS,
                    bytes(bins * BYTES_PER_CELL)));
        }
        long cells = bins * (s.patches() + 1L);
        if (cells > MAX_CELLS) {
            throw new UserError(String.format(
                    Locale.ROOT,
                    "%d bins x (%d patches + 1) = %d histogram cells is too many: at most %d, "
                            + "because every rank keeps one histogram per jackknife patch for DD, DR and RR (%s per "
                            + "rank at least); "
                            + "use fewer --patches or bins",
                    bins,
                    s.patches(),
                    cells,
                    MAX_CELLS,
                    bytes(cells * BYTES_PER_CELL)));
        }
    }

    /** Checks the number of bins an edges file gives (the survey factors were checked with one bin at validation). */
    public static void checkEdges(int bins, java.nio.file.Path file) {
        if (bins > MAX_BINS) {
            throw new UserError(String.format(
                    Locale.ROOT,
                    "edges file %s gives %d bins, too many: at most %d, because every rank "
                            + "keeps a 64-bit count per bin for DD, DR and RR per grid plane and thread (%s per rank "
                            + "for these bins alone)",
                    file,
                    bins,
                    MAX_BINS,
                    bytes(bins * BYTES_PER_CELL)));
        }
    }

    static String bytes(long b) {
        return b >= 1_000_000_000L
                ? String.format(Locale.ROOT, "%.1f GB", b / 1e9)
                : String.format(Locale.ROOT, "%.0f MB", b / 1e6);
    }
}
