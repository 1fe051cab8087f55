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
import org.orrery.bench.LoadBench;
import org.orrery.model.UserError;

/** .npy files written by numpy 2.4 (src/test/resources/npy) and by this test read back exactly. */
class NpyReaderTest {
    static Path res(String name) {
        return Path.of("src", "test", "resources", "npy", name);
    }

    static double[][] readAll(NpyReader r, int[] cols, int chunk) {
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
    void cOrderAndFortranOrderBigEndianGiveTheSameColumns() throws IOException {
        double[] c2 = {-2.5, 2, 6.5, 11, 15.5};
        try (NpyReader r = NpyReader.open(res("c_f8.npy"))) {
            assertEquals(5, r.rows());
            assertEquals(List.of("1", "2", "3"), r.names());
            double[][] v = readAll(r, new int[] {r.column("2"), r.column("3")}, 2);
            assertArrayEquals(c2, v[0]);
            assertArrayEquals(new double[] {-1, 3.5, 8, 12.5, 17}, v[1]);
        }
        try (NpyReader r = NpyReader.open(res("fortran_be_f4.npy"))) {
            assertArrayEquals(c2, readAll(r, new int[] {1}, 3)[0]);
        }
    }

    @Test
    void structuredFieldsByNameWithMixedTypesAndByteOrders() throws IOException {
        try (NpyReader r = NpyReader.open(res("structured.npy"))) {
            assertEquals(List.of("RA", "dec", "z", "n", "flag"), r.names());
            double[][] v = readAll(
                    r, new int[] {r.column("ra"), r.column("DEC"), r.column("z"), r.column("n"), r.column("flag")}, 3);
            assertArrayEquals(new double[] {10.5, 20.25, 359.75, 0}, v[0]);
            assertArrayEquals(new double[] {-89.5, 0.5, 45.25, 90}, v[1]);
            assertArrayEquals(new double[] {0.1, 0.2, 0.3, 1e-3}, v[2]);
            assertArrayEquals(new double[] {-3, 7, Integer.MAX_VALUE, 0}, v[3]);
            assertArrayEquals(new double[] {255, 0, 1, 2}, v[4]);
            UserError e = assertThrows(UserError.class, () -> r.column("redshift"));
            assertTrue(
                    e.getMessage().contains("structured.npy") && e.getMessage().contains("redshift"), e.getMessage());
        }
    }

    @Test
    void versionTwoHeaderAndIntegers() throws IOException {
        try (NpyReader r = NpyReader.open(res("v2_i8.npy"))) {
            assertArrayEquals(new double[] {1, -2, 9007199254740992.0}, readAll(r, new int[] {0}, 10)[0]);
        }
    }

    @Test
    void badFilesNameTheFile(@TempDir Path tmp) throws IOException {
        for (String f : new String[] {"not_npy.npy", "complex.npy"}) {
            UserError e = assertThrows(UserError.class, () -> NpyReader.open(res(f)));
            assertTrue(e.getMessage().contains(f), e.getMessage());
        }
        assertTrue(assertThrows(UserError.class, () -> NpyReader.open(tmp.resolve("missing.npy")))
                .getMessage()
                .contains("no such file"));
        byte[] whole = Files.readAllBytes(res("c_f8.npy"));
        Path cut = tmp.resolve("cut.npy");
        Files.write(cut, java.util.Arrays.copyOf(whole, whole.length - 8));
        assertTrue(assertThrows(UserError.class, () -> NpyReader.open(cut))
                .getMessage()
                .contains("truncated"));
    }

    /** A large file written here (the format by hand), read in chunks smaller than the buffer. */
    @Test
    void largeFileRoundTrips(@TempDir Path tmp) throws IOException {
        int n = 300_000;
        double[][] c = new double[3][n];
        for (int i = 0; i < n; i++) {
            c[0][i] = i;
            c[1][i] = -i * 0.5;
            c[2][i] = Math.sqrt(i);
        }
        Path f = LoadBench.writeNpy(tmp.resolve("big.npy"), c); // C order, (n, 3), little-endian float64
        try (NpyReader r = NpyReader.open(f)) {
            double[][] v = readAll(r, new int[] {2, 0}, 100_000);
            for (int i = 0; i < n; i += 997) {
                assertEquals(Math.sqrt(i), v[0][i]);
                assertEquals(i, v[1][i]);
            }
        }
        try (CatalogReader cr = CatalogReader.open(f, List.of(), false, 0, 1)) {
            assertEquals(n, cr.expectedRows(), "a reader presizes its points from the header instead of growing them");
        }
    }
}
