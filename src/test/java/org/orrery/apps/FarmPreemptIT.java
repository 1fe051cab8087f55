package org.orrery.apps;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import nom.tam.fits.Header;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orrery.io.OutputLock;
import org.orrery.io.ProcessGuard;
import org.orrery.io.fits.FitsImages;
import org.orrery.io.fits.MefWriter;
import org.orrery.io.fits.MosaicFits;
import org.orrery.physics.image.MosaicGenerator;
import org.orrery.physics.image.RandomField;
import org.orrery.testing.MpiRun;
import org.orrery.testing.Summaries;

/**
 * Farm preemption and --resume (issue 13, item 6 and preemption): SIGUSR1 to mpirun while a farm runs at np 3 stops the
 * hand-out; the running items finish and are ledgered; rank 0 prints one line and the job exits 75 without a table.
 * {@code --resume} (at np 2) does only the rest and ends with the table of an uninterrupted run, byte for byte.
 */
class FarmPreemptIT {
    @TempDir
    Path tmp;

    private static long ledgerLines(Path ledger) throws Exception {
        if (!Files.isDirectory(ledger)) {
            return 0;
        }
        long n = 0;
        try (Stream<Path> s = Files.list(ledger)) {
            for (Path p : s.toList()) {
                n += Math.max(0, Files.readAllLines(p, StandardCharsets.UTF_8).size() - 1);
            }
        }
        return n;
    }

    /** Sends SIGUSR1 to the mpirun of {@code cmd} once its ledger has 3 lines; returns the stopped process. */
    private Process preempt(List<String> cmd, Path ledger, Path err) throws Exception {
        Process p = new ProcessBuilder(cmd)
                .redirectError(err.toFile())
                .redirectOutput(tmp.resolve("out.txt").toFile())
                .start();
        try {
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
            while (ledgerLines(ledger) < 3 && p.isAlive() && System.nanoTime() < until) {
                Thread.sleep(50);
            }
            assertTrue(p.isAlive(), "the farm is still running when the signal comes");
            // To mpirun, which forwards it to the ranks; under Hydra (MPICH), which may then lose the ranks' exit
            // status, to launch/orrery, which hands it to the ranks on this host itself.
            long target = MpiRun.config("MPIRUN_STYLE").equals("hydra")
                    ? p.pid()
                    : MpiRun.mpirunOf(p).pid();
            assertTrue(new ProcessBuilder("kill", "-USR1", Long.toString(target))
                    .start()
                    .waitFor(10, TimeUnit.SECONDS));
            assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the farm stopped after the signal");
        } finally {
            ProcessGuard.killTree(p.toHandle());
        }
        return p;
    }

    /**
     * The same on mosaics (issue 16): 6 files of 8 extensions; the preempted run (np 3) keeps the ledgered part images
     * of its finished extensions, --resume at np 2 redoes only the others and ends with the uninterrupted run's table
     * and mirrored outputs, byte for byte.
     */
    @Test
    void usr1StopsAMosaicFarmWhichResumesToTheUninterruptedTableAndMirrors() throws Exception {
        Path in = tmp.resolve("mos");
        Files.createDirectories(in);
        int files = 6;
        int ccds = 8;
        long total = (long) files * ccds;
        for (int f = 0; f < files; f++) {
            long seed = 100L + f;
            MosaicFits.write(
                    in.resolve("exp" + f + ".fits"),
                    seed,
                    ccds,
                    200,
                    200,
                    k -> MosaicGenerator.ccd(seed, k, ccds, 200, 200),
                    MefWriter.Compression.NONE);
        }
        Path out = tmp.resolve("out");
        List<String> farm = List.of(
                in.toString(),
                "--ops",
                "highpass,clipstats,background",
                "-k",
                "31",
                "--box",
                "50",
                "--exclude-percentile",
                "50",
                "-q",
                "-o",
                out.toString());
        MpiRun.Result straight = MpiRun.run(2, 600, tmp, "ImageFarm", farm.toArray(String[]::new));
        assertEquals(0, straight.exitCode(), straight::describe);
        List<Path> outputs = new ArrayList<>(List.of(out.resolve("farm.csv"), out.resolve("farm.fits")));
        for (int f = 0; f < files; f++) {
            outputs.add(out.resolve("exp" + f + "_hp31.fits"));
            outputs.add(out.resolve("exp" + f + "_bkgsub.fits"));
        }
        List<byte[]> want = new ArrayList<>();
        for (Path o : outputs) {
            want.add(Files.readAllBytes(o));
            Files.delete(o);
        }
        Path ledger = out.resolve("farm.csv.ledger");
        try (Stream<Path> old = Files.list(ledger)) {
            for (Path f : old.toList()) {
                Files.delete(f);
            }
        }

        Path err = tmp.resolve("err.txt");
        List<String> cmd = new ArrayList<>(List.of(MpiRun.launcher().toString(), "farm", "-np", "3", "--no-build"));
        cmd.addAll(farm);
        Process p = preempt(cmd, ledger, err);
        String e = Files.readString(err, StandardCharsets.UTF_8);
        assertEquals(75, p.exitValue(), e);
        assertFalse(Files.exists(out.resolve("farm.csv")), "a preempted run writes no partial table");
        assertFalse(Files.exists(out.resolve("exp0_bkgsub.fits")), "nor mirrors");
        long done = ledgerLines(ledger);
        assertTrue(done >= 3 && done < total, "stopped part-way: " + done + " of " + total);
        try (Stream<Path> parts = Files.list(out.resolve(".farm-parts"))) {
            assertEquals(2 * done, parts.count(), "the parts of every ledgered extension are kept");
        }

        List<String> resume = new ArrayList<>(farm);
        resume.addAll(List.of("--resume", "--summary", tmp.resolve("s.json").toString()));
        MpiRun.Result r = MpiRun.run(2, 600, tmp, "ImageFarm", resume.toArray(String[]::new));
        assertEquals(0, r.exitCode(), r::describe);
        assertEquals(
                done,
                Summaries.results(tmp.resolve("s.json")).get("reused").getAsLong(),
                "every ledgered extension is reused");
        assertEquals(
                total - done,
                Summaries.results(tmp.resolve("s.json")).get("images_processed").getAsLong());
        for (int i = 0; i < outputs.size(); i++) {
            assertArrayEquals(
                    want.get(i),
                    Files.readAllBytes(outputs.get(i)),
                    outputs.get(i).toString());
        }
        assertFalse(Files.exists(out.resolve(".farm-parts")));
    }

    @Test
    void usr1StopsTheFarmWhichResumesToTheUninterruptedTable() throws Exception {
        Path in = tmp.resolve("in");
        Files.createDirectories(in);
        int n = 64;
        for (int i = 0; i < n; i++) {
            Header h = new Header();
            h.addValue("OBJECT", "preempt " + i, "");
            FitsImages.write(
                    in.resolve(String.format("img%02d.fits", i)),
                    200,
                    200,
                    RandomField.uniform(200, 200, 1000, 7 + i),
                    null,
                    h);
        }
        Path out = tmp.resolve("out");
        List<String> farm = List.of(in.toString(), "-k", "31", "-q", "-o", out.toString());
        MpiRun.Result straight = MpiRun.run(2, 600, tmp, "ImageFarm", farm.toArray(String[]::new));
        assertEquals(0, straight.exitCode(), straight::describe);
        byte[] table = Files.readAllBytes(out.resolve("farm.csv"));
        byte[] fits = Files.readAllBytes(out.resolve("farm.fits"));
        Files.delete(out.resolve("farm.csv"));
        Files.delete(out.resolve("farm.fits"));
        Path ledger = out.resolve("farm.csv.ledger");
        try (Stream<Path> old = Files.list(ledger)) {
            for (Path f : old.toList()) {
                Files.delete(f); // the preempted run is watched through its own ledger lines
            }
        }

        Path err = tmp.resolve("err.txt");
        List<String> cmd = new ArrayList<>(List.of(MpiRun.launcher().toString(), "farm", "-np", "3", "--no-build"));
        cmd.addAll(farm);
        Process p = preempt(cmd, ledger, err);
        String e = Files.readString(err, StandardCharsets.UTF_8);
        assertEquals(75, p.exitValue(), e);
        List<String> lines = e.lines().filter(l -> !l.isBlank()).toList();
        assertEquals(1, lines.size(), e);
        assertTrue(
                lines.get(0).startsWith("orrery farm: stopped by SIGUSR1 with ")
                        && lines.get(0).contains("continue with --resume"),
                e);
        assertFalse(Files.exists(out.resolve("farm.csv")), "a preempted run writes no partial table");
        assertFalse(Files.exists(out.resolve(OutputLock.NAME)), "the lock went with the run");
        long done = ledgerLines(ledger);
        assertTrue(done >= 3 && done < n, "stopped part-way: " + done + " of " + n);

        List<String> resume = new ArrayList<>(farm);
        resume.addAll(List.of("--resume", "--summary", tmp.resolve("s.json").toString()));
        MpiRun.Result r = MpiRun.run(2, 600, tmp, "ImageFarm", resume.toArray(String[]::new));
        assertEquals(0, r.exitCode(), r::describe);
        assertEquals(
                done,
                Summaries.results(tmp.resolve("s.json")).get("reused").getAsLong(),
                "every ledgered item is reused");
        assertEquals(
                n - done,
                Summaries.results(tmp.resolve("s.json")).get("images_processed").getAsLong());
        assertArrayEquals(table, Files.readAllBytes(out.resolve("farm.csv")));
        assertArrayEquals(fits, Files.readAllBytes(out.resolve("farm.fits")));
    }
}
