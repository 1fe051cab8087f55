package org.orrery.apps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.orrery.testing.MpiRun;

class SweepIT {

    /** A tiny real strong-scaling sweep of decay at np 1, 2: a well-formed CSV and readable PNGs. */
    @Test
    void aTinyRealSweepWritesAWellFormedCsvAndPlots(@TempDir Path tmp) throws IOException {
        Path out = tmp.resolve("results");
        MpiRun.Result r = MpiRun.singleton(
                300,
                tmp,
                "Sweep",
                "decay",
                "--np",
                "1,2",
                "--repeats",
                "1",
                "--out",
                out.toString(),
                "--",
                "--nsims",
                "4",
                "--n0",
                "2000",
                "--t-max",
                "0.1",
                "--dt",
                "0.01",
                "--no-plot",
                "--out",
                tmp.resolve("d").toString());
        assertEquals(0, r.exitCode(), r::describe);
        List<String> lines = Files.readAllLines(out.resolve("scaling.csv"));
        assertTrue(lines.get(0).startsWith("# orrery sweep"), r::describe);
        assertTrue(lines.stream()
                .anyMatch(l -> l.startsWith("# host: ") && l.contains("physical cores: ") && l.contains("CPU: ")));
        // The MPI the runs used: the configuration under test (ORRERY_MPI or the default), whatever is on PATH.
        String mpiFamily = MpiRun.config("MPI_FAMILY").equals("mpich") ? "MPICH" : "Open MPI";
        // ...or, where the launcher runs the ranks as threads of one JVM (on one host, no MPI chosen), none.
        MpiRun.Result dry = MpiRun.exec(
                List.of(MpiRun.launcher().toString(), "decay", "-np", "2", "--no-build", "--dry-run"),
                java.util.Map.of(),
                60,
                null);
        String family =
                dry.stdout().contains("-Dorrery.threadRanks=2") ? "none: 2 ranks as threads of one JVM" : mpiFamily;
        assertTrue(
                lines.stream().anyMatch(l -> l.startsWith("# MPI: " + family) && l.contains("; Java: ")),
                () -> family + "\n" + String.join("\n", lines));
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("# date: ")));
        assertTrue(lines.stream()
                .anyMatch(l -> l.startsWith("# command: launch/orrery sweep decay --np 1,2 --repeats 1")));
        List<String> data = lines.stream().filter(l -> !l.startsWith("#")).toList();
        String[] header = data.get(0).split(",");
        assertEquals("p", header[0]);
        assertEquals(3, data.size(), String.join("\n", lines));
        for (int i = 1; i < data.size(); i++) {
            String[] row = data.get(i).split(",", -1);
            assertEquals(header.length, row.length, data.get(i));
            assertEquals(Integer.toString(i), row[0]);
            assertEquals("no", row[1]);
            assertTrue(Double.parseDouble(row[List.of(header).indexOf("wall_s_median")]) > 0);
            assertTrue(Double.parseDouble(row[List.of(header).indexOf("rate_median")]) > 0);
            assertEquals("nucleus-steps/s", row[List.of(header).indexOf("rate_unit")]);
        }
        for (String png : new String[] {"time.png", "speedup.png", "efficiency.png"}) {
            BufferedImage img = ImageIO.read(out.resolve(png).toFile());
            assertNotNull(img, png);
            assertTrue(img.getWidth() > 500, png);
        }
    }

    /**
     * Issue 13 item 4: SIGINT to the sweep's JVM while a run of it is going ends that run's launcher, mpirun and ranks
     * and removes the sweep's temporary folder and the launcher's ranks' registry.
     */
    @Test
    void sigintToTheSweepEndsItsMpirunAndRanksAndRemovesItsTemporaryFolders(@TempDir Path tmp) throws Exception {
        Path scratch = Files.createDirectories(tmp.resolve("scratch"));
        ProcessBuilder pb = new ProcessBuilder(
                        MpiRun.launcher().toString(),
                        "sweep",
                        "--no-build",
                        "--jvm",
                        "-Djava.io.tmpdir=" + scratch,
                        "nbody",
                        "--np",
                        "2",
                        "--repeats",
                        "1",
                        "--out",
                        tmp.resolve("results").toString(),
                        "--",
                        "-n",
                        "300",
                        "--steps",
                        "100000000",
                        "--no-plot",
                        "--out",
                        tmp.resolve("nb").toString())
                .redirectOutput(tmp.resolve("out.txt").toFile())
                .redirectError(tmp.resolve("err.txt").toFile());
        pb.environment().put("TMPDIR", scratch.toString());
        pb.environment().put("ORRERY_RANKS_AS", "processes"); // an mpirun and its ranks to end
        Process p = pb.start();
        try {
            long until = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(120);
            List<ProcessHandle> ranks = List.of();
            while (ranks.size() < 2 && p.isAlive() && System.nanoTime() < until) {
                Thread.sleep(100);
                ranks = p.descendants()
                        .filter(h -> h.info().commandLine().orElse("").contains(" NBody "))
                        .toList();
            }
            assertEquals(2, ranks.size(), "the sweep's nbody run is going");
            List<ProcessHandle> tree = p.descendants().toList();
            new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor();
            assertTrue(p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS), "the sweep ended on SIGINT");
            long gone = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
            while (tree.stream().anyMatch(SweepIT::running) && System.nanoTime() < gone) {
                Thread.sleep(100);
            }
            assertTrue(tree.stream().noneMatch(SweepIT::running), "a launcher, mpirun or rank is left: " + tree);
            try (var left = Files.list(scratch)) {
                assertEquals(List.of(), left.toList(), "temporary folders are left");
            }
        } finally {
            org.orrery.io.ProcessGuard.killTree(p.toHandle());
        }
    }

    /** Alive and not a zombie (an orphan waits for init to reap it; it runs nothing). */
    private static boolean running(ProcessHandle h) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(h.pid()), "stat"));
            return h.isAlive() && stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
        } catch (IOException e) {
            return false;
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "a,b"})
    void badRankListsAreRejectedWithOneLine(String list, @TempDir Path tmp) {
        MpiRun.Result r = MpiRun.singleton(60, tmp, "Sweep", "decay", "--np", list);
        assertEquals(2, r.exitCode(), r::describe);
        assertEquals(1, r.stderrLines().size(), r::describe);
        assertTrue(
                r.stderrLines()
                        .get(0)
                        .startsWith("orrery sweep: error: --np must be a comma list of positive whole numbers"),
                r::describe);
        assertTrue(Files.notExists(tmp.resolve("results")), r::describe);
    }
}
