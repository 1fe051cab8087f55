package org.orrery.io.catalog;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import nom.tam.fits.BasicHDU;
import nom.tam.fits.BinaryTable;
import nom.tam.fits.BinaryTableHDU;
import nom.tam.fits.Fits;
import nom.tam.fits.FitsException;
import org.orrery.model.UserError;

/**
 * Reads a point catalog in chunks, validating every row: positions x y z and optionally a weight w per row. Three
 * formats, chosen by file name:
 *
 * <ul>
 *   <li><b>text</b> (anything not ending in .fits/.fit/.fts): one point per line, fields separated by commas and/or
 *       whitespace; blank lines and lines starting with '#' are skipped; an optional first line of column names (any
 *       line whose first field is not a number) lets columns be chosen by name. Default columns: x, y, z, w by name
 *       when the header has them, else fields 1, 2, 3, 4.
 *   <li><b>FITS</b>: the first binary-table extension; numeric scalar columns chosen by name (TTYPE, case-insensitive)
 *       or 1-based number; default X, Y, Z and W (or WEIGHT). Rows are read on demand from the file in blocks by
 *       {@link FitsColumnReader} (types B, I, J, K, E, D with TSCAL/TZERO; the same values as nom-tam-fits' per-cell
 *       reads, checked byte-identical on the paircount outputs), or per cell by nom-tam-fits for other column types, so
 *       a catalog never has to fit in memory.
 *   <li><b>.npy</b>: NumPy arrays, read in blocks by {@link NpyReader}; columns by field name or 1-based number,
 *       defaults as for text with a header.
 * </ul>
 *
 * Errors name the file and the line or row: unreadable file, missing column, a field that is not a number, NaN or
 * infinite values, points outside the periodic box. Not thread-safe.
 */
public final class CatalogReader implements Closeable {
    private final Path file;
    private final boolean weights;
    private final double period;
    private final String[] want;
    private long rows;
    private final int threads;
    /** Text catalogs: parsed from bytes, in blocks, on {@code threads} threads. */
    private TextCatalog text;
    /** Text catalogs: where the data lines start, the lines before them, the 0-based fields read. */
    private TextLayout layout;
    // fits
    private Fits fits;
    private BinaryTable table;
    private int[] fitsCols;
    private long fitsRows;
    /** Block reads (FITS of decodable types, .npy), or null (text; FITS per cell by nom-tam-fits). */
    private BlockColumns fast;

    private CatalogReader(Path file, List<String> columns, boolean weights, double period, int threads) {
        this.file = file;
        this.threads = threads;
        this.weights = weights;
        this.period = period;
        int need = weights ? 4 : 3;
        if (columns != null && !columns.isEmpty()) {
            if (columns.size() != need) {
                throw new UserError("the column list for " + file + " needs " + need + " names or numbers (x,y,z"
                        + (weights ? ",w" : "") + "), got " + columns.size() + ": " + String.join(",", columns));
            }
            want = columns.toArray(new String[0]);
        } else {
            want = null;
        }
    }

    /** Whether the file name says FITS. */
    public static boolean isFits(Path file) {
        String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".fits") || n.endsWith(".fit") || n.endsWith(".fts");
    }

    /**
     * Opens a catalog.
     *
     * @param columns column names or 1-based numbers (x, y, z[, w]), or null for the defaults
     * @param weights read a weight column
     * @param period periodic box side L (points must lie in [0, L)^3), or 0
     */
    public static CatalogReader open(Path file, List<String> columns, boolean weights, double period) {
        return open(file, columns, weights, period, 1);
    }

    /**
     * As {@link #open(Path, List, boolean, double)}, parsing text on {@code threads} threads (same rows, any count).
     */
    public static CatalogReader open(Path file, List<String> columns, boolean weights, double period, int threads) {
        CatalogReader r = new CatalogReader(file, columns, weights, period, Math.max(1, threads));
        try {
            if (isFits(file)) {
                r.openFits();
            } else if (NpyReader.isNpy(file)) {
                r.fast = BlockColumns.npy(
                        file,
                        names -> r.want != null ? r.want : CatalogColumns.defaultNames(names, r.weights),
                        r.weights ? 4 : 3);
            } else {
                r.openText();
            }
        } catch (IOException e) {
            UserError u = new UserError("cannot read catalog " + file + ": " + ioMessage(e), e);
            r.closeInto(u);
            throw u;
        } catch (RuntimeException e) {
            UserError u = e instanceof UserError ue
                    ? ue
                    : new UserError("cannot read FITS catalog " + file + ": " + e.getMessage(), e);
            r.closeInto(u);
            throw u;
        }
        return r;
    }

    static String ioMessage(IOException e) {
        if (e instanceof java.nio.charset.CharacterCodingException) {
            return TextFiles.notText();
        }
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private void openText() throws IOException {
        if (Files.isDirectory(file)) {
            throw new IOException("is a directory");
        }
        TextFiles.requireText(file, "catalog");
        TextHeader h = TextHeader.scan(file);
        String[] header = null;
        long dataStart = h.after();
        long before = h.lines();
        if (h.first() != null) {
            String[] f = CatalogColumns.split(h.first());
            if (!CatalogColumns.isNumber(f[0])) {
                header = f;
            } else {
                dataStart = h.start();
                before = h.lines() - 1;
            }
        }
        int need = weights ? 4 : 3;
        int[] textCols = new int[need];
        String[] names = want != null ? want : CatalogColumns.defaultNames(header, weights);
        for (int k = 0; k < need; k++) {
            textCols[k] = CatalogColumns.resolve(names[k], header, "header of " + file, file);
        }
        text = new TextCatalog(file, textCols, period, threads, dataStart, before);
        layout = new TextLayout(dataStart, before, textCols, Files.size(file));
    }

    /**
     * Where a text catalog's data lines start ({@code start}, a byte offset, after {@code linesBefore} lines: comments,
     * blank lines, the header), the 0-based fields read for x, y, z[, w], and the file's size when it was opened.
     */
    public record TextLayout(long start, long linesBefore, int[] fields, long size) {}

    /** The layout of this text catalog (null for FITS and .npy), so that other processes can read parts of it. */
    public TextLayout textLayout() {
        return layout;
    }

    /**
     * Opens part {@code part} of {@code parts} of a text catalog whose layout another reader found: the data bytes cut
     * into equal parts, each moved on to the next line start, so that the parts hold every line once, in file order.
     * Rows, values and checks are those of the whole-file reader; line numbers in errors count only this part's lines
     * after the layout's {@code linesBefore} (see {@link #lines} and {@link #inPart}).
     */
    public static CatalogReader openPart(
            Path file, TextLayout layout, boolean weights, double period, int threads, int part, int parts) {
        CatalogReader r = new CatalogReader(file, null, weights, period, Math.max(1, threads));
        try (java.nio.channels.FileChannel ch =
                java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.READ)) {
            if (ch.size() != layout.size()) {
                throw new UserError("catalog " + file + " changed while it was read (" + layout.size() + " bytes, now "
                        + ch.size() + ")");
            }
            long data = layout.size() - layout.start();
            long from = LineBreaks.boundary(ch, layout.start(), layout.start() + data * part / parts);
            long to = LineBreaks.boundary(ch, layout.start(), layout.start() + data * (part + 1) / parts);
            r.text = new TextCatalog(
                    file, layout.fields(), period, r.threads, from, to, layout.linesBefore(), TextCatalog.BLOCK);
            r.layout = layout;
        } catch (IOException e) {
            throw new UserError("cannot read catalog " + file + ": " + ioMessage(e), e);
        }
        return r;
    }

    /** Text catalogs: the lines read so far, the layout's {@code linesBefore} included. */
    public long lines() {
        return text == null ? 0 : text.lines();
    }

    /**
     * The error {@code e} this reader threw, as the whole-file reader would have put it for a part read after
     * {@code linesBefore} more lines (the lines of the parts before it): bad lines are renumbered, other errors kept.
     */
    public static UserError inPart(UserError e, long linesBefore) {
        return e instanceof BadLine b ? b.shifted(linesBefore) : e;
    }

    private void openFits() throws IOException, FitsException {
        if (!Files.isReadable(file)) {
            throw Files.exists(file)
                    ? new AccessDeniedException(file.toString())
                    : new NoSuchFileException(file.toString());
        }
        fits = new Fits(file.toFile());
        BinaryTableHDU hdu = null;
        for (int i = 0; ; i++) {
            BasicHDU<?> h = fits.getHDU(i);
            if (h == null) {
                break;
            }
            if (h instanceof BinaryTableHDU b) {
                hdu = b;
                break;
            }
        }
        if (hdu == null) {
            throw new UserError("no binary table in FITS catalog " + file);
        }
        table = hdu.getData();
        fitsRows = table.getNRows();
        int n = table.getNCols();
        String[] names = new String[n];
        for (int c = 0; c < n; c++) {
            String nm = hdu.getColumnName(c);
            names[c] = nm == null ? "" : nm.strip();
        }
        String[] spec = want;
        if (spec == null) {
            spec = new String[] {"X", "Y", "Z", CatalogColumns.indexOf(names, "W") >= 0 ? "W" : "WEIGHT"};
        }
        int need = weights ? 4 : 3;
        fitsCols = new int[need];
        for (int k = 0; k < need; k++) {
            int c = CatalogColumns.resolve(spec[k], names, "FITS catalog " + file, file);
            BinaryTable.ColumnDesc d = table.getDescriptor(c);
            if (!d.isNumeric() || d.isComplex() || d.getElementCount() != 1 || d.isVariableSize()) {
                throw new UserError("column '" + names[c] + "' of " + file + " is not a numeric scalar column");
            }
            fitsCols[k] = c;
        }
        fast = BlockColumns.fits(file, fitsCols, fitsRows);
    }

    /**
     * Reads up to {@code max} points into {@code buf} (4 doubles per point: x, y, z, w; w = 1 without weights). Returns
     * the number read, 0 at the end.
     */
    public int read(double[] buf, int max) {
        try {
            return text != null ? readText(buf, max) : fast != null ? readFast(buf, max) : readFits(buf, max);
        } catch (IOException e) {
            throw new UserError("cannot read catalog " + file + ": " + ioMessage(e), e);
        } catch (FitsException e) {
            throw new UserError(
                    "cannot read FITS catalog " + file + " at row " + (rows + 1) + ": " + e.getMessage(), e);
        }
    }

    private int readText(double[] buf, int max) throws IOException {
        int n = text.read(buf, max);
        rows += n;
        return n;
    }

    private int readFits(double[] buf, int max) throws FitsException {
        int got = 0;
        double[] v = new double[4];
        while (got < max && rows < fitsRows) {
            int r = (int) rows;
            v[3] = 1;
            for (int k = 0; k < fitsCols.length; k++) {
                v[k] = table.getDouble(r, fitsCols[k]);
            }
            check(v);
            System.arraycopy(v, 0, buf, 4 * got, 4);
            got++;
            rows++;
        }
        return got;
    }

    private int readFast(double[] buf, int max) {
        int n = fast.read(buf, max);
        double lim = period > 0 ? period : Double.POSITIVE_INFINITY;
        double low = period > 0 ? 0 : -Double.MAX_VALUE;
        for (int i = 0; i < n; i++, rows++) {
            int o = 4 * i;
            // in range also means finite; a row failing it is checked again for its message
            if (!(buf[o] >= low
                    && buf[o] < lim
                    && buf[o + 1] >= low
                    && buf[o + 1] < lim
                    && buf[o + 2] >= low
                    && buf[o + 2] < lim
                    && Double.isFinite(buf[o + 3]))) {
                check(java.util.Arrays.copyOfRange(buf, o, o + 4));
            }
        }
        return n;
    }

    private static final String[] NAMES = {"x", "y", "z", "w"};

    /** Checks row {@code rows + 1}; the message is built only for a bad row (not once per row: 10⁷ rows, 0.4 s). */
    private void check(double[] v) {
        String problem = problem(v, period);
        if (problem != null) {
            throw new UserError(file + " row " + (rows + 1) + ": " + problem);
        }
    }

    /** What is wrong with row {@code v} (x, y, z, w), or null: a value not finite, a point outside the box [0, L)^3. */
    static String problem(double[] v, double period) {
        for (int k = 0; k < 4; k++) {
            if (!Double.isFinite(v[k])) {
                return NAMES[k] + " is " + v[k];
            }
        }
        if (period > 0) {
            for (int k = 0; k < 3; k++) {
                if (!(v[k] >= 0 && v[k] < period)) {
                    return "point (" + v[0] + ", " + v[1] + ", " + v[2] + ") lies outside the periodic box [0, "
                            + period + ")^3 (" + NAMES[k] + " = " + v[k] + ")";
                }
            }
        }
        return null;
    }

    /** Whether FITS rows are read in blocks by {@link FitsColumnReader} (else per cell by nom-tam-fits). */
    boolean blockReads() {
        return fast != null;
    }

    /** Points read so far. */
    public long rows() {
        return rows;
    }

    /**
     * An estimate of the points in all (0: unknown): FITS and .npy their row counts; text, after the first read, the
     * file's data bytes times the rows per byte of the first piece, plus 1 %.
     */
    public long expectedRows() {
        if (text != null) {
            return text.expectedRows();
        }
        return fast != null ? fast.rows() : fits != null ? fitsRows : 0;
    }

    public Path file() {
        return file;
    }

    /** Closes while already failing with {@code primary}: a close failure is attached to it. */
    private void closeInto(Throwable primary) {
        try {
            close();
        } catch (IOException e) {
            primary.addSuppressed(e);
        }
    }

    @Override
    public void close() throws IOException {
        if (text != null) {
            text.close();
            text = null;
        }
        if (fast != null) {
            fast.close();
            fast = null;
        }
        if (fits != null) {
            fits.close();
            fits = null;
        }
    }
}
