package org.orrery.apps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.orrery.testing.MpiRun;
import org.orrery.testing.Summaries;

class HelloIT {

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4})
    void everyRankReportsOnceInRankOrder(int np, @TempDir Path tmp) {
        Path summary = tmp.resolve("hello.json");
        MpiRun.Result r = MpiRun.run(np, 120, null, "Hello", "--summary", summary.toString());
        assertEquals(0, r.exitCode(), r::describe);
        JsonObject s = Summaries.read(summary);
        assertEquals(np, s.get("ranks").getAsInt(), s::toString);
        assertTrue(s.getAsJsonObject("results").get("broadcast_ok").getAsBoolean(), s::toString);
        assertTrue(s.getAsJsonObject("results").get("reduction_ok").getAsBoolean(), s::toString);
        // The per-rank report lines are hello's product (where each rank runs): read them from stdout.
        Matcher m =
                Pattern.compile("(?m)^rank (\\d+) of (\\d+) on \\S+, pid \\d+$").matcher(r.stdout());
        int expected = 0;
        while (m.find()) {
            assertEquals(expected, Integer.parseInt(m.group(1)), r::describe);
            assertEquals(np, Integer.parseInt(m.group(2)), r::describe);
            expected++;
        }
        assertEquals(np, expected, r::describe);
        // Any MPI (the suite runs under Open MPI and MPICH): the library, the backend, the launcher.
        JsonObject res = s.getAsJsonObject("results");
        assertTrue(
                Pattern.compile("^(Open MPI|MPICH|Intel)")
                        .matcher(s.get("mpi").getAsString())
                        .find(),
                s::toString);
        assertTrue(res.get("backend").getAsString().matches("ompi-java|shim"), s::toString);
        assertTrue(res.get("native_library").getAsString().startsWith("/"), s::toString);
        assertTrue(res.get("launcher").getAsString().startsWith("/"), s::toString);
        assertTrue(r.stderrLines().isEmpty(), r::describe);
    }

    @Test
    void withoutMpirunItRunsAsASingleton(@TempDir Path tmp) {
        Path summary = tmp.resolve("hello.json");
        MpiRun.Result r = MpiRun.singleton(60, null, "Hello", "--summary", summary.toString());
        assertEquals(0, r.exitCode(), r::describe);
        assertEquals(1, Summaries.read(summary).get("ranks").getAsInt());
        assertTrue(Summaries.results(summary).get("reduction_ok").getAsBoolean());
    }

    @Test
    void aWrongOptionFailsFastWithOneClearLineAtFourRanks() {
        MpiRun.Result r = MpiRun.run(4, 60, null, "Hello", "--frobnicate");
        assertEquals(2, r.exitCode(), r::describe);
        assertEquals(
                List.of("orrery hello: error: Unknown option: '--frobnicate' (see --help)"),
                r.stderrLines(),
                r::describe);
        assertTrue(r.seconds() < 30, r::describe);
    }

    @Test
    void helpPrintsUsageOnceAndExitsZero() {
        MpiRun.Result r = MpiRun.run(2, 60, null, "Hello", "--help");
        assertEquals(0, r.exitCode(), r::describe);
        assertTrue(r.stdout().startsWith("Usage: hello"), r::describe);
        assertEquals(1, r.stdout().split("Usage: hello", -1).length - 1, r::describe);
    }
}
