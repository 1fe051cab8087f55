package org.orrery.parallel;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What this process runs on, as {@code launch/orrery} set it up: the backend it asked for
 * ({@code -Dorrery.mpi.backend}), the launcher that started the ranks ({@code -Dorrery.mpirun}) and the native MPI
 * bridge library actually mapped into this process (Open MPI's {@code libmpi_java} or Orrery's {@code liborrery_mpi}),
 * read from {@code /proc/self/maps} on Linux. {@code hello} prints them so a user sees which MPI a job really used.
 */
public final class MpiRuntime {
    private static final List<String> BRIDGES = List.of("libmpi_java", "liborrery_mpi");

    private MpiRuntime() {}

    /** The backend the launcher selected, or "ompi-java" (the only one before the launcher chose). */
    public static String backend() {
        return System.getProperty("orrery.mpi.backend", "ompi-java");
    }

    /** The mpirun/mpiexec that started this job, or a note when started without the launcher. */
    public static String launcher() {
        return System.getProperty("orrery.mpirun", "unknown (not started by launch/orrery)");
    }

    /** Path of the loaded native bridge library (call after MPI started), or a note saying why it is unknown. */
    public static String nativeLibrary() {
        Path maps = Path.of("/proc/self/maps");
        if (!Files.isReadable(maps)) {
            return "unknown (no /proc/self/maps)";
        }
        try {
            for (String line : Files.readAllLines(maps, StandardCharsets.UTF_8)) {
                int slash = line.indexOf('/');
                if (slash < 0) {
                    continue;
                }
                String path = line.substring(slash).trim();
                String file = Path.of(path).getFileName().toString();
                for (String bridge : BRIDGES) {
                    if (file.startsWith(bridge + ".")) {
                        return path;
                    }
                }
            }
            return "none loaded";
        } catch (IOException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }
}
