package org.orrery.physics.paircount;

import java.util.SplittableRandom;
import org.orrery.physics.Sampling;

/**
 * Seeded synthetic catalogs in the cube [0, L)^3, generated in chunks of {@link #CHUNK} points: chunk k uses its own
 * stream derived from (seed, k), so the catalog is the same whichever rank generates which chunk (random numbers are
 * seeded per work item, never per rank). Point i of the catalog has id i.
 *
 * <ul>
 *   <li>{@link #uniform}: Poisson points, ξ = 0.
 *   <li>{@link #blobs}: a clustered demo catalog: a fraction {@code f} of the points in Gaussian blobs (isotropic, σ
 *       drawn log-uniformly in [σ_min, σ_max], centres uniform, equal expected membership), the rest uniform; positions
 *       wrap periodically into the box. Its ξ(r) is large and positive below a few σ and falls towards 0 beyond.
 *   <li>{@link #soneiraPeebles}: the hierarchical model of Soneira &amp; Peebles (1978, AJ 83, 845): a sphere of radius
 *       R holds η spheres of radius R/λ placed uniformly inside it, each holds η of radius R/λ², and so on for
 *       {@code levels} levels; the points are the centres of the η^levels smallest spheres. Trees (top-level spheres)
 *       are centred uniformly in the box. Its ξ(r) is a power law r^−γ with γ = 3 − ln η / ln λ between R/λ^(levels−1)
 *       and R (η = 2, λ = 1.9: γ ≈ 1.92, the galaxy value).
 * </ul>
 */
public final class CatalogGenerator {
    /** Points per work item (stream). */
    public static final int CHUNK = 1 << 16;

    private CatalogGenerator() {}

    /** The stream of work item k of a catalog with this seed (SplitMix64 finalizer of both). */
    public static SplittableRandom stream(long seed, long item) {
        long z = seed * 0x9E3779B97F4A7C15L + item + 0x632BE59BD9B4E019L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return new SplittableRandom(z ^ (z >>> 31));
    }

    /** Appends chunk k of a catalog (points k·CHUNK ..., ids = catalog rows) to {@code out}. */
    @FunctionalInterface
    public interface ChunkFn {
        void chunk(long k, PointSet out);
    }

    /** A seeded catalog of {@code size} points made chunk by chunk ({@link #CHUNK} points each). */
    public record Source(long size, ChunkFn chunks) {}

    /** Uniform points in [0, L)^3. */
    public static Source uniform(long seed, long n, double period) {
        return new Source(n, (k, out) -> uniform(seed, n, period, k, out));
    }

    /** The Gaussian-blob catalog. */
    public static Source blobs(long seed, long n, double period, Blobs b) {
        return new Source(n, (k, out) -> blobs(seed, n, period, b, k, out));
    }

    /** The Soneira–Peebles catalog. */
    public static Source soneiraPeebles(long seed, long n, double period, SoneiraPeebles sp) {
        return new Source(n, (k, out) -> soneiraPeebles(seed, n, period, sp, k, out));
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
            out.add(
                    wrap(r.nextDouble() * period, period),
                    wrap(r.nextDouble() * period, period),
                    wrap(r.nextDouble() * period, period),
                    1,
                    i,
                    0);
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
                out.add(
                        wrap(cx[j] + sg[j] * gauss(r), period),
                        wrap(cy[j] + sg[j] * gauss(r), period),
                        wrap(cz[j] + sg[j] * gauss(r), period),
                        1,
                        i,
                        0);
            } else {
                out.add(
                        wrap(r.nextDouble() * period, period),
                        wrap(r.nextDouble() * period, period),
                        wrap(r.nextDouble() * period, period),
                        1,
                        i,
                        0);
            }
        }
    }

    /**
     * Parameters of the Soneira–Peebles model: {@code eta} spheres per sphere, radius ratio {@code lambda} between
     * levels, {@code levels} levels below the top sphere of radius {@code radius}; each tree holds eta^levels points.
     */
    public record SoneiraPeebles(int eta, double lambda, int levels, double radius) {
        public SoneiraPeebles {
            if (eta < 2) {
                throw new IllegalArgumentException("Soneira-Peebles eta must be at least 2, got " + eta);
            }
            if (!(lambda > 1) || !Double.isFinite(lambda)) {
                throw new IllegalArgumentException("Soneira-Peebles lambda must be > 1, got " + lambda);
            }
            if (levels < 1 || Math.pow(eta, levels) > CHUNK) {
                throw new IllegalArgumentException("Soneira-Peebles levels must be >= 1 with eta^levels <= " + CHUNK
                        + ", got eta " + eta + ", levels " + levels);
            }
            if (!(radius > 0) || !Double.isFinite(radius)) {
                throw new IllegalArgumentException("Soneira-Peebles radius must be positive, got " + radius);
            }
        }

        /** Defaults for a box of side L: η = 2, λ = 1.9, 12 levels (4096 points per tree), R = L/8. */
        public static SoneiraPeebles defaults(double period) {
            return new SoneiraPeebles(2, 1.9, 12, period / 8);
        }

        /** Points per tree. */
        public int perTree() {
            int p = 1;
            for (int l = 0; l < levels; l++) {
                p *= eta;
            }
            return p;
        }

        /** Slope of ξ(r) ∝ r^−γ: γ = 3 − ln η / ln λ. */
        public double gamma() {
            return 3 - Math.log(eta) / Math.log(lambda);
        }
    }

    /**
     * Appends chunk k of an n-point Soneira–Peebles catalog to {@code out}. Tree t is drawn from its own stream (seed,
     * t), so a tree cut by a chunk boundary is the same in both chunks; the last tree is truncated at n points.
     */
    public static void soneiraPeebles(long seed, long n, double period, SoneiraPeebles sp, long k, PointSet out) {
        int per = sp.perTree();
        long first = k * CHUNK;
        long end = Math.min(n, first + CHUNK);
        double[] tree = new double[3 * per];
        for (long t = first / per; t * per < end; t++) {
            tree(stream(seed, Long.MIN_VALUE + t), period, sp, tree); // items far from other catalogs' chunk indices
            long base = t * per;
            for (long i = Math.max(first, base); i < Math.min(end, base + per); i++) {
                int j = (int) (i - base);
                out.add(
                        wrap(tree[3 * j], period),
                        wrap(tree[3 * j + 1], period),
                        wrap(tree[3 * j + 2], period),
                        1,
                        i,
                        0);
            }
        }
    }

    /** One tree's points (unwrapped) into xyz: a centre uniform in the box, then level by level. */
    private static void tree(SplittableRandom r, double period, SoneiraPeebles sp, double[] xyz) {
        xyz[0] = r.nextDouble() * period;
        xyz[1] = r.nextDouble() * period;
        xyz[2] = r.nextDouble() * period;
        int count = 1;
        double radius = sp.radius();
        double[] next = new double[xyz.length];
        double[] cur = xyz;
        double[] d = new double[3];
        for (int l = 0; l < sp.levels(); l++) {
            int m = 0;
            for (int c = 0; c < count; c++) {
                for (int e = 0; e < sp.eta(); e++) {
                    Sampling.inUnitBall(r, d); // uniform in the ball of this radius
                    next[3 * m] = cur[3 * c] + radius * d[0];
                    next[3 * m + 1] = cur[3 * c + 1] + radius * d[1];
                    next[3 * m + 2] = cur[3 * c + 2] + radius * d[2];
                    m++;
                }
            }
            double[] t = cur;
            cur = next;
            next = t;
            count = m;
            radius /= sp.lambda();
        }
        if (cur != xyz) {
            System.arraycopy(cur, 0, xyz, 0, 3 * count);
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
