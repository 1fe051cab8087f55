import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.orrery.physics.paircount.Bins;
import org.orrery.physics.paircount.PointSet;
import org.orrery.physics.paircount.SkyPoints;
import org.orrery.physics.paircount.SurveyBinning;
import org.orrery.physics.paircount.SurveyCounter;
import org.orrery.physics.paircount.SurveyCounts;

/**
 * The pair phase of the survey counter ({@code SurveyCounter.auto}, as bench survey times it) on bench survey's
 * catalogs (same seed and order: 10^6 box points, then 3·10^5 sky points), after two warm-ups: prints, per
 * repetition, process CPU seconds, wall seconds and a hash of the counts. Usage: {@code java [--add-modules
 * jdk.incubator.vector] [-Dorrery.kernels=scalar] -cp CLASSES SurveyPhase.java rppi|theta THREADS REFINE REPS}.
 */
public final class SurveyPhase {
    public static void main(String[] a) {
        int n = 1_000_000;
        int thetaN = 300_000;
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
                ? SurveyBinning.theta(Bins.log(0.01, 0.5, 15))
                : SurveyBinning.rppi(Bins.log(0.5, 30, 15), 40, 40, false, 1000);
        int threads = Integer.parseInt(a[1]);
        int refine = Integer.parseInt(a[2]);
        int reps = Integer.parseInt(a[3]);
        SurveyCounter.auto(d, b, 0, refine, threads);
        SurveyCounter.auto(d, b, 0, refine, threads);
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        for (int k = 0; k < reps; k++) {
            long c0 = os.getProcessCpuTime();
            long t0 = System.nanoTime();
            SurveyCounts c = SurveyCounter.auto(d, b, 0, refine, threads);
            System.out.printf(
                    "%s t%d r%d cpu %.3f wall %.3f sum %d hash %d%n",
                    a[0],
                    threads,
                    refine,
                    (os.getProcessCpuTime() - c0) * 1e-9,
                    (System.nanoTime() - t0) * 1e-9,
                    c.sum(),
                    Arrays.hashCode(c.total()));
        }
    }
}
