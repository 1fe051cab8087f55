package org.orrery.parallel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A shim library built from older sources (its natives take other arguments) is refused at load with one line saying to
 * run mpi/setup, before any native is called.
 */
class ShimAbiTest {

    @Test
    void aShimWithoutTheCurrentAbiIsRefusedAtLoad(@TempDir Path tmp) throws Exception {
        Path src = tmp.resolve("old.c");
        // A library of the right name without Java_..._abi: what every shim built before the ABI number looks like.
        Files.writeString(src, "int orrery_old_shim = 1;\n");
        Path lib = tmp.resolve(System.mapLibraryName(NativeMpi.LIBRARY));
        Process cc = new ProcessBuilder("cc", "-shared", "-fPIC", "-o", lib.toString(), src.toString())
                .redirectErrorStream(true)
                .start();
        String ccOut = new String(cc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        Assumptions.assumeTrue(cc.waitFor(60, TimeUnit.SECONDS) && cc.exitValue() == 0, "no C compiler: " + ccOut);

        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(
                        java,
                        "-cp",
                        System.getProperty("java.class.path"),
                        "-Djava.library.path=" + tmp,
                        ShimLoadMain.class.getName())
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.startsWith("refused: MPI shim: "), out);
        assertTrue(out.contains("has interface 1, this Orrery needs " + NativeMpi.ABI), out);
        assertTrue(out.contains("run mpi/setup"), out);
        assertEquals(1, out.lines().count(), out);
    }

    /** Test helper run in its own JVM: loads the shim from java.library.path and prints the refusal. */
    static final class ShimLoadMain {
        private ShimLoadMain() {}

        public static void main(String[] args) throws IOException {
            try {
                NativeMpi.load();
                System.out.println("loaded");
            } catch (MpiFailure e) {
                System.out.println("refused: " + e.getMessage());
            }
        }
    }
}
