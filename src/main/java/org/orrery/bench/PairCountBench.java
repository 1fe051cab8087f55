package org.orrery.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import org.orrery.physics.paircount.Bins;
import org.orrery.physics.paircount.PairCounter;
import org.orrery.physics.paircount.PairCounts;
import org.orrery.physics.paircount.PointSet;

/**
 * Benchmark of the single-rank pair counter, in the configurations of Corrfunc's and SciPy's
 * reference figures: N uniform points in a box of side L = 1000, linear bins 1..21 (20 bins) and 15
 * log bins 0.5..30, periodic and not, 1 and 2 threads. Each configuration is run once to warm the
 * JIT and then {@code repeat} times; the best and median wall times of the pair phase (grid build +
 * counting, as Corrfunc's timing) are printed with pairs found per second and the peak heap.
 *
 * <p>Usage: {@code PairCountBench [--n 100000,1000000] [--threads 1,2] [--repeat 3] [--refine 2]}.
 * The distributed program's own timings (np ranks) come from {@code paircount --summary}.
 */
public final class PairCountBench {
    private PairCountBench() {
    }

    /** One measured configuration. */
    public record Row(int n, String bins, boolean periodic, int threads, int refine, double best, double median,
                      long pairs, double peakHeapMiB) {
        public String format() {
            return String.format(Locale.ROOT, "%9d  %-14s %-8s %7d %6d %9.3f %9.3f %13d %12.3e %9.0f", n, bins,
                    periodic ? "yes" : "no", threads, refine, best, median, pairs, pairs / best, peakHeapMiB);
        }
    }

    public static final String HEADER = String.format(Locale.ROOT, "%9s  %-14s %-8s %7s %6s %9s %9s %13s %12s %9s",
            "N", "bins", "periodic", "threads", "refine", "best_s", "median_s", "pairs", "pairs/s", "heap_MiB");

    public static void main(String[] args) {
        List<Integer> ns = List.of(100_000, 1_000_000);
        List<Integer> threads = List.of(1, 2);
        int repeat = 3;
        int refine = 2;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--n" -> ns = ints(args[++i]);
                case "--threads" -> threads = ints(args[++i]);
                case "--repeat" -> repeat = Integer.parseInt(args[++i]);
                case "--refine" -> refine = Integer.parseInt(args[++i]);
                case "-h", "--help" -> {
                    System.out.println("Usage: PairCountBench [--n 100000,1000000] [--threads 1,2] [--repeat 3] [--refine 2]");
                    return;
                }
                default -> {
                    System.err.println("orrery bench paircount: error: unknown option " + args[i]);
                    System.exit(2);
                }
            }
        }
        System.out.println("Orrery pair-count benchmark: uniform points, L = 1000, " + Runtime.getRuntime().availableProcessors()
                + " CPUs visible, Java " + System.getProperty("java.version"));
        System.out.println(HEADER);
        for (int n : ns) {
            PointSet p = uniform(n, 1000, 42);
            for (boolean periodic : new boolean[] {true, false}) {
                for (String bname : new String[] {"lin 1..21 x20", "log 0.5..30 x15"}) {
                    Bins b = bname.startsWith("lin") ? Bins.linear(1, 21, 20) : Bins.log(0.5, 30, 15);
                    for (int t : threads) {
                        System.out.println(run(p, b, bname, periodic, t, refine, repeat).format());
                    }
                }
            }
        }
    }

    private static List<Integer> ints(String s) {
        List<Integer> out = new ArrayList<>();
        for (String part : s.split(",")) {
            out.add((int) Double.parseDouble(part.trim()));
        }
        return out;
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
