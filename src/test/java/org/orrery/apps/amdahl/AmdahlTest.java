package org.orrery.apps.amdahl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orrery.model.UserError;

class AmdahlTest {

    private static String error(double[] fs, int pMax) {
        return assertThrows(UserError.class, () -> new AmdahlConfig(fs, pMax)).getMessage();
    }

    @Test
    void everyRuleHasItsOwnMessage() {
        assertEquals("--f needs at least one value", error(new double[0], 8));
        assertEquals("--f values must be in [0, 1), got 1.0", error(new double[] {0.1, 1.0}, 8));
        assertEquals("--f values must be in [0, 1), got NaN", error(new double[] {Double.NaN}, 8));
        assertEquals("--p-max must be in 2..16777216, got 1", error(new double[] {0.1}, 1));
        assertEquals("--p-max must be in 2..16777216, got 16777217", error(new double[] {0.1}, (1 << 24) + 1));
    }

    @Test
    void theConfigKeepsItsOwnCopy() {
        double[] fs = {0.1};
        AmdahlConfig c = new AmdahlConfig(fs, 4);
        fs[0] = 0.9;
        c.fractions()[0] = 0.8;
        assertEquals(0.1, c.fractions()[0]);
        assertEquals(new AmdahlConfig(new double[] {0.1}, 4), c);
    }

    @Test
    void theTableIsAmdahlsLawAtPowersOfTwo() {
        AmdahlJob.Result r = AmdahlJob.run(new AmdahlConfig(new double[] {0.0, 0.25}, 10));
        assertEquals(List.of(1L, 2L, 4L, 8L), r.processors());
        for (int k = 0; k < 4; k++) {
            long p = r.processors().get(k);
            assertEquals((double) p, r.speedup(0, k), 1e-12); // f = 0: linear speedup
            assertEquals(1 / (0.25 + 0.75 / p), r.speedup(1, k), 1e-12);
        }
        assertEquals(1.0, r.speedup(1, 0));
    }

    @Test
    void theCommandWritesThePlotIntoTheOutputDirectoryAndTheSummary(@TempDir Path tmp) throws Exception {
        Path json = tmp.resolve("s.json");
        int code = org.orrery.apps.common.Programs.runTool(
                "amdahl",
                new AmdahlCommand(),
                "-q",
                "-o",
                tmp.resolve("out").toString(),
                "--summary",
                json.toString(),
                "--f",
                "0.1",
                "--p-max",
                "4");
        assertEquals(0, code);
        Path png = tmp.resolve("out").resolve(AmdahlReport.PNG);
        assertTrue(Files.size(png) > 1000);
        byte[] head = Files.readAllBytes(png);
        assertEquals((byte) 0x89, head[0]);
        assertEquals('P', head[1]);
        JsonObject s = JsonParser.parseString(Files.readString(json)).getAsJsonObject();
        assertEquals(3, s.getAsJsonObject("results").getAsJsonArray("p").size());
        assertEquals(
                1 / (0.1 + 0.9 / 4),
                s.getAsJsonObject("results")
                        .getAsJsonArray("speedup")
                        .get(0)
                        .getAsJsonArray()
                        .get(2)
                        .getAsDouble(),
                1e-12);
    }

    @Test
    void aBadValueIsExitTwo(@TempDir Path tmp) {
        assertEquals(
                2,
                org.orrery.apps.common.Programs.runTool(
                        "amdahl", new AmdahlCommand(), "--f", "1.5", "-o", tmp.toString()));
        assertEquals(2, org.orrery.apps.common.Programs.runTool("amdahl", new AmdahlCommand(), "--frobnicate"));
    }
}
