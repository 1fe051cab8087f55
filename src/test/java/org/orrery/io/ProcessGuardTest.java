package org.orrery.io;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGINT to a JVM that runs children (sweep runs mpirun) kills them and removes its temporary folders (issue 13 item
 * 4).
 */
class ProcessGuardTest {

    @Test
    void sigintToTheParentKillsItsGrandchildrenAndRemovesItsTemporaryFolder(@TempDir Path tmp) throws Exception {
        Path dirFile = tmp.resolve("dir");
        Path pidFile = tmp.resolve("pid");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process parent = new ProcessBuilder(
                        java,
                        "-cp",
                        System.getProperty("java.class.path"),
                        GuardedChildMain.class.getName(),
                        dirFile.toString(),
                        pidFile.toString())
                .inheritIO()
                .start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!(Files.exists(pidFile) && Files.size(pidFile) > 0 && Files.exists(dirFile))
                    && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertTrue(Files.exists(pidFile), "the grandchild started");
            long pid = Long.parseLong(Files.readString(pidFile).strip());
            Path folder = Path.of(Files.readString(dirFile).strip());
            assertTrue(ProcessHandle.of(pid).isPresent());
            new ProcessBuilder("kill", "-INT", Long.toString(parent.pid()))
                    .start()
                    .waitFor();
            assertTrue(parent.waitFor(20, TimeUnit.SECONDS), "the parent ended on SIGINT");
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (running(pid) && System.nanoTime() < until) {
                Thread.sleep(50);
            }
            assertFalse(running(pid), "the grandchild died with its parent");
            assertFalse(Files.exists(folder), "the temporary folder is gone");
        } finally {
            ProcessGuard.killTree(parent.toHandle());
        }
    }

    /**
     * Alive and not a zombie: a killed orphan stays a zombie until init reaps it, which can take seconds on a loaded
     * machine; it runs nothing.
     */
    private static boolean running(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
        } catch (java.io.IOException e) {
            return false; // gone
        }
    }
}
