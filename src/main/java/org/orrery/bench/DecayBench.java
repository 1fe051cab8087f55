package org.orrery.bench;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.orrery.io.AtomicFile;
import org.orrery.io.Launcher;
import org.orrery.io.MachineInfo;
import org.orrery.io.ProcessGuard;
import org.orrery.model.UserError;
import org.orrery.physics.montecarlo.DecayModel;
import org.orrery.physics.montecarlo.DecaySimulation;
import org.orrery.physics.montecarlo.DecaySimulation.Method;

/**
 * {@code launch/orrery bench decay}: the teaching job (N0 = 100 000, t&frac12; = 0.8387 s, 1000 steps of 1 ms, 100
 * simulations) timed three ways:
 *
 * <ol>
 *   <li>the kernels in this JVM (no MPI): binomial thinning for the whole ensemble (median of 5 after a warm-up), the
 *       per-nucleus reference on a few simulations, scaled to 100;
 *   <li>whole {@code decay} runs through the launcher at each np for both methods ({@code wall_s} from their summaries:
 *       simulate + gather, JVM start excluded);
 *   <li>the teaching text's NumPy per-nucleus loop ({@code np.random.rand(n) < p} per step) on a few simulations,
 *       scaled to 100, when python3 with NumPy is present.
 * </ol>
 *
 * Writes {@code bench.csv} with the machine recorded in its header.
 */
public final class DecayBench {
    private DecayBench() {}

    /** Options: rank counts, simulations for the slow per-nucleus measurements, what to skip, output dir. */
    public record Options(int[] nps, int perNucleusSims, int numpySims, boolean noMpi, boolean noNumpy, Path out) {
        public Options {
            nps = nps.clone();
            OptionChecks.positive(nps, "--np");
            if (perNucleusSims < 1 || perNucleusSims > 100 || numpySims < 1 || numpySims > 100) {
                throw new UserError("--per-nucleus-sims and --numpy-sims must be in 1..100");
            }
        }
    }

    record Row(String what, String method, int np, int sims, double seconds, double secondsFor100, String note) {}

    static final String NUMPY_LOOP =
            """
            import sys, time, numpy as np
            N0, half_life, max_time, dt, sims = 100000, 0.8387, 1, 0.001, int(sys.argv[1])
            def metropolis_decay(N0, half_life, max_time, dt):
                decay_constant = np.log(2) / half_life
                time_points = np.arange(0, max_time, dt)
                num_steps = len(time_points)
                decayed = np.zeros(num_steps)
                undecayed = np.ones(num_steps) * N0
                for i in range(1, num_steps):
                    prev = int(undecayed[i - 1])
                    p = 1 - np.exp(-decay_constant * dt)
                    d = np.sum(np.random.rand(prev) < p)
                    undecayed[i] = prev - d
                    decayed[i] = decayed[i - 1] + d
                return time_points, undecayed, decayed
            np.random.seed(1)
            t0 = time.perf_counter()
            for _ in range(sims): metropolis_decay(N0, half_life, max_time, dt)
            print(time.perf_counter() - t0)""";

    public static int run(Options o) throws IOException, InterruptedException {
        MachineInfo machine = MachineInfo.probe();
        DecayModel model = new DecayModel(100_000, new double[] {0.8387}, 0.001, 1000);
        List<Row> rows = new ArrayList<>();
        System.out.printf(
                "Decay benchmark: the teaching job (N0 = 100000, 1000 steps, 100 simulations) on %s (%d physical "
                        + "cores, %s)%n",
                machine.host(), machine.physicalCores(), machine.cpuModel());

        // 1. Kernels in this JVM.
        long[] buf = new long[100 * model.width()];
        long sink = 0;
        DecaySimulation.simulateMembers(model, Method.BINOMIAL, 1, 0, 100, buf, 0);
        double[] t = new double[5];
        for (int r = 0; r < t.length; r++) {
            long t0 = System.nanoTime();
            DecaySimulation.simulateMembers(model, Method.BINOMIAL, 1 + r, 0, 100, buf, 0);
            t[r] = (System.nanoTime() - t0) * 1e-9;
            sink += buf[buf.length - 1];
        }
        Arrays.sort(t);
        rows.add(new Row("kernel, 1 thread, no MPI", "binomial", 1, 100, t[2], t[2], "median of 5 after a warm-up"));
        int pn = o.perNucleusSims();
        DecaySimulation.simulateMembers(model, Method.PER_NUCLEUS, 1, 0, 1, buf, 0);
        long t0 = System.nanoTime();
        DecaySimulation.simulateMembers(model, Method.PER_NUCLEUS, 2, 0, pn, buf, 0);
        double tp = (System.nanoTime() - t0) * 1e-9;
        sink += buf[model.width() - 1];
        rows.add(new Row(
                "kernel, 1 thread, no MPI",
                "per-nucleus",
                1,
                pn,
                tp,
                tp * 100 / pn,
                pn == 100 ? "" : "measured on " + pn + " simulations, scaled to 100"));
        print(rows.get(0));
        print(rows.get(1));

        // 2. Whole runs through the launcher.
        if (!o.noMpi()) {
            Path launcher = Launcher.find(null, "ORRERY_HOME");
            Path tmp = Files.createTempDirectory("orrery-bench-decay");
            Path summary = tmp.resolve("s.json");
            try {
                for (Method m : Method.values()) {
                    for (int np : o.nps()) {
                        List<String> cmd = new ArrayList<>(List.of(
                                launcher.toString(),
                                "decay",
                                "-np",
                                Integer.toString(np),
                                "--no-build",
                                "--method",
                                m.label(),
                                "--no-plot",
                                "--out",
                                tmp.toString(),
                                "--summary",
                                summary.toString()));
                        if (np > machine.physicalCores()) {
                            cmd.add(4, "--oversubscribe");
                        }
                        JsonObject s = Launcher.runForSummary(cmd, summary, 3600);
                        double wall = s.get("wall_s").getAsDouble();
                        rows.add(new Row(
                                "decay run, mpirun",
                                m.label(),
                                np,
                                100,
                                wall,
                                wall,
                                "wall_s (simulate + gather)"
                                        + (np > machine.physicalCores() ? ", oversubscribed" : "")));
                        print(rows.get(rows.size() - 1));
                    }
                }
            } finally {
                try (var files = Files.list(tmp)) {
                    for (Path f : files.toList()) {
                        Files.deleteIfExists(f);
                    }
                }
                Files.deleteIfExists(tmp);
            }
        }

        // 3. The teaching text's NumPy loop.
        if (!o.noNumpy()) {
            Double secs = numpy(o.numpySims());
            if (secs == null) {
                System.out.println(
                        "NumPy loop: skipped (python3 with numpy not found; Debian: apt-get install python3-numpy)");
            } else {
                rows.add(new Row(
                        "teaching NumPy loop, python3",
                        "per-nucleus",
                        1,
                        o.numpySims(),
                        secs,
                        secs * 100 / o.numpySims(),
                        "measured on " + o.numpySims() + " simulations, scaled to 100"));
                print(rows.get(rows.size() - 1));
            }
        }

        StringBuilder csv = new StringBuilder();
        csv.append("# orrery bench decay: the teaching job N0=100000, half-life 0.8387 s, dt 1 ms, 1000 steps, 100 "
                + "simulations\n");
        csv.append("# host: ")
                .append(machine.host())
                .append("; physical cores: ")
                .append(machine.physicalCores())
                .append("; logical CPUs: ")
                .append(machine.logicalCpus())
                .append("; CPU: ")
                .append(machine.cpuModel())
                .append('\n');
        csv.append("# MPI: ")
                .append(machine.mpiVersion())
                .append("; Java: ")
                .append(machine.javaVersion())
                .append('\n');
        csv.append("# date: ")
                .append(ZonedDateTime.now(ZoneOffset.UTC))
                .append("; command: launch/orrery bench decay\n");
        csv.append("what,method,np,simulations_timed,seconds,seconds_for_100,note\n");
        for (Row r : rows) {
            csv.append(r.what())
                    .append(',')
                    .append(r.method())
                    .append(',')
                    .append(r.np())
                    .append(',')
                    .append(r.sims())
                    .append(',')
                    .append(r.seconds())
                    .append(',')
                    .append(r.secondsFor100())
                    .append(',')
                    .append(r.note())
                    .append('\n');
        }
        Path file = o.out().resolve("bench.csv");
        AtomicFile.writeString(file, csv.toString());
        System.out.println("wrote " + file + (sink == 42 ? " " : ""));
        return 0;
    }

    private static void print(Row r) {
        System.out.printf(
                "  %-30s %-12s np %-2d %8.3f s for 100 simulations%s%n",
                r.what(), r.method(), r.np(), r.secondsFor100(), r.note().isEmpty() ? "" : " (" + r.note() + ")");
    }

    /** Seconds the NumPy loop takes for {@code sims} simulations, or null without python3/numpy. */
    static Double numpy(int sims) throws IOException, InterruptedException {
        ProcessGuard.Guarded g;
        try {
            g = ProcessGuard.start(
                    new ProcessBuilder("python3", "-c", NUMPY_LOOP, Integer.toString(sims)).redirectErrorStream(true));
        } catch (IOException e) {
            return null;
        }
        String out;
        try (g) {
            Process p = g.process();
            out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!p.waitFor(3600, TimeUnit.SECONDS) || p.exitValue() != 0) {
                ProcessGuard.killTree(p.toHandle());
                return null;
            }
        }
        try {
            return Double.parseDouble(out.lines().reduce((a, b) -> b).orElse(""));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
