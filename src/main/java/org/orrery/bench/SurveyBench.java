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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.orrery.io.AtomicFile;
import org.orrery.physics.paircount.Bins;
import org.orrery.physics.paircount.PointSet;
import org.orrery.physics.paircount.SkyPoints;
import org.orrery.physics.paircount.SurveyBinning;
import org.orrery.physics.paircount.SurveyCounter;
import org.orrery.physics.paircount.SurveyCounts;

/**
 * Side-by-side speed of the survey counter ({@link SurveyCounter}) and Corrfunc's command-line tools {@code DDrppi},
 * {@code DDsmu} (theory, periodic build) and {@code DDtheta_mocks}, in one run on the same catalog files and bins, with
 * the counts checked equal.
 *
 * <p>Catalogs: N uniform points in a periodic box of side 1000 on a 2^-20 grid (so every separation and square is exact
 * and both codes must agree to the pair), and N uniform points on the cap RA [0, 90), Dec [0, 60) for θ. Bins: 15 log
 * bins 0.5..30 in rp (pimax 40, Corrfunc's 40 π bins) and in s (μmax 1, 20 μ bins); 15 log bins 0.01..0.5 degrees in θ.
 * Orrery's time is the pair phase (grid build + counting, as Corrfunc's "pair-counting time", at the refine
 * {@code paircount} chooses by default, {@link SurveyCounter#refine}) after one warm-up; Corrfunc's is the
 * pair-counting time it prints (0.01 s resolution). Each of the {@code repeat} repetitions runs Orrery and then
 * Corrfunc, one right after the other, and gives one paired ratio (one CSV row, counts checked equal in every row); the
 * printed summary has the median and range of the paired ratios per mode and thread count. Ratios matter, not absolute
 * times: state the machine and its load.
 *
 * <p>With {@code --modes r} (or r among others) the classic 3-D mode r is compared with Corrfunc's theory DD by
 * {@link CorrfuncRBench} (pair phase and whole job from a text file).
 *
 * <p>Usage: {@code launch/orrery bench survey --corrfunc DIR [--modes r,rppi,smu,theta] [--n 1000000] [--theta-n
 * 300000] [--threads 1,2] [--repeat 2] [-o results/survey]} where DIR is a Corrfunc source tree built with DOUBLE_PREC
 * (see src/test/resources/corrfunc/README.md).
 */
public final class SurveyBench {
    private static final Pattern PAIR_TIME = Pattern.compile("pair-counting time =\\s*([0-9.]+)");

    private SurveyBench() {}

    /** One measured configuration. */
    public record Row(
            String mode, int n, int threads, int rep, double orrery, double corrfunc, boolean same, long pairs) {
        String format() {
            return String.format(
                    Locale.ROOT,
                    "%-6s %9d %7d %3d %10.3f %10.2f %7.2f %6s %14d",
                    mode,
                    n,
                    threads,
                    rep,
                    orrery,
                    corrfunc,
                    orrery / corrfunc,
                    same ? "yes" : "NO",
                    pairs);
        }
    }

    static final String HEADER = String.format(
            Locale.ROOT,
            "%-6s %9s %7s %3s %10s %10s %7s %6s %14s",
            "mode",
            "N",
            "threads",
            "rep",
            "orrery_s",
            "corrfunc_s",
            "ratio",
            "same",
            "pairs");

    /**
     * What to measure: a built Corrfunc source tree, N box points, N sky points, thread counts, timed repetitions and
     * the output directory; validated here (UserError naming the option).
     */
    public record Options(
            Path corrfunc, int n, int thetaN, List<Integer> threads, int repeat, Path out, List<String> modes) {
        public Options {
            modes = List.copyOf(modes);
            for (String m : modes) {
                if (!List.of("r", "rppi", "smu", "theta").contains(m)) {
                    throw new org.orrery.model.UserError("--modes takes r, rppi, smu, theta; got " + m);
                }
            }
            if (corrfunc == null || !Files.isDirectory(corrfunc)) {
                throw new org.orrery.model.UserError("--corrfunc must be a built Corrfunc source tree"
                        + " (src/test/resources/corrfunc/README.md), got " + corrfunc);
            }
            OptionChecks.positive(new int[] {n}, "--n");
            OptionChecks.positive(new int[] {thetaN}, "--theta-n");
            OptionChecks.positive(threads, "--threads");
            OptionChecks.positive(new int[] {repeat}, "--repeat");
        }
    }

    /** Runs the comparison, prints the table and writes OUT/survey-bench.csv; 0 when every count agreed. */
    public static int run(Options o) throws IOException, InterruptedException {
        int status = 0;
        if (o.modes().contains("r")) {
            status = CorrfuncRBench.run(o.corrfunc(), o.n(), o.threads(), o.repeat(), o.out());
        }
        List<String> survey = o.modes().stream().filter(m -> !m.equals("r")).toList();
        if (survey.isEmpty()) {
            return status;
        }
        System.out.println("load average before: " + loadAverage());
        List<Row> rows = run(o.corrfunc(), o.n(), o.thetaN(), o.threads(), o.repeat(), survey);
        System.out.println("load average after: " + loadAverage());
        StringBuilder csv = new StringBuilder("mode,n,threads,rep,orrery_s,corrfunc_s,ratio,same,pairs\n");
        for (Row r : rows) {
            csv.append(String.format(
                    Locale.ROOT,
                    "%s,%d,%d,%d,%.4f,%.2f,%.3f,%s,%d%n",
                    r.mode(),
                    r.n(),
                    r.threads(),
                    r.rep(),
                    r.orrery(),
                    r.corrfunc(),
                    r.orrery() / r.corrfunc(),
                    r.same(),
                    r.pairs()));
        }
        System.out.println(summary(rows));
        Files.createDirectories(o.out());
        AtomicFile.writeString(o.out().resolve("survey-bench.csv"), csv.toString());
        return rows.stream().allMatch(Row::same) ? status : 1;
    }

    static List<Row> run(Path cf, int n, int thetaN, List<Integer> threads, int repeat, List<String> which)
            throws IOException, InterruptedException {
        Path tmp = Files.createTempDirectory("survey-bench");
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
        Path boxFile = tmp.resolve("box.txt");
        Files.writeString(boxFile, sb, StandardCharsets.US_ASCII);
        double[] ra = new double[thetaN];
        double[] dec = new double[thetaN];
        sb.setLength(0);
        for (int i = 0; i < thetaN; i++) {
            ra[i] = 90 * r.nextDouble();
            dec[i] = Math.toDegrees(Math.asin(r.nextDouble() * Math.sin(Math.toRadians(60))));
            sb.append(ra[i]).append(' ').append(dec[i]).append('\n');
        }
        Path skyFile = tmp.resolve("sky.txt");
        Files.writeString(skyFile, sb, StandardCharsets.US_ASCII);
        Bins logBins = Bins.log(0.5, 30, 15);
        Bins thetaBins = Bins.log(0.01, 0.5, 15);
        Path edges = tmp.resolve("edges.txt");
        Path thetaEdges = tmp.resolve("theta_edges.txt");
        Files.writeString(edges, edgeFile(logBins));
        Files.writeString(thetaEdges, edgeFile(thetaBins));
        PointSet points = PointSet.of(xyz[0], xyz[1], xyz[2], null, n);
        PointSet sky = SkyPoints.onSphere(ra, dec, null, thetaN, 0, "bench sky catalog");
        SurveyBinning[] modes = {
            SurveyBinning.rppi(logBins, 40, 40, false, box),
            SurveyBinning.smu(logBins, 1.0, 20, false, box),
            SurveyBinning.theta(thetaBins),
        };
        System.out.println(HEADER);
        List<Row> rows = new ArrayList<>();
        for (int t : threads) {
            for (SurveyBinning b : modes) {
                if (!which.contains(b.mode().name().toLowerCase(Locale.ROOT))) {
                    continue;
                }
                boolean theta = b.mode() == SurveyBinning.Mode.THETA;
                PointSet d = theta ? sky : points;
                // one warm-up, then each repetition times Orrery and Corrfunc one right after the other
                SurveyCounter.auto(d, b, 0, SurveyCounter.AUTO_REFINE, t);
                List<String> cmd =
                        switch (b.mode()) {
                            case RPPI ->
                                List.of(
                                        cf.resolve("theory/DDrppi/DDrppi").toString(),
                                        boxFile.toString(),
                                        "a",
                                        boxFile.toString(),
                                        "a",
                                        edges.toString(),
                                        "40",
                                        Double.toString(box),
                                        Integer.toString(t));
                            case SMU ->
                                List.of(
                                        cf.resolve("theory/DDsmu/DDsmu").toString(),
                                        boxFile.toString(),
                                        "a",
                                        boxFile.toString(),
                                        "a",
                                        edges.toString(),
                                        "1.0",
                                        "20",
                                        Double.toString(box),
                                        Integer.toString(t));
                            case THETA ->
                                List.of(
                                        cf.resolve("mocks/DDtheta_mocks/DDtheta_mocks")
                                                .toString(),
                                        skyFile.toString(),
                                        "a",
                                        skyFile.toString(),
                                        "a",
                                        thetaEdges.toString(),
                                        Integer.toString(t));
                            case R -> throw new IllegalArgumentException("the r mode is benchmarked by PairCountBench");
                        };
                Path stdout = tmp.resolve("cf.out");
                Path stderr = tmp.resolve("cf.err");
                for (int k = 0; k < repeat; k++) {
                    long t0 = System.nanoTime();
                    SurveyCounts c = SurveyCounter.auto(d, b, 0, SurveyCounter.AUTO_REFINE, t);
                    double ours = (System.nanoTime() - t0) * 1e-9;
                    Process p = new ProcessBuilder(cmd)
                            .redirectOutput(stdout.toFile())
                            .redirectError(stderr.toFile())
                            .start();
                    if (!p.waitFor(1, TimeUnit.HOURS) || p.exitValue() != 0) {
                        throw new IOException(
                                "Corrfunc failed: " + String.join(" ", cmd) + "\n" + Files.readString(stderr));
                    }
                    Matcher m = PAIR_TIME.matcher(Files.readString(stderr));
                    if (!m.find()) {
                        throw new IOException("no pair-counting time in Corrfunc's output: " + stderr);
                    }
                    double theirs = Double.parseDouble(m.group(1));
                    Row row = new Row(
                            b.mode().name().toLowerCase(Locale.ROOT),
                            d.size(),
                            t,
                            k,
                            ours,
                            theirs,
                            Arrays.equals(npairs(stdout), c.asCorrfuncAuto(b, d.size())),
                            c.sum());
                    System.out.println(row.format());
                    rows.add(row);
                }
            }
        }
        return rows;
    }

    /** The first three fields of /proc/loadavg, or "unknown" where there is none. */
    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+", -1);
            return f.length >= 3 ? f[0] + " " + f[1] + " " + f[2] : "unknown";
        } catch (IOException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }

    /** Per mode and thread count: the median and range of the paired ratios, and whether every count agreed. */
    static String summary(List<Row> rows) {
        StringBuilder out = new StringBuilder(String.format(
                Locale.ROOT,
                "%-6s %7s %5s %14s %14s %6s%n",
                "mode",
                "threads",
                "pairs",
                "ratio_median",
                "ratio_range",
                "same"));
        List<String> done = new ArrayList<>();
        for (Row r : rows) {
            String key = r.mode() + "/" + r.threads();
            if (done.contains(key)) {
                continue;
            }
            done.add(key);
            double[] q = rows.stream()
                    .filter(o -> o.mode().equals(r.mode()) && o.threads() == r.threads())
                    .mapToDouble(o -> o.orrery() / o.corrfunc())
                    .sorted()
                    .toArray();
            boolean same = rows.stream()
                    .filter(o -> o.mode().equals(r.mode()) && o.threads() == r.threads())
                    .allMatch(Row::same);
            double median = q.length % 2 == 1 ? q[q.length / 2] : (q[q.length / 2 - 1] + q[q.length / 2]) / 2;
            out.append(String.format(
                    Locale.ROOT,
                    "%-6s %7d %5d %14.3f %7.3f-%-6.3f %6s%n",
                    r.mode(),
                    r.threads(),
                    q.length,
                    median,
                    q[0],
                    q[q.length - 1],
                    same ? "yes" : "NO"));
        }
        return out.toString();
    }

    private static String edgeFile(Bins b) {
        StringBuilder s = new StringBuilder();
        for (int k = 0; k < b.count(); k++) {
            s.append(b.edge(k)).append(' ').append(b.edge(k + 1)).append('\n');
        }
        return s.toString();
    }

    /** The npairs column (4th) of a Corrfunc output table. */
    private static long[] npairs(Path out) throws IOException {
        return Files.readAllLines(out).stream()
                .map(String::trim)
                .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                .mapToLong(l -> Long.parseLong(l.split("\\s+", -1)[3]))
                .toArray();
    }
}
