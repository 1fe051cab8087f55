package org.orrery.apps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orrery.io.OutputLock;
import org.orrery.io.ProcessGuard;
import org.orrery.testing.MpiRun;

/**
 * A stop request (SIGTERM to launch/orrery, as Slurm or a user sends it) to a program that cannot be preempted
 * (paircount): the launcher passes it to mpirun as SIGTERM, so every rank's JVM runs its shutdown hooks; the job ends
 * with one line and status 128 + 15, publishes nothing, leaves no lock, no output directory it created, no process and
 * no ranks' registry behind.
 */
class StopRequestIT {
    @TempDir
    Path tmp;

    @Test
    void termToTheLauncherStopsPaircountWithOneLineAndNothingLeft() throws Exception {
        Path out = tmp.resolve("pc");
        Path err = tmp.resolve("err.txt");
        Path scratch = Files.createDirectories(tmp.resolve("scratch"));
        Process p = MpiRun.background(
                err,
                tmp.resolve("out.txt"),
                Map.of("TMPDIR", scratch.toString()),
                "paircount",
                "-np",
                "2",
                "--no-build",
                "-n",
                "1000000",
                "--rmax",
                "30",
                "-q",
                "--no-plot",
                "-o",
                out.toString());
        try {
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (!Files.exists(out.resolve(OutputLock.NAME)) && p.isAlive() && System.nanoTime() < until) {
                Thread.sleep(50);
            }
            assertTrue(p.isAlive(), "the run is still going");
            Thread.sleep(500);
            List<ProcessHandle> tree = p.descendants().toList(); // mpirun and the ranks
            Process kill = new ProcessBuilder("kill", "-TERM", Long.toString(p.pid())).start();
            assertTrue(kill.waitFor(10, TimeUnit.SECONDS));
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the run stopped after the signal");
            String e = Files.readString(err, StandardCharsets.UTF_8);
            assertEquals(143, p.exitValue(), e);
            List<String> lines = MpiRun.nonBlankLines(e);
            assertEquals(
                    List.of("orrery paircount: stopped by SIGTERM before it finished (only nbody and farm save their "
                            + "work on a stop: run it again)"),
                    lines,
                    e);
            assertFalse(Files.exists(out), "the output directory this run created is gone (no lock, no temporaries)");
            try (var left = Files.list(scratch)) {
                assertEquals(List.of(), left.toList(), "the launcher removed its ranks' directory");
            }
            long gone = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (tree.stream().anyMatch(StopRequestIT::running) && System.nanoTime() < gone) {
                Thread.sleep(100);
            }
            assertFalse(tree.stream().anyMatch(StopRequestIT::running), "no process is left");
        } finally {
            ProcessGuard.killTree(p.toHandle());
        }
    }

    /** Alive and not a zombie (an orphan waits for init to reap it; it runs nothing). */
    private static boolean running(ProcessHandle h) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(h.pid()), "stat"));
            return h.isAlive() && stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
