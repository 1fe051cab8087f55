package org.orrery.apps.nbody;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.orrery.physics.gravity.Diagnostics;

/**
 * diagnostics.csv's rows: a restart's earlier rows kept as they were, this run's values formatted exactly (%.17g) only
 * when the table is written, and the earlier rows' largest energy error from their exact energy column.
 */
class DiagnosticsRowsTest {
    private static final double E0 = -0.25;

    @Test
    void earlierRowsStayAndNewValuesAreFormattedExactlyWhenWritten() {
        String earlier = "0,0.0000000000000000,0.25,-0.50,-0.25,0.000000e+00,0,0,0,0,0,0,1.0,0.77,0.9";
        String later = "10,0.0000000000000000,0.25,-0.50,-0.2600000000000000,4.000000e-02,0,0,0,0,0,0,1.0,0.77,0.9";
        DiagnosticsRows rows = new DiagnosticsRows(E0, List.of(earlier, later));
        assertEquals(0.04, rows.previousMaxRel(), 1e-15);

        Diagnostics.Values v = new Diagnostics.Values(20, 0.1, 0.3, -0.6, 1e-17, 0, 0, 0, 0, 0, 0.5, 0.8, 1.0 / 3);
        rows.add(v);
        // Java's %.17g: the shortest digits that read back as the same double, padded with zeros.
        String row = "20,0.10000000000000000,0.30000000000000000,-0.60000000000000000,-0.30000000000000000,"
                + "2.000000e-01,1.0000000000000000e-17,0.0000000000000000,0.0000000000000000,0.0000000000000000,"
                + "0.0000000000000000,0.0000000000000000,1.0000000000000000,0.80000000000000000,0.33333333333333330";
        String csv = NBodyOutputs.DIAG_HEADER + "\n" + earlier + "\n" + later + "\n" + row + "\n";
        assertEquals(csv, rows.csv());
        assertEquals(csv, rows.csv(), "writing twice writes the same table");
    }
}
