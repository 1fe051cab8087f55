package org.orrery.apps.farm;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reading a farm table back: CSV lines split with RFC 4180 quoting, and the successful rows of a previous run's
 * {@code farm.csv} that {@code --resume} may reuse. The writing side is {@link FarmTable}.
 */
final class FarmTableReader {
    private FarmTableReader() {}

    /** Splits one CSV line (RFC 4180 quoting, no embedded newlines). */
    static List<String> split(String line) {
        List<String> cells = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
                        cur.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    cur.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                cells.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        cells.add(cur.toString());
        return cells;
    }

    /**
     * Successful rows of a previous table written with the same options, keyed by input; empty when the file is absent,
     * unreadable or from other options (then nothing is reused).
     */
    public static Map<String, FarmRecord> readPrevious(Path csv, FarmOptions o) {
        Map<String, FarmRecord> rows = new HashMap<>();
        if (!Files.isRegularFile(csv)) {
            return rows;
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return rows;
        }
        // tables with extension rows are not reused: their mirrored outputs are rewritten whole
        List<String> want = FarmTable.columns(o, false);
        if (lines.size() < 2
                || !lines.get(0).equals(FarmTable.signature(o))
                || !lines.get(1).equals(String.join(",", want))) {
            return rows;
        }
        for (String line : lines.subList(2, lines.size())) {
            List<String> c = split(line);
            if (c.size() != want.size() || !"ok".equals(c.get(2))) {
                continue;
            }
            try {
                int at = FarmTable.COLUMNS.size();
                double cm = Double.NaN;
                double cmed = Double.NaN;
                double cs = Double.NaN;
                long kept = -1;
                if (o.has(FarmOptions.Op.clipstats)) {
                    cm = dbl(c.get(at));
                    cmed = dbl(c.get(at + 1));
                    cs = dbl(c.get(at + 2));
                    kept = c.get(at + 3).isEmpty() ? -1 : Long.parseLong(c.get(at + 3));
                    at += FarmTable.CLIP_COLUMNS.size();
                }
                boolean bkg = o.has(FarmOptions.Op.background);
                SurveyRow v = new SurveyRow(
                        false,
                        "",
                        -1,
                        cm,
                        cmed,
                        cs,
                        kept,
                        bkg ? dbl(c.get(at)) : Double.NaN,
                        bkg ? dbl(c.get(at + 1)) : Double.NaN,
                        bkg ? c.get(at + 2) : "");
                FarmRecord r = new FarmRecord(
                        Integer.parseInt(c.get(0)),
                        c.get(1),
                        true,
                        c.get(3),
                        integer(c.get(4)),
                        integer(c.get(5)),
                        integer(c.get(6)),
                        integer(c.get(7)),
                        dbl(c.get(8)),
                        dbl(c.get(9)),
                        dbl(c.get(10)),
                        integer(c.get(11)),
                        integer(c.get(12)),
                        dbl(c.get(13)),
                        c.get(14),
                        0,
                        -1,
                        v);
                rows.put(r.input(), r);
            } catch (NumberFormatException e) {
                rows.remove(c.get(1)); // a damaged row is simply recomputed
            }
        }
        return rows;
    }

    private static int integer(String s) {
        return s.isEmpty() ? -1 : Integer.parseInt(s);
    }

    private static double dbl(String s) {
        return s.isEmpty() ? Double.NaN : Double.parseDouble(s);
    }
}
