package org.orrery.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orrery.testing.MpiRun;

/**
 * {@code launch/orrery bench mpi} (paired: C and Java blocks alternating in the same ranks) at smoke sizes: it runs for
 * every MPI configuration here and writes paired.csv, paired.json and summary.txt with one row per configuration,
 * operation and size, each with the pairs asked for; never a speed (the sizes measure nothing, the machine may be
 * busy).
 */
class MpiBenchPairedIT {
    private static final List<String> OPS = List.of("allgatherv", "allreduce", "bcast", "reduce", "sendrecv");

    @Test
    void smokeRunWritesOneRowPerConfigurationOperationAndSize(@TempDir Path tmp) throws IOException {
        Path out = tmp.resolve("mpi");
        List<String> cmd = List.of(
                MpiRun.launcher().toString(),
                "bench",
                "mpi",
                "--rounds",
                "1",
                "--blocks",
                "3",
                "--n",
                "64",
                "--small-iters",
                "20",
                "--large-iters",
                "2",
                "-o",
                out.toString());
        MpiRun.Result r = MpiRun.exec(cmd, Map.of(), 900, tmp);
        assertEquals(0, r.exitCode(), r::describe);
        List<String> csv = Files.readAllLines(out.resolve("paired.csv"), StandardCharsets.UTF_8);
        assertTrue(csv.get(0).startsWith("# orrery bench mpi (paired"), csv.get(0));
        assertTrue(csv.get(0).contains("load average"), csv.get(0));
        List<String> header = List.of(csv.get(1).split(",", -1));
        assertEquals("ratio_q3", header.get(header.size() - 1));
        Map<String, Set<String>> rowsOf = new TreeMap<>();
        for (String line : csv.subList(2, csv.size())) {
            String[] f = line.split(",", -1);
            assertEquals(header.size(), f.length, line);
            String config = f[0] + "/" + f[2];
            String opSize = f[3] + "@" + f[4];
            assertTrue(rowsOf.computeIfAbsent(config, k -> new TreeSet<>()).add(opSize), "twice: " + line);
            assertEquals("3", f[header.indexOf("pairs")], line);
            assertEquals("2", f[header.indexOf("np")], line);
            for (String col : List.of(
                    "c_median_us",
                    "java_median_us",
                    "ratio_median",
                    "ratio_min",
                    "ratio_max",
                    "ratio_q1",
                    "ratio_q3")) {
                double v = Double.parseDouble(f[header.indexOf(col)]);
                assertTrue(v > 0 && Double.isFinite(v), col + " in " + line);
            }
        }
        assertFalse(rowsOf.isEmpty(), "no configuration ran: " + r.describe());
        Set<String> expected = new TreeSet<>();
        for (String op : OPS) {
            expected.add(op + "@" + (op.equals("allgatherv") ? 2 : 1)); // latency case: one double per rank
            expected.add(op + "@64");
        }
        rowsOf.forEach((config, got) -> assertEquals(expected, got, config));
        JsonObject json = JsonParser.parseString(Files.readString(out.resolve("paired.json"), StandardCharsets.UTF_8))
                .getAsJsonObject();
        JsonArray rows = json.getAsJsonArray("rows");
        assertEquals(csv.size() - 2, rows.size());
        List<String> jsonKeys = new ArrayList<>();
        for (JsonElement e : rows) {
            JsonObject o = e.getAsJsonObject();
            jsonKeys.add(o.get("mpi").getAsString() + "/" + o.get("backend").getAsString());
            assertEquals(3, o.get("pairs").getAsInt());
        }
        assertEquals(rowsOf.keySet(), new TreeSet<>(jsonKeys));
        assertTrue(json.has("load_start") && json.has("load_end"), json::toString);
        String txt = Files.readString(out.resolve("summary.txt"), StandardCharsets.UTF_8);
        assertTrue(txt.contains("shim/C med [min-max]"), txt);
    }
}
