package org.orrery.apps.amdahl;

import java.util.ArrayList;
import java.util.List;
import org.orrery.analysis.Scaling;

/**
 * The Amdahl table: speedup S<sub>p</sub> = 1/(f + (1&minus;f)/p) ({@link Scaling#amdahlSpeedup}) for each serial
 * fraction f at p = 1, 2, 4, &hellip; &le; pMax. Not SPMD: it runs in one process.
 */
public final class AmdahlJob {
    private AmdahlJob() {}

    /**
     * What the job computed: Amdahl speedups for each serial fraction at each processor count.
     *
     * @param config what was asked
     * @param processors p = 1, 2, 4, &hellip; &le; pMax
     * @param speedups {@code speedups.get(i)[k]}: S at {@code processors.get(k)} for the i-th fraction
     */
    public record Result(AmdahlConfig config, List<Long> processors, List<double[]> speedups) {
        public Result {
            processors = List.copyOf(processors);
            speedups = speedups.stream().map(double[]::clone).toList();
        }

        /** The speedup for the i-th fraction at the k-th processor count. */
        public double speedup(int i, int k) {
            return speedups.get(i)[k];
        }
    }

    /** Tabulates the speedups. */
    public static Result run(AmdahlConfig config) {
        List<Long> ps = new ArrayList<>();
        for (long p = 1; p <= config.pMax(); p *= 2) {
            ps.add(p);
        }
        List<double[]> speedups = new ArrayList<>();
        for (double f : config.fractions()) {
            double[] s = new double[ps.size()];
            for (int k = 0; k < s.length; k++) {
                s[k] = Scaling.amdahlSpeedup(f, ps.get(k));
            }
            speedups.add(s);
        }
        return new Result(config, ps, speedups);
    }
}
