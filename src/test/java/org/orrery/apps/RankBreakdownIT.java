package org.orrery.apps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.orrery.testing.MpiRun;
import org.orrery.testing.Summaries;

/**
 * Every program's {@code --summary} carries the per-rank breakdown: one entry per rank, in rank order, every figure
 * non-negative, and start-up + compute + wait + serial = the rank's wall time (within rounding), so compute + wait +
 * serial never exceeds it.
 */
class RankBreakdownIT {
    static final List<String> FIELDS = List.of(
            "wall_s", "startup_s", "compute_s", "wait_s", "serial_s", "jit_s", "gc_s", "gc_count", "cpu_s", "calls");

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "1|NBody|-n 64 --steps 3 --snap-every 0 --checkpoint-every 0 --no-plot",
                "2|NBody|-n 64 --steps 3 --snap-every 0 --checkpoint-every 0 --no-plot",
                "2|NBody|--integrator hermite -n 32 --t-end 0.125 --no-plot",
                "2|PairCount|--generate uniform -n 3000 --random-factor 0 --periodic",
                "2|Decay|--method per-nucleus --nsims 3 --n0 1000 --no-plot",
                "2|ImageFarm|IMAGES",
            })
    void summariesCarryTheBreakdown(int np, String program, String options, @TempDir Path tmp) throws IOException {
        List<String> args = new ArrayList<>(List.of(options.split(" ")));
        if (args.equals(List.of("IMAGES"))) {
            Path images = tmp.resolve("images");
            MpiRun.Result g = MpiRun.run(
                    1, 120, null, "GenImages", "--nx", "48", "--ny", "48", "-n", "3", "-o", images.toString(), "-q");
            assertEquals(0, g.exitCode(), g::describe);
            args = new ArrayList<>(
                    List.of("-k", "3", "--table", tmp.resolve("farm.csv").toString()));
            try (Stream<Path> files = Files.list(images)) {
                files.map(Path::toString)
                        .filter(f -> f.endsWith(".fits"))
                        .sorted()
                        .forEach(args::add);
            }
        }
        Path summary = tmp.resolve("s.json");
        args.addAll(List.of("-q", "-o", tmp.resolve("out").toString(), "--summary", summary.toString()));
        MpiRun.Result r = MpiRun.run(np, 180, null, program, args.toArray(String[]::new));
        assertEquals(0, r.exitCode(), r::describe);
        JsonObject s = Summaries.read(summary);
        assertEquals(np, s.get("ranks").getAsInt());
        assertTrue(s.has("serial_phases_rank0"));
        JsonArray ranks = s.getAsJsonArray("rank_breakdown");
        assertEquals(np, ranks.size());
        for (int k = 0; k < np; k++) {
            JsonObject b = ranks.get(k).getAsJsonObject();
            assertEquals(k, b.get("rank").getAsInt());
            for (String f : FIELDS) {
                JsonElement v = b.get(f);
                assertTrue(v != null && v.getAsDouble() >= 0, f + " of rank " + k + ": " + b);
            }
            double wall = b.get("wall_s").getAsDouble();
            double parts = b.get("compute_s").getAsDouble()
                    + b.get("wait_s").getAsDouble()
                    + b.get("serial_s").getAsDouble();
            assertTrue(parts <= wall + 1e-3, "compute + wait + serial > wall: " + b);
            assertTrue(
                    parts + b.get("startup_s").getAsDouble() >= wall - 2e-3, "the parts do not add up to wall: " + b);
            assertTrue(b.get("startup_s").getAsDouble() > 0 && wall > 0, b.toString());
        }
        if (np > 1) {
            assertTrue(
                    ranks.get(1).getAsJsonObject().get("calls").getAsLong() > 0,
                    "rank 1 made no timed calls: " + ranks);
        }
    }
}
