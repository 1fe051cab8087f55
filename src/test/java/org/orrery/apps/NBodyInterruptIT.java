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
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.orrery.io.OutputLock;
import org.orrery.io.ProcessGuard;
import org.orrery.testing.MpiRun;

/**
 * SIGINT to a running nbody's launcher (not from a terminal: launch/orrery passes it to mpirun as SIGUSR1, a stop
 * request) ends with one line saying the step reached and where the checkpoint written there is, exit 75, releases the
 * output directory, and the checkpoint continues the run (issue 13 item 12). Under mpirun at np 1 and 3.
 */
class NBodyInterruptIT {

    // Before the launcher turned SIGINT into SIGUSR1, mpirun (4.1.4) tore the job down itself and dropped the
    // ranks' last stderr lines at np 3.
    @ParameterizedTest
    @ValueSource(ints = {1, 3})
    void sigintSaysWhereItStoppedAndTheCheckpointContinues(int np, @TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("o");
        Path err = tmp.resolve("err.txt");
        Process p = MpiRun.background(
                err,
                tmp.resolve("out.txt"),
                Map.of(),
                "nbody",
                "-np",
                Integer.toString(np),
                "--no-build",
                "--ic",
                "plummer",
                "-n",
                "400",
                "--steps",
                "100000000",
                "--checkpoint-every",
                "2",
                "--snap-every",
                "0",
                "--no-plot",
                "-q",
                "-o",
                out.toString());
        try {
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (!Files.exists(out.resolve("checkpoint.bin")) && p.isAlive() && System.nanoTime() < until) {
                Thread.sleep(100);
            }
            assertTrue(Files.exists(out.resolve("checkpoint.bin")), "a checkpoint was written");
            new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor();
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the run ended on SIGINT");
            String e = Files.readString(err, StandardCharsets.UTF_8);
            assertEquals(75, p.exitValue(), e);
            List<String> lines = MpiRun.nonBlankLines(e);
            assertEquals(1, lines.size(), e);
            assertTrue(
                    lines.get(0)
                            .matches("orrery nbody: preempted by SIGUSR1 at step \\d+ \\(rank 0 on .+\\): checkpoint .*"
                                    + "checkpoint.bin written; continue with the same command, --restart "
                                    + ".*checkpoint.bin in place of the "
                                    + "initial-condition options \\(exit status 75\\)"),
                    e);
            assertFalse(e.contains("Exception") || e.contains("\tat "), e);
            assertFalse(Files.exists(out.resolve(OutputLock.NAME)), "the lock went with the run");
        } finally {
            ProcessGuard.killTree(p.toHandle());
        }
        MpiRun.Result r = MpiRun.run(
                np,
                120,
                tmp,
                "NBody",
                "--restart",
                out.resolve("checkpoint.bin").toString(),
                "--t-end",
                "0.2",
                "--no-plot",
                "-q",
                "-o",
                out.toString());
        // The interrupted run had gone past t = 0.2 or not: either it continues, or it says the end is before the
        // restart point.
        assertTrue(r.exitCode() == 0 || r.stderr().contains("is before the restart point"), r::describe);
    }
}
