package org.orrery.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What the benchmark commands share: the mpirun command line that starts an Orrery program with
 * this JVM's classpath (the same flags as launch/orrery: -q, --bind-to none, opal_signal off,
 * --oversubscribe above the visible CPUs, --allow-run-as-root as root; -cp first).
 */
final class BenchSupport {
    private BenchSupport() {
    }

    /** {@code mpirun ... java -cp <classpath> -XX:+UseSerialGC <jvmAndProgram...>}. */
    static List<String> mpirunJava(int np, String... jvmAndProgram) {
        List<String> cmd = new ArrayList<>(List.of("mpirun", "-np", Integer.toString(np)));
        if (np > Runtime.getRuntime().availableProcessors()) {
            cmd.add("--oversubscribe");
        }
        if ("root".equals(System.getProperty("user.name"))) {
            cmd.add("--allow-run-as-root");
        }
        cmd.addAll(List.of("-q", "--bind-to", "none", "--mca", "opal_signal", ""));
        cmd.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), "-XX:+UseSerialGC"));
        cmd.addAll(List.of(jvmAndProgram));
        return cmd;
    }
}
