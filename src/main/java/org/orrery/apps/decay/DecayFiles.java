package org.orrery.apps.decay;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.orrery.analysis.CurveStatistics;
import org.orrery.analysis.EnsembleChecks;
import org.orrery.io.AtomicFile;
import org.orrery.physics.montecarlo.DecayModel;

/**
 * The decay ensemble's tables: the statistics ({@code decay.csv}) and every member's curve ({@code decay-members.csv},
 * optional); the plot is {@link DecayPlot}. All are written atomically and depend only on the ensemble and the
 * parameters (no rank count, thread count, date or timing), so runs at different np give byte-identical files.
 *
 * <p>CSV conventions: lines starting with {@code #} are comments recording the parameters; then one header line and one
 * row per grid time t<sub>i</sub> = i&middot;dt. Integers are written as integers, doubles in Java's shortest
 * round-trip form.
 */
public final class DecayFiles {
    private DecayFiles() {}

    /** Statistics table: per time, per species: mean, std, min, max, expected N0&middot;&pi;, z of the mean. */
    public static void writeStatistics(
            Path file,
            List<String> comments,
            DecayModel model,
            List<String> names,
            CurveStatistics stats,
            double[] expected) {
        int k = model.species();
        StringBuilder sb = new StringBuilder(model.points() * k * 80);
        comments.forEach(c -> sb.append("# ").append(c).append('\n'));
        sb.append("t_s");
        for (int j = 0; j < k; j++) {
            String n = names.get(j);
            sb.append(',')
                    .append(n)
                    .append("_mean,")
                    .append(n)
                    .append("_std,")
                    .append(n)
                    .append("_min,")
                    .append(n)
                    .append("_max,")
                    .append(n)
                    .append("_expected,")
                    .append(n)
                    .append("_z");
        }
        sb.append('\n');
        for (int i = 0; i < model.points(); i++) {
            sb.append(model.time(i));
            for (int j = 0; j < k; j++) {
                int at = i * k + j;
                sb.append(',')
                        .append(stats.mean(at))
                        .append(',')
                        .append(stats.std(at))
                        .append(',')
                        .append(stats.min(at))
                        .append(',')
                        .append(stats.max(at))
                        .append(',')
                        .append(model.n0() * expected[at])
                        .append(',')
                        .append(EnsembleChecks.z(stats, model.n0(), expected[at], at));
            }
            sb.append('\n');
        }
        AtomicFile.writeString(file, sb.toString());
    }

    /** Every member's curve: one row per time, one column per (species, member): {@code <species>_m<k>}. */
    public static void writeMembers(
            Path file, List<String> comments, DecayModel model, List<String> names, long[] data, int members) {
        int k = model.species();
        int w = model.width();
        AtomicFile.write(file, out -> {
            StringBuilder sb = new StringBuilder(1 << 16);
            comments.forEach(c -> sb.append("# ").append(c).append('\n'));
            sb.append("t_s");
            for (int j = 0; j < k; j++) {
                for (int m = 0; m < members; m++) {
                    sb.append(',').append(names.get(j)).append("_m").append(m);
                }
            }
            sb.append('\n');
            for (int i = 0; i < model.points(); i++) {
                sb.append(model.time(i));
                for (int j = 0; j < k; j++) {
                    for (int m = 0; m < members; m++) {
                        sb.append(',').append(data[m * w + i * k + j]);
                    }
                }
                sb.append('\n');
                if (sb.length() > (1 << 15)) {
                    out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
                    sb.setLength(0);
                }
            }
            out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
        });
    }
}
