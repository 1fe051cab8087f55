import java.lang.management.ManagementFactory;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.orrery.physics.paircount.Bins;
import org.orrery.physics.paircount.GridSpec;
import org.orrery.physics.paircount.LocalGrid;
import org.orrery.physics.paircount.PointSet;
import org.orrery.physics.paircount.SkyPoints;
import org.orrery.physics.paircount.SurveyBinning;
import org.orrery.physics.paircount.SurveyCounter;
import org.orrery.physics.paircount.SurveyCounts;

/**
 * The pair phase of the survey counter (grid build, then {@code SurveyCounter.autoBlock}, as bench survey times it) on
 * bench survey's catalogs (same seed and order: 10^6 box points, then N sky points on the cap RA 0-90, Dec 0-60), after
 * two warm-ups: prints, per repetition, the refine used, process CPU seconds, wall seconds of the grid build and of the
 * counting, and the counts' sum and hash. REFINE 0 is paircount's automatic choice; -Dthmax sets θmax in degrees
 * (default 0.5; 15 log bins from 0.01). Usage (sessions 6 and 13, docs/paircount-survey.md): {@code java
 * [--add-modules jdk.incubator.vector] [-Dorrery.kernels=scalar] [-Dthmax=DEG] -cp target/orrery-all.jar
 * results/paircount/survey-kernel/SurveyPhase.java rppi|theta THREADS REFINE REPS [N]}.
 */
public final class SurveyPhase {
    public static void main(String[] a) throws Exception {
        int n = 1_000_000;
        int thetaN = a.length > 4 ? Integer.parseInt(a[4]) : 300_000;
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
        SurveyBinning b = theta
                ? SurveyBinning.theta(Bins.log(0.01, Double.parseDouble(System.getProperty("thmax", "0.5")), 15))
                : SurveyBinning.rppi(Bins.log(0.5, 30, 15), 40, 40, false, 1000);
        int threads = Integer.parseInt(a[1]);
        int refine = Integer.parseInt(a[2]);
        int reps = Integer.parseInt(a[3]);
        Method grid = SurveyCounter.class.getDeclaredMethod("grid", GridSpec.class, PointSet.class, int.class);
        grid.setAccessible(true);
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        for (int k = 0; k < reps + 2; k++) {
            long c0 = os.getProcessCpuTime();
            long t0 = System.nanoTime();
            GridSpec g = SurveyCounter.spec(b, refine, d);
            LocalGrid lg = (LocalGrid) grid.invoke(null, g, d, threads);
            long t1 = System.nanoTime();
            SurveyCounts c = SurveyCounter.autoBlock(lg, new int[] {0, g.ncx(), 0, g.ncy()}, b, 0, threads);
            long t2 = System.nanoTime();
            if (k >= 2) { // two warm-ups
                System.out.printf(
                        "%s t%d refine %d cpu %.3f grid %.3f count %.3f sum %d hash %d%n",
                        a[0],
                        threads,
                        g.refine(),
                        (os.getProcessCpuTime() - c0) * 1e-9,
                        (t1 - t0) * 1e-9,
                        (t2 - t1) * 1e-9,
                        c.sum(),
                        Arrays.hashCode(c.total()));
            }
        }
    }
}
