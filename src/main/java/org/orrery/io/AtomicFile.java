package org.orrery.io;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.orrery.model.UserError;

/**
 * Writes a file so that readers only ever see the old file or the complete new one: the content goes to a temporary
 * file in the same directory, is flushed to disk, and is renamed over the target. A failure leaves no partial file
 * behind.
 */
public final class AtomicFile {
    private AtomicFile() {}

    /** Something that writes the whole content to a stream. */
    @FunctionalInterface
    public interface Writer {
        void write(OutputStream out) throws IOException;
    }

    /** Writes {@code target} atomically; an I/O failure becomes a {@link UserError} naming the file. */
    public static void write(Path target, Writer writer) {
        Path dir = target.toAbsolutePath().getParent();
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
            try (var ch = java.nio.channels.FileChannel.open(tmp, java.nio.file.StandardOpenOption.WRITE);
                    OutputStream out =
                            new java.io.BufferedOutputStream(java.nio.channels.Channels.newOutputStream(ch), 1 << 16)) {
                writer.write(out);
                out.flush();
                ch.force(true);
            }
            readableByOthers(tmp);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            tmp = null;
        } catch (IOException | UncheckedIOException e) {
            throw IoFailures.writing(target, e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // best effort: the temporary file is hidden and named after its target
                }
            }
        }
    }

    /**
     * Temporary files are created private (0600); results are ordinary files (0644), as a plain write would make them.
     */
    private static void readableByOthers(Path p) throws IOException {
        if (p.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(p, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        }
    }

    /** Writes a text file atomically (UTF-8). */
    public static void writeString(Path target, String text) {
        write(target, out -> out.write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    /**
     * Checks that {@code dir} exists (or can be created) and is writable, without leaving anything behind but the
     * directory. Throws {@link UserError} naming it otherwise.
     */
    public static void checkWritableDirectory(Path dir) {
        try {
            Files.createDirectories(dir);
            Path probe = Files.createTempFile(dir, ".orrery-probe", ".tmp");
            Files.delete(probe);
        } catch (IOException | SecurityException e) {
            throw new UserError("output directory " + dir + " is not writable: " + message(e), IoFailures.EXIT_CODE);
        }
    }

    private static String message(Exception e) {
        String m = e.getMessage();
        return (e instanceof java.nio.file.NoSuchFileException ? "no such file or directory " : "")
                + (e instanceof java.nio.file.AccessDeniedException ? "permission denied " : "")
                + (m == null ? e.getClass().getSimpleName() : m);
    }
}
