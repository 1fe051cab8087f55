import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.orrery.physics.paircount.Bins;
import org.orrery.physics.paircount.ExactSum;
import org.orrery.physics.paircount.Patches;
import org.orrery.physics.paircount.PointSet;
import org.orrery.physics.paircount.SkyPoints;
import org.orrery.physics.paircount.SurveyBinning;
import org.orrery.physics.paircount.SurveyCounter;
import org.orrery.physics.paircount.SurveyCounts;

/**
 * Side-by-side time of weighted vs unweighted survey counting (the counting kernel alone, one process), alternating
 * runs so machine load hits both alike. Usage (catalog: RA Dec D w per line):
 * java -cp target/orrery-all.jar results/paircount/survey/WeightsBench.java CATALOG MODE PATCHES THREADS REPS
 */
public class WeightsBench {
    public static void main(String[] a) throws Exception {
        List<String> lines = Files.readAllLines(Path.of(a[0]));
        int n = lines.size();
        double[] ra = new double[n], dec = new double[n], d = new double[n], w = new double[n];
        for (int i = 0; i < n; i++) {
            String[] f = lines.get(i).trim().split("\\s+");
            ra[i] = Double.parseDouble(f[0]);
            dec[i] = Double.parseDouble(f[1]);
            d[i] = Double.parseDouble(f[2]);
            w[i] = Double.parseDouble(f[3]);
        }
        String mode = a[1];
        int patches = Integer.parseInt(a[2]);
        int threads = Integer.parseInt(a[3]);
        int reps = Integer.parseInt(a[4]);
        PointSet p = mode.equals("theta")
                ? SkyPoints.onSphere(ra, dec, null, n, 0, "bench")
                : SkyPoints.fromDistance(ra, dec, d, null, n, 0, "bench");
        if (patches > 0) {
            Patches.kmeans(p.xs(), p.ys(), p.zs(), n, patches, 1, 100_000, 50, "bench").label(p);
        }
        PointSet pw = new PointSet(true, true, n);
        double lo = Double.POSITIVE_INFINITY, hi = 0;
        for (int i = 0; i < n; i++) {
            pw.add(p.x(i), p.y(i), p.z(i), w[i], p.id(i), 0, p.label(i));
            lo = Math.min(lo, w[i]);
            hi = Math.max(hi, w[i]);
        }
        SurveyBinning b = switch (mode) {
            case "rppi" -> SurveyBinning.rppi(Bins.log(0.5, 20, 15), 40, 40, true, 0);
            case "smu" -> SurveyBinning.smu(Bins.log(0.5, 20, 15), 1.0, 10, true, 0);
            default -> SurveyBinning.theta(Bins.log(0.01, 2, 15));
        };
        ExactSum sums = ExactSum.forProducts(lo, hi);
        System.out.printf("%s N=%d patches=%d threads=%d limbs=%d%n", mode, n, patches, threads, sums.limbs());
        double su = 0, sw = 0;
        for (int r = 0; r <= reps; r++) { // rep 0 is warm-up
            long t0 = System.nanoTime();
            SurveyCounts u = SurveyCounter.auto(p, b, patches, 2, threads);
            long t1 = System.nanoTime();
            SurveyCounts c = SurveyCounter.auto(pw, b, patches, sums, 2, threads);
            long t2 = System.nanoTime();
            if (!java.util.Arrays.equals(u.total(), c.total())) {
                throw new IllegalStateException("counts differ");
            }
            System.out.printf("rep %d unweighted %.3f s weighted %.3f s ratio %.3f pairs %d%n", r, (t1 - t0) / 1e9,
                    (t2 - t1) / 1e9, (t2 - t1) / (double) (t1 - t0), u.sum());
            if (r > 0) {
                su += (t1 - t0) / 1e9;
                sw += (t2 - t1) / 1e9;
            }
        }
        System.out.printf("total unweighted %.3f s weighted %.3f s ratio %.3f%n", su, sw, sw / su);
    }
}
