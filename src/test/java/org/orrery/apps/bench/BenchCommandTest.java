package org.orrery.apps.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Bad benchmark options end with status 2 and one line naming the option, before anything is measured. */
class BenchCommandTest {

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "nbody --sizes 0|--sizes values must be >= 1, got 0",
                "nbody --mpi-n 0|--mpi-n and --mpi-steps must be >= 1",
                "paircount --threads 1,0|--threads values must be >= 1, got 0",
                "paircount --refine 5|--repeat and --mpi-n must be >= 1, --refine 1..4",
                "farm --np 0|--np values must be >= 1, got 0",
                "farm --warmup -1|--warmup must be >= 0, got -1",
                "farm --size 0|--size, --window and --repeats must be >= 1, got 0, 50 and 5",
                "decay --numpy-sims 101|--per-nucleus-sims and --numpy-sims must be in 1..100",
            })
    void badOptionsGiveStatusTwoAndOneLine(String args, String message) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream old = System.err;
        int code;
        try (PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            System.setErr(e);
            code = BenchCommand.execute(args.split(" "));
        } finally {
            System.setErr(old);
        }
        assertEquals(2, code);
        String text = err.toString(StandardCharsets.UTF_8).strip();
        assertEquals(1, text.lines().count(), text);
        assertTrue(text.equals("orrery bench: error: " + message), text);
    }
}
