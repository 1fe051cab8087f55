package org.orrery.io.fits;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import nom.tam.fits.BasicHDU;
import nom.tam.fits.Fits;
import nom.tam.fits.Header;
import nom.tam.util.FitsOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FitsImagesTest {
    @TempDir
    Path dir;

    static final int NY = 3;
    static final int NX = 4;

    /** A stored-value kernel of the given BITPIX, values 0..11 (plus offset for signed types). */
    static Object kernel(int bitpix) {
        Object k =
                switch (bitpix) {
                    case 8 -> new byte[NY][NX];
                    case 16 -> new short[NY][NX];
                    case 32 -> new int[NY][NX];
                    case 64 -> new long[NY][NX];
                    case -32 -> new float[NY][NX];
                    default -> new double[NY][NX];
                };
        for (int y = 0; y < NY; y++) {
            for (int x = 0; x < NX; x++) {
                int v = 10 * y + x + 1;
                switch (bitpix) {
                    case 8 -> ((byte[][]) k)[y][x] = (byte) (v + 200); // unsigned in FITS: 201..
                    case 16 -> ((short[][]) k)[y][x] = (short) (v - 20);
                    case 32 -> ((int[][]) k)[y][x] = v * 100000;
                    case 64 -> ((long[][]) k)[y][x] = v;
                    case -32 -> ((float[][]) k)[y][x] = v + 0.25f;
                    default -> ((double[][]) k)[y][x] = v + 1.0 / 3;
                }
            }
        }
        return k;
    }

    static double stored(int bitpix, int y, int x) {
        int v = 10 * y + x + 1;
        return switch (bitpix) {
            case 8 -> v + 200;
            case 16 -> v - 20;
            case 32 -> v * 100000.0;
            case 64 -> v;
            case -32 -> v + 0.25f;
            default -> v + 1.0 / 3;
        };
    }

    Path writeRaw(String name, Object kernel, double bscale, double bzero, boolean inExtension) throws Exception {
        Path p = dir.resolve(name);
        try (Fits f = new Fits();
                FitsOutputStream out = new FitsOutputStream(Files.newOutputStream(p))) {
            if (inExtension) {
                f.addHDU(Fits.makeHDU(new nom.tam.fits.ImageData()));
            }
            BasicHDU<?> hdu = Fits.makeHDU(kernel);
            Header h = hdu.getHeader();
            if (bscale != 1.0 || bzero != 0.0) {
                h.addValue("BSCALE", bscale, "");
                h.addValue("BZERO", bzero, "");
            }
            h.addValue("OBJECT", "M31 test", "a descriptive card");
            f.addHDU(hdu);
            f.write(out);
        }
        return p;
    }

    @ParameterizedTest
    @ValueSource(ints = {8, 16, 32, 64, -32, -64})
    void everyBitpixRoundTripsWithScaling(int bitpix) throws Exception {
        for (boolean scaled : new boolean[] {false, true}) {
            double bscale = scaled ? 0.5 : 1.0;
            double bzero = scaled ? 1000.0 : 0.0;
            Path p = writeRaw("b" + bitpix + scaled + ".fits", kernel(bitpix), bscale, bzero, false);
            FitsImage img = FitsImages.read(p);
            assertEquals(NY, img.ny());
            assertEquals(NX, img.nx());
            assertEquals(bitpix, img.bitpix());
            assertEquals(scaled, img.scaled());
            for (int y = 0; y < NY; y++) {
                for (int x = 0; x < NX; x++) {
                    assertEquals(stored(bitpix, y, x) * bscale + bzero, img.data()[y * NX + x], "bitpix " + bitpix);
                }
            }
            assertEquals(bitpix == -32 && !scaled, img.isFloat32());
            // write as float64 / float32 and read back: identical values, header kept, history added
            Path out = dir.resolve("out" + bitpix + scaled + ".fits");
            FitsImages.write(out, img.ny(), img.nx(), img.data(), img.floatData(), img.header(), "orrery test history");
            FitsImage back = FitsImages.read(out);
            assertArrayEquals(img.data(), back.data());
            assertEquals(img.isFloat32() ? -32 : -64, back.bitpix());
            assertEquals("M31 test", back.header().getStringValue("OBJECT"));
            assertFalse(back.header().containsKey("BSCALE"));
            assertTrue(back.header().findCards("HISTORY").length >= 1);
            assertTrue(Arrays.stream(back.header().findCards("HISTORY"))
                    .anyMatch(c -> c.toString().contains("orrery test history")));
        }
    }

    /**
     * Float images of a plain file are read straight from the data unit ({@link DirectPixels}); a gzip copy goes
     * through nom-tam-fits' decoder. Both must give the same bits, signed zeros, infinities and NaN payloads included.
     */
    @ParameterizedTest
    @ValueSource(ints = {-32, -64})
    void directFloatPixelsEqualNomTamDecodingBitForBit(int bitpix) throws Exception {
        int ny = 37;
        int nx = 53;
        java.util.SplittableRandom rng = new java.util.SplittableRandom(bitpix);
        double[] specials = {-0.0, 0.0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.MIN_VALUE, 1e300};
        Object kernel = bitpix == -32 ? new float[ny][nx] : new double[ny][nx];
        for (int y = 0; y < ny; y++) {
            for (int x = 0; x < nx; x++) {
                double v = rng.nextInt(10) == 0 ? specials[rng.nextInt(specials.length)] : rng.nextGaussian() * 1e3;
                if (bitpix == -32) {
                    ((float[][]) kernel)[y][x] = y == 5 && x == 7 ? Float.intBitsToFloat(0x7fc00123) : (float) v;
                } else {
                    ((double[][]) kernel)[y][x] = v;
                }
            }
        }
        for (boolean scaled : new boolean[] {false, true}) {
            Path plain =
                    writeRaw("d" + bitpix + scaled + ".fits", kernel, scaled ? 0.1 : 1.0, scaled ? -7.0 : 0.0, true);
            Path gz = dir.resolve("d" + bitpix + scaled + ".fits.gz");
            try (java.io.OutputStream o = new java.util.zip.GZIPOutputStream(Files.newOutputStream(gz))) {
                Files.copy(plain, o);
            }
            try (Fits f = new Fits(plain.toFile())) {
                f.readHDU(); // the empty primary
                BasicHDU<?> image = f.readHDU();
                assertTrue(DirectPixels.read(plain, image.getData(), (long) ny * nx, bitpix) != null, "direct path");
            }
            FitsImage direct = FitsImages.read(plain);
            FitsImage decoded = FitsImages.read(gz);
            assertEquals(decoded.hdu(), direct.hdu());
            assertEquals(decoded.isFloat32(), direct.isFloat32());
            assertArrayEquals(
                    Arrays.stream(decoded.data())
                            .mapToLong(Double::doubleToRawLongBits)
                            .toArray(),
                    Arrays.stream(direct.data())
                            .mapToLong(Double::doubleToRawLongBits)
                            .toArray());
            if (direct.isFloat32()) {
                for (int i = 0; i < ny * nx; i++) {
                    assertEquals(
                            Float.floatToRawIntBits(decoded.floatData()[i]),
                            Float.floatToRawIntBits(direct.floatData()[i]));
                }
            }
        }
    }

    @Test
    void imageInFirstExtensionIsFoundWhenPrimaryIsEmpty() throws Exception {
        Path p = writeRaw("ext.fits", kernel(-64), 1.0, 0.0, true);
        FitsImage img = FitsImages.read(p);
        assertEquals(1, img.hdu());
        assertEquals(stored(-64, 2, 3), img.data()[2 * NX + 3]);
        // y is the row (NAXIS2), x the column (NAXIS1)
        assertEquals(NX, img.header().getIntValue("NAXIS1"));
    }

    @Test
    void blankIntegerPixelsBecomeNan() throws Exception {
        short[][] k = (short[][]) kernel(16);
        k[1][2] = -999;
        Path p = dir.resolve("blank.fits");
        try (Fits f = new Fits();
                FitsOutputStream out = new FitsOutputStream(Files.newOutputStream(p))) {
            BasicHDU<?> hdu = Fits.makeHDU(k);
            hdu.getHeader().addValue("BLANK", -999, "");
            f.addHDU(hdu);
            f.write(out);
        }
        FitsImage img = FitsImages.read(p);
        assertTrue(Double.isNaN(img.data()[1 * NX + 2]));
        assertEquals(stored(16, 0, 0), img.data()[0]);
    }

    @Test
    void brokenFilesFailWithAClearReason() throws Exception {
        Path good = writeRaw("good.fits", kernel(-64), 1.0, 0.0, false);
        byte[] bytes = Files.readAllBytes(good);
        Path truncated = dir.resolve("truncated.fits");
        Files.write(truncated, Arrays.copyOf(bytes, 2880 + 40));
        Path garbage = dir.resolve("garbage.fits");
        Files.writeString(garbage, "this is not a FITS file at all\n".repeat(200));
        Path empty = dir.resolve("empty.fits");
        Files.write(empty, new byte[0]);
        Path table = dir.resolve("table.fits");
        try (Fits f = new Fits();
                FitsOutputStream out = new FitsOutputStream(Files.newOutputStream(table))) {
            f.addHDU(Fits.makeHDU(new nom.tam.fits.ImageData()));
            f.addHDU(Fits.makeHDU(nom.tam.fits.BinaryTable.fromColumnMajor(new Object[] {new double[] {1, 2, 3}})));
            f.write(out);
        }
        String[][] cases = {
            {"missing.fits", "no such file"},
            {"truncated.fits", "truncated"},
            {"garbage.fits", "FITS"},
            {"empty.fits", "empty file"},
            {"table.fits", "no image data"},
        };
        for (String[] c : cases) {
            IOException e = assertThrows(IOException.class, () -> FitsImages.read(dir.resolve(c[0])), c[0]);
            assertTrue(e.getMessage() != null && e.getMessage().contains(c[1]), c[0] + ": " + e.getMessage());
            assertFalse(e.getMessage().contains("\n"), c[0]);
        }
    }

    @Test
    void writesAreUncompressedAndAtomic() throws Exception {
        Path out = dir.resolve("x.fits");
        double[] d = {1, 2, 3, 4, 5, 6};
        FitsImages.write(out, 2, 3, d, null, null, "h");
        assertEquals(2880 * 2, Files.size(out)); // one header block, one data block
        try (var s = Files.list(dir)) {
            assertEquals(1, s.count(), "no temporary files left");
        }
        FitsImage back = FitsImages.read(out);
        assertArrayEquals(d, back.data());
        assertNull(back.floatData());
    }

    @Test
    void gzipMosaicIsRefusedNotReadAsItsFirstImage(@TempDir Path dir) throws Exception {
        Path plain = dir.resolve("m.fits");
        MosaicFits.write(
                plain,
                3,
                3,
                16,
                8,
                k -> org.orrery.physics.image.MosaicGenerator.ccd(3, k, 3, 16, 8),
                MefWriter.Compression.NONE);
        Path gz = dir.resolve("m.fits.gz");
        try (java.io.OutputStream out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(gz))) {
            Files.copy(plain, out);
        }
        IOException e = assertThrows(IOException.class, () -> FitsImages.read(gz));
        assertTrue(
                e.getMessage().startsWith("gzip-compressed file with several images (HDU 1 and HDU 2"), e.getMessage());
        // one image behind an empty primary, gzip-compressed: read as before
        Path one = dir.resolve("one.fits");
        MosaicFits.write(
                one,
                3,
                1,
                16,
                8,
                k -> org.orrery.physics.image.MosaicGenerator.ccd(3, k, 1, 16, 8),
                MefWriter.Compression.NONE);
        Path oneGz = dir.resolve("one.fits.gz");
        try (java.io.OutputStream out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(oneGz))) {
            Files.copy(one, out);
        }
        assertArrayEquals(FitsImages.read(one).data(), FitsImages.read(oneGz).data());
        assertEquals(16, FitsImages.read(oneGz).ny());
    }
}
