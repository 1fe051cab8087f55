package org.orrery.apps.farm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import nom.tam.fits.Header;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orrery.io.fits.FitsImage;
import org.orrery.io.fits.FitsImages;
import org.orrery.model.UserError;
import org.orrery.parallel.SerialComm;
import org.orrery.parallel.Spmd;
import org.orrery.physics.image.ImageStats;
import org.orrery.physics.image.MedianFilter;
import org.orrery.physics.image.RandomField;
import org.orrery.sim.TaskFarm;
import picocli.CommandLine;

/** The farm's config rules, job results on one rank (SerialComm) and its tables, without reading stdout. */
class ImageFarmTest {
    @TempDir
    Path dir;

    static final int NY = 21;
    static final int NX = 26;

    Path image(String name, long seed) throws Exception {
        Path p = dir.resolve("in").resolve(name);
        Files.createDirectories(p.getParent());
        Header h = new Header();
        h.addValue("OBJECT", "test " + seed, "");
        FitsImages.write(p, NY, NX, RandomField.uniform(NY, NX, 1000, seed), null, h);
        return p;
    }

    static FarmConfig config(String... args) {
        ImageFarmCommand c = new ImageFarmCommand();
        new CommandLine(c).parseArgs(args);
        c.validate();
        return c.config();
    }

    /** The job and the report on one rank; {@code err} gets the report's failure line. */
    record Run(FarmResult result, String err) {
        int code() {
            return result.exitStatus();
        }
    }

    static Run farm(String... args) throws InterruptedException {
        FarmConfig c = config(args);
        FarmResult r = FarmJob.run(new SerialComm(), c);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        try (org.orrery.io.OutputSet files =
                org.orrery.io.OutputSet.open(c.options().outDir(), "farm", n -> {})) {
            FarmReport.write(c, r, quiet, new PrintStream(err, true, StandardCharsets.UTF_8), files);
            files.commit();
        }
        return new Run(r, err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void tableAndOutputsEqualTheKernels() throws Exception {
        Path a = image("a.fits", 1);
        Path b = image("b.fits", 2);
        Path out = dir.resolve("out");
        Run r = farm(dir.resolve("in").toString(), "-k", "5", "-o", out.toString(), "-q");
        assertEquals(0, r.code(), r.err());
        List<String> lines = Files.readAllLines(out.resolve("farm.csv"));
        assertEquals(4, lines.size());
        assertEquals("# orrery farm table: ops=highpass,stats,brightest window=5", lines.get(0));
        int row = 0;
        for (Path p : new Path[] {a, b}) {
            FitsImage img = FitsImages.read(p);
            ImageStats.Moments m = ImageStats.moments(img.data());
            ImageStats.Brightest br = ImageStats.brightest(img.data(), NY, NX);
            Path hp = out.resolve(p.getFileName().toString().replace(".fits", "_hp5.fits"));
            String expect = row + "," + p + ",ok,," + NX + "," + NY + ",-64,0," + m.mean() + "," + m.std() + ","
                    + ImageStats.medianLog10(img.data()) + "," + br.x() + "," + br.y() + "," + br.value() + "," + hp;
            assertEquals(expect, lines.get(2 + row));
            FitsImage h = FitsImages.read(hp);
            assertArrayEquals(MedianFilter.highPass(img.data(), NY, NX, 5), h.data());
            assertTrue(h.header().getStringValue("OBJECT").startsWith("test "));
            assertTrue(Arrays.stream(h.header().findCards("HISTORY"))
                    .anyMatch(c -> c.toString().contains("median_filter(frame, size=5)")));
            row++;
        }
        assertTrue(Files.isRegularFile(out.resolve("farm.fits")));
        assertEquals(2, r.result().processed());
        assertEquals(0, r.result().reused());
        assertEquals(2L * NX * NY, r.result().pixels());
        assertArrayEquals(new int[] {2}, r.result().imagesPerRank());
        assertTrue(r.result().busySeconds() > 0 && r.result().speedup() > 0);
    }

    @Test
    void brokenInputsAreRecordedAndExitStatusSaysPartialOrAllFailed() throws Exception {
        image("good.fits", 3);
        Files.writeString(dir.resolve("in").resolve("junk.fits"), "not fits\n".repeat(400));
        Path out = dir.resolve("out");
        Run r = farm(
                dir.resolve("in").toString(),
                dir.resolve("nope.fits").toString(),
                "-k",
                "3",
                "-o",
                out.toString(),
                "-q");
        assertEquals(FarmResult.PARTIAL, r.code(), r.err());
        String csv = Files.readString(out.resolve("farm.csv"));
        assertTrue(csv.contains("junk.fits,failed,not a FITS file"), csv);
        assertTrue(csv.contains("nope.fits,failed,no such file"), csv);
        assertTrue(r.err().contains("2 of 3 inputs failed"), r.err());
        assertFalse(Files.exists(out.resolve("junk_hp3.fits")));

        Run all = farm(
                dir.resolve("nope.fits").toString(), "-o", dir.resolve("out2").toString(), "-q");
        assertEquals(FarmResult.ALL_FAILED, all.code());
    }

    @Test
    void resumeSkipsCompleteInputsAndGivesTheSameTable() throws Exception {
        image("a.fits", 4);
        image("b.fits", 5);
        image("c.fits", 6);
        Path out = dir.resolve("out");
        String in = dir.resolve("in").toString();
        assertEquals(0, farm(in, "-k", "4", "-o", out.toString(), "-q").code());
        byte[] first = Files.readAllBytes(out.resolve("farm.csv"));
        byte[] firstFits = Files.readAllBytes(out.resolve("farm.fits"));
        Files.delete(out.resolve("b_hp4.fits"));
        Path summary = dir.resolve("s.json");
        Run r = farm(in, "-k", "4", "-o", out.toString(), "-q", "--resume", "--summary", summary.toString());
        assertEquals(0, r.code(), r.err());
        JsonObject s = JsonParser.parseString(Files.readString(summary))
                .getAsJsonObject()
                .getAsJsonObject("results");
        assertEquals(1, s.get("images_processed").getAsInt());
        assertEquals(2, s.get("reused").getAsInt());
        assertArrayEquals(first, Files.readAllBytes(out.resolve("farm.csv")));
        assertArrayEquals(firstFits, Files.readAllBytes(out.resolve("farm.fits")));
        assertTrue(Files.isRegularFile(out.resolve("b_hp4.fits")));
        // other options: nothing reused
        Run other = farm(in, "-k", "6", "-o", out.toString(), "-q", "--resume");
        assertEquals(3, other.result().processed());
        assertEquals(0, other.result().reused());
    }

    @Test
    void opsCanBeChosenAndEmptyColumnsStayEmpty() throws Exception {
        Path a = image("a.fits", 7);
        Path out = dir.resolve("out");
        Run r = farm(a.toString(), "--ops", "brightest", "-o", out.toString(), "-q");
        assertEquals(0, r.code(), r.err());
        List<String> lines = Files.readAllLines(out.resolve("farm.csv"));
        ImageStats.Brightest br = ImageStats.brightest(FitsImages.read(a).data(), NY, NX);
        assertEquals(
                "0," + a + ",ok,," + NX + "," + NY + ",-64,0,,,," + br.x() + "," + br.y() + "," + br.value() + ",",
                lines.get(2));
        assertFalse(Files.exists(out.resolve("a_hp50.fits")));
    }

    @Test
    void eachConfigRuleHasOneMessage() {
        String[][] cases = {
            {"--window must be between 1 and 4001, got 0", "-k", "0", "x.fits"},
            {"--window must be between 1 and 4001, got 4002", "-k", "4002", "x.fits"},
            {"--schedule must be static or dynamic, got 'random'", "--schedule", "random", "x.fits"},
            {"--table must name a .csv file, got t.txt", "--table", "t.txt", "x.fits"},
            {"--print-rows must be >= 0, got -1", "--print-rows", "-1", "x.fits"},
            {"--progress must be >= 0 seconds, got -1.0", "--progress", "-1", "x.fits"},
        };
        for (String[] c : cases) {
            UserError e = assertThrows(UserError.class, () -> config(Arrays.copyOfRange(c, 1, c.length)));
            assertEquals(c[0], e.getMessage());
        }
        assertThrows(CommandLine.ParameterException.class, () -> config("--ops", "blur", "x.fits"));
        FarmConfig c = config("a.fits", "--table", "t/x.csv");
        assertEquals(Path.of("t", "x.fits"), c.fitsFile());
        assertEquals(TaskFarm.Mode.DYNAMIC, c.schedule());
        assertEquals(Path.of("out", "farm"), c.out());
        assertEquals(0.0, config("a.fits", "-q").progressSeconds());
    }

    @Test
    void inputErrorsAreAgreedOnByEveryRank() {
        // rank 0's input error reaches every rank through Comm.agree
        Spmd.AgreedError e = assertThrows(
                Spmd.AgreedError.class, () -> farm(dir.resolve("nothing-*.fits").toString(), "-o", dir.toString()));
        assertTrue(e.getMessage().startsWith("no files match"), e.getMessage());
    }

    @Test
    void sameOutputNameTwiceIsRefused() throws Exception {
        Path a = image("a.fits", 8);
        Files.createDirectories(dir.resolve("other"));
        Files.copy(a, dir.resolve("other").resolve("a.fits"));
        Spmd.AgreedError e = assertThrows(
                Spmd.AgreedError.class,
                () -> farm(
                        a.toString(),
                        dir.resolve("other").resolve("a.fits").toString(),
                        "-o",
                        dir.resolve("o").toString()));
        assertTrue(e.getMessage().contains("would both write"), e.getMessage());
    }

    @Test
    void aFailingReadBecomesAFailedRecordNotAnException() {
        FarmOptions o = new FarmOptions(EnumSet.allOf(FarmOptions.Op.class), 3, dir);
        try (FarmWorker w = new FarmWorker(o, 0, List.of("x.fits"))) {
            CompletableFuture<FarmWorker.Loaded> boom = new CompletableFuture<>();
            boom.completeExceptionally(new IllegalStateException("disk on fire"));
            FarmRecord r = TaskFarm.await(w.processAsync(7, "x.fits", boom));
            assertFalse(r.ok());
            assertEquals(7, r.index());
            assertTrue(r.reason().contains("disk on fire"), r.reason());
        }
    }

    @Test
    void csvQuotingRoundTrips() {
        String s = "a,b \"c\"";
        assertEquals(List.of("1", s, "", "x"), FarmTableReader.split("1," + FarmTable.quote(s) + ",,x"));
        assertEquals("plain", FarmTable.quote("plain"));
        assertEquals("first; second", FarmRecord.oneLine("first\n  second"));
    }

    @Test
    void recordsSurviveTheWireFormat() {
        FarmRecord a =
                new FarmRecord(3, "in/é.fits", true, "", 10, 20, -32, 1, 1.5, 2.5, -6, 4, 5, 9.75, "o.fits", 0.25, 2);
        FarmRecord b = FarmRecord.failed(4, "x", "bad\nthing", 0.1, 1);
        byte[] bytes = FarmRecordCodec.encode(List.of(a, b));
        assertEquals(List.of(a, b), FarmRecordCodec.decode(bytes, 0, bytes.length));
    }
}
