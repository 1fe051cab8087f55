package org.orrery.io.catalog;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.orrery.model.UserError;

/**
 * Reads scalar numeric columns of the first binary-table extension of a FITS file in chunks, straight from the file
 * (FITS Standard 4.0, section 7.3): the header cards are parsed here (80-character cards in 2880-byte blocks; the
 * primary HDU's data are skipped from BITPIX, NAXISn, PCOUNT, GCOUNT), then rows are read in blocks of a few MiB and
 * the wanted columns decoded big-endian at their byte offsets, so loading runs at the speed of the disk instead of a
 * per-cell library call. Column types B, I, J, K (unsigned 8-bit, signed 16/32/64-bit), E, D (IEEE float/double) with
 * repeat count 1; physical value {@code TZERO + TSCAL * stored} when those keywords are present. Other columns may be
 * present but cannot be selected. Columns are chosen by TTYPE (case-insensitive) or 1-based number. Errors name the
 * file. Not thread-safe.
 */
public final class FitsColumnReader implements Closeable {
    private static final int BLOCK = 2880;
    private static final int CHUNK_BYTES = 1 << 22;

    private final Path file;
    private final FileChannel ch;
    private long pos;
    private long dataStart;
    private long rows;
    private int rowBytes;
    private final List<String> names = new ArrayList<>();
    private final List<String> forms = new ArrayList<>();
    private int[] offsets;
    private double[] scale;
    private double[] zero;
    private long next;
    /** One direct buffer for every chunk (a fresh 4 MiB array per chunk cost fresh pages and a copy). */
    private ByteBuffer chunk;

    private FitsColumnReader(Path file, FileChannel ch) throws IOException {
        this.file = file;
        this.ch = ch;
        Map<String, String> h = header();
        if (!"T".equals(h.get("SIMPLE"))) {
            throw bad("not a FITS file (no SIMPLE = T)");
        }
        pos += dataBytes(h);
        while (true) {
            if (pos >= ch.size()) {
                throw bad("no binary-table extension");
            }
            h = header();
            if ("BINTABLE".equals(unquote(h.get("XTENSION")).trim())) {
                break;
            }
            pos += dataBytes(h);
        }
        rowBytes = (int) number(h, "NAXIS1");
        rows = number(h, "NAXIS2");
        int nf = (int) number(h, "TFIELDS");
        offsets = new int[nf];
        scale = new double[nf];
        zero = new double[nf];
        int off = 0;
        for (int c = 1; c <= nf; c++) {
            String form = unquote(h.getOrDefault("TFORM" + c, "")).trim();
            String name =
                    unquote(h.getOrDefault("TTYPE" + c, Integer.toString(c))).trim();
            names.add(name.isEmpty() ? Integer.toString(c) : name);
            forms.add(form);
            offsets[c - 1] = off;
            scale[c - 1] = h.containsKey("TSCAL" + c) ? Double.parseDouble(h.get("TSCAL" + c)) : 1;
            zero[c - 1] = h.containsKey("TZERO" + c) ? Double.parseDouble(h.get("TZERO" + c)) : 0;
            off += width(form);
        }
        if (off != rowBytes) {
            throw bad("TFORMs add up to " + off + " bytes per row but NAXIS1 = " + rowBytes);
        }
        dataStart = pos;
        if (ch.size() < dataStart + rows * rowBytes) {
            throw bad("truncated: the table needs " + (dataStart + rows * rowBytes) + " bytes, the file has "
                    + ch.size());
        }
    }

    /** Opens a FITS file at its first binary-table extension. */
    public static FitsColumnReader open(Path file) {
        FileChannel ch = null;
        try {
            if (Files.isDirectory(file)) {
                throw new UserError("cannot read " + file + ": is a directory");
            }
            ch = FileChannel.open(file, StandardOpenOption.READ);
            return new FitsColumnReader(file, ch);
        } catch (IOException e) {
            close(ch, e);
            throw new UserError("cannot read " + file + ": " + CatalogReader.ioMessage(e), e);
        } catch (RuntimeException e) {
            close(ch, e);
            throw e instanceof UserError
                    ? e
                    : new UserError("cannot read FITS file " + file + ": " + e.getMessage(), e);
        }
    }

    private static void close(FileChannel ch, Exception cause) {
        if (ch != null) {
            try {
                ch.close();
            } catch (IOException e) {
                cause.addSuppressed(e);
            }
        }
    }

    private UserError bad(String what) {
        return new UserError("cannot read FITS file " + file + ": " + what);
    }

    /** Reads header cards from {@code pos} to END; leaves {@code pos} at the data. */
    private Map<String, String> header() throws IOException {
        Map<String, String> h = new HashMap<>();
        ByteBuffer b = ByteBuffer.allocate(BLOCK);
        while (true) {
            b.clear();
            readFully(b, pos);
            pos += BLOCK;
            String block = new String(b.array(), StandardCharsets.US_ASCII);
            for (int k = 0; k < BLOCK; k += 80) {
                String card = block.substring(k, k + 80);
                String key = card.substring(0, 8).trim();
                if (key.equals("END")) {
                    return h;
                }
                if (card.startsWith("= ", 8)) {
                    String v = card.substring(10);
                    int q = v.indexOf('\'');
                    int slash = v.indexOf('/', q >= 0 ? v.indexOf('\'', q + 1) + 1 : 0);
                    h.putIfAbsent(key, (slash >= 0 ? v.substring(0, slash) : v).trim());
                }
            }
        }
    }

    private static String unquote(String v) {
        if (v == null) {
            return "";
        }
        String t = v.trim();
        return t.startsWith("'") && t.endsWith("'") && t.length() >= 2 ? t.substring(1, t.length() - 1) : t;
    }

    private long number(Map<String, String> h, String key) {
        String v = h.get(key);
        if (v == null) {
            throw bad("header has no " + key);
        }
        return Long.parseLong(v);
    }

    /** Bytes of an HDU's data, padded to whole blocks. */
    private long dataBytes(Map<String, String> h) {
        long naxis = number(h, "NAXIS");
        long n = naxis == 0 ? 0 : 1;
        for (int k = 1; k <= naxis; k++) {
            n *= number(h, "NAXIS" + k);
        }
        long pcount = h.containsKey("PCOUNT") ? number(h, "PCOUNT") : 0;
        long gcount = h.containsKey("GCOUNT") ? number(h, "GCOUNT") : 1;
        long bytes = Math.abs(number(h, "BITPIX")) / 8 * gcount * (pcount + n);
        return (bytes + BLOCK - 1) / BLOCK * BLOCK;
    }

    private int width(String form) {
        int i = 0;
        while (i < form.length() && Character.isDigit(form.charAt(i))) {
            i++;
        }
        if (i >= form.length()) {
            throw bad("malformed TFORM '" + form + "'");
        }
        int repeat = i == 0 ? 1 : Integer.parseInt(form.substring(0, i));
        return switch (form.charAt(i)) {
            case 'L', 'B', 'A' -> repeat;
            case 'X' -> (repeat + 7) / 8;
            case 'I' -> 2 * repeat;
            case 'J', 'E' -> 4 * repeat;
            case 'K', 'D', 'C', 'P' -> 8 * repeat;
            case 'M', 'Q' -> 16 * repeat;
            default -> throw bad("unknown TFORM '" + form + "'");
        };
    }

    private void readFully(ByteBuffer b, long at) throws IOException {
        while (b.hasRemaining()) {
            int n = ch.read(b, at);
            if (n < 0) {
                throw bad("unexpected end of file");
            }
            at += n;
        }
    }

    public long rows() {
        return rows;
    }

    /** TTYPE names (or "1", "2", ... where absent). */
    public List<String> names() {
        return List.copyOf(names);
    }

    /** Index of a scalar numeric column given by TTYPE (case-insensitive) or 1-based number. */
    public int column(String nameOrNumber) {
        int c = -1;
        for (int k = 0; k < names.size() && c < 0; k++) {
            if (names.get(k).equalsIgnoreCase(nameOrNumber.trim())) {
                c = k;
            }
        }
        if (c < 0) {
            try {
                int k = Integer.parseInt(nameOrNumber.trim());
                c = k >= 1 && k <= names.size() ? k - 1 : -1;
            } catch (NumberFormatException e) {
                c = -1; // neither a name nor a number: reported below with the available columns
            }
        }
        if (c < 0) {
            throw new UserError(
                    file + " has no column '" + nameOrNumber + "' (columns: " + String.join(", ", names) + ")");
        }
        String f = forms.get(c);
        if (!f.matches("1?[BIJKED]")) {
            throw new UserError("column '" + names.get(c) + "' of " + file + " has TFORM " + f
                    + "; only scalar numeric columns (B, I, J, K, E, D) can be read");
        }
        return c;
    }

    /** Reads the next up to {@code max} rows of columns {@code cols} into {@code out[k][0..]}; 0 at the end. */
    public int read(int[] cols, double[][] out, int max) {
        int n = (int) Math.min(max, rows - next);
        if (n <= 0) {
            return 0;
        }
        try {
            int per = Math.max(1, CHUNK_BYTES / Math.max(1, rowBytes));
            for (int done = 0; done < n; done += per) {
                int m = Math.min(per, n - done);
                ByteBuffer b = chunk(m * rowBytes);
                readFully(b, dataStart + (next + done) * rowBytes);
                for (int k = 0; k < cols.length; k++) {
                    int c = cols[k];
                    decode(
                            b,
                            forms.get(c).charAt(forms.get(c).length() - 1),
                            offsets[c],
                            scale[c],
                            zero[c],
                            out[k],
                            done,
                            m);
                }
            }
        } catch (IOException e) {
            throw new UserError("cannot read " + file + ": " + CatalogReader.ioMessage(e), e);
        }
        next += n;
        return n;
    }

    /** The reusable chunk buffer (big-endian, as FITS stores numbers), cleared and limited to {@code bytes}. */
    private ByteBuffer chunk(int bytes) {
        if (chunk == null || chunk.capacity() < bytes) {
            chunk = ByteBuffer.allocateDirect(Math.max(bytes, CHUNK_BYTES)).order(ByteOrder.BIG_ENDIAN);
        }
        chunk.clear().limit(bytes);
        return chunk;
    }

    private void decode(ByteBuffer b, char type, int off, double s, double z, double[] o, int base, int m) {
        boolean plain = s == 1 && z == 0;
        for (int i = 0, p = off; i < m; i++, p += rowBytes) {
            double v =
                    switch (type) {
                        case 'D' -> b.getDouble(p);
                        case 'E' -> b.getFloat(p);
                        case 'K' -> b.getLong(p);
                        case 'J' -> b.getInt(p);
                        case 'I' -> b.getShort(p);
                        default -> b.get(p) & 0xff;
                    };
            o[base + i] = plain ? v : z + s * v;
        }
    }

    @Override
    public void close() throws IOException {
        ch.close();
    }
}
