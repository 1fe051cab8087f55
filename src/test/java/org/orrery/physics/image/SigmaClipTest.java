package org.orrery.physics.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.orrery.model.UserError;

/**
 * sigma_clipped_stats against astropy 5.2.1 + bottleneck (sigma_clip.json from make_fixtures.py): every case equal to
 * the last bit.
 */
class SigmaClipTest {
    static final Path JSON = Path.of("src/test/resources/fixtures/survey/sigma_clip.json");

    static double[] doubles(JsonArray a) {
        double[] d = new double[a.size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = a.get(i).getAsDouble();
        }
        return d;
    }

    static SigmaClip fromParams(JsonObject p) {
        double sigma = p.has("sigma") ? p.get("sigma").getAsDouble() : 3.0;
        double lo = p.has("sigma_lower") ? p.get("sigma_lower").getAsDouble() : sigma;
        double hi = p.has("sigma_upper") ? p.get("sigma_upper").getAsDouble() : sigma;
        int maxiters = !p.has("maxiters")
                ? 5
                : p.get("maxiters").isJsonNull()
                        ? Integer.MAX_VALUE
                        : p.get("maxiters").getAsInt();
        SigmaClip.Center c = p.has("cenfunc") && p.get("cenfunc").getAsString().equals("mean")
                ? SigmaClip.Center.MEAN
                : SigmaClip.Center.MEDIAN;
        SigmaClip.Spread s = p.has("stdfunc") && p.get("stdfunc").getAsString().equals("mad_std")
                ? SigmaClip.Spread.MAD_STD
                : SigmaClip.Spread.STD;
        return new SigmaClip(lo, hi, maxiters, c, s);
    }

    @Test
    void equalsAstropyToTheLastBit() throws IOException {
        JsonObject root = JsonParser.parseString(Files.readString(JSON)).getAsJsonObject();
        JsonObject sets = root.getAsJsonObject("sets");
        JsonArray maskJson = root.getAsJsonArray("mask1");
        boolean[] mask1 = new boolean[maskJson.size()];
        for (int i = 0; i < mask1.length; i++) {
            mask1[i] = maskJson.get(i).getAsBoolean();
        }
        int n = 0;
        for (JsonElement e : root.getAsJsonArray("cases")) {
            JsonObject c = e.getAsJsonObject();
            double[] data = doubles(sets.getAsJsonArray(c.get("set").getAsString()));
            JsonObject p = c.getAsJsonObject("params");
            int ddof = p.has("std_ddof") ? p.get("std_ddof").getAsInt() : 0;
            boolean[] mask = c.has("mask")
                    ? mask1
                    : c.has("mask_value")
                            ? SigmaClip.maskValue(data, c.get("mask_value").getAsDouble())
                            : null;
            SigmaClip.Stats s = fromParams(p).stats(data, mask, ddof);
            String what = c.get("set") + " " + p + (mask != null ? " masked" : "");
            assertEquals(c.get("mean").getAsDouble(), s.mean(), 0.0, "mean " + what);
            assertEquals(c.get("median").getAsDouble(), s.median(), 0.0, "median " + what);
            assertEquals(c.get("std").getAsDouble(), s.std(), 0.0, "std " + what);
            n++;
        }
        assertEquals(44, n);
    }

    @Test
    void bruteForceOracle() {
        // one pass at 1 sigma on 1..9 and 100: median 5.5, std 28.5...; 100 goes, then 9 more passes on 1..9
        double[] d = {1, 2, 3, 4, 5, 6, 7, 8, 9, 100};
        SigmaClip.Stats s = new SigmaClip(1, 1, 1, SigmaClip.Center.MEDIAN, SigmaClip.Spread.STD).stats(d, null, 0);
        assertEquals(9, s.kept());
        assertEquals(5.0, s.mean(), 0);
        assertEquals(5.0, s.median(), 0);
        assertEquals(Math.sqrt(60.0 / 9), s.std(), 1e-15);
        SigmaClip.Stats all = SigmaClip.astropyDefault().stats(new double[] {Double.NaN}, null, 0);
        assertEquals(0, all.kept());
        assertEquals(Double.NaN, all.mean());
    }

    @Test
    void rejectsBadParameters() {
        assertThrows(UserError.class, () -> new SigmaClip(0, 3, 5, SigmaClip.Center.MEAN, SigmaClip.Spread.STD));
        assertThrows(UserError.class, () -> new SigmaClip(3, 3, 0, SigmaClip.Center.MEAN, SigmaClip.Spread.STD));
    }
}
