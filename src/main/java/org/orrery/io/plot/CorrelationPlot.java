package org.orrery.io.plot;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.orrery.io.AtomicFile;

/**
 * Log–log plot of ξ(r) written as PNG with XChart. Bins where ξ is not positive (or NaN) cannot be shown on a log axis
 * and are left out; the caption says how many.
 */
public final class CorrelationPlot {
    private CorrelationPlot() {}

    /** One curve: its label and ξ per bin. */
    public record Curve(String label, double[] xi) {}

    /**
     * Writes the plot atomically.
     *
     * @param r bin centres (x axis)
     */
    public static void write(Path file, String title, double[] r, List<Curve> curves) {
        XYChart chart = new XYChartBuilder()
                .width(900)
                .height(620)
                .title(title)
                .xAxisTitle("r")
                .yAxisTitle("ξ(r)")
                .build();
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideNE);
        int hidden = 0;
        int shown = 0;
        for (Curve c : curves) {
            List<Double> xs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            for (int k = 0; k < r.length; k++) {
                if (c.xi()[k] > 0 && Double.isFinite(c.xi()[k]) && r[k] > 0) {
                    xs.add(r[k]);
                    ys.add(c.xi()[k]);
                } else {
                    hidden++;
                }
            }
            if (!xs.isEmpty()) {
                XYSeries s = chart.addSeries(c.label(), xs, ys);
                s.setMarker(SeriesMarkers.CIRCLE);
                shown++;
            }
        }
        if (shown == 0) {
            chart.getStyler().setYAxisLogarithmic(false);
            chart.addSeries("no positive ξ to show", new double[] {r[0], r[r.length - 1]}, new double[] {0, 0});
        }
        if (hidden > 0) {
            chart.setTitle(title + " (" + hidden + " non-positive points not shown)");
        }
        AtomicFile.write(file, out -> BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG));
    }
}
