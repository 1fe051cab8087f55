package org.orrery.io.catalog;

import java.nio.file.Path;
import org.orrery.model.UserError;

/** A bad line: "FILE line N: problem"; {@link #shifted} renumbers it for a part read after other lines. */
final class BadLine extends UserError {
    private static final long serialVersionUID = 1L;
    private final transient Path file;
    private final long number;
    private final String problem;

    BadLine(Path file, long number, String problem) {
        super(file + " line " + number + ": " + problem);
        this.file = file;
        this.number = number;
        this.problem = problem;
    }

    /** The same error {@code lines} lines further down the file. */
    BadLine shifted(long lines) {
        return new BadLine(file, number + lines, problem);
    }
}
