package org.orrery.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.orrery.io.Launcher;
import org.orrery.io.ProcessGuard;

/**
 * What the benchmark commands share: starting an Orrery program the way users do, through {@code launch/orrery
 * <program> -np N --no-build [--jvm OPT]... [options]} (the one place that builds the mpirun/mpiexec line for the
 * configured MPI), and running a command with a timeout after which it and every process under it are killed.
 */
final class BenchSupport {
    private BenchSupport() {}

    /**
     * {@code launch/orrery <program> -np np --no-build [--jvm OPT]... [options]} for {@code jvmAndProgram} = JVM
     * options (starting with '-'), then the main class (Hello, NBody, PairCount, ImageFarm, Decay, GenImages, or any
     * other as {@code main CLASS}), then its options.
     */
    static List<String> mpirunJava(int np, String... jvmAndProgram) {
        List<String> cmd =
                new ArrayList<>(List.of(Launcher.find(null, "ORRERY_HOME").toString()));
        int i = 0;
        List<String> jvm = new ArrayList<>();
        while (i < jvmAndProgram.length && jvmAndProgram[i].startsWith("-")) {
            jvm.add("--jvm");
            jvm.add(jvmAndProgram[i++]);
        }
        String main = jvmAndProgram[i++];
        String program =
                switch (main) {
                    case "Hello" -> "hello";
                    case "NBody" -> "nbody";
                    case "PairCount" -> "paircount";
                    case "ImageFarm" -> "farm";
                    case "Decay" -> "decay";
                    case "GenImages" -> "gen-images";
                    default -> null;
                };
        if (program == null) {
            cmd.addAll(List.of("main", main));
        } else {
            cmd.add(program);
        }
        cmd.addAll(List.of("-np", Integer.toString(np), "--no-build"));
        cmd.addAll(jvm);
        cmd.addAll(List.of(jvmAndProgram).subList(i, jvmAndProgram.length));
        return cmd;
    }

    /** Exit status and everything a command printed (stdout and stderr merged). */
    record Ran(int exit, String output) {}

    /**
     * Runs {@code cmd} (with {@code env} added), output to a temporary file; after {@code timeoutSeconds} kills it and
     * all its descendants and throws.
     */
    static Ran run(List<String> cmd, Map<String, String> env, double timeoutSeconds)
            throws IOException, InterruptedException {
        Path log = Files.createTempFile("orrery-bench", ".log");
        try {
            ProcessBuilder pb =
                    new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
            pb.environment().putAll(env);
            try (ProcessGuard.Guarded g = ProcessGuard.start(pb)) {
                Process p = g.process();
                if (!p.waitFor((long) (timeoutSeconds * 1000), TimeUnit.MILLISECONDS)) {
                    ProcessGuard.killTree(p.toHandle());
                    p.waitFor(10, TimeUnit.SECONDS);
                    throw new IOException("timed out after " + timeoutSeconds + " s: " + String.join(" ", cmd));
                }
                return new Ran(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
            }
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
