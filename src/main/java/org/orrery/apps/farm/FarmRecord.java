package org.orrery.apps.farm;

/**
 * The result of one input file: what goes into the farm table (index, input, status, reason, image shape, statistics,
 * brightest pixel, output file) plus bookkeeping that does not ({@code seconds} spent on it and the {@code rank} that
 * did it), so tables are the same bytes whichever rank processed a file. Values of operations not run are NaN / −1 /
 * "".
 */
public record FarmRecord(
        int index,
        String input,
        boolean ok,
        String reason,
        int nx,
        int ny,
        int bitpix,
        int hdu,
        double mean,
        double std,
        double medianLog10,
        int brightX,
        int brightY,
        double brightValue,
        String output,
        double seconds,
        int rank,
        SurveyRow survey) {

    public FarmRecord {
        reason = reason == null ? "" : reason;
        output = output == null ? "" : output;
        survey = survey == null ? SurveyRow.NONE : survey;
    }

    /** A record of a single-image input (no survey values). */
    public FarmRecord(
            int index,
            String input,
            boolean ok,
            String reason,
            int nx,
            int ny,
            int bitpix,
            int hdu,
            double mean,
            double std,
            double medianLog10,
            int brightX,
            int brightY,
            double brightValue,
            String output,
            double seconds,
            int rank) {
        this(
                index,
                input,
                ok,
                reason,
                nx,
                ny,
                bitpix,
                hdu,
                mean,
                std,
                medianLog10,
                brightX,
                brightY,
                brightValue,
                output,
                seconds,
                rank,
                SurveyRow.NONE);
    }

    /** A failed input. */
    public static FarmRecord failed(int index, String input, String reason, double seconds, int rank) {
        return new FarmRecord(
                index,
                input,
                false,
                oneLine(reason),
                -1,
                -1,
                0,
                -1,
                Double.NaN,
                Double.NaN,
                Double.NaN,
                -1,
                -1,
                Double.NaN,
                "",
                seconds,
                rank);
    }

    /** A failed extension {@code hdu} of an input (its identity kept). */
    public static FarmRecord failedHdu(
            int index, String input, int hdu, SurveyRow id, String reason, double seconds, int rank) {
        return new FarmRecord(
                index,
                input,
                false,
                oneLine(reason),
                -1,
                -1,
                0,
                hdu,
                Double.NaN,
                Double.NaN,
                Double.NaN,
                -1,
                -1,
                Double.NaN,
                "",
                seconds,
                rank,
                id.identity());
    }

    /**
     * This record with another outcome: failed for {@code why} (identity kept), e.g. when its output could not be
     * written.
     */
    public FarmRecord failing(String why) {
        return new FarmRecord(
                index,
                input,
                false,
                oneLine(why),
                -1,
                -1,
                0,
                hdu,
                Double.NaN,
                Double.NaN,
                Double.NaN,
                -1,
                -1,
                Double.NaN,
                "",
                seconds,
                rank,
                survey.identity());
    }

    /** This record of an earlier run as row {@code i} of this run (no time spent, no rank). */
    FarmRecord reusedAs(int i) {
        return new FarmRecord(
                i,
                input,
                ok,
                reason,
                nx,
                ny,
                bitpix,
                hdu,
                mean,
                std,
                medianLog10,
                brightX,
                brightY,
                brightValue,
                output,
                0,
                -1,
                survey);
    }

    /** This record with {@code seconds} spent. */
    public FarmRecord withSeconds(double s) {
        return new FarmRecord(
                index,
                input,
                ok,
                reason,
                nx,
                ny,
                bitpix,
                hdu,
                mean,
                std,
                medianLog10,
                brightX,
                brightY,
                brightValue,
                output,
                s,
                rank,
                survey);
    }

    /** "ok" or "failed". */
    public String status() {
        return ok ? "ok" : "failed";
    }

    public long pixels() {
        return nx > 0 && ny > 0 ? (long) nx * ny : 0;
    }

    static String oneLine(String s) {
        if (s == null || s.isBlank()) {
            return "unknown error";
        }
        return s.replaceAll("\\s*[\\r\\n]+\\s*", "; ").trim();
    }
}
