package org.orrery.apps.nbody;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.orrery.apps.common.Programs;
import org.orrery.apps.nbody.NBodyConfig.Ic;

/** Every validation rule of {@link NBodyConfig}, through the command line (the level its messages speak). */
class NBodyConfigTest {

    static Stream<Arguments> badOptions() {
        return Stream.of(
                Arguments.of(
                        "--restart ck.bin --seed 3 --ic plummer --steps 4",
                        "--restart continues a run from its checkpoint; --ic, --seed (initial conditions) cannot be "
                                + "given with it"),
                Arguments.of(
                        "--restart ck.bin --radius 1 --steps 4",
                        "--restart continues a run from its checkpoint; --radius (initial conditions) cannot be given "
                                + "with it"),
                Arguments.of(
                        "--input a.csv --ic plummer",
                        "--input gives the particles; it cannot be combined with --ic plummer"),
                Arguments.of("--ic file", "--ic file needs --input FILE"),
                Arguments.of("-n 0", "--particles must be positive, got 0"),
                Arguments.of("--ic kepler -n 3", "--ic kepler is a two-body problem; --particles 3 does not apply"),
                Arguments.of(
                        "--input a.csv -n 3 --eps 1 --dt 1 --steps 1",
                        "--particles does not apply to --input (N is the number of rows)"),
                Arguments.of("--radius -1", "--radius must be a positive number, got -1.0"),
                Arguments.of("--particle-mass 0", "--particle-mass must be a positive number, got 0.0"),
                Arguments.of("--ecc 1", "--ecc must be in [0, 1), got 1.0"),
                Arguments.of("-G Infinity", "-G must be a positive number, got Infinity"),
                Arguments.of("--eps 0", "--eps (softening) must be a positive number, got 0.0"),
                Arguments.of("--dt -1", "--dt must be a positive number, got -1.0"),
                Arguments.of("--t-end NaN", "--t-end must be a positive number, got NaN"),
                Arguments.of("--steps -1", "--steps must be >= 0, got -1"),
                Arguments.of("--steps 3 --t-end 2", "give --steps or --t-end, not both"),
                Arguments.of(
                        "--input a.csv --eps 1 --dt 1",
                        "with --input, give --eps, --dt and --steps (or --t-end): there are no defaults for your own "
                                + "particles"),
                Arguments.of("--diag-every 0", "--diag-every must be >= 1, got 0"),
                Arguments.of("--log-every 0", "--log-every must be >= 1, got 0"),
                Arguments.of("--snap-every -1", "--snap-every must be >= 0, got -1"),
                Arguments.of("--checkpoint-every -2", "--checkpoint-every must be >= 0, got -2"),
                Arguments.of("--threads 0", "--threads must be >= 1, got 0"),
                Arguments.of("--progress -1", "--progress must be >= 0 seconds, got -1.0"),
                Arguments.of(
                        "--steps 9223372036854775807",
                        "--steps 9223372036854775807 is more than 9007199254740992 (2^53), "
                                + "the most steps a run can count: the time k*dt of step k is exact only up to there"),
                Arguments.of(
                        "--restart ck.bin --steps 9223372036854775807",
                        "--steps 9223372036854775807 is more than "
                                + "9007199254740992 (2^53), the most steps a run can count: the time k*dt of step k "
                                + "is exact only up to there"),
                Arguments.of(
                        "--diag-every 9223372036854775807",
                        "--diag-every 9223372036854775807 is more than 9007199254740992 "
                                + "(2^53), the most steps a run can count: the time k*dt of step k is exact only up "
                                + "to there"),
                Arguments.of("--plot-steps 0,-1", "--plot-steps takes step numbers from 0 to the last step, got -1"));
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

    private static NBodyConfig parse(String... args) {
        NBodyCommand c = new NBodyCommand();
        new picocli.CommandLine(c).parseArgs(args);
        c.validate();
        return c.config();
    }

    @Test
    void defaultsResolveWithoutTheFilesAndRecordWhatWasNotGiven() {
        NBodyConfig c = parse();
        assertEquals(Ic.uniform, c.ic());
        assertEquals(1.0, c.radius());
        assertEquals(1.0, c.particleMass());
        assertEquals(0.5, c.ecc());
        assertNull(c.eps());
        assertNull(c.steps());
        assertEquals(42, c.seedOrDefault());
        assertEquals(10.0, c.progressSeconds());
        assertTrue(!c.henon());
        assertTrue(parse("--ic", "plummer").henon());
        assertTrue(!parse("--ic", "plummer", "--units", "si").henon());
        assertEquals(
                Ic.file,
                parse("--input", "a.csv", "--eps", "1", "--dt", "1", "--steps", "1")
                        .ic());
        assertEquals(0.0, parse("-q").progressSeconds());
    }

    @Test
    void theConfigIsImmutable() {
        List<Long> steps = new ArrayList<>(List.of(0L, 5L));
        NBodyConfig c = new NBodyConfig(
                null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, steps, 1, 0);
        steps.add(9L);
        assertEquals(List.of(0L, 5L), c.plotSteps());
        assertThrows(UnsupportedOperationException.class, () -> c.plotSteps().add(1L));
    }
}
