package org.orrery.apps.farm;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import nom.tam.fits.BasicHDU;
import nom.tam.fits.BinaryTable;
import nom.tam.fits.BinaryTableHDU;
import nom.tam.fits.Fits;
import nom.tam.fits.FitsException;
import nom.tam.util.FitsOutputStream;

import org.orrery.io.AtomicFile;

/**
 * The farm's result table, one row per input in input order: CSV (RFC 4180 quoting, doubles in
 * Java's round-trip notation, empty cells for operations not run) and a FITS binary table with the
 * same columns (NaN / −1 for values not computed). Neither holds timings or ranks, so a table is the
 * same bytes at any rank count and scheduling.
 */
public final class FarmTable {
    private FarmTable() {
    }

    public static final List<String> COLUMNS = List.of("index", "input", "status", "reason", "nx", "ny", "bitpix", "hdu", "mean", "std",
        "median_log10", "brightest_x", "brightest_y", "brightest_value", "highpass_output");

    /** First line of the CSV: what produced it (used by --resume to decide whether rows can be reused). */
    public static String signature(FarmOptions o) {
        return "# orrery farm table: ops=" + o.opsString() + " window=" + o.window();
    }

    public static String csv(List<FarmRecord> rows, FarmOptions o) {
        StringBuilder sb = new StringBuilder();
        sb.append(signature(o)).append('\n');
        sb.append(String.join(",", COLUMNS)).append('\n');
        for (FarmRecord r : rows) {
            sb.append(r.index()).append(',').append(quote(r.input())).append(',').append(r.status()).append(',')
                    .append(quote(r.reason())).append(',')
                    .append(r.nx() < 0 ? "" : Integer.toString(r.nx())).append(',')
                    .append(r.ny() < 0 ? "" : Integer.toString(r.ny())).append(',')
                    .append(r.ok() ? Integer.toString(r.bitpix()) : "").append(',')
                    .append(r.hdu() < 0 ? "" : Integer.toString(r.hdu())).append(',')
                    .append(num(r.mean())).append(',').append(num(r.std())).append(',').append(num(r.medianLog10())).append(',')
                    .append(r.brightX() < 0 ? "" : Integer.toString(r.brightX())).append(',')
                    .append(r.brightY() < 0 ? "" : Integer.toString(r.brightY())).append(',')
                    .append(num(r.brightValue())).append(',').append(quote(r.output())).append('\n');
        }
        return sb.toString();
    }

    static String num(double v) {
        return Double.isNaN(v) ? "" : Double.toString(v);
    }

    static String quote(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }

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
     * Successful rows of a previous table written with the same options, keyed by input; empty when
     * the file is absent, unreadable or from other options (then nothing is reused).
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
        if (lines.size() < 2 || !lines.get(0).equals(signature(o)) || !lines.get(1).equals(String.join(",", COLUMNS))) {
            return rows;
        }
        for (String line : lines.subList(2, lines.size())) {
            List<String> c = split(line);
            if (c.size() != COLUMNS.size() || !"ok".equals(c.get(2))) {
                continue;
            }
            try {
                FarmRecord r = new FarmRecord(Integer.parseInt(c.get(0)), c.get(1), true, c.get(3), integer(c.get(4)),
                        integer(c.get(5)), integer(c.get(6)), integer(c.get(7)), dbl(c.get(8)), dbl(c.get(9)), dbl(c.get(10)),
                        integer(c.get(11)), integer(c.get(12)), dbl(c.get(13)), c.get(14), 0, -1);
                rows.put(r.input(), r);
            } catch (NumberFormatException e) {
                // a damaged row is not reused: it is simply recomputed
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

    /** Writes the CSV atomically. */
    public static void writeCsv(Path file, List<FarmRecord> rows, FarmOptions o) {
        AtomicFile.writeString(file, csv(rows, o));
    }

    /** Writes the FITS binary table atomically (empty primary HDU + one BINTABLE named FARM). */
    public static void writeFits(Path file, List<FarmRecord> rows, FarmOptions o) {
        AtomicFile.write(file, out -> out.write(fitsBytes(rows, o)));
    }

    static byte[] fitsBytes(List<FarmRecord> rows, FarmOptions o) throws IOException {
        int n = rows.size();
        int[] index = new int[n];
        String[] input = new String[n];
        String[] status = new String[n];
        String[] reason = new String[n];
        int[] nx = new int[n];
        int[] ny = new int[n];
        int[] bitpix = new int[n];
        int[] hdu = new int[n];
        double[] mean = new double[n];
        double[] std = new double[n];
        double[] medlog = new double[n];
        int[] bx = new int[n];
        int[] by = new int[n];
        double[] bv = new double[n];
        String[] output = new String[n];
        for (int i = 0; i < n; i++) {
            FarmRecord r = rows.get(i);
            index[i] = r.index();
            input[i] = nonEmpty(r.input());
            status[i] = r.status();
            reason[i] = nonEmpty(r.reason());
            nx[i] = r.nx();
            ny[i] = r.ny();
            bitpix[i] = r.bitpix();
            hdu[i] = r.hdu();
            mean[i] = r.mean();
            std[i] = r.std();
            medlog[i] = r.medianLog10();
            bx[i] = r.brightX();
            by[i] = r.brightY();
            bv[i] = r.brightValue();
            output[i] = nonEmpty(r.output());
        }
        try {
            BinaryTable t = BinaryTable.fromColumnMajor(new Object[] {index, input, status, reason, nx, ny, bitpix, hdu, mean, std,
                medlog, bx, by, bv, output});
            BinaryTableHDU h = (BinaryTableHDU) Fits.makeHDU(t);
            String[] names = {"INDEX", "INPUT", "STATUS", "REASON", "NX", "NY", "BITPIX", "HDU", "MEAN", "STD", "MEDLOG10",
                "BRIGHT_X", "BRIGHT_Y", "BRIGHT_V", "HP_OUTPUT"};
            for (int c = 0; c < names.length; c++) {
                h.setColumnName(c, names[c], COLUMNS.get(c));
            }
            h.getHeader().addValue("EXTNAME", "FARM", "orrery farm results, one row per input in input order");
            h.getHeader().addValue("FARMOPS", o.opsString(), "operations run");
            h.getHeader().addValue("FARMWIN", o.window(), "median window k (SciPy median_filter size)");
            BasicHDU<?> primary = Fits.makeHDU(new nom.tam.fits.ImageData());
            org.orrery.io.fits.FitsImages.reproducible(primary.getHeader());
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (Fits f = new Fits(); FitsOutputStream out = new FitsOutputStream(bytes)) {
                f.addHDU(primary);
                f.addHDU(h);
                f.write(out);
            }
            return bytes.toByteArray();
        } catch (FitsException e) {
            throw new IOException("cannot encode FITS table: " + e.getMessage(), e);
        }
    }

    /** FITS string columns cannot hold zero-length strings portably: a single blank stands for "". */
    private static String nonEmpty(String s) {
        return s.isEmpty() ? " " : s;
    }

    /** A human-readable table for the terminal. */
    public static String text(List<FarmRecord> rows, int limit) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%5s  %-6s %9s  %12s %12s %12s  %-26s %s%n", "index", "status", "size", "mean", "std",
                "median_log10", "brightest (x, y, value)", "input / reason"));
        int shown = 0;
        for (FarmRecord r : rows) {
            if (shown++ == limit) {
                sb.append(String.format(Locale.ROOT, "... %d more rows in the CSV table%n", rows.size() - limit));
                break;
            }
            String size = r.nx() > 0 ? r.nx() + "x" + r.ny() : "-";
            String bright = r.brightX() >= 0 ? String.format(Locale.ROOT, "(%d, %d, %.6g)", r.brightX(), r.brightY(), r.brightValue()) : "-";
            sb.append(String.format(Locale.ROOT, "%5d  %-6s %9s  %12s %12s %12s  %-26s %s%n", r.index(), r.status(), size, g(r.mean()),
                    g(r.std()), g(r.medianLog10()), bright, r.ok() ? r.input() : r.input() + ": " + r.reason()));
        }
        return sb.toString();
    }

    private static String g(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.6g", v);
    }
}
