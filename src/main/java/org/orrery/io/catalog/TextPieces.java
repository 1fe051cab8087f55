package org.orrery.io.catalog;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.function.LongFunction;
import org.orrery.model.UserError;

/**
 * Bytes {@code [from, to)} of a text file cut into pieces of about {@code piece} bytes at line starts
 * ({@link LineBreaks#boundary}), each piece read and parsed on one of {@code threads} worker threads and handed out in
 * file order ({@link #take}); with one thread the caller's thread reads and parses each piece when it is taken. At most
 * {@code 2 threads} pieces are held at once, their buffers reused, so memory stays bounded whatever the file size.
 * Because pieces are taken in order, the caller sees the first bad line of the file first, whatever the thread count.
 * One consumer thread.
 */
final class TextPieces implements Closeable {
    /** Parses one piece's bytes {@code [0, len)} into {@code into} (rows, lines, first error). */
    @FunctionalInterface
    interface Parser {
        void parse(byte[] bytes, int len, Piece into);
    }

    /** A parsed piece: {@code n} rows of 4 doubles, the lines it holds and its first error, if any. */
    static final class Piece {
        byte[] bytes = new byte[0];
        double[] rows = new double[4096];
        int n;
        long lines;
        /** Bytes of the piece. */
        int len;
        /** The piece's first error, given the line number of the piece's first line; null when none. */
        LongFunction<UserError> error;
        /** A failure reading the piece (or a bug parsing it), rethrown by {@link #take}. */
        Throwable failure;
        /** The index of the piece this slot holds when parsed, else -1. */
        int done = -1;

        /** Room for one more row. */
        void grow() {
            if (4 * n + 4 > rows.length) {
                rows = java.util.Arrays.copyOf(rows, 2 * rows.length);
            }
        }
    }

    private final FileChannel in;
    private final long[] cuts;
    private final Parser parser;
    private final Piece[] slots;
    private final Thread[] workers;
    private final Object lock = new Object();
    /** Guarded by lock: the next piece a worker takes; pieces below {@code released} are free; closed. */
    private int claimed;

    private int released;
    private boolean closed;
    /** The consumer's next piece. */
    private int next;

    TextPieces(FileChannel in, long from, long to, int piece, int threads, Parser parser) throws IOException {
        this.in = in;
        this.parser = parser;
        long len = Math.max(0, to - from);
        int count = (int) Math.max(1, Math.min(1 << 16, (len + piece - 1) / Math.max(1, piece)));
        cuts = new long[count + 1];
        cuts[0] = from;
        for (int j = 1; j < count; j++) {
            cuts[j] = Math.min(to, LineBreaks.boundary(in, from, from + len * j / count));
        }
        cuts[count] = from + len;
        int t = count < 2 ? 1 : Math.max(1, threads);
        slots = new Piece[t == 1 ? 1 : 2 * t];
        for (int k = 0; k < slots.length; k++) {
            slots[k] = new Piece();
        }
        workers = new Thread[t == 1 ? 0 : t];
        for (int k = 0; k < workers.length; k++) {
            workers[k] = new Thread(this::work, "catalog-" + k);
            workers[k].setDaemon(true);
            workers[k].start();
        }
    }

    /** Bytes in all pieces. */
    long bytes() {
        return cuts[cuts.length - 1] - cuts[0];
    }

    /** Pieces in all. */
    int count() {
        return cuts.length - 1;
    }

    /**
     * The next piece in file order, parsed (its rows, lines and error), or null after the last; the piece returned
     * before is released (its buffers reused).
     */
    Piece take() throws IOException {
        int k = next;
        if (k >= count()) {
            return null;
        }
        Piece p;
        if (workers.length == 0) {
            p = slots[0];
            fill(k, p);
        } else {
            p = slots[k % slots.length];
            synchronized (lock) {
                released = k;
                lock.notifyAll();
                while (p.done != k) {
                    try {
                        lock.wait();
                    } catch (InterruptedException x) {
                        Thread.currentThread().interrupt();
                        throw new UserError("interrupted while reading a catalog", x);
                    }
                }
            }
        }
        next = k + 1;
        if (p.failure instanceof IOException io) {
            throw io;
        }
        if (p.failure instanceof RuntimeException r) {
            throw r;
        }
        if (p.failure instanceof Error e) {
            throw e;
        }
        if (p.failure != null) {
            throw new IllegalStateException(p.failure);
        }
        return p;
    }

    private void work() {
        while (true) {
            int k;
            synchronized (lock) {
                while (!closed && claimed < count() && claimed >= released + slots.length) {
                    try {
                        lock.wait();
                    } catch (InterruptedException x) {
                        return;
                    }
                }
                if (closed || claimed >= count()) {
                    return;
                }
                k = claimed++;
            }
            Piece p = slots[k % slots.length];
            fill(k, p);
            synchronized (lock) {
                p.done = k;
                lock.notifyAll();
            }
        }
    }

    /** Reads and parses piece k into p; a failure is kept in p. */
    private void fill(int k, Piece p) {
        p.n = 0;
        p.len = 0;
        p.lines = 0;
        p.error = null;
        p.failure = null;
        try {
            int len = (int) (cuts[k + 1] - cuts[k]);
            if (p.bytes.length < len) {
                p.bytes = new byte[len];
            }
            int got = 0;
            while (got < len) {
                int r = in.read(ByteBuffer.wrap(p.bytes, got, len - got), cuts[k] + got);
                if (r < 0) {
                    break; // the file shrank: parse what is there
                }
                got += r;
            }
            p.len = got;
            parser.parse(p.bytes, got, p);
        } catch (Throwable x) { // kept for the consumer, which would otherwise wait for this piece forever
            p.failure = x;
        }
    }

    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
            lock.notifyAll();
        }
        for (Thread w : workers) {
            try {
                w.join();
            } catch (InterruptedException x) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
