package org.orrery.physics.paircount;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.orrery.model.UserError;
import org.orrery.physics.cosmology.FlatLcdm;

/** Bad survey input gives one domain error naming the input; patches are deterministic. */
class SurveyInputTest {
    static void fails(String fragment, Executable e) {
        UserError u = assertThrows(UserError.class, e);
        assertTrue(u.getMessage().contains(fragment), u.getMessage());
    }

    @Test
    void badCoordinates() {
        double[] ok = {10, 20};
        double[] d = {100, 200};
        fails(
                "RA 360.0 on row 2 lies outside [0, 360)",
                () -> SkyPoints.fromDistance(new double[] {1, 360}, ok, d, null, 2, 0, "gals.fits"));
        fails("gals.fits", () -> SkyPoints.fromDistance(new double[] {-0.1, 3}, ok, d, null, 2, 0, "gals.fits"));
        fails("Dec -90.5 on row 11", () -> SkyPoints.onSphere(ok, new double[] {0, -90.5}, null, 2, 9, "r.npy"));
        fails("Dec NaN", () -> SkyPoints.onSphere(ok, new double[] {Double.NaN, 0}, null, 2, 0, "r.npy"));
        FlatLcdm c = new FlatLcdm(0.3, 0.7, 3);
        fails(
                "redshift 0.0 on row 1",
                () -> SkyPoints.fromRedshift(ok, ok, new double[] {0, 1}, c, null, 2, 0, "z.txt"));
        fails(
                "redshift NaN",
                () -> SkyPoints.fromRedshift(ok, ok, new double[] {0.5, Double.NaN}, c, null, 2, 0, "z.txt"));
        fails("redshift -0.2", () -> SkyPoints.fromRedshift(ok, ok, new double[] {0.5, -0.2}, c, null, 2, 0, "z.txt"));
        fails("exceeds", () -> SkyPoints.fromRedshift(ok, ok, new double[] {0.5, 4}, c, null, 2, 0, "z.txt"));
        fails("comoving distance 0.0", () -> SkyPoints.fromDistance(ok, ok, new double[] {0, 1}, null, 2, 0, "d.txt"));
    }

    @Test
    void badBinnings() {
        Bins b = Bins.linear(0, 10, 5);
        fails("pimax must be", () -> SurveyBinning.rppi(b, 0, 10, false, 0));
        fails("pimax must be", () -> SurveyBinning.rppi(b, -3, 10, false, 0));
        fails("pimax must be", () -> SurveyBinning.rppi(b, Double.NaN, 10, false, 0));
        fails("mu_max must lie in (0, 1]", () -> SurveyBinning.smu(b, 0, 10, false, 0));
        fails("mu_max must lie in (0, 1]", () -> SurveyBinning.smu(b, 1.01, 10, false, 0));
        fails("pimax 40.0 must be less than half", () -> SurveyBinning.rppi(b, 40, 40, false, 64));
        fails("sky coordinates cannot be periodic", () -> SurveyBinning.smu(b, 1, 10, true, 100));
        fails("180 degrees", () -> SurveyBinning.theta(Bins.linear(0, 200, 4)));
    }

    @Test
    void patchProblems() {
        double[] x = {1, 0, 0};
        double[] y = {0, 1, 0};
        double[] z = {0, 0, 1};
        fails(
                "cannot make 4 jackknife patches from 3 points, cat.fits",
                () -> Patches.kmeans(x, y, z, 3, 4, 1, 1000, 10, "cat.fits"));
        fails("holds no point of randoms.fits", () -> Patches.checkNonEmpty(new long[] {5, 0, 3}, "randoms.fits"));
        fails(
                "cannot make 3 jackknife patches from 2 points, box.txt",
                () -> Patches.checkNonEmpty(new long[] {1, 0, 1}, "box.txt"));
        fails("must be a cube", () -> Patches.cubes(10, new double[3], 1));
    }

    /** k-means on a subsample: the same centres from the same catalog and seed, labels a pure function of position. */
    @Test
    void kmeansIsDeterministicAndBalancedEnough() {
        SplittableRandom r = new SplittableRandom(5);
        int n = 20000;
        double[] x = new double[n];
        double[] y = new double[n];
        double[] z = new double[n];
        for (int i = 0; i < n; i++) {
            double ra = Math.toRadians(100 + 80 * r.nextDouble());
            double dec = Math.asin(r.nextDouble() * 0.5);
            x[i] = Math.cos(dec) * Math.cos(ra);
            y[i] = Math.cos(dec) * Math.sin(ra);
            z[i] = Math.sin(dec);
        }
        Patches a = Patches.kmeans(x, y, z, n, 12, 42, 5000, 50, "t");
        Patches b = Patches.kmeans(x, y, z, n, 12, 42, 5000, 50, "t");
        assertArrayEquals(a.centres(), b.centres());
        long[] counts = new long[12];
        for (int i = 0; i < n; i++) {
            counts[a.of(x[i], y[i], z[i])]++;
            assertEquals(a.of(x[i], y[i], z[i]), Patches.ofCentres(a.centres()).of(3 * x[i], 3 * y[i], 3 * z[i]));
        }
        Patches.checkNonEmpty(counts, "t");
        for (long c : counts) {
            assertTrue(c > n / 12 / 3 && c < 3 * n / 12, java.util.Arrays.toString(counts));
        }
        Patches cubes = Patches.cubes(27, new double[] {0, 0, 0}, 3);
        assertEquals(0, cubes.of(0, 0, 0));
        assertEquals(26, cubes.of(2.99, 2.99, 3.5));
        assertEquals(1 + 3 * 2 + 9, cubes.of(1.5, 2.5, 1.2));
    }
}
