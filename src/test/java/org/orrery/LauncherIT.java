package org.orrery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orrery.testing.MpiRun;

/**
 * launch/orrery, the one place that writes an mpirun/mpiexec line: each MPI family's dialect in {@code --dry-run}, and
 * a wrong MPI setting ending with one line and exit 2 (bad option) or 1 (environment).
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
}
