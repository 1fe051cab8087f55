package org.orrery.bench;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.orrery.io.MachineInfo;

/**
 * The statistics and the markdown table of {@link ScalingBench}: medians (the middle value, or the mean of the two
 * middle values for an even count), min–max, the spread (max − min) / median, and the speedup of np N over np 1 from
 * the runs paired by repeat number (t₁/t_N for times, r_N/r₁ for rates). Beside it, from the summaries' JVM figures,
 * how many cores np 1 kept busy (its CPU time over its wall time: the compiler and GC threads use the idle cores) and
 * the most np N could gain while doing the CPU work it did: N × wall₁ / CPU_N, reached only if its N cores were busy
 * the whole run.
 */
final class ScalingTable {
    private ScalingTable() {}

    static final String COLUMNS =
            "| workload | metric | np 1 median (min–max) | np %d median (min–max) | np %d spread | speedup median "
                    + "(min–max) | of hardware | np %d start-up / wait / serial (s, median) | np 1 cores busy "
                    + "| at most %d wall₁ / CPU_%d |";

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : 0.5 * (s[n / 2 - 1] + s[n / 2]);
    }

    static double min(double[] v) {
        return Arrays.stream(v).min().orElse(Double.NaN);
    }

    static double max(double[] v) {
        return Arrays.stream(v).max().orElse(Double.NaN);
    }

    /**
     * From a summary's {@code rank_breakdown}: start-up, compute and wait (max over ranks), serial of rank 0, JIT, GC
     * and CPU (sums over the JVMs: once when the ranks are threads of one JVM), and wall (max over ranks).
     */
    static double[] breakdown(JsonObject summary) {
        double[] b = new double[8];
        JsonElement e = summary.get("rank_breakdown");
        if (e == null || !e.isJsonArray()) {
            Arrays.fill(b, Double.NaN);
            return b;
        }
        JsonArray ranks = e.getAsJsonArray();
        // Ranks as threads of one JVM report that JVM's JIT and GC time on every rank: counted once.
        JsonElement mpi = summary.get("mpi");
        boolean oneJvm = mpi != null && mpi.getAsString().contains("threads of one JVM");
        for (JsonElement re : ranks) {
            JsonObject r = re.getAsJsonObject();
            b[0] = Math.max(b[0], r.get("startup_s").getAsDouble());
            b[1] = Math.max(b[1], r.get("compute_s").getAsDouble());
            b[2] = Math.max(b[2], r.get("wait_s").getAsDouble());
            if (r.get("rank").getAsInt() == 0) {
                b[3] = r.get("serial_s").getAsDouble();
            }
            if (!oneJvm || r.get("rank").getAsInt() == 0) {
                b[4] += r.get("jit_s").getAsDouble();
                b[5] += r.get("gc_s").getAsDouble();
                double cpu = r.has("cpu_s") ? r.get("cpu_s").getAsDouble() : Double.NaN;
                b[6] += cpu > 0 ? cpu : Double.NaN; // 0: the OS did not say
            }
            b[7] = Math.max(b[7], r.has("wall_s") ? r.get("wall_s").getAsDouble() : Double.NaN);
        }
        return b;
    }

    private static double[] values(
            List<ScalingBench.Run> runs,
            ScalingBench.Workload w,
            int np,
            java.util.function.ToDoubleFunction<ScalingBench.Run> f) {
        return runs.stream()
                .filter(r -> r.workload() == w && r.np() == np)
                .sorted(Comparator.comparingInt(ScalingBench.Run::repeat))
                .mapToDouble(f)
                .toArray();
    }

    /** "TITLE: median× (min a, max b) — WHAT, median of k TAIL", or "TITLE: why not measured"; a paragraph. */
    static String ceilingLine(String title, HardwareCeiling.Result r, String what, String tail) {
        if (!r.measured()) {
            return title + ": " + r.note() + "\n\n";
        }
        return String.format(
                Locale.ROOT,
                "%s: %.2f× (min %.2f, max %.2f) — %s, median of %d%s%n%n",
                title,
                median(r.ratios()),
                min(r.ratios()),
                max(r.ratios()),
                what,
                r.ratios().length,
                tail);
    }

    /** The table, with the machine it ran on and the load average around it. */
    static String markdown(
            ScalingBench.Options o,
            List<ScalingBench.Run> runs,
            HardwareCeiling.Result ceiling,
            HardwareCeiling.Result coupled,
            MachineInfo m,
            String launchLine,
            String loadBefore,
            String loadAfter) {
        StringBuilder s = new StringBuilder();
        s.append(String.format(
                Locale.ROOT,
                "Scaling, np 1 vs np %d: %d interleaved pairs per workload%s%n%n",
                o.np(),
                o.repeats(),
                o.quick() ? " (--quick smoke sizes: not a measurement)" : ""));
        s.append(String.format(
                Locale.ROOT,
                "Machine: %s, %s, %d physical cores, %d logical CPUs; %s; %s%n%n",
                m.host(),
                m.cpuModel(),
                m.physicalCores(),
                m.logicalCpus(),
                m.javaVersion(),
                m.mpiVersion()));
        s.append(String.format(
                Locale.ROOT, "Load average (1, 5, 15 min): %s before, %s after%n%n", loadBefore, loadAfter));
        s.append("Launch line (np ")
                .append(o.np())
                .append("): `")
                .append(launchLine.replace("`", "'"))
                .append("`\n\n");
        double allows = ceiling.measured() ? median(ceiling.ratios()) : Double.NaN;
        int coupledSteps = o.quick() ? 200 : ScalingBench.COUPLED_STEPS;
        s.append(ceilingLine(
                "Hardware allows",
                ceiling,
                String.format(
                        Locale.ROOT,
                        "np %d concurrent copies of the plain C force loop (src/bench/c/nbody_kernel.c, one thread"
                                + " each, N = %d) against one copy alone",
                        o.np(),
                        o.quick() ? 1024 : ScalingBench.CEILING_N),
                "; no program on these cores can scale better. \"of hardware\" = speedup median / this."));
        s.append(ceilingLine(
                "Tightly coupled, under mpirun",
                coupled,
                String.format(
                        Locale.ROOT,
                        "steps/s at np %d over np 1 of a C direct-summation step (src/bench/c/coupled_nbody.c,"
                                + " N = %d, %d steps, %.2f ms a step at np 1) with one MPI_Allgatherv of the positions"
                                + " per step: the teaching run's pattern without a JVM",
                        o.np(),
                        o.quick() ? 200 : ScalingBench.COUPLED_N,
                        coupledSteps,
                        coupled.measured() ? 1e3 * median(coupled.alone()) / coupledSteps : Double.NaN),
                "."));
        s.append(String.format(Locale.ROOT, COLUMNS, o.np(), o.np(), o.np(), o.np(), o.np()))
                .append('\n');
        s.append("|---|---|---|---|---|---|---|---|---|---|\n");
        for (ScalingBench.Workload w : o.workloads()) {
            double[] a = values(runs, w, 1, ScalingBench.Run::metric);
            double[] b = values(runs, w, o.np(), ScalingBench.Run::metric);
            if (a.length == 0 || b.length == 0) {
                continue;
            }
            int pairs = Math.min(a.length, b.length);
            double[] speedup = new double[pairs];
            for (int i = 0; i < pairs; i++) {
                speedup[i] = ScalingBench.higherIsBetter(w) ? b[i] / a[i] : a[i] / b[i];
            }
            double spread = (max(b) - min(b)) / median(b);
            double[] wall1 = values(runs, w, 1, ScalingBench.Run::jvmWall);
            double[] cpu1 = values(runs, w, 1, ScalingBench.Run::cpuSum);
            double[] cpuN = values(runs, w, o.np(), ScalingBench.Run::cpuSum);
            double[] busy = new double[pairs];
            double[] most = new double[pairs];
            for (int i = 0; i < pairs; i++) {
                busy[i] = cpu1[i] / wall1[i];
                most[i] = o.np() * wall1[i] / cpuN[i];
            }
            s.append(String.format(
                    Locale.ROOT,
                    "| %s | %s | %.4g (%.4g–%.4g) | %.4g (%.4g–%.4g) | %.0f %% | %.2f (%.2f–%.2f) | %s | %.2f / "
                            + "%.2f / %.2f | %s | %s |%n",
                    w,
                    ScalingBench.unit(w),
                    median(a),
                    min(a),
                    max(a),
                    median(b),
                    min(b),
                    max(b),
                    100 * spread,
                    median(speedup),
                    min(speedup),
                    max(speedup),
                    Double.isNaN(allows) ? "–" : String.format(Locale.ROOT, "%.0f %%", 100 * median(speedup) / allows),
                    median(values(runs, w, o.np(), ScalingBench.Run::startup)),
                    median(values(runs, w, o.np(), ScalingBench.Run::waitMax)),
                    median(values(runs, w, o.np(), ScalingBench.Run::serial0)),
                    twoDecimals(median(busy)),
                    twoDecimals(median(most))));
        }
        s.append(String.format(
                Locale.ROOT,
                "%n\"np 1 cores busy\" = CPU₁ / wall₁ of the JVM (its start to the end of the program body:"
                        + " compiler and GC threads use the idle cores); \"at most\" = %d wall₁ / CPU_%d, the"
                        + " whole run's speedup if np %d kept its %d cores busy from start to end with the CPU"
                        + " work it did (for a rate over the steps, as the teaching run's, the whole run's, set-up"
                        + " included).%n%n",
                o.np(),
                o.np(),
                o.np(),
                o.np()));
        return s.toString();
    }

    /** {@code v} with two decimals, or "–" when it is not a finite number (a figure a run did not report). */
    static String twoDecimals(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.2f", v) : "–";
    }

    /** Deletes {@code dir} and everything under it (no error when it is absent). */
    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        List<Path> all = new ArrayList<>();
        try (var files = Files.walk(dir)) {
            files.forEach(all::add);
        }
        all.sort(Comparator.reverseOrder());
        for (Path p : all) {
            Files.deleteIfExists(p);
        }
    }
}
