package org.orrery.apps.paircount;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import nom.tam.fits.BinaryTableHDU;
import nom.tam.fits.Fits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.orrery.apps.PairCountSurveyIT;
import org.orrery.io.catalog.CatalogReader;
import org.orrery.model.UserError;
import org.orrery.parallel.SerialComm;
import org.orrery.physics.paircount.Patches;
import org.orrery.physics.paircount.PointSet;
import org.orrery.physics.paircount.SurveyCounter;
import org.orrery.physics.paircount.SurveyCounts;
import picocli.CommandLine;

/** Survey options' rules, the survey job on one rank (SerialComm) and its files. */
class SurveyTest {
    private static final Path REF = Path.of("src/test/resources/corrfunc");

    @TempDir
    Path dir;

    static PairCountCommand command(String... args) {
        PairCountCommand c = new PairCountCommand();
        new CommandLine(c).parseArgs(args);
        c.validate();
        return c;
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "--mode xi|--mode must be r, rppi, smu or theta, got 'xi'",
                "--coords galactic|--coords must be xyz, sky-z or sky-dist, got 'galactic'",
                "--mode rppi --pimax 0|--pimax must be a finite number > 0, got 0.0",
                "--mode rppi --pimax -3|--pimax must be a finite number > 0, got -3.0",
                "--mode rppi --npibins 0|--npibins must be at least 1, got 0",
                "--mode smu --mu-max 0|--mu-max must lie in (0, 1], got 0.0",
                "--mode smu --mu-max 1.01|--mu-max must lie in (0, 1], got 1.01",
                "--mode smu --nmu-bins 0|--nmu-bins must be at least 1, got 0",
                "--omega-m 1.5|--omega-m must lie in (0, 1], got 1.5",
                "--h 0|--h must be a finite number > 0, got 0.0",
                "--patches 1|--patches must be 0 (no jackknife) or at least 2, got 1",
                "--patches -2|--patches must be 0 (no jackknife) or at least 2, got -2",
                "--patch-sample 0|--patch-sample must be at least 1, got 0",
                "--mode rppi --patches 10|--patches in a box are m^3 equal cubes: give a cube (8, 27, 64, ...), got 10",
                "--mode rppi --weights --data d.txt --columns 1,2,3|--columns needs 4 names or numbers (x,y,z,w)",
                "--mode theta --weights --data d.txt --columns 1,2|--columns needs 4 names or numbers (x,y,z,w)",
                "--mode rppi --repeat 2|--repeat is only available in --mode r without --patches",
                "--mode theta --periodic --box 10 --rmax 2|--periodic needs --coords xyz",
                "--mode theta --rmax 200|--rmax is a theta edge in degrees with --mode theta and must be <= 180, got "
                        + "200.0",
                "--mode rppi --periodic --box 100 --rmax 10 --pimax 60|--pimax 60.0 must be less than half the "
                        + "periodic box L/2 = 50.0",
                "--mode rppi --coords sky-z --data d.txt|a sky --data catalog needs a --randoms catalog",
            })
    void badOptionsAreOneMessageNamingTheOption(String args, String message) {
        UserError e = assertThrows(UserError.class, () -> command(args.split(" ")));
        assertTrue(e.getMessage().startsWith(message), e.getMessage());
    }

    @Test
    void defaultsKeepTheRModeAndCorrfuncPiBins() {
        PairCountCommand c = command();
        assertFalse(c.survey().survey());
        assertEquals(40, command("--mode", "rppi", "--pimax", "40.5").survey().npibins());
        assertEquals(
                List.of("ra", "dec", "dec"),
                command("--mode", "theta", "--data", "x.txt", "--columns", "ra,dec", "--random-factor", "0")
                        .config()
                        .columns());
    }

    @Test
    void serialJobMatchesCorrfuncAndJackknifeCountsEqualRecountsWithoutEachPatch() throws IOException {
        PairCountCommand c = command(
                "--data",
                REF.resolve("box.txt").toString(),
                "--mode",
                "rppi",
                "--pimax",
                "12",
                "--edges",
                REF.resolve("rp_edges.txt").toString(),
                "--periodic",
                "--box",
                "64",
                "--random-factor",
                "0",
                "--patches",
                "8",
                "--threads",
                "2",
                "-o",
                dir.toString(),
                "--summary",
                dir.resolve("s.json").toString(),
                "-q");
        SurveyResult r = SurveyJob.run(new SerialComm(), c.config(), c.survey());
        long[] ordered = PairCountReport.times(r.pass().dd().total(), 2);
        double[] ref = PairCountSurveyIT.reference("DDrppi_periodic.txt");
        for (int k = 0; k < ref.length; k++) {
            assertEquals((long) ref[k], ordered[k], "bin " + k);
        }
        // brute-force jackknife: recount the catalog without each cube and compare with the delete-one counts
        PointSet all = read(REF.resolve("box.txt"));
        Patches cubes = Patches.cubes(8, new double[3], 64);
        cubes.label(all);
        for (int k = 0; k < 8; k++) {
            PointSet without = all.emptyLike(all.size());
            for (int i = 0; i < all.size(); i++) {
                if (all.label(i) != k) {
                    without.addFrom(all, i, 0, 0);
                }
            }
            SurveyCounts recount = SurveyCounter.auto(without, r.binning(), 8, 2, 1);
            assertArrayEquals(recount.total(), r.pass().dd().deleteOne(k), "without patch " + k);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (org.orrery.io.OutputSet files =
                org.orrery.io.OutputSet.open(c.config().out(), "paircount", n -> {})) {
            SurveyReport.write(c.config(), c.survey(), r, new PrintStream(out, true, StandardCharsets.UTF_8), files);
            files.commit();
        }
        assertEquals("", out.toString(StandardCharsets.UTF_8));
        double[] wp = PairCountSurveyIT.column(dir.resolve("paircount-wp.csv"), "wp");
        double[] sigma = PairCountSurveyIT.column(dir.resolve("paircount-wp.csv"), "wp_sigma");
        assertEquals(9, wp.length);
        for (int k = 0; k < 9; k++) {
            assertTrue(Double.isFinite(wp[k]) && sigma[k] > 0, "wp " + wp[k] + " ± " + sigma[k]);
        }
        assertEquals(9, PairCountSurveyIT.column(dir.resolve("paircount-cov.csv"), "c8").length);
        try (Fits f = new Fits(dir.resolve("paircount.fits").toFile())) {
            BinaryTableHDU h = (BinaryTableHDU) f.getHDU(1);
            assertEquals(108, h.getNRows());
            long[] dd = (long[]) h.getColumn("DD");
            assertArrayEquals(ordered, dd);
        } catch (nom.tam.fits.FitsException e) {
            throw new IOException(e);
        }
        BufferedImage png = ImageIO.read(dir.resolve("paircount.png").toFile());
        assertEquals(900, png.getWidth());
        assertTrue(Files.readString(dir.resolve("s.json")).contains("\"wp\""));
    }

    @Test
    void npyCatalogOnTheSkyGivesCorrfuncsAngularCounts() throws IOException {
        java.util.List<double[]> rows = Files.readAllLines(REF.resolve("sky.txt")).stream()
                .filter(l -> !l.isBlank())
                .map(l -> java.util.Arrays.stream(l.trim().split("\\s+"))
                        .mapToDouble(Double::parseDouble)
                        .toArray())
                .toList();
        double[] v = new double[3 * rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            System.arraycopy(rows.get(i), 0, v, 3 * i, 3);
        }
        Path npy = Files.write(dir.resolve("sky.npy"), org.orrery.io.catalog.CatalogReaderTest.npy(v, rows.size(), 3));
        PairCountCommand c = command(
                "--data",
                npy.toString(),
                "--mode",
                "theta",
                "--edges",
                REF.resolve("theta_edges.txt").toString(),
                "--random-factor",
                "0",
                "-o",
                dir.toString(),
                "-q");
        SurveyResult r = SurveyJob.run(new SerialComm(), c.config(), c.survey());
        long[] ordered = PairCountReport.times(r.pass().dd().total(), 2);
        double[] ref = PairCountSurveyIT.reference("DDtheta_mocks.txt");
        for (int k = 0; k < ref.length; k++) {
            assertEquals((long) ref[k], ordered[k], "theta bin " + k);
        }
    }

    private static PointSet read(Path file) {
        try (CatalogReader r = CatalogReader.open(file, null, false, 0)) {
            double[] buf = new double[4 * 4096];
            PointSet s = new PointSet(false, true, 4096);
            int n;
            while ((n = r.read(buf, 4096)) > 0) {
                for (int i = 0; i < n; i++) {
                    s.add(buf[4 * i], buf[4 * i + 1], buf[4 * i + 2], 0, s.size(), 0);
                }
            }
            return s;
        } catch (IOException e) {
            throw new UserError(e.getMessage());
        }
    }
}
