package org.orrery.io.plot;

import java.nio.file.Path;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Lagrangian radii (1, 10, 50, 90 % of the mass) and the core radius of a star cluster against time, on a logarithmic
 * radius axis: the figure in which core collapse shows as the inner radii and the core radius falling while the outer
 * radii expand.
 */
public final class LagrangianPlot {
    private static final String[] NAMES = {"r (1 %)", "r (10 %)", "r (50 %)", "r (90 %)", "core radius (CH85)"};

    private LagrangianPlot() {}

    /**
     * Writes the PNG. Each row is {time, r1, r10, r50, r90, r_core}; rows whose value is not a positive finite number
     * are left out of that series.
     */
    public static void write(Path file, String title, String timeLabel, List<double[]> rows) {
        XYChart c = new XYChartBuilder()
                .width(900)
                .height(600)
                .title(title)
                .xAxisTitle(timeLabel)
                .yAxisTitle("radius")
                .build();
        c.getStyler().setYAxisLogarithmic(true);
        c.getStyler().setMarkerSize(3);
        for (int k = 0; k < NAMES.length; k++) {
            double[] x = new double[rows.size()];
            double[] y = new double[rows.size()];
            int m = 0;
            for (double[] r : rows) {
                if (r[k + 1] > 0 && Double.isFinite(r[k + 1])) {
                    x[m] = r[0];
                    y[m] = r[k + 1];
                    m++;
                }
            }
            if (m > 0) {
                XYSeries s = c.addSeries(NAMES[k], java.util.Arrays.copyOf(x, m), java.util.Arrays.copyOf(y, m));
                s.setMarker(m > 200 ? SeriesMarkers.NONE : SeriesMarkers.CIRCLE);
            }
        }
        Plots.savePng(file, c, 900, 600);
    }
}
