package org.orrery.apps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orrery.testing.MpiRun;

/**
 * Issue 13 item 12: an nbody run that runs out of heap says how much memory N needs on every rank (every rank holds all
 * particles, so more ranks do not help), in one line with exit status 1 and no stack trace.
 */
class NBodyOutOfMemoryIT {
    @TempDir
    Path tmp;

    @Test
    void outOfMemorySaysWhatNNeedsOnEveryRankNotUseMoreRanks() {
        MpiRun.Result r = MpiRun.run(
                1,
                120,
                tmp,
                "-Xmx40m",
                "NBody",
                "--ic",
                "plummer",
                "-n",
                "2000000",
                "--steps",
                "1",
                "-q",
                "--no-plot",
                "-o",
                tmp.resolve("out").toString());
        assertEquals(1, r.exitCode(), r::describe);
        assertEquals(1, r.stderrLines().size(), r::describe);
        String line = r.stderrLines().get(0);
        assertTrue(
                line.startsWith("orrery nbody: error: out of memory: N = 2000000 particles need about 128 bytes "
                        + "per particle on EVERY rank, 0.256 GB per rank here (every rank holds all particles, so "
                        + "more ranks do not help"),
                r::describe);
        assertFalse(line.contains("use more ranks") || r.stderr().contains("\tat "), r::describe);
    }
}
