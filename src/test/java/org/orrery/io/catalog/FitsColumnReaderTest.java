package org.orrery.io.catalog;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orrery.model.UserError;

/** A table written by astropy (after an image primary HDU, with string and vector columns) read back exactly. */
class FitsColumnReaderTest {
    static Path res(String name) {
        return Path.of("src", "test", "resources", "fits-columns", name);
    }

    static double[][] readAll(FitsColumnReader r, int[] cols, int chunk) {
        double[][] out = new double[cols.length][(int) r.rows()];
        double[][] buf = new double[cols.length][chunk];
        int at = 0;
        for (int n = r.read(cols, buf, chunk); n > 0; n = r.read(cols, buf, chunk)) {
            for (int k = 0; k < cols.length; k++) {
                System.arraycopy(buf[k], 0, out[k], at, n);
            }
            at += n;
        }
        assertEquals(r.rows(), at);
        return out;
    }

    @Test
    void everyScalarNumericTypeAndTzero() throws IOException {
        try (FitsColumnReader r = FitsColumnReader.open(res("mixed.fits"))) {
            assertEquals(4, r.rows());
            assertEquals(List.of("RA", "name", "Dec", "vec", "Z", "N", "U", "B", "J"), r.names());
            String[] want = {"ra", "DEC", "z", "n", "u", "b", "9"};
            int[] cols = new int[want.length];
            for (int k = 0; k < want.length; k++) {
                cols[k] = r.column(want[k]);
            }
            double[][] v = readAll(r, cols, 3);
            assertArrayEquals(new double[] {10.5, 20.25, 359.75, 0}, v[0]);
            assertArrayEquals(new double[] {-89.5, 0.5, 45.25, 90}, v[1]);
            assertArrayEquals(new double[] {0.1, 0.2, 0.3, 1e-3}, v[2]);
            assertArrayEquals(new double[] {-3, 7, 9007199254740992.0, 0}, v[3]);
            assertArrayEquals(new double[] {0, 1, 65535, 40000}, v[4]);
            assertArrayEquals(new double[] {255, 0, 1, 2}, v[5]);
            assertArrayEquals(new double[] {Integer.MIN_VALUE, 5, Integer.MAX_VALUE, 0}, v[6]);
            assertTrue(assertThrows(UserError.class, () -> r.column("vec"))
                    .getMessage()
                    .contains("TFORM 2D"));
            assertTrue(assertThrows(UserError.class, () -> r.column("name"))
                    .getMessage()
                    .contains("TFORM 5A"));
            assertTrue(assertThrows(UserError.class, () -> r.column("W"))
                    .getMessage()
                    .contains("mixed.fits"));
        }
    }

    @Test
    void badFilesNameTheFile(@TempDir Path tmp) throws IOException {
        assertTrue(assertThrows(UserError.class, () -> FitsColumnReader.open(res("image_only.fits")))
                .getMessage()
                .contains("no binary-table extension"));
        Path txt = tmp.resolve("x.fits");
        Files.writeString(txt, "x".repeat(3000));
        assertTrue(assertThrows(UserError.class, () -> FitsColumnReader.open(txt))
                .getMessage()
                .contains("x.fits"));
        byte[] whole = Files.readAllBytes(res("mixed.fits"));
        Path cut = tmp.resolve("cut.fits");
        Files.write(cut, java.util.Arrays.copyOf(whole, whole.length - 2880));
        assertTrue(assertThrows(UserError.class, () -> FitsColumnReader.open(cut))
                .getMessage()
                .contains("truncated"));
    }
}
