package org.orrery.parallel;

/**
 * Contiguous block decomposition of {@code n} items over {@code p} ranks: rank r owns {@code [start(r), end(r))}; the
 * first {@code n mod p} ranks get one item more. Ranks may own no items when {@code n < p}. Counts and displacements
 * can be scaled by a per-item width (e.g. 3 for x, y, z triplets) for the v-collectives.
 */
public final class BlockDecomposition {
    private final long n;
    private final int p;

    public BlockDecomposition(long n, int p) {
        if (n < 0) {
            throw new IllegalArgumentException("n must be >= 0, got " + n);
        }
        if (p < 1) {
            throw new IllegalArgumentException("p must be >= 1, got " + p);
        }
        this.n = n;
        this.p = p;
    }

    public long n() {
        return n;
    }

    public int parts() {
        return p;
    }

    public long count(int r) {
        check(r);
        return n / p + (r < n % p ? 1 : 0);
    }

    public long start(int r) {
        check(r);
        long base = n / p;
        long extra = n % p;
        return r * base + Math.min(r, extra);
    }

    public long end(int r) {
        return start(r) + count(r);
    }

    /** The rank owning item {@code i}. */
    public int owner(long i) {
        if (i < 0 || i >= n) {
            throw new IndexOutOfBoundsException("item " + i + " not in [0, " + n + ")");
        }
        long base = n / p;
        long extra = n % p;
        long bigBlock = base + 1;
        if (i < extra * bigBlock) {
            return (int) (i / bigBlock);
        }
        return (int) (extra + (i - extra * bigBlock) / base);
    }

    /** Per-rank counts multiplied by {@code width}, as ints for the MPI v-collectives. */
    public int[] counts(int width) {
        int[] c = new int[p];
        for (int r = 0; r < p; r++) {
            c[r] = Math.toIntExact(count(r) * width);
        }
        return c;
    }

    /** Per-rank displacements multiplied by {@code width}. */
    public int[] displs(int width) {
        int[] d = new int[p];
        for (int r = 0; r < p; r++) {
            d[r] = Math.toIntExact(start(r) * width);
        }
        return d;
    }

    private void check(int r) {
        if (r < 0 || r >= p) {
            throw new IndexOutOfBoundsException("rank " + r + " not in [0, " + p + ")");
        }
    }
}
