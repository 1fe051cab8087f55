package org.orrery.doc;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * Writes the option tables of {@code docs/programs/<program>.md} from the picocli model, so the pages say what
 * {@code --help} says. Each page keeps its own prose; only the text between {@link #BEGIN} and {@link #END} is
 * generated. The commands are found, not listed: every top-level class under {@code org.orrery.apps} annotated
 * {@code @Command} whose name is a program (so moving or renaming a command class needs no change here); subcommands
 * (bench's) get a table each.
 *
 * <p>Regenerate: {@code mvn -q -Dtest=OptionPagesTest -Dorrery.docs.write=true test} ({@link OptionPagesTest} fails
 * while a committed page differs from what this class writes).
 */
public final class OptionPages {
    /** Programs documented in docs/programs, by launcher name. */
    public static final List<String> PROGRAMS =
            List.of("hello", "nbody", "paircount", "farm", "gen-images", "decay", "sweep", "amdahl", "bench");

    static final String BEGIN = "<!-- options: generated from the picocli model by org.orrery.doc.OptionPages;"
            + " do not edit by hand -->";
    static final String END = "<!-- end of generated options -->";

    /** Regenerate with: mvn -q -Dtest=OptionPagesTest -Dorrery.docs.write=true test */
    static final String HOW = "mvn -q -Dtest=OptionPagesTest -Dorrery.docs.write=true test";

    private OptionPages() {}

    /** The page of {@code program}. */
    public static Path page(Path docs, String program) {
        return docs.resolve("programs").resolve(program + ".md");
    }

    /** Command classes by program name, found among the compiled classes of org.orrery.apps. */
    public static Map<String, Class<?>> commands() {
        Map<String, Class<?>> found = new TreeMap<>();
        for (JavaClass c : new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.orrery.apps")) {
            if (c.isTopLevelClass() && c.isAnnotatedWith(Command.class)) {
                Class<?> cls = load(c.getName());
                String name = cls.getAnnotation(Command.class).name();
                if (PROGRAMS.contains(name)) {
                    Class<?> before = found.put(name, cls);
                    if (before != null) {
                        throw new IllegalStateException("two commands named " + name + ": " + before + ", " + cls);
                    }
                }
            }
        }
        return found;
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("cannot load " + name, e);
        }
    }

    /** The generated block (markers included) for one command class. */
    public static String block(Class<?> command) {
        CommandSpec spec = new CommandLine(command).getCommandSpec();
        StringBuilder md = new StringBuilder();
        md.append(BEGIN).append("\n\n");
        table(md, spec, "");
        md.append(END);
        return md.toString();
    }

    private static void table(StringBuilder md, CommandSpec spec, String prefix) {
        String name = prefix.isEmpty() ? spec.name() : prefix + " " + spec.name();
        if (!prefix.isEmpty()) {
            md.append("#### `").append(name).append("`\n\n");
            String[] desc = spec.usageMessage().description();
            if (desc.length > 0) {
                md.append(cell(String.join(" ", desc)).replace("\\|", "|")).append("\n\n");
            }
        }
        md.append("Usage: `launch/orrery ").append(name);
        for (PositionalParamSpec p : spec.positionalParameters()) {
            if (!p.hidden()) {
                md.append(' ').append(p.paramLabel());
            }
        }
        md.append(" [options]`\n\n");
        List<String[]> rows = new ArrayList<>();
        for (PositionalParamSpec p : spec.positionalParameters()) {
            if (!p.hidden()) {
                rows.add(new String[] {
                    "`" + p.paramLabel() + "`",
                    defaultOf(p.defaultValueString(), p.arity().min() == 0),
                    cell(String.join(" ", p.description()))
                });
            }
        }
        for (OptionSpec o : spec.options()) {
            if (o.hidden() || o.usageHelp() || o.versionHelp()) {
                continue;
            }
            String names =
                    "`" + String.join("`, `", o.names()) + (o.arity().max() == 0 ? "" : " " + o.paramLabel()) + "`";
            boolean flag = o.arity().max() == 0;
            rows.add(new String[] {
                names, flag ? "" : defaultOf(o.defaultValueString(), true), cell(String.join(" ", o.description()))
            });
        }
        if (rows.isEmpty()) {
            md.append("No options besides `-h/--help` and `-V/--version`.\n\n");
        } else {
            md.append("| option | default | meaning |\n|---|---|---|\n");
            for (String[] r : rows) {
                md.append("| ")
                        .append(r[0])
                        .append(" | ")
                        .append(r[1])
                        .append(" | ")
                        .append(r[2])
                        .append(" |\n");
            }
            md.append("\nAlso `-h/--help` and `-V/--version`.\n\n");
        }
        for (CommandLine sub : spec.subcommands().values()) {
            if (sub.getCommandSpec().parent() == spec
                    && !sub.getCommandSpec().usageMessage().hidden()
                    && sub.getCommandName().equals(sub.getCommandSpec().name())) {
                table(md, sub.getCommandSpec(), name);
            }
        }
    }

    private static String defaultOf(String value, boolean optional) {
        if (value == null || value.isEmpty() || "null".equals(value)) {
            return optional ? "" : "(required)";
        }
        return "`" + value.replace("|", "\\|") + "`";
    }

    /** One Markdown table cell: one line, pipes escaped, picocli's %n as a space. */
    private static String cell(String text) {
        return text.replace("%n", " ")
                .replace("\n", " ")
                .replace("|", "\\|")
                .replaceAll(" {2,}", " ")
                .strip();
    }

    /** The page text with its generated block replaced; fails when the page has no markers. */
    public static String render(String page, Class<?> command, Path file) {
        int b = page.indexOf(BEGIN);
        int e = page.indexOf(END);
        if (b < 0 || e < b) {
            throw new IllegalStateException(file + " has no generated-options markers (" + BEGIN + " ... " + END + ")");
        }
        return page.substring(0, b) + block(command) + page.substring(e + END.length());
    }

    /** Rewrites every page under {@code docs}; returns the pages that changed. */
    public static List<Path> write(Path docs) {
        List<Path> changed = new ArrayList<>();
        for (Map.Entry<String, Class<?>> c : commands().entrySet()) {
            Path file = page(docs, c.getKey());
            try {
                String old = Files.readString(file, StandardCharsets.UTF_8);
                String now = render(old, c.getValue(), file);
                if (!now.equals(old)) {
                    Files.writeString(file, now, StandardCharsets.UTF_8);
                    changed.add(file);
                }
            } catch (IOException ex) {
                throw new UncheckedIOException("cannot update " + file, ex);
            }
        }
        return changed;
    }

    /** Rewrites the pages under the folder given (default: docs). */
    public static void main(String[] args) {
        for (Path p : write(Path.of(args.length > 0 ? args[0] : "docs"))) {
            System.out.println("updated " + p);
        }
    }
}
