package org.orrery.apps;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orrery.apps.common.Programs;
import org.orrery.apps.common.SpmdProgram;
import org.orrery.apps.decay.DecayCommand;
import org.orrery.apps.farm.ImageFarmCommand;
import org.orrery.apps.genimages.GenImagesCommand;
import org.orrery.apps.paircount.PairCountCommand;
import org.orrery.io.OutputLock;

/**
 * Every program that writes an output directory owns it for the run (issue 13, item 2): a live run's directory is
 * refused with one line and exit 1; a dead run's stale lock is taken over with a notice; the lock is gone after the
 * run. And decay's and gen-images' files appear together (item 7): a run that fails at the end leaves the previous
 * run's files untouched and no partial new ones.
 */
class OutputOwnershipTest {
    @TempDir
    Path dir;

    private record Ran(int code, String err) {}

    private static Ran run(SpmdProgram p, String... args) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream stderr = System.err;
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8)); // notices are printed on System.err
            int code = Programs.runSerial(p, System.err, args);
            return new Ran(code, err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(stderr);
        }
    }

    private static List<String> names(Path d) throws Exception {
        try (Stream<Path> s = Files.list(d)) {
            return s.map(q -> q.getFileName().toString()).sorted().toList();
        }
    }

    private Path image() throws Exception {
        Path in = dir.resolve("in/a.fits");
        Files.createDirectories(in.getParent());
        org.orrery.io.fits.FitsImages.write(
                in,
                9,
                11,
                org.orrery.physics.image.RandomField.uniform(9, 11, 100, 3),
                null,
                new nom.tam.fits.Header());
        return in;
    }

    @Test
    void paircountFarmAndDecayRefuseALiveRunsDirectoryAndTakeOverAStaleLock() throws Exception {
        String img = image().toString();
        for (String program : List.of("paircount", "farm", "decay", "gen-images")) {
            Path out = dir.resolve("out-" + program);
            String[] args =
                    switch (program) {
                        case "paircount" ->
                            new String[] {
                                "-n", "200", "--nbins", "3", "--rmax", "20", "-q", "--no-plot", "-o", out.toString()
                            };
                        case "farm" -> new String[] {img, "-k", "3", "-q", "-o", out.toString()};
                        case "gen-images" ->
                            new String[] {"--kind", "uniform", "-n", "2", "--nx", "8", "-q", "-o", out.toString()};
                        default ->
                            new String[] {
                                "--n0",
                                "100",
                                "--nsims",
                                "2",
                                "--t-max",
                                "0.01",
                                "-q",
                                "--no-plot",
                                "-o",
                                out.toString()
                            };
                    };
            try (OutputLock live = OutputLock.acquire(out, "another", n -> {})) {
                Ran busy = run(command(program), args);
                assertEquals(1, busy.code(), busy.err());
                assertTrue(busy.err().contains("is in use by another run"), busy.err());
                assertEquals(1, busy.err().strip().lines().count(), busy.err());
                assertTrue(Files.exists(live.file()), "the live run keeps its lock");
            }
            Files.writeString(
                    out.resolve(OutputLock.NAME),
                    "program=dead\nhost=" + OutputLock.host() + "\npid=2147480000\nstarted=unknown\n");
            Ran ok = run(command(program), args);
            assertEquals(0, ok.code(), ok.err());
            assertTrue(ok.err().contains("taking over the stale lock"), ok.err());
            assertFalse(Files.exists(out.resolve(OutputLock.NAME)), program + ": the lock went with the run");
        }
    }

    private static SpmdProgram command(String program) {
        return switch (program) {
            case "paircount" -> new PairCountCommand();
            case "farm" -> new ImageFarmCommand();
            case "gen-images" -> new GenImagesCommand();
            default -> new DecayCommand();
        };
    }

    @Test
    void genImagesPublishesItsImagesTogetherAndAFailedRunLeavesThePreviousSetUntouched() throws Exception {
        Path out = dir.resolve("g");
        String[] first = {"--kind", "uniform", "-n", "3", "--nx", "8", "--seed", "1", "-q", "-o", out.toString()};
        Ran ok = run(new GenImagesCommand(), first);
        assertEquals(0, ok.code(), ok.err());
        List<String> set = List.of("image_000.fits", "image_001.fits", "image_002.fits");
        assertEquals(set, names(out));
        byte[] img0 = Files.readAllBytes(out.resolve("image_000.fits"));
        Files.writeString(dir.resolve("file"), "a file, not a directory");
        // Every image rewritten (other seed), then the summary cannot be written: nothing of it appears.
        Ran bad = run(
                new GenImagesCommand(),
                "--kind",
                "uniform",
                "-n",
                "3",
                "--nx",
                "8",
                "--seed",
                "2",
                "--force",
                "-q",
                "-o",
                out.toString(),
                "--summary",
                dir.resolve("file/s.json").toString());
        assertEquals(1, bad.code(), bad.err());
        assertEquals(1, bad.err().strip().lines().count(), bad.err());
        assertEquals(set, names(out), "no new image and no temporary");
        assertArrayEquals(img0, Files.readAllBytes(out.resolve("image_000.fits")), "the previous set is untouched");
        // Into a fresh directory that fails the same way: no image, no directory left.
        Path fresh = dir.resolve("fresh");
        Ran none = run(
                new GenImagesCommand(),
                "--kind",
                "uniform",
                "-n",
                "3",
                "--nx",
                "8",
                "-q",
                "-o",
                fresh.toString(),
                "--summary",
                dir.resolve("file/s.json").toString());
        assertEquals(1, none.code(), none.err());
        assertFalse(Files.exists(fresh), "no partial set");
        Ran again = run(
                new GenImagesCommand(),
                "--kind",
                "uniform",
                "-n",
                "3",
                "--nx",
                "8",
                "--seed",
                "2",
                "--force",
                "-q",
                "-o",
                out.toString());
        assertEquals(0, again.code(), again.err());
        assertEquals(set, names(out));
        assertFalse(java.util.Arrays.equals(img0, Files.readAllBytes(out.resolve("image_000.fits"))), "rewritten");
    }

    @Test
    void aDecayRunThatFailsAtTheEndLeavesThePreviousFilesUntouched() throws Exception {
        Path out = dir.resolve("d");
        String[] ok = {"--n0", "100", "--nsims", "2", "--t-max", "0.01", "-q", "--members", "-o", out.toString()};
        assertEquals(0, run(new DecayCommand(), ok).code());
        assertEquals(List.of("decay-members.csv", "decay.csv", "decay.png"), names(out));
        byte[] csv = Files.readAllBytes(out.resolve("decay.csv"));
        Files.writeString(dir.resolve("file"), "a file, not a directory");
        Ran bad = run(
                new DecayCommand(),
                "--n0",
                "200",
                "--nsims",
                "2",
                "--t-max",
                "0.01",
                "-q",
                "-o",
                out.toString(),
                "--summary",
                dir.resolve("file/s.json").toString());
        assertEquals(1, bad.code(), bad.err());
        assertEquals(List.of("decay-members.csv", "decay.csv", "decay.png"), names(out), "no partial new files");
        assertArrayEquals(csv, Files.readAllBytes(out.resolve("decay.csv")));
        Ran lean = run(
                new DecayCommand(),
                "--n0",
                "200",
                "--nsims",
                "2",
                "--t-max",
                "0.01",
                "-q",
                "--no-plot",
                "-o",
                out.toString());
        assertEquals(0, lean.code(), lean.err());
        assertEquals(List.of("decay.csv"), names(out), "an earlier run's files this run does not write are retired");
    }
}
