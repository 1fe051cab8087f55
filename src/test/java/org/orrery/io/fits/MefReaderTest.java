package org.orrery.io.fits;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orrery.model.UserError;

/** mef.fits (astropy): listing, per-HDU pixels, and damage that stays inside one extension. */
class MefReaderTest {
    static final Path MEF = TileDecompressorTest.DIR.resolve("mef.fits");

    /** rows y0..y1, columns x0..x1 of a 90-wide original. */
    static double[] cut(double[] img, int y0, int y1, int x0, int x1, double add) {
        double[] out = new double[(y1 - y0) * (x1 - x0)];
        int k = 0;
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                out[k++] = img[y * 90 + x] + add;
            }
        }
        return out;
    }

    @Test
    void listsImageHdusWithNamesAndSizes() throws IOException {
        try (MefReader r = MefReader.open(MEF)) {
            assertEquals(6, r.hdus().size());
            List<HduInfo> im = r.images();
            assertEquals(List.of(1, 3, 4, 5), im.stream().map(HduInfo::index).toList());
            assertEquals(
                    List.of("CCD", "CCD", "CCD", "SCI"),
                    im.stream().map(HduInfo::extname).toList());
            assertEquals(List.of(1, 2, 3, 1), im.stream().map(HduInfo::extver).toList());
            assertEquals(List.of(40, 40, 25, 35), im.stream().map(HduInfo::nx).toList());
            assertEquals(List.of(30, 30, 20, 25), im.stream().map(HduInfo::ny).toList());
            assertEquals(HduInfo.Kind.COMPRESSED, im.get(1).kind());
            assertEquals("CAT", r.hdus().get(2).extname());
            assertEquals("fixture mosaic", r.hdus().get(0).header().getString("OBJECT", ""));
            assertEquals(1.5, im.get(0).header().getDouble("GAIN", 0), 0);
            im.forEach(h -> assertNull(h.problem()));
        }
    }

    @Test
    void readsEachHduLikeAstropy() throws IOException {
        double[] i16 = TileDecompressorTest.pixels(TileDecompressorTest.DIR.resolve("orig_i16.fits"));
        double[] f32 = TileDecompressorTest.pixels(TileDecompressorTest.DIR.resolve("orig_f32.fits"));
        try (MefReader r = MefReader.open(MEF)) {
            List<HduInfo> im = r.images();
            assertArrayEquals(cut(i16, 0, 30, 0, 40, 0), r.read(im.get(0)).data());
            assertArrayEquals(cut(i16, 30, 60, 40, 80, 0), r.read(im.get(1)).data());
            double[] u16 = cut(i16, 0, 20, 0, 25, 30000);
            for (int i = 0; i < u16.length; i++) {
                u16[i] = Math.floorMod((int) u16[i], 65536); // numpy's astype(uint16) wraps
            }
            assertArrayEquals(u16, r.read(im.get(2)).data()); // uint16 via BZERO = 32768
            double[] sci = r.read(im.get(3)).data();
            double[] want = cut(f32, 0, 25, 0, 35, 0);
            for (int i = 0; i < sci.length; i++) {
                assertEquals(Double.doubleToLongBits(want[i]), Double.doubleToLongBits(sci[i]));
            }
            UserError e = assertThrows(UserError.class, () -> r.read(r.hdus().get(2)));
            assertTrue(e.getMessage().contains("HDU 2"));
        }
    }

    @Test
    void plainImagesEqualNomTamReader() throws IOException {
        for (String n : List.of("orig_i16.fits", "orig_i32.fits", "orig_f32.fits", "orig_f64.fits", "bkg_in.fits")) {
            Path p = TileDecompressorTest.DIR.resolve(n);
            FitsImage ref = FitsImages.read(p);
            double[] got = TileDecompressorTest.pixels(p);
            for (int i = 0; i < got.length; i++) {
                assertEquals(Double.doubleToLongBits(ref.data()[i]), Double.doubleToLongBits(got[i]), n + " " + i);
            }
        }
    }

    private static Path damaged(Path dir, long at, byte[] junk, long truncateTo) throws IOException {
        Path p = dir.resolve("damaged.fits");
        Files.copy(MEF, p);
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.WRITE)) {
            if (junk != null) {
                ch.write(ByteBuffer.wrap(junk), at);
            }
            if (truncateTo > 0) {
                ch.truncate(truncateTo);
            }
        }
        return p;
    }

    @Test
    void corruptCompressedTilesFailOnlyThatExtension(@TempDir Path dir) throws IOException {
        HduInfo comp;
        try (MefReader r = MefReader.open(MEF)) {
            comp = r.images().get(1);
        }
        byte[] junk = new byte[8 * comp.ny()]; // the tile descriptors: every tile now points outside the heap
        Arrays.fill(junk, (byte) 0x5A);
        Path p = damaged(dir, comp.dataStart(), junk, 0);
        try (MefReader r = MefReader.open(p)) {
            List<HduInfo> im = r.images();
            assertEquals(4, im.size());
            UserError e = assertThrows(UserError.class, () -> r.read(im.get(1)));
            assertTrue(e.getMessage().contains("HDU 3 (CCD,2)"), e.getMessage());
            for (int k : new int[] {0, 2, 3}) {
                assertNotNull(r.read(im.get(k)).data());
            }
        }
    }

    @Test
    void truncatedLastExtensionIsReportedOthersRead(@TempDir Path dir) throws IOException {
        HduInfo last;
        try (MefReader r = MefReader.open(MEF)) {
            last = r.images().get(3);
        }
        Path p = damaged(dir, 0, null, last.dataStart() + 100);
        try (MefReader r = MefReader.open(p)) {
            List<HduInfo> im = r.images();
            assertEquals(4, im.size());
            assertTrue(im.get(3).problem().contains("truncated"));
            UserError e = assertThrows(UserError.class, () -> r.read(im.get(3)));
            assertTrue(e.getMessage().contains("HDU 5 (SCI,1)"), e.getMessage());
            assertEquals(1200, r.read(im.get(0)).data().length);
            assertEquals(1200, r.read(im.get(1)).data().length);
        }
    }

    @Test
    void badHeaderValueFailsThatHduOnly(@TempDir Path dir) throws IOException {
        HduInfo first;
        try (MefReader r = MefReader.open(MEF)) {
            first = r.images().get(0);
        }
        // make HDU 1's EXTVER unreadable (its size stays known, so later HDUs are still found)
        long headerStart = first.dataStart() - FitsHeader.BLOCK;
        int card = first.header()
                .cards()
                .indexOf(first.header().cards().stream()
                        .filter(c -> FitsHeader.key(c).equals("EXTVER"))
                        .findFirst()
                        .orElseThrow());
        String bad = FitsHeader.card("EXTVER", "one", null);
        byte[] card80 = (bad + " ".repeat(80 - bad.length())).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        Path p = damaged(dir, headerStart + 80L * card, card80, 0);
        try (MefReader r = MefReader.open(p)) {
            List<HduInfo> im = r.images();
            assertEquals(4, im.size());
            assertTrue(im.get(0).problem().contains("EXTVER"), im.get(0).problem());
            assertThrows(UserError.class, () -> r.read(im.get(0)));
            assertEquals(1200, r.read(im.get(1)).data().length);
        }
    }

    @Test
    void datasumCatchesSilentDamage(@TempDir Path dir) throws IOException {
        Path src = TileDecompressorTest.DIR.resolve("mef_checksum.fits");
        HduInfo ccd1;
        try (MefReader r = MefReader.open(src)) {
            assertEquals(2, r.images().size());
            for (HduInfo h : r.images()) {
                assertNotNull(r.read(h).data()); // astropy's DATASUM values verify
            }
            ccd1 = r.images().get(0);
        }
        Path p = dir.resolve("flipped.fits");
        Files.copy(src, p);
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer one = ByteBuffer.allocate(1);
            ch.read(one, ccd1.dataStart() + 101);
            one.put(0, (byte) (one.get(0) ^ 0x10)).rewind();
            ch.write(one, ccd1.dataStart() + 101); // a plausible pixel value: only the checksum can tell
        }
        try (MefReader r = MefReader.open(p)) {
            UserError e = assertThrows(UserError.class, () -> r.read(r.images().get(0)));
            assertTrue(
                    e.getMessage().contains("HDU 1 (CCD,1)") && e.getMessage().contains("DATASUM"), e.getMessage());
            assertEquals(1200, r.read(r.images().get(1)).data().length);
        }
    }

    @Test
    void notFitsIsOneError(@TempDir Path dir) throws IOException {
        Path p = dir.resolve("x.fits");
        Files.write(p, new byte[5760]);
        UserError e = assertThrows(UserError.class, () -> MefReader.open(p).close());
        assertTrue(e.getMessage().contains("not a FITS file"));
    }
}
