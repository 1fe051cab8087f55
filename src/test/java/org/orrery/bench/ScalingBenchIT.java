package org.orrery.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orrery.testing.MpiRun;

/**
 * {@code launch/orrery bench scaling --quick}: the files, their columns and one row per run; never a speed (the smoke
 * sizes measure nothing, and the machine may be busy).
 */
class ScalingBenchIT {

    @Test
    void quickRunWritesTheCsvAndTheTable(@TempDir Path tmp) throws IOException {
        Path out = tmp.resolve("scaling");
        List<String> cmd = List.of(
                MpiRun.launcher().toString(), "bench", "scaling", "--quick", "--repeats", "1", "-o", out.toString());
        MpiRun.Result r = MpiRun.exec(cmd, Map.of(), 900, tmp);
        assertEquals(0, r.exitCode(), r::describe);
        List<String> csv = Files.readAllLines(out.resolve("scaling.csv"), StandardCharsets.UTF_8);
        assertEquals(ScalingBench.CSV_HEADER, csv.get(0));
        assertEquals(1 + 5 * 2 + 2 + 2, csv.size(), String.join("\n", csv)); // + the two ceilings' pairs
        assertEquals(2, csv.stream().filter(l -> l.startsWith("coupled,")).count(), String.join("\n", csv));
        int columns = ScalingBench.CSV_HEADER.split(",", -1).length;
        List<String> header = List.of(ScalingBench.CSV_HEADER.split(","));
        for (String row : csv.subList(1, csv.size())) {
            String[] f = row.split(",", -1);
            assertEquals(columns, f.length, row);
            if (!row.startsWith("hardware,") && !row.startsWith("coupled,")) {
                double cpu = Double.parseDouble(f[header.indexOf("cpu_s_sum")]);
                double wall = Double.parseDouble(f[header.indexOf("wall_s_max")]);
                assertTrue(cpu > 0 && wall > 0 && cpu < 8 * wall, "a JVM's CPU and wall time: " + row);
            }
        }
        String md = Files.readString(out.resolve("scaling.md"), StandardCharsets.UTF_8);
        for (String w : List.of(
                "| nbody |",
                "| teaching |",
                "| paircount |",
                "| farm |",
                "| decay |",
                "Machine:",
                "Load average",
                "Launch line",
                "speedup median",
                "Hardware allows: ",
                "Tightly coupled, under mpirun: ",
                "of hardware",
                "np 1 cores busy")) {
            assertTrue(md.contains(w), w + " missing from\n" + md);
        }
        try (var left = Files.list(out)) {
            assertEquals(2, left.count(), "only scaling.csv and scaling.md stay in " + out);
        }
    }
}
