package org.orrery.bench;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.orrery.io.ProcessGuard;
import org.orrery.model.UserError;

/**
 * {@code launch/orrery bench mpi}: latency and bandwidth of bcast, allGatherv (3 × 65 536 doubles), reduce, allReduce
 * and sendRecv at np 2 for every MPI backend available here — Open MPI through {@code mpi.jar}, Open MPI through the
 * native shim, MPICH through the shim — beside the same operations in C, all in one run.
 *
 * <p>Each configuration is resolved with {@code mpi/setup --mpi M --backend B --print} (a missing MPI is reported and
 * skipped) and launched through {@code launch/orrery}. Default (paired): {@code launch/orrery mpibench --c-twin LIB}
 * runs, in the same rank processes, blocks of the C loop ({@code liborrery_mpibench} of that configuration, over JNI)
 * and of the Java calls alternately ({@code org.orrery.apps.mpibench.PairedBlocks}); {@link PairedReport} pools the
 * pairs over rounds and writes {@code OUT/paired.csv}, {@code OUT/paired.json} and {@code OUT/summary.txt} (default
 * {@code results/mpi}). With {@code --separate} also the older comparison: the C program {@code mpibench}
 * ({@code launch/orrery exec}) and then the Java program in separate processes; per configuration, API, operation and
 * size the median over rounds of each run's median, the extremes, the ratios to C ({@link MpiBenchReport}:
 * {@code OUT/bench.csv}, {@code OUT/separate.txt}). Rounds interleave the configurations so that load drifting on a
 * shared machine hits them alike.
 */
public final class MpiBench {
    private MpiBench() {}

    /** What to measure; every count must be at least 1. */
    public record Options(
            int np,
            int rounds,
            int n,
            int reps,
            int smallIters,
            int largeIters,
            int blocks,
            boolean separate,
            Path out,
            Path launcher) {
        public Options {
            if (np < 1 || rounds < 1 || n < 1 || reps < 1 || smallIters < 1 || largeIters < 1 || blocks < 1) {
                throw new UserError(
                        "--np, --rounds, --n, --reps, --small-iters, --large-iters and --blocks must be >= 1");
            }
        }
    }

    /** The {@code api} column: C, then the Java rows of MpiBenchCommand (see its class comment). */
    static final List<String> API_NAMES = List.of("c", "array", "direct", "untimed", "floor");

    /** One CSV row printed by mpibench (C) or MpiBenchCommand (Java). */
    record Row(
            String api,
            String op,
            long elements,
            long bytes,
            int reps,
            int iters,
            double median,
            double min,
            double max) {
        /** The row on {@code line}, or null when the line is something else. */
        static Row parse(String line) {
            String[] f = line.strip().split(",", -1);
            if (f.length != 9 || !API_NAMES.contains(f[0])) {
                return null;
            }
            try {
                return new Row(
                        f[0],
                        f[1],
                        Long.parseLong(f[2]),
                        Long.parseLong(f[3]),
                        Integer.parseInt(f[4]),
                        Integer.parseInt(f[5]),
                        Double.parseDouble(f[6]),
                        Double.parseDouble(f[7]),
                        Double.parseDouble(f[8]));
            } catch (NumberFormatException e) {
                return null;
            }
        }
    }

    /** A backend of one MPI as mpi/setup resolved it. */
    record Config(String mpi, String backend, String version, Path nativeDir, Path buildDir) {
        /** The C twin of {@code bench mpi} built for this configuration (mpi/setup, optional). */
        Path cTwin() {
            return buildDir.resolve(System.mapLibraryName("orrery_mpibench"));
        }
    }

    /** Aggregate over rounds of one (MPI, backend, API, operation, size). */
    record Result(
            String mpi,
            String version,
            String backend,
            String api,
            String op,
            long elements,
            long bytes,
            int runs,
            double median,
            double min,
            double max) {
        String key() {
            return mpi + "|" + op + "|" + elements;
        }
    }

    /** Median of the run medians, min of the minima, max of the maxima. */
    static Result aggregate(Config c, String backend, List<Row> rows) {
        double[] med = rows.stream().mapToDouble(Row::median).sorted().toArray();
        int k = med.length;
        double m = k % 2 == 1 ? med[k / 2] : 0.5 * (med[k / 2 - 1] + med[k / 2]);
        Row first = rows.get(0);
        return new Result(
                c.mpi(),
                c.version(),
                backend,
                first.api(),
                first.op(),
                first.elements(),
                first.bytes(),
                k,
                m,
                rows.stream().mapToDouble(Row::min).min().orElseThrow(),
                rows.stream().mapToDouble(Row::max).max().orElseThrow());
    }

    /** Runs the benchmark; returns the exit status. */
    public static int run(Options o) throws IOException, InterruptedException {
        Path root = o.launcher().toAbsolutePath().getParent().getParent();
        List<Config> configs = new ArrayList<>();
        for (String[] mb : new String[][] {{"openmpi", "shim"}, {"openmpi", "ompi-java"}, {"mpich", "shim"}}) {
            Config c = resolve(root, mb[0], mb[1]);
            if (c != null) {
                configs.add(c);
            }
        }
        if (configs.isEmpty()) {
            throw new UserError("no MPI configuration could be set up (see the lines above); run mpi/setup");
        }
        String[] javaArgs = {
            "--n",
            Integer.toString(o.n()),
            "--reps",
            Integer.toString(o.reps()),
            "--small-iters",
            Integer.toString(o.smallIters()),
            "--large-iters",
            Integer.toString(o.largeIters())
        };
        Map<String, List<Row>> runs = new LinkedHashMap<>();
        Map<String, Config> configOf = new LinkedHashMap<>();
        Map<String, String> clocks = new LinkedHashMap<>();
        Map<String, List<PairedReport.Pair>> pairs = new LinkedHashMap<>();
        String loadStart = MpiBenchReport.loadAverage();
        for (int round = 1; round <= o.rounds(); round++) {
            System.out.printf("round %d of %d%n", round, o.rounds());
            for (Config c : configs) {
                paired(o, c, pairs, configOf);
                if (!o.separate()) {
                    continue;
                }
                List<String> cmd = new ArrayList<>(List.of(o.launcher().toString()));
                String backend = c.backend();
                if (c.backend().equals("shim")) {
                    // The C baseline of this MPI runs first, beside the shim it was compiled with.
                    List<String> exec = new ArrayList<>(cmd);
                    exec.addAll(List.of(
                            "exec",
                            "-np",
                            Integer.toString(o.np()),
                            "--no-build",
                            "--mpi",
                            c.mpi(),
                            "--backend",
                            "shim",
                            "--",
                            c.nativeDir().resolve("mpibench").toString(),
                            Integer.toString(o.n()),
                            Integer.toString(o.reps()),
                            Integer.toString(o.smallIters()),
                            Integer.toString(o.largeIters())));
                    collect(exec, c, "c", runs, configOf, clocks);
                }
                cmd.addAll(List.of(
                        "mpibench",
                        "-np",
                        Integer.toString(o.np()),
                        "--no-build",
                        "--mpi",
                        c.mpi(),
                        "--backend",
                        backend));
                cmd.addAll(Arrays.asList(javaArgs));
                collect(cmd, c, backend, runs, configOf, clocks);
            }
        }
        List<PairedReport.Row> pairedRows = new ArrayList<>();
        for (Map.Entry<String, List<PairedReport.Pair>> e : pairs.entrySet()) {
            Config c = configOf.get(e.getKey());
            pairedRows.add(PairedReport.summarise(c.mpi(), c.version(), c.backend(), e.getValue()));
        }
        if (pairedRows.isEmpty()) {
            throw new UserError("no configuration has the C twin (liborrery_mpibench): run mpi/setup");
        }
        PairedReport.write(o, pairedRows, loadStart);
        if (o.separate()) {
            List<Result> results = new ArrayList<>();
            for (Map.Entry<String, List<Row>> e : runs.entrySet()) {
                Config c = configOf.get(e.getKey());
                results.add(aggregate(c, e.getKey().split("\\|", -1)[1], e.getValue()));
            }
            MpiBenchReport.write(o, results, clocks);
        }
        return 0;
    }

    /** One paired run of configuration {@code c} (mpibench --c-twin); skipped with a line when it has no C twin. */
    private static void paired(
            Options o, Config c, Map<String, List<PairedReport.Pair>> pairs, Map<String, Config> configOf)
            throws IOException, InterruptedException {
        if (!Files.isRegularFile(c.cTwin())) {
            System.out.printf("  skipped paired %s/%s: no %s (mpi/setup builds it)%n", c.mpi(), c.backend(), c.cTwin());
            return;
        }
        List<String> cmd = new ArrayList<>(List.of(
                o.launcher().toString(),
                "mpibench",
                "-np",
                Integer.toString(o.np()),
                "--no-build",
                "--mpi",
                c.mpi(),
                "--backend",
                c.backend(),
                "--n",
                Integer.toString(o.n()),
                "--small-iters",
                Integer.toString(o.smallIters()),
                "--large-iters",
                Integer.toString(o.largeIters()),
                "--blocks",
                Integer.toString(o.blocks()),
                "--c-twin",
                c.cTwin().toString()));
        System.out.println("  " + String.join(" ", cmd));
        Proc p = exec(cmd, 1800);
        List<PairedReport.Pair> got = p.out()
                .lines()
                .map(PairedReport.Pair::parse)
                .filter(r -> r != null)
                .toList();
        if (p.exit() != 0 || got.isEmpty()) {
            throw new UserError("benchmark run failed (exit " + p.exit() + "): " + String.join(" ", cmd) + ": "
                    + String.join(
                            " | ", p.out().lines().reduce((a, b) -> b).stream().toList()));
        }
        for (PairedReport.Pair r : got) {
            String key = "paired|" + c.mpi() + "|" + c.backend() + "|" + r.op() + "|" + r.elements();
            pairs.computeIfAbsent(key, k -> new ArrayList<>()).add(r);
            configOf.put(key, c);
        }
    }

    /** Resolves (and if needed builds) a configuration with mpi/setup; null with a printed reason when impossible. */
    private static Config resolve(Path root, String mpi, String backend) throws IOException, InterruptedException {
        List<String> cmd = List.of(
                root.resolve("mpi").resolve("setup").toString(),
                "--quiet",
                "--mpi",
                mpi,
                "--backend",
                backend,
                "--print");
        Proc p = exec(cmd, 900);
        List<String> lines = p.out().lines().filter(l -> !l.isBlank()).toList();
        if (p.exit() != 0
                || lines.isEmpty()
                || !Files.isRegularFile(Path.of(lines.get(lines.size() - 1).strip()))) {
            System.out.printf(
                    "skipped %s/%s: %s%n",
                    mpi, backend, lines.isEmpty() ? "mpi/setup exit " + p.exit() : lines.get(lines.size() - 1));
            return null;
        }
        Properties props = new Properties();
        props.load(new StringReader(
                Files.readString(Path.of(lines.get(lines.size() - 1).strip()))));
        if (!backend.equals(props.getProperty("BACKEND"))) {
            System.out.printf("skipped %s/%s: mpi/setup chose %s%n", mpi, backend, props.getProperty("BACKEND"));
            return null;
        }
        Path propsFile = Path.of(lines.get(lines.size() - 1).strip()).toAbsolutePath();
        return new Config(
                mpi,
                backend,
                props.getProperty("MPI_VERSION", "?"),
                Path.of(props.getProperty("NATIVE_DIR", ".")),
                propsFile.getParent());
    }

    private static void collect(
            List<String> cmd,
            Config c,
            String backend,
            Map<String, List<Row>> runs,
            Map<String, Config> configOf,
            Map<String, String> clocks)
            throws IOException, InterruptedException {
        System.out.println("  " + String.join(" ", cmd));
        Proc p = exec(cmd, 1800);
        List<Row> rows = p.out().lines().map(Row::parse).filter(r -> r != null).toList();
        if (p.exit() != 0 || rows.isEmpty()) {
            throw new UserError("benchmark run failed (exit " + p.exit() + "): " + String.join(" ", cmd) + ": "
                    + String.join(
                            " | ", p.out().lines().reduce((a, b) -> b).stream().toList()));
        }
        p.out()
                .lines()
                .filter(l -> l.startsWith(WAIT_CLOCK))
                .forEach(l -> clocks.put(c.mpi() + "/" + backend, l.substring(WAIT_CLOCK.length())));
        for (Row r : rows) {
            String key = c.mpi() + "|" + backend + "|" + r.api() + "|" + r.op() + "|" + r.elements();
            runs.computeIfAbsent(key, k -> new ArrayList<>()).add(r);
            configOf.put(key, c);
        }
    }

    /** MpiBenchCommand's line saying how TimedComm times the array and direct rows. */
    static final String WAIT_CLOCK = "wait-clock,";

    private record Proc(int exit, String out) {}

    private static Proc exec(List<String> cmd, int timeoutS) throws IOException, InterruptedException {
        Path log = Files.createTempFile("orrery-mpibench", ".log");
        try {
            ProcessBuilder pb =
                    new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
            try (ProcessGuard.Guarded g = ProcessGuard.start(pb)) {
                Process p = g.process();
                if (!p.waitFor(timeoutS, TimeUnit.SECONDS)) {
                    ProcessGuard.killTree(p.toHandle());
                    p.waitFor(10, TimeUnit.SECONDS);
                    throw new UserError("timed out after " + timeoutS + " s: " + String.join(" ", cmd));
                }
                return new Proc(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
            }
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
