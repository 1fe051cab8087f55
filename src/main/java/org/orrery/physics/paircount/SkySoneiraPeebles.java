package org.orrery.physics.paircount;

import java.util.SplittableRandom;

/**
 * The Soneira &amp; Peebles (1978, AJ 83, 845) hierarchical model drawn directly on the sky: a tree starts from a cap
 * of angular radius Θ₀ centred uniformly in the footprint; each cap holds η caps of radius Θ/λ whose centres are
 * uniform inside it, for {@code levels} levels; the points are the centres of the η^levels smallest caps. Between
 * Θ₀/λ^(levels−1) and Θ₀ its angular correlation is a power law {@code w(θ) ∝ θ^(D−2)}, {@code D = ln η / ln λ} (for D
 * &lt; 2): the 2-D analogue of the 3-D model's ξ ∝ r^(D−3). Footprint: RA [raMin, raMax), Dec [decMin, decMax) in
 * degrees (uniform in sin Dec); points falling outside it are dropped, so a uniform random catalog on the same
 * footprint is its random catalog. Tree t draws from its own stream (seed, t), so the catalog does not depend on who
 * generates it.
 */
public final class SkySoneiraPeebles {
    /** Model parameters (angles in degrees). */
    public record Model(int eta, double lambda, int levels, double radiusDeg) {
        /** The fractal dimension D = ln η / ln λ. */
        public double dimension() {
            return Math.log(eta) / Math.log(lambda);
        }
    }

    /** A footprint in RA and Dec (degrees). */
    public record Footprint(double raMin, double raMax, double decMin, double decMax) {
        boolean contains(double ra, double dec) {
            return ra >= raMin && ra < raMax && dec >= decMin && dec < decMax;
        }

        /** A uniform point: fills ra[i], dec[i]. */
        void uniform(SplittableRandom r, double[] ra, double[] dec, int i) {
            double s0 = Math.sin(Math.toRadians(decMin));
            double s1 = Math.sin(Math.toRadians(decMax));
            ra[i] = raMin + (raMax - raMin) * r.nextDouble();
            dec[i] = Math.toDegrees(Math.asin(s0 + (s1 - s0) * r.nextDouble()));
            if (dec[i] >= decMax) {
                dec[i] = Math.nextDown(decMax);
            }
        }
    }

    private SkySoneiraPeebles() {}

    /** The model's points (ra, dec in degrees), {@code out[0]} RA and {@code out[1]} Dec. */
    public static double[][] draw(long seed, int trees, Model m, Footprint f) {
        int per = 1;
        for (int l = 0; l < m.levels(); l++) {
            per *= m.eta();
        }
        double[] ra = new double[trees * per];
        double[] dec = new double[trees * per];
        int n = 0;
        for (int t = 0; t < trees; t++) {
            SplittableRandom r = CatalogGenerator.stream(seed, t);
            double[] cra = new double[per];
            double[] cdec = new double[per];
            f.uniform(r, cra, cdec, 0);
            int count = 1;
            double radius = m.radiusDeg();
            for (int l = 0; l < m.levels(); l++) {
                double[] nra = new double[count * m.eta()];
                double[] ndec = new double[count * m.eta()];
                for (int c = 0; c < count; c++) {
                    for (int k = 0; k < m.eta(); k++) {
                        offset(r, cra[c], cdec[c], radius, nra, ndec, c * m.eta() + k);
                    }
                }
                cra = nra;
                cdec = ndec;
                count *= m.eta();
                radius /= m.lambda();
            }
            for (int c = 0; c < count; c++) {
                if (f.contains(cra[c], cdec[c])) {
                    ra[n] = cra[c];
                    dec[n] = cdec[c];
                    n++;
                }
            }
        }
        return new double[][] {java.util.Arrays.copyOf(ra, n), java.util.Arrays.copyOf(dec, n)};
    }

    /**
     * A point uniform (in solid angle, for small caps) inside the cap of radius {@code rad} degrees around (ra, dec).
     */
    private static void offset(
            SplittableRandom r, double ra, double dec, double rad, double[] ora, double[] odec, int i) {
        double rho = Math.toRadians(rad) * Math.sqrt(r.nextDouble());
        double phi = 2 * Math.PI * r.nextDouble();
        double d = Math.toRadians(dec);
        double sd = Math.sin(d) * Math.cos(rho) + Math.cos(d) * Math.sin(rho) * Math.cos(phi);
        double d2 = Math.asin(Math.max(-1, Math.min(1, sd)));
        double dra = Math.atan2(Math.sin(phi) * Math.sin(rho) * Math.cos(d), Math.cos(rho) - Math.sin(d) * sd);
        double a = ra + Math.toDegrees(dra);
        a = a % 360;
        ora[i] = a < 0 ? a + 360 : a;
        odec[i] = Math.toDegrees(d2);
    }

    /** {@code n} uniform points on the footprint (the random catalog), from stream (seed, -1). */
    public static double[][] randoms(long seed, int n, Footprint f) {
        SplittableRandom r = CatalogGenerator.stream(seed, -1);
        double[] ra = new double[n];
        double[] dec = new double[n];
        for (int i = 0; i < n; i++) {
            f.uniform(r, ra, dec, i);
        }
        return new double[][] {ra, dec};
    }
}
