package org.orrery.physics.paircount;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** {@link PointSet#pack} then {@link PointSet#unpack}, and {@link PointSet#appendGathered}, keep every field. */
class PointSetPackTest {
    @Test
    void packedPointsComeBackWithEveryFieldForEachLayout() {
        for (boolean weighted : new boolean[] {false, true}) {
            for (boolean labelled : new boolean[] {false, true}) {
                for (boolean withPlane : new boolean[] {false, true}) {
                    PointSet src = sample(weighted, labelled, 37);
                    int[] idx = {36, 0, 5, 5, 17, 2, 30};
                    double[] msg = new double[src.packedWidth(withPlane) * idx.length];
                    int written = src.pack(idx, 1, 6, withPlane, msg);
                    assertEquals(src.packedWidth(withPlane) * 5, written);
                    PointSet dst = src.emptyLike(1);
                    dst.add(-1, -2, -3, 4, 99, 7, 3); // a point already there stays first
                    dst.unpack(msg, 5, withPlane);
                    assertEquals(6, dst.size());
                    for (int k = 0; k < 5; k++) {
                        same(src, idx[1 + k], dst, 1 + k, withPlane);
                    }
                    PointSet all = src.emptyLike(0);
                    double[] full = new double[src.packedWidth(withPlane) * src.size()];
                    src.pack(null, 0, src.size(), withPlane, full);
                    all.unpack(full, src.size(), withPlane);
                    for (int i = 0; i < src.size(); i++) {
                        same(src, i, all, i, withPlane);
                    }
                    PointSet gathered = src.emptyLike(2);
                    gathered.appendGathered(src, idx, 2, 7);
                    for (int k = 0; k < 5; k++) {
                        same(src, idx[2 + k], gathered, k, false);
                    }
                }
            }
        }
    }

    private static PointSet sample(boolean weighted, boolean labelled, int n) {
        PointSet s = new PointSet(weighted, labelled, 4);
        for (int i = 0; i < n; i++) {
            s.add(0.1 * i, -0.25 * i, i * 1e-300, 1.5 + i, (1L << 52) + 3L * i, 2 * i + 1, i % 5);
        }
        return s;
    }

    private static void same(PointSet a, int i, PointSet b, int j, boolean plane) {
        String at = "point " + i + " -> " + j;
        assertEquals(Double.doubleToRawLongBits(a.x(i)), Double.doubleToRawLongBits(b.x(j)), at);
        assertEquals(Double.doubleToRawLongBits(a.y(i)), Double.doubleToRawLongBits(b.y(j)), at);
        assertEquals(Double.doubleToRawLongBits(a.z(i)), Double.doubleToRawLongBits(b.z(j)), at);
        assertEquals(a.w(i), b.w(j), at);
        assertEquals(a.id(i), b.id(j), at);
        assertEquals(plane ? a.plane(i) : 0, b.plane(j), at);
        if (a.labelled()) {
            assertEquals(a.label(i), b.label(j), at);
        }
    }
}
