package org.orrery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orrery.testing.MpiRun;

/**
 * launch/orrery, the one place that writes an mpirun/mpiexec line: each MPI family's dialect in {@code --dry-run}, and
 * a wrong MPI setting ending with one line and exit 2 (bad option) or 1 (environment); the class-data archive (offered
 * when whole and current, never a word on stderr when it is not).
 */
class LauncherIT {
    @TempDir
    Path tmp;

    private static MpiRun.Result launch(Map<String, String> env, String... args) {
        List<String> cmd = new java.util.ArrayList<>(List.of(MpiRun.launcher().toString()));
        cmd.addAll(List.of(args));
        Map<String, String> all = new HashMap<>(env);
        all.put("ORRERY_NO_INSTALL", "1");
        return MpiRun.exec(cmd, all, 300, null);
    }

    private static void oneLineError(MpiRun.Result r, int code) {
        assertEquals(code, r.exitCode(), r::describe);
        assertEquals(1, r.stderrLines().size(), r::describe);
        assertTrue(r.stderrLines().get(0).contains("error: "), r::describe);
    }

    @Test
    void openMpiLineHasItsOwnFlagsAndTheConfiguredLibrary() {
        MpiRun.Result r = launch(
                Map.of("ORRERY_MPI", "openmpi", "ORRERY_MPI_BACKEND", "ompi-java"),
                "hello",
                "-np",
                "3",
                "--no-build",
                "--dry-run");
        Assumptions.assumeTrue(r.exitCode() == 0, () -> "Open MPI with Java bindings not set up here: " + r.stderr());
        String line = r.stdout().strip();
        assertTrue(
                line.matches("\\S*mpirun\\S* -np 3 .*-q --bind-to none --mca opal_signal '' .*java -cp .*Hello"), line);
        assertTrue(line.contains("-Dorrery.mpi.backend=ompi-java"), line);
        assertTrue(line.contains("-Djava.library.path="), line);
    }

    @Test
    void openMpiOnOneHostOpensOnlyOb1UnlessTheUserChoseOrTheRanksSpreadOut() {
        Map<String, String> env = Map.of("ORRERY_MPI", "openmpi");
        MpiRun.Result one = launch(env, "hello", "-np", "2", "--no-build", "--dry-run");
        Assumptions.assumeTrue(one.exitCode() == 0, () -> "Open MPI not set up here: " + one.stderr());
        assertTrue(one.stdout().contains(" --mca pml ob1 "), one.stdout());
        String hosts = helloDryRun(env, "--mpirun-arg", "--host", "--mpirun-arg", "a,b");
        assertFalse(hosts.contains("pml"), hosts);
        String chosen = helloDryRun(env, "--mpirun-arg", "--mca", "--mpirun-arg", "pml", "--mpirun-arg", "ucx");
        assertFalse(chosen.contains("pml ob1"), chosen);
        String byEnv = helloDryRun(Map.of("ORRERY_MPI", "openmpi", "OMPI_MCA_pml", "ob1"));
        assertFalse(byEnv.contains("pml"), byEnv);
        String singleton =
                launch(env, "hello", "--no-mpirun", "--no-build", "--dry-run").stdout();
        assertTrue(singleton.startsWith("env OMPI_MCA_pml=ob1 java "), singleton);
    }

    @Test
    void vectorKernelClassesReachC2EarlyUnlessTurnedOff() {
        Map<String, String> env = Map.of("ORRERY_MPI", "openmpi");
        MpiRun.Result on = launch(env, "hello", "-np", "2", "--no-build", "--dry-run");
        Assumptions.assumeTrue(on.exitCode() == 0, () -> "Open MPI not set up here: " + on.stderr());
        for (String pkg : List.of("gravity", "paircount")) {
            assertTrue(on.stdout().contains("CompileThresholdScaling\\,org.orrery.physics." + pkg + ".Vector"), pkg);
        }
        assertTrue(on.stdout().contains("-XX:CompileCommand=quiet "), on.stdout());
        for (String off : List.of("ORRERY_KERNEL_JIT", "ORRERY_VECTOR", "ORRERY_TUNING")) {
            Map<String, String> offEnv = new HashMap<>(env);
            offEnv.put(off, "off");
            assertFalse(helloDryRun(offEnv).contains("CompileCommand"), off);
        }
    }

    /** The dry-run line of {@code hello -np 2} with {@code extra} launcher options. */
    private static String helloDryRun(Map<String, String> env, String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("hello", "-np", "2", "--no-build", "--dry-run"));
        args.addAll(List.of(extra));
        return launch(env, args.toArray(String[]::new)).stdout();
    }

    @Test
    void mpichLineUsesHydraFlagsAndTheShim() {
        MpiRun.Result r = launch(
                Map.of("ORRERY_MPI", "mpich"),
                "hello",
                "-np",
                "3",
                "--no-build",
                "--dry-run",
                "--mpirun-arg",
                "--oversubscribe");
        Assumptions.assumeTrue(r.exitCode() == 0, () -> "MPICH not set up here: " + r.stderr());
        String line = r.stdout().strip();
        assertTrue(line.matches("\\S*mpiexec\\S* -n 3 -bind-to none .*java -cp .*Hello"), line);
        assertTrue(line.contains("-Dorrery.mpi.backend=shim"), line);
        assertFalse(
                line.contains("--mca") || line.contains("--oversubscribe") || line.contains("--allow-run-as-root"),
                line);
    }

    /** The launch line of {@code nbody -np 2} with {@code extra} (a dry run). */
    private static String nbodyLine(Map<String, String> env, String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("nbody", "-np", "2", "--no-build", "--dry-run"));
        args.addAll(List.of(extra));
        MpiRun.Result r = launch(env, args.toArray(String[]::new));
        assertEquals(0, r.exitCode(), r::describe);
        return r.stdout().strip();
    }

    @Test
    void ranksRunAsThreadsOnOneHostUnlessMpiIsAskedFor() {
        Assumptions.assumeTrue(
                java.util.stream.Stream.of(
                                "ORRERY_MPI",
                                "ORRERY_MPI_BACKEND",
                                "ORRERY_OMPI_JAVA",
                                "ORRERY_RANKS_AS",
                                "SLURM_JOB_ID")
                        .allMatch(v -> System.getenv(v) == null),
                "the launcher's defaults: no MPI chosen, no Slurm job");
        String threads = nbodyLine(Map.of());
        assertTrue(threads.startsWith("java ") && threads.contains("-Dorrery.threadRanks=2"), threads);
        assertTrue(threads.contains("-XX:MaxRAMPercentage=50"), threads);
        assertFalse(
                nbodyLine(Map.of("ORRERY_RANKS_AS", "threads"), "--with-mpi").contains("threadRanks"));
        for (String[] mpi : List.of(
                new String[] {"--ranks-as", "processes"},
                new String[] {"--mpi", MpiRun.config("MPI_FAMILY").equals("mpich") ? "mpich" : "openmpi"},
                new String[] {"--with-mpi"},
                new String[] {"--mpirun-arg", "--oversubscribe"})) {
            String line = nbodyLine(Map.of(), mpi);
            assertFalse(line.contains("threadRanks"), String.join(" ", mpi) + ": " + line);
        }
        for (String batch : List.of("SLURM_JOB_ID", "PBS_JOBID", "LSB_JOBID")) { // a batch job: processes
            assertFalse(nbodyLine(Map.of(batch, "1")).contains("threadRanks"), batch);
            assertFalse(
                    nbodyLine(Map.of(batch, "1", "ORRERY_RANKS_AS", "threads")).contains("threadRanks"), batch);
        }
        assertFalse(nbodyLine(Map.of("ORRERY_RANKS_AS", "processes")).contains("threadRanks"));
        assertTrue(
                nbodyLine(Map.of("SLURM_JOB_ID", "1"), "--ranks-as", "threads").contains("threadRanks=2"));
        oneLineError(launch(Map.of(), "nbody", "-np", "2", "--ranks-as", "fibres", "--no-build"), 2);
        oneLineError(launch(Map.of(), "nbody", "-np", "2", "--ranks-as", "threads", "--with-mpi", "--no-build"), 2);
        oneLineError(
                launch(Map.of(), "nbody", "-np", "2", "--ranks-as", "threads", "--mpi", "openmpi", "--no-build"), 2);
        oneLineError(launch(Map.of(), "hello", "-np", "2", "--ranks-as", "threads", "--no-build"), 2);
    }

    @Test
    void unknownMpiNameOrBackendIsABadOption() {
        oneLineError(launch(Map.of(), "hello", "--mpi", "lam", "--no-build"), 2);
        oneLineError(launch(Map.of("ORRERY_MPI", "lam"), "hello", "--no-build"), 2);
        oneLineError(launch(Map.of(), "hello", "--backend", "jni", "--no-build"), 2);
    }

    @Test
    void prefixWithoutMpiccSaysSo() throws IOException {
        Files.createDirectories(tmp.resolve("bin"));
        MpiRun.Result r = launch(Map.of("ORRERY_MPI", tmp.toString()), "hello", "--no-build");
        oneLineError(r, 1);
        assertTrue(r.stderr().contains("bin/mpicc"), r::describe);
    }

    @Test
    void mpirunOfAnotherMpiFirstOnPathIsRefused() throws IOException {
        Path hydra = Path.of("/usr/bin/mpiexec.mpich");
        Assumptions.assumeTrue(
                java.util.stream.Stream.of("ORRERY_MPI", "ORRERY_MPI_BACKEND", "ORRERY_OMPI_JAVA")
                        .allMatch(v -> System.getenv(v) == null),
                "the default configuration is not the one under test");
        MpiRun.Result def = launch(Map.of(), "config", "--no-build");
        Assumptions.assumeTrue(
                Files.isExecutable(hydra)
                        && def.exitCode() == 0
                        && def.stdout().contains("MPI_FAMILY=openmpi")
                        && !def.stdout().contains("DEFAULT_FROM=explicit"),
                "needs a default Open MPI configuration found on PATH and MPICH's mpiexec.mpich");
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        Files.createSymbolicLink(bin.resolve("mpirun"), hydra);
        MpiRun.Result r = launch(Map.of("PATH", bin + ":" + System.getenv("PATH")), "hello", "--no-build");
        oneLineError(r, 1);
        assertTrue(r.stderr().contains("ORRERY_MPI=openmpi"), r::describe);
    }

    /** hello -np 2 through the launcher: the same lines as always, nothing on stderr. */
    private static void helloIsCorrectAndSilent(Map<String, String> env) {
        MpiRun.Result r = launch(env, "hello", "-np", "2", "--no-build");
        assertEquals(0, r.exitCode(), r::describe);
        assertTrue(r.stdout().contains("broadcast check: ok"), r::describe);
        assertTrue(r.stdout().contains("reduction check: ok (sum of ranks 1, expected 1)"), r::describe);
        assertEquals("", r.stderr(), r::describe);
    }

    private static String dryRun(Map<String, String> env) {
        MpiRun.Result r = launch(env, "hello", "-np", "2", "--no-build", "--dry-run");
        assertEquals(0, r.exitCode(), r::describe);
        return r.stdout().strip();
    }

    @Test
    void classDataArchiveIsOfferedWhenCurrentAndNeverHeardOfWhenNot() throws IOException {
        String config = MpiRun.config("CONFIG");
        String style = MpiRun.config("MPIRUN_STYLE");
        Assumptions.assumeTrue(!config.isEmpty() && !"srun".equals(style), "needs an mpirun/mpiexec configuration");
        Path dir = tmp.resolve("cds");
        // A folder of its own (the repository's target/cds is left alone), no background builds, and an archive
        // trained on hello only (seconds instead of the half minute of all the training runs).
        Map<String, String> env =
                Map.of("ORRERY_CDS_DIR", dir.toString(), "ORRERY_CDS_BUILD", "never", "ORRERY_CDS_TRAIN", "hello");
        Path archive = dir.resolve(config + ".jsa");
        Path key = dir.resolve(config + ".key");

        String none = dryRun(env);
        assertFalse(none.contains("SharedArchiveFile"), none);
        MpiRun.Result made = launch(env, "cds", "--no-build");
        assertEquals(0, made.exitCode(), made::describe);
        assertTrue(Files.size(archive) > 1_000_000 && Files.isRegularFile(key), made::describe);

        String line = dryRun(env);
        assertTrue(line.contains(" -XX:SharedArchiveFile=" + archive + " -Xshare:auto "), line);
        // Open MPI's mpirun rewrites a command that starts with java (its folder first on the class path):
        // the launcher starts the ranks through env, which it leaves alone.
        assertEquals("openmpi".equals(style), line.contains(" env java -cp "), line);
        helloIsCorrectAndSilent(env);
        for (String off : List.of("ORRERY_CDS", "ORRERY_TUNING")) {
            Map<String, String> offEnv = new HashMap<>(env);
            offEnv.put(off, "off");
            String plain = dryRun(offEnv);
            assertFalse(plain.contains("SharedArchiveFile"), off + ": " + plain);
        }

        // Stale (its key names other jars or another JVM): not offered.
        String current = Files.readString(key);
        Files.writeString(key, current.replaceFirst("format \\d+", "format 0"));
        assertFalse(dryRun(env).contains("SharedArchiveFile"));
        helloIsCorrectAndSilent(env);
        Files.writeString(key, current);
        assertTrue(dryRun(env).contains("SharedArchiveFile"));

        // Damaged in place, its time and size kept (so the launcher's check passes): the JVM refuses it, silently.
        FileTime time = Files.getLastModifiedTime(archive);
        byte[] junk = new byte[(int) Files.size(archive)];
        java.util.Arrays.fill(junk, (byte) 0x5a);
        Files.setPosixFilePermissions(archive, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        Files.write(archive, junk);
        Files.setLastModifiedTime(archive, time);
        assertTrue(dryRun(env).contains("SharedArchiveFile"), "same size and time: still offered");
        helloIsCorrectAndSilent(env);

        // Truncated (a short archive would crash the JVM): no longer offered.
        Files.write(archive, new byte[4096]);
        assertFalse(dryRun(env).contains("SharedArchiveFile"));
        helloIsCorrectAndSilent(env);
    }

    /**
     * Under Open MPI a rank that ends in order with a non-zero status writes it into the rank registry and exits 0
     * (mpirun would answer status 2 by stopping the finished ranks with SIGCONT, 1 s, SIGTERM, 1 s, SIGKILL): the
     * ranks' lines and mpirun's 0 when asked, status 2 and no line when not, and the launcher's status 2.
     */
    @Test
    void openMpiRanksRelayTheirExitStatusToTheLauncher() throws IOException {
        Map<String, String> ompi = Map.of("ORRERY_MPI", "openmpi");
        MpiRun.Result dry = launch(ompi, "hello", "-np", "2", "--no-build", "--dry-run", "--bogus");
        Assumptions.assumeTrue(dry.exitCode() == 0, () -> "Open MPI not set up here: " + dry.stderr());
        List<String> line = List.of("bash", "-c", dry.stdout().strip());
        Path asked = Files.createDirectory(tmp.resolve("asked"));
        MpiRun.Result relayed =
                MpiRun.exec(line, Map.of("ORRERY_RANKS_DIR", asked.toString(), "ORRERY_EXIT_RELAY", "1"), 300, tmp);
        assertEquals(0, relayed.exitCode(), relayed::describe);
        Path plain = Files.createDirectory(tmp.resolve("plain"));
        MpiRun.Result direct = MpiRun.exec(line, Map.of("ORRERY_RANKS_DIR", plain.toString()), 300, tmp);
        assertEquals(2, direct.exitCode(), direct::describe);
        for (int r = 0; r < 2; r++) {
            List<String> a = Files.readAllLines(asked.resolve("rank-" + r));
            assertTrue(a.contains("exit 2"), () -> a.toString());
            List<String> p = Files.readAllLines(plain.resolve("rank-" + r));
            assertFalse(p.stream().anyMatch(l -> l.startsWith("exit")), () -> p.toString());
        }
        oneLineError(launch(ompi, "hello", "-np", "2", "--no-build", "--bogus"), 2);
    }
}
