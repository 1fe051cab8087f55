package org.orrery.cluster;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A private single-node Slurm for integration tests, started by {@code launch/slurm/test/slurm-up} with its
 * configuration, state, logs and munge key in a temporary folder, and stopped by {@code slurm-down} (which ends only
 * the daemons it started). Where Slurm is absent and cannot be installed (not root), the tests are skipped — unless CI
 * is set or {@code orrery.mpirun=require}, where that is a failure.
 */
final class SlurmCluster implements AutoCloseable {
    /** What a finished command left. */
    record Result(int exitCode, String stdout, String stderr, List<String> command) {
        String describe() {
            return "command: " + String.join(" ", command) + "\nexit " + exitCode + "\n--- stdout\n" + stdout
                    + "\n--- stderr\n" + stderr;
        }
    }

    final Path repo;
    final Path dir;
    final Path conf;

    private SlurmCluster(Path repo, Path dir, Path conf) {
        this.repo = repo;
        this.dir = dir;
        this.conf = conf;
    }

    static boolean required() {
        String ci = System.getenv("CI");
        return (ci != null && !ci.isEmpty()) || "require".equals(System.getProperty("orrery.mpirun"));
    }

    /** Starts a cluster on a free pair of ports (skips or fails as described above when it cannot). */
    static SlurmCluster start() throws IOException {
        Path repo = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        Path dir = Files.createTempDirectory("orrery-slurm");
        int port = freePortPair();
        List<String> cmd = List.of(repo.resolve("launch/slurm/test/slurm-up").toString(), dir.toString());
        Result r = exec(cmd, Map.of("ORRERY_SLURM_PORT", Integer.toString(port)), repo, 600);
        if (r.exitCode() == 3 && !required()) {
            Assumptions.abort("Slurm is not installed and cannot be installed here (not root): Slurm tests skipped\n"
                    + r.stderr());
        }
        if (r.exitCode() != 0) {
            exec(List.of(repo.resolve("launch/slurm/test/slurm-down").toString(), dir.toString()), Map.of(), repo, 60);
            fail("slurm-up failed (logs in " + dir + ")\n" + r.describe());
        }
        return new SlurmCluster(repo, dir, dir.resolve("slurm.conf"));
    }

    private static int freePortPair() throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            int p = ThreadLocalRandom.current().nextInt(20000, 40000);
            try (ServerSocket a = new ServerSocket(p);
                    ServerSocket b = new ServerSocket(p + 1)) {
                if (a.isBound() && b.isBound()) {
                    return p;
                }
            } catch (IOException busy) {
                // that pair is taken: the loop tries another
            }
        }
        throw new IOException("no free pair of TCP ports found for slurmctld/slurmd");
    }

    /** Runs a Slurm client command (or anything) against this cluster, in {@code workDir}. */
    Result run(Path workDir, double timeoutSeconds, Map<String, String> env, String... cmd) {
        Map<String, String> all = new java.util.HashMap<>(env);
        all.put("SLURM_CONF", conf.toString());
        all.putIfAbsent("ORRERY_HOME", repo.toString());
        all.putIfAbsent("ORRERY_MODULES", "");
        return exec(List.of(cmd), all, workDir, timeoutSeconds);
    }

    Result run(Path workDir, double timeoutSeconds, String... cmd) {
        return run(workDir, timeoutSeconds, Map.of(), cmd);
    }

    /** Path of a batch script in launch/slurm. */
    String script(String name) {
        return repo.resolve("launch/slurm").resolve(name).toString();
    }

    /** The daemons' logs, for failure messages. */
    String logs() {
        StringBuilder sb = new StringBuilder();
        for (String f : List.of("slurmctld.log", "slurmd.log")) {
            Path p = dir.resolve("log").resolve(f);
            try {
                List<String> lines = Files.readAllLines(p, StandardCharsets.UTF_8);
                sb.append("--- ").append(p).append(" (last 30 lines)\n");
                lines.subList(Math.max(0, lines.size() - 30), lines.size())
                        .forEach(l -> sb.append(l).append('\n'));
            } catch (IOException e) {
                sb.append("--- ").append(p).append(": ").append(e.getMessage()).append('\n');
            }
        }
        return sb.toString();
    }

    @Override
    public void close() {
        Result r = exec(
                List.of(repo.resolve("launch/slurm/test/slurm-down").toString(), dir.toString()), Map.of(), repo, 120);
        if (r.exitCode() != 0) {
            fail("slurm-down failed (logs in " + dir + ")\n" + r.describe());
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new AssertionError("cannot remove " + dir, e);
        }
    }

    static Result exec(List<String> cmd, Map<String, String> env, Path workDir, double timeoutSeconds) {
        try {
            Path out = Files.createTempFile("slurm-it", ".out");
            Path err = Files.createTempFile("slurm-it", ".err");
            ProcessBuilder pb =
                    new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile());
            pb.directory(workDir.toFile());
            // When the tests themselves run inside a Slurm job, its variables must not leak into ours;
            // the MPI configuration under test (launch/orrery's selection) stays.
            pb.environment()
                    .keySet()
                    .removeIf(k -> k.startsWith("SLURM_")
                            || k.startsWith("SBATCH_")
                            || (k.startsWith("ORRERY_")
                                    && !List.of("ORRERY_MPI", "ORRERY_MPI_BACKEND", "ORRERY_OMPI_JAVA")
                                            .contains(k)));
            pb.environment().putAll(env);
            Process p = pb.start();
            if (!p.waitFor((long) (timeoutSeconds * 1000), TimeUnit.MILLISECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
                fail("timed out after " + timeoutSeconds + " s: " + String.join(" ", cmd) + "\n--- stdout\n"
                        + Files.readString(out) + "\n--- stderr\n" + Files.readString(err));
            }
            Result r = new Result(p.exitValue(), Files.readString(out), Files.readString(err), List.copyOf(cmd));
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
            return r;
        } catch (IOException e) {
            throw new AssertionError("cannot run " + cmd, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** Lines of a job's output file. */
    static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError("cannot read " + p, e);
        }
    }
}
