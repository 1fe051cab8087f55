import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.orrery.physics.paircount.Bins;
import org.orrery.physics.paircount.PairCounter;
import org.orrery.physics.paircount.PointSet;

/**
 * One pair phase of mode r ({@code PairCounter.auto}, as CorrfuncRBench times it) on bench survey's 10^6 points, after
 * two warm-ups: prints process CPU seconds, wall seconds and a hash of the counts. Usage (see ab.sh): {@code java
 * --add-modules jdk.incubator.vector -cp HARNESS:CLASSES PairPhaseCpu N lin|log THREADS REFINE}.
 */
public final class PairPhaseCpu {
    public static void main(String[] a) {
        int n = Integer.parseInt(a[0]);
        Bins bins = a[1].equals("lin") ? Bins.linear(1, 21, 20) : Bins.log(0.5, 30, 15);
        int threads = Integer.parseInt(a[2]);
        int refine = Integer.parseInt(a[3]);
        SplittableRandom r = new SplittableRandom(20261203);
        double[][] xyz = new double[3][n];
        for (int i = 0; i < n; i++) {
            for (int d = 0; d < 3; d++) {
                xyz[d][i] = Math.floor(r.nextDouble() * 1000 * 1048576) / 1048576;
            }
        }
        PointSet p = PointSet.of(xyz[0], xyz[1], xyz[2], null, n);
        var o = new PairCounter.Options(1000, refine, false, false, threads);
        PairCounter.auto(p, bins, o);
        PairCounter.auto(p, bins, o);
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long c0 = os.getProcessCpuTime();
        long t0 = System.nanoTime();
        long[] c = PairCounter.auto(p, bins, o).counts();
        System.out.printf(
                "%.3f %.3f %d%n",
                (os.getProcessCpuTime() - c0) * 1e-9,
                (System.nanoTime() - t0) * 1e-9,
                Arrays.hashCode(c));
    }
}
