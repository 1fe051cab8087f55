package org.orrery.io.catalog;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.orrery.model.UserError;

/**
 * The text catalog of {@link CatalogReader}, read from bytes: the part of the file is cut into pieces at line starts
 * ({@link TextPieces}), the pieces parsed on {@code threads} threads and their rows handed out in file order, with the
 * same values ({@link DecimalParser}: {@link Double#parseDouble}'s bits), the same line numbers and the same error
 * messages (the first bad line of the file) as reading it line by line as UTF-8 text would give, whatever the thread
 * count and piece size.
 *
 * <p>Lines end at "\n", "\r" or "\r\n". A line of printable ASCII, spaces, tabs, form feeds and vertical tabs is split
 * on bytes; any other line (non-ASCII, control characters) is decoded as UTF-8 and split as a string, exactly as the
 * header line: {@code strip()}, then fields separated by {@code [\s,]+}. Undecodable bytes are an error ("not a text
 * catalog"). Not thread-safe (the threads are inside).
 */
final class TextCatalog implements Closeable {
    /** Bytes per piece. */
    static final int BLOCK = 1 << 20;

    private final Path file;
    private final int[] cols;
    private final double period;
    private final FileChannel in;
    private final TextPieces pieces;
    private long line;
    /** The piece being handed out, and how many of its rows were. */
    private TextPieces.Piece piece;

    private int served;
    /** Rows expected in all, estimated from the first piece (0 before). */
    private long expected;

    /**
     * @param cols 0-based fields x, y, z[, w]
     * @param firstByte where the data lines start (after a header line)
     * @param linesBefore lines before firstByte
     */
    TextCatalog(Path file, int[] cols, double period, int threads, long firstByte, long linesBefore)
            throws IOException {
        this(file, cols, period, threads, firstByte, Long.MAX_VALUE, linesBefore, BLOCK);
    }

    /**
     * As above for the part {@code [firstByte, endByte)} of the file only ({@code endByte} a line boundary, see
     * {@link LineBreaks#boundary}, or past the end), in pieces of about {@code block} bytes (tests use small ones).
     */
    TextCatalog(
            Path file,
            int[] cols,
            double period,
            int threads,
            long firstByte,
            long endByte,
            long linesBefore,
            int block)
            throws IOException {
        this.file = file;
        this.cols = cols.clone();
        this.period = period;
        this.line = linesBefore;
        in = FileChannel.open(file, StandardOpenOption.READ);
        try {
            long end = Math.max(firstByte, Math.min(endByte, in.size()));
            pieces = new TextPieces(in, firstByte, end, Math.max(1, block), threads, this::parse);
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    /** An estimate of the rows in all, from the first piece's rows per byte (0 before the first read). */
    long expectedRows() {
        return expected;
    }

    /** Lines read so far, counting the {@code linesBefore} given. */
    long lines() {
        return line;
    }

    /** Reads up to {@code max} rows into {@code out} (x, y, z, w per row); 0 at the end. */
    int read(double[] out, int max) throws IOException {
        int got = 0;
        while (got < max) {
            if (piece == null || served == piece.n) {
                piece = pieces.take();
                served = 0;
                if (piece == null) {
                    break;
                }
                if (piece.error != null) {
                    throw piece.error.apply(line + 1);
                }
                if (expected == 0 && piece.len > 0) {
                    expected = (long) Math.ceil(1.01 * pieces.bytes() * piece.n / piece.len) + 16;
                }
                line += piece.lines;
                continue;
            }
            int n = Math.min(max - got, piece.n - served);
            System.arraycopy(piece.rows, 4 * served, out, 4 * got, 4 * n);
            served += n;
            got += n;
        }
        return got;
    }

    /** Parses bytes {@code [0, len)} of one piece (whole lines) into {@code into}; runs on a worker thread. */
    private void parse(byte[] b, int len, TextPieces.Piece into) {
        new Lines(into).run(b, len);
    }

    /** One piece's lines: rows parsed, lines seen, the first error. */
    private final class Lines {
        final TextPieces.Piece out;

        Lines(TextPieces.Piece out) {
            this.out = out;
        }

        void run(byte[] b, int to) {
            int p = 0;
            double[] v = new double[4];
            int[] fs = new int[2 * (maxCol() + 1)];
            while (p < to) {
                int e = p;
                while (e < to && b[e] != '\n' && b[e] != '\r') {
                    e++;
                }
                out.lines++;
                long here = out.lines;
                String problem;
                try {
                    problem = line(b, p, e, v, fs);
                } catch (UserError u) {
                    out.error = first -> u;
                    return;
                }
                if (problem != null) {
                    out.error = first -> new BadLine(file, first + here - 1, problem);
                    return;
                }
                p = e < to && b[e] == '\r' && e + 1 < to && b[e + 1] == '\n' ? e + 2 : e + 1;
            }
        }

        /** Parses one line into a row (unless blank or a comment); returns an error text or null. */
        private String line(byte[] b, int s, int e, double[] v, int[] fs) {
            for (int i = s; i < e; i++) {
                int c = b[i];
                if (c < 0 || (c < 0x20 && c != '\t' && c != 0x0B && c != '\f') || c == 0x7F) {
                    return stringLine(b, s, e, v);
                }
            }
            while (s < e && blank(b[s])) {
                s++;
            }
            while (e > s && blank(b[e - 1])) {
                e--;
            }
            if (s == e || b[s] == '#') {
                return null;
            }
            int nf = 0;
            int i = s;
            int keep = fs.length / 2;
            while (true) {
                int f0 = i;
                while (i < e && !separator(b[i])) {
                    i++;
                }
                if (nf < keep) {
                    fs[2 * nf] = f0;
                    fs[2 * nf + 1] = i;
                }
                nf++;
                while (i < e && separator(b[i])) {
                    i++;
                }
                if (i == e) {
                    break;
                }
            }
            v[3] = 1;
            for (int k = 0; k < cols.length; k++) {
                int c = cols[k];
                if (c >= nf) {
                    return "expected at least " + (c + 1) + " fields, found " + nf;
                }
                try {
                    v[k] = DecimalParser.parse(b, fs[2 * c], fs[2 * c + 1]);
                } catch (NumberFormatException x) {
                    return "field " + (c + 1) + " '"
                            + new String(b, fs[2 * c], fs[2 * c + 1] - fs[2 * c], StandardCharsets.ISO_8859_1)
                            + "' is not a number";
                }
            }
            return add(v);
        }

        private String stringLine(byte[] b, int s, int e, double[] v) {
            String t;
            try {
                t = StandardCharsets.UTF_8
                        .newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(b, s, e - s))
                        .toString()
                        .strip();
            } catch (CharacterCodingException x) {
                throw new UserError("cannot read catalog " + file + ": " + TextFiles.notText(), x);
            }
            if (t.isEmpty() || t.startsWith("#")) {
                return null;
            }
            String[] f = CatalogColumns.split(t);
            v[3] = 1;
            for (int k = 0; k < cols.length; k++) {
                int c = cols[k];
                if (c >= f.length) {
                    return "expected at least " + (c + 1) + " fields, found " + f.length;
                }
                try {
                    v[k] = Double.parseDouble(f[c]);
                } catch (NumberFormatException x) {
                    return "field " + (c + 1) + " '" + f[c] + "' is not a number";
                }
            }
            return add(v);
        }

        private String add(double[] v) {
            String problem = CatalogReader.problem(v, period);
            if (problem != null) {
                return problem;
            }
            out.grow();
            System.arraycopy(v, 0, out.rows, 4 * out.n, 4);
            out.n++;
            return null;
        }
    }

    private int maxCol() {
        int m = 0;
        for (int c : cols) {
            m = Math.max(m, c);
        }
        return m;
    }

    private static boolean blank(byte c) {
        return c == ' ' || c == '\t' || c == 0x0B || c == '\f';
    }

    private static boolean separator(byte c) {
        return c == ' ' || c == ',' || c == '\t' || c == 0x0B || c == '\f';
    }

    @Override
    public void close() throws IOException {
        try {
            pieces.close();
        } finally {
            in.close();
        }
    }
}
