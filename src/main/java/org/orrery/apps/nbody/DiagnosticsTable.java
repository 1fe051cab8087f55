package org.orrery.apps.nbody;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The earlier part of {@code diagnostics.csv} a restart continues: read, repaired and cut at the checkpoint's step, so
 * that the restarted run's table is the uninterrupted run's.
 */
final class DiagnosticsTable {
    private static final Pattern COMMA = Pattern.compile(",");

    private DiagnosticsTable() {}

    /**
     * Rows of an earlier diagnostics.csv strictly before {@code step} (a restart continues the table). The table is
     * repaired as it is read: rows that are not 15 numbers (a truncated last line, stray bytes) and rows whose step
     * does not increase are dropped, and so is everything from the checkpoint's step on, which the restarted run writes
     * again.
     */
    static List<String> previousRows(Path file, long step) {
        List<String> rows = new ArrayList<>();
        if (!Files.isRegularFile(file)) {
            return rows;
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            System.err.println("nbody: " + file + " cannot be read (" + e.getMessage()
                    + "); the restarted run starts a new table");
            return rows;
        }
        long last = -1;
        int dropped = 0;
        for (String line : lines) {
            if (line.isEmpty() || line.equals(NBodyOutputs.DIAG_HEADER)) {
                continue;
            }
            long k = wellFormedStep(line);
            if (k < 0 || k <= last) {
                dropped++;
            } else if (k < step) {
                rows.add(line);
                last = k;
            }
        }
        if (dropped > 0) {
            System.err.println("nbody: " + file + ": dropped " + dropped
                    + " damaged row(s); the table continues from its good rows");
        }
        return rows;
    }

    /** The step of a diagnostics row of 15 finite-or-NaN numbers, or -1. */
    private static long wellFormedStep(String line) {
        String[] f = COMMA.split(line, -1);
        if (f.length != COMMA.split(NBodyOutputs.DIAG_HEADER, -1).length) {
            return -1;
        }
        try {
            for (int i = 1; i < f.length; i++) {
                Double.parseDouble(f[i]);
            }
            long k = Long.parseLong(f[0]);
            return k >= 0 ? k : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
