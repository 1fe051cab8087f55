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
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.orrery.model.UserError;

/**
 * Reads numeric columns of a NumPy {@code .npy} file (format versions 1.0, 2.0 and 3.0; see numpy.lib.format) in
 * chunks, straight from the file through one buffer: a 2-D array {@code (rows, columns)} (C or Fortran order) of one
 * numeric type, a 1-D array (one column), or a 1-D structured array whose scalar numeric fields are the columns (by
 * name, as {@code np.save} writes an astropy table's {@code as_array()} or a recarray). Element types: float 4/8 bytes,
 * signed integers 1/2/4/8, unsigned 1/2/4, either byte order; values are converted to double. Columns are chosen by
 * field name (case-insensitive) or 1-based number. Errors name the file. Not thread-safe.
 */
public final class NpyReader implements Closeable {
    private static final int CHUNK_BYTES = 1 << 22;
    private static final Pattern FIELD = Pattern.compile("\\(\\s*'([^']*)'\\s*,\\s*'([^']*)'\\s*\\)");

    private final Path file;
    private final FileChannel ch;
    private final long dataStart;
    private final long rows;
    private final boolean fortran;
    private final List<String> names = new ArrayList<>();
    private final List<String> types = new ArrayList<>();
    private final int[] offsets;
    private final int rowBytes;
    private long next;
    /** One direct buffer for every chunk (a fresh 4 MiB array per chunk cost fresh pages and a copy). */
    private ByteBuffer chunk;
    /** Every column little-endian float64, no padding between fields (see {@link #gather}). */
    private final boolean doubles;

    private double[] values;

    private NpyReader(Path file, FileChannel ch) throws IOException {
        this.file = file;
        this.ch = ch;
        ByteBuffer pre = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
        readFully(pre, 0);
        pre.flip();
        byte[] magic = new byte[6];
        pre.get(magic);
        if ((magic[0] & 0xff) != 0x93 || !new String(magic, 1, 5, StandardCharsets.US_ASCII).equals("NUMPY")) {
            throw bad("not a .npy file (no \\x93NUMPY magic)");
        }
        int major = pre.get() & 0xff;
        pre.get();
        long hlen;
        int hstart;
        if (major == 1) {
            hlen = pre.getShort() & 0xffff;
            hstart = 10;
        } else if (major == 2 || major == 3) {
            hlen = pre.getInt() & 0xffffffffL;
            hstart = 12;
        } else {
            throw bad("unsupported .npy format version " + major);
        }
        ByteBuffer hb = ByteBuffer.allocate((int) hlen);
        readFully(hb, hstart);
        String header = new String(hb.array(), major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        dataStart = hstart + hlen;
        fortran = value(header, "fortran_order").startsWith("True");
        String shape = value(header, "shape");
        String descr = value(header, "descr");
        long[] dims = parseShape(shape);
        if (descr.startsWith("[")) {
            if (dims.length != 1) {
                throw bad("a structured array must be 1-D, shape is " + shape);
            }
            Matcher m = FIELD.matcher(descr);
            while (m.find()) {
                names.add(m.group(1));
                types.add(m.group(2));
            }
            if (names.isEmpty() || descr.replaceAll(FIELD.pattern(), "").matches(".*\\(.*")) {
                throw bad("only structured arrays of scalar numeric fields are supported, got " + descr);
            }
            rows = dims[0];
        } else {
            String t = descr.replace("'", "").trim();
            if (dims.length == 1) {
                rows = dims[0];
                names.add("1");
                types.add(t);
            } else if (dims.length == 2) {
                rows = dims[0];
                for (int c = 0; c < dims[1]; c++) {
                    names.add(Integer.toString(c + 1));
                    types.add(t);
                }
            } else {
                throw bad("expected a 1-D or 2-D array, shape is " + shape);
            }
        }
        offsets = new int[names.size()];
        int off = 0;
        for (int c = 0; c < names.size(); c++) {
            offsets[c] = off;
            off += size(types.get(c));
        }
        rowBytes = off;
        if (fortran && descr.startsWith("[")) {
            throw bad("Fortran order for a structured array");
        }
        doubles = types.stream().allMatch("<f8"::equals) && rowBytes == 8 * types.size();
        long expect = dataStart + rows * rowBytes;
        if (ch.size() < expect) {
            throw bad("truncated: " + ch.size() + " bytes, the header promises " + expect);
        }
    }

    /** Opens a .npy file and parses its header. */
    public static NpyReader open(Path file) {
        FileChannel ch = null;
        try {
            if (Files.isDirectory(file)) {
                throw new UserError("cannot read " + file + ": is a directory");
            }
            ch = FileChannel.open(file, StandardOpenOption.READ);
            return new NpyReader(file, ch);
        } catch (IOException e) {
            closeQuietly(ch, e);
            throw new UserError("cannot read " + file + ": " + CatalogReader.ioMessage(e), e);
        } catch (RuntimeException e) {
            closeQuietly(ch, e);
            throw e;
        }
    }

    private static void closeQuietly(FileChannel ch, Exception cause) {
        if (ch != null) {
            try {
                ch.close();
            } catch (IOException e) {
                cause.addSuppressed(e);
            }
        }
    }

    public static boolean isNpy(Path file) {
        return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".npy");
    }

    private UserError bad(String what) {
        return new UserError("cannot read " + file + ": " + what);
    }

    private void readFully(ByteBuffer b, long pos) throws IOException {
        while (b.hasRemaining()) {
            int n = ch.read(b, pos);
            if (n < 0) {
                throw bad("unexpected end of file");
            }
            pos += n;
        }
    }

    private String value(String header, String key) {
        int k = header.indexOf("'" + key + "'");
        if (k < 0) {
            throw bad("header has no '" + key + "'");
        }
        int colon = header.indexOf(':', k);
        String rest = header.substring(colon + 1).trim();
        char open = rest.charAt(0);
        if (open == '[' || open == '(') {
            int depth = 0;
            for (int i = 0; i < rest.length(); i++) {
                char c = rest.charAt(i);
                depth += c == '[' || c == '(' ? 1 : c == ']' || c == ')' ? -1 : 0;
                if (depth == 0) {
                    return rest.substring(0, i + 1);
                }
            }
            throw bad("malformed header " + header.trim());
        }
        int end = rest.indexOf(',');
        return (end < 0 ? rest : rest.substring(0, end)).replace("}", "").trim();
    }

    private long[] parseShape(String shape) {
        String in = shape.substring(1, shape.length() - 1).trim();
        if (in.isEmpty()) {
            throw bad("a 0-d array has no rows");
        }
        String[] f = in.split(",", -1);
        List<Long> d = new ArrayList<>();
        for (String s : f) {
            if (!s.isBlank()) {
                d.add(Long.parseLong(s.trim().replace("L", "")));
            }
        }
        return d.stream().mapToLong(Long::longValue).toArray();
    }

    private int size(String t) {
        if (t.length() < 3 || "<>|=".indexOf(t.charAt(0)) < 0) {
            throw bad("unsupported element type '" + t + "'");
        }
        char kind = t.charAt(1);
        int n = Integer.parseInt(t.substring(2));
        boolean ok = (kind == 'f' && (n == 4 || n == 8))
                || (kind == 'i' && (n == 1 || n == 2 || n == 4 || n == 8))
                || (kind == 'u' && (n == 1 || n == 2 || n == 4));
        if (!ok) {
            throw bad("unsupported element type '" + t + "' (numeric float/int only)");
        }
        return n;
    }

    public long rows() {
        return rows;
    }

    /** Column names: field names of a structured array, else "1", "2", ... */
    public List<String> names() {
        return List.copyOf(names);
    }

    /** Index of a column given by name (case-insensitive) or 1-based number. */
    public int column(String nameOrNumber) {
        for (int c = 0; c < names.size(); c++) {
            if (names.get(c).equalsIgnoreCase(nameOrNumber)) {
                return c;
            }
        }
        try {
            int k = Integer.parseInt(nameOrNumber.trim());
            if (k >= 1 && k <= names.size()) {
                return k - 1;
            }
        } catch (NumberFormatException e) {
            // not a number: falls through to the error naming the available columns
        }
        throw new UserError(file + " has no column '" + nameOrNumber + "' (columns: " + String.join(", ", names) + ")");
    }

    /**
     * Reads the next up to {@code max} rows of the columns {@code cols} into {@code out[k][0..]}. Returns the number of
     * rows read, 0 at the end.
     */
    public int read(int[] cols, double[][] out, int max) {
        int n = (int) Math.min(max, rows - next);
        if (n <= 0) {
            return 0;
        }
        try {
            if (fortran) {
                int item = rowBytes / names.size();
                for (int k = 0; k < cols.length; k++) {
                    ByteBuffer b = ByteBuffer.allocate(n * item);
                    readFully(b, dataStart + (cols[k] * rows + next) * item);
                    b.flip();
                    decode(b, types.get(cols[k]), 0, item, out[k], n);
                }
            } else {
                int per = Math.max(1, CHUNK_BYTES / rowBytes);
                for (int done = 0; done < n; done += per) {
                    int m = Math.min(per, n - done);
                    ByteBuffer b = chunk(m * rowBytes);
                    readFully(b, dataStart + (next + done) * rowBytes);
                    b.flip();
                    if (doubles) {
                        gather(b, cols, out, done, m);
                        continue;
                    }
                    for (int k = 0; k < cols.length; k++) {
                        double[] o = out[k];
                        int base = done;
                        ByteBuffer v = b.duplicate();
                        decodeStrided(v, types.get(cols[k]), offsets[cols[k]], rowBytes, o, base, m);
                    }
                }
            }
        } catch (IOException e) {
            throw new UserError("cannot read " + file + ": " + CatalogReader.ioMessage(e), e);
        }
        next += n;
        return n;
    }

    /**
     * Little-endian float64 in every column (what np.save writes on every common machine): the chunk is copied into
     * doubles in bulk and the columns picked from them, instead of decoding each value through the buffer.
     */
    private void gather(ByteBuffer b, int[] cols, double[][] out, int base, int m) {
        int per = rowBytes / 8;
        if (values == null || values.length < m * per) {
            values = new double[Math.max(m * per, CHUNK_BYTES / 8)];
        }
        b.order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer().get(values, 0, m * per);
        for (int k = 0; k < cols.length; k++) {
            double[] o = out[k];
            for (int i = 0, p = cols[k]; i < m; i++, p += per) {
                o[base + i] = values[p];
            }
        }
    }

    /** The reusable chunk buffer, cleared and limited to {@code bytes}. */
    private ByteBuffer chunk(int bytes) {
        if (chunk == null || chunk.capacity() < bytes) {
            chunk = ByteBuffer.allocateDirect(Math.max(bytes, CHUNK_BYTES));
        }
        chunk.clear().limit(bytes);
        return chunk;
    }

    private static void decode(ByteBuffer b, String t, int off, int stride, double[] o, int n) {
        decodeStrided(b, t, off, stride, o, 0, n);
    }

    private static void decodeStrided(ByteBuffer b, String t, int off, int stride, double[] o, int base, int n) {
        b.order(t.charAt(0) == '>' ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        char kind = t.charAt(1);
        int size = Integer.parseInt(t.substring(2));
        int p = off;
        for (int i = 0; i < n; i++, p += stride) {
            double v;
            if (kind == 'f') {
                v = size == 8 ? b.getDouble(p) : b.getFloat(p);
            } else if (kind == 'i') {
                v = size == 8 ? b.getLong(p) : size == 4 ? b.getInt(p) : size == 2 ? b.getShort(p) : b.get(p);
            } else {
                v = size == 4 ? b.getInt(p) & 0xffffffffL : size == 2 ? b.getShort(p) & 0xffff : b.get(p) & 0xff;
            }
            o[base + i] = v;
        }
    }

    @Override
    public void close() throws IOException {
        ch.close();
    }
}
