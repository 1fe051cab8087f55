package org.orrery.bench;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.orrery.io.AtomicFile;
import org.orrery.model.ParticleState;
import org.orrery.model.UserError;
import org.orrery.parallel.SerialComm;
import org.orrery.physics.ics.InitialConditions;
import org.orrery.sim.GravityEngine;

/**
 * {@code launch/orrery bench nbody}: the force kernel's interactions per second at several N and thread counts (in
 * process, best of several evaluations after warm-up), the same loop in plain C compiled here with gcc (when gcc is
 * present), and whole NBody runs under mpirun at np = 1, 2 with their compute / communication split. Results go to a
 * CSV.
 */
public final class NBodyBench {
    private NBodyBench() {}

    /** Options of the benchmark. */
    public record Options(
            int[] sizes, int[] threads, int[] nps, int mpiN, int mpiSteps, Path out, boolean skipC, boolean skipMpi) {
        public Options {
            sizes = sizes.clone();
            threads = threads.clone();
            nps = nps.clone();
            OptionChecks.positive(sizes, "--sizes");
            OptionChecks.positive(threads, "--threads");
            OptionChecks.positive(nps, "--np");
            if (mpiN < 1 || mpiSteps < 1) {
                throw new UserError("--mpi-n and --mpi-steps must be >= 1");
            }
        }
    }

    public static int run(Options o) throws IOException, InterruptedException {
        List<String> rows = new ArrayList<>();
        rows.add("kind,n,threads_or_ranks,interactions_per_s,wall_s,compute_s,comm_s,note");
        System.out.println("Orrery N-body benchmark (" + Runtime.getRuntime().availableProcessors() + " CPUs visible, "
                + System.getProperty("java.vm.name") + " " + System.getProperty("java.version") + ")");
        System.out.println();
        System.out.println("Force kernel, in process (best of several full force evaluations after warm-up; "
                + org.orrery.physics.gravity.KernelPath.describe() + "):");
        System.out.printf("  %8s %8s %16s%n", "N", "threads", "interactions/s");
        for (int n : o.sizes()) {
            for (int t : o.threads()) {
                double rate = kernelRate(n, t);
                System.out.printf(Locale.ROOT, "  %8d %8d %16.3e%n", n, t, rate);
                rows.add(String.format(
                        Locale.ROOT,
                        "java_kernel,%d,%d,%.6e,,,,%s",
                        n,
                        t,
                        rate,
                        org.orrery.physics.gravity.KernelPath.vector() ? "vector" : "scalar"));
            }
        }
        if (!o.skipC()) {
            Path src = Path.of("src", "bench", "c", "nbody_kernel.c");
            if (!Files.isRegularFile(src) || !onPath("gcc")) {
                System.out.println("\nC baseline skipped (needs gcc and " + src + ", run from the repository root)");
            } else {
                System.out.println("\nPlain C loop (gcc -O3 -march=native -fopenmp; OpenMP threads):");
                Path dir = Files.createTempDirectory("orrery-cbench");
                String[][] variants = {
                    {"plain", "-O3", "-march=native", "-fopenmp"},
                    {"no-math-errno", "-O3", "-march=native", "-fopenmp", "-fno-math-errno"}
                };
                for (String[] v : variants) {
                    Path exe = dir.resolve("nbody_" + v[0]);
                    List<String> cc = new ArrayList<>(List.of("gcc"));
                    cc.addAll(Arrays.asList(v).subList(1, v.length));
                    cc.addAll(List.of(src.toString(), "-o", exe.toString(), "-lm"));
                    if (exec(cc, null, 120).exit != 0) {
                        System.out.println("  (compiling the " + v[0] + " variant failed)");
                        continue;
                    }
                    for (int n : o.sizes()) {
                        for (int t : o.threads()) {
                            Proc p = exec(List.of(exe.toString(), Integer.toString(n), "3"), String.valueOf(t), 600);
                            String[] f = p.out.trim().split("\\s+", -1);
                            double rate = Double.parseDouble(f[1]);
                            System.out.printf(
                                    Locale.ROOT, "  %-14s N=%-7d threads=%d %16.3e interactions/s%n", v[0], n, t, rate);
                            rows.add(String.format(
                                    Locale.ROOT,
                                    "c_%s,%d,%d,%.6e,,,,gcc %s",
                                    v[0],
                                    n,
                                    t,
                                    rate,
                                    String.join(" ", Arrays.asList(v).subList(1, v.length))));
                        }
                    }
                }
            }
        }
        if (!o.skipMpi()) {
            System.out.printf(
                    "%nWhole NBody runs under mpirun (N = %d, %d steps, uniform sphere):%n", o.mpiN(), o.mpiSteps());
            System.out.printf(
                    "  %5s %10s %16s %10s %10s %10s%n",
                    "np", "wall s", "interactions/s", "compute s", "comm s", "efficiency");
            double t1 = Double.NaN;
            for (int np : o.nps()) {
                JsonObject js = mpiRun(np, o.mpiN(), o.mpiSteps());
                double wall = js.get("wall_s").getAsDouble();
                double rate = js.get("rate").getAsDouble();
                JsonObject res = js.getAsJsonObject("results");
                double comp = res.get("compute_s").getAsDouble();
                double comm = res.get("comm_s").getAsDouble();
                if (np == o.nps()[0]) {
                    t1 = wall * np;
                }
                double eff = t1 / (wall * np);
                System.out.printf(
                        Locale.ROOT,
                        "  %5d %10.3f %16.3e %10.3f %10.3f %9.1f%%%n",
                        np,
                        wall,
                        rate,
                        comp,
                        comm,
                        100 * eff);
                rows.add(String.format(
                        Locale.ROOT,
                        "mpi_nbody,%d,%d,%.6e,%.6f,%.6f,%.6f,efficiency %.3f",
                        o.mpiN(),
                        np,
                        rate,
                        wall,
                        comp,
                        comm,
                        eff));
            }
        }
        if (o.out() != null) {
            Path csv = o.out().resolve("bench.csv");
            StringBuilder sb = new StringBuilder();
            sb.append("# orrery bench nbody; host ")
                    .append(org.orrery.io.MachineInfo.probe().host())
                    .append("; cpus ")
                    .append(Runtime.getRuntime().availableProcessors())
                    .append("; ")
                    .append(org.orrery.io.MachineInfo.probe().cpuModel())
                    .append("; java ")
                    .append(System.getProperty("java.version"))
                    .append("; date ")
                    .append(java.time.Instant.now())
                    .append('\n');
            for (String r : rows) {
                sb.append(r).append('\n');
            }
            AtomicFile.writeString(csv, sb.toString());
            System.out.println("\nwrote " + csv);
        }
        return 0;
    }

    /** Best interactions/s over force evaluations of an n-particle uniform sphere with t threads. */
    static double kernelRate(int n, int t) {
        ParticleState s = InitialConditions.uniformSphere(n, 1, 1, 1);
        try (GravityEngine e = new GravityEngine(new SerialComm(), s, 1, 0.01, 1e-3, t)) {
            double target = 2.0;
            long t0 = System.nanoTime();
            int evals = 0;
            double best = 0;
            // Warm-up evaluations let C2 compile the loop; then keep the best of the timed ones.
            while (evals < 8 && ((System.nanoTime() - t0) * 1e-9 < target || evals < 3)) {
                long a = System.nanoTime();
                e.computeForces();
                double sec = (System.nanoTime() - a) * 1e-9;
                if (evals >= 1) {
                    best = Math.max(best, (double) n * n / sec);
                }
                evals++;
            }
            return best;
        }
    }

    static JsonObject mpiRun(int np, int n, int steps) throws IOException, InterruptedException {
        Path json = Files.createTempFile("orrery-bench", ".json");
        Path out = Files.createTempDirectory("orrery-bench-out");
        List<String> cmd = BenchSupport.mpirunJava(
                np,
                "NBody",
                "--ic",
                "uniform",
                "-n",
                Integer.toString(n),
                "--steps",
                Integer.toString(steps),
                "--snap-every",
                "0",
                "--checkpoint-every",
                "0",
                "--diag-every",
                Integer.toString(steps),
                "--no-plot",
                "--progress",
                "0",
                "-o",
                out.toString(),
                "--summary",
                json.toString());
        Proc p = exec(cmd, null, 3600);
        if (p.exit != 0) {
            throw new IOException(
                    "benchmark run failed (exit " + p.exit + "): " + String.join(" ", cmd) + "\n" + p.out);
        }
        JsonObject js = JsonParser.parseString(Files.readString(json)).getAsJsonObject();
        Files.deleteIfExists(json);
        return js;
    }

    private record Proc(int exit, String out) {}

    private static Proc exec(List<String> cmd, String ompThreads, int timeoutS)
            throws IOException, InterruptedException {
        BenchSupport.Ran r =
                BenchSupport.run(cmd, ompThreads == null ? Map.of() : Map.of("OMP_NUM_THREADS", ompThreads), timeoutS);
        return new Proc(r.exit(), r.output());
    }

    private static boolean onPath(String exe) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator, -1)) {
            if (Files.isExecutable(Path.of(d, exe))) {
                return true;
            }
        }
        return false;
    }
}
