package org.orrery.io;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Test helper (run in its own JVM): makes a temporary folder guarded like sweep's, writes its path to {@code args[0]},
 * and runs a shell whose background child writes its pid to {@code args[1]} and then sleeps, through
 * {@link Launcher#runForSummary} (as sweep runs mpirun).
 */
public final class GuardedChildMain {
    private GuardedChildMain() {}

    public static void main(String[] args) throws Exception {
        Path tmp = Files.createTempDirectory("orrery-guard-test");
        Files.writeString(tmp.resolve("inside"), "x");
        ProcessGuard g = ProcessGuard.deleteOnExit(tmp);
        try {
            Files.writeString(Path.of(args[0]), tmp.toString());
            Launcher.runForSummary(
                    List.of("sh", "-c", "sleep 300 & echo $! > " + args[1] + "; wait"), tmp.resolve("s.json"), 600);
        } finally {
            g.close();
        }
    }
}
