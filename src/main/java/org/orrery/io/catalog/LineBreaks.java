package org.orrery.io.catalog;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * Where lines of a text catalog end, on bytes: a line ends at "\n", "\r" or "\r\n", and a "\r\n" is never split.
 * {@link #boundary} cuts a file into parts of whole lines (one per rank); {@link #cut} and {@link #nextLineEnd} cut a
 * block in memory (one range per thread), for {@link TextCatalog}.
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
        ByteBuffer b = ByteBuffer.allocate(1 << 16);
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

    /**
     * End of the last whole line in [from, to): just after its last '\n', or after a '\r' not followed by '\n' (a
     * "\r\n" is never split), or -1 when there is none.
     */
    static int cut(byte[] b, int from, int to) {
        for (int i = to - 1; i >= from; i--) {
            if (b[i] == '\n' || (b[i] == '\r' && i + 1 < to && b[i + 1] != '\n')) {
                return i + 1;
            }
        }
        return -1;
    }

    /** Just after the first '\n' at or after {@code i} (not splitting "\r\n"), or {@code end}. */
    static int nextLineEnd(byte[] b, int i, int end) {
        for (int j = i; j < end; j++) {
            if (b[j] == '\n') {
                return j + 1;
            }
        }
        return end;
    }
}
