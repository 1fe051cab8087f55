package org.orrery.apps.nbody;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.orrery.physics.gravity.Diagnostics;

/**
 * The rows of {@code diagnostics.csv}: a restart's earlier rows (text, {@link DiagnosticsTable}) and this run's values.
 * A value is formatted only when the table is written ({@link #csv}): {@link String#format} parses its {@code %.17g}
 * specifiers with a regular expression, work that does not belong in the time-step loop (at np 2 its compilation takes
 * a core from the other rank; docs/performance.md, "Session 10").
 */
final class DiagnosticsRows {
    private static final Pattern COMMA = Pattern.compile(",");

    private final double e0;
    private final List<String> rows;
    private final List<Diagnostics.Values> unformatted = new ArrayList<>();

    /** Rows relative to the initial energy {@code e0}, continuing {@code previous} (a restart's earlier rows). */
    DiagnosticsRows(double e0, List<String> previous) {
        this.e0 = e0;
        this.rows = new ArrayList<>(previous);
    }

    /**
     * The largest |E/E0 − 1| of the earlier rows, from their energy column (%.17g, exact), not the rounded
     * rel_energy_error: the maximum covers the whole run, bit for bit as an uninterrupted run computes it.
     */
    double previousMaxRel() {
        double max = 0;
        for (String row : rows) {
            double energy = Double.parseDouble(COMMA.split(row, -1)[4]);
            max = Math.max(max, Math.abs((energy - e0) / e0));
        }
        return max;
    }

    /** Adds a row (formatted later). */
    void add(Diagnostics.Values d) {
        unformatted.add(d);
    }

    /** The whole table: the header and every row, one per line. */
    String csv() {
        for (Diagnostics.Values d : unformatted) {
            rows.add(row(d));
        }
        unformatted.clear();
        StringBuilder sb = new StringBuilder(NBodyOutputs.DIAG_HEADER).append('\n');
        for (String r : rows) {
            sb.append(r).append('\n');
        }
        return sb.toString();
    }

    /** A row: step, time, energies, momenta, 2K/|W|, radii (%.17g: exact). */
    private String row(Diagnostics.Values d) {
        double rel = (d.energy() - e0) / e0;
        return String.format(
                Locale.ROOT,
                "%d,%.17g,%.17g,%.17g,%.17g,%.6e,%.17g,%.17g,%.17g,%.17g,%.17g,%.17g,%.17g,%.17g,%.17g",
                d.step(),
                d.time(),
                d.kinetic(),
                d.potential(),
                d.energy(),
                rel,
                d.px(),
                d.py(),
                d.pz(),
                d.lx(),
                d.ly(),
                d.lz(),
                d.virialRatio(),
                d.halfMassRadius(),
                d.meanRadius());
    }
}
