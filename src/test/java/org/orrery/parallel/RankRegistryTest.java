package org.orrery.parallel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rank registry's lines, as launch/orrery reads them to name a killed rank: {@code start RANK HOST PID} first, then
 * a line for every end the rank could see (a stop signal, its own end); nothing without a directory.
 */
class RankRegistryTest {
    @TempDir
    Path tmp;

    @AfterEach
    void forget() {
        RankRegistry.forget();
        StopSignals.reset();
    }

    @Test
    void startLineNamesRankHostAndPidThenSignalsAndTheEndFollow() throws IOException {
        RankRegistry.register(3, tmp.toString());
        Path f = tmp.resolve("rank-3");
        String start =
                "start 3 " + RankRegistry.host() + " " + ProcessHandle.current().pid();
        assertEquals(List.of(start), Files.readAllLines(f), "a registered rank that ends now looks killed");
        StopSignals.received("SIGTERM");
        RankRegistry.ended();
        assertEquals(List.of(start, "signal SIGTERM", "end"), Files.readAllLines(f));
    }

    @Test
    void registersOnceAndHostHasNoSpaces() throws IOException {
        RankRegistry.register(0, tmp.toString());
        RankRegistry.register(1, tmp.toString());
        try (var files = Files.list(tmp)) {
            assertEquals(List.of(tmp.resolve("rank-0")), files.toList());
        }
        assertFalse(RankRegistry.host().isEmpty() || RankRegistry.host().contains(" "));
    }

    @Test
    void withoutItsDirectoryNothingIsWritten() throws IOException {
        RankRegistry.register(0, tmp.resolve("elsewhere").toString());
        RankRegistry.register(0, null);
        RankRegistry.ended();
        try (var files = Files.list(tmp)) {
            assertEquals(List.of(), files.toList());
        }
        assertFalse(Files.exists(tmp.resolve("elsewhere")));
    }

    @Test
    void aRelayedExitStatusIsWrittenAndTheProcessExitsZero() throws IOException {
        assertEquals(2, RankRegistry.exitStatus(2, true), "not registered: the status itself");
        RankRegistry.register(1, tmp.toString());
        assertEquals(0, RankRegistry.exitStatus(0, true));
        assertEquals(75, RankRegistry.exitStatus(75, false), "the launcher did not ask");
        assertEquals(0, RankRegistry.exitStatus(2, true));
        List<String> lines = Files.readAllLines(tmp.resolve("rank-1"));
        assertEquals(List.of("exit 2"), lines.subList(1, lines.size()), "one line, for the relayed status only");
    }
}
