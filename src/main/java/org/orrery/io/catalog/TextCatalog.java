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
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReference;
import org.orrery.model.UserError;

/**
 * The text catalog of {@link CatalogReader}, read from bytes: the file is read in blocks, each block cut at line ends
 * into one range per thread, and the ranges parsed at once; rows come out in file order, with the same values
 * ({@link DecimalParser}: {@link Double#parseDouble}'s bits), the same line numbers and the same error messages as
 * reading it line by line as UTF-8 text would give.
 *
 * <p>Lines end at "\n", "\r" or "\r\n". A line of printable ASCII, spaces, tabs, form feeds and vertical tabs is split
 * on bytes; any other line (non-ASCII, control characters) is decoded as UTF-8 and split as a string, exactly as the
 * header line: {@code strip()}, then fields separated by {@code [\s,]+}. Undecodable bytes are an error ("not a text
 * catalog"). Not thread-safe (the threads are inside one call).
 */
final class TextCatalog implements Closeable {
    /** Bytes per thread per block. */
    static final int BLOCK = 4 << 20;

    private final Path file;
    private final int[] cols;
    private final double period;
    private final int threads;
    private final FileChannel in;
    /** Bytes of the file not yet read into buf (up to the end of this reader's part). */
    private long left;

    private byte[] buf;
    /** Bytes [0, filled) of buf hold data not yet parsed. */
    private int filled;

    private boolean eof;
    private long line;
    /** Parsed rows of the current block (4 doubles each) and how many were handed out. */
    private double[] rows = new double[0];

    private int nrows;
    private int served;

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
     * {@link LineBreaks#boundary}, or past the end), with {@code block} bytes per thread per block (tests use small
     * blocks).
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
        this.threads = Math.max(1, threads);
        this.line = linesBefore;
        in = FileChannel.open(file, StandardOpenOption.READ);
        try {
            left = Math.max(0, Math.min(endByte, in.size()) - firstByte);
            buf = new byte[(int) Math.min(block * (long) this.threads, Math.max(left, 64))];
            in.position(firstByte);
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    /** Lines read so far, counting the {@code linesBefore} given. */
    long lines() {
        return line;
    }

    /** Reads up to {@code max} rows into {@code out} (x, y, z, w per row); 0 at the end. */
    int read(double[] out, int max) throws IOException {
        int got = 0;
        while (got < max) {
            if (served == nrows && !nextBlock()) {
                break;
            }
            int n = Math.min(max - got, nrows - served);
            System.arraycopy(rows, 4 * served, out, 4 * got, 4 * n);
            served += n;
            got += n;
        }
        return got;
    }

    /** Parses the next block; false at the end of the file. */
    private boolean nextBlock() throws IOException {
        while (true) {
            while (!eof && filled < buf.length) {
                int want = (int) Math.min(buf.length - filled, left);
                int r = want == 0 ? -1 : in.read(ByteBuffer.wrap(buf, filled, want));
                if (r < 0) {
                    eof = true;
                } else {
                    filled += r;
                    left -= r;
                }
            }
            if (filled == 0) {
                return false;
            }
            int end = eof ? filled : LineBreaks.cut(buf, 0, filled);
            if (end < 0) {
                buf = Arrays.copyOf(buf, 2 * buf.length); // one line longer than the block
                continue;
            }
            parse(end);
            System.arraycopy(buf, end, buf, 0, filled - end);
            filled -= end;
            if (nrows > 0 || (eof && filled == 0)) {
                return nrows > 0;
            }
        }
    }

    /** One thread's range of a block: rows parsed, lines seen, the first error. */
    private final class Range {
        final int from;
        final int to;
        double[] out = new double[4096];
        int n;
        long lines;
        /** The first error, given the range's first line number. */
        java.util.function.LongFunction<UserError> error;

        Range(int from, int to) {
            this.from = from;
            this.to = to;
        }

        void run() {
            byte[] b = buf;
            int p = from;
            double[] v = new double[4];
            int[] fs = new int[2 * (maxCol() + 1)];
            while (p < to) {
                int e = p;
                while (e < to && b[e] != '\n' && b[e] != '\r') {
                    e++;
                }
                lines++;
                long here = lines;
                String problem;
                try {
                    problem = line(b, p, e, v, fs);
                } catch (UserError u) {
                    error = first -> u;
                    return;
                }
                if (problem != null) {
                    error = first -> new BadLine(file, first + here - 1, problem);
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
            if (4 * n + 4 > out.length) {
                out = Arrays.copyOf(out, 2 * out.length);
            }
            System.arraycopy(v, 0, out, 4 * n, 4);
            n++;
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

    /** Parses bytes [0, end) of buf: one range per thread, cut at line ends, then the rows in order. */
    private void parse(int end) {
        int t = end < 64 * threads ? 1 : threads;
        Range[] ranges = new Range[t];
        int from = 0;
        for (int k = 0; k < t; k++) {
            int to = k == t - 1
                    ? end
                    : Math.max(from, LineBreaks.nextLineEnd(buf, (int) ((long) end * (k + 1) / t), end));
            ranges[k] = new Range(from, to);
            from = to;
        }
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        Thread[] ts = new Thread[t - 1];
        for (int k = 1; k < t; k++) {
            Range r = ranges[k];
            ts[k - 1] = new Thread(
                    () -> {
                        try {
                            r.run();
                        } catch (RuntimeException x) {
                            failure.compareAndSet(null, x);
                        }
                    },
                    "catalog-" + k);
            ts[k - 1].start();
        }
        try {
            ranges[0].run();
        } finally {
            for (Thread th : ts) {
                join(th);
            }
        }
        if (failure.get() != null) {
            throw failure.get();
        }
        int total = 0;
        for (Range r : ranges) {
            if (r.error != null) {
                throw r.error.apply(line + 1);
            }
            line += r.lines;
            total += r.n;
        }
        if (rows.length < 4 * total) {
            rows = new double[4 * total];
        }
        int o = 0;
        for (Range r : ranges) {
            System.arraycopy(r.out, 0, rows, o, 4 * r.n);
            o += 4 * r.n;
        }
        nrows = total;
        served = 0;
    }

    private void join(Thread th) {
        try {
            th.join();
        } catch (InterruptedException x) {
            Thread.currentThread().interrupt();
            throw new UserError("interrupted while reading " + file, x);
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
