package org.orrery.apps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orrery.io.OutputLock;
import org.orrery.io.ProcessGuard;
import org.orrery.testing.MpiRun;
import org.orrery.testing.Summaries;

/**
 * Preemption (issue 13): a stop signal to a running nbody under mpirun makes every rank stop after the same step, rank
 * 0 write a checkpoint there and print one line, and the job exit 75; the checkpoint restarted at another np ends in
 * the digest of an uninterrupted run. Leapfrog: SIGUSR1 to mpirun itself (which forwards it to the ranks; to the
 * launcher under Hydra). Hermite: SIGTERM to launch/orrery (which turns it into SIGUSR1 for mpirun). The runs are asked
 * for far more steps than any machine does before the signal, which is sent only once a checkpoint shows the loop is
 * running.
 */
class NBodyPreemptIT {
    @TempDir
    Path tmp;

    private static final Pattern LINE =
            Pattern.compile("orrery nbody: preempted by (SIGUSR1|SIGTERM) at (step (\\d+)|t = (\\S+)) "
                    + "\\(rank 0 on .+\\): checkpoint (.+checkpoint\\.bin) written; continue with the same command, "
                    + "--restart \\5 "
                    + "in place of the initial-condition options \\(exit status 75\\)");

    /** Starts nbody at np through launch/orrery, waits for its first checkpoint, signals, returns the matched line. */
    private Matcher preempt(int np, boolean toLauncher, String sig, List<String> args) throws Exception {
        Path out = tmp.resolve("preempted");
        Path err = tmp.resolve("err.txt");
        List<String> cmd = new ArrayList<>(
                List.of(MpiRun.launcher().toString(), "nbody", "-np", Integer.toString(np), "--no-build"));
        cmd.addAll(args);
        cmd.addAll(List.of("-q", "--no-plot", "-o", out.toString()));
        Process p = new ProcessBuilder(cmd)
                .redirectError(err.toFile())
                .redirectOutput(tmp.resolve("out.txt").toFile())
                .start();
        try {
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
            while (!Files.exists(out.resolve("checkpoint.bin")) && p.isAlive() && System.nanoTime() < until) {
                Thread.sleep(100);
            }
            assertTrue(Files.exists(out.resolve("checkpoint.bin")), "the run is stepping (a first checkpoint)");
            assertTrue(p.isAlive(), "the run is still going");
            long target = toLauncher ? p.pid() : MpiRun.mpirunOf(p).pid();
            Process kill = new ProcessBuilder("kill", sig, Long.toString(target)).start();
            assertTrue(kill.waitFor(10, TimeUnit.SECONDS));
            assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the run stopped after the signal");
            String e = Files.readString(err, StandardCharsets.UTF_8);
            assertEquals(75, p.exitValue(), e);
            List<String> lines = MpiRun.nonBlankLines(e);
            assertEquals(1, lines.size(), e);
            Matcher m = LINE.matcher(lines.get(0));
            assertTrue(m.matches(), e);
            assertEquals(out.resolve("checkpoint.bin").toString(), m.group(5));
            assertFalse(Files.exists(out.resolve(OutputLock.NAME)), "the lock went with the run");
            return m;
        } finally {
            ProcessGuard.killTree(p.toHandle());
        }
    }

    private String digest(int np, String name, List<String> args) throws IOException {
        List<String> a = new ArrayList<>(args);
        a.addAll(List.of(
                "-q",
                "--no-plot",
                "-o",
                tmp.resolve(name).toString(),
                "--summary",
                tmp.resolve(name + ".json").toString()));
        MpiRun.Result r = MpiRun.run(np, 300, tmp, "NBody", a.toArray(String[]::new));
        assertEquals(0, r.exitCode(), r::describe);
        return Summaries.results(tmp.resolve(name + ".json"))
                .get("state_sha256")
                .getAsString();
    }

    @Test
    void leapfrogUsr1ToMpirunCheckpointsAndContinuesBitExactAtAnotherNp() throws Exception {
        List<String> ic = List.of("--ic", "plummer", "-n", "300", "--seed", "5");
        List<String> run = new ArrayList<>(ic);
        run.addAll(List.of("--steps", "100000000", "--checkpoint-every", "5", "--snap-every", "0"));
        // Hydra (MPICH) forwards SIGUSR1 to the ranks too, but then may lose their exit status (4.0.2 exits 0 at np 1,
        // sometimes at np 2): there the signal goes to launch/orrery, which hands it to the ranks on this host itself.
        Matcher m = preempt(2, MpiRun.config("MPIRUN_STYLE").equals("hydra"), "-USR1", run);
        assertEquals("SIGUSR1", m.group(1));
        long k = Long.parseLong(m.group(3));
        String end = Long.toString(k + 17);
        String resumed = digest(3, "preempted", List.of("--restart", m.group(5), "--steps", end, "--snap-every", "0"));
        List<String> straight = new ArrayList<>(ic);
        straight.addAll(List.of("--steps", end, "--snap-every", "0"));
        assertEquals(digest(1, "straight", straight), resumed);
    }

    @Test
    void hermiteTermToLauncherCheckpointsAndContinuesBitExactAtAnotherNp() throws Exception {
        List<String> ic =
                List.of("--integrator", "hermite", "--ic", "plummer", "-n", "64", "--seed", "3", "--eta", "0.03");
        List<String> run = new ArrayList<>(ic);
        run.addAll(List.of("--t-end", "1000000", "--checkpoint-every", "1", "--snap-every", "0"));
        Matcher m = preempt(3, true, "-TERM", run);
        assertEquals("SIGUSR1", m.group(1), "launch/orrery passed SIGTERM on as SIGUSR1");
        String end = String.format(Locale.ROOT, "%.9g", Double.parseDouble(m.group(4)) + 0.25);
        String resumed = digest(
                2,
                "preempted",
                List.of("--integrator", "hermite", "--restart", m.group(5), "--t-end", end, "--snap-every", "0"));
        List<String> straight = new ArrayList<>(ic);
        straight.addAll(List.of("--t-end", end, "--snap-every", "0"));
        assertEquals(digest(1, "straight", straight), resumed);
    }

    @Test
    void aKilledRankEndsTheJobWithOneLineExit1AndNothingLeft() throws Exception {
        Path out = tmp.resolve("killed");
        Path err = tmp.resolve("killed.txt");
        Path scratch = Files.createDirectories(tmp.resolve("scratch")); // the launcher's TMPDIR
        Process p = MpiRun.background(
                err,
                tmp.resolve("killed-out.txt"),
                Map.of("TMPDIR", scratch.toString()),
                "nbody",
                "-np",
                "3",
                "--ranks-as", // a rank of its own to kill: one JVM per rank
                "processes",
                "--no-build",
                "--ic",
                "plummer",
                "-n",
                "300",
                "--steps",
                "100000000",
                "--checkpoint-every",
                "5",
                "--snap-every",
                "0",
                "-q",
                "--no-plot",
                "-o",
                out.toString());
        try {
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
            while (!Files.exists(out.resolve("checkpoint.bin")) && p.isAlive() && System.nanoTime() < until) {
                Thread.sleep(100);
            }
            assertTrue(Files.exists(out.resolve("checkpoint.bin")), "the run is stepping (a first checkpoint)");
            ProcessHandle mpirun = MpiRun.mpirunOf(p);
            // Open MPI's mpirun starts the ranks itself; Hydra's mpiexec through a hydra_pmi_proxy.
            List<ProcessHandle> ranks = mpirun.descendants()
                    .filter(h -> h.info().command().orElse("").endsWith("java"))
                    .toList();
            assertEquals(3, ranks.size(), () -> mpirun.descendants()
                    .map(h -> h.info().toString())
                    .toList()
                    .toString());
            ProcessHandle victim = ranks.get(1);
            int rank = worldRank(victim);
            victim.destroyForcibly(); // SIGKILL
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the job ended after a rank died");
            String e = Files.readString(err, StandardCharsets.UTF_8);
            assertEquals(1, p.exitValue(), e);
            List<String> lines = MpiRun.nonBlankLines(e);
            assertEquals(1, lines.size(), e);
            // The launcher names the mpirun/mpiexec of the configuration (mpirun.openmpi, mpiexec.mpich, ...) and
            // the killed rank; Hydra kills every rank at once, so there it may only say that a rank ended.
            String host = Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
            String named = "rank " + rank + " \\(pid " + victim.pid() + " on " + Pattern.quote(host) + "\\) was killed";
            String who = MpiRun.config("MPIRUN_STYLE").equals("hydra") ? "(" + named + "|a rank ended)" : named;
            assertTrue(
                    lines.get(0)
                            .matches("orrery nbody: " + who + " by SIGKILL and \\S*(mpirun|mpiexec)\\S* stopped the "
                                    + "others \\(nothing is left running\\); files written atomically before "
                                    + "\\(checkpoints, snapshots\\) are intact.*"),
                    e);
            try (var left = Files.list(scratch)) {
                assertEquals(List.of(), left.toList(), "the launcher removed its ranks' directory");
            }
            long gone = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (ranks.stream().anyMatch(NBodyPreemptIT::running) && System.nanoTime() < gone) {
                Thread.sleep(100);
            }
            assertTrue(ranks.stream().noneMatch(NBodyPreemptIT::running), "no rank is left");
            assertFalse(running(mpirun), "mpirun is gone");
        } finally {
            ProcessGuard.killTree(p.toHandle());
        }
        // The last checkpoint is intact: it continues (the stale lock of the killed run is taken over).
        MpiRun.Result r = MpiRun.run(
                2,
                120,
                tmp,
                "NBody",
                "--restart",
                out.resolve("checkpoint.bin").toString(),
                "--steps",
                "1",
                "-q",
                "--no-plot",
                "-o",
                tmp.resolve("continued").toString());
        assertTrue(r.exitCode() == 0 || r.stderr().contains("before the restart point"), r::describe);
    }

    /** The MPI rank of a process mpirun started (the environment variable of Open MPI or Hydra). */
    private static int worldRank(ProcessHandle h) throws IOException {
        String env = Files.readString(Path.of("/proc", Long.toString(h.pid()), "environ"), StandardCharsets.UTF_8);
        for (String kv : env.split("\0", -1)) {
            if (kv.startsWith("OMPI_COMM_WORLD_RANK=") || kv.startsWith("PMI_RANK=")) {
                return Integer.parseInt(kv.substring(kv.indexOf('=') + 1));
            }
        }
        throw new AssertionError("no OMPI_COMM_WORLD_RANK or PMI_RANK in the environment of pid " + h.pid());
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
}
