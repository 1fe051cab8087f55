package org.orrery.io.catalog;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orrery.model.UserError;

/**
 * {@link TextPieces}: the pieces cover the bytes once, in order, cut at line starts; a text catalog read in pieces on 1
 * to 4 threads gives the rows of the serial read (one piece, one thread) and reports the same first bad line (file,
 * line number, problem), whatever the piece size and wherever the bad lines fall.
 */
public class TextPiecesTest {
    @TempDir
    Path dir;

    @Test
    void piecesCoverTheBytesInOrderAtLineStarts() throws IOException {
        Path p = dir.resolve("c.txt");
        byte[] all = catalog(new SplittableRandom(3), 500, -1).getBytes(StandardCharsets.US_ASCII);
        Files.write(p, all);
        for (int piece : new int[] {1, 13, 100, 4096, 1 << 20}) {
            for (int threads = 1; threads <= 3; threads++) {
                ByteArrayOutputStream seen = new ByteArrayOutputStream();
                try (FileChannel ch = FileChannel.open(p);
                        TextPieces t = new TextPieces(ch, 0, all.length, piece, threads, (b, len, into) -> {
                            into.lines = len;
                            assertTrue(len == 0 || b[len - 1] == '\n', "a piece ends at a line end");
                        })) {
                    TextPieces.Piece x;
                    while ((x = t.take()) != null) {
                        seen.write(x.bytes, 0, (int) x.lines);
                    }
                }
                assertArrayEquals(all, seen.toByteArray(), "piece " + piece + ", " + threads + " threads");
            }
        }
    }

    @Test
    void piecesOnThreadsReadAsSerial() throws IOException {
        int[] cols = {0, 1, 2, 3};
        for (int trial = 0; trial < 6; trial++) {
            SplittableRandom r = new SplittableRandom(100 + trial);
            int bad = trial % 2 == 0 ? -1 : 1 + r.nextInt(1500);
            Path p = dir.resolve("t" + trial + ".txt");
            Files.writeString(p, catalog(r, 2000, bad), StandardCharsets.US_ASCII);
            String serial = read(p, cols, 1, Integer.MAX_VALUE);
            if (bad > 0) {
                assertTrue(serial.startsWith("ERROR " + p + " line " + bad + ": "), serial);
            } else {
                assertTrue(!serial.startsWith("ERROR"), serial);
            }
            for (int piece : new int[] {40, 333, 4096}) {
                for (int threads = 1; threads <= 4; threads++) {
                    assertEquals(serial, read(p, cols, threads, piece), p + ": piece " + piece + ", " + threads);
                }
            }
        }
    }

    /** Rows x y z w; from line {@code bad} on (1-based, -1: none) every 97th line has a field that is no number. */
    private static String catalog(SplittableRandom r, int n, int bad) {
        StringBuilder b = new StringBuilder();
        for (int i = 1; i <= n; i++) {
            if (bad > 0 && i >= bad && (i - bad) % 97 == 0) {
                b.append("1 2 x").append(i).append(" 4\n");
                continue;
            }
            if (r.nextInt(50) == 0) {
                b.append("# comment\n");
                continue;
            }
            for (int k = 0; k < 4; k++) {
                b.append(k == 0 ? "" : " ").append(r.nextDouble() * 999);
            }
            b.append('\n');
        }
        return b.toString();
    }

    private static String read(Path p, int[] cols, int threads, int piece) throws IOException {
        StringBuilder out = new StringBuilder();
        try (TextCatalog t = new TextCatalog(p, cols, 1000, threads, 0, Long.MAX_VALUE, 0, piece)) {
            double[] buf = new double[4 * 11];
            int n;
            while ((n = t.read(buf, 11)) > 0) {
                for (int i = 0; i < 4 * n; i++) {
                    out.append(Double.doubleToRawLongBits(buf[i])).append(' ');
                }
            }
            out.append("lines ").append(t.lines());
        } catch (UserError e) {
            return "ERROR " + e.getMessage();
        }
        return out.toString();
    }
}
