package org.orrery.apps.farm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import nom.tam.fits.Header;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orrery.io.fits.FitsImages;
import org.orrery.physics.image.RandomField;

/**
 * The farm's ledger and --resume (issue 13, item 6): an interrupted farm resumed with --resume redoes only what is
 * missing or damaged and ends with the table of an uninterrupted run.
 */
class FarmLedgerTest {
    @TempDir
    Path dir;

    private String inputs(int n) throws Exception {
        Path in = dir.resolve("in");
        Files.createDirectories(in);
        for (int i = 0; i < n; i++) {
            Header h = new Header();
            h.addValue("OBJECT", "ledger " + i, "");
            FitsImages.write(
                    in.resolve(String.format("img%02d.fits", i)),
                    17,
                    19,
                    RandomField.uniform(17, 19, 1000, 40 + i),
                    null,
                    h);
        }
        return in.toString();
    }

    private static List<String> ledgerLines(Path out) throws Exception {
        try (Stream<Path> s = Files.list(FarmLedger.dir(out.resolve("farm.csv")))) {
            return s.flatMap(p -> {
                        try {
                            return Files.readAllLines(p, StandardCharsets.UTF_8).stream()
                                    .skip(1);
                        } catch (java.io.IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    })
                    .toList();
        }
    }

    @Test
    void anInterruptedFarmResumesOnlyWhatIsMissingOrDamagedAndGivesTheUninterruptedTable() throws Exception {
        String in = inputs(6);
        Path out = dir.resolve("out");
        assertEquals(
                0,
                ImageFarmTest.farm(in, "-k", "3", "--ops", "highpass,stats", "-o", out.toString(), "-q")
                        .code());
        byte[] table = Files.readAllBytes(out.resolve("farm.csv"));
        byte[] fits = Files.readAllBytes(out.resolve("farm.fits"));
        byte[] hp1 = Files.readAllBytes(out.resolve("img01_hp3.fits"));
        assertEquals(6, ledgerLines(out).size(), "one ledger line per finished item");
        // As a kill leaves it: no table yet, one output truncated, one missing, one torn ledger line.
        Files.delete(out.resolve("farm.csv"));
        Files.delete(out.resolve("farm.fits"));
        Files.write(out.resolve("img01_hp3.fits"), Arrays.copyOf(hp1, hp1.length - 100));
        Files.delete(out.resolve("img04_hp3.fits"));
        try (Stream<Path> s = Files.list(FarmLedger.dir(out.resolve("farm.csv")))) {
            Path log = s.findFirst().orElseThrow();
            Files.writeString(log, "AAAA\tdeadbeef-torn", java.nio.file.StandardOpenOption.APPEND);
        }

        ImageFarmTest.Run r =
                ImageFarmTest.farm(in, "-k", "3", "--ops", "highpass,stats", "-o", out.toString(), "-q", "--resume");
        assertEquals(0, r.code(), r.err());
        assertEquals(2, r.result().processed(), "only the truncated and the missing output are redone");
        assertEquals(4, r.result().reused());
        assertArrayEquals(table, Files.readAllBytes(out.resolve("farm.csv")));
        assertArrayEquals(fits, Files.readAllBytes(out.resolve("farm.fits")));
        assertArrayEquals(hp1, Files.readAllBytes(out.resolve("img01_hp3.fits")));

        // A run without --resume starts a fresh ledger.
        ImageFarmTest.Run fresh =
                ImageFarmTest.farm(in, "-k", "3", "--ops", "highpass,stats", "-o", out.toString(), "-q");
        assertEquals(6, fresh.result().processed());
        assertEquals(6, ledgerLines(out).size());
    }

    @Test
    void aDamagedLineOrOutputIsNotTrusted() throws Exception {
        String in = inputs(1);
        Path out = dir.resolve("out");
        assertEquals(
                0, ImageFarmTest.farm(in, "-k", "3", "-o", out.toString(), "-q").code());
        String line = ledgerLines(out).get(0);
        assertEquals(
                "img00.fits",
                Path.of(FarmResume.intact(line).input()).getFileName().toString());
        assertNull(FarmResume.intact(line.substring(0, line.length() - 1)), "a torn line fails its checksum");
        Path hp = out.resolve("img00_hp3.fits");
        byte[] b = Files.readAllBytes(hp);
        b[b.length - 1] ^= 1;
        Files.write(hp, b);
        assertNull(FarmResume.intact(line), "an output with the right size but other bytes is redone");
        assertTrue(FarmResume.of(ImageFarmTest.config(in, "-k", "3", "-o", out.toString(), "--resume"))
                .files()
                .isEmpty());
    }
}
