package org.orrery.physics.paircount;

import java.util.SplittableRandom;
import org.orrery.model.UserError;

/**
 * Jackknife patches: K regions, each point's patch a pure function of its position, so every rank labels its own points
 * and the labels never depend on the number of ranks or threads.
 *
 * <p><b>Sky</b> ({@link #kmeans}): spherical k-means on unit vectors (Lloyd's algorithm with cosine similarity, centres
 * = normalised sums of their members), seeded by k-means++ from a {@link SplittableRandom} of the given seed; it runs
 * on a deterministic subsample (every {@code ceil(n / maxSample)}-th row of the catalog in file order), ties go to the
 * lower index, sums run in row order: the same centres from the same catalog, seed and K whatever else runs. A point's
 * patch is the centre of largest {@code v · c} (its direction; the distance does not matter). <b>Box</b>
 * ({@link #cubes}): K = m³ equal cubes of the box (or the bounding box). Immutable after construction; thread-safe.
 */
public final class Patches {
    private final int k;
    /** Sky: unit centres (3 per patch). Box: null. */
    private final double[] centres;

    private final double[] lo;
    private final double side;
    private final int m;

    private Patches(int k, double[] centres, double[] lo, double side, int m) {
        this.k = k;
        this.centres = centres;
        this.lo = lo;
        this.side = side;
        this.m = m;
    }

    public int count() {
        return k;
    }

    /** Sky centres as unit vectors (x, y, z per patch; a copy), or null for cubes. */
    public double[] centres() {
        return centres == null ? null : centres.clone();
    }

    /** Patches from given unit centres (e.g. read back or broadcast). */
    public static Patches ofCentres(double[] centres) {
        return new Patches(centres.length / 3, centres.clone(), null, 0, 0);
    }

    /**
     * Box patches: K = m³ cubes of side {@code side / m} starting at {@code lo} (x, y, z); K must be a perfect cube.
     */
    public static Patches cubes(int patches, double[] lo, double side) {
        int mm = (int) Math.round(Math.cbrt(patches));
        if (patches < 1 || mm * mm * mm != patches) {
            throw new UserError("box jackknife patches are m^3 equal cubes: the number of patches must be a cube"
                    + " (8, 27, 64, 125, ...), got " + patches);
        }
        if (!(side > 0)) {
            throw new UserError("box side for jackknife cubes must be > 0, got " + side);
        }
        return new Patches(patches, null, lo.clone(), side, mm);
    }

    /**
     * Sky patches by spherical k-means of the directions {@code (x, y, z)} (any length; normalised here) of the first
     * {@code n} points.
     */
    public static Patches kmeans(
            double[] x,
            double[] y,
            double[] z,
            int n,
            int patches,
            long seed,
            int maxSample,
            int iterations,
            String source) {
        if (patches < 1) {
            throw new UserError("the number of jackknife patches must be at least 1, got " + patches);
        }
        if (n < patches) {
            throw new UserError("cannot make " + patches + " jackknife patches from " + n + " points, " + source);
        }
        int stride = (int) Math.max(1, (n + (long) maxSample - 1) / maxSample);
        int s = (n + stride - 1) / stride;
        double[] u = new double[3 * s];
        for (int i = 0, r = 0; i < s; i++, r += stride) {
            double norm = Math.sqrt(x[r] * x[r] + y[r] * y[r] + z[r] * z[r]);
            u[3 * i] = x[r] / norm;
            u[3 * i + 1] = y[r] / norm;
            u[3 * i + 2] = z[r] / norm;
        }
        double[] c = plusPlus(u, s, Math.min(patches, s), seed);
        int kk = c.length / 3;
        int[] label = new int[s];
        java.util.Arrays.fill(label, -1);
        Patches p = new Patches(kk, c, null, 0, 0);
        for (int it = 0; it < iterations; it++) {
            boolean changed = false;
            for (int i = 0; i < s; i++) {
                int a = p.nearest(u[3 * i], u[3 * i + 1], u[3 * i + 2]);
                changed |= a != label[i];
                label[i] = a;
            }
            if (!changed) {
                break;
            }
            double[] sum = new double[3 * kk];
            for (int i = 0; i < s; i++) {
                for (int d = 0; d < 3; d++) {
                    sum[3 * label[i] + d] += u[3 * i + d];
                }
            }
            for (int j = 0; j < kk; j++) {
                double norm = Math.sqrt(
                        sum[3 * j] * sum[3 * j] + sum[3 * j + 1] * sum[3 * j + 1] + sum[3 * j + 2] * sum[3 * j + 2]);
                if (norm > 0) {
                    for (int d = 0; d < 3; d++) {
                        c[3 * j + d] = sum[3 * j + d] / norm;
                    }
                }
            }
        }
        return p;
    }

    /** k-means++ seeding: first centre uniform, then proportional to (1 - best cosine). */
    private static double[] plusPlus(double[] u, int s, int kk, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] c = new double[3 * kk];
        double[] dist = new double[s];
        int first = rng.nextInt(s);
        System.arraycopy(u, 3 * first, c, 0, 3);
        java.util.Arrays.fill(dist, Double.POSITIVE_INFINITY);
        for (int j = 1; j <= kk; j++) {
            double total = 0;
            for (int i = 0; i < s; i++) {
                double dd = 1 - (u[3 * i] * c[3 * j - 3] + u[3 * i + 1] * c[3 * j - 2] + u[3 * i + 2] * c[3 * j - 1]);
                dist[i] = Math.min(dist[i], Math.max(0, dd));
                total += dist[i];
            }
            if (j == kk) {
                break;
            }
            double t = rng.nextDouble() * total;
            int pick = s - 1;
            for (int i = 0; i < s; i++) {
                t -= dist[i];
                if (t < 0) {
                    pick = i;
                    break;
                }
            }
            System.arraycopy(u, 3 * pick, c, 3 * j, 3);
        }
        return c;
    }

    private int nearest(double x, double y, double z) {
        int best = 0;
        double bd = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < k; j++) {
            double d = x * centres[3 * j] + y * centres[3 * j + 1] + z * centres[3 * j + 2];
            if (d > bd) {
                bd = d;
                best = j;
            }
        }
        return best;
    }

    /** Patch of a point: nearest sky centre by direction, or the cube holding it (clamped to the edges). */
    public int of(double x, double y, double z) {
        if (centres != null) {
            return nearest(x, y, z);
        }
        return cell(x, 0) + m * (cell(y, 1) + m * cell(z, 2));
    }

    private int cell(double v, int axis) {
        int c = (int) Math.floor((v - lo[axis]) / side * m);
        return c < 0 ? 0 : (c >= m ? m - 1 : c);
    }

    /** Labels the points of {@code s} (a labelled set) with their patches; returns the points per patch. */
    public int[] label(PointSet s) {
        if (!s.labelled()) {
            throw new IllegalArgumentException("patches need a labelled point set");
        }
        int[] counts = new int[k];
        for (int i = 0; i < s.size(); i++) {
            int p = of(s.x(i), s.y(i), s.z(i));
            s.setLabel(i, p);
            counts[p]++;
        }
        return counts;
    }

    /**
     * Throws when the catalog has fewer points than patches, or when a patch holds no point (call after the per-patch
     * counts of all ranks are summed), naming the first empty patch and the catalog.
     */
    public static void checkNonEmpty(long[] counts, String source) {
        long total = 0;
        for (long c : counts) {
            total += c;
        }
        if (total < counts.length) {
            throw new UserError(
                    "cannot make " + counts.length + " jackknife patches from " + total + " points, " + source);
        }
        for (int j = 0; j < counts.length; j++) {
            if (counts[j] == 0) {
                throw new UserError("jackknife patch " + j + " of " + counts.length + " holds no point of " + source
                        + "; use fewer patches");
            }
        }
    }
}
