package org.orrery.apps.decay;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orrery.apps.common.Programs;
import org.orrery.parallel.SerialComm;
import org.orrery.physics.montecarlo.DecayModel;
import org.orrery.physics.montecarlo.DecaySimulation;
import org.orrery.physics.montecarlo.DecaySimulation.Method;

/** {@link DecayJob} on a {@link SerialComm}, and the files {@link DecayReport} writes. */
class DecayJobTest {

    private static DecayConfig config(int threads) {
        return new DecayConfig(
                2000, new double[] {0.3, 0.2}, List.of("A", "B", "C"), 0.01, 0.5, 9, 42, Method.BINOMIAL, threads);
    }

    @Test
    void theEnsembleIsMemberByMemberTheKernelsAndThreadsDoNotChangeIt() throws InterruptedException {
        DecayJob.Result one = DecayJob.run(new SerialComm(), config(1));
        DecayJob.Result four = DecayJob.run(new SerialComm(), config(4));
        assertArrayEquals(one.ensemble().curves(), four.ensemble().curves());
        DecayModel model = config(1).model();
        long[] direct = new long[9 * model.width()];
        DecaySimulation.simulateMembers(model, Method.BINOMIAL, 42, 0, 9, direct, 0);
        assertArrayEquals(direct, one.ensemble().curves());
        assertEquals(1, one.ranks());
        assertEquals(51, one.times().length);
        assertEquals(0.5, one.times()[50], 1e-12);
    }

    @Test
    void theStatisticsCoverEverySpeciesAndPassOnAnHonestEnsemble() throws InterruptedException {
        DecayJob.Result r = DecayJob.run(new SerialComm(), config(1));
        assertNotNull(r.statistics());
        assertEquals(2, r.statistics().means().size());
        assertEquals(2, r.statistics().variances().size());
        assertNotNull(r.statistics().fit());
        // Mean at t = 0 is N0 exactly for the parent and 0 for the daughter.
        assertEquals(2000.0, r.statistics().stats().mean(0));
        assertEquals(0.0, r.statistics().stats().mean(1));
        assertTrue(r.allPassed());
    }

    @Test
    void theTablesDoNotDependOnThreadsAndTheSummaryRecordsTheChecks(@TempDir Path tmp) throws IOException {
        String[] common = {
            "--n0",
            "5000",
            "--t-max",
            "0.3",
            "--dt",
            "0.01",
            "--nsims",
            "7",
            "--members",
            "--seed",
            "42",
            "-q",
            "--no-plot"
        };
        run(tmp, "a", "1", common);
        run(tmp, "b", "3", common);
        for (String f : List.of("decay.csv", "decay-members.csv")) {
            assertEquals(
                    Files.readString(tmp.resolve("a").resolve(f)),
                    Files.readString(tmp.resolve("b").resolve(f)),
                    f);
        }
        List<String> csv = Files.readAllLines(tmp.resolve("a/decay.csv"));
        assertEquals(5, csv.stream().filter(l -> l.startsWith("#")).count());
        assertEquals("t_s,Li-8_mean,Li-8_std,Li-8_min,Li-8_max,Li-8_expected,Li-8_z", csv.get(5));
        assertEquals(5 + 1 + 31, csv.size());
        assertTrue(csv.get(6).startsWith("0.0,5000.0,0.0,5000,5000,5000.0,"), csv.get(6));
        assertTrue(!Files.exists(tmp.resolve("a/decay.png")));
        JsonObject s =
                JsonParser.parseString(Files.readString(tmp.resolve("a.json"))).getAsJsonObject();
        assertEquals(7, s.getAsJsonObject("parameters").get("nsims").getAsInt());
        assertTrue(s.getAsJsonObject("results").get("all_checks_passed").getAsBoolean());
        assertTrue(s.getAsJsonObject("results").has("fitted_half_life_s"));
        assertTrue(s.getAsJsonObject("results").has("variance_min_p_Li-8"));
    }

    @Test
    void thePlotWrittenWhileTheTablesAreWrittenIsXChartsBytes(@TempDir Path tmp) throws Exception {
        String[] common = {"--n0", "3000", "--t-max", "0.4", "--dt", "0.002", "--nsims", "12", "--seed", "5", "-q"};
        run(tmp, "p", "1", common);
        DecayConfig c = new DecayConfig(
                3000, new double[] {DecayConfig.LI8_HALF_LIFE}, null, 0.002, 0.4, 12, 5, Method.BINOMIAL, 1);
        DecayJob.Result r = DecayJob.run(new SerialComm(), c);
        String title = "Radioactive decay of " + c.species().get(0) + ": 12 simulations of N0 = 3000 (binomial)";
        List<org.knowm.xchart.XYChart> charts = DecayPlot.charts(
                title,
                r.model(),
                c.species(),
                r.statistics().stats(),
                r.model().expectedFractions(),
                r.ensemble().curves(),
                12,
                DecayReport.MAX_PLOTTED);
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        org.knowm.xchart.BitmapEncoder.saveBitmap(
                charts, 2, 1, expected, org.knowm.xchart.BitmapEncoder.BitmapFormat.PNG);
        assertArrayEquals(expected.toByteArray(), Files.readAllBytes(tmp.resolve("p/decay.png")));
    }

    private static void run(Path tmp, String name, String threads, String... common) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        String[] args = new String[common.length + 6];
        System.arraycopy(common, 0, args, 0, common.length);
        System.arraycopy(
                new String[] {
                    "--threads",
                    threads,
                    "-o",
                    tmp.resolve(name).toString(),
                    "--summary",
                    tmp.resolve(name + ".json").toString()
                },
                0,
                args,
                common.length,
                6);
        assertEquals(0, Programs.runSerial(new DecayCommand(), err, args), bytes.toString(StandardCharsets.UTF_8));
    }
}
