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
import org.orrery.io.catalog.NpyReader;
import org.orrery.testing.MpiRun;

/**
 * {@code launch/orrery bench load}: the catalogs it writes read back exactly, and a small run writes one CSV row per
 * format, rank count and repetition with positive times; never a speed (the machine may be busy).
 */
class LoadBenchIT {

    @Test
    void theNpyCatalogReadsBackAsWritten(@TempDir Path tmp) throws IOException {
        double[][] c = LoadBench.catalog(70_000);
        Path f = LoadBench.writeNpy(tmp.resolve("c.npy"), c);
        try (NpyReader r = NpyReader.open(f)) {
            assertEquals(70_000, r.rows());
            double[][] out = new double[3][70_000];
            assertEquals(70_000, r.read(new int[] {0, 1, 2}, out, 70_000));
            for (int k = 0; k < 3; k++) {
                assertTrue(java.util.Arrays.equals(c[k], out[k]), "column " + k);
            }
        }
    }

    @Test
    void smallRunWritesOneRowPerFormatRankCountAndRepetition(@TempDir Path tmp) throws IOException {
        Path out = tmp.resolve("load");
        List<String> cmd = List.of(
                MpiRun.launcher().toString(),
                "bench",
                "load",
                "--n",
                "20000",
                "--repeat",
                "2",
                "--np",
                "1,2",
                "-o",
                out.toString());
        MpiRun.Result r = MpiRun.exec(cmd, Map.of(), 900, tmp);
        assertEquals(0, r.exitCode(), r::describe);
        List<String> csv = Files.readAllLines(out.resolve("load-bench.csv"), StandardCharsets.UTF_8);
        assertEquals("format,bytes,np,rep,read_s,load_s,numpy_s", csv.get(0));
        assertEquals(1 + 2 * 2 * 2, csv.size(), String.join("\n", csv));
        for (String row : csv.subList(1, csv.size())) {
            String[] f = row.split(",", -1);
            assertTrue(f[0].equals("npy") || f[0].equals("fits"), row);
            assertTrue(Double.parseDouble(f[4]) > 0 && Double.parseDouble(f[5]) > 0, row);
        }
        String md = Files.readString(out.resolve("load-bench.md"), StandardCharsets.UTF_8);
        assertTrue(md.contains("| npy | ") && md.contains("| fits | "), md);
    }
}
