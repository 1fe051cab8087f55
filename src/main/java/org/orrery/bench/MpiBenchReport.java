package org.orrery.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.orrery.bench.MpiBench.Options;
import org.orrery.bench.MpiBench.Result;
import org.orrery.io.AtomicFile;
import org.orrery.io.MachineInfo;

/**
 * The report of {@code launch/orrery bench mpi --separate} ({@link MpiBench}: C and Java in separate processes, one
 * after another): rows sorted by MPI, operation, size and then C, {@code mpi.jar}, shim; each row's median and minimum
 * as ratios to the C row of the same MPI, operation and size; {@code OUT/bench.csv} (machine, rounds and load in a
 * comment line) and {@code OUT/separate.txt} (the same, aligned, with the wait clock each backend's {@code TimedComm}
 * used), both written atomically.
 */
final class MpiBenchReport {

    private MpiBenchReport() {}

    private static final List<String> OPS =
            List.of("bcast", "allgatherv", "reduce", "allreduce", "sendrecv", "jni-empty");
    private static final List<String> APIS = List.of(
            "c|c",
            "ompi-java|array",
            "ompi-java|direct",
            "ompi-java|untimed",
            "shim|array",
            "shim|direct",
            "shim|untimed",
            "shim|floor");

    /** Table order: MPI, operation, size, then C, mpi.jar, shim. */
    static final java.util.Comparator<Result> ORDER = java.util.Comparator.comparing(
                    Result::mpi, java.util.Comparator.reverseOrder())
            .thenComparingInt(r -> OPS.indexOf(r.op()))
            .thenComparingLong(Result::elements)
            .thenComparingInt(r -> APIS.indexOf(r.backend() + "|" + r.api()));

    static void write(Options o, List<Result> unordered, Map<String, String> clocks) {
        List<Result> results = unordered.stream().sorted(ORDER).toList();
        Map<String, Result> cOf = new LinkedHashMap<>();
        for (Result r : results) {
            if (r.api().equals("c")) {
                cOf.put(r.key(), r);
            }
        }
        MachineInfo m = MachineInfo.probe();
        StringBuilder csv = new StringBuilder();
        csv.append(String.format(
                Locale.ROOT,
                "# orrery bench mpi; host %s; %s; %d cpus; java %s; np %d; %d rounds; %s; load average at end %s "
                        + "(compare ratios within one run)%n",
                m.host(),
                m.cpuModel(),
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"),
                o.np(),
                o.rounds(),
                java.time.Instant.now(),
                loadAverage()));
        csv.append("mpi,mpi_version,backend,api,op,elements,bytes,np,runs,reps,median_us,min_us,max_us,median_vs_c,"
                + "min_vs_c\n");
        StringBuilder txt =
                new StringBuilder(csv.substring(0, csv.indexOf("\n") + 1).substring(2));
        txt.append(String.format(
                Locale.ROOT,
                "%-8s %-10s %-7s %-11s %9s %12s %12s %12s %8s %8s%n",
                "mpi",
                "backend",
                "api",
                "op",
                "bytes",
                "median us",
                "min us",
                "max us",
                "med/C",
                "min/C"));
        for (Result r : results) {
            Result c = cOf.get(r.key());
            double medRatio = c == null ? Double.NaN : r.median() / c.median();
            double minRatio = c == null ? Double.NaN : r.min() / c.min();
            csv.append(String.format(
                    Locale.ROOT,
                    "%s,%s,%s,%s,%s,%d,%d,%d,%d,%d,%.3f,%.3f,%.3f,%.3f,%.3f%n",
                    r.mpi(),
                    r.version(),
                    r.backend(),
                    r.api(),
                    r.op(),
                    r.elements(),
                    r.bytes(),
                    o.np(),
                    r.runs(),
                    o.reps(),
                    r.median() * 1e6,
                    r.min() * 1e6,
                    r.max() * 1e6,
                    medRatio,
                    minRatio));
            txt.append(String.format(
                    Locale.ROOT,
                    "%-8s %-10s %-7s %-11s %9d %12.2f %12.2f %12.2f %8s %8s%n",
                    r.mpi(),
                    r.backend(),
                    r.api(),
                    r.op(),
                    r.bytes(),
                    r.median() * 1e6,
                    r.min() * 1e6,
                    r.max() * 1e6,
                    ratio(medRatio),
                    ratio(minRatio)));
        }
        if (!clocks.isEmpty()) {
            StringBuilder how = new StringBuilder();
            clocks.forEach((k, v) -> how.append(how.length() == 0 ? "" : "; ")
                    .append(k)
                    .append(": ")
                    .append(v));
            txt.append("array/direct: through TimedComm, as every program; its wait clock: ")
                    .append(how)
                    .append(". untimed: the backend without TimedComm.\n");
        }
        System.out.print("\n" + txt);
        if (o.out() != null) {
            AtomicFile.writeString(o.out().resolve("bench.csv"), csv.toString());
            AtomicFile.writeString(o.out().resolve("separate.txt"), txt.toString());
            System.out.println("\nwrote " + o.out().resolve("bench.csv") + " and "
                    + o.out().resolve("separate.txt"));
        }
    }

    /** A ratio to C, or "-" for rows without a C twin (the JNI floor). */
    private static String ratio(double x) {
        return Double.isNaN(x) ? "-" : String.format(Locale.ROOT, "%.2f", x);
    }

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip().split(" ", 4)[0];
        } catch (IOException e) {
            return "unknown";
        }
    }
}
