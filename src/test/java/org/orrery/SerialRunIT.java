package org.orrery;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orrery.io.ProcessGuard;
import org.orrery.testing.MpiRun;

/**
 * One rank without MPI: launch/orrery runs {@code -np 1} of a computing program as a plain java on the serial
 * communicator (no mpirun, no MPI start-up) and gives the same bytes as the same run under MPI ({@code --with-mpi}).
 */
class SerialRunIT {
    @TempDir
    Path tmp;

    private static MpiRun.Result launch(String... args) {
        List<String> cmd = new ArrayList<>(List.of(MpiRun.launcher().toString()));
        cmd.addAll(List.of(args));
        cmd.add("--no-build");
        return MpiRun.exec(cmd, Map.of(), 300, null);
    }

    private static String dryRun(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--dry-run");
        MpiRun.Result r = launch(all.toArray(String[]::new));
        assertEquals(0, r.exitCode(), r::describe);
        return r.stdout().strip();
    }

    @Test
    void oneRankOfAComputingProgramStartsNoMpiUnlessAsked() {
        for (String program : List.of("nbody", "paircount", "farm", "decay", "gen-images")) {
            String line = dryRun(program);
            assertTrue(line.startsWith("java "), line);
            assertTrue(line.contains("-Dorrery.mpi.backend=serial"), line);
        }
        for (String[] args : List.of(
                new String[] {"nbody", "--with-mpi"},
                new String[] {"nbody", "-np", "2", "--ranks-as", "processes"},
                new String[] {"paircount", "--mpirun-arg", "--oversubscribe"},
                new String[] {"hello"},
                new String[] {"commcheck"})) {
            String line = dryRun(args);
            assertFalse(line.startsWith("java ") || line.contains("backend=serial"), line);
        }
        boolean defaults = java.util.stream.Stream.of(
                        "ORRERY_MPI", "ORRERY_MPI_BACKEND", "ORRERY_OMPI_JAVA", "ORRERY_RANKS_AS", "SLURM_JOB_ID")
                .allMatch(v -> System.getenv(v) == null);
        for (String program :
                defaults ? List.of("nbody", "paircount", "farm", "decay", "gen-images") : List.<String>of()) {
            // On one host with no MPI chosen: three ranks as threads of one JVM, no MPI (LauncherIT: when not).
            String line = dryRun(program, "-np", "3");
            assertTrue(line.startsWith("java ") && line.contains("-Dorrery.threadRanks=3"), line);
        }
        String singleton = dryRun("nbody", "--no-mpirun").replaceFirst("^env OMPI_MCA_pml=ob1 ", "");
        assertTrue(singleton.startsWith("java "), "--no-mpirun: an MPI singleton: " + singleton);
        assertFalse(dryRun("nbody", "--no-mpirun").contains("backend=serial"));
    }

    @Test
    void theSerialRunWritesTheSameBytesAsTheRunUnderMpi() throws IOException {
        Map<String, Path> outs = new java.util.LinkedHashMap<>();
        for (String how : List.of("serial", "mpi")) {
            Path out = tmp.resolve(how);
            List<String> args = new ArrayList<>(List.of(
                    "paircount",
                    "--generate",
                    "uniform",
                    "-n",
                    "20000",
                    "--random-factor",
                    "1",
                    "--periodic",
                    "--threads",
                    "2",
                    "-o",
                    out.toString(),
                    "--summary",
                    tmp.resolve(how + ".json").toString()));
            if (how.equals("mpi")) {
                args.add("--with-mpi");
            }
            MpiRun.Result r = launch(args.toArray(String[]::new));
            assertEquals(0, r.exitCode(), r::describe);
            outs.put(how, out);
            String mpi = JsonParser.parseString(Files.readString(tmp.resolve(how + ".json")))
                    .getAsJsonObject()
                    .get("mpi")
                    .getAsString();
            assertEquals(how.equals("serial"), mpi.startsWith("serial"), mpi);
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(outs.get("serial"))) {
            files = s.sorted().toList();
        }
        assertTrue(files.size() >= 3, files::toString);
        for (Path f : files) {
            Path other = outs.get("mpi").resolve(f.getFileName());
            assertArrayEquals(
                    Files.readAllBytes(f),
                    Files.readAllBytes(other),
                    f.getFileName().toString());
        }
        try (Stream<Path> s = Files.list(outs.get("mpi"))) {
            assertEquals(files.size(), s.count());
        }
    }

    @Test
    void aKilledSerialRunSaysSoInOneLine() throws Exception {
        Path err = tmp.resolve("err.txt");
        Process p = MpiRun.background(
                err,
                tmp.resolve("out.txt"),
                Map.of(),
                "nbody",
                "--no-build",
                "-n",
                "2000",
                "--steps",
                "100000000",
                "--snap-every",
                "0",
                "--checkpoint-every",
                "0",
                "-q",
                "-o",
                tmp.resolve("o").toString());
        try {
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            ProcessHandle rank = null;
            while (rank == null && p.isAlive() && System.nanoTime() < until) {
                Thread.sleep(200);
                rank = p.toHandle()
                        .children()
                        .filter(c -> c.info().command().orElse("").endsWith("java")
                                && c.info()
                                        .startInstant()
                                        .orElseThrow()
                                        .isBefore(Instant.now().minusSeconds(1)))
                        .findFirst()
                        .orElse(null);
            }
            assertTrue(rank != null, "the launcher's child is the java itself");
            rank.destroyForcibly();
            assertTrue(p.waitFor(60, TimeUnit.SECONDS));
            String e = Files.readString(err);
            assertEquals(1, p.exitValue(), e);
            List<String> lines = MpiRun.nonBlankLines(e);
            assertEquals(1, lines.size(), e);
            // "rank 0 (pid P on HOST) was killed by SIGKILL" once the rank has registered, before that "a rank ended
            // by SIGKILL"; never that an mpirun "stopped the others".
            assertTrue(
                    lines.get(0)
                            .matches("orrery nbody: (rank 0 \\(pid \\d+ on .+\\) was killed|a rank ended) by SIGKILL"
                                    + " \\(nothing is left running\\); files written atomically before .*"),
                    e);
        } finally {
            ProcessGuard.killTree(p.toHandle());
        }
    }

    @Test
    void theSerialBackendUnderAnMpirunOfSeveralRanksIsRefused() {
        MpiRun.Result r = launch(
                "paircount",
                "-np",
                "2",
                "--ranks-as",
                "processes",
                "--jvm",
                "-Dorrery.mpi.backend=serial",
                "--generate",
                "uniform",
                "-n",
                "100");
        assertEquals(1, r.exitCode(), r::describe);
        assertTrue(r.stderr().contains("runs one rank without MPI, but the launcher set"), r::describe);
        assertFalse(r.stderr().contains("Exception"), r::describe);
    }
}
