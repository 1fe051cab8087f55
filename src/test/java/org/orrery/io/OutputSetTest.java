package org.orrery.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orrery.model.UserError;

/** A run's files appear together at commit or not at all (issue 13, item 7). */
class OutputSetTest {
    @TempDir
    Path dir;

    private static List<String> names(Path d) throws IOException {
        try (Stream<Path> s = Files.list(d)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void nothingAppearsBeforeTheCommitAndEverythingAtIt() throws IOException {
        Path out = dir.resolve("a/b");
        try (OutputSet set = OutputSet.open(out, "test", n -> {})) {
            set.writeString(out.resolve("x.csv"), "new x\n");
            set.write(out.resolve("y.fits"), o -> o.write(new byte[] {1, 2, 3}));
            assertFalse(Files.exists(out.resolve("x.csv")));
            assertFalse(Files.exists(out.resolve("y.fits")));
            set.commit();
        }
        assertEquals("new x\n", Files.readString(out.resolve("x.csv")));
        assertEquals(List.of("x.csv", "y.fits"), names(out), "no temporaries, no lock left");
    }

    @Test
    void aFailedRunLeavesThePreviousFilesUntouchedAndNoPartialOnes() throws IOException {
        Path out = dir.resolve("o");
        Files.createDirectories(out);
        Files.writeString(out.resolve("x.csv"), "old x\n");
        Files.writeString(out.resolve("y.png"), "old y\n");
        try (OutputSet set = OutputSet.open(out, "test", n -> {})) {
            set.writeString(out.resolve("x.csv"), "new x\n");
            assertThrows(
                    UserError.class,
                    () -> set.write(out.resolve("y.png"), o -> {
                        o.write(1);
                        throw new IOException("No space left on device");
                    }));
        }
        assertEquals("old x\n", Files.readString(out.resolve("x.csv")));
        assertEquals("old y\n", Files.readString(out.resolve("y.png")));
        assertEquals(List.of("x.csv", "y.png"), names(out));
    }

    @Test
    void anAbandonedRunRemovesTheDirectoriesItCreated() {
        Path out = dir.resolve("new/deeper");
        try (OutputSet set = OutputSet.open(out, "test", n -> {})) {
            set.writeString(out.resolve("x.csv"), "never published\n");
        }
        assertFalse(Files.exists(dir.resolve("new")), "input errors leave no empty output directory behind");
    }

    @Test
    void filesThisRunDoesNotWriteAreRetiredSoOldAndNewNeverMix() throws IOException {
        Path out = dir.resolve("o");
        Files.createDirectories(out);
        Files.writeString(out.resolve("pc.csv"), "old\n");
        Files.writeString(out.resolve("pc.fits"), "old\n");
        Files.writeString(out.resolve("other.txt"), "not ours\n");
        try (OutputSet set = OutputSet.open(out, "test", n -> {})) {
            set.writeString(out.resolve("pc.csv"), "new\n");
            set.retireOthers("pc*.{csv,fits,png}");
            set.commit();
        }
        assertEquals(List.of("other.txt", "pc.csv"), names(out));
        assertEquals("new\n", Files.readString(out.resolve("pc.csv")));
    }

    @Test
    void aSecondRunIntoTheSameDirectoryIsRefusedWhileTheFirstHoldsIt() {
        Path out = dir.resolve("o");
        try (OutputSet first = OutputSet.open(out, "test", n -> {})) {
            UserError e = assertThrows(UserError.class, () -> OutputSet.open(out, "test", n -> {}));
            assertEquals(OutputLock.BUSY, e.exitCode());
            assertTrue(e.getMessage().contains("is in use by another run"), e.getMessage());
            first.commit();
        }
        try (OutputSet again = OutputSet.open(out, "test", n -> {})) {
            again.commit();
        }
    }
}
