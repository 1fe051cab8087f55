package org.orrery.apps.decay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.orrery.apps.common.Programs;
import org.orrery.model.UserError;
import org.orrery.physics.montecarlo.DecaySimulation.Method;

/** Every validation rule of {@link DecayConfig}, with its one message. */
class DecayConfigTest {

    static Stream<Arguments> badOptions() {
        return Stream.of(
                Arguments.of("--n0 0", "--n0 must be at least 1, got 0"),
                Arguments.of("--n0 1000000000000001", "--n0 must be at most 1e15, got 1000000000000001"),
                Arguments.of("--half-life -2", "--half-life must be positive and finite, got -2.0"),
                Arguments.of("--half-life 1,Infinity", "--half-life must be positive and finite, got Infinity"),
                Arguments.of("--dt 0", "--dt must be positive and finite, got 0.0"),
                Arguments.of("--t-max NaN", "--t-max must be positive and finite, got NaN"),
                Arguments.of(
                        "--t-max 200000", "--t-max / --dt gives 200000000 steps, more than 1e8: use a larger --dt"),
                Arguments.of("--nsims 0", "--nsims must be at least 1, got 0"),
                Arguments.of("--threads 4097", "--threads must be in 1..4096, got 4097"),
                Arguments.of(
                        "--species A,B,C",
                        "--species needs 2 names (one per --half-life value and one for the stable "
                                + "product), got 3"),
                Arguments.of(
                        "--nsims 300000",
                        "the ensemble has 300300000 curve values (> 2^28) to gather on rank 0: "
                                + "reduce --nsims or --t-max, or increase --dt"),
                Arguments.of("--progress -1", "--progress must be >= 0 seconds, got -1.0"),
                Arguments.of(
                        "--method fast-ish",
                        "Invalid value for option '--method': unknown method 'fast-ish' (binomial, per-nucleus) (see "
                                + "--help)"));
    }

    @ParameterizedTest
    @MethodSource("badOptions")
    void eachRuleHasOneMessageAndExitTwo(String args, String message) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        assertEquals(2, Programs.runSerial(new DecayCommand(), err, args.split(" ")));
        assertEquals(
                "orrery decay: error: " + message + System.lineSeparator(), bytes.toString(StandardCharsets.UTF_8));
    }

    @Test
    void speciesNamesDefaultToTheTeachingChainOrToNumberedOnes() {
        DecayConfig li8 =
                new DecayConfig(10, new double[] {DecayConfig.LI8_HALF_LIFE}, null, 0.1, 1, 1, 1, Method.BINOMIAL, 1);
        assertEquals(List.of("Li-8", "Be-8"), li8.species());
        assertEquals("Li-8 -> Be-8", li8.chain());
        DecayConfig chain = new DecayConfig(10, new double[] {1, 2}, null, 0.1, 1, 1, 1, Method.BINOMIAL, 1);
        assertEquals(List.of("S0", "S1", "S2"), chain.species());
        assertEquals(10, chain.model().steps());
    }

    @Test
    void theConfigKeepsItsOwnCopies() {
        double[] hl = {1.0};
        DecayConfig c = new DecayConfig(10, hl, null, 0.1, 1, 1, 1, Method.BINOMIAL, 1);
        hl[0] = 5;
        c.halfLives()[0] = 7;
        assertEquals(1.0, c.halfLives()[0]);
        assertEquals(new DecayConfig(10, new double[] {1.0}, null, 0.1, 1, 1, 1, Method.BINOMIAL, 1), c);
        assertThrows(UnsupportedOperationException.class, () -> c.species().add("X"));
        assertThrows(UserError.class, () -> new DecayConfig(0, hl, null, 0.1, 1, 1, 1, Method.BINOMIAL, 1));
    }
}
