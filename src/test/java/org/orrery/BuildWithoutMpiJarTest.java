package org.orrery;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Orrery must build where Open MPI's Java bindings do not exist (MPICH, Intel MPI, Open MPI without Java): only
 * src/ompi/java, which Maven compiles only with -Dmpi.jar, may name {@code mpi.*}; src/main/java reaches it by
 * reflection (MpiBackends).
 */
class BuildWithoutMpiJarTest {
    private static final Pattern MPI = Pattern.compile(
            "^import\\s+(static\\s+)?mpi\\.|\\bmpi\\.(MPI|Intracomm|Comm|Datatype)\\b", Pattern.MULTILINE);

    @Test
    void onlyTheOmpiSourceFolderNamesMpiClasses() throws IOException {
        List<String> bad;
        try (Stream<Path> s = Files.walk(Path.of("src", "main", "java"))) {
            bad = s.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> {
                        try {
                            return MPI.matcher(Files.readString(p)
                                            .replaceAll("(?s)/\\*.*?\\*/|//[^\\n]*|\"(?:\\\\.|[^\"\\\\])*\"", ""))
                                    .find();
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    })
                    .map(Path::toString)
                    .toList();
        }
        assertEquals(List.of(), bad);
    }
}
