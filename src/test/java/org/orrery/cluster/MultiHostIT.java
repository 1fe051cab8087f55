package org.orrery.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orrery.io.snapshot.Checkpoint;
import org.orrery.testing.MpiRun;

/**
 * Ranks on two emulated hosts: network namespaces h1, h2 joined by veth pairs and a bridge (made by
 * {@code launch/slurm/test/netns-up}; addresses 10.77.0.0/24 exist only inside them), Open MPI over TCP only, orted
 * started in each namespace by an rsh agent that enters it. mpirun runs in h1.
 */
@Tag("cluster")
class MultiHostIT {
    private static Path repo;
    private static Path net;
    private static String prefix;
    private static List<String> mpirunArgs;

    @BeforeAll
    static void up() throws IOException {
        MpiRun.classpath();
        repo = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        net = Files.createTempDirectory("orrery-netns");
        SlurmCluster.Result r = SlurmCluster.exec(
                List.of(repo.resolve("launch/slurm/test/netns-up").toString(), net.toString(), "2"),
                Map.of(),
                repo,
                60);
        if (r.exitCode() == 3 && !SlurmCluster.required()) {
            Assumptions.abort("network namespaces need root: multi-host tests skipped\n" + r.stderr());
        }
        assertEquals(0, r.exitCode(), r.describe());
        prefix = Files.readString(net.resolve("prefix")).strip();
        mpirunArgs = Files.readAllLines(net.resolve("mpirun-args"));
    }

    @AfterAll
    static void down() {
        if (net != null) {
            SlurmCluster.Result r = SlurmCluster.exec(
                    List.of(repo.resolve("launch/slurm/test/netns-down").toString(), net.toString()),
                    Map.of(),
                    repo,
                    60);
            assertEquals(0, r.exitCode(), r.describe());
        }
    }

    /** launch/orrery PROGRAM -np 4 over both hosts, mpirun started inside h1. */
    private static List<String> command(String program, String... args) {
        List<String> cmd = new ArrayList<>(List.of(
                "ip",
                "netns",
                "exec",
                prefix + "-h1",
                repo.resolve("launch/orrery").toString(),
                program,
                "-np",
                "4",
                "--no-build"));
        for (String a : mpirunArgs) {
            cmd.add("--mpirun-arg");
            cmd.add(a);
        }
        cmd.addAll(List.of(args));
        return cmd;
    }

    private static String pidsIn(String host) {
        return SlurmCluster.exec(List.of("ip", "netns", "pids", prefix + "-" + host), Map.of(), repo, 30)
                .stdout()
                .strip();
    }

    /** The MPI rank of a process Open MPI started. */
    private static int worldRank(long pid) throws IOException {
        String env = Files.readString(Path.of("/proc", Long.toString(pid), "environ"));
        for (String kv : env.split("\0", -1)) {
            if (kv.startsWith("OMPI_COMM_WORLD_RANK=")) {
                return Integer.parseInt(kv.substring(kv.indexOf('=') + 1));
            }
        }
        throw new AssertionError("no OMPI_COMM_WORLD_RANK in the environment of pid " + pid);
    }

    private static JsonObject results(Path summary) throws IOException {
        return JsonParser.parseString(Files.readString(summary))
                .getAsJsonObject()
                .getAsJsonObject("results");
    }

    private static String digest(Path summary) throws IOException {
        return results(summary).get("state_sha256").getAsString();
    }

    @Test
    void ranksRunOnBothHosts(@TempDir Path dir) {
        SlurmCluster.Result r = SlurmCluster.exec(command("hello"), Map.of(), dir, 120);
        assertEquals(0, r.exitCode(), r.describe());
        assertTrue(r.stdout().contains("rank 0 of 4 on h1") && r.stdout().contains("rank 1 of 4 on h1"), r.describe());
        assertTrue(r.stdout().contains("rank 2 of 4 on h2") && r.stdout().contains("rank 3 of 4 on h2"), r.describe());
        assertEquals("", pidsIn("h1") + pidsIn("h2"), "processes left in the namespaces");
    }

    @Test
    void nbodyAcrossHostsGivesTheSameBitsAsOneHost(@TempDir Path dir) throws IOException {
        String[] opts = {"-n", "300", "--steps", "30", "--no-plot", "--progress", "0"};
        List<String> a = new ArrayList<>(List.of(opts));
        a.addAll(List.of(
                "-o",
                dir.resolve("hosts").toString(),
                "--summary",
                dir.resolve("hosts.json").toString()));
        SlurmCluster.Result r = SlurmCluster.exec(command("nbody", a.toArray(String[]::new)), Map.of(), dir, 180);
        assertEquals(0, r.exitCode(), r.describe());
        List<String> b = new ArrayList<>(List.of(opts));
        b.addAll(List.of(
                "-o",
                dir.resolve("one").toString(),
                "--summary",
                dir.resolve("one.json").toString()));
        MpiRun.Result one = MpiRun.run(1, 120, dir, "NBody", b.toArray(String[]::new));
        assertEquals(0, one.exitCode(), one.describe());
        assertEquals(
                digest(dir.resolve("one.json")), digest(dir.resolve("hosts.json")), "4 ranks on 2 hosts vs 1 rank");
    }

    @Test
    void pairCountsAcrossHostsGiveTheSameBytesAsOneHost(@TempDir Path dir) throws IOException {
        String[] opts = {
            "--generate",
            "clustered",
            "-n",
            "4000",
            "--random-factor",
            "1",
            "--periodic",
            "--box",
            "100",
            "--rmax",
            "20",
            "--nbins",
            "8",
            "--rmin",
            "1",
            "--bins",
            "log",
            "--no-plot"
        };
        List<String> a = new ArrayList<>(List.of(opts));
        a.addAll(List.of("-o", dir.resolve("hosts").toString()));
        SlurmCluster.Result r = SlurmCluster.exec(command("paircount", a.toArray(String[]::new)), Map.of(), dir, 180);
        assertEquals(0, r.exitCode(), r.describe());
        List<String> b = new ArrayList<>(List.of(opts));
        b.addAll(List.of("-o", dir.resolve("one").toString()));
        MpiRun.Result one = MpiRun.run(1, 120, dir, "PairCount", b.toArray(String[]::new));
        assertEquals(0, one.exitCode(), one.describe());
        assertEquals(
                Files.readString(dir.resolve("one/paircount.csv")),
                Files.readString(dir.resolve("hosts/paircount.csv")),
                "4 ranks on 2 hosts vs 1 rank");
        assertTrue(
                java.util.Arrays.equals(
                        Files.readAllBytes(dir.resolve("one/paircount.fits")),
                        Files.readAllBytes(dir.resolve("hosts/paircount.fits"))),
                "FITS tables differ");
    }

    @Test
    void killingOneRankEndsTheJobAndTheCheckpointRestarts(@TempDir Path dir) throws Exception {
        // The killed run asks for far more steps than any machine finishes in the test's time (500 bodies:
        // 1.25e5 pairs a step, 1e7 steps > 1e12 pair interactions, over 100 s even at 1e10 a second), so it
        // is certainly running when the kill comes; the kill waits for its first checkpoint.
        String[] opts = {"-n", "500", "--no-plot", "--progress", "0"};
        Path out = dir.resolve("killed");
        Path killedSummary = dir.resolve("killed.json");
        List<String> a = new ArrayList<>(List.of(opts));
        a.addAll(List.of(
                "--steps",
                "10000000",
                "--checkpoint-every",
                "10",
                "-o",
                out.toString(),
                "--summary",
                killedSummary.toString()));
        Process p = new ProcessBuilder(command("nbody", a.toArray(String[]::new)))
                .directory(dir.toFile())
                .redirectOutput(dir.resolve("killed.out").toFile())
                .redirectError(dir.resolve("killed.err").toFile())
                .start();
        Path ckpt = out.resolve("checkpoint.bin");
        long victim = -1;
        try {
            long deadline = System.nanoTime() + 120_000_000_000L;
            while (!Files.exists(ckpt)) {
                if (!p.isAlive() || System.nanoTime() > deadline) {
                    fail("no checkpoint appeared; " + (p.isAlive() ? "still running" : "exit " + p.exitValue()) + "\n"
                            + Files.readString(dir.resolve("killed.err")));
                }
                Thread.sleep(100);
            }
            // a rank on h2 (the JVM whose command line names our output folder)
            for (String pid : pidsIn("h2").split("\\s+", -1)) {
                if (!pid.isEmpty()) {
                    String cl = ProcessHandle.of(Long.parseLong(pid))
                            .flatMap(h -> h.info().commandLine())
                            .orElse("");
                    if (cl.contains("NBody") && cl.contains(out.toString())) {
                        victim = Long.parseLong(pid);
                        break;
                    }
                }
            }
            assertTrue(victim > 0, "no rank found on h2: " + pidsIn("h2"));
            assertTrue(p.isAlive(), "the job ended before the kill");
            int rank = worldRank(victim);
            long t0 = System.nanoTime();
            ProcessHandle.of(victim).ifPresent(ProcessHandle::destroyForcibly); // SIGKILL
            boolean ended = p.waitFor(30, TimeUnit.SECONDS);
            double seconds = (System.nanoTime() - t0) * 1e-9;
            assertTrue(ended, "job still running 30 s after a rank was killed");
            assertNotEquals(0, p.exitValue(), "the job must fail when a rank dies");
            assertTrue(seconds < 15, "job took " + seconds + " s to end");
            for (int i = 0; i < 50 && !(pidsIn("h1") + pidsIn("h2")).isEmpty(); i++) {
                Thread.sleep(100);
            }
            assertEquals("", pidsIn("h1") + pidsIn("h2"), "processes left on the emulated hosts");
            // The launcher names the rank, its pid and host (the ranks' registry sits in the working directory,
            // which every host sees) and removes the registry.
            String err = Files.readString(dir.resolve("killed.err"));
            assertTrue(
                    err.contains("orrery nbody: rank " + rank + " (pid " + victim + " on h2) was killed by SIGKILL"),
                    err);
            try (var left = Files.list(dir)) {
                assertTrue(
                        left.noneMatch(f -> f.getFileName().toString().startsWith(".orrery-ranks")),
                        "the ranks' registry is gone");
            }
        } finally {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
        }
        // Proof that the kill, not the end of the run, stopped it: the victim is gone, no summary was
        // written (a finished run writes one), and the checkpoint stands short of the requested steps.
        assertTrue(ProcessHandle.of(victim).map(h -> !h.isAlive()).orElse(true), "the killed rank still runs");
        assertFalse(Files.exists(killedSummary), "the killed run wrote its summary: it finished");
        long at = Checkpoint.read(ckpt).state().step;
        assertTrue(at >= 10 && at % 10 == 0 && at < 10_000_000, "checkpoint at step " + at);

        // Restart from that checkpoint (one host, np 2) for 20 more steps vs an uninterrupted run (np 1).
        String target = Long.toString(at + 20);
        List<String> restart = new ArrayList<>(List.of(opts));
        restart.addAll(List.of(
                "--steps",
                target,
                "--restart",
                ckpt.toString(),
                "-o",
                dir.resolve("restarted").toString(),
                "--summary",
                dir.resolve("restarted.json").toString()));
        MpiRun.Result rr = MpiRun.run(2, 300, dir, "NBody", restart.toArray(String[]::new));
        assertEquals(0, rr.exitCode(), rr.describe());
        assertEquals(
                20, results(dir.resolve("restarted.json")).get("steps_done").getAsLong(), "steps in the restarted run");
        List<String> whole = new ArrayList<>(List.of(opts));
        whole.addAll(List.of(
                "--steps",
                target,
                "-o",
                dir.resolve("whole").toString(),
                "--summary",
                dir.resolve("whole.json").toString()));
        MpiRun.Result w = MpiRun.run(1, 300, dir, "NBody", whole.toArray(String[]::new));
        assertEquals(0, w.exitCode(), w.describe());
        assertEquals(
                digest(dir.resolve("whole.json")),
                digest(dir.resolve("restarted.json")),
                "restart from step " + at + " vs uninterrupted");
    }
}
