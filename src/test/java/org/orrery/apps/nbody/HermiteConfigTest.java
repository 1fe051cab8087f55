package org.orrery.apps.nbody;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.orrery.apps.common.Programs;
import org.orrery.apps.nbody.NBodyConfig.Ic;

/** Every validation rule of {@link HermiteConfig}, through the command line (one line, exit 2). */
class HermiteConfigTest {

    static Stream<Arguments> badOptions() {
        String h = "--integrator hermite ";
        return Stream.of(
                Arguments.of(h + "--eta 0", "--eta must be a positive number, got 0.0"),
                Arguments.of(h + "--eta -1", "--eta must be a positive number, got -1.0"),
                Arguments.of(h + "--eta NaN", "--eta must be a positive number, got NaN"),
                Arguments.of(h + "--eta-s 0", "--eta-s must be a positive number, got 0.0"),
                Arguments.of(h + "--dt-max 0.1", "--dt-max must be a power of two (e.g. 0.0625 or 1), got 0.1"),
                Arguments.of(h + "--dt-max -0.5", "--dt-max must be a power of two (e.g. 0.0625 or 1), got -0.5"),
                Arguments.of(h + "--ic king --w0 0", "--w0 must be in (0, 16] (King models), got 0.0"),
                Arguments.of(h + "--ic king --w0 16.5", "--w0 must be in (0, 16] (King models), got 16.5"),
                Arguments.of(h + "--ic plummer --w0 5", "--w0 applies to --ic king only"),
                Arguments.of(h + "--imf kroupa --m-min 0", "--m-min must be a positive number, got 0.0"),
                Arguments.of(h + "--imf kroupa --m-max -2", "--m-max must be a positive number, got -2.0"),
                Arguments.of(h + "--imf kroupa --m-min 2 --m-max 1", "--m-min 2.0 must be below --m-max 1.0"),
                Arguments.of(h + "--imf kroupa --m-min 1 --m-max 1", "--m-min 1.0 must be below --m-max 1.0"),
                Arguments.of(h + "--m-min 0.1", "--m-min applies to --imf kroupa only"),
                Arguments.of(h + "--ic kepler --imf kroupa", "--imf kroupa applies to --ic king or plummer"),
                Arguments.of(h + "--ic uniform --imf kroupa", "--imf kroupa applies to --ic king or plummer"),
                Arguments.of(
                        h + "--ic uniform -n 1000 --radius 1 --particle-mass 1",
                        "--ic uniform with --integrator hermite needs "
                                + "--t-end (a multiple of --dt-max; the free-fall time is 0.0351241; --particle-mass "
                                + "0.0012337005501361698 "
                                + "makes it 1 at this N, R and G)"),
                Arguments.of(
                        h + "--input a.csv",
                        "--integrator hermite starts from --ic king, plummer, uniform or kepler, or from --restart; "
                                + "--input is read by the leapfrog integrator only"),
                Arguments.of(
                        h + "--dt 0.01",
                        "--dt is the leapfrog step; --integrator hermite chooses its steps (set --eta and --dt-max)"),
                Arguments.of(h + "--steps 10", "--steps counts leapfrog steps; give --t-end for --integrator hermite"),
                Arguments.of(h + "--units si", "--integrator hermite runs in Henon units; --units si does not apply"),
                Arguments.of(
                        h + "--restart ck.bin --imf kroupa",
                        "--restart continues a run from its checkpoint; --imf (initial conditions) cannot be given "
                                + "with it"),
                Arguments.of("--eta 0.01", "--eta applies to --integrator hermite only"),
                Arguments.of("--ic king", "--ic king applies to --integrator hermite only"),
                Arguments.of("--imf kroupa", "--imf applies to --integrator hermite only"),
                Arguments.of("--integrator leapfrog --dt-max 1", "--dt-max applies to --integrator hermite only"));
    }

    @ParameterizedTest
    @MethodSource("badOptions")
    void eachRuleHasOneMessageAndExitTwo(String args, String message) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        assertEquals(2, Programs.runSerial(new NBodyCommand(), err, args.split(" ")));
        assertEquals(
                "orrery nbody: error: " + message + System.lineSeparator(), bytes.toString(StandardCharsets.UTF_8));
    }

    private static NBodyCommand parse(String... args) {
        NBodyCommand c = new NBodyCommand();
        new picocli.CommandLine(c).parseArgs(args);
        c.validate();
        return c;
    }

    @Test
    void defaultsLeaveLeapfrogAloneAndGiveHermiteAPlummerSphere() {
        NBodyCommand leapfrog = parse();
        assertFalse(leapfrog.hermite().hermite());
        assertEquals(Ic.uniform, leapfrog.config().ic());
        NBodyCommand h = parse("--integrator", "hermite");
        assertTrue(h.hermite().hermite());
        assertEquals(Ic.plummer, h.config().ic());
        assertTrue(h.config().henon());
        assertNull(h.hermite().eta());
        assertEquals(0.02, h.hermite().etaOrDefault());
        assertEquals(0.01, h.hermite().etaSOrDefault());
        assertEquals(0.0625, h.hermite().dtMaxOrDefault());
        assertFalse(h.hermite().kroupa());
        HermiteConfig k = parse("--integrator", "hermite", "--ic", "king", "--imf", "kroupa", "--m-max", "20")
                .hermite();
        assertEquals(HermiteConfig.DEFAULT_W0, k.w0());
        assertTrue(k.kroupa());
        assertEquals(0.08, k.mMin());
        assertEquals(20.0, k.mMax());
        assertEquals(
                0.005,
                parse("--integrator", "hermite", "--eta", "0.005").hermite().etaSOrDefault());
    }
}
