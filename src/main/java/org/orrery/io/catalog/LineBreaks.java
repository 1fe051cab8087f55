package org.orrery.io.catalog;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * Where lines of a text catalog end, on bytes: a line ends at "\n", "\r" or "\r\n", and a "\r\n" is never split.
 * {@link #boundary} cuts a file into parts of whole lines: one per rank, and each part into pieces parsed on threads
 * ({@link TextPieces}).
 */
final class LineBreaks {
    private LineBreaks() {}

    /**
     * The first line start at or after byte {@code pos} of the file, at or after {@code from} (a line start): the
     * offset just after a "\n", or after a "\r" not followed by "\n" (a "\r\n" is never split), or the file's size.
     * Parts cut there hold whole lines, and together every line once, in order.
     */
    static long boundary(FileChannel in, long from, long pos) throws IOException {
        long size = in.size();
        if (pos <= from) {
            return from;
        }
        if (pos >= size) {
            return size;
        }
        ByteBuffer b = ByteBuffer.allocate(1 << 12);
        long at = pos - 1; // the byte before a candidate line start
        while (at < size) {
            b.clear();
            int r = in.read(b, at);
            if (r <= 0) {
                return size;
            }
            for (int i = 0; i < r; i++) {
                byte c = b.get(i);
                if (c == '\n') {
                    return at + i + 1;
                }
                if (c == '\r') {
                    long next = at + i + 1;
                    if (next >= size) {
                        return size;
                    }
                    byte d = i + 1 < r ? b.get(i + 1) : peek(in, next);
                    return d == '\n' ? next + 1 : next;
                }
            }
            at += r;
        }
        return size;
    }

    private static byte peek(FileChannel in, long at) throws IOException {
        ByteBuffer one = ByteBuffer.allocate(1);
        return in.read(one, at) == 1 ? one.get(0) : 0;
    }
}
