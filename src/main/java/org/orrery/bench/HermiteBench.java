package org.orrery.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.orrery.io.AtomicFile;
import org.orrery.io.ProcessGuard;
import org.orrery.parallel.WorkerPool;
import org.orrery.physics.gravity.DirectSum;
import org.orrery.physics.gravity.ForceJerk;
import org.orrery.physics.gravity.KernelPath;

/**
 * The two direct-summation kernels — force ({@link DirectSum}) and force + jerk ({@link ForceJerk}, the Hermite
 * integrator's) — against the same loops in plain C ({@code src/bench/c/hermite_kernel.c}, compiled here with
 * {@code gcc -O3 -march=native -fno-math-errno -fopenmp}) at 1 and 2 threads, interactions per second. On a shared
 * machine absolute rates mean little, so Java and C runs alternate in rounds and the figure reported is the median over
 * rounds of the ratio Java / C measured back to back, per wall-clock second and per CPU second (Java: the JVM threads'
 * nanosecond CPU clocks, {@link #javaCpuNanos}; C: {@code clock()}; the latter ratio is steadier on a loaded machine:
 * time spent descheduled does not count; at 2 threads it is the rate per CPU-second summed over both threads, so it
 * hides imbalance and idling). Each measurement is the best of several full evaluations of all n targets against all n
 * sources (after warm-up evaluations that let C2 compile the loops). The Java kernels run on the path
 * {@link KernelPath} chose (printed, and a CSV column); when that is the Vector API path, each round also measures the
 * scalar loops ({@code accelerationsScalar}, {@code evaluateScalar}), so vector, scalar and C are compared in one run.
 * Each round also runs the C loops built with {@code -ffp-contract=off} ("C noFMA"): GCC then performs no fused
 * multiply-add, the arithmetic of Java's force kernel (the force + jerk kernel fuses at fixed places since session 14),
 * so the ratio to it separates what the compilers make of the same arithmetic from what FMA saves
 * (docs/nbody-hermite.md, "Kernel speed").
 *
 * <p>usage: {@code java -cp orrery-all.jar org.orrery.bench.HermiteBench [N] [ROUNDS] [THREADS,..] [OUTDIR]} (defaults
 * 8192, 5, 1,2; run from the repository root so the C source is found).
 */
public final class HermiteBench {
    private HermiteBench() {}

    /** Options: problem size, rounds, thread counts, output folder for bench-hermite.csv (or null). */
    public record Options(int n, int rounds, int[] threads, Path out) {
        public Options {
            OptionChecks.positive(new int[] {n}, "--particles");
            OptionChecks.positive(new int[] {rounds}, "--rounds");
            OptionChecks.positive(threads, "--threads");
        }
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 8192;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int[] threads = args.length > 2
                ? Arrays.stream(args[2].split(",", -1))
                        .mapToInt(Integer::parseInt)
                        .toArray()
                : new int[] {1, 2};
        Path out = args.length > 3 ? Path.of(args[3]) : null;
        System.exit(run(new Options(n, rounds, threads, out)));
    }

    public static int run(Options o) throws IOException, InterruptedException {
        Path src = Path.of("src", "bench", "c", "hermite_kernel.c");
        if (!Files.isRegularFile(src)) {
            System.err.println("orrery bench hermite: error: " + src + " not found (run from the repository root)");
            return 1;
        }
        Path exe = Files.createTempDirectory("orrery-hbench").resolve("hermite_kernel");
        List<String> cc = List.of(
                "gcc",
                "-O3",
                "-march=native",
                "-fno-math-errno",
                "-fopenmp",
                src.toString(),
                "-o",
                exe.toString(),
                "-lm");
        Path exeNoFma = exe.resolveSibling("hermite_kernel_nofma");
        List<String> ccNoFma = new ArrayList<>(cc.subList(0, 5));
        ccNoFma.addAll(List.of("-ffp-contract=off", src.toString(), "-o", exeNoFma.toString(), "-lm"));
        for (List<String> command : List.of(cc, ccNoFma)) {
            Proc c = exec(command, null, 120);
            if (c.exit != 0) {
                System.err.println("orrery bench hermite: error: gcc failed: " + c.out);
                return 1;
            }
        }
        System.out.printf(
                Locale.ROOT,
                "Hermite kernels vs C (N = %d, %d rounds, %d CPUs visible, %s %s)%n",
                o.n(),
                o.rounds(),
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.vm.name"),
                System.getProperty("java.version"));
        System.out.println("C: " + String.join(" ", cc.subList(0, 5))
                + " (C noFMA: the same with -ffp-contract=off, no fused multiply-add, as Java)");
        System.out.println("Java kernels: " + KernelPath.describe());
        boolean both = KernelPath.vector();
        List<String> rows = new ArrayList<>();
        rows.add("kernel,path,threads,round,java_interactions_per_s,c_interactions_per_s,ratio,"
                + "java_cpu_interactions_per_s,c_cpu_interactions_per_s,cpu_ratio,"
                + "c_nofma_cpu_interactions_per_s,cpu_ratio_nofma");
        double[][] data = particles(o.n());
        System.out.printf(
                "  %-10s %-7s %7s %14s %14s %8s %10s %16s%n",
                "kernel", "path", "threads", "Java inter/s", "C inter/s", "Java/C", "CPU Java/C", "CPU Java/C-noFMA");
        String[] paths = both ? new String[] {"vector", "scalar"} : new String[] {"scalar"};
        for (String kernel : new String[] {"force", "jerk"}) {
            for (int t : o.threads()) {
                double[][] ratios = new double[paths.length][o.rounds()];
                double[][] cpuRatios = new double[paths.length][o.rounds()];
                double[][] noFmaRatios = new double[paths.length][o.rounds()];
                double[][] javaRates = new double[paths.length][o.rounds()];
                double[] cRates = new double[o.rounds()];
                try (WorkerPool pool = new WorkerPool(t)) {
                    for (String path : paths) {
                        javaRate(kernel, path.equals("vector"), data, o.n(), pool); // warm-up
                    }
                    for (int r = 0; r < o.rounds(); r++) {
                        double[][] jr = new double[paths.length][];
                        for (int q = 0; q < paths.length; q++) {
                            jr[q] = javaRate(kernel, paths[q].equals("vector"), data, o.n(), pool);
                        }
                        double[] cr = cRate(exe, kernel, o.n(), t);
                        double[] nf = cRate(exeNoFma, kernel, o.n(), t);
                        cRates[r] = cr[0];
                        for (int q = 0; q < paths.length; q++) {
                            javaRates[q][r] = jr[q][0];
                            ratios[q][r] = jr[q][0] / cr[0];
                            cpuRatios[q][r] = jr[q][1] / cr[1];
                            noFmaRatios[q][r] = jr[q][1] / nf[1];
                            rows.add(String.format(
                                    Locale.ROOT,
                                    "%s,%s,%d,%d,%.6e,%.6e,%.4f,%.6e,%.6e,%.4f,%.6e,%.4f",
                                    kernel,
                                    paths[q],
                                    t,
                                    r,
                                    jr[q][0],
                                    cr[0],
                                    ratios[q][r],
                                    jr[q][1],
                                    cr[1],
                                    cpuRatios[q][r],
                                    nf[1],
                                    noFmaRatios[q][r]));
                        }
                    }
                }
                for (int q = 0; q < paths.length; q++) {
                    System.out.printf(
                            Locale.ROOT,
                            "  %-10s %-7s %7d %14.3e %14.3e %8.3f %10.3f %16.3f   (median of %d; ratios %s; CPU %s)%n",
                            kernel,
                            paths[q],
                            t,
                            median(javaRates[q]),
                            median(cRates),
                            median(ratios[q]),
                            median(cpuRatios[q]),
                            median(noFmaRatios[q]),
                            o.rounds(),
                            fmt(ratios[q]),
                            fmt(cpuRatios[q]));
                }
            }
        }
        if (o.out() != null) {
            Files.createDirectories(o.out());
            Path csv = o.out().resolve("bench-hermite.csv");
            StringBuilder sb = new StringBuilder("# orrery bench hermite; n " + o.n() + "; cpus "
                    + Runtime.getRuntime().availableProcessors() + "; kernels " + KernelPath.describe() + "; "
                    + org.orrery.io.MachineInfo.probe().cpuModel()
                    + "; java " + System.getProperty("java.version") + "; date " + java.time.Instant.now() + '\n');
            rows.forEach(r -> sb.append(r).append('\n'));
            AtomicFile.writeString(csv, sb.toString());
            System.out.println("wrote " + csv);
        }
        return 0;
    }

    private static String fmt(double[] v) {
        StringBuilder sb = new StringBuilder();
        for (double d : v) {
            sb.append(sb.length() == 0 ? "" : " ").append(String.format(Locale.ROOT, "%.2f", d));
        }
        return sb.toString();
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : 0.5 * (s[s.length / 2 - 1] + s[s.length / 2]);
    }

    /** Positions in the unit cube, velocities in [−½, ½)³, equal masses (as the C baseline). */
    static double[][] particles(int n) {
        SplittableRandom r = new SplittableRandom(1);
        double[][] c = new double[7][n];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < 6; k++) {
                c[k][i] = r.nextDouble() - (k >= 3 ? 0.5 : 0);
            }
            c[6][i] = 1.0 / n;
        }
        return c;
    }

    /**
     * Best rates of 3 full evaluations, split over the pool's threads as the engines split it: {wall-clock, per CPU
     * second of the JVM's threads}.
     */
    static double[] javaRate(String kernel, boolean vector, double[][] c, int n, WorkerPool pool) {
        double[] out = new double[6 * n];
        int[] all = new int[n];
        Arrays.setAll(all, i -> i);
        ThreadLocal<ForceJerk.Scratch> fj = ThreadLocal.withInitial(ForceJerk.Scratch::new);
        ThreadLocal<DirectSum.Scratch> ds = ThreadLocal.withInitial(DirectSum.Scratch::new);
        double best = 0;
        double bestCpu = 0;
        for (int rep = 0; rep < 3; rep++) {
            long t0 = System.nanoTime();
            long c0 = javaCpuNanos();
            if (kernel.equals("force")) {
                pool.forRange(0, n, pool.grain(0, n, 4, DirectSum.TILE), (a, b) -> {
                    if (vector) {
                        DirectSum.accelerations(
                                c[0], c[1], c[2], c[6], n, a, b, 1, 1e-4, out, a, out, n + a, out, 2 * n + a, ds.get());
                    } else {
                        DirectSum.accelerationsScalar(
                                c[0], c[1], c[2], c[6], n, a, b, 1, 1e-4, out, a, out, n + a, out, 2 * n + a, ds.get());
                    }
                });
            } else {
                pool.forRange(0, n, pool.grain(0, n, 4, ForceJerk.TILE), (a, b) -> {
                    if (vector) {
                        ForceJerk.evaluate(
                                c[0], c[1], c[2], c[3], c[4], c[5], c[6], n, all, a, b, 1, 1e-4, out, 6 * a, fj.get());
                    } else {
                        ForceJerk.evaluateScalar(
                                c[0], c[1], c[2], c[3], c[4], c[5], c[6], n, all, a, b, 1, 1e-4, out, 6 * a, fj.get());
                    }
                });
            }
            best = Math.max(best, (double) n * n / ((System.nanoTime() - t0) * 1e-9));
            bestCpu = Math.max(bestCpu, (double) n * n / ((javaCpuNanos() - c0) * 1e-9));
        }
        return new double[] {best, bestCpu};
    }

    /**
     * CPU time of all Java threads of this JVM, in ns (the sum of {@code ThreadMXBean.getThreadCpuTime}, which reads
     * the nanosecond thread clocks). Not {@code OperatingSystemMXBean.getProcessCpuTime}: on Linux it counts 10 ms
     * ticks, which quantised the CPU ratios of evaluations lasting tens of ms (N = 4096) to steps of 10–25 %.
     */
    static long javaCpuNanos() {
        java.lang.management.ThreadMXBean tb = java.lang.management.ManagementFactory.getThreadMXBean();
        long sum = 0;
        for (long id : tb.getAllThreadIds()) {
            long t = tb.getThreadCpuTime(id);
            if (t > 0) {
                sum += t;
            }
        }
        return sum;
    }

    /** Best rates of the C loop: {wall-clock, per process CPU second}. */
    static double[] cRate(Path exe, String kernel, int n, int threads) throws IOException, InterruptedException {
        Proc p = exec(List.of(exe.toString(), kernel, Integer.toString(n), "3"), Integer.toString(threads), 600);
        if (p.exit != 0) {
            throw new IOException("C kernel failed: " + p.out);
        }
        String[] f = p.out.trim().split("\\s+", -1);
        return new double[] {Double.parseDouble(f[1]), Double.parseDouble(f[3])};
    }

    private record Proc(int exit, String out) {}

    private static Proc exec(List<String> cmd, String ompThreads, int timeoutS)
            throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        if (ompThreads != null) {
            pb.environment().put("OMP_NUM_THREADS", ompThreads);
        }
        try (ProcessGuard.Guarded g = ProcessGuard.start(pb)) {
            Process p = g.process();
            byte[] bytes = p.getInputStream().readAllBytes();
            if (!p.waitFor(timeoutS, TimeUnit.SECONDS)) {
                ProcessGuard.killTree(p.toHandle());
                throw new IOException("timed out: " + String.join(" ", cmd));
            }
            return new Proc(p.exitValue(), new String(bytes, StandardCharsets.UTF_8));
        }
    }
}
