package org.orrery.physics.paircount;

import java.util.SplittableRandom;

/**
 * Seeded synthetic catalogs in the cube [0, L)^3, generated in chunks of {@link #CHUNK} points:
 * chunk k uses its own stream derived from (seed, k), so the catalog is the same whichever rank
 * generates which chunk (random numbers are seeded per work item, never per rank). Point i of the
 * catalog has id i.
 *
 * <ul>
 * <li>{@link #uniform}: Poisson points, ξ = 0.</li>
 * <li>{@link #blobs}: a clustered demo catalog: a fraction {@code f} of the points in Gaussian
 *     blobs (isotropic, σ drawn log-uniformly in [σ_min, σ_max], centres uniform, equal expected
 *     membership), the rest uniform; positions wrap periodically into the box. Its ξ(r) is large
 *     and positive below a few σ and falls towards 0 beyond.</li>
 * </ul>
 */
public final class CatalogGenerator {
    /** Points per work item (stream). */
    public static final int CHUNK = 1 << 16;

    private CatalogGenerator() {
    }

    /** The stream of work item k of a catalog with this seed (SplitMix64 finalizer of both). */
    public static SplittableRandom stream(long seed, long item) {
        long z = seed * 0x9E3779B97F4A7C15L + item + 0x632BE59BD9B4E019L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return new SplittableRandom(z ^ (z >>> 31));
    }

    /** Number of chunks of an n-point catalog. */
    public static long chunks(long n) {
        return (n + CHUNK - 1) / CHUNK;
    }

    /** Appends chunk k of an n-point uniform catalog to {@code out}. */
    public static void uniform(long seed, long n, double period, long k, PointSet out) {
        SplittableRandom r = stream(seed, k);
        long end = Math.min(n, (k + 1) * CHUNK);
        for (long i = k * CHUNK; i < end; i++) {
            out.add(wrap(r.nextDouble() * period, period), wrap(r.nextDouble() * period, period),
                    wrap(r.nextDouble() * period, period), 1, i, 0);
        }
    }

    /** Parameters of the clustered catalog. */
    public record Blobs(int count, double fraction, double sigmaMin, double sigmaMax) {
        /** Defaults for a box of side L: n/250 blobs (at least 1), 70 % clustered, σ in [L/250, L/50]. */
        public static Blobs defaults(long n, double period) {
            return new Blobs((int) Math.max(1, Math.min(1_000_000, n / 250)), 0.7, period / 250, period / 50);
        }
    }

    /** Appends chunk k of an n-point clustered catalog to {@code out}. */
    public static void blobs(long seed, long n, double period, Blobs b, long k, PointSet out) {
        // Blob centres and sizes: work item -1 of the same seed, identical on every rank.
        SplittableRandom c = stream(seed, -1);
        double[] cx = new double[b.count()];
        double[] cy = new double[b.count()];
        double[] cz = new double[b.count()];
        double[] sg = new double[b.count()];
        double lmin = Math.log(b.sigmaMin());
        double lspan = Math.log(b.sigmaMax()) - lmin;
        for (int j = 0; j < b.count(); j++) {
            cx[j] = c.nextDouble() * period;
            cy[j] = c.nextDouble() * period;
            cz[j] = c.nextDouble() * period;
            sg[j] = Math.exp(lmin + lspan * c.nextDouble());
        }
        SplittableRandom r = stream(seed, k);
        long end = Math.min(n, (k + 1) * CHUNK);
        for (long i = k * CHUNK; i < end; i++) {
            if (r.nextDouble() < b.fraction()) {
                int j = r.nextInt(b.count());
                out.add(wrap(cx[j] + sg[j] * gauss(r), period), wrap(cy[j] + sg[j] * gauss(r), period),
                        wrap(cz[j] + sg[j] * gauss(r), period), 1, i, 0);
            } else {
                out.add(wrap(r.nextDouble() * period, period), wrap(r.nextDouble() * period, period),
                        wrap(r.nextDouble() * period, period), 1, i, 0);
            }
        }
    }

    /** Standard normal deviate (Box–Muller, one of the pair; depends only on the stream). */
    static double gauss(SplittableRandom r) {
        double u = 1.0 - r.nextDouble();
        double v = r.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }

    /** x mapped into [0, L). */
    public static double wrap(double x, double period) {
        double w = x - period * Math.floor(x / period);
        return w >= period || w < 0 ? 0 : w;
    }
}
