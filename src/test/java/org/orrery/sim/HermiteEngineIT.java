package org.orrery.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orrery.testing.MpiRun;

/**
 * The Hermite engine under real mpirun (issue 15): the same bits on every rank and at np 1, 2, 3 and with threads, and
 * a restart from a checkpoint (written at another np) that ends in the same bits. Runs {@link HermiteSpmdCheck} from
 * the test classes: the test classpath goes after the jar's in a second {@code -cp} (the java launcher keeps the last
 * one).
 */
class HermiteEngineIT {
    @TempDir
    Path tmp;

    static final String N = "240";
    static final String T_END = "0.25";

    MpiRun.Result check(int np, Path out, int threads, String... extra) throws IOException {
        Files.createDirectories(out);
        String cp = MpiRun.classpath()
                + File.pathSeparator
                + Path.of("target", "test-classes").toAbsolutePath();
        String[] args = new String[6 + extra.length];
        args[0] = cp;
        args[1] = HermiteSpmdCheck.class.getName();
        args[2] = out.toString();
        args[3] = Integer.toString(threads);
        args[4] = N;
        args[5] = T_END;
        System.arraycopy(extra, 0, args, 6, extra.length);
        MpiRun.Result r = MpiRun.run(np, 300, tmp, "-cp", args);
        assertEquals(0, r.exitCode(), r::describe);
        assertTrue(r.stdout().contains("ranks " + np + " threads " + threads + " blocks "), r::describe);
        return r;
    }

    @Test
    void sameBitsOnEveryRankAtAnyRankAndThreadCountAndAfterRestart() throws IOException {
        Path ref = tmp.resolve("np1");
        check(1, ref, 1);
        byte[] mid = Files.readAllBytes(ref.resolve("mid-r0.bin"));
        byte[] fin = Files.readAllBytes(ref.resolve("final-r0.bin"));
        assertFalse(java.util.Arrays.equals(mid, fin));
        int[][] runs = {{2, 1}, {3, 1}, {2, 2}};
        for (int[] run : runs) {
            Path out = tmp.resolve("np" + run[0] + "t" + run[1]);
            check(run[0], out, run[1]);
            for (int r = 0; r < run[0]; r++) {
                String where = "np " + run[0] + " threads " + run[1] + " rank " + r;
                assertArrayEquals(mid, Files.readAllBytes(out.resolve("mid-r" + r + ".bin")), where + " (mid)");
                assertArrayEquals(fin, Files.readAllBytes(out.resolve("final-r" + r + ".bin")), where + " (final)");
            }
        }
        // Restart at np 3 from the np 1 checkpoint taken half way: the end state is the direct run's.
        Path again = tmp.resolve("restart");
        check(3, again, 1, ref.resolve("mid-r0.bin").toString());
        for (int r = 0; r < 3; r++) {
            assertArrayEquals(fin, Files.readAllBytes(again.resolve("final-r" + r + ".bin")), "restart rank " + r);
        }
    }
}
