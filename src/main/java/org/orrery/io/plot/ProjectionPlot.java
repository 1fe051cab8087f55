package org.orrery.io.plot;

import java.awt.Color;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Projected particle positions (x–y) at several times, one panel per time, on common axes so a collapse or an orbit is
 * seen at a glance.
 */
public final class ProjectionPlot {
    private ProjectionPlot() {}

    /** A frame: positions and its label. */
    public record Frame(String label, double[] x, double[] y) {}

    public static void write(Path file, String title, List<Frame> frames, String unit) {
        double lim = 0;
        for (Frame f : frames) {
            for (int i = 0; i < f.x().length; i++) {
                lim = Math.max(lim, Math.max(Math.abs(f.x()[i]), Math.abs(f.y()[i])));
            }
        }
        lim = lim == 0 ? 1 : lim * 1.05;
        List<XYChart> charts = new ArrayList<>();
        for (Frame f : frames) {
            XYChart c = new XYChartBuilder()
                    .width(420)
                    .height(420)
                    .title(title + " — " + f.label())
                    .xAxisTitle("x" + (unit.isEmpty() ? "" : " [" + unit + "]"))
                    .yAxisTitle("y" + (unit.isEmpty() ? "" : " [" + unit + "]"))
                    .build();
            c.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            c.getStyler().setLegendVisible(false);
            c.getStyler().setMarkerSize(3);
            c.getStyler().setChartTitleFont(c.getStyler().getChartTitleFont().deriveFont(12f));
            c.getStyler().setXAxisMin(-lim).setXAxisMax(lim).setYAxisMin(-lim).setYAxisMax(lim);
            c.getStyler().setPlotGridLinesVisible(false);
            XYSeries s = c.addSeries(
                    "particles",
                    f.x().length == 0 ? new double[] {0} : f.x(),
                    f.y().length == 0 ? new double[] {0} : f.y());
            s.setMarker(SeriesMarkers.CIRCLE);
            s.setMarkerColor(new Color(20, 60, 160, 140));
            charts.add(c);
        }
        int cols = Math.min(3, frames.size());
        Plots.saveGrid(file, charts, cols, 420, 420);
    }
}
