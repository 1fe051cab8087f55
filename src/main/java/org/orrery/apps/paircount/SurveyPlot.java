package org.orrery.apps.paircount;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.orrery.io.plot.ErrorBarPlot;
import org.orrery.physics.paircount.SurveyBinning;

/**
 * The PNG of a survey run ({@code paircount.png}): the statistic (wp, the multipoles, w(θ) or ξ(r)) against the primary
 * bin centres ({@link SurveyReport#mid}) with ±σ jackknife error bars.
 */
final class SurveyPlot {
    private SurveyPlot() {}

    static void write(Path file, PairCountConfig c, SurveyConfig s, SurveyResult r, SurveyEstimate e) {
        SurveyBinning b = r.binning();
        int np = b.primary().count();
        double[] x = SurveyReport.mid(b.primary().edges());
        double[] sigma = e.jackknife() == null ? null : e.jackknife().sigma();
        List<ErrorBarPlot.Curve> curves = new ArrayList<>();
        String[] labels =
                switch (b.mode()) {
                    case RPPI -> new String[] {"wp(rp)"};
                    case SMU -> new String[] {"ξ0(s)", "ξ2(s)", "ξ4(s)"};
                    case THETA -> new String[] {"w(θ)"};
                    case R -> new String[] {"ξ(r)"};
                };
        for (int l = 0; l < labels.length; l++) {
            curves.add(new ErrorBarPlot.Curve(
                    labels[l],
                    Arrays.copyOfRange(e.statistic(), l * np, (l + 1) * np),
                    sigma == null ? null : Arrays.copyOfRange(sigma, l * np, (l + 1) * np)));
        }
        String title = labels.length == 1 ? labels[0] : "multipoles";
        String data =
                c.data() == null ? "generated catalog" : c.data().getFileName().toString();
        String xTitle =
                switch (b.mode()) {
                    case RPPI -> "rp";
                    case SMU -> "s";
                    case THETA -> "θ [deg]";
                    case R -> "r";
                };
        ErrorBarPlot.write(
                file,
                title + ": " + data + ", N_D = " + r.nData()
                        + (s.patches() > 0 ? ", " + s.patches() + " jackknife patches" : ""),
                xTitle,
                title,
                x,
                curves);
    }
}
