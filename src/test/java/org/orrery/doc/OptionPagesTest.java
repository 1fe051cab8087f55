package org.orrery.doc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The option tables in docs/programs are what the picocli model (and so {@code --help}) says. With
 * {@code -Dorrery.docs.write=true} the test rewrites stale pages instead of failing.
 */
class OptionPagesTest {
    private static final Path DOCS = Path.of("docs");

    @Test
    void everyProgramHasACommandAndAPage() {
        Map<String, Class<?>> commands = OptionPages.commands();
        assertEquals(
                OptionPages.PROGRAMS.stream().sorted().toList(),
                List.copyOf(commands.keySet()),
                "programs with a picocli @Command under org.orrery.apps");
        for (String p : OptionPages.PROGRAMS) {
            assertTrue(Files.isRegularFile(OptionPages.page(DOCS, p)), "missing page " + OptionPages.page(DOCS, p));
        }
    }

    @Test
    void committedOptionTablesAreCurrent() throws IOException {
        if (Boolean.getBoolean("orrery.docs.write")) {
            OptionPages.write(DOCS);
        }
        List<String> stale = new ArrayList<>();
        for (Map.Entry<String, Class<?>> c : OptionPages.commands().entrySet()) {
            Path file = OptionPages.page(DOCS, c.getKey());
            String page = Files.readString(file, StandardCharsets.UTF_8);
            if (!OptionPages.render(page, c.getValue(), file).equals(page)) {
                stale.add(file.toString());
            }
        }
        assertEquals(
                List.of(),
                stale,
                "option tables differ from the commands' options; regenerate with: " + OptionPages.HOW);
    }

    @Test
    void aChangedOptionMakesThePageStale() {
        Class<?> hello = OptionPages.commands().get("hello");
        String current = OptionPages.render(
                "intro\n" + OptionPages.BEGIN + "\n" + OptionPages.END + "\nend\n", hello, Path.of("hello.md"));
        String edited = current.replaceFirst("\\| `", "| `--renamed`, `");
        assertTrue(!edited.equals(current), "the edit changed nothing");
        assertTrue(
                !OptionPages.render(edited, hello, Path.of("hello.md")).equals(edited),
                "an edited table must count as stale");
        assertEquals(current, OptionPages.render(current, hello, Path.of("hello.md")));
    }
}
