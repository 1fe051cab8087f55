package org.orrery.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

/**
 * Launches real {@code mpirun} jobs from integration tests, with a timeout, and returns what they
 * printed and their exit status. The jar under test and mpi.jar come from the system properties
 * {@code orrery.jar} and {@code orrery.mpiJar} (set by the failsafe plugin). When {@code mpirun} is
 * absent the tests are skipped, unless {@code orrery.mpirun=require} (CI), where that fails.
 */
public final class MpiRun {
    private MpiRun() {
    }

    /** What a finished job left. */
    public record Result(int exitCode, String stdout, String stderr, double seconds, List<String> command) {
        public String describe() {
            return "command: " + String.join(" ", command) + "\nexit " + exitCode + " after " + seconds + " s\n--- stdout\n"
                    + stdout + "\n--- stderr\n" + stderr;
        }

        /** Non-empty stderr lines. */
        public List<String> stderrLines() {
            return stderr.lines().filter(l -> !l.isBlank()).toList();
        }
    }

    static String mpirun() {
        String mode = System.getProperty("orrery.mpirun", "skip-if-absent");
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path p = Path.of(dir, "mpirun");
            if (Files.isExecutable(p)) {
                return p.toString();
            }
        }
        if ("require".equals(mode)) {
            fail("mpirun is not on PATH, and orrery.mpirun=require (CI): run mpi/setup");
        }
        Assumptions.abort("mpirun not on PATH: MPI integration tests skipped");
        return null;
    }

    /** Classpath for launched JVMs: the shaded Orrery jar and mpi.jar. */
    public static String classpath() {
        String jar = System.getProperty("orrery.jar");
        String mpiJar = System.getProperty("orrery.mpiJar");
        if (jar == null || mpiJar == null) {
            fail("system properties orrery.jar and orrery.mpiJar are not set (run through 'mvn verify')");
        }
        if (!Files.isRegularFile(Path.of(jar))) {
            fail("the jar under test is missing: " + jar);
        }
        if (!Files.isRegularFile(Path.of(mpiJar))) {
            fail("mpi.jar is missing: " + mpiJar + " (run mpi/setup)");
        }
        return jar + File.pathSeparator + mpiJar;
    }

    /** Runs {@code mainClass args} on {@code np} ranks; fails the test after {@code timeoutSeconds}. */
    public static Result run(int np, double timeoutSeconds, Path workDir, String mainClass, String... args) {
        return run(np, timeoutSeconds, workDir, List.of(), mainClass, args);
    }

    /** As {@link #run(int, double, Path, String, String...)} with extra mpirun options. */
    public static Result run(int np, double timeoutSeconds, Path workDir, List<String> mpirunOptions, String mainClass,
                             String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(mpirun());
        cmd.addAll(List.of("-np", Integer.toString(np), "--oversubscribe", "-q", "--bind-to", "none", "--mca", "opal_signal", ""));
        if ("root".equals(System.getProperty("user.name"))) {
            cmd.add("--allow-run-as-root");
        }
        cmd.addAll(mpirunOptions);
        cmd.addAll(javaCommand(mainClass, args));
        return exec(cmd, timeoutSeconds, workDir);
    }

    /** Runs {@code java -cp ... mainClass args} without mpirun (a singleton). */
    public static Result singleton(double timeoutSeconds, Path workDir, String mainClass, String... args) {
        return exec(javaCommand(mainClass, args), timeoutSeconds, workDir);
    }

    static List<String> javaCommand(String mainClass, String... args) {
        List<String> cmd = new ArrayList<>();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // -cp first: mpirun rewrites java command lines.
        cmd.addAll(List.of(java, "-cp", classpath(), "-XX:+UseSerialGC",
                "-Djava.awt.headless=true"));
        cmd.add(mainClass);
        cmd.addAll(Arrays.asList(args));
        return cmd;
    }

    static Result exec(List<String> cmd, double timeoutSeconds, Path workDir) {
        try {
            Path out = Files.createTempFile("mpirun", ".out");
            Path err = Files.createTempFile("mpirun", ".err");
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile());
            if (workDir != null) {
                pb.directory(workDir.toFile());
            }
            pb.environment().remove("ORRERY_DEBUG");
            long t0 = System.nanoTime();
            Process p = pb.start();
            boolean done = p.waitFor((long) (timeoutSeconds * 1000), TimeUnit.MILLISECONDS);
            double secs = (System.nanoTime() - t0) * 1e-9;
            if (!done) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
                fail("timed out (hang?) after " + timeoutSeconds + " s: " + String.join(" ", cmd) + "\n--- stdout\n"
                        + Files.readString(out, StandardCharsets.UTF_8) + "\n--- stderr\n" + Files.readString(err, StandardCharsets.UTF_8));
            }
            Result r = new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8), secs, List.copyOf(cmd));
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
            return r;
        } catch (IOException e) {
            throw new AssertionError("cannot launch " + cmd, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
