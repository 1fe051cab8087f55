package org.orrery.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import org.orrery.model.UserError;

/**
 * Turns I/O failures into the one line the user sees and the exit status of an environment failure
 * ({@value #EXIT_CODE}; bad input keeps 2). The operating system's words are translated: ENOSPC becomes "disk full",
 * EDQUOT "disk quota exceeded", EROFS "read-only file system", EACCES "permission denied".
 */
public final class IoFailures {
    /** Exit status of an I/O or environment failure. */
    public static final int EXIT_CODE = 1;

    private IoFailures() {}

    /** A failure while writing {@code target}: exit {@value #EXIT_CODE}, e.g. "disk full writing out/x.csv". */
    public static UserError writing(Path target, Exception e) {
        String why = reason(e);
        if (why.startsWith("disk full") || why.startsWith("disk quota")) {
            return new UserError(why + " writing " + target, EXIT_CODE);
        }
        return new UserError("cannot write " + target + ": " + why, EXIT_CODE);
    }

    /** The failure in words (no class names, no "errno"). */
    public static String reason(Throwable e) {
        Throwable t = e instanceof UncheckedIOException u && u.getCause() != null ? u.getCause() : e;
        String m = t.getMessage() == null ? "" : t.getMessage();
        if (t instanceof FileSystemException f && f.getReason() != null) {
            m = f.getReason();
        }
        String low = m.toLowerCase(Locale.ROOT);
        if (low.contains("no space left on device")) {
            return "disk full";
        }
        if (low.contains("disk quota exceeded")) {
            return "disk quota exceeded";
        }
        if (low.contains("read-only file system")) {
            return "read-only file system";
        }
        if (t instanceof AccessDeniedException || low.contains("permission denied")) {
            return "permission denied";
        }
        if (t instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (t instanceof CharacterCodingException) {
            return "not text (bytes that are not UTF-8)";
        }
        if (m.isEmpty()) {
            return t instanceof IOException
                    ? "input/output error"
                    : t.getClass().getSimpleName();
        }
        return m;
    }
}
