package org.orrery.bench;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.orrery.io.AtomicFile;
import org.orrery.io.ProcessGuard;
import org.orrery.physics.paircount.Bins;
import org.orrery.physics.paircount.PairCounter;
import org.orrery.physics.paircount.PairCounts;
import org.orrery.physics.paircount.PointSet;

/**
 * Side by side with Corrfunc's theory {@code DD} (periodic build, DOUBLE_PREC) for the classic 3-D mode r, in one run:
 * N uniform points in the periodic box L = 1000 on a 2^-20 grid (every separation and square exact, so both codes must
 * agree to the pair), written once as a text file {@code x y z}; linear bins 1..21 (20) and 15 log bins 0.5..30.
 *
 * <p>Two figures, each a ratio Orrery / Corrfunc of runs made one after the other, repeated {@code repeat} times with
 * the codes and configurations interleaved (the median and the range of the paired ratios are reported):
 *
 * <ul>
 *   <li><b>pair phase</b>: Orrery's {@link PairCounter#auto} in this JVM (cell lists + counting; one warm-up run per
 *       configuration first) against the "pair-counting time" Corrfunc's DD prints (gridlink + counting), at 1 and 2
 *       threads;
 *   <li><b>whole job</b>: {@code launch/orrery paircount --data FILE ...} (mpirun, JVM start, text parsing, counting,
 *       output) at np 1 with 1 and 2 threads and at np 2 with 1 thread, against the wall time of {@code DD FILE a FILE
 *       a BINFILE 1000 T} from the same file (T = the same number of cores: 1, 2, 2).
 * </ul>
 *
 * Every Orrery count (in-process and from the whole job's --summary) is checked equal to Corrfunc's npairs. Writes
 * {@code r-bench.csv} and {@code r-bench.md} (a ready table with the load average before and after) to the output
 * directory.
 */
public final class CorrfuncRBench {
    private static final Pattern PAIR_TIME = Pattern.compile("pair-counting time =\\s*([0-9.]+)");

    private CorrfuncRBench() {}

    /** One line of the table: a part (pair or job), bins, Orrery's layout, and the paired timings. */
    record Row(
            String part,
            String bins,
            int np,
            int threads,
            int cfThreads,
            double[] orrery,
            double[] corrfunc,
            boolean same) {
        double[] ratios() {
            double[] r = new double[orrery.length];
            for (int i = 0; i < r.length; i++) {
                r[i] = orrery[i] / corrfunc[i];
            }
            return r;
        }
    }

    /** Runs the comparison; returns 0 when every count agreed. */
    public static int run(Path cf, int n, List<Integer> threads, int repeat, Path out)
            throws IOException, InterruptedException {
        Path tmp = Files.createTempDirectory("r-bench");
        try {
            return run(cf, n, threads, repeat, out, tmp);
        } finally {
            try (var s = Files.walk(tmp)) {
                for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    private static int run(Path cf, int n, List<Integer> threads, int repeat, Path out, Path tmp)
            throws IOException, InterruptedException {
        String loadBefore = ScalingBench.loadAverage();
        double box = 1000;
        SplittableRandom r = new SplittableRandom(20261203);
        double[][] xyz = new double[3][n];
        StringBuilder sb = new StringBuilder(n * 60);
        for (int i = 0; i < n; i++) {
            for (int d = 0; d < 3; d++) {
                xyz[d][i] = Math.floor(r.nextDouble() * box * 1048576) / 1048576;
            }
            sb.append(xyz[0][i])
                    .append(' ')
                    .append(xyz[1][i])
                    .append(' ')
                    .append(xyz[2][i])
                    .append('\n');
        }
        Path file = tmp.resolve("box.txt");
        Files.writeString(file, sb, StandardCharsets.US_ASCII);
        sb = null;
        PointSet points = PointSet.of(xyz[0], xyz[1], xyz[2], null, n);
        Map<String, Bins> bins = new LinkedHashMap<>();
        bins.put("lin 1..21 x20", Bins.linear(1, 21, 20));
        bins.put("log 0.5..30 x15", Bins.log(0.5, 30, 15));
        Map<String, Path> edgeFiles = new LinkedHashMap<>();
        for (var e : bins.entrySet()) {
            Path p = tmp.resolve(e.getValue().kind() + "-edges.txt");
            StringBuilder s = new StringBuilder();
            for (int k = 0; k < e.getValue().count(); k++) {
                s.append(e.getValue().edge(k))
                        .append(' ')
                        .append(e.getValue().edge(k + 1))
                        .append('\n');
            }
            Files.writeString(p, s);
            edgeFiles.put(e.getKey(), p);
        }
        int maxT = threads.stream().mapToInt(Integer::intValue).max().orElse(1);
        List<Row> rows = new ArrayList<>();
        StringBuilder breakdown = new StringBuilder(JobBreakdown.header());
        boolean allSame = true;
        System.out.printf(
                Locale.ROOT,
                "mode r vs Corrfunc DD: N = %d uniform, periodic L = 1000, %d repetitions interleaved; load %s%n",
                n,
                repeat,
                loadBefore);
        for (var e : bins.entrySet()) {
            String name = e.getKey();
            Bins b = e.getValue();
            // layouts of the whole job: (np, threads, Corrfunc threads)
            List<int[]> jobs = new ArrayList<>();
            for (int t : threads) {
                jobs.add(new int[] {1, t, t});
            }
            if (maxT >= 2) {
                jobs.add(new int[] {2, 1, 2});
            }
            double[][] pairO = new double[threads.size()][repeat];
            double[][] pairC = new double[threads.size()][repeat];
            double[][] jobO = new double[jobs.size()][repeat];
            double[][] jobC = new double[jobs.size()][repeat];
            List<List<JobBreakdown>> parts = new ArrayList<>();
            for (int ji = 0; ji < jobs.size(); ji++) {
                parts.add(new ArrayList<>());
            }
            boolean same = true;
            for (int ti = 0; ti < threads.size(); ti++) {
                var o = new PairCounter.Options(box, PairCounter.DEFAULT_REFINE, false, false, threads.get(ti));
                PairCounter.auto(points, b, o); // warm-up
            }
            for (int k = 0; k < repeat; k++) {
                for (int ti = 0; ti < threads.size(); ti++) {
                    int t = threads.get(ti);
                    var o = new PairCounter.Options(box, PairCounter.DEFAULT_REFINE, false, false, t);
                    long t0 = System.nanoTime();
                    PairCounts c = PairCounter.auto(points, b, o);
                    pairO[ti][k] = (System.nanoTime() - t0) * 1e-9;
                    Corrfunc ran = corrfunc(cf, file, edgeFiles.get(name), t, tmp);
                    pairC[ti][k] = ran.pairSeconds();
                    same &= Arrays.equals(ordered(c), ran.npairs());
                }
                for (int ji = 0; ji < jobs.size(); ji++) {
                    int[] j = jobs.get(ji);
                    Orrery job = orrery(j[0], j[1], file, b, tmp);
                    jobO[ji][k] = job.wall();
                    parts.get(ji).add(job.parts());
                    Corrfunc ran = corrfunc(cf, file, edgeFiles.get(name), j[2], tmp);
                    jobC[ji][k] = ran.wall();
                    same &= Arrays.equals(job.dd(), ran.npairs());
                }
            }
            for (int ti = 0; ti < threads.size(); ti++) {
                int t = threads.get(ti);
                rows.add(new Row("pair phase", name, 1, t, t, pairO[ti], pairC[ti], same));
            }
            for (int ji = 0; ji < jobs.size(); ji++) {
                int[] j = jobs.get(ji);
                rows.add(new Row("whole job", name, j[0], j[1], j[2], jobO[ji], jobC[ji], same));
                breakdown.append(JobBreakdown.row(name, j[0], j[1], jobO[ji], parts.get(ji)));
            }
            allSame &= same;
            for (Row row : rows.subList(rows.size() - threads.size() - jobs.size(), rows.size())) {
                System.out.println(line(row));
            }
        }
        String loadAfter = ScalingBench.loadAverage();
        Files.createDirectories(out);
        StringBuilder csv = new StringBuilder("part,bins,np,threads,corrfunc_threads,orrery_median_s,orrery_min_s,"
                + "orrery_max_s,corrfunc_median_s,corrfunc_min_s,corrfunc_max_s,ratio_median,ratio_min,ratio_max,"
                + "counts_equal\n");
        StringBuilder md = new StringBuilder();
        md.append(String.format(
                Locale.ROOT,
                "Mode r vs Corrfunc theory DD (periodic, DOUBLE_PREC): %d uniform points, L = 1000, %d interleaved "
                        + "repetitions; %s; load average %s before, %s after.%n%n",
                n,
                repeat,
                Runtime.getRuntime().availableProcessors() + " CPUs",
                loadBefore,
                loadAfter));
        md.append("| part | bins | Orrery np × threads | Corrfunc threads | Orrery s (median, min–max) "
                + "| Corrfunc s (median, min–max) | ratio (median, min–max) | counts equal |\n");
        md.append("|---|---|---|---|---|---|---|---|\n");
        for (Row row : rows) {
            double[] ro = stats(row.orrery());
            double[] rc = stats(row.corrfunc());
            double[] rr = stats(row.ratios());
            csv.append(String.format(
                    Locale.ROOT,
                    "%s,%s,%d,%d,%d,%.3f,%.3f,%.3f,%.3f,%.3f,%.3f,%.3f,%.3f,%.3f,%s%n",
                    row.part(),
                    row.bins(),
                    row.np(),
                    row.threads(),
                    row.cfThreads(),
                    ro[0],
                    ro[1],
                    ro[2],
                    rc[0],
                    rc[1],
                    rc[2],
                    rr[0],
                    rr[1],
                    rr[2],
                    row.same()));
            md.append(String.format(
                    Locale.ROOT,
                    "| %s | %s | %d × %d | %d | %.2f (%.2f–%.2f) | %.2f (%.2f–%.2f) | **%.2f** (%.2f–%.2f) | %s |%n",
                    row.part(),
                    row.bins(),
                    row.np(),
                    row.threads(),
                    row.cfThreads(),
                    ro[0],
                    ro[1],
                    ro[2],
                    rc[0],
                    rc[1],
                    rc[2],
                    rr[0],
                    rr[1],
                    rr[2],
                    row.same() ? "yes" : "NO"));
        }
        md.append("\nPair phase: Orrery's cell lists + counting in the bench JVM (after a warm-up) vs the "
                + "\"pair-counting time\" Corrfunc's DD prints (0.01 s resolution). Whole job: "
                + "`launch/orrery paircount -np NP --threads T --data FILE --box 1000 --periodic ... "
                + "--random-factor 0 --no-plot --no-fits` vs `DD FILE a FILE a BINFILE 1000 T`, wall clock of the "
                + "process. Ratios are Orrery / Corrfunc per repetition.\n");
        md.append("\nWhere Orrery's whole job spent its wall time (seconds, medians over the repetitions; "
                        + "bench.JobBreakdown: from this process's clock and the job's --summary timeline):\n\n")
                .append(breakdown);
        AtomicFile.writeString(out.resolve("r-bench.csv"), csv.toString());
        AtomicFile.writeString(out.resolve("r-bench.md"), md.toString());
        System.out.println("wrote " + out.resolve("r-bench.csv") + " and " + out.resolve("r-bench.md"));
        return allSame ? 0 : 1;
    }

    private static String line(Row row) {
        double[] rr = stats(row.ratios());
        return String.format(
                Locale.ROOT,
                "%-10s %-16s np %d x %d threads vs %d: Orrery %.2f s, Corrfunc %.2f s, ratio %.2f (%.2f-%.2f)%s",
                row.part(),
                row.bins(),
                row.np(),
                row.threads(),
                row.cfThreads(),
                stats(row.orrery())[0],
                stats(row.corrfunc())[0],
                rr[0],
                rr[1],
                rr[2],
                row.same() ? "" : "  COUNTS DIFFER");
    }

    /** Median, min, max. */
    static double[] stats(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        int m = s.length / 2;
        double median = s.length % 2 == 1 ? s[m] : 0.5 * (s[m - 1] + s[m]);
        return new double[] {median, s[0], s[s.length - 1]};
    }

    private static long[] ordered(PairCounts c) {
        long[] o = c.counts();
        long[] r = new long[o.length];
        for (int i = 0; i < o.length; i++) {
            r[i] = 2 * o[i];
        }
        return r;
    }

    record Corrfunc(double wall, double pairSeconds, long[] npairs) {}

    private static Corrfunc corrfunc(Path cf, Path file, Path edges, int threads, Path tmp)
            throws IOException, InterruptedException {
        List<String> cmd = List.of(
                cf.resolve("theory/DD/DD").toString(),
                file.toString(),
                "a",
                file.toString(),
                "a",
                edges.toString(),
                "1000",
                Integer.toString(threads));
        Path stdout = tmp.resolve("cf.out");
        Path stderr = tmp.resolve("cf.err");
        long t0 = System.nanoTime();
        double wall;
        try (ProcessGuard.Guarded g = ProcessGuard.start(
                new ProcessBuilder(cmd).redirectOutput(stdout.toFile()).redirectError(stderr.toFile()))) {
            Process p = g.process();
            boolean done = p.waitFor(1, TimeUnit.HOURS);
            wall = (System.nanoTime() - t0) * 1e-9;
            if (!done) {
                ProcessGuard.killTree(p.toHandle());
            }
            if (!done || p.exitValue() != 0) {
                throw new IOException("Corrfunc failed: " + String.join(" ", cmd) + "\n" + Files.readString(stderr));
            }
        }
        Matcher m = PAIR_TIME.matcher(Files.readString(stderr));
        if (!m.find()) {
            throw new IOException("no pair-counting time in Corrfunc's output: " + stderr);
        }
        long[] npairs = Files.readAllLines(stdout).stream()
                .map(String::trim)
                .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                .mapToLong(l -> Long.parseLong(l.split("\\s+", -1)[3]))
                .toArray();
        return new Corrfunc(wall, Double.parseDouble(m.group(1)), npairs);
    }

    record Orrery(double wall, long[] dd, JobBreakdown parts) {}

    private static Orrery orrery(int np, int threads, Path file, Bins b, Path tmp)
            throws IOException, InterruptedException {
        Path json = tmp.resolve("orrery.json");
        Path outDir = tmp.resolve("orrery-out");
        List<String> cmd = BenchSupport.mpirunJava(
                np,
                "PairCount",
                "--data",
                file.toString(),
                "--box",
                "1000",
                "--periodic",
                "--bins",
                b.kind().equals("log") ? "log" : "lin",
                "--rmin",
                Double.toString(b.rmin()),
                "--rmax",
                Double.toString(b.rmax()),
                "--nbins",
                Integer.toString(b.count()),
                "--random-factor",
                "0",
                "--threads",
                Integer.toString(threads),
                "--no-plot",
                "--no-fits",
                "-q",
                "-o",
                outDir.toString(),
                "--summary",
                json.toString());
        long launched = System.currentTimeMillis();
        long t0 = System.nanoTime();
        BenchSupport.Ran p = BenchSupport.run(cmd, Map.of(), 3600);
        double wall = (System.nanoTime() - t0) * 1e-9;
        long ended = System.currentTimeMillis();
        if (p.exit() != 0) {
            throw new IOException("Orrery run failed: " + String.join(" ", cmd) + "\n" + p.output());
        }
        JsonObject js = JsonParser.parseString(Files.readString(json)).getAsJsonObject();
        JsonArray dd = js.getAsJsonObject("results").getAsJsonArray("DD");
        long[] counts = new long[dd.size()];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = dd.get(i).getAsLong();
        }
        Files.deleteIfExists(json);
        return new Orrery(wall, counts, JobBreakdown.of(js, launched, ended));
    }
}
