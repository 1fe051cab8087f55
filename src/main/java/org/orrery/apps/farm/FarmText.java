package org.orrery.apps.farm;

import java.util.List;
import java.util.Locale;

/** The farm table for the terminal: one line per row, at most a given number of rows. */
final class FarmText {
    private FarmText() {}

    /** A human-readable table for the terminal. */
    public static String text(List<FarmRecord> rows, int limit) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(
                Locale.ROOT,
                "%5s  %-6s %9s  %12s %12s %12s  %-26s %s%n",
                "index",
                "status",
                "size",
                "mean",
                "std",
                "median_log10",
                "brightest (x, y, value)",
                "input / reason"));
        int shown = 0;
        for (FarmRecord r : rows) {
            if (shown++ == limit) {
                sb.append(String.format(Locale.ROOT, "... %d more rows in the CSV table%n", rows.size() - limit));
                break;
            }
            String size = r.nx() > 0 ? r.nx() + "x" + r.ny() : "-";
            String bright = r.brightX() >= 0
                    ? String.format(Locale.ROOT, "(%d, %d, %.6g)", r.brightX(), r.brightY(), r.brightValue())
                    : "-";
            sb.append(String.format(
                    Locale.ROOT,
                    "%5d  %-6s %9s  %12s %12s %12s  %-26s %s%n",
                    r.index(),
                    r.status(),
                    size,
                    g(r.mean()),
                    g(r.std()),
                    g(r.medianLog10()),
                    bright,
                    r.ok() ? name(r) : name(r) + ": " + r.reason()));
        }
        return sb.toString();
    }

    /** The input, with the extension for an extension row: {@code file.fits[CCD,3]} (or {@code [HDU 3]}). */
    private static String name(FarmRecord r) {
        SurveyRow v = r.survey();
        if (!v.hduRow()) {
            return r.input();
        }
        return r.input()
                + (v.extname().isEmpty() ? "[HDU " + r.hdu() + "]" : "[" + v.extname() + "," + v.extver() + "]");
    }

    private static String g(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.6g", v);
    }
}
