package org.orrery.parallel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CTwin and src/bench/c agree on the operation numbers and the interface; a missing library is one clear line. */
class CTwinTest {
    @Test
    void operationNumbersAndVersionMatchTheCSources() throws IOException {
        String loop = Files.readString(Path.of("src", "bench", "c", "mpibench_loop.h"), StandardCharsets.UTF_8);
        assertTrue(
                loop.contains("enum { MB_BCAST, MB_ALLGATHERV, MB_REDUCE, MB_ALLREDUCE, MB_SENDRECV, MB_NOPS };"),
                "the operations of mpibench_loop.h changed: update CTwin.Op");
        int i = 0;
        for (CTwin.Op op : CTwin.Op.values()) {
            assertEquals(i++, op.code, op.name());
        }
        String jni = Files.readString(Path.of("src", "bench", "c", "mpibench_jni.c"), StandardCharsets.UTF_8);
        assertTrue(jni.contains("#define ORRERY_MPIBENCH_VERSION " + CTwin.VERSION + "\n"), "version mismatch");
    }

    @Test
    void aMissingLibraryIsOneLineSayingWhatToDo(@TempDir Path tmp) {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> CTwin.load(tmp.resolve("liborrery_mpibench.so")));
        assertTrue(e.getMessage().contains("run mpi/setup"), e.getMessage());
    }
}
