package org.orrery.apps.decay;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.orrery.analysis.CurveStatistics;
import org.orrery.physics.montecarlo.DecayModel;

/**
 * The decay ensemble's plot ({@code decay.png}, two panels written by {@code Charts}); it depends only on the ensemble
 * and the parameters.
 */
public final class DecayPlot {
    private static final Color[] COLORS = {
        new Color(31, 119, 180),
        new Color(214, 39, 40),
        new Color(44, 160, 44),
        new Color(148, 103, 189),
        new Color(255, 127, 14)
    };

    private DecayPlot() {}

    /**
     * The plot, two panels. Top: every member's curve faint, the ensemble mean, and the expected law
     * (N0&middot;e<sup>&minus;&lambda;t</sup> for the parent), one colour per species. Bottom: the same curves minus
     * the expected law, with the binomial &plusmn;2&sigma; band of a single simulation (&sigma;&sup2; =
     * N0&middot;q(1&minus;q)) and the &plusmn;2 standard-error band of the mean, where the spread the top panel cannot
     * show becomes visible. At most {@code maxCurves} members are drawn per species. Returns the two panels, top then
     * bottom, not yet rendered ({@code Charts} writes them as one PNG).
     */
    public static List<XYChart> charts(
            String title,
            DecayModel model,
            List<String> names,
            CurveStatistics stats,
            double[] expected,
            long[] data,
            int members,
            int maxCurves) {
        int k = model.species();
        int pts = model.points();
        double[] t = new double[pts];
        for (int i = 0; i < pts; i++) {
            t[i] = model.time(i);
        }
        XYChart top = chart(title, "number of nuclei", model);
        top.getStyler().setYAxisMin(0.0);
        XYChart bottom = chart("Deviation from the expected law, with binomial bands", "N(t) - N0*q(t)", model);
        int drawn = Math.min(members, maxCurves);
        for (int j = 0; j < k; j++) {
            Color c = COLORS[j % COLORS.length];
            Color faint = new Color(
                    c.getRed(), c.getGreen(), c.getBlue(), Math.max(12, Math.min(90, 2400 / Math.max(1, drawn))));
            double[] law = new double[pts];
            double[] sigma = new double[pts];
            for (int i = 0; i < pts; i++) {
                double q = expected[i * k + j];
                law[i] = model.n0() * q;
                sigma[i] = Math.sqrt(model.n0() * q * (1 - q));
            }
            for (int m = 0; m < drawn; m++) {
                double[] y = new double[pts];
                double[] dy = new double[pts];
                for (int i = 0; i < pts; i++) {
                    y[i] = data[m * model.width() + i * k + j];
                    dy[i] = y[i] - law[i];
                }
                String label = names.get(j) + ": " + members + " simulation" + (members == 1 ? "" : "s")
                        + (drawn < members ? " (" + drawn + " drawn)" : "");
                line(top, m == 0 ? label : names.get(j) + " #" + m, t, y, faint, 1.0f, null)
                        .setShowInLegend(m == 0);
                line(bottom, m == 0 ? label : names.get(j) + " #" + m, t, dy, faint, 1.0f, null)
                        .setShowInLegend(m == 0);
            }
            double[] mean = new double[pts];
            double[] dmean = new double[pts];
            double[] band = new double[pts];
            double[] bandNeg = new double[pts];
            double[] se = new double[pts];
            double[] seNeg = new double[pts];
            for (int i = 0; i < pts; i++) {
                mean[i] = stats.mean(i * k + j);
                dmean[i] = mean[i] - law[i];
                band[i] = 2 * sigma[i];
                bandNeg[i] = -band[i];
                se[i] = 2 * sigma[i] / Math.sqrt(members);
                seNeg[i] = -se[i];
            }
            String lawName = j == 0 ? "N0*exp(-lambda*t)" : "expected N0*pi(t)";
            line(top, names.get(j) + ": ensemble mean", t, mean, c.darker(), 2.5f, null);
            line(top, names.get(j) + ": " + lawName, t, law, Color.BLACK, 1.5f, DASHED);
            line(bottom, names.get(j) + ": ensemble mean", t, dmean, c.darker(), 2.0f, null);
            line(bottom, names.get(j) + ": +-2 sigma binomial (one simulation)", t, band, Color.BLACK, 1.5f, DASHED);
            line(bottom, names.get(j) + " -2 sigma", t, bandNeg, Color.BLACK, 1.5f, DASHED)
                    .setShowInLegend(false);
            if (members > 1) {
                line(bottom, names.get(j) + ": +-2 standard errors of the mean", t, se, Color.DARK_GRAY, 1.0f, DOTTED);
                line(bottom, names.get(j) + " -2 SE", t, seNeg, Color.DARK_GRAY, 1.0f, DOTTED)
                        .setShowInLegend(false);
            }
        }
        return List.of(top, bottom);
    }

    private static final BasicStroke DASHED =
            new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, new float[] {6f, 5f}, 0f);
    private static final BasicStroke DOTTED =
            new BasicStroke(1.0f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, new float[] {2f, 3f}, 0f);

    private static XYChart chart(String title, String yTitle, DecayModel model) {
        XYChart chart = new XYChartBuilder()
                .width(1000)
                .height(520)
                .title(title)
                .xAxisTitle("time (s)")
                .yAxisTitle(yTitle)
                .build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        chart.getStyler().setMarkerSize(0);
        chart.getStyler().setPlotGridLinesColor(new Color(225, 225, 225));
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setLegendBackgroundColor(new Color(255, 255, 255, 220));
        chart.getStyler().setXAxisMin(0.0);
        chart.getStyler().setXAxisMax(model.time(model.steps()));
        chart.getStyler().setXAxisTickMarkSpacingHint(90);
        chart.getStyler().setXAxisDecimalPattern("0.0##");
        chart.getStyler().setYAxisDecimalPattern("#,##0");
        return chart;
    }

    private static XYSeries line(
            XYChart chart, String name, double[] x, double[] y, Color color, float width, BasicStroke style) {
        XYSeries s = chart.addSeries(name, x, y);
        s.setMarker(SeriesMarkers.NONE);
        s.setLineColor(color);
        s.setLineWidth(width);
        if (style != null) {
            s.setLineStyle(style);
        }
        return s;
    }
}
