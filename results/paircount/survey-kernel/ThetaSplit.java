package org.orrery.physics.paircount;

import java.lang.reflect.Method;
import java.util.SplittableRandom;

/**
 * The survey counter's grid build and counting timed apart, for one refine, on bench survey's catalogs (10^6 box points
 * for rppi; N points on the cap RA 0-90, Dec 0-60 for theta, 15 log bins from 0.01 degrees to -Dthmax, default 0.5):
 * two warm-ups, then REPS timed passes. -Drefine=R (default 0: the automatic choice paircount makes). It sits in the
 * counter's package to build the grid alone. Usage (session 13, docs/paircount-survey.md):
 *
 * <pre>
 * javac -d /tmp/ts -cp target/orrery-all.jar results/paircount/survey-kernel/ThetaSplit.java
 * java --add-modules jdk.incubator.vector -Drefine=1 -Dthmax=0.5 -cp target/orrery-all.jar:/tmp/ts \
 *     org.orrery.physics.paircount.ThetaSplit theta THREADS REPS [N]
 * </pre>
 */
public final class ThetaSplit {
    public static void main(String[] a) throws Exception {
        int n = 1_000_000;
        int thetaN = Integer.parseInt(a.length > 3 ? a[3] : "300000");
        SplittableRandom r = new SplittableRandom(20261203);
        double[][] xyz = new double[3][n];
        for (int i = 0; i < n; i++) {
            for (int d = 0; d < 3; d++) {
                xyz[d][i] = Math.floor(r.nextDouble() * 1000 * 1048576) / 1048576;
            }
        }
        double[] ra = new double[thetaN];
        double[] dec = new double[thetaN];
        for (int i = 0; i < thetaN; i++) {
            ra[i] = 90 * r.nextDouble();
            dec[i] = Math.toDegrees(Math.asin(r.nextDouble() * Math.sin(Math.toRadians(60))));
        }
        boolean theta = a[0].equals("theta");
        PointSet d = theta
                ? SkyPoints.onSphere(ra, dec, null, thetaN, 0, "sky")
                : PointSet.of(xyz[0], xyz[1], xyz[2], null, n);
        double thmax = Double.parseDouble(System.getProperty("thmax", "0.5"));
        SurveyBinning b = theta
                ? SurveyBinning.theta(Bins.log(0.01, thmax, 15))
                : SurveyBinning.rppi(Bins.log(0.5, 30, 15), 40, 40, false, 1000);
        int threads = Integer.parseInt(a[1]);
        int reps = Integer.parseInt(a[2]);
        int refine = Integer.parseInt(System.getProperty("refine", "0"));
        Method grid = SurveyCounter.class.getDeclaredMethod("grid", GridSpec.class, PointSet.class, int.class);
        grid.setAccessible(true);
        for (int k = 0; k < reps + 2; k++) {
            long t0 = System.nanoTime();
            GridSpec g = SurveyCounter.spec(b, refine, d);
            LocalGrid lg = (LocalGrid) grid.invoke(null, g, d, threads);
            long t1 = System.nanoTime();
            SurveyCounts c = SurveyCounter.autoBlock(lg, new int[] {0, g.ncx(), 0, g.ncy()}, b, 0, threads);
            long t2 = System.nanoTime();
            if (k >= 2) {
                System.out.printf(
                        "%s t%d refine %d grid %.3f count %.3f sum %d ncx %d ncy %d%n",
                        a[0],
                        threads,
                        g.refine(),
                        (t1 - t0) * 1e-9,
                        (t2 - t1) * 1e-9,
                        c.sum(),
                        g.ncx(),
                        g.ncy());
            }
        }
    }
}
