package org.orrery.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orrery.testing.MpiRun;

/**
 * The batch scripts in launch/slurm, submitted with {@code sbatch} to a real single-node Slurm (Debian's
 * slurmctld/slurmd/munge, started privately by {@link SlurmCluster}).
 */
@Tag("cluster")
class SlurmIT {
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

    /** Submits with --wait --parsable; returns the job id (fails the test on a non-zero exit). */
    private static String submitAndWait(Path dir, Map<String, String> env, String... sbatchArgs) {
        String[] cmd = new String[sbatchArgs.length + 3];
        cmd[0] = "sbatch";
        cmd[1] = "--wait";
        cmd[2] = "--parsable";
        System.arraycopy(sbatchArgs, 0, cmd, 3, sbatchArgs.length);
        SlurmCluster.Result r = slurm.run(dir, 300, env, cmd);
        String id = r.stdout().strip().split(";", -1)[0];
        if (r.exitCode() != 0) {
            String log = "";
            try (var files = Files.list(dir)) {
                for (Path p : files.filter(p -> p.getFileName().toString().endsWith(".out"))
                        .toList()) {
                    log += "--- " + p + "\n" + SlurmCluster.read(p);
                }
            } catch (IOException e) {
                log = e.toString();
            }
            fail("job failed\n" + r.describe() + "\n" + log + "\n" + slurm.logs());
        }
        assertTrue(id.matches("\\d+"), r.describe());
        return id;
    }

    private static String digest(Path summary) throws IOException {
        JsonObject o = JsonParser.parseString(Files.readString(summary)).getAsJsonObject();
        return o.getAsJsonObject("results").get("state_sha256").getAsString();
    }

    @Test
    void helloScriptPrintsJobInfoAndEveryRank(@TempDir Path dir) throws IOException {
        String id = submitAndWait(dir, Map.of(), "--ntasks-per-node=3", slurm.script("hello.sbatch"));
        String out = SlurmCluster.read(dir.resolve("orrery-hello-" + id + ".out"));
        // What the program did comes from its summary; the log holds what the script itself prints.
        var hello = summary(dir.resolve("results/slurm/hello-" + id + "/summary.json"));
        assertEquals(3, hello.get("ranks").getAsInt(), hello.toString());
        assertTrue(hello.getAsJsonObject("results").get("broadcast_ok").getAsBoolean(), hello.toString());
        assertTrue(hello.getAsJsonObject("results").get("reduction_ok").getAsBoolean(), hello.toString());
        assertTrue(Pattern.compile("(?m)^tasks: +3 ").matcher(out).find(), out);
        assertTrue(
                Pattern.compile("(?m)^mpi: +openmpi \\d.* via .*, backend ")
                        .matcher(out)
                        .find(),
                out);
        assertTrue(Pattern.compile("(?m)^java: +.*version").matcher(out).find(), out);
        assertTrue(
                Pattern.compile("(?m)^orrery: +.* at git [0-9a-f]{12}")
                        .matcher(out)
                        .find(),
                out);
        assertTrue(out.contains("== finished: exit 0"), out);
        Path results = dir.resolve("results/slurm/hello-" + id);
        assertTrue(Files.isRegularFile(results.resolve("summary.json")), "no summary in " + results);
        assertTrue(Files.isRegularFile(results.resolve("job-info.txt")));
    }

    @Test
    void helloUnderSrunWithPmix(@TempDir Path dir) throws IOException {
        String id = submitAndWait(
                dir, Map.of("ORRERY_LAUNCH", "srun"), "--ntasks-per-node=2", slurm.script("hello.sbatch"));
        String out = SlurmCluster.read(dir.resolve("orrery-hello-" + id + ".out"));
        assertTrue(out.contains("+ srun --mpi=pmix"), out);
        // A PMIx mismatch would start two singletons (size 1 each): the summary must say 2 ranks.
        var hello = summary(dir.resolve("results/slurm/hello-" + id + "/summary.json"));
        assertEquals(2, hello.get("ranks").getAsInt(), hello + "\n" + out);
    }

    /**
     * MPICH in Slurm, both ways MPICH supports here: its mpiexec (Hydra) inside the allocation, which starts its
     * proxies with srun, and srun itself with Slurm's PMI-2 plugin (MPICH's PMI client speaks PMI-1/PMI-2, not PMIx).
     */
    @Test
    void mpichJobUnderMpiexecAndUnderSrunWithPmi2(@TempDir Path dir) {
        Map<String, String> mpich = Map.of("ORRERY_MPI", "mpich", "ORRERY_NO_INSTALL", "1");
        MpiRun.Result probe = MpiRun.run(new MpiRun.Config("mpich", mpich), 1, 300, dir, List.of(), "Hello");
        if (probe.exitCode() != 0 && !SlurmCluster.required()) {
            Assumptions.abort("MPICH is not set up here (ORRERY_MPI=mpich mpi/setup): " + probe.stderr());
        }
        assertEquals(0, probe.exitCode(), probe::describe);
        for (String launch : new String[] {"orrery", "srun"}) {
            Map<String, String> env = new java.util.HashMap<>(mpich);
            env.put("ORRERY_LAUNCH", launch);
            String id = submitAndWait(dir, env, "--ntasks-per-node=2", slurm.script("hello.sbatch"));
            String out = SlurmCluster.read(dir.resolve("orrery-hello-" + id + ".out"));
            assertTrue(out.contains(launch.equals("srun") ? "+ srun --mpi=pmi2 " : "/launch/orrery hello -np 2 "), out);
            assertTrue(
                    Pattern.compile("(?m)^mpi: +mpich \\d.*, backend shim")
                            .matcher(out)
                            .find(),
                    out);
            assertTrue(out.contains("MPI:  MPICH Version:"), out);
            assertTrue(out.contains("rank 0 of 2 on ") && out.contains("rank 1 of 2 on "), out);
            assertTrue(out.contains("reduction check: ok"), out);
        }
    }

    @Test
    void nbodyScriptGivesTheSameStateAsADirectRun(@TempDir Path dir) throws IOException {
        String[] opts = {"-n", "200", "--steps", "20", "--no-plot", "--progress", "0"};
        String[] sbatch = new String[opts.length + 2];
        sbatch[0] = "--ntasks-per-node=3";
        sbatch[1] = slurm.script("nbody.sbatch");
        System.arraycopy(opts, 0, sbatch, 2, opts.length);
        String id = submitAndWait(dir, Map.of(), sbatch);
        Path results = dir.resolve("results/slurm/nbody-" + id);
        String viaSlurm = digest(results.resolve("summary.json"));
        var nbody = summary(results.resolve("summary.json"));
        assertEquals(3, nbody.get("ranks").getAsInt(), nbody.toString());
        assertEquals(1, nbody.get("threads").getAsInt(), nbody.toString());
        assertTrue(Files.isRegularFile(results.resolve("out/nbody/checkpoint.bin")), "no checkpoint in " + results);

        Path direct = dir.resolve("direct");
        String[] args = new String[opts.length + 4];
        System.arraycopy(opts, 0, args, 0, opts.length);
        args[opts.length] = "-o";
        args[opts.length + 1] = direct.toString();
        args[opts.length + 2] = "--summary";
        args[opts.length + 3] = direct.resolve("summary.json").toString();
        MpiRun.Result r = MpiRun.run(1, 120, dir, "NBody", args);
        assertEquals(0, r.exitCode(), r.describe());
        assertEquals(digest(direct.resolve("summary.json")), viaSlurm, "np 3 under Slurm vs np 1 by hand");
    }

    private static com.google.gson.JsonObject summary(Path file) throws IOException {
        return com.google.gson.JsonParser.parseString(Files.readString(file)).getAsJsonObject();
    }

    @Test
    void paircountFarmDecayAndSweepScriptsRunTheirPrograms(@TempDir Path dir) throws IOException {
        String pc = submitAndWait(
                dir,
                Map.of(),
                "--ntasks-per-node=2",
                slurm.script("paircount.sbatch"),
                "-n",
                "3000",
                "--random-factor",
                "1",
                "--no-plot");
        var pcs = summary(dir.resolve("results/slurm/paircount-" + pc + "/summary.json"));
        assertEquals("paircount", pcs.get("program").getAsString());
        assertEquals(2, pcs.get("ranks").getAsInt());
        assertTrue(Files.isRegularFile(dir.resolve("results/slurm/paircount-" + pc + "/out/paircount/paircount.csv")));

        // A folder of small images, named relative to the submission folder (the job runs in its results folder).
        MpiRun.Result gen = MpiRun.run(
                1,
                120,
                dir,
                "GenImages",
                "--kind",
                "uniform",
                "-n",
                "5",
                "-o",
                dir.resolve("imgs").toString());
        assertEquals(0, gen.exitCode(), gen.describe());
        String fm = submitAndWait(
                dir, Map.of(), "--ntasks-per-node=2", slurm.script("farm.sbatch"), "imgs", "-k", "3", "-q");
        var fms = summary(dir.resolve("results/slurm/farm-" + fm + "/summary.json"));
        assertEquals(5, fms.getAsJsonObject("results").get("ok").getAsInt(), fms.toString());

        String dc = submitAndWait(
                dir, Map.of(), "--ntasks-per-node=3", slurm.script("decay.sbatch"), "--nsims", "9", "--no-plot");
        var dcs = summary(dir.resolve("results/slurm/decay-" + dc + "/summary.json"));
        assertEquals("decay", dcs.get("program").getAsString());
        assertEquals(3, dcs.get("ranks").getAsInt());

        String sw = submitAndWait(
                dir,
                Map.of(),
                "--ntasks-per-node=2",
                "--time=00:20:00",
                slurm.script("sweep.sbatch"),
                "decay",
                "--np",
                "1,2",
                "--repeats",
                "1",
                "--",
                "--nsims",
                "4",
                "--no-plot");
        Path csv = dir.resolve("results/slurm/sweep-" + sw + "/results/decay/scaling.csv");
        assertTrue(Files.isRegularFile(csv), SlurmCluster.read(dir.resolve("orrery-sweep-" + sw + ".out")));
        assertEquals(
                2,
                Files.readAllLines(csv).stream()
                        .filter(l -> l.startsWith("1,") || l.startsWith("2,"))
                        .count());
    }

    @Test
    void arrayScriptRunsOneTaskPerParameterLine(@TempDir Path dir) throws IOException {
        Path params = dir.resolve("params.txt");
        Files.writeString(
                params,
                "# comment and blank lines do not count\n\nhello\nnbody -n 64 --steps 4 --no-plot --progress 0 --seed "
                        + "7\n");
        String id = submitAndWait(
                dir, Map.of(), "--array=1-2", "--ntasks=2", slurm.script("array.sbatch"), params.toString());
        var hello = summary(dir.resolve("results/slurm/hello-" + id + "_1/summary.json"));
        assertEquals(2, hello.get("ranks").getAsInt(), hello.toString());
        var nbody = summary(dir.resolve("results/slurm/nbody-" + id + "_2/summary.json"));
        assertEquals(7, nbody.getAsJsonObject("parameters").get("seed").getAsLong(), nbody.toString());
        assertEquals(4, nbody.getAsJsonObject("results").get("steps_done").getAsLong(), nbody.toString());
    }

    @Test
    void scalingScriptWritesCsvWithOneDigest(@TempDir Path dir) throws IOException {
        String id = submitAndWait(
                dir, Map.of(), "--ntasks-per-node=3", slurm.script("scaling.sbatch"), "-n", "120", "--steps", "5");
        List<String> csv = Files.readAllLines(dir.resolve("results/slurm/scaling-" + id + "/scaling.csv"));
        assertEquals("np,wall_s,rate,rate_unit,speedup,efficiency,state_sha256", csv.get(0));
        assertEquals(4, csv.size(), "np 1, 2, 3: " + csv);
        String digest = null;
        for (int i = 1; i < csv.size(); i++) {
            String[] f = csv.get(i).split(",", -1);
            assertEquals(7, f.length, csv.get(i));
            assertEquals(List.of("1", "2", "3").get(i - 1), f[0]);
            assertTrue(Double.parseDouble(f[1]) > 0, csv.get(i));
            assertTrue(f[6].matches("[0-9a-f]{64}"), csv.get(i));
            if (digest == null) {
                digest = f[6];
            }
            assertEquals(digest, f[6], "state differs at np " + f[0]);
        }
    }

    @Test
    void impossibleRequestsAreRejectedAtSubmission(@TempDir Path dir) {
        for (String[] req : List.of(
                new String[] {"--nodes=5"}, new String[] {"--ntasks-per-node=64"}, new String[] {"--time=2-00:00:00"
                })) {
            String[] cmd = new String[req.length + 3];
            cmd[0] = "sbatch";
            cmd[1] = "--parsable";
            System.arraycopy(req, 0, cmd, 2, req.length);
            cmd[cmd.length - 1] = slurm.script("hello.sbatch");
            SlurmCluster.Result r = slurm.run(dir, 30, cmd);
            assertNotEquals(0, r.exitCode(), "accepted: " + r.describe());
            assertTrue(r.stderr().contains("Batch job submission failed"), r.describe());
        }
        SlurmCluster.Result q = slurm.run(dir, 30, "squeue", "-h", "-t", "PENDING", "-o", "%i %r");
        assertEquals("", q.stdout().strip(), "pending jobs left: " + q.describe());
    }
}
