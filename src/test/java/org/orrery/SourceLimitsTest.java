package org.orrery;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Limits the formatter does not enforce: palantir-java-format (spotless, in {@code mvn verify}) wraps code and Javadoc
 * at 120 columns but never splits a string literal, so this test fails on any source line longer than 120 characters
 * (Unicode code points, not bytes); and no class under {@code org.orrery.apps} has more than 250 lines, so each program
 * stays split into command, config, job and report.
 */
class SourceLimitsTest {
    static final int MAX_COLUMNS = 120;
    static final int MAX_APPS_LINES = 250;

    @Test
    void noSourceLineIsLongerThan120Characters() throws IOException {
        List<String> longLines = new ArrayList<>();
        for (String root : List.of("src/main/java", "src/test/java", "src/ompi/java", "src/vector/java")) {
            for (Path f : javaFiles(Path.of(root))) {
                List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
                for (int i = 0; i < lines.size(); i++) {
                    String l = lines.get(i);
                    int n = l.codePointCount(0, l.length());
                    if (n > MAX_COLUMNS) {
                        longLines.add(f + ":" + (i + 1) + " has " + n + " characters");
                    }
                }
            }
        }
        assertEquals(List.of(), longLines, "split these lines (string literals: \"...\" + \"...\")");
    }

    @Test
    void noAppsClassIsLongerThan250Lines() throws IOException {
        List<String> big = new ArrayList<>();
        for (Path f : javaFiles(Path.of("src/main/java/org/orrery/apps"))) {
            int n = Files.readAllLines(f, StandardCharsets.UTF_8).size();
            if (n > MAX_APPS_LINES) {
                big.add(f + " has " + n + " lines");
            }
        }
        assertEquals(List.of(), big, "split these classes by responsibility");
    }

    private static List<Path> javaFiles(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
    }
}
