package org.orrery.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.orrery.model.UserError;

/** I/O failures exit 1 and say what happened in words (issue 13 item 8). */
class IoFailuresTest {

    @Test
    void aFullDiskIsSaidInWordsWithExitOne() {
        UserError e = IoFailures.writing(
                Path.of("out/x.csv"), new FileSystemException("out/.x.csv.123.tmp", null, "No space left on device"));
        assertEquals("disk full writing out/x.csv", e.getMessage());
        assertEquals(1, e.exitCode());
        assertEquals(
                "disk quota exceeded writing out/x.csv",
                IoFailures.writing(
                                Path.of("out/x.csv"), new UncheckedIOException(new IOException("Disk quota exceeded")))
                        .getMessage());
    }

    @Test
    void otherFailuresNameTheFileAndTheReason() {
        UserError e = IoFailures.writing(
                Path.of("o/a.fits"), new FileSystemException("o/a.fits", null, "Read-only file system"));
        assertEquals("cannot write o/a.fits: read-only file system", e.getMessage());
        assertEquals(1, e.exitCode());
        assertEquals("input/output error", IoFailures.reason(new IOException()));
    }
}
