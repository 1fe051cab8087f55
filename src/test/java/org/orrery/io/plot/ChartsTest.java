package org.orrery.io.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;

/** The concurrently rendered grid is the same file, byte for byte, as XChart's own grid encoder writes. */
class ChartsTest {
    private static XYChart chart(String title, int curves, double phase) {
        XYChart c = new XYChartBuilder().width(400).height(260).title(title).build();
        c.getStyler().setMarkerSize(0);
        double[] x = new double[300];
        for (int i = 0; i < x.length; i++) {
            x[i] = i * 0.01;
        }
        for (int k = 0; k < curves; k++) {
            double[] y = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                y[i] = Math.sin(x[i] * (k + 1) + phase) * Math.exp(-x[i]);
            }
            c.addSeries("s" + k, x, y);
        }
        return c;
    }

    @Test
    void gridIsXChartsBytes(@TempDir Path dir) throws IOException {
        for (int[] grid : new int[][] {{2, 1}, {1, 3}, {2, 2}}) {
            List<XYChart> charts = new ArrayList<>();
            for (int i = 0; i < grid[0] * grid[1]; i++) {
                charts.add(chart("panel " + i, 20 + 10 * i, 0.3 * i));
            }
            ByteArrayOutputStream expected = new ByteArrayOutputStream();
            BitmapEncoder.saveBitmap(charts, grid[0], grid[1], expected, BitmapEncoder.BitmapFormat.PNG);
            Path png = dir.resolve("grid" + grid[0] + "x" + grid[1] + ".png");
            Charts.savePng(charts, grid[0], grid[1], png);
            assertArrayEquals(expected.toByteArray(), Files.readAllBytes(png), png.toString());
        }
    }

    @Test
    void panelsStartedEarlyAreTheSameBytesAndCloseWithoutSaving(@TempDir Path dir) throws IOException {
        List<XYChart> charts = List.of(chart("top", 60, 0.1), chart("bottom", 60, 0.7));
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        BitmapEncoder.saveBitmap(charts, 2, 1, expected, BitmapEncoder.BitmapFormat.PNG);
        Path png = dir.resolve("started.png");
        try (Charts.Pending p = Charts.start(charts, 2, 1)) {
            // The caller's own work would run here while the panels render.
            p.save(png);
        }
        assertArrayEquals(expected.toByteArray(), Files.readAllBytes(png));
        Charts.start(charts, 2, 1).close(); // closed without saving: waits for the panels, writes nothing
        assertArrayEquals(new String[] {"started.png"}, dir.toFile().list());
    }
}
