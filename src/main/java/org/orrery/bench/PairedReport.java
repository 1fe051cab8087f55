package org.orrery.bench;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.orrery.io.AtomicFile;
import org.orrery.io.MachineInfo;

/**
 * The paired part of {@code bench mpi} (the default): per MPI configuration, operation and size, the C/Java block pairs
 * that {@code mpibench --c-twin} printed (same processes, blocks alternating), pooled over rounds; per pair the ratio
 * Java/C, and per row the median and the extremes of those ratios beside the medians of the C and Java blocks. Writes
 * {@code OUT/paired.csv}, {@code OUT/paired.json} and {@code OUT/summary.txt} (a table per MPI: C, shim and
 * {@code mpi.jar} columns, each Java column's ratio to the C blocks paired with it).
 */
final class PairedReport {
    private PairedReport() {}

    /** One pair as {@code mpibench --c-twin} prints it: {@code pair,op,elements,bytes,iters,block,c_s,java_s}. */
    record Pair(String op, long elements, long bytes, int iters, int block, double c, double java) {
        /** The pair on {@code line}, or null when the line is something else. */
        static Pair parse(String line) {
            String[] f = line.strip().split(",", -1);
            if (f.length != 8 || !f[0].equals("pair")) {
                return null;
            }
            try {
                return new Pair(
                        f[1],
                        Long.parseLong(f[2]),
                        Long.parseLong(f[3]),
                        Integer.parseInt(f[4]),
                        Integer.parseInt(f[5]),
                        Double.parseDouble(f[6]),
                        Double.parseDouble(f[7]));
            } catch (NumberFormatException e) {
                return null;
            }
        }
    }

    /** One row of the report: the pairs of one configuration, operation and size. */
    record Row(
            String mpi,
            String version,
            String backend,
            String op,
            long elements,
            long bytes,
            int pairs,
            int iters,
            double cMedian,
            double javaMedian,
            double ratioMedian,
            double ratioMin,
            double ratioMax,
            double ratioQ1,
            double ratioQ3) {}

    static double median(double[] x) {
        return quantile(x, 0.5);
    }

    /** The {@code q} quantile of {@code x}, interpolated linearly between order statistics. */
    static double quantile(double[] x, double q) {
        double[] s = x.clone();
        Arrays.sort(s);
        double at = q * (s.length - 1);
        int lo = (int) Math.floor(at);
        int hi = Math.min(s.length - 1, lo + 1);
        return s[lo] + (at - lo) * (s[hi] - s[lo]);
    }

    /** The row of {@code pairs} (at least one, all of one operation and size). */
    static Row summarise(String mpi, String version, String backend, List<Pair> pairs) {
        double[] c = pairs.stream().mapToDouble(Pair::c).toArray();
        double[] j = pairs.stream().mapToDouble(Pair::java).toArray();
        double[] ratio = pairs.stream().mapToDouble(p -> p.java() / p.c()).toArray();
        Pair first = pairs.get(0);
        return new Row(
                mpi,
                version,
                backend,
                first.op(),
                first.elements(),
                first.bytes(),
                pairs.size(),
                first.iters(),
                median(c),
                median(j),
                median(ratio),
                Arrays.stream(ratio).min().orElseThrow(),
                Arrays.stream(ratio).max().orElseThrow(),
                quantile(ratio, 0.25),
                quantile(ratio, 0.75));
    }

    static final List<String> OPS = List.of("bcast", "allgatherv", "reduce", "allreduce", "sendrecv");

    /** Writes the three files (when {@code out} is not null) and prints the table; {@code loadStart}: at the start. */
    static void write(MpiBench.Options o, List<Row> unordered, String loadStart) throws IOException {
        List<Row> rows = new ArrayList<>(unordered);
        rows.sort(java.util.Comparator.comparing(Row::mpi, java.util.Comparator.reverseOrder())
                .thenComparingInt(r -> OPS.indexOf(r.op()))
                .thenComparingLong(Row::elements)
                .thenComparing(Row::backend, java.util.Comparator.reverseOrder()));
        MachineInfo m = MachineInfo.probe();
        String loadEnd = MpiBenchReport.loadAverage();
        String head = String.format(
                Locale.ROOT,
                "orrery bench mpi (paired: C and Java blocks alternating in the same ranks); host %s; %s; %d cpus; "
                        + "java %s; np %d; %d rounds x %d pairs; %s; load average (1 min) at start %s, at end %s",
                m.host(),
                m.cpuModel(),
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"),
                o.np(),
                o.rounds(),
                o.blocks(),
                java.time.Instant.now(),
                loadStart,
                loadEnd);
        StringBuilder csv = new StringBuilder("# " + head + "\n");
        csv.append("mpi,mpi_version,backend,op,elements,bytes,np,pairs,iters,c_median_us,java_median_us,"
                + "ratio_median,ratio_min,ratio_max,ratio_q1,ratio_q3\n");
        JsonArray json = new JsonArray();
        for (Row r : rows) {
            csv.append(String.format(
                    Locale.ROOT,
                    "%s,%s,%s,%s,%d,%d,%d,%d,%d,%.4f,%.4f,%.4f,%.4f,%.4f,%.4f,%.4f%n",
                    r.mpi(),
                    r.version(),
                    r.backend(),
                    r.op(),
                    r.elements(),
                    r.bytes(),
                    o.np(),
                    r.pairs(),
                    r.iters(),
                    r.cMedian() * 1e6,
                    r.javaMedian() * 1e6,
                    r.ratioMedian(),
                    r.ratioMin(),
                    r.ratioMax(),
                    r.ratioQ1(),
                    r.ratioQ3()));
            JsonObject j = new JsonObject();
            j.addProperty("mpi", r.mpi());
            j.addProperty("mpi_version", r.version());
            j.addProperty("backend", r.backend());
            j.addProperty("op", r.op());
            j.addProperty("elements", r.elements());
            j.addProperty("bytes", r.bytes());
            j.addProperty("pairs", r.pairs());
            j.addProperty("iters", r.iters());
            j.addProperty("c_median_us", r.cMedian() * 1e6);
            j.addProperty("java_median_us", r.javaMedian() * 1e6);
            j.addProperty("ratio_median", r.ratioMedian());
            j.addProperty("ratio_min", r.ratioMin());
            j.addProperty("ratio_max", r.ratioMax());
            j.addProperty("ratio_q1", r.ratioQ1());
            j.addProperty("ratio_q3", r.ratioQ3());
            json.add(j);
        }
        JsonObject doc = new JsonObject();
        doc.addProperty("bench", "mpi paired");
        doc.addProperty("host", m.host());
        doc.addProperty("cpu", m.cpuModel());
        doc.addProperty("np", o.np());
        doc.addProperty("rounds", o.rounds());
        doc.addProperty("pairs_per_round", o.blocks());
        doc.addProperty("load_start", loadStart);
        doc.addProperty("load_end", loadEnd);
        doc.add("rows", json);
        String txt = head + "\n" + table(rows);
        System.out.print("\n" + txt);
        if (o.out() != null) {
            AtomicFile.writeString(o.out().resolve("paired.csv"), csv.toString());
            AtomicFile.writeString(
                    o.out().resolve("paired.json"),
                    new GsonBuilder().setPrettyPrinting().create().toJson(doc) + "\n");
            AtomicFile.writeString(o.out().resolve("summary.txt"), txt);
            System.out.println("\nwrote " + o.out().resolve("paired.csv") + ", paired.json and summary.txt");
        }
    }

    /** Per MPI, operation and size: C, shim and mpi.jar, each Java column's ratio to its own paired C blocks. */
    static String table(List<Row> rows) {
        Map<String, Map<String, Row>> byKey = new LinkedHashMap<>();
        for (Row r : rows) {
            byKey.computeIfAbsent(r.mpi() + "|" + r.op() + "|" + r.elements(), k -> new LinkedHashMap<>())
                    .put(r.backend(), r);
        }
        StringBuilder t = new StringBuilder(String.format(
                Locale.ROOT,
                "%-8s %-10s %8s %10s %10s %-20s %10s %10s %-20s%n",
                "mpi",
                "op",
                "bytes",
                "C us",
                "shim us",
                "shim/C med [min-max]",
                "C' us",
                "mpi.jar us",
                "mpi.jar/C' med [min-max]"));
        for (Map<String, Row> g : byKey.values()) {
            Row any = g.values().iterator().next();
            Row shim = g.get("shim");
            Row jar = g.get("ompi-java");
            t.append(String.format(
                    Locale.ROOT,
                    "%-8s %-10s %8d %10s %10s %-20s %10s %10s %-20s%n",
                    any.mpi(),
                    any.op(),
                    any.bytes(),
                    us(shim == null ? null : shim.cMedian()),
                    us(shim == null ? null : shim.javaMedian()),
                    ratios(shim),
                    us(jar == null ? null : jar.cMedian()),
                    us(jar == null ? null : jar.javaMedian()),
                    ratios(jar)));
        }
        t.append("C / C': the C loop (src/bench/c/mpibench_loop.h) over JNI in the same rank processes as the shim /"
                + " mpi.jar blocks it alternates with; ratio = Java block / C block, per pair.\n");
        return t.toString();
    }

    private static String us(Double s) {
        return s == null ? "-" : String.format(Locale.ROOT, "%.2f", s * 1e6);
    }

    private static String ratios(Row r) {
        return r == null
                ? "-"
                : String.format(Locale.ROOT, "%.2f [%.2f-%.2f]", r.ratioMedian(), r.ratioMin(), r.ratioMax());
    }
}
