package org.orrery.bench;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.orrery.io.AtomicFile;
import org.orrery.model.UserError;
import org.orrery.physics.paircount.Bins;
import org.orrery.physics.paircount.PairCounter;
import org.orrery.physics.paircount.PairCounts;
import org.orrery.physics.paircount.PointSet;

/**
 * Benchmark of the single-rank pair counter, in the configurations of Corrfunc's and SciPy's reference figures: N
 * uniform points in a box of side L = 1000, linear bins 1..21 (20 bins) and 15 log bins 0.5..30, periodic and not, 1
 * and 2 threads. Each configuration is run once to warm the JIT and then {@code repeat} times; the best and median wall
 * times of the pair phase (grid build + counting, as Corrfunc's timing) are printed with pairs found per second and the
 * peak heap.
 *
 * <p>Optionally also whole PairCount runs under mpirun at several rank counts, each once cold (the wall time a user
 * sees) and once with {@code --repeat} (the warm pass: decomposition, halos, cell lists, counting), with peak heap and
 * cell-list memory per rank read from the program's {@code --summary}; and the SciPy baseline script
 * {@code src/bench/python/scipy_paircount.py}. Run as {@code launch/orrery bench paircount}.
 */
public final class PairCountBench {
    private PairCountBench() {}

    /** One measured configuration. */
    public record Row(
            int n,
            String bins,
            boolean periodic,
            int threads,
            int refine,
            double best,
            double median,
            long pairs,
            double peakHeapMiB) {
        public String format() {
            return String.format(
                    Locale.ROOT,
                    "%9d  %-14s %-8s %7d %6d %9.3f %9.3f %13d %12.3e %9.0f",
                    n,
                    bins,
                    periodic ? "yes" : "no",
                    threads,
                    refine,
                    best,
                    median,
                    pairs,
                    pairs / best,
                    peakHeapMiB);
        }
    }

    public static final String HEADER = String.format(
            Locale.ROOT,
            "%9s  %-14s %-8s %7s %6s %9s %9s %13s %12s %9s",
            "N",
            "bins",
            "periodic",
            "threads",
            "refine",
            "best_s",
            "median_s",
            "pairs",
            "pairs/s",
            "heap_MiB");

    /** What to measure. */
    public record Options(
            List<Integer> sizes,
            List<Integer> threads,
            int repeat,
            int refine,
            List<Integer> nps,
            int mpiN,
            boolean scipy,
            Path out) {
        public Options {
            sizes = List.copyOf(sizes);
            threads = List.copyOf(threads);
            nps = List.copyOf(nps);
            OptionChecks.positive(sizes, "--sizes");
            OptionChecks.positive(threads, "--threads");
            OptionChecks.positive(nps, "--np");
            if (repeat < 1 || refine < 1 || refine > 4 || mpiN < 1) {
                throw new UserError("--repeat and --mpi-n must be >= 1, --refine 1..4");
            }
        }
    }

    /** Runs the benchmark, prints the table, writes {@code out/bench.csv} when out is given. */
    public static int run(Options o) throws IOException, InterruptedException {
        System.out.println("Orrery pair-count benchmark: uniform points, L = 1000, "
                + Runtime.getRuntime().availableProcessors()
                + " CPUs visible, Java " + System.getProperty("java.version")
                + "; time = cell lists + counting, best of "
                + o.repeat() + " after one warm-up run");
        System.out.println(HEADER);
        StringBuilder csv = new StringBuilder(
                "kind,N,bins,periodic,ranks,threads,refine,best_s,median_s,pairs,pairs_per_s,peak_heap_mib_per_rank,"
                        + "grid_mib_per_rank\n");
        for (int n : o.sizes()) {
            PointSet p = uniform(n, 1000, 42);
            for (boolean periodic : new boolean[] {true, false}) {
                for (String bname : new String[] {"lin 1..21 x20", "log 0.5..30 x15"}) {
                    Bins b = bname.startsWith("lin") ? Bins.linear(1, 21, 20) : Bins.log(0.5, 30, 15);
                    for (int t : o.threads()) {
                        Row r = run(p, b, bname, periodic, t, o.refine(), o.repeat());
                        System.out.println(r.format());
                        csv.append(String.format(
                                Locale.ROOT,
                                "kernel,%d,%s,%s,1,%d,%d,%.4f,%.4f,%d,%.4e,%.1f,%n",
                                n,
                                bname,
                                periodic,
                                t,
                                o.refine(),
                                r.best(),
                                r.median(),
                                r.pairs(),
                                r.pairs() / r.best(),
                                r.peakHeapMiB()));
                    }
                }
            }
        }
        if (!o.nps().isEmpty()) {
            System.out.printf(
                    Locale.ROOT,
                    "%nWhole PairCount runs under mpirun (N = %d uniform, periodic, lin 1..21 x20, DD only).%n"
                            + "cold: one run as a user starts it (JVM start and JIT included); warm: best of %d "
                            + "passes of decomposition,%n"
                            + "halo exchange, cell lists and counting inside one run (--repeat), the figure to set "
                            + "beside Corrfunc's pair phase.%n",
                    o.mpiN(),
                    Math.max(5, o.repeat()));
            System.out.printf(
                    Locale.ROOT,
                    "%5s %9s %8s %10s %10s %10s %8s %12s %14s %14s%n",
                    "ranks",
                    "cold_s",
                    "speedup",
                    "decomp_s",
                    "cells_s",
                    "count_s",
                    "warm_s",
                    "speedup_warm",
                    "heap_MiB/rank",
                    "grid_MiB/rank");
            double cold1 = 0;
            double warm1 = 0;
            for (int np : o.nps()) {
                JsonObject cold = mpiRun(np, o.mpiN(), 1);
                JsonObject warm = mpiRun(np, o.mpiN(), Math.max(5, o.repeat()));
                JsonObject res = warm.getAsJsonObject("results");
                double heap =
                        maxOf(cold.getAsJsonObject("results").getAsJsonArray("peak_heap_bytes_per_rank")) / 1048576.0;
                double grid = maxOf(res.getAsJsonArray("grid_bytes_per_rank")) / 1048576.0;
                double coldWall = cold.get("wall_s").getAsDouble();
                double dec = res.get("decompose_s").getAsDouble();
                double cells = res.get("grid_s").getAsDouble();
                double count = res.get("count_s").getAsDouble();
                double pass = res.get("pass_s").getAsDouble();
                if (np == o.nps().get(0)) {
                    cold1 = coldWall * np;
                    warm1 = pass * np;
                }
                System.out.printf(
                        Locale.ROOT,
                        "%5d %9.3f %8.2f %10.3f %10.3f %10.3f %8.3f %12.2f %14.1f %14.1f%n",
                        np,
                        coldWall,
                        cold1 / coldWall,
                        dec,
                        cells,
                        count,
                        pass,
                        warm1 / pass,
                        heap,
                        grid);
                csv.append(String.format(
                        Locale.ROOT,
                        "mpirun-cold,%d,lin 1..21 x20,true,%d,1,2,%.4f,,%d,%.4e,%.1f,%.1f%n",
                        o.mpiN(),
                        np,
                        coldWall,
                        res.get("pairs_counted_unique").getAsLong(),
                        cold.get("rate").getAsDouble(),
                        heap,
                        grid));
                csv.append(String.format(
                        Locale.ROOT,
                        "mpirun-warm-pass,%d,lin 1..21 x20,true,%d,1,2,%.4f,,%d,%.4e,%.1f,%.1f%n",
                        o.mpiN(),
                        np,
                        pass,
                        res.get("pairs_counted_unique").getAsLong(),
                        res.get("pairs_counted_unique").getAsLong() / pass,
                        heap,
                        grid));
            }
            System.out.println("(speedups relative to the first rank count, scaled by its ranks)");
        }
        if (o.scipy()) {
            Path script = Path.of("src", "bench", "python", "scipy_paircount.py");
            if (Files.isRegularFile(script)) {
                System.out.println();
                System.out.println("SciPy baseline (" + script + "):");
                List<String> cmd = new ArrayList<>(List.of(
                        Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3",
                        script.toString()));
                for (int n : o.sizes()) {
                    cmd.add(Integer.toString(n));
                }
                Process pr = new ProcessBuilder(cmd)
                        .redirectErrorStream(true)
                        .inheritIO()
                        .start();
                if (pr.waitFor() != 0) {
                    System.out.println("(SciPy baseline failed or SciPy is missing: apt-get install python3-scipy)");
                }
            }
        }
        if (o.out() != null) {
            Files.createDirectories(o.out());
            AtomicFile.writeString(o.out().resolve("bench.csv"), csv.toString());
            System.out.println("wrote " + o.out().resolve("bench.csv"));
        }
        return 0;
    }

    private static double maxOf(JsonArray a) {
        double m = 0;
        for (int i = 0; i < a.size(); i++) {
            m = Math.max(m, a.get(i).getAsDouble());
        }
        return m;
    }

    /** One whole run of the PairCount program under mpirun; returns its summary. */
    static JsonObject mpiRun(int np, int n, int repeat) throws IOException, InterruptedException {
        Path json = Files.createTempFile("orrery-bench", ".json");
        Path out = Files.createTempDirectory("orrery-bench-out");
        List<String> cmd = BenchSupport.mpirunJava(
                np,
                "-Xmx3g",
                "PairCount",
                "--generate",
                "uniform",
                "-n",
                Integer.toString(n),
                "--random-factor",
                "0",
                "--periodic",
                "--box",
                "1000",
                "--bins",
                "lin",
                "--rmin",
                "1",
                "--rmax",
                "21",
                "--nbins",
                "20",
                "--no-plot",
                "--no-fits",
                "--repeat",
                Integer.toString(repeat),
                "-o",
                out.toString(),
                "--summary",
                json.toString());
        BenchSupport.Ran p = BenchSupport.run(cmd, Map.of(), 3600);
        if (p.exit() != 0) {
            throw new IOException("benchmark run failed: " + String.join(" ", cmd) + "\n" + p.output());
        }
        JsonObject js = JsonParser.parseString(Files.readString(json)).getAsJsonObject();
        Files.deleteIfExists(json);
        for (String f : new String[] {"paircount.csv"}) {
            Files.deleteIfExists(out.resolve(f));
        }
        Files.deleteIfExists(out);
        return js;
    }

    /** Uniform points in [0, L)^3 from one seeded stream. */
    public static PointSet uniform(int n, double l, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        PointSet p = new PointSet(false, n);
        for (int i = 0; i < n; i++) {
            p.add(r.nextDouble() * l, r.nextDouble() * l, r.nextDouble() * l, 1, i, 0);
        }
        return p;
    }

    /** Measures one configuration. */
    public static Row run(PointSet p, Bins b, String bname, boolean periodic, int threads, int refine, int repeat) {
        var o = new PairCounter.Options(periodic ? 1000 : 0, refine, false, false, threads);
        PairCounts warm = PairCounter.auto(p, b, o);
        resetPeaks();
        double[] t = new double[Math.max(1, repeat)];
        long pairs = 0;
        for (int r = 0; r < t.length; r++) {
            long t0 = System.nanoTime();
            PairCounts c = PairCounter.auto(p, b, o);
            t[r] = (System.nanoTime() - t0) * 1e-9;
            pairs = c.total();
            if (!c.equals(warm)) {
                throw new IllegalStateException("counts changed between repetitions");
            }
        }
        java.util.Arrays.sort(t);
        return new Row(p.size(), bname, periodic, threads, refine, t[0], t[t.length / 2], pairs, peakHeapMiB());
    }

    static void resetPeaks() {
        for (MemoryPoolMXBean m : ManagementFactory.getMemoryPoolMXBeans()) {
            m.resetPeakUsage();
        }
    }

    /** Sum of the heap pools' peak usage since the last reset, MiB. */
    public static double peakHeapMiB() {
        long s = 0;
        for (MemoryPoolMXBean m : ManagementFactory.getMemoryPoolMXBeans()) {
            if (m.getType() == MemoryType.HEAP && m.getPeakUsage() != null) {
                s += m.getPeakUsage().getUsed();
            }
        }
        return s / 1048576.0;
    }
}
