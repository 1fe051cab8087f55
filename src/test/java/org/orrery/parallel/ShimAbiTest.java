package org.orrery.parallel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A shim library built from older sources (its natives take other arguments) is refused at load with one line saying to
 * run mpi/setup, before any native is called; the C source and {@link NativeMpi} agree on the ABI number and the
 * reduction codes.
 */
class ShimAbiTest {

    /** Builds a library of the shim's name from {@code source} in {@code tmp}; skips the test without a C compiler. */
    private static void buildFakeShim(Path tmp, String source) throws IOException, InterruptedException {
        Path src = tmp.resolve("old.c");
        Files.writeString(src, source);
        Path lib = tmp.resolve(System.mapLibraryName(NativeMpi.LIBRARY));
        Process cc = new ProcessBuilder("cc", "-shared", "-fPIC", "-o", lib.toString(), src.toString())
                .redirectErrorStream(true)
                .start();
        String ccOut = new String(cc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        Assumptions.assumeTrue(cc.waitFor(60, TimeUnit.SECONDS) && cc.exitValue() == 0, "no C compiler: " + ccOut);
    }

    /** Loads the shim from {@code tmp} in a JVM of its own; returns what it printed. */
    private static String loadIn(Path tmp) throws IOException, InterruptedException {
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
        return out;
    }

    @Test
    void aShimWithoutTheCurrentAbiIsRefusedAtLoad(@TempDir Path tmp) throws Exception {
        // A library of the right name without Java_..._abi: what every shim built before the ABI number looks like.
        buildFakeShim(tmp, "int orrery_old_shim = 1;\n");
        String out = loadIn(tmp);
        assertTrue(out.startsWith("refused: MPI shim: "), out);
        assertTrue(out.contains("has interface 1, this Orrery needs " + NativeMpi.ABI), out);
        assertTrue(out.contains("run mpi/setup"), out);
        assertEquals(1, out.lines().count(), out);
    }

    @Test
    void aShimOfTheLastAbiIsRefusedAtLoad(@TempDir Path tmp) throws Exception {
        // ABI 2: the shim before it timed its own calls (no waitSeconds/waitCalls/waitClock natives).
        buildFakeShim(tmp, "int Java_org_orrery_parallel_NativeMpi_abi(void *env, void *c) { return 2; }\n");
        String out = loadIn(tmp);
        assertTrue(out.contains("has interface 2, this Orrery needs " + NativeMpi.ABI), out);
        assertEquals(1, out.lines().count(), out);
    }

    @Test
    void theCSourceHasTheSameAbiAndReductionCodes() throws IOException {
        String c = Files.readString(Path.of("src", "main", "c", "orrery_mpi.c"));
        assertTrue(c.contains("#define ORRERY_SHIM_ABI " + NativeMpi.ABI + "\n"), "ORRERY_SHIM_ABI != NativeMpi.ABI");
        // The codes NativeMpi.op passes are the C enum's.
        assertTrue(c.contains("enum { OP_SUM = 0, OP_MAX = 1, OP_MIN = 2 };"), "the shim's reduction codes changed");
        for (Comm.Op op : Comm.Op.values()) {
            assertEquals(List.of("SUM", "MAX", "MIN").indexOf(op.name()), NativeMpi.op(op), op.name());
        }
        assertEquals(3, Comm.Op.values().length);
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
