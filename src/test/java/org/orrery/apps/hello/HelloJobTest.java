package org.orrery.apps.hello;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orrery.apps.common.Programs;
import org.orrery.parallel.SerialComm;

class HelloJobTest {

    @Test
    void oneRankReportsItselfAndBothChecksPass() {
        HelloJob.Result r = HelloJob.run(new SerialComm());
        assertEquals(1, r.size());
        assertEquals(1, r.lines().size());
        assertTrue(r.lines().get(0).startsWith("rank 0 of 1 on "), r.lines().get(0));
        assertTrue(r.broadcastOk());
        assertTrue(r.reductionOk());
        assertEquals(0, r.rankSum());
        assertEquals(0, r.expectedRankSum());
        assertTrue(r.ok());
    }

    @Test
    void theSummaryRecordsBothChecks(@TempDir Path tmp) throws Exception {
        Path json = tmp.resolve("s.json");
        PrintStream err = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        assertEquals(0, Programs.runSerial(new HelloCommand(), err, "--summary", json.toString()));
        JsonObject s = JsonParser.parseString(Files.readString(json)).getAsJsonObject();
        assertEquals("hello", s.get("program").getAsString());
        assertEquals(1, s.get("ranks").getAsInt());
        assertTrue(s.getAsJsonObject("results").get("broadcast_ok").getAsBoolean());
        assertTrue(s.getAsJsonObject("results").get("reduction_ok").getAsBoolean());
    }
}
