package org.orrery.apps.farm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orrery.io.fits.HduImage;
import org.orrery.io.fits.HduInfo;
import org.orrery.io.fits.MefReader;
import org.orrery.io.fits.MefWriter;
import org.orrery.io.fits.MosaicFits;
import org.orrery.model.UserError;
import org.orrery.parallel.SerialComm;
import org.orrery.physics.image.Background2D;
import org.orrery.physics.image.MedianFilter;
import org.orrery.physics.image.MosaicGenerator;
import org.orrery.physics.image.SigmaClip;
import picocli.CommandLine;

/**
 * The farm on multi-extension and tile-compressed inputs (one rank, SerialComm): one row per extension, a damaged
 * extension failing alone, clipstats and background values equal to the kernels, mirrored outputs, compressed outputs,
 * and the survey options' config rules.
 */
class FarmSurveyTest {
    static final int CCDS = 4;
    static final int NY = 256;
    static final int NX = 128;
    static final long SEED = 7;

    @TempDir
    Path dir;

    Path mosaic(String name, MefWriter.Compression c) {
        Path p = dir.resolve(name);
        MosaicFits.write(p, SEED, CCDS, NY, NX, k -> MosaicGenerator.ccd(SEED, k, CCDS, NY, NX), c);
        return p;
    }

    /** The mosaic with a wrong DATASUM in CCD 3's header: its data read as damaged. */
    Path damaged() throws Exception {
        byte[] b = Files.readAllBytes(mosaic("m.fits", MefWriter.Compression.NONE));
        String s = new String(b, StandardCharsets.ISO_8859_1);
        int at = s.indexOf("HISTORY synthetic CCD 3 of " + CCDS);
        byte[] card = String.format("%-80s", "DATASUM = '12345'").getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(card, 0, b, at, 80);
        Path p = dir.resolve("bad.fits");
        Files.write(p, b);
        return p;
    }

    static double[] ccd(int k) {
        short[] s = MosaicGenerator.ccd(SEED, k, CCDS, NY, NX);
        double[] d = new double[s.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = s[i];
        }
        return d;
    }

    static List<HduImage> images(Path p) throws Exception {
        try (MefReader r = MefReader.open(p)) {
            List<HduImage> out = new java.util.ArrayList<>();
            for (HduInfo h : r.images()) {
                out.add(r.read(h));
            }
            return out;
        }
    }

    @Test
    void oneRowPerExtensionAndADamagedExtensionFailsAlone() throws Exception {
        Path in = damaged();
        Path out = dir.resolve("o");
        ImageFarmTest.Run r = ImageFarmTest.farm(
                in.toString(),
                "--ops",
                "highpass,clipstats,background",
                "-k",
                "3",
                "--box",
                "32",
                "-o",
                out.toString());
        assertEquals(FarmResult.PARTIAL, r.code());
        assertTrue(r.err().contains("1 of " + CCDS + " table rows failed"), r.err());
        List<FarmRecord> rows = r.result().rows();
        assertEquals(CCDS, rows.size());
        Background2D.Params bp = Background2D.Params.defaults(32);
        for (int k = 0; k < CCDS; k++) {
            FarmRecord row = rows.get(k);
            assertEquals(k + 1, row.hdu());
            assertEquals("CCD", row.survey().extname());
            assertEquals(k + 1, row.survey().extver());
            if (k == 2) {
                assertFalse(row.ok());
                assertTrue(
                        row.reason().contains("HDU 3 (CCD,3)") && row.reason().contains("DATASUM"), row.reason());
                continue;
            }
            assertTrue(row.ok(), row.reason());
            SigmaClip.Stats s = SigmaClip.astropyDefault().stats(ccd(k), null, 0);
            assertEquals(s.mean(), row.survey().clipMean());
            assertEquals(s.median(), row.survey().clipMedian());
            assertEquals(s.std(), row.survey().clipStd());
            assertEquals(s.kept(), row.survey().clipKept());
        }
        // mirrored outputs: same HDUs, the failed one kept as an empty extension
        try (MefReader m = MefReader.open(out.resolve("bad_bkgsub.fits"))) {
            assertEquals(CCDS + 1, m.hdus().size());
            HduInfo failed = m.hdus().get(3);
            assertEquals(HduInfo.Kind.OTHER, failed.kind());
            assertEquals("CCD", failed.extname());
            assertEquals(3, failed.extver());
            for (int k : new int[] {0, 1, 3}) {
                HduInfo h = m.hdus().get(k + 1);
                assertEquals(-32, h.bitpix());
                assertEquals(k + 1, h.header().getInt("CCDNUM", 0));
                double[] want =
                        Background2D.compute(ccd(k), null, NY, NX, bp, 1).subtract(ccd(k));
                double[] got = m.read(h).data();
                for (int i = 0; i < want.length; i++) {
                    assertEquals((float) want[i], got[i], 0.0, "CCD " + (k + 1) + " pixel " + i);
                }
            }
        }
        List<HduImage> hp = images(out.resolve("bad_hp3.fits"));
        assertEquals(CCDS - 1, hp.size());
        float[] want = toFloat(MedianFilter.highPass(ccd(3), NY, NX, 3));
        assertArrayEquals(want, toFloat(hp.get(2).data()));
        assertFalse(Files.exists(out.resolve(".farm-parts")), "parts removed");
        String csv = Files.readString(out.resolve("farm.csv"));
        assertTrue(
                csv.lines()
                        .skip(1)
                        .findFirst()
                        .orElseThrow()
                        .endsWith("highpass_output,extname,extver,clip_mean,clip_median,clip_std,clip_kept,bkg_median,"
                                + "bkg_rms_median,bkgsub_output"),
                csv);
    }

    static float[] toFloat(double[] d) {
        float[] f = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            f[i] = (float) d[i];
        }
        return f;
    }

    @Test
    void compressedInputGivesTheSameValuesAndCompressedOutputTheSamePixels() throws Exception {
        Path plain = mosaic("p.fits", MefWriter.Compression.NONE);
        Path rice = mosaic("r.fits.fz", MefWriter.Compression.LOSSLESS);
        ImageFarmTest.Run a = ImageFarmTest.farm(
                plain.toString(),
                "--ops",
                "stats,clipstats,background",
                "--box",
                "32",
                "-o",
                dir.resolve("a").toString());
        ImageFarmTest.Run b = ImageFarmTest.farm(
                rice.toString(),
                "--ops",
                "stats,clipstats,background",
                "--box",
                "32",
                "--compress",
                "-o",
                dir.resolve("b").toString());
        assertEquals(0, a.code());
        assertEquals(0, b.code());
        for (int k = 0; k < CCDS; k++) {
            FarmRecord x = a.result().rows().get(k);
            FarmRecord y = b.result().rows().get(k);
            assertEquals(x.mean(), y.mean());
            assertEquals(x.survey().clipMedian(), y.survey().clipMedian());
            assertEquals(x.survey().bkgMedian(), y.survey().bkgMedian());
            assertEquals(x.survey().bkgRms(), y.survey().bkgRms());
        }
        Path fz = dir.resolve("b").resolve("r_bkgsub.fits.fz");
        try (MefReader m = MefReader.open(fz)) {
            assertTrue(m.images().stream().allMatch(h -> h.kind() == HduInfo.Kind.COMPRESSED));
        }
        List<HduImage> p = images(dir.resolve("a").resolve("p_bkgsub.fits"));
        List<HduImage> c = images(fz);
        for (int k = 0; k < CCDS; k++) {
            assertArrayEquals(p.get(k).data(), c.get(k).data());
        }
    }

    @Test
    void singleImageInputsKeepTheClassicTableWithoutExtensionColumns() throws Exception {
        Path one = dir.resolve("one.fits");
        MosaicFits.write(
                one, SEED, 1, NY, NX, k -> MosaicGenerator.ccd(SEED, k, 1, NY, NX), MefWriter.Compression.NONE);
        ImageFarmTest.Run r = ImageFarmTest.farm(
                one.toString(), "--ops", "clipstats", "-o", dir.resolve("o").toString());
        assertEquals(0, r.code());
        FarmRecord row = r.result().rows().get(0);
        assertFalse(row.survey().hduRow());
        assertEquals(1, row.hdu());
        String header = Files.readAllLines(dir.resolve("o").resolve("farm.csv")).get(1);
        assertEquals(String.join(",", FarmTable.COLUMNS) + ",clip_mean,clip_median,clip_std,clip_kept", header);
        double[] d = new double[NY * NX];
        short[] s = MosaicGenerator.ccd(SEED, 0, 1, NY, NX);
        for (int i = 0; i < d.length; i++) {
            d[i] = s[i];
        }
        assertEquals(
                SigmaClip.astropyDefault().stats(d, null, 0).std(), row.survey().clipStd());
    }

    @Test
    void surveyOptionsAreValidatedNamingTheFlag() {
        String[][] cases = {
            {"--sigma must be positive and finite, got -1.0", "--sigma", "-1"},
            {"--sigma-lower must be positive and finite, got 0.0", "--sigma-lower", "0"},
            {"--maxiters must be a positive integer or none, got '0'", "--maxiters", "0"},
            {"--cenfunc must be median or mean, got 'mode'", "--cenfunc", "mode"},
            {"--stdfunc must be std or mad_std, got 'iqr'", "--stdfunc", "iqr"},
            {"--box must be N or NYxNX (pixels, e.g. 64 or 32x64), got '6x'", "--box", "6x"},
            {"--filter sizes must be odd (a centred median filter), got '4'", "--filter", "4"},
            {"--bkg must be median or sextractor, got 'mode'", "--bkg", "mode"},
            {"--edge must be pad or crop, got 'wrap'", "--edge", "wrap"},
            {"--exclude-percentile must be between 0 and 100, got 101.0", "--exclude-percentile", "101"},
            {"--bkg-maxiters must be a positive integer or none, got 'x'", "--bkg-maxiters", "x"},
            {"--bkg-maps needs the background operation (--ops ...,background)", "--bkg-maps"},
        };
        for (String[] c : cases) {
            String[] args = Arrays.copyOf(Arrays.copyOfRange(c, 1, c.length), c.length);
            args[c.length - 1] = "x.fits";
            UserError e = assertThrows(UserError.class, () -> ImageFarmTest.config(args), c[0]);
            assertEquals(c[0], e.getMessage());
        }
        FarmSurvey s = ImageFarmTest.config(
                        "x.fits",
                        "--maxiters",
                        "none",
                        "--box",
                        "32x64",
                        "--filter",
                        "5x3",
                        "--bkg",
                        "median",
                        "--edge",
                        "crop",
                        "--cenfunc",
                        "mean",
                        "--stdfunc",
                        "mad_std",
                        "--sigma-upper",
                        "2.5")
                .survey();
        assertEquals(Integer.MAX_VALUE, s.clip().maxIters());
        assertEquals(
                new SigmaClip(3, 2.5, Integer.MAX_VALUE, SigmaClip.Center.MEAN, SigmaClip.Spread.MAD_STD), s.clip());
        assertEquals(
                new Background2D.Params(
                        32, 64, 5, 3, Background2D.Estimator.MEDIAN, Background2D.Edge.CROP, 10, SigmaClip.of(3, 10)),
                s.bkg());
        assertEquals(FarmSurvey.DEFAULT, ImageFarmTest.config("x.fits").survey());
        assertEquals(FarmOptions.DEFAULT_OPS, ImageFarmTest.config("x.fits").ops());
        assertThrows(CommandLine.ParameterException.class, () -> ImageFarmTest.config("--ops", "blur", "x.fits"));
    }

    @Test
    void surveyRecordsSurviveTheWireFormat() {
        FarmRecord a = new FarmRecord(
                3,
                "m.fits",
                true,
                "",
                10,
                20,
                16,
                4,
                1.5,
                2.5,
                -6,
                4,
                5,
                9.75,
                "o.fits",
                0.25,
                2,
                new SurveyRow(true, "CCD", 4, 1.25, 1.0, 0.5, 190, 2.0, 0.75, "b.fits"));
        FarmRecord b = FarmRecord.failedHdu(4, "m.fits", 5, SurveyRow.of(true, "CCD", 5), "bad\nthing", 0.1, 1);
        assertEquals(
                List.of(a, b),
                FarmRecordCodec.decode(
                        FarmRecordCodec.encode(List.of(a, b)), 0, FarmRecordCodec.encode(List.of(a, b)).length));
    }

    @Test
    void mosaicsFromGenImagesAreTheGeneratorsCcds() throws Exception {
        org.orrery.apps.genimages.GenImagesCommand g = new org.orrery.apps.genimages.GenImagesCommand();
        new CommandLine(g)
                .parseArgs(
                        "--mosaic", "-n", "3", "--nx", "40", "--ny", "30", "--seed", "5", "-o", dir.toString(), "-q");
        g.validate();
        g.run(new SerialComm());
        List<HduImage> imgs = images(dir.resolve("mosaic_s5.fits"));
        assertEquals(3, imgs.size());
        short[] s = MosaicGenerator.ccd(5, 2, 3, 30, 40);
        for (int i = 0; i < s.length; i++) {
            assertEquals(s[i], imgs.get(2).data()[i]);
        }
        assertEquals(
                "--compress needs --mosaic (the teaching images are plain FITS)",
                assertThrows(UserError.class, () -> {
                            org.orrery.apps.genimages.GenImagesCommand c =
                                    new org.orrery.apps.genimages.GenImagesCommand();
                            new CommandLine(c).parseArgs("--compress");
                            c.validate();
                        })
                        .getMessage());
    }
}
