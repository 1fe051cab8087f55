package org.orrery;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Holds the layer arrows of DESIGN.md in place: only {@code parallel} imports {@code mpi.*};
 * {@code model} imports nothing of Orrery's; {@code physics} (pure kernels) imports only
 * {@code model} and {@code physics}, and no java.io/java.nio.file; {@code analysis} only
 * {@code model}; {@code io} never reaches into physics, parallel or apps (it may draw analysis
 * results).
 */
class ArchitectureTest {

    private static final Path ROOT = Path.of("src", "main", "java", "org", "orrery");
    private static final Pattern IMPORT = Pattern.compile("^import\\s+(static\\s+)?([\\w.]+)", Pattern.MULTILINE);

    private static List<String> violations(String layer, List<String> forbiddenPrefixes) throws IOException {
        List<String> bad = new ArrayList<>();
        Path dir = ROOT.resolve(layer);
        if (!Files.isDirectory(dir)) {
            return bad;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".java"))::iterator) {
                String src = Files.readString(f);
                Matcher m = IMPORT.matcher(src);
                while (m.find()) {
                    String imp = m.group(2);
                    for (String prefix : forbiddenPrefixes) {
                        if (imp.startsWith(prefix)) {
                            bad.add(f + ": import " + imp);
                        }
                    }
                }
                for (String prefix : forbiddenPrefixes) {
                    if (prefix.startsWith("org.orrery.") && src.contains(prefix.substring(0, prefix.length() - 1) + ".")
                            && !src.contains("package " + prefix.substring(0, prefix.length() - 1))) {
                        Matcher q = Pattern.compile("\\b" + Pattern.quote(prefix)).matcher(src);
                        if (q.find()) {
                            bad.add(f + ": uses " + prefix + "* by qualified name");
                        }
                    }
                }
            }
        }
        return bad;
    }

    @Test
    void onlyTheParallelLayerTalksToMpi() throws IOException {
        List<String> bad = new ArrayList<>();
        for (String layer : List.of("model", "physics", "io", "analysis", "apps", "config", "bench")) {
            bad.addAll(violations(layer, List.of("mpi.")));
        }
        assertEquals(List.of(), bad);
    }

    @Test
    void kernelsArePure() throws IOException {
        List<String> bad = new ArrayList<>(violations("physics", List.of("mpi.", "java.io.", "java.nio.file.",
                "org.orrery.io.", "org.orrery.apps.", "org.orrery.parallel.", "org.orrery.config.", "picocli.")));
        bad.addAll(violations("model", List.of("mpi.", "org.orrery.io.", "org.orrery.apps.", "org.orrery.parallel.",
                "org.orrery.physics.", "org.orrery.analysis.", "picocli.")));
        bad.addAll(violations("analysis", List.of("mpi.", "org.orrery.apps.", "org.orrery.parallel.", "picocli.")));
        bad.addAll(violations("io", List.of("mpi.", "org.orrery.apps.", "org.orrery.parallel.", "org.orrery.physics.")));
        assertEquals(List.of(), bad);
    }
}
