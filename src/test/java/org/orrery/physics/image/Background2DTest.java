package org.orrery.physics.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.orrery.io.fits.HduImage;
import org.orrery.io.fits.MefReader;

/**
 * Background2D against photutils 1.6.0 on seven fixtures over three images (background.json, bkg_*_out.fits from
 * make_fixtures.py): square and rectangular boxes, pad and crop, median and SExtractor estimators, 3×3, 5×3, 3×5 and no
 * filter, a masked corner (boxes excluded and filled by IDW), an int16 CCD-like image, other clipping.
 *
 * <p>Tolerances and why: the boxes used and their background/rms are the same bits (same order statistics,
 * bottleneck-ordered sums, astropy's clipping permutation): asserted exactly. Filtered meshes and maps: 1e-12 relative
 * (measured ≤ 1.5e-15; IDW sums and SciPy's 16-term spline sums round differently). Where boxes are excluded and filled
 * from their nearest good boxes — fixture D (masked corner, 41 of 54 boxes used) and F (int16 CCD-like image, 42 of 48
 * used) — the box values still agree exactly, but the fills differ: for D, excluded boxes whose tenth nearest good box
 * is tied pick a different box than SciPy's k-d tree (F, added later, shows the same size of difference; its cause was
 * not separately traced). Their meshes and maps get 1e-2 relative (measured 0.7 % and 0.9 %).
 */
class Background2DTest {
    static final Path DIR = Path.of("src/test/resources/fixtures/survey");

    static List<double[]> read(Path p) throws IOException {
        try (MefReader r = MefReader.open(p)) {
            return r.images().stream()
                    .map(h -> {
                        try {
                            return r.read(h).data();
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    })
                    .toList();
        }
    }

    static int[] pair(JsonElement e) {
        if (e.isJsonArray()) {
            JsonArray a = e.getAsJsonArray();
            return new int[] {a.get(0).getAsInt(), a.get(1).getAsInt()};
        }
        return new int[] {e.getAsInt(), e.getAsInt()};
    }

    static Background2D.Params params(JsonObject p) {
        int[] box = pair(p.get("box_size"));
        int[] filter = pair(p.get("filter_size"));
        double sigma = p.has("sigma") ? p.get("sigma").getAsDouble() : 3.0;
        int maxiters = p.has("maxiters") ? p.get("maxiters").getAsInt() : 10;
        return new Background2D.Params(
                box[0],
                box[1],
                filter[0],
                filter[1],
                p.get("bkg").getAsString().equals("median")
                        ? Background2D.Estimator.MEDIAN
                        : Background2D.Estimator.SEXTRACTOR,
                p.get("edge_method").getAsString().equals("pad") ? Background2D.Edge.PAD : Background2D.Edge.CROP,
                p.has("exclude_percentile") ? p.get("exclude_percentile").getAsDouble() : 10.0,
                SigmaClip.of(sigma, maxiters));
    }

    static double worstRelative(double[] want, double[] got) {
        assertEquals(want.length, got.length);
        double w = 0;
        for (int i = 0; i < want.length; i++) {
            w = Math.max(w, Math.abs(want[i] - got[i]) / Math.max(1e-300, Math.abs(want[i])));
        }
        return w;
    }

    @Test
    void agreesWithPhotutils() throws IOException {
        JsonArray cases = JsonParser.parseString(Files.readString(DIR.resolve("background.json")))
                .getAsJsonArray();
        assertEquals(7, cases.size());
        for (JsonElement e : cases) {
            JsonObject c = e.getAsJsonObject();
            String name = c.get("name").getAsString();
            HduImage in;
            try (MefReader r = MefReader.open(DIR.resolve(c.get("input").getAsString()))) {
                in = r.read(r.images().get(0));
            }
            Background2D.Result res =
                    Background2D.compute(in.data(), null, in.ny(), in.nx(), params(c.getAsJsonObject("params")), 2);
            int[] shape = pair(c.get("mesh_shape"));
            assertEquals(shape[0], res.meshY(), name);
            assertEquals(shape[1], res.meshX(), name);
            double[] mesh = c.getAsJsonArray("mesh").asList().stream()
                    .mapToDouble(JsonElement::getAsDouble)
                    .toArray();
            double[] rmsMesh = c.getAsJsonArray("rms_mesh").asList().stream()
                    .mapToDouble(JsonElement::getAsDouble)
                    .toArray();
            List<double[]> maps = read(DIR.resolve("bkg_" + name + "_out.fits"));
            JsonArray idx = c.getAsJsonArray("box_idx");
            JsonArray boxBkg = c.getAsJsonArray("box_bkg");
            JsonArray boxRms = c.getAsJsonArray("box_rms");
            assertEquals(idx.size(), res.boxesUsed(), name + " boxes used");
            for (int k = 0; k < idx.size(); k++) {
                int b = idx.get(k).getAsInt();
                assertEquals(boxBkg.get(k).getAsDouble(), res.boxBackground()[b], 0.0, name + " box " + b);
                assertEquals(boxRms.get(k).getAsDouble(), res.boxRms()[b], 0.0, name + " box rms " + b);
            }
            // boxes excluded (too many masked or clipped pixels) are filled from their nearest good boxes: see above
            double tol = idx.size() < shape[0] * shape[1] ? 1e-2 : 1e-12;
            double m = worstRelative(mesh, res.mesh());
            double r = worstRelative(rmsMesh, res.rmsMesh());
            double b = worstRelative(maps.get(0), res.background());
            double s = worstRelative(maps.get(1), res.rms());
            System.out.printf(
                    "background %s: mesh %.2e rms mesh %.2e map %.2e rms map %.2e (relative)%n", name, m, r, b, s);
            assertTrue(m <= tol && r <= tol, name + " meshes " + m + " " + r);
            assertTrue(b <= tol && s <= tol, name + " maps " + b + " " + s);
        }
    }

    @Test
    void sameBitsAtAnyThreadCount() throws IOException {
        HduImage in;
        try (MefReader r = MefReader.open(DIR.resolve("bkg_in_nan.fits"))) {
            in = r.read(r.images().get(0));
        }
        Background2D.Params p = Background2D.Params.defaults(10);
        Background2D.Result one = Background2D.compute(in.data(), null, in.ny(), in.nx(), p, 1);
        for (int t : new int[] {2, 3, 8}) {
            Background2D.Result more = Background2D.compute(in.data(), null, in.ny(), in.nx(), p, t);
            assertArrayEquals(one.background(), more.background(), 0.0);
            assertArrayEquals(one.rms(), more.rms(), 0.0);
        }
    }

    @Test
    void flatImageGivesItsLevel() {
        double[] img = new double[40 * 30];
        java.util.Arrays.fill(img, 7.5);
        Background2D.Result r = Background2D.compute(img, null, 30, 40, Background2D.Params.defaults(10), 1);
        for (double v : r.background()) {
            assertEquals(7.5, v, 0.0);
        }
        for (double v : r.rms()) {
            assertEquals(0.0, v, 0.0);
        }
        for (double v : r.subtract(img)) {
            assertEquals(0.0, v, 0.0);
        }
    }
}
