package org.orrery.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orrery.testing.MpiRun;

/**
 * Signals to Slurm jobs of launch/slurm's scripts on a real single-node Slurm ({@link SlurmCluster}): scancel ends
 * every rank; a preempted job (USR1) checkpoints, requeues itself and ends in the uninterrupted digest.
 */
@Tag("cluster")
class SlurmSignalsIT {
    private static SlurmCluster slurm;

    @BeforeAll
    static void up() throws IOException {
        MpiRun.classpath(); // the jar under test must exist before jobs use it
        slurm = SlurmCluster.start();
    }

    @AfterAll
    static void down() {
        if (slurm != null) {
            slurm.close();
        }
    }

    private static String digest(Path summary) throws IOException {
        return JsonParser.parseString(Files.readString(summary))
                .getAsJsonObject()
                .getAsJsonObject("results")
                .get("state_sha256")
                .getAsString();
    }

    @Test
    void scancelEndsEveryRank(@TempDir Path dir) throws Exception {
        String marker = dir.toString();
        SlurmCluster.Result sub = slurm.run(
                dir,
                30,
                "sbatch",
                "--parsable",
                "--ntasks-per-node=3",
                slurm.script("nbody.sbatch"),
                "-n",
                "3000",
                "--steps",
                "100000",
                "--no-plot",
                "--progress",
                "0");
        assertEquals(0, sub.exitCode(), sub.describe());
        String id = sub.stdout().strip();
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (ranks(marker).size() < 3) {
            if (System.nanoTime() > deadline) {
                fail("the job's 3 ranks never appeared: " + ranks(marker) + "\n"
                        + slurm.run(dir, 30, "scontrol", "show", "job", id).stdout() + slurm.logs());
            }
            Thread.sleep(250);
        }
        Thread.sleep(1000); // let the ranks get into MPI and the time steps
        SlurmCluster.Result c = slurm.run(dir, 30, "scancel", id);
        assertEquals(0, c.exitCode(), c.describe());
        long t0 = System.nanoTime();
        while (!everything(marker).isEmpty()) {
            if (System.nanoTime() - t0 > 30_000_000_000L) {
                fail("30 s after scancel, still running: " + everything(marker));
            }
            Thread.sleep(200);
        }
        double seconds = (System.nanoTime() - t0) * 1e-9;
        String state = "";
        for (int i = 0; i < 50 && !state.contains("CANCELLED"); i++) {
            state = slurm.run(dir, 30, "scontrol", "show", "job", id).stdout();
            Thread.sleep(200);
        }
        Matcher m = Pattern.compile("JobState=(\\S+)").matcher(state);
        assertTrue(m.find() && m.group(1).equals("CANCELLED"), state);
        System.out.printf("scancel: every process of job %s gone %.1f s after scancel%n", id, seconds);
    }

    @Test
    void preemptedJobRequeuesItselfAndEndsInTheUninterruptedDigest(@TempDir Path dir) throws Exception {
        // Long enough that no machine finishes before the signal, which waits for the first checkpoint anyway.
        String[] opts = {
            "--ic",
            "plummer",
            "-n",
            "300",
            "--seed",
            "9",
            "--steps",
            "1000",
            "--checkpoint-every",
            "5",
            "--snap-every",
            "0",
            "--no-plot",
            "--progress",
            "0"
        };
        String[] sbatch = new String[opts.length + 3];
        sbatch[0] = "--parsable";
        sbatch[1] = "--ntasks-per-node=3";
        sbatch[2] = slurm.script("nbody.sbatch");
        System.arraycopy(opts, 0, sbatch, 3, opts.length);
        String[] cmd = new String[sbatch.length + 1];
        cmd[0] = "sbatch";
        System.arraycopy(sbatch, 0, cmd, 1, sbatch.length);
        SlurmCluster.Result sub = slurm.run(dir, 30, cmd);
        assertEquals(0, sub.exitCode(), sub.describe());
        String id = sub.stdout().strip();
        Path results = dir.resolve("results/slurm/nbody-" + id);
        long deadline = System.nanoTime() + 180_000_000_000L;
        while (!Files.exists(results.resolve("out/nbody/checkpoint.bin"))) {
            if (System.nanoTime() > deadline) {
                fail("no checkpoint in " + results + "\n"
                        + slurm.run(dir, 30, "scontrol", "show", "job", id).stdout() + slurm.logs());
            }
            Thread.sleep(200);
        }
        SlurmCluster.Result sig = slurm.run(dir, 30, "scancel", "--signal=USR1", "--batch", id);
        assertEquals(0, sig.exitCode(), sig.describe());
        String state = "";
        deadline = System.nanoTime() + 600_000_000_000L;
        while (!state.contains("JobState=COMPLETED")
                && !state.contains("JobState=FAILED")
                && !state.contains("JobState=CANCELLED")) {
            if (System.nanoTime() > deadline) {
                slurm.run(dir, 30, "scancel", id);
                fail("the requeued job did not end: " + state);
            }
            Thread.sleep(1000);
            state = slurm.run(dir, 30, "scontrol", "show", "job", id).stdout();
        }
        String log = SlurmCluster.read(dir.resolve("orrery-nbody-" + id + ".out"));
        assertTrue(state.contains("JobState=COMPLETED") && state.contains("Restarts=1"), state + "\n" + log);
        assertTrue(log.contains("orrery nbody: preempted by SIGUSR1 at step "), log);
        assertTrue(log.contains("== preempted: job " + id + " requeued"), log);
        assertTrue(log.contains("== requeued (restart 1): continuing with:") && log.contains("--restart"), log);

        Path direct = dir.resolve("direct");
        String[] args = new String[opts.length + 4];
        System.arraycopy(opts, 0, args, 0, opts.length);
        args[opts.length] = "-o";
        args[opts.length + 1] = direct.toString();
        args[opts.length + 2] = "--summary";
        args[opts.length + 3] = direct.resolve("summary.json").toString();
        MpiRun.Result r = MpiRun.run(2, 600, dir, "NBody", args);
        assertEquals(0, r.exitCode(), r.describe());
        assertEquals(
                digest(direct.resolve("summary.json")),
                digest(results.resolve("summary.json")),
                "preempted and requeued at np 3 under Slurm vs uninterrupted at np 2 by hand");
    }

    /** The job's JVM ranks (command lines name the test's temporary folder through --summary). */
    private static List<ProcessHandle> ranks(String marker) {
        // The executable, not the command line, tells a rank from mpirun: a rank's options name mpirun too
        // (-Dorrery.mpirun=...).
        return ProcessHandle.allProcesses()
                .filter(p ->
                        p.info().command().map(exe -> exe.endsWith("/java")).orElse(false)
                                && p.info()
                                        .commandLine()
                                        .map(c -> c.contains(marker) && c.contains(" NBody "))
                                        .orElse(false))
                .toList();
    }

    /** Every process (mpirun, orted, java, the batch shell) whose command line names the folder. */
    private static List<String> everything(String marker) {
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(c -> c.contains(marker)).orElse(false))
                .map(p -> p.pid() + " " + p.info().commandLine().orElse(""))
                .toList();
    }
}
