package org.orrery.physics.paircount;

/**
 * Brute-force survey pair counts: every pair once, binned by {@link PairBinner}; the oracle of {@link SurveyCounter} in
 * tests. Periodic box separations use the minimum image ({@code d -= L} when {@code d > L/2}, {@code d += L} when
 * {@code d < -L/2}), which equals the cell lists' image shift exactly whenever coordinates are exactly representable in
 * few bits. O(N²); pure, stateless.
 */
public final class SurveyBrute {
    private SurveyBrute() {}

    /** Auto-count with jackknife histograms (patch = label when {@code patches > 0}). */
    public static SurveyCounts auto(PointSet d, SurveyBinning b, int patches) {
        return count(d, d, true, b, patches, -1);
    }

    /** Cross-count D1 × D2 with jackknife histograms. */
    public static SurveyCounts cross(PointSet d1, PointSet d2, SurveyBinning b, int patches) {
        return count(d1, d2, false, b, patches, -1);
    }

    /** Auto-count of the catalog with every point of patch {@code k} removed (an independent recount). */
    public static long[] autoWithout(PointSet d, SurveyBinning b, int k) {
        return count(d, d, true, b, 0, k).total();
    }

    /** Cross-count with every point of patch {@code k} (in either catalog) removed. */
    public static long[] crossWithout(PointSet d1, PointSet d2, SurveyBinning b, int k) {
        return count(d1, d2, false, b, 0, k).total();
    }

    private static SurveyCounts count(
            PointSet d1, PointSet d2, boolean auto, SurveyBinning b, int patches, int without) {
        PairBinner p = new PairBinner(b);
        SurveyCounts out = new SurveyCounts(b.size(), patches);
        long[] tot = out.totalArray();
        long[] touch = out.touchArray();
        int nb = b.size();
        double l = b.period();
        for (int i = 0; i < d1.size(); i++) {
            int ki = d1.label(i);
            if (without >= 0 && ki == without) {
                continue;
            }
            for (int j = auto ? i + 1 : 0; j < d2.size(); j++) {
                int kj = d2.label(j);
                if (without >= 0 && kj == without) {
                    continue;
                }
                int bin = bin(p, b, l, d1.x(i), d1.y(i), d1.z(i), d2.x(j), d2.y(j), d2.z(j));
                if (bin < 0) {
                    continue;
                }
                tot[bin]++;
                if (patches > 0) {
                    touch[ki * nb + bin]++;
                    if (kj != ki) {
                        touch[kj * nb + bin]++;
                    }
                }
            }
        }
        return out;
    }

    /** The bin of the pair (i, j) as the counters bin it (minimum image in a periodic box), or −1. */
    static int bin(
            PairBinner p, SurveyBinning b, double l, double xi, double yi, double zi, double xj, double yj, double zj) {
        if (b.sky()) {
            return switch (b.mode()) {
                case RPPI -> p.rppiSky(xi, yi, zi, xj, yj, zj);
                case SMU -> p.smuSky(xi, yi, zi, xj, yj, zj);
                case R -> p.r(xj - xi, yj - yi, zj - zi);
                case THETA -> p.theta(xj - xi, yj - yi, zj - zi);
            };
        }
        double dx = image(xj - xi, l);
        double dy = image(yj - yi, l);
        double dz = image(zj - zi, l);
        return switch (b.mode()) {
            case RPPI -> p.rppiBox(dx, dy, dz);
            case R -> p.r(dx, dy, dz);
            case SMU, THETA -> p.smuBox(dx, dy, dz);
        };
    }

    private static double image(double d, double l) {
        if (l > 0) {
            if (d > l / 2) {
                return d - l;
            }
            if (d < -l / 2) {
                return d + l;
            }
        }
        return d;
    }
}
