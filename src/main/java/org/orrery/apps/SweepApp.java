package org.orrery.apps;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.orrery.analysis.Scaling;
import org.orrery.io.AtomicFile;
import org.orrery.io.Launcher;
import org.orrery.io.MachineInfo;
import org.orrery.io.Version;
import org.orrery.io.plot.Charts;
import org.orrery.io.plot.ScalingPlots;
import org.orrery.io.plot.ScalingPlots.Point;
import org.orrery.model.UserError;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Scaling sweeps: runs any Orrery program at several rank counts through the launcher
 * ({@code launch/orrery <program> -np p --no-build <options> --summary tmp.json}), repeats each point
 * and keeps the median, reads {@code wall_s} and {@code rate} from the program's summary JSON, and
 * writes {@code scaling.csv} (with the machine in its header) and time, speedup and efficiency
 * plots. Not an MPI program itself.
 *
 * <p>Strong scaling keeps the problem fixed: S<sub>p</sub> = T<sub>ref</sub>&middot;p<sub>ref</sub>/T<sub>p</sub>
 * relative to the smallest p measured (p<sub>ref</sub> = 1 normally), efficiency S/p, the Karp&ndash;Flatt
 * fraction, and an Amdahl fit over the points with p &le; physical cores. Weak scaling ({@code --weak-param})
 * grows one size option of the program as size(p) = round(base &middot; p<sup>exponent</sup>), e.g.
 * {@code --weak-param --nsims --weak-base 100} for decay (work &prop; simulations) or
 * {@code --weak-param --n --weak-base 2000 --weak-exponent 0.5} for an O(N&sup2;) N-body code; it
 * reports weak efficiency T<sub>ref</sub>/T<sub>p</sub> and Gustafson's scaled speedup.
 */
@Command(name = "sweep", mixinStandardHelpOptions = true, versionProvider = OrreryVersion.class, sortOptions = false,
        description = {"Measure how an Orrery program scales with the number of ranks: runs it at each --np value "
                + "(repeated, median kept), reads wall_s and rate from its --summary JSON, writes scaling.csv and PNG plots.",
            "Program options go after '--', e.g.: launch/orrery sweep decay --np 1,2,4 --oversubscribe -- --nsims 400 --no-plot"})
public final class SweepApp implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "PROGRAM", description = "Orrery program to run (decay, nbody, paircount, farm, hello, ...).")
    String program;

    @Parameters(index = "1..*", paramLabel = "OPTION", description = "Options passed to the program (after '--').")
    List<String> programArgs = new ArrayList<>();

    @Option(names = "--np", paramLabel = "LIST", description = "Comma list of rank counts (default: ${DEFAULT-VALUE}).")
    String npList = "1,2,4";

    @Option(names = {"--repeats", "-r"}, paramLabel = "R", description = "Runs per point; the median is kept (default: ${DEFAULT-VALUE}).")
    int repeats = 3;

    @Option(names = "--oversubscribe", description = "Allow rank counts above the physical cores (ranks then share cores; such points are marked).")
    boolean oversubscribe;

    @Option(names = "--weak-param", paramLabel = "OPTION", description = "Weak scaling: the program option that sets the problem size (e.g. --nsims).")
    String weakParam;

    @Option(names = "--weak-base", paramLabel = "SIZE", description = "Weak scaling: the size at p = 1.")
    Double weakBase;

    @Option(names = "--weak-exponent", paramLabel = "E", description = "Weak scaling: size(p) = round(base * p^E) (default: ${DEFAULT-VALUE}; 0.5 for O(N^2) work).")
    double weakExponent = 1.0;

    @Option(names = "--fit-oversubscribed", description = "Include oversubscribed points in the Amdahl fit (excluded by default).")
    boolean fitOversubscribed;

    @Option(names = {"--out", "-o"}, paramLabel = "DIR", description = "Output directory (default: results/<program>).")
    Path out;

    @Option(names = "--launcher", paramLabel = "PATH", description = "The launch/orrery script (default: found next to the Orrery jar, or $ORRERY_HOME/launch/orrery).")
    Path launcher;

    @Option(names = "--timeout", paramLabel = "SECONDS", description = "Time limit per run (default: ${DEFAULT-VALUE}).")
    double timeout = 3600;

    public static void main(String[] args) {
        System.exit(SerialTool.run("sweep", new SweepApp(), args));
    }

    /** One measured point. */
    record Measured(int p, long size, boolean oversubscribed, double[] walls, double[] rates, String rateUnit) {
        double wall() {
            return median(walls);
        }

        double rate() {
            return median(rates);
        }
    }

    /** Parses "1,2,4": positive whole numbers, no duplicates, ascending order kept as given sorted. */
    static int[] parseNpList(String s) {
        String[] parts = s.split(",", -1);
        int[] np = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            String v = parts[i].trim();
            if (!v.matches("[0-9]+") || v.length() > 6 || Integer.parseInt(v) < 1) {
                throw new UserError("--np must be a comma list of positive whole numbers such as 1,2,4; '" + v + "' is not, in --np " + s);
            }
            np[i] = Integer.parseInt(v);
        }
        int[] sorted = np.clone();
        Arrays.sort(sorted);
        for (int i = 1; i < sorted.length; i++) {
            if (sorted[i] == sorted[i - 1]) {
                throw new UserError("--np lists " + sorted[i] + " twice, in --np " + s);
            }
        }
        return sorted;
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : 0.5 * (s[n / 2 - 1] + s[n / 2]);
    }

    long sizeFor(int p) {
        return Math.round(weakBase * Math.pow(p, weakExponent));
    }

    void validate(int[] np, MachineInfo machine) {
        if (!program.matches("[a-z][a-z0-9-]*")) {
            throw new UserError("program must be an Orrery program name such as decay, got '" + program + "'");
        }
        if (List.of("sweep", "amdahl", "bench", "setup", "build", "test", "classpath").contains(program)) {
            throw new UserError("'" + program + "' is not an MPI program that writes --summary, PROGRAM");
        }
        if (repeats < 1 || repeats > 1000) {
            throw new UserError("--repeats must be in 1..1000, got " + repeats);
        }
        if (!(timeout > 0)) {
            throw new UserError("--timeout must be positive, got " + timeout);
        }
        if ((weakParam == null) != (weakBase == null)) {
            throw new UserError("weak scaling needs both --weak-param and --weak-base");
        }
        if (weakParam != null) {
            if (!weakParam.startsWith("-")) {
                throw new UserError("--weak-param must be the program's option name such as --nsims, got '" + weakParam + "'");
            }
            if (!(weakBase > 0) || !(weakExponent >= 0) || Double.isInfinite(weakBase) || Double.isInfinite(weakExponent)) {
                throw new UserError("--weak-base must be positive and --weak-exponent >= 0, got " + weakBase + " and " + weakExponent);
            }
            if (programArgs.contains(weakParam)) {
                throw new UserError("the program options already set " + weakParam + ", which the weak sweep sets itself");
            }
        }
        if (programArgs.contains("--summary") || programArgs.contains("-np") || programArgs.contains("--np")) {
            throw new UserError("program options must not contain --summary or -np: the sweep sets them");
        }
        for (int p : np) {
            if (p > machine.physicalCores() && !oversubscribe) {
                throw new UserError("-np " + p + " exceeds the " + machine.physicalCores()
                        + " physical cores: pass --oversubscribe to measure it anyway (such points are marked), in --np " + npList);
            }
        }
    }

    List<String> command(Path launch, int p, Path summaryFile) {
        List<String> cmd = new ArrayList<>(List.of(launch.toString(), program, "-np", Integer.toString(p), "--no-build"));
        if (oversubscribe) {
            cmd.addAll(List.of("--mpirun-arg", "--oversubscribe"));
        }
        cmd.addAll(programArgs);
        if (weakParam != null) {
            cmd.addAll(List.of(weakParam, Long.toString(sizeFor(p))));
        }
        if (summaryFile != null) {
            cmd.addAll(List.of("--summary", summaryFile.toString()));
        }
        return cmd;
    }

    /** Runs one point once; returns {wall_s, rate, rate_unit} read from the summary JSON. */
    Object[] runOnce(List<String> cmd, Path summaryFile) throws IOException, InterruptedException {
        JsonObject s = Launcher.runForSummary(cmd, summaryFile, timeout);
        JsonElement wall = s.get("wall_s");
        JsonElement rate = s.get("rate");
        if (wall == null || !wall.isJsonPrimitive() || !(wall.getAsDouble() > 0)) {
            throw new UserError("the summary of " + program + " has no positive wall_s: " + String.join(" ", cmd));
        }
        double r = rate != null && rate.isJsonPrimitive() ? rate.getAsDouble() : Double.NaN;
        String unit = s.has("rate_unit") ? s.get("rate_unit").getAsString() : "";
        return new Object[] {wall.getAsDouble(), r, unit};
    }

    @Override
    public Integer call() throws Exception {
        int[] np = parseNpList(npList);
        MachineInfo machine = MachineInfo.probe();
        validate(np, machine);
        Path launch = Launcher.find(launcher, "--launcher");
        Path dir = out != null ? out : Path.of("results", program);
        AtomicFile.checkWritableDirectory(dir);
        boolean weak = weakParam != null;
        String suffix = weak ? "-weak" : "";

        Path tmpDir = Files.createTempDirectory("orrery-sweep");
        Path summaryFile = tmpDir.resolve("summary.json");
        List<Measured> points = new ArrayList<>();
        try {
            System.out.printf("Orrery sweep: %s, %s scaling, np %s, %d repeat%s each, on %s (%d physical cores, %s)%n", program,
                    weak ? "weak" : "strong", npList, repeats, repeats == 1 ? "" : "s", machine.host(), machine.physicalCores(),
                    machine.cpuModel());
            for (int p : np) {
                double[] walls = new double[repeats];
                double[] rates = new double[repeats];
                String unit = "";
                List<String> cmd = command(launch, p, summaryFile);
                for (int r = 0; r < repeats; r++) {
                    Object[] res = runOnce(cmd, summaryFile);
                    walls[r] = (double) res[0];
                    rates[r] = (double) res[1];
                    unit = (String) res[2];
                    System.out.printf("  p = %d%s, run %d/%d: wall %.4g s, rate %.4g %s%n", p,
                            weak ? " (" + weakParam + " " + sizeFor(p) + ")" : "", r + 1, repeats, walls[r], rates[r], unit);
                }
                points.add(new Measured(p, weak ? sizeFor(p) : -1, p > machine.physicalCores(), walls, rates, unit));
            }
        } finally {
            Files.deleteIfExists(summaryFile);
            Files.deleteIfExists(tmpDir);
        }

        // Analysis.
        Measured ref = points.get(0);
        double tRef = ref.wall();
        int pRef = ref.p();
        List<Integer> fitP = new ArrayList<>();
        List<Double> fitT = new ArrayList<>();
        for (Measured m : points) {
            if (!weak && (!m.oversubscribed() || fitOversubscribed)) {
                fitP.add(m.p());
                fitT.add(m.wall());
            }
        }
        Scaling.AmdahlFit fit = null;
        String fitNote;
        if (weak) {
            fitNote = "not applicable to weak scaling";
        } else if (fitP.stream().distinct().count() >= 2) {
            int[] fp = fitP.stream().mapToInt(Integer::intValue).toArray();
            double[] ft = fitT.stream().mapToDouble(Double::doubleValue).toArray();
            fit = Scaling.fitAmdahl(fp, ft);
            fitNote = String.format(Locale.ROOT, "f = %.4f +- %s over p = %s%s", fit.f(),
                    Double.isNaN(fit.fError()) ? "n/a (2 points fix f exactly)" : String.format(Locale.ROOT, "%.4f", fit.fError()),
                    fitP, fitOversubscribed ? " (oversubscribed points included)" : " (points with p <= physical cores)")
                    + (fit.f() < 0 || fit.f() > 1 ? "; f outside [0, 1]: these times do not follow Amdahl's law (overheads grow with p)" : "");
        } else {
            fitNote = "needs two or more rank counts within the physical cores";
        }

        String date = ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        List<String> sweepCmd = new ArrayList<>(List.of("launch/orrery", "sweep", program, "--np", npList, "--repeats", Integer.toString(repeats)));
        if (oversubscribe) {
            sweepCmd.add("--oversubscribe");
        }
        if (weak) {
            sweepCmd.addAll(List.of("--weak-param", weakParam, "--weak-base", fmt(weakBase), "--weak-exponent", fmt(weakExponent)));
        }
        if (fitOversubscribed) {
            sweepCmd.add("--fit-oversubscribed");
        }
        if (out != null) {
            sweepCmd.addAll(List.of("--out", out.toString()));
        }
        if (!programArgs.isEmpty()) {
            sweepCmd.add("--");
            sweepCmd.addAll(programArgs);
        }
        String unit = ref.rateUnit();
        StringBuilder csv = new StringBuilder();
        csv.append("# orrery sweep ").append(Version.get()).append(": ").append(weak ? "weak" : "strong").append(" scaling of ").append(program).append('\n');
        csv.append("# command: ").append(String.join(" ", sweepCmd)).append('\n');
        csv.append("# each run: ").append(String.join(" ", command(Path.of("launch/orrery"), 0, Path.of("TMP.json")))
                .replace(" -np 0 ", " -np P ")).append(weak ? " (" + weakParam + " = round(" + fmt(weakBase) + " * P^" + fmt(weakExponent) + "))" : "").append('\n');
        csv.append("# host: ").append(machine.host()).append("; physical cores: ").append(machine.physicalCores())
                .append("; logical CPUs: ").append(machine.logicalCpus()).append("; CPU: ").append(machine.cpuModel()).append('\n');
        csv.append("# MPI: ").append(machine.mpiVersion()).append("; Java: ").append(machine.javaVersion()).append('\n');
        csv.append("# date: ").append(date).append('\n');
        csv.append("# repeats: ").append(repeats).append(" per point, median kept; wall_s and rate read from the program's --summary JSON\n");
        csv.append("# oversubscribed = p > ").append(machine.physicalCores())
                .append(" physical cores: ranks share cores, so those times measure contention, not parallel speedup\n");
        csv.append("# speedup = T(").append(pRef).append(")*").append(pRef).append("/T(p)")
                .append(weak ? " * p/" + pRef + " (Gustafson scaled speedup); efficiency = T(" + pRef + ")/T(p)" : "; efficiency = speedup/p")
                .append("; karp_flatt = (1/S - 1/p)/(1 - 1/p)\n");
        csv.append("# amdahl fit: ").append(fitNote).append('\n');
        csv.append("p,").append(weak ? "size," : "").append("oversubscribed,runs,wall_s_median,wall_s_min,wall_s_max,wall_s_all,rate_median,rate_unit,speedup,efficiency,karp_flatt")
                .append(fit != null ? ",amdahl_fit_speedup" : "").append('\n');

        List<Point> timePts = new ArrayList<>();
        List<Point> speedPts = new ArrayList<>();
        List<Point> effPts = new ArrayList<>();
        System.out.printf("%6s %s%12s %12s %10s %10s %10s%n", "p", weak ? String.format("%10s ", "size") : "", "wall_s", "rate", "speedup",
                "efficiency", "karp-flatt");
        for (Measured m : points) {
            double t = m.wall();
            double s = weak ? tRef / t * m.p() / pRef : tRef * pRef / t;
            double e = weak ? tRef / t : s / m.p();
            double kf = weak ? Double.NaN : Scaling.karpFlatt(s, m.p());
            double[] sorted = m.walls().clone();
            Arrays.sort(sorted);
            StringBuilder all = new StringBuilder();
            for (int i = 0; i < m.walls().length; i++) {
                all.append(i == 0 ? "" : ";").append(m.walls()[i]);
            }
            csv.append(m.p()).append(',').append(weak ? m.size() + "," : "").append(m.oversubscribed() ? "yes" : "no").append(',')
                    .append(m.walls().length).append(',').append(t).append(',').append(sorted[0]).append(',')
                    .append(sorted[sorted.length - 1]).append(',').append(all).append(',').append(m.rate()).append(',')
                    .append(m.rateUnit()).append(',').append(s).append(',').append(e).append(',').append(Double.isNaN(kf) ? "" : Double.toString(kf));
            if (fit != null) {
                csv.append(',').append(Scaling.amdahlSpeedup(fit.f(), m.p()));
            }
            csv.append('\n');
            timePts.add(new Point(m.p(), t, m.oversubscribed()));
            speedPts.add(new Point(m.p(), s, m.oversubscribed()));
            effPts.add(new Point(m.p(), e, m.oversubscribed()));
            System.out.printf("%6d %s%12.4g %12.4g %10.3f %10.3f %10s%s%n", m.p(), weak ? String.format("%10d ", m.size()) : "", t, m.rate(), s, e,
                    Double.isNaN(kf) ? "-" : String.format("%.4f", kf), m.oversubscribed() ? "  (oversubscribed)" : "");
        }
        if (!weak) {
            System.out.println("Amdahl fit: " + fitNote);
        }

        Path csvFile = dir.resolve("scaling" + suffix + ".csv");
        AtomicFile.writeString(csvFile, csv.toString());
        String what = program + " (" + (weak ? "weak" : "strong") + " scaling, " + machine.physicalCores() + "-core " + machine.host() + ")";
        Path timePng = dir.resolve("time" + suffix + ".png");
        Path speedPng = dir.resolve("speedup" + suffix + ".png");
        Path effPng = dir.resolve("efficiency" + suffix + ".png");
        Charts.savePng(ScalingPlots.time("Wall time: " + what, timePts, machine.physicalCores(), unit, weak), timePng);
        Charts.savePng(ScalingPlots.speedup("Speedup: " + what, speedPts, machine.physicalCores(), fit,
                weak ? "scaled speedup p*T(1)/T(p)" : "speedup T(1)/T(p)"), speedPng);
        Charts.savePng(ScalingPlots.efficiency("Efficiency: " + what, effPts, machine.physicalCores(),
                weak ? "weak efficiency T(1)/T(p)" : "efficiency S/p"), effPng);
        System.out.println("wrote " + csvFile + ", " + timePng + ", " + speedPng + ", " + effPng);
        return 0;
    }

    static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
