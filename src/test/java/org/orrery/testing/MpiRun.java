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
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Launches Orrery programs from integration tests the way users do, through {@code launch/orrery <program> -np N
 * --no-build [args]} (the one place that builds an mpirun/mpiexec line), with a timeout after which the launcher and
 * every process under it are killed. The repository is found from the jar under test (system property
 * {@code orrery.jar}, set by the failsafe plugin: {@code <root>/target/orrery-all.jar}). The MPI configuration is the
 * launcher's default, or the one a {@link Config} selects through the launcher's environment ({@code ORRERY_MPI},
 * {@code ORRERY_MPI_BACKEND}, {@code ORRERY_OMPI_JAVA}). When no MPI is on PATH the tests are skipped, unless
 * {@code orrery.mpirun=require} (CI), where that fails.
 */
public final class MpiRun {
    private MpiRun() {}

    /** What a finished job left. */
    public record Result(int exitCode, String stdout, String stderr, double seconds, List<String> command) {
        public String describe() {
            return "command: " + String.join(" ", command) + "\nexit " + exitCode + " after " + seconds
                    + " s\n--- stdout\n" + stdout + "\n--- stderr\n" + stderr;
        }

        /** Non-empty stderr lines. */
        public List<String> stderrLines() {
            return stderr.lines().filter(l -> !l.isBlank()).toList();
        }
    }

    /**
     * An MPI configuration of the launcher: a name for messages and the environment that selects it (empty: the default
     * configuration of mpi/setup).
     */
    public record Config(String name, Map<String, String> env) {
        public static final Config DEFAULT = new Config("default", Map.of());
    }

    /** Launcher program names of the default-package main classes. */
    private static final Map<String, String> PROGRAMS = Map.ofEntries(
            Map.entry("Hello", "hello"),
            Map.entry("NBody", "nbody"),
            Map.entry("PairCount", "paircount"),
            Map.entry("ImageFarm", "farm"),
            Map.entry("Decay", "decay"),
            Map.entry("GenImages", "gen-images"),
            Map.entry("CommCheck", "commcheck"),
            Map.entry("MpiBench", "mpibench"),
            Map.entry("Sweep", "sweep"),
            Map.entry("Amdahl", "amdahl"),
            Map.entry("Bench", "bench"));

    /** Skips (or, with orrery.mpirun=require, fails) the test when no MPI launcher is on PATH. */
    static void requireMpi(Config config) {
        if (config.env().containsKey("ORRERY_MPI") || System.getenv("ORRERY_MPI") != null) {
            return;
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator, -1)) {
            for (String exe : new String[] {"mpirun", "mpiexec"}) {
                if (Files.isExecutable(Path.of(dir, exe))) {
                    return;
                }
            }
        }
        if ("require".equals(System.getProperty("orrery.mpirun", "skip-if-absent"))) {
            fail("no mpirun/mpiexec on PATH, and orrery.mpirun=require (CI): run mpi/setup");
        }
        Assumptions.abort("no mpirun/mpiexec on PATH: MPI integration tests skipped");
    }

    /** The jar under test ({@code orrery.jar}); fails when it is not set or missing. */
    static Path jar() {
        String jar = System.getProperty("orrery.jar");
        if (jar == null) {
            fail("system property orrery.jar is not set (run through 'mvn verify')");
        }
        Path p = Path.of(jar).toAbsolutePath();
        if (!Files.isRegularFile(p)) {
            fail("the jar under test is missing: " + p);
        }
        return p;
    }

    /** {@code <root>/launch/orrery} of the repository the jar under test was built in. */
    public static Path launcher() {
        Path l = jar().getParent().getParent().resolve("launch").resolve("orrery");
        if (!Files.isExecutable(l)) {
            fail("launcher not found beside the jar under test: " + l);
        }
        return l;
    }

    /**
     * A value of the launcher's configuration under test ({@code launch/orrery config}: the default, or the one
     * {@code ORRERY_MPI} selects), e.g. {@code MPI_FAMILY} ({@code openmpi}, {@code mpich}) or {@code MPIRUN_STYLE}
     * ({@code openmpi}, {@code hydra}, {@code srun}); "" when absent.
     */
    public static String config(String key) {
        Result r = exec(List.of(launcher().toString(), "config", "--no-build"), Map.of(), 60, null);
        if (r.exitCode() != 0) {
            fail("launch/orrery config failed:\n" + r.describe());
        }
        return r.stdout()
                .lines()
                .filter(l -> l.startsWith(key + "="))
                .map(l -> l.substring(key.length() + 1))
                .findFirst()
                .orElse("");
    }

    /**
     * The mpirun (or mpiexec) that {@code launch/orrery}, started as {@code launcher}, runs: its child that is not the
     * stderr filter ({@code grep}, which drops the JVM's incubator-module warning).
     */
    public static ProcessHandle mpirunOf(Process launcher) {
        return launcher.toHandle()
                .children()
                .filter(h -> !h.info().command().orElse("").endsWith("grep"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("launch/orrery has no mpirun child"));
    }

    /** Classpath for JVMs started by hand (Slurm scripts): the Orrery jar and the default config's mpi.jar. */
    public static String classpath() {
        String mpiJar = System.getProperty("orrery.mpiJar");
        String jar = jar().toString();
        if (mpiJar == null || mpiJar.isEmpty() || !Files.isRegularFile(Path.of(mpiJar))) {
            return jar;
        }
        return jar + File.pathSeparator + mpiJar;
    }

    /** Runs {@code mainClass args} on {@code np} ranks; fails the test after {@code timeoutSeconds}. */
    public static Result run(int np, double timeoutSeconds, Path workDir, String mainClass, String... args) {
        return run(Config.DEFAULT, np, timeoutSeconds, workDir, List.of(), mainClass, args);
    }

    /** As {@link #run(int, double, Path, String, String...)} with extra mpirun options. */
    public static Result run(
            int np, double timeoutSeconds, Path workDir, List<String> mpirunOptions, String mainClass, String... args) {
        return run(Config.DEFAULT, np, timeoutSeconds, workDir, mpirunOptions, mainClass, args);
    }

    /**
     * Runs {@code mainClass args} on {@code np} ranks under the MPI configuration {@code config}. JVM options may come
     * first (in {@code mainClass} and the leading {@code args}), e.g. {@code "-cp", jar + ":target/test-classes",
     * "org.orrery.sim.SomeCheck", ...}: they go to every rank's java ({@code --jvm}); a later {@code -cp} replaces the
     * launcher's.
     */
    public static Result run(
            Config config,
            int np,
            double timeoutSeconds,
            Path workDir,
            List<String> mpirunOptions,
            String mainClass,
            String... args) {
        requireMpi(config);
        List<String> cmd = new ArrayList<>();
        List<String> rest = program(mainClass, args, cmd);
        cmd.addAll(List.of("-np", Integer.toString(np), "--no-build"));
        for (String o : mpirunOptions) {
            cmd.add("--mpirun-arg");
            cmd.add(o);
        }
        cmd.addAll(rest);
        return exec(cmd, config.env(), timeoutSeconds, workDir);
    }

    /** Runs {@code mainClass args} as one process without mpirun (an MPI singleton, or a serial tool). */
    public static Result singleton(double timeoutSeconds, Path workDir, String mainClass, String... args) {
        List<String> cmd = new ArrayList<>();
        List<String> rest = program(mainClass, args, cmd);
        cmd.addAll(List.of("--no-build", "--no-mpirun"));
        cmd.addAll(rest);
        return exec(cmd, Map.of(), timeoutSeconds, workDir);
    }

    /**
     * Appends {@code launch/orrery <program>} (or {@code main <class>} for other main classes) and {@code --jvm} for
     * each leading JVM option to {@code cmd}; returns the program's arguments.
     */
    private static List<String> program(String first, String[] args, List<String> cmd) {
        List<String> all = new ArrayList<>();
        all.add(first);
        all.addAll(Arrays.asList(args));
        List<String> jvm = new ArrayList<>();
        int i = 0;
        while (i < all.size() && all.get(i).startsWith("-")) {
            String o = all.get(i++);
            jvm.add("--jvm");
            jvm.add(o);
            if (List.of("-cp", "-classpath", "--class-path").contains(o) && i < all.size()) {
                jvm.add("--jvm");
                jvm.add(all.get(i++));
            }
        }
        if (i >= all.size()) {
            fail("no main class in " + all);
        }
        String mainClass = all.get(i++);
        cmd.add(launcher().toString());
        String program = PROGRAMS.get(mainClass);
        if (program != null) {
            cmd.add(program);
        } else {
            cmd.add("main");
            cmd.add(mainClass);
        }
        cmd.addAll(jvm);
        return all.subList(i, all.size());
    }

    /**
     * Starts {@code launch/orrery ARGS} in the background (for tests that signal or kill it while it runs): stderr to
     * {@code err}, stdout to {@code out}, {@code env} added to this process's environment. The caller ends it (e.g.
     * {@link org.orrery.io.ProcessGuard#killTree} in a finally block).
     */
    public static Process background(Path err, Path out, Map<String, String> env, String... args) throws IOException {
        List<String> cmd = new java.util.ArrayList<>(List.of(launcher().toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(err.toFile()).redirectOutput(out.toFile());
        pb.environment().remove("ORRERY_DEBUG");
        pb.environment().putAll(env);
        return pb.start();
    }

    /** The lines of {@code text} that are not blank (a program's stderr, as users read it). */
    public static List<String> nonBlankLines(String text) {
        return text.lines().filter(l -> !l.isBlank()).toList();
    }

    /**
     * Runs {@code cmd} with {@code env} added to this process's environment; after {@code timeoutSeconds} kills it and
     * all its descendants (mpirun, the ranks) and fails.
     */
    public static Result exec(List<String> cmd, Map<String, String> env, double timeoutSeconds, Path workDir) {
        try {
            Path out = Files.createTempFile("orrery-run", ".out");
            Path err = Files.createTempFile("orrery-run", ".err");
            ProcessBuilder pb =
                    new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile());
            if (workDir != null) {
                pb.directory(workDir.toFile());
            }
            pb.environment().remove("ORRERY_DEBUG");
            pb.environment().putAll(env);
            long t0 = System.nanoTime();
            Process p = pb.start();
            boolean done = p.waitFor((long) (timeoutSeconds * 1000), TimeUnit.MILLISECONDS);
            double secs = (System.nanoTime() - t0) * 1e-9;
            if (!done) {
                List<ProcessHandle> tree = p.descendants().toList();
                p.destroyForcibly();
                tree.forEach(ProcessHandle::destroyForcibly);
                p.waitFor(10, TimeUnit.SECONDS);
                fail("timed out (hang?) after " + timeoutSeconds + " s: " + env + " " + String.join(" ", cmd)
                        + "\n--- stdout\n" + Files.readString(out, StandardCharsets.UTF_8) + "\n--- stderr\n"
                        + Files.readString(err, StandardCharsets.UTF_8));
            }
            Result r = new Result(
                    p.exitValue(),
                    Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8),
                    secs,
                    List.copyOf(cmd));
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
