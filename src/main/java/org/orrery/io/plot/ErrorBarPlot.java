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
 * Curves with symmetric error bars (±σ, e.g. jackknife) written as PNG with XChart. The x axis is logarithmic; the y
 * axis is logarithmic when every shown value minus its σ is positive, else linear (multipoles change sign). Non-finite
 * points are left out.
 */
public final class ErrorBarPlot {
    private ErrorBarPlot() {}

    /** One curve: label, values and σ per point (σ may be null: no bars). */
    public record Curve(String label, double[] y, double[] sigma) {}

    /** Writes the plot atomically; {@code x} are the bin centres (positive). */
    public static void write(Path file, String title, String xTitle, String yTitle, double[] x, List<Curve> curves) {
        XYChart chart = new XYChartBuilder()
                .width(900)
                .height(620)
                .title(title)
                .xAxisTitle(xTitle)
                .yAxisTitle(yTitle)
                .build();
        chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideNE);
        boolean logY = true;
        for (Curve c : curves) {
            for (int k = 0; k < x.length; k++) {
                double s = c.sigma() == null ? 0 : c.sigma()[k];
                if (Double.isFinite(c.y()[k]) && !(c.y()[k] - s > 0)) {
                    logY = false;
                }
            }
        }
        chart.getStyler().setYAxisLogarithmic(logY);
        int shown = 0;
        for (Curve c : curves) {
            List<Double> xs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            List<Double> es = new ArrayList<>();
            for (int k = 0; k < x.length; k++) {
                double s = c.sigma() == null ? 0 : c.sigma()[k];
                if (Double.isFinite(c.y()[k]) && Double.isFinite(s) && x[k] > 0) {
                    xs.add(x[k]);
                    ys.add(c.y()[k]);
                    es.add(s);
                }
            }
            if (!xs.isEmpty()) {
                XYSeries series =
                        c.sigma() == null ? chart.addSeries(c.label(), xs, ys) : chart.addSeries(c.label(), xs, ys, es);
                series.setMarker(SeriesMarkers.CIRCLE);
                shown++;
            }
        }
        if (shown == 0) {
            chart.addSeries("nothing finite to show", new double[] {x[0], x[x.length - 1]}, new double[] {0, 0});
        }
        AtomicFile.write(file, out -> BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG));
    }
}
