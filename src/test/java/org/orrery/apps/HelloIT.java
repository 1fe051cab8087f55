package org.orrery.apps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.orrery.testing.MpiRun;

class HelloIT {

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4})
    void everyRankReportsOnceInRankOrder(int np) {
        MpiRun.Result r = MpiRun.run(np, 120, null, "Hello");
        assertEquals(0, r.exitCode(), r::describe);
        assertTrue(r.stdout().contains("Orrery hello: " + np + " rank"), r::describe);
        Matcher m = Pattern.compile("(?m)^rank (\\d+) of (\\d+) on \\S+, pid \\d+$").matcher(r.stdout());
        int expected = 0;
        while (m.find()) {
            assertEquals(expected, Integer.parseInt(m.group(1)), r::describe);
            assertEquals(np, Integer.parseInt(m.group(2)), r::describe);
            expected++;
        }
        assertEquals(np, expected, r::describe);
        assertTrue(r.stdout().contains("broadcast check: ok"), r::describe);
        assertTrue(r.stdout().contains("reduction check: ok (sum of ranks " + np * (np - 1) / 2 + ","), r::describe);
        // Any MPI (the suite runs under Open MPI and MPICH): the library, the backend, the launcher.
        assertTrue(Pattern.compile("(?m)^MPI:  (Open MPI|MPICH|Intel)").matcher(r.stdout()).find(), r::describe);
        assertTrue(Pattern.compile("(?m)^Backend: (ompi-java|shim)\\b.*\\(/").matcher(r.stdout()).find(), r::describe);
        assertTrue(Pattern.compile("(?m)^Launcher: /").matcher(r.stdout()).find(), r::describe);
        assertTrue(r.stderrLines().isEmpty(), r::describe);
    }

    @Test
    void withoutMpirunItRunsAsASingleton() {
        MpiRun.Result r = MpiRun.singleton(60, null, "Hello");
        assertEquals(0, r.exitCode(), r::describe);
        assertTrue(r.stdout().contains("Orrery hello: 1 rank\n"), r::describe);
        assertTrue(r.stdout().contains("rank 0 of 1 on "), r::describe);
    }

    @Test
    void aWrongOptionFailsFastWithOneClearLineAtFourRanks() {
        MpiRun.Result r = MpiRun.run(4, 60, null, "Hello", "--frobnicate");
        assertEquals(2, r.exitCode(), r::describe);
        assertEquals(List.of("orrery hello: error: Unknown option: '--frobnicate' (see --help)"), r.stderrLines(), r::describe);
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
