package org.orrery.physics.paircount;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.orrery.model.UserError;

class BinsTest {

    /** Reference: linear scan over squared edges. */
    static int scan(Bins b, double d2) {
        double[] e2 = b.edges2();
        for (int k = 0; k < b.count(); k++) {
            if (e2[k] <= d2 && d2 < e2[k + 1]) {
                return k;
            }
        }
        return -1;
    }

    @Test
    void edgesFollowTheCorrfuncConvention() {
        Bins b = Bins.of(new double[] {1, 2, 3}, "test");
        assertEquals(0, b.binOf(1.0));
        assertEquals(-1, b.binOf(Math.nextDown(1.0)));
        assertEquals(1, b.binOf(4.0));
        assertEquals(0, b.binOf(Math.nextDown(4.0)));
        assertEquals(-1, b.binOf(9.0));
        assertEquals(1, b.binOf(Math.nextDown(9.0)));
        assertEquals(-1, b.binOf(Double.NaN));
    }

    @Test
    void lookupAgreesWithLinearScanEverywhere() {
        SplittableRandom r = new SplittableRandom(1);
        for (Bins b : new Bins[] {
            Bins.log(0.5, 30, 15),
            Bins.linear(1, 21, 20),
            Bins.linear(0, 10, 1),
            Bins.of(new double[] {0, 1e-3, 1e-3 + 1e-9, 5, 1000}, "t")
        }) {
            double[] e2 = b.edges2();
            for (double v : e2) {
                for (double d : new double[] {Math.nextDown(v), v, Math.nextUp(v)}) {
                    assertEquals(scan(b, d), b.binOf(d), b + " at " + d);
                }
            }
            for (int i = 0; i < 200_000; i++) {
                double d = r.nextDouble() * e2[e2.length - 1] * 1.1;
                assertEquals(scan(b, d), b.binOf(d));
            }
        }
    }

    @Test
    void linearAndLogEdges() {
        Bins l = Bins.linear(1, 21, 20);
        assertEquals(20, l.count());
        assertEquals(1.0, l.edge(0));
        assertEquals(2.0, l.edge(1));
        assertEquals(21.0, l.edge(20));
        Bins g = Bins.log(0.5, 30, 15);
        assertEquals(0.5, g.edge(0));
        assertEquals(30.0, g.edge(15));
        assertEquals(Math.pow(60, 1.0 / 15), g.edge(1) / g.edge(0), 1e-12);
        assertEquals(4.0 / 3 * Math.PI * 7, Bins.of(new double[] {1, 2}, "t").shellVolume(0), 1e-12);
    }

    @Test
    void badBinsAreRefusedWithClearMessages() {
        UserError e = assertThrows(UserError.class, () -> Bins.of(new double[] {1, 3, 2}, "edges.txt"));
        assertTrue(
                e.getMessage().contains("increase strictly") && e.getMessage().contains("edges.txt"), e.getMessage());
        assertThrows(UserError.class, () -> Bins.of(new double[] {-1, 3}, "x"));
        assertThrows(UserError.class, () -> Bins.of(new double[] {1}, "x"));
        assertThrows(UserError.class, () -> Bins.of(new double[] {1, Double.NaN}, "x"));
        assertThrows(UserError.class, () -> Bins.log(0, 10, 5));
        assertThrows(UserError.class, () -> Bins.linear(5, 5, 5));
        assertThrows(UserError.class, () -> Bins.linear(1, 5, 0));
        assertThrows(UserError.class, () -> GridSpec.create(Bins.linear(1, 50, 2), 100, null, null, 10, 2));
    }
}
