package org.orrery.apps.farm;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import nom.tam.fits.BasicHDU;
import nom.tam.fits.BinaryTable;
import nom.tam.fits.BinaryTableHDU;
import nom.tam.fits.Fits;
import nom.tam.fits.FitsException;
import nom.tam.util.FitsOutputStream;
import org.orrery.io.AtomicFile;

/**
 * The farm's result table, one row per input in input order: CSV (RFC 4180 quoting, doubles in Java's round-trip
 * notation, empty cells for operations not run) and a FITS binary table with the same columns (NaN / −1 for values not
 * computed). Neither holds timings or ranks, so a table is the same bytes at any rank count and scheduling.
 */
public final class FarmTable {
    private FarmTable() {}

    public static final List<String> COLUMNS = List.of(
            "index",
            "input",
            "status",
            "reason",
            "nx",
            "ny",
            "bitpix",
            "hdu",
            "mean",
            "std",
            "median_log10",
            "brightest_x",
            "brightest_y",
            "brightest_value",
            "highpass_output");

    /** Columns added for rows of extensions (when some input has several image HDUs or compressed ones). */
    public static final List<String> EXTENSION_COLUMNS = List.of("extname", "extver");
    /** Columns added by {@code clipstats}. */
    public static final List<String> CLIP_COLUMNS = List.of("clip_mean", "clip_median", "clip_std", "clip_kept");
    /** Columns added by {@code background}. */
    public static final List<String> BACKGROUND_COLUMNS = List.of("bkg_median", "bkg_rms_median", "bkgsub_output");

    /** First line of the CSV: what produced it (used by --resume to decide whether rows can be reused). */
    public static String signature(FarmOptions o) {
        return "# orrery farm table: ops=" + o.opsString() + " window=" + o.window()
                + o.survey().describe(o.has(FarmOptions.Op.clipstats), o.has(FarmOptions.Op.background))
                + (o.survey().compress() && o.writesImages() ? " compress" : "");
    }

    /** True when some row is one extension of a file. */
    static boolean extensions(List<FarmRecord> rows) {
        return rows.stream().anyMatch(r -> r != null && r.survey().hduRow());
    }

    /** The CSV columns: the classic ones, then the extension, clipstats and background groups where present. */
    public static List<String> columns(FarmOptions o, boolean extensions) {
        List<String> c = new ArrayList<>(COLUMNS);
        if (extensions) {
            c.addAll(EXTENSION_COLUMNS);
        }
        if (o.has(FarmOptions.Op.clipstats)) {
            c.addAll(CLIP_COLUMNS);
        }
        if (o.has(FarmOptions.Op.background)) {
            c.addAll(BACKGROUND_COLUMNS);
        }
        return c;
    }

    public static String csv(List<FarmRecord> rows, FarmOptions o) {
        boolean ext = extensions(rows);
        StringBuilder sb = new StringBuilder();
        sb.append(signature(o)).append('\n');
        sb.append(String.join(",", columns(o, ext))).append('\n');
        for (FarmRecord r : rows) {
            sb.append(r.index())
                    .append(',')
                    .append(quote(r.input()))
                    .append(',')
                    .append(r.status())
                    .append(',')
                    .append(quote(r.reason()))
                    .append(',')
                    .append(r.nx() < 0 ? "" : Integer.toString(r.nx()))
                    .append(',')
                    .append(r.ny() < 0 ? "" : Integer.toString(r.ny()))
                    .append(',')
                    .append(r.ok() ? Integer.toString(r.bitpix()) : "")
                    .append(',')
                    .append(r.hdu() < 0 ? "" : Integer.toString(r.hdu()))
                    .append(',')
                    .append(num(r.mean()))
                    .append(',')
                    .append(num(r.std()))
                    .append(',')
                    .append(num(r.medianLog10()))
                    .append(',')
                    .append(r.brightX() < 0 ? "" : Integer.toString(r.brightX()))
                    .append(',')
                    .append(r.brightY() < 0 ? "" : Integer.toString(r.brightY()))
                    .append(',')
                    .append(num(r.brightValue()))
                    .append(',')
                    .append(quote(r.output()));
            SurveyRow v = r.survey();
            if (ext) {
                sb.append(',')
                        .append(v.hduRow() ? quote(v.extname()) : "")
                        .append(',')
                        .append(v.hduRow() && v.extver() >= 0 ? Integer.toString(v.extver()) : "");
            }
            if (o.has(FarmOptions.Op.clipstats)) {
                sb.append(',')
                        .append(num(v.clipMean()))
                        .append(',')
                        .append(num(v.clipMedian()))
                        .append(',')
                        .append(num(v.clipStd()))
                        .append(',')
                        .append(v.clipKept() < 0 ? "" : Long.toString(v.clipKept()));
            }
            if (o.has(FarmOptions.Op.background)) {
                sb.append(',')
                        .append(num(v.bkgMedian()))
                        .append(',')
                        .append(num(v.bkgRms()))
                        .append(',')
                        .append(quote(v.bkgOutput()));
            }
            sb.append('\n');
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
            List<Object> cols = new ArrayList<>(
                    List.of(index, input, status, reason, nx, ny, bitpix, hdu, mean, std, medlog, bx, by, bv, output));
            List<String> names = new ArrayList<>(List.of(
                    "INDEX",
                    "INPUT",
                    "STATUS",
                    "REASON",
                    "NX",
                    "NY",
                    "BITPIX",
                    "HDU",
                    "MEAN",
                    "STD",
                    "MEDLOG10",
                    "BRIGHT_X",
                    "BRIGHT_Y",
                    "BRIGHT_V",
                    "HP_OUTPUT"));
            FarmTableExtras.add(rows, o, extensions(rows), cols, names);
            BinaryTable t = BinaryTable.fromColumnMajor(cols.toArray());
            BinaryTableHDU h = (BinaryTableHDU) Fits.makeHDU(t);
            List<String> comments = columns(o, extensions(rows));
            for (int c = 0; c < names.size(); c++) {
                h.setColumnName(c, names.get(c), comments.get(c));
            }
            h.getHeader().addValue("EXTNAME", "FARM", "orrery farm results, one row per input in input order");
            h.getHeader().addValue("FARMOPS", o.opsString(), "operations run");
            h.getHeader().addValue("FARMWIN", o.window(), "median window k (SciPy median_filter size)");
            String survey = o.survey()
                    .describe(o.has(FarmOptions.Op.clipstats), o.has(FarmOptions.Op.background))
                    .trim();
            if (!survey.isEmpty()) {
                h.getHeader().addValue("FARMSURV", survey, "clipstats / background settings");
            }
            BasicHDU<?> primary = Fits.makeHDU(new nom.tam.fits.ImageData());
            org.orrery.io.fits.FitsImages.reproducible(primary.getHeader());
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (Fits f = new Fits();
                    FitsOutputStream out = new FitsOutputStream(bytes)) {
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
}
