package org.orrery.parallel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.orrery.testing.MpiRun;
import org.orrery.testing.MpiRun.Config;

/**
 * The per-rank wait and call count mean the same under every backend: a rank that sleeps 300 ms before a barrier makes
 * the other rank wait at least 0.25 s there, the sleeper waits far less, and the same program counts the same
 * {@link Comm} calls whether {@link TimedComm} reads the clock per call ({@code mpi.jar}) or the shim times its own MPI
 * calls (TSC, or {@code clock_gettime} when forced with {@code ORRERY_WAIT_CLOCK=monotonic}). Run as a program without
 * {@code --summary} ({@code off}): the calls are still counted, no wait is measured, and the shim times (and counts) no
 * MPI call. A configuration that cannot be set up here is skipped, except in CI ({@code orrery.mpirun=require}).
 */
class WaitClockIT {
    private static final Pattern LINE =
            Pattern.compile("rank=(\\d+) calls=(\\d+) wait=([0-9.]+) clock=(.+) native_calls=(-?\\d+)");

    @TempDir
    Path work;

    @ParameterizedTest
    @CsvSource({
        "openmpi,ompi-java,",
        "openmpi,shim,",
        "openmpi,shim,monotonic",
        "mpich,shim,",
        "openmpi,ompi-java,off",
        "openmpi,shim,off",
        "mpich,shim,off",
    })
    void waitAndCallsMeanTheSameOnEveryBackend(String mpi, String backend, String force) {
        Map<String, String> env =
                new LinkedHashMap<>(Map.of("ORRERY_MPI", mpi, "ORRERY_MPI_BACKEND", backend, "ORRERY_NO_INSTALL", "1"));
        boolean off = "off".equals(force); // as a program without --summary: no wait accounting at all
        if (force != null && !off) {
            env.put("ORRERY_WAIT_CLOCK", force);
        }
        String cp = MpiRun.classpath()
                + File.pathSeparator
                + Path.of("target", "test-classes").toAbsolutePath();
        MpiRun.Result r = MpiRun.run(
                new Config(mpi + "/" + backend, env),
                2,
                240,
                work,
                List.of(),
                "-cp",
                cp,
                WaitClockCheck.class.getName(),
                off ? "off" : "on");
        if (r.exitCode() != 0 && !"require".equals(System.getProperty("orrery.mpirun"))) {
            Assumptions.assumeTrue(
                    r.stdout().contains("rank="),
                    () -> mpi + "/" + backend + " not available here: " + String.join(" | ", r.stderrLines()));
        }
        assertEquals(0, r.exitCode(), r::describe);
        double[] wait = new double[2];
        for (int rank = 0; rank < 2; rank++) {
            Matcher m = LINE.matcher(r.stdout());
            boolean found = false;
            while (m.find()) {
                if (Integer.parseInt(m.group(1)) != rank) {
                    continue;
                }
                found = true;
                assertEquals(WaitClockCheck.CALLS, Long.parseLong(m.group(2)), r::describe);
                wait[rank] = Double.parseDouble(m.group(3));
                String clock = m.group(4);
                long nativeCalls = Long.parseLong(m.group(5));
                if (off) {
                    assertEquals("off", clock);
                    assertEquals(0.0, wait[rank], r::describe);
                    // The shim counted (and timed) no MPI call: it read no clock.
                    assertEquals(backend.equals("shim") ? 0 : -1, nativeCalls, r::describe);
                } else if (backend.equals("shim")) {
                    String expect = force != null ? "backend: clock_gettime" : "backend: ";
                    assertTrue(clock.startsWith(expect), clock);
                    // bcastString is 2 MPI calls in the shim; every other Comm call here is one.
                    assertEquals(WaitClockCheck.CALLS + 1, nativeCalls, r::describe);
                } else {
                    assertEquals("nanoTime per call", clock);
                    assertEquals(-1, nativeCalls);
                }
            }
            assertTrue(found, "no line of rank " + rank + ": " + r.describe());
        }
        if (off) {
            return;
        }
        assertTrue(wait[0] >= 0.25, "rank 0 waited " + wait[0] + " s for the sleeping rank 1: " + r.describe());
        assertTrue(wait[1] < 0.2, "rank 1 slept, then waited " + wait[1] + " s: " + r.describe());
    }
}
