package org.orrery.physics.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Bit-for-bit agreement with SciPy: src/test/resources/scipy/median_filter_40x30.csv holds two 30×40 float64 images and
 * {@code scipy.ndimage.median_filter(x, size=k)} for k = 1..8 and 50, written by make_fixture.py beside it (SciPy
 * 1.17.1).
 */
class ScipyFixtureTest {

    @Test
    void medianFilterEqualsScipyBitForBit() throws IOException {
        Map<String, double[]> inputs = new LinkedHashMap<>();
        Map<String, Map<Integer, double[]>> medians = new LinkedHashMap<>();
        int ny = 30;
        int nx = 40;
        try (InputStream in = getClass().getResourceAsStream("/scipy/median_filter_40x30.csv")) {
            assertNotNull(in, "fixture missing");
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = r.readLine()) != null) {
                if (line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split(",", -1);
                assertEquals(4 + nx, f.length);
                int k = Integer.parseInt(f[2]);
                int y = Integer.parseInt(f[3]);
                double[] target = "input".equals(f[1])
                        ? inputs.computeIfAbsent(f[0], c -> new double[ny * nx])
                        : medians.computeIfAbsent(f[0], c -> new TreeMap<>())
                                .computeIfAbsent(k, c -> new double[ny * nx]);
                for (int x = 0; x < nx; x++) {
                    target[y * nx + x] = Double.parseDouble(f[4 + x]);
                }
            }
        }
        assertEquals(2, inputs.size());
        int checked = 0;
        for (var e : medians.entrySet()) {
            double[] img = inputs.get(e.getKey());
            for (var m : e.getValue().entrySet()) {
                assertArrayEquals(
                        m.getValue(), MedianFilter.filter(img, ny, nx, m.getKey()), e.getKey() + " k=" + m.getKey());
                checked++;
            }
        }
        assertEquals(18, checked);
    }
}
