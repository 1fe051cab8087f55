package org.orrery.apps.farm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orrery.io.fits.MefWriter;
import org.orrery.io.fits.MosaicFits;
import org.orrery.parallel.SerialComm;
import org.orrery.parallel.StopSignals;
import org.orrery.physics.image.MosaicGenerator;

/**
 * --resume of a farm on multi-extension files (one rank): a preempted run keeps the ledgered part images of the
 * extensions it finished, and --resume redoes only the extensions whose parts are missing or damaged; after the mirrors
 * are assembled, a file whose mirrors are intact is reused whole and one whose mirror is damaged is redone whole. Each
 * resumed run ends with the table and mirrors of an uninterrupted run, byte for byte.
 */
class FarmMefResumeTest {
    static final int CCDS = 4;
    static final String[] FILES = {"a.fits", "b.fits", "c.fits.fz", "bad.fits"};

    @TempDir
    Path dir;

    @AfterEach
    void forgetSignal() {
        StopSignals.reset();
    }

    /** Three mosaics of 4 CCDs (one RICE-compressed) and one whose CCD 3 has damaged data. */
    private String inputs() throws Exception {
        Path in = dir.resolve("in");
        Files.createDirectories(in);
        for (int f = 0; f < FILES.length; f++) {
            long seed = 11L + f;
            MosaicFits.write(
                    in.resolve(FILES[f]),
                    seed,
                    CCDS,
                    96,
                    64,
                    k -> MosaicGenerator.ccd(seed, k, CCDS, 96, 64),
                    FILES[f].endsWith(".fz") ? MefWriter.Compression.LOSSLESS : MefWriter.Compression.NONE);
        }
        Path bad = in.resolve("bad.fits");
        byte[] b = Files.readAllBytes(bad);
        int at = new String(b, StandardCharsets.ISO_8859_1).indexOf("HISTORY synthetic CCD 3 of " + CCDS);
        System.arraycopy(String.format("%-80s", "DATASUM = '12345'").getBytes(StandardCharsets.US_ASCII), 0, b, at, 80);
        Files.write(bad, b);
        return in.toString();
    }

    private String[] args(String in, Path out, String... more) {
        List<String> a = new ArrayList<>(List.of(
                in,
                "--ops",
                "highpass,clipstats,background",
                "-k",
                "3",
                "--box",
                "32",
                "--exclude-percentile",
                "50", // small crowded CCDs: every 32x32 box has more than 10 % clipped pixels
                "-o",
                out.toString(),
                "-q"));
        a.addAll(List.of(more));
        return a.toArray(String[]::new);
    }

    /** Table, FITS table and every mirror of the run in {@code out}. */
    private static List<byte[]> files(Path out) throws Exception {
        List<byte[]> f = new ArrayList<>();
        f.add(Files.readAllBytes(out.resolve("farm.csv")));
        f.add(Files.readAllBytes(out.resolve("farm.fits")));
        for (String name : FILES) {
            String stem = name.substring(0, name.indexOf('.'));
            f.add(Files.readAllBytes(out.resolve(stem + "_hp3.fits")));
            f.add(Files.readAllBytes(out.resolve(stem + "_bkgsub.fits")));
        }
        return f;
    }

    private static void assertSameFiles(List<byte[]> want, List<byte[]> got) {
        for (int i = 0; i < want.size(); i++) {
            assertArrayEquals(want.get(i), got.get(i), "file " + i);
        }
    }

    private static List<Path> parts(Path out) throws Exception {
        try (Stream<Path> s = Files.list(out.resolve(".farm-parts"))) {
            return s.sorted().toList();
        }
    }

    @Test
    void preemptedMosaicRunResumesFromItsPartsThenFromItsMirrors() throws Exception {
        String in = inputs();
        Path out = dir.resolve("out");
        ImageFarmTest.Run straight = ImageFarmTest.farm(args(in, out));
        assertEquals(3, straight.code(), straight.err()); // CCD 3 of bad.fits fails
        List<byte[]> want = files(out);

        // Preempted after 6 extensions (a fresh run, not --resume): the parts stay, ledgered; no mirrors, no table.
        for (String f : new String[] {"farm.csv", "farm.fits", "a_hp3.fits", "a_bkgsub.fits"}) {
            Files.delete(out.resolve(f));
        }
        int[] seen = {0};
        FarmResult stopped = FarmJob.run(new SerialComm(), ImageFarmTest.config(args(in, out)), new FarmJob.Events() {
            @Override
            public void record(FarmRecord r) {
                if (++seen[0] == 6) {
                    StopSignals.received("SIGUSR1");
                }
            }
        });
        assertNotNull(stopped.stoppedBy());
        int done = stopped.processed();
        assertTrue(done >= 6 && done < 4 * CCDS, "stopped part-way: " + done);
        assertFalse(Files.exists(out.resolve("a_hp3.fits")), "no mirror is assembled by a preempted run");
        List<Path> parts = parts(out);
        assertEquals(2 * done, parts.size(), "two parts (hp3, bkgsub) per finished extension");
        StopSignals.reset();

        // One part damaged (same size, other bytes): that extension alone is redone.
        Path damaged = parts.get(0);
        byte[] p = Files.readAllBytes(damaged);
        p[p.length - 1] ^= 1;
        Files.write(damaged, p);
        ImageFarmTest.Run resumed = ImageFarmTest.farm(args(in, out, "--resume"));
        assertEquals(3, resumed.code(), resumed.err());
        assertEquals(done - 1, resumed.result().reused());
        assertEquals(4 * CCDS - done + 1, resumed.result().processed());
        assertSameFiles(want, files(out));
        assertFalse(Files.exists(out.resolve(".farm-parts")), "parts are gone once the mirrors are assembled");

        // After assembly: intact mirrors are reused whole (not rewritten); a damaged mirror's file is redone whole,
        // and so is the file with a failed extension (its other extensions' pixels are only in its mirror).
        Path b = out.resolve("b_bkgsub.fits");
        byte[] mirror = Files.readAllBytes(b);
        mirror[mirror.length / 2] ^= 1;
        Files.write(b, mirror);
        long aTime = Files.getLastModifiedTime(out.resolve("a_bkgsub.fits")).toMillis();
        Thread.sleep(20);
        ImageFarmTest.Run again = ImageFarmTest.farm(args(in, out, "--resume"));
        assertEquals(3, again.code(), again.err());
        assertEquals(2 * CCDS, again.result().processed(), "b.fits and bad.fits are redone");
        assertEquals(2 * CCDS, again.result().reused(), "a.fits and c.fits.fz are reused whole");
        assertEquals(
                aTime, Files.getLastModifiedTime(out.resolve("a_bkgsub.fits")).toMillis(), "a's mirror kept");
        assertSameFiles(want, files(out));
    }
}
