package org.orrery.io.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.orrery.analysis.Scaling;

/** XChart figures for scaling studies: time, speedup and efficiency vs p, and Amdahl's law. */
public final class ScalingPlots {
    private static final Color MEASURED = new Color(31, 119, 180);
    private static final Color OVER = new Color(214, 39, 40);
    private static final BasicStroke DASHED =
            new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, new float[] {6f, 5f}, 0f);
    private static final BasicStroke DOTTED =
            new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, new float[] {2f, 4f}, 0f);

    private ScalingPlots() {}

    /** One measured point: p, the value, and whether p exceeds the physical cores. */
    public record Point(int p, double value, boolean oversubscribed) {}

    static XYChart chart(String title, String x, String y, boolean logX, boolean logY) {
        XYChart c = new XYChartBuilder()
                .width(900)
                .height(600)
                .title(title)
                .xAxisTitle(x)
                .yAxisTitle(y)
                .build();
        c.getStyler().setChartBackgroundColor(Color.WHITE);
        c.getStyler().setPlotGridLinesColor(new Color(225, 225, 225));
        c.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        c.getStyler().setLegendBackgroundColor(new Color(255, 255, 255, 220));
        c.getStyler().setXAxisLogarithmic(logX);
        c.getStyler().setYAxisLogarithmic(logY);
        c.getStyler().setMarkerSize(9);
        return c;
    }

    static XYSeries line(
            XYChart c, String name, double[] x, double[] y, Color color, BasicStroke stroke, boolean markers) {
        XYSeries s = c.addSeries(name, x, y);
        s.setLineColor(color);
        s.setMarkerColor(color);
        if (stroke != null) {
            s.setLineStyle(stroke);
        }
        if (!markers) {
            s.setMarker(SeriesMarkers.NONE);
        }
        return s;
    }

    /** Measured points: one connected series, with oversubscribed points overdrawn in their own colour. */
    static void measured(XYChart c, String label, List<Point> points, int cores) {
        double[] x = points.stream().mapToDouble(Point::p).toArray();
        double[] y = points.stream().mapToDouble(Point::value).toArray();
        XYSeries s = line(c, label, x, y, MEASURED, null, true);
        s.setMarker(SeriesMarkers.CIRCLE);
        List<Point> over = points.stream().filter(Point::oversubscribed).toList();
        if (!over.isEmpty()) {
            XYSeries o = c.addSeries(
                    "oversubscribed (p > " + cores + " physical cores)",
                    over.stream().mapToDouble(Point::p).toArray(),
                    over.stream().mapToDouble(Point::value).toArray());
            o.setMarker(SeriesMarkers.SQUARE);
            o.setMarkerColor(OVER);
            o.setLineColor(new Color(0, 0, 0, 0));
            o.setLineStyle(SeriesLinesNone.NONE);
        }
    }

    /** Line style helper: no line between points. */
    static final class SeriesLinesNone {
        static final BasicStroke NONE = new BasicStroke(0f);

        private SeriesLinesNone() {}
    }

    static double[] grid(int pMin, int pMax) {
        List<Double> g = new ArrayList<>();
        double step = Math.pow(2, 0.125);
        for (double p = pMin; p < pMax * 1.0001; p *= step) {
            g.add(p);
        }
        g.add((double) pMax);
        return g.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** Log axes pay off only over a wide range of p; a short sweep (1, 2, 4) reads better on linear axes. */
    static boolean wide(List<Point> pts) {
        int pMin = pts.stream().mapToInt(Point::p).min().orElse(1);
        int pMax = pts.stream().mapToInt(Point::p).max().orElse(1);
        return pMax >= 16 * pMin;
    }

    /** Wall time vs p (log-log for wide sweeps) with the ideal T<sub>ref</sub>&middot;p<sub>ref</sub>/p line. */
    public static XYChart time(String title, List<Point> pts, int cores, String unit, boolean weak) {
        boolean log = wide(pts);
        XYChart c = chart(title, "processes p", "wall time (s)", log, log && !weak);
        if (!log) {
            c.getStyler().setYAxisMin(0.0);
        }
        measured(c, "measured (median)", pts, cores);
        Point ref = pts.get(0);
        int pMax = pts.stream().mapToInt(Point::p).max().orElse(ref.p());
        double[] g = grid(ref.p(), Math.max(pMax, ref.p() + 1));
        double[] ideal = new double[g.length];
        for (int i = 0; i < g.length; i++) {
            ideal[i] = weak ? ref.value() : ref.value() * ref.p() / g[i];
        }
        line(c, weak ? "ideal weak scaling (constant time)" : "ideal (T ∝ 1/p)", g, ideal, Color.BLACK, DASHED, false);
        if (weak) {
            c.getStyler().setYAxisMin(0.0);
        }
        return c;
    }

    /** Speedup vs p with the ideal line and, when given, the fitted Amdahl curve. */
    public static XYChart speedup(String title, List<Point> pts, int cores, Scaling.AmdahlFit fit, String yTitle) {
        boolean log = wide(pts);
        XYChart c = chart(title, "processes p", yTitle, log, log);
        if (!log) {
            c.getStyler().setYAxisMin(0.0);
        }
        measured(c, "measured", pts, cores);
        int pMin = pts.stream().mapToInt(Point::p).min().orElse(1);
        int pMax = pts.stream().mapToInt(Point::p).max().orElse(1);
        double[] g = grid(Math.min(1, pMin), Math.max(pMax, 2));
        line(c, "ideal S = p", g, g.clone(), Color.BLACK, DASHED, false);
        if (fit != null) {
            double[] a = new double[g.length];
            for (int i = 0; i < g.length; i++) {
                a[i] = Scaling.amdahlSpeedup(fit.f(), g[i]);
            }
            String err = Double.isNaN(fit.fError()) ? "" : String.format(" ± %.3f", fit.fError());
            String note = fit.f() < 0 || fit.f() > 1 ? " (outside [0, 1]: not Amdahl-like)" : "";
            line(
                    c,
                    String.format("Amdahl fit f = %.3f%s%s", fit.f(), err, note),
                    g,
                    a,
                    new Color(44, 160, 44),
                    DOTTED,
                    false);
        }
        return c;
    }

    /** Efficiency vs p (linear axes, 0 &hellip; max(1.1, data)). */
    public static XYChart efficiency(String title, List<Point> pts, int cores, String yTitle) {
        XYChart c = chart(title, "processes p", yTitle, wide(pts), false);
        measured(c, "measured", pts, cores);
        int pMin = pts.stream().mapToInt(Point::p).min().orElse(1);
        int pMax = pts.stream().mapToInt(Point::p).max().orElse(1);
        line(
                c,
                "ideal E = 1",
                new double[] {pMin, Math.max(pMax, pMin + 1)},
                new double[] {1, 1},
                Color.BLACK,
                DASHED,
                false);
        double top = Math.max(1.1, pts.stream().mapToDouble(Point::value).max().orElse(1) * 1.1);
        c.getStyler().setYAxisMin(0.0);
        c.getStyler().setYAxisMax(top);
        c.getStyler().setLegendPosition(Styler.LegendPosition.InsideSW);
        return c;
    }

    /**
     * The teaching chapter's chart (&sect;38.1): Amdahl speedup 1/(f + (1&minus;f)/p) for each f at p = 1, 2, 4,
     * &hellip;, pMax on log&ndash;log axes, the ideal line and the limits 1/f.
     */
    public static XYChart amdahl(double[] fs, int pMax) {
        XYChart c = chart(
                "Amdahl's Law: Limit on Parallel Speedup",
                "number of processors p",
                "theoretical maximum speedup S_p",
                true,
                true);
        List<Double> ps = new ArrayList<>();
        for (long p = 1; p <= pMax; p *= 2) {
            ps.add((double) p);
        }
        double[] x = ps.stream().mapToDouble(Double::doubleValue).toArray();
        line(c, "ideal linear speedup", x, x.clone(), Color.BLACK, DASHED, false);
        Color[] colors = {
            new Color(31, 119, 180), new Color(214, 39, 40), new Color(44, 160, 44), new Color(148, 103, 189)
        };
        for (int k = 0; k < fs.length; k++) {
            double f = fs[k];
            Color col = colors[k % colors.length];
            double[] y = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                y[i] = Scaling.amdahlSpeedup(f, x[i]);
            }
            XYSeries s = line(c, String.format("Amdahl speedup (f = %.2f)", f), x, y, col, null, true);
            s.setMarker(k % 2 == 0 ? SeriesMarkers.CIRCLE : SeriesMarkers.SQUARE);
            if (f > 0) {
                line(
                        c,
                        String.format("max speedup (f = %.2f) = %.1fx", f, 1 / f),
                        new double[] {x[0], x[x.length - 1]},
                        new double[] {1 / f, 1 / f},
                        col,
                        DOTTED,
                        false);
            }
        }
        c.getStyler().setYAxisMin(1.0);
        return c;
    }
}
