package org.orrery.apps.common;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.orrery.model.UserError;
import org.orrery.parallel.Comm;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

class ProgramsTest {

    /** Fails the way {@code --fail} says: usage, input, agreed, io or none. */
    @Command(name = "probe", mixinStandardHelpOptions = true)
    static final class Probe implements SpmdProgram {
        @Option(names = "--fail")
        String fail = "none";

        @Override
        public String name() {
            return "probe";
        }

        @Override
        public void validate() {
            if (fail.equals("usage")) {
                throw new UserError("--fail usage was asked for");
            }
        }

        @Override
        public int run(Comm comm) {
            switch (fail) {
                case "input" -> throw new UserError("input file x.csv has no rows");
                case "agreed" -> comm.agree("rank 0 found a problem");
                case "io" -> throw new UserError("cannot write y", 1);
                case "bug" -> throw new IllegalStateException("broken");
                default -> {}
            }
            return 0;
        }
    }

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    private String errText() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void successHelpAndEachKindOfErrorGiveTheirExitCodeAndOneLine() {
        assertEquals(0, Programs.runSerial(new Probe(), err));
        assertEquals(0, Programs.runSerial(new Probe(), err, "--help"));
        assertEquals("", errText());
        assertEquals(2, Programs.runSerial(new Probe(), err, "--frobnicate"));
        assertEquals(2, Programs.runSerial(new Probe(), err, "--fail", "usage"));
        assertEquals(2, Programs.runSerial(new Probe(), err, "--fail", "input"));
        assertEquals(2, Programs.runSerial(new Probe(), err, "--fail", "agreed"));
        assertEquals(1, Programs.runSerial(new Probe(), err, "--fail", "io"));
        assertEquals(1, Programs.runSerial(new Probe(), err, "--fail", "bug"));
        assertEquals(
                """
                orrery probe: error: Unknown option: '--frobnicate' (see --help)
                orrery probe: error: --fail usage was asked for
                orrery probe: error: input file x.csv has no rows
                orrery probe: error: rank 0 found a problem
                orrery probe: error: cannot write y
                orrery probe: error: IllegalStateException: broken
                """,
                errText().replace("\r\n", "\n"));
    }
}
