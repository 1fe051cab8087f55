package org.orrery.apps.farm;

/**
 * The per-row values of the survey features: which extension a row is (rows of multi-extension or tile-compressed
 * inputs are one per image HDU), the sigma-clipped statistics and the global mesh background. NaN / −1 / "" where not
 * computed.
 *
 * @param hduRow true for a row of one extension of a multi-extension or compressed input
 * @param extname EXTNAME of that HDU ("" when absent)
 * @param extver EXTVER of that HDU (1 when absent; −1 when unknown)
 * @param clipMean sigma-clipped mean
 * @param clipMedian sigma-clipped median
 * @param clipStd sigma-clipped standard deviation (ddof 0, as astropy)
 * @param clipKept pixels left after clipping
 * @param bkgMedian median of the filtered background mesh (photutils' background_median)
 * @param bkgRms median of the filtered rms mesh (photutils' background_rms_median)
 * @param bkgOutput the background-subtracted output file
 */
public record SurveyRow(
        boolean hduRow,
        String extname,
        int extver,
        double clipMean,
        double clipMedian,
        double clipStd,
        long clipKept,
        double bkgMedian,
        double bkgRms,
        String bkgOutput) {

    /** Nothing computed, not an extension row. */
    public static final SurveyRow NONE =
            new SurveyRow(false, "", -1, Double.NaN, Double.NaN, Double.NaN, -1, Double.NaN, Double.NaN, "");

    public SurveyRow {
        extname = extname == null ? "" : extname;
        bkgOutput = bkgOutput == null ? "" : bkgOutput;
    }

    /** Only the extension's identity (a failed extension row). */
    public static SurveyRow of(boolean hduRow, String extname, int extver) {
        return new SurveyRow(
                hduRow, extname, extver, Double.NaN, Double.NaN, Double.NaN, -1, Double.NaN, Double.NaN, "");
    }

    /** This row without its computed values (identity kept). */
    public SurveyRow identity() {
        return of(hduRow, extname, extver);
    }
}
