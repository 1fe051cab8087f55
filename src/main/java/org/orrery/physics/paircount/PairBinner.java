package org.orrery.physics.paircount;

/**
 * The bin of one pair under a {@link SurveyBinning}: the single place where the conventions are written down as
 * arithmetic (the cell-list kernel {@link SurveyCounter} and the brute-force oracle {@link SurveyBrute} both call these
 * methods). Every formula is symmetric in the two points bit for bit (negating a difference is exact, sums commute), so
 * a pair gets the same bin whichever point comes first. Returns the flat bin {@code primary * sub + subBin}, or -1.
 * Immutable; safe to share between threads.
 */
final class PairBinner {
    final SurveyBinning.Mode mode;
    final Bins primary;
    final int sub;
    final double r2min;
    final double r2max;
    final double pimax;
    final double sqrPimax;
    final double invDpi;
    final double sqrMumax;
    final double invDmu;
    /** Sky (rp, π): rpmax^2 + pimax^2. */
    final double sqrMaxSep;

    final double cosMin;
    final double cosMax;
    final double[] cosEdges;

    PairBinner(SurveyBinning b) {
        mode = b.mode();
        primary = b.primary();
        sub = b.sub();
        r2min = primary.r2min();
        r2max = primary.r2max();
        pimax = b.pimax();
        sqrPimax = pimax * pimax;
        invDpi = mode == SurveyBinning.Mode.RPPI ? 1.0 / (pimax / sub) : 0;
        sqrMumax = b.mumax() * b.mumax();
        invDmu = mode == SurveyBinning.Mode.SMU ? 1.0 / (b.mumax() / sub) : 0;
        double rpmax = primary.rmax();
        sqrMaxSep = rpmax * rpmax + pimax * pimax;
        cosEdges = b.cosEdges();
        cosMin = cosEdges == null ? 0 : cosEdges[0];
        cosMax = cosEdges == null ? 0 : cosEdges[cosEdges.length - 1];
    }

    /** Box (rp, π): line of sight z; d = separation (already minimum-image when periodic). */
    int rppiBox(double dx, double dy, double dz) {
        double adz = Math.abs(dz);
        if (adz >= pimax) {
            return -1;
        }
        double r2 = dx * dx + dy * dy;
        if (r2 >= r2max || r2 < r2min) {
            return -1;
        }
        int pb = (int) (adz * invDpi);
        if (pb >= sub) {
            return -1;
        }
        return primary.binInRange(r2) * sub + pb;
    }

    /** Box (s, μ): line of sight z. */
    int smuBox(double dx, double dy, double dz) {
        double sqrDz = dz * dz;
        double s2 = (dx * dx + dy * dy) + sqrDz;
        if (s2 >= r2max || s2 < r2min) {
            return -1;
        }
        if (sqrDz >= s2 * sqrMumax) {
            return -1;
        }
        int mb = (int) (Math.sqrt(sqrDz / s2) * invDmu);
        if (mb >= sub) {
            return -1;
        }
        return primary.binInRange(s2) * sub + mb;
    }

    /** Sky (rp, π): points i and j in comoving Cartesian coordinates, line of sight v_i + v_j. */
    int rppiSky(double xi, double yi, double zi, double xj, double yj, double zj) {
        double px = xi + xj;
        double py = yi + yj;
        double pz = zi + zj;
        double sx = xj - xi;
        double sy = yj - yi;
        double sz = zj - zi;
        double s2 = sx * sx + sy * sy + sz * sz;
        if (s2 >= sqrMaxSep) {
            return -1;
        }
        double sl = px * sx + py * sy + pz * sz;
        double l2 = px * px + py * py + pz * pz;
        double sl2 = sl * sl;
        if (sl2 >= l2 * sqrPimax) {
            return -1;
        }
        double par2 = sl2 / l2;
        int pb = par2 >= sqrPimax ? sub : (int) (Math.sqrt(par2) * invDpi);
        double perp2 = s2 - par2;
        if (perp2 >= r2max || perp2 < r2min || pb >= sub) {
            return -1;
        }
        return primary.binInRange(perp2) * sub + pb;
    }

    /** Sky (s, μ): line of sight v_i + v_j. */
    int smuSky(double xi, double yi, double zi, double xj, double yj, double zj) {
        double px = xi + xj;
        double py = yi + yj;
        double pz = zi + zj;
        double sx = xj - xi;
        double sy = yj - yi;
        double sz = zj - zi;
        double s2 = sx * sx + sy * sy + sz * sz;
        if (s2 >= r2max || s2 < r2min) {
            return -1;
        }
        double sl = px * sx + py * sy + pz * sz;
        double l2 = px * px + py * py + pz * pz;
        double mu2 = (sl * sl) / (l2 * s2);
        if (mu2 >= sqrMumax) {
            return -1;
        }
        int mb = (int) (Math.sqrt(mu2) * invDmu);
        if (mb >= sub) {
            return -1;
        }
        return primary.binInRange(s2) * sub + mb;
    }

    /** 3-D separation (box or sky), the r mode's arithmetic. */
    int r(double dx, double dy, double dz) {
        double d2 = dx * dx + dy * dy + dz * dz;
        if (d2 >= r2max || d2 < r2min) {
            return -1;
        }
        return primary.binInRange(d2);
    }

    /** Angular: unit vectors, cos θ = 1 - c²/2 with c the chord. */
    int theta(double dx, double dy, double dz) {
        double c2 = dx * dx + dy * dy + dz * dz;
        double ct = 1.0 - 0.5 * c2;
        if (ct > cosMin || ct <= cosMax) {
            return -1;
        }
        int k = cosEdges.length - 2;
        while (ct > cosEdges[k]) {
            k--;
        }
        return k;
    }
}
