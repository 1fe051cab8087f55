package org.orrery.io.catalog;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orrery.model.UserError;

public class CatalogReaderTest {
    @TempDir
    Path dir;

    private double[] readAll(Path p, List<String> cols, boolean w, double period) throws Exception {
        try (CatalogReader r = CatalogReader.open(p, cols, w, period)) {
            double[] buf = new double[4 * 100];
            int n = 0;
            int got;
            double[] chunk = new double[4 * 2];
            while ((got = r.read(chunk, 2)) > 0) {
                System.arraycopy(chunk, 0, buf, 4 * n, 4 * got);
                n += got;
            }
            return java.util.Arrays.copyOf(buf, 4 * n);
        }
    }

    /**
     * A text catalog read in parts ({@link CatalogReader#openPart} with the layout the whole-file reader found) gives
     * the whole file's rows in order, and its first bad line, renumbered with {@link CatalogReader#inPart}, the whole
     * file's error: header and comment lines before the data, CRLF ends, trailing spaces and commas, weights by name.
     */
    @Test
    void partsOfATextCatalogGiveTheWholeFilesRowsAndError() throws Exception {
        StringBuilder b = new StringBuilder("# made by a test\r\n\r\nid, w, x, y, z\r\n");
        java.util.SplittableRandom r = new java.util.SplittableRandom(3);
        for (int i = 0; i < 400; i++) {
            b.append(i).append(", ").append(r.nextDouble()).append(", ");
            b.append(String.format(java.util.Locale.ROOT, "%.9e %s\t%s ,  \r\n", r.nextDouble() * 9, i % 9, 0.25 * i));
            if (i % 50 == 7) {
                b.append("  # a comment\r\n");
            }
        }
        Path p = dir.resolve("parts.csv");
        Files.writeString(p, b);
        double[] whole = readAll(p, null, true, 0, 1000);
        CatalogReader.TextLayout layout;
        try (CatalogReader c = CatalogReader.open(p, null, true, 0)) {
            layout = c.textLayout();
        }
        assertEquals(3, layout.linesBefore());
        for (int parts = 1; parts <= 6; parts++) {
            double[] got = new double[0];
            for (int k = 0; k < parts; k++) {
                try (CatalogReader c = CatalogReader.openPart(p, layout, true, 0, 1 + k % 2, k, parts)) {
                    got = concat(got, drain(c));
                }
            }
            assertArrayEquals(whole, got, parts + " parts");
        }
        String text = b.toString().replace("\r\n117, ", "\r\n117, x");
        Files.writeString(p, text);
        try (CatalogReader c = CatalogReader.open(p, null, true, 0)) {
            layout = c.textLayout();
        }
        String want = assertThrows(UserError.class, () -> readAll(p, null, true, 0, 1000))
                .getMessage();
        int bad = text.indexOf("117, x0.") + 5;
        assertTrue(
                want.endsWith(
                        "line 124: field 2 '" + text.substring(bad, text.indexOf(',', bad)) + "' is not a number"),
                want);
        for (int parts = 2; parts <= 6; parts++) {
            long before = 0;
            String got = null;
            for (int k = 0; k < parts && got == null; k++) {
                CatalogReader c = CatalogReader.openPart(p, layout, true, 0, 1, k, parts);
                try (c) {
                    drain(c);
                    before += c.lines() - layout.linesBefore();
                } catch (UserError e) {
                    got = CatalogReader.inPart(e, before).getMessage();
                }
            }
            assertEquals(want, got, parts + " parts");
        }
    }

    private static double[] drain(CatalogReader c) {
        double[] out = new double[0];
        double[] chunk = new double[4 * 7];
        int got;
        while ((got = c.read(chunk, 7)) > 0) {
            out = concat(out, java.util.Arrays.copyOf(chunk, 4 * got));
        }
        return out;
    }

    private static double[] concat(double[] a, double[] b) {
        double[] c = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    private double[] readAll(Path p, List<String> cols, boolean w, double period, int max) throws Exception {
        try (CatalogReader c = CatalogReader.open(p, cols, w, period)) {
            double[] out = drain(c);
            assertTrue(out.length <= 4 * max);
            return out;
        }
    }

    @Test
    void textWithHeaderCommentsAndMixedSeparators() throws Exception {
        Path p = dir.resolve("c.csv");
        Files.writeString(p, "# comment\n\nid, z, y, x, weight\n7, 3, 2, 1, 0.5\n8,6 5 4 ,2\n  # another\n9 9 8 7 1\n");
        assertArrayEquals(new double[] {1, 2, 3, 0.5, 4, 5, 6, 2, 7, 8, 9, 1}, readAll(p, null, true, 0));
        assertArrayEquals(
                new double[] {7, 3, 2, 1, 8, 6, 5, 1, 9, 9, 8, 1}, readAll(p, List.of("1", "2", "y"), false, 0));
    }

    @Test
    void textWithoutHeaderUsesFirstColumns() throws Exception {
        Path p = dir.resolve("c.txt");
        Files.writeString(p, "1 2 3 4\n5 6 7 8\n");
        assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6, 7, 8}, readAll(p, null, true, 0));
        UserError e = assertThrows(UserError.class, () -> readAll(p, List.of("x", "y", "z"), false, 0));
        assertTrue(e.getMessage().contains("no column 'x'") && e.getMessage().contains("no header"), e.getMessage());
    }

    @Test
    void errorsNameFileAndLine() throws Exception {
        Path p = dir.resolve("bad.txt");
        Files.writeString(p, "1 2 3\n1 Infinity 3\n");
        UserError e = assertThrows(UserError.class, () -> readAll(p, null, false, 0));
        assertTrue(e.getMessage().endsWith("bad.txt line 2: y is Infinity"), e.getMessage());
        Files.writeString(p, "1 2 3\n1 2 x3\n");
        e = assertThrows(UserError.class, () -> readAll(p, null, false, 0));
        assertTrue(e.getMessage().contains("line 2: field 3 'x3' is not a number"), e.getMessage());
        Files.writeString(p, "1 2 3\n1 2 -0.5\n");
        e = assertThrows(UserError.class, () -> readAll(p, null, false, 10));
        assertTrue(
                e.getMessage().contains("line 2: point")
                        && e.getMessage().contains("outside the periodic box [0, 10.0)^3"),
                e.getMessage());
        e = assertThrows(UserError.class, () -> readAll(dir.resolve("none.txt"), null, false, 0));
        assertEquals("cannot read catalog " + dir.resolve("none.txt") + ": no such file", e.getMessage());
        e = assertThrows(UserError.class, () -> readAll(dir, null, false, 0));
        assertTrue(e.getMessage().contains("is a directory"), e.getMessage());
        e = assertThrows(UserError.class, () -> readAll(p, List.of("1", "2"), false, 0));
        assertTrue(e.getMessage().contains("needs 3 names"), e.getMessage());
    }

    @Test
    void fitsTablesAreReadInBlocksWithTheSameValues() throws Exception {
        try (CatalogReader r =
                CatalogReader.open(FitsColumnReaderTest.res("mixed.fits"), List.of("ra", "dec", "u", "b"), true, 0)) {
            assertTrue(r.blockReads(), "FITS columns of decodable types go through FitsColumnReader");
            double[] buf = new double[16];
            assertEquals(4, r.read(buf, 4));
            assertArrayEquals(
                    new double[] {10.5, -89.5, 0, 255, 20.25, 0.5, 1, 0, 359.75, 45.25, 65535, 1, 0, 90, 40000, 2},
                    buf);
        }
    }

    @Test
    void npyArraysAreReadInBlocksAndChecked() throws Exception {
        Path p = dir.resolve("pts.npy");
        Files.write(p, npy(new double[] {1, 2, 3, 0.5, 4, 5, 6, 2, 7, 8, Double.NaN, 1}, 3, 4));
        try (CatalogReader r = CatalogReader.open(p, null, true, 0)) {
            assertTrue(r.blockReads());
            double[] buf = new double[8];
            assertEquals(2, r.read(buf, 2));
            assertArrayEquals(new double[] {1, 2, 3, 0.5, 4, 5, 6, 2}, buf);
            UserError e = assertThrows(UserError.class, () -> r.read(buf, 2));
            assertTrue(e.getMessage().contains("pts.npy row 3: z is NaN"), e.getMessage());
        }
        try (CatalogReader r = CatalogReader.open(p, List.of("3", "2", "1"), false, 0)) {
            double[] buf = new double[4];
            assertEquals(1, r.read(buf, 1));
            assertArrayEquals(new double[] {3, 2, 1, 1}, buf);
        }
    }

    /** A C-order little-endian float64 .npy file (format 1.0) of {@code rows} × {@code cols} values. */
    public static byte[] npy(double[] v, int rows, int cols) {
        String dict = "{'descr': '<f8', 'fortran_order': False, 'shape': (" + rows + ", " + cols + "), }";
        int len = dict.length() + 1;
        int pad = (64 - (10 + len) % 64) % 64;
        String header = dict + " ".repeat(pad) + "\n";
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(10 + header.length() + 8 * v.length)
                .order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 0x93)
                .put("NUMPY".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                .put((byte) 1)
                .put((byte) 0);
        b.putShort((short) header.length()).put(header.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        for (double x : v) {
            b.putDouble(x);
        }
        return b.array();
    }

    @Test
    void notAFitsFileIsReportedClearly() throws Exception {
        Path p = dir.resolve("junk.fits");
        Files.writeString(p, "this is not FITS");
        UserError e = assertThrows(UserError.class, () -> readAll(p, null, false, 0));
        assertTrue(e.getMessage().contains("junk.fits"), e.getMessage());
    }
}
