package org.orrery.sim;

import java.util.Arrays;
import org.orrery.model.UserError;
import org.orrery.parallel.Comm;
import org.orrery.physics.paircount.Blocks;
import org.orrery.physics.paircount.CatalogGenerator;
import org.orrery.physics.paircount.GridSpec;
import org.orrery.physics.paircount.PairCounter;
import org.orrery.physics.paircount.PointSet;
import org.orrery.physics.paircount.Slabs;

/**
 * The communication steps of the distributed pair count, all written against {@link Comm}: loading a catalog so that no
 * rank holds all of it, moving points to the owners of their slabs or blocks, and the halo exchange. Every method is
 * collective (called by every rank in the same order).
 *
 * <p>Reading goes through a {@link RowSource} that rank 0 opens (the caller adapts a catalog reader to it), so this
 * layer does not depend on file formats.
 *
 * <p>Point messages carry 5 doubles per point (x, y, z, w, id) or 6 for halos (plus the unwrapped plane); ids are
 * catalog rows (exact in a double below 2^53). Every exchange sends the count first, then the payload (Comm.sendRecv).
 */
public final class Distributed {
    private static final int TAG_DATA = 31;
    private static final int TAG_STOP = 32;
    private static final int TAG_COUNT = 33;
    private static final int TAG_POINTS = 34;
    private static final int TAG_HCOUNT = 35;
    private static final int TAG_HALO = 36;
    /** Points per chunk read by rank 0 and sent on. */
    static final int READ_CHUNK = 1 << 15;

    /** A dealt chunk's header: its first row number, its chunk number, the rows expected in all (0: unknown). */
    private static final int HEAD = 3;

    private Distributed() {}

    /**
     * Rows of a catalog, read in order on rank 0: {@code x y z w} per row, packed in {@code rows}. Bad input is
     * reported as a {@link UserError} naming the input.
     */
    public interface RowSource extends AutoCloseable {
        /** Reads up to {@code max} rows into {@code rows[4 i .. 4 i + 3]}; returns how many (0 at the end). */
        int read(double[] rows, int max);

        /** Rows read so far. */
        long rows();

        /** An estimate of the rows in all, to size buffers once (0: unknown); may be asked after each read. */
        default long expectedRows() {
            return 0;
        }

        /** Closes the input; a failure is a {@link UserError} naming it. */
        @Override
        void close();
    }

    /** Opens a {@link RowSource} on rank 0 (only rank 0 calls it). */
    @FunctionalInterface
    public interface RowSourceOpener {
        RowSource open();
    }

    /** What loading left on this rank: its staged points and, per chunk it holds, Σw and Σw² in chunk order. */
    public record Loaded(PointSet points, long[] chunkIndex, double[] chunkSumW, double[] chunkSumW2) {}

    /**
     * collective: rank 0 reads the catalog in chunks of {@link #READ_CHUNK} rows and deals chunk k to rank k mod size;
     * it never holds more than its own share plus one chunk. A read error on rank 0 stops the dealing, and every rank
     * then fails together with its message. {@code name} names the input in the error for an empty catalog.
     */
    public static Loaded read(Comm comm, String name, boolean weights, RowSourceOpener opener) {
        int p = comm.size();
        int rank = comm.rank();
        double[] buf = new double[HEAD + 4 * READ_CHUNK];
        PointSet mine = new PointSet(weights, 1024);
        ChunkSums sums = new ChunkSums();
        String error = null;
        if (rank == 0) {
            long chunk = 0;
            double[] rows = new double[4 * READ_CHUNK];
            try (RowSource reader = opener.open()) {
                while (true) {
                    long first = reader.rows();
                    int n = reader.read(rows, READ_CHUNK);
                    if (n == 0) {
                        break;
                    }
                    long expected = reader.expectedRows();
                    if (chunk == 0) {
                        presize(mine, expected, p);
                    }
                    int dest = (int) (chunk % p);
                    if (dest == 0) {
                        unpack(rows, 0, n, first, chunk, mine, sums);
                    } else {
                        buf[0] = first;
                        buf[1] = chunk;
                        buf[2] = expected;
                        System.arraycopy(rows, 0, buf, HEAD, 4 * n);
                        comm.send(buf, HEAD + 4 * n, dest, TAG_DATA);
                    }
                    chunk++;
                }
                if (reader.rows() == 0) {
                    error = "catalog " + name + " has no points";
                }
            } catch (UserError e) {
                error = e.getMessage();
            }
            double[] none = new double[1];
            for (int r = 1; r < p; r++) {
                comm.send(none, 0, r, TAG_STOP);
            }
        } else {
            while (true) {
                Comm.Received got = comm.recv(buf, 0, Comm.ANY_TAG);
                if (got.tag() == TAG_STOP) {
                    break;
                }
                int n = (got.count() - HEAD) / 4;
                if (mine.size() == 0) {
                    presize(mine, (long) buf[2], p);
                }
                unpack(buf, HEAD, n, (long) buf[0], (long) buf[1], mine, sums);
            }
        }
        comm.agree(error); // collective
        mine.trim();
        return sums.finish(mine);
    }

    /** Sizes a rank's share once for {@code expected} rows in all (0: unknown) instead of growing it. */
    private static void presize(PointSet mine, long expected, int ranks) {
        long e = expected / ranks + READ_CHUNK;
        mine.ensureCapacity((int) Math.min(Integer.MAX_VALUE - 16, Math.max(e, 0)));
    }

    private static void unpack(double[] a, int off, int n, long firstId, long chunk, PointSet out, ChunkSums sums) {
        double sw = 0;
        double sw2 = 0;
        for (int i = 0; i < n; i++) {
            int o = off + 4 * i;
            out.add(a[o], a[o + 1], a[o + 2], a[o + 3], firstId + i, 0);
            sw += a[o + 3];
            sw2 += a[o + 3] * a[o + 3];
        }
        sums.add(chunk, sw, sw2);
    }

    /** Per-chunk weight sums, in the order chunks arrived (ascending chunk index on each rank). */
    static final class ChunkSums {
        long[] idx = new long[8];
        double[] sw = new double[8];
        double[] sw2 = new double[8];
        int n;

        void add(long chunk, double a, double b) {
            if (n == idx.length) {
                idx = Arrays.copyOf(idx, 2 * n);
                sw = Arrays.copyOf(sw, 2 * n);
                sw2 = Arrays.copyOf(sw2, 2 * n);
            }
            idx[n] = chunk;
            sw[n] = a;
            sw2[n] = b;
            n++;
        }

        Loaded finish(PointSet pts) {
            return new Loaded(pts, Arrays.copyOf(idx, n), Arrays.copyOf(sw, n), Arrays.copyOf(sw2, n));
        }
    }

    /** Generates this rank's chunks (k = rank, rank + size, ...) of a synthetic catalog. */
    public static Loaded generate(Comm comm, CatalogGenerator.Source source) {
        long n = source.size();
        PointSet mine = new PointSet(false, (int) Math.min(Integer.MAX_VALUE - 16, n / comm.size() + 16));
        ChunkSums sums = new ChunkSums();
        for (long k = comm.rank(); k < CatalogGenerator.chunks(n); k += comm.size()) {
            int before = mine.size();
            source.chunks().chunk(k, mine);
            double c = mine.size() - before;
            sums.add(k, c, c);
        }
        return sums.finish(mine);
    }

    /**
     * collective: Σw and Σw² over the catalog, summed chunk by chunk in chunk order on rank 0 and broadcast, so the
     * values do not depend on the number of ranks.
     */
    public static double[] weightSums(Comm comm, Loaded l) {
        double[] mine = new double[l.chunkIndex().length * 3];
        for (int i = 0; i < l.chunkIndex().length; i++) {
            mine[3 * i] = l.chunkIndex()[i];
            mine[3 * i + 1] = l.chunkSumW()[i];
            mine[3 * i + 2] = l.chunkSumW2()[i];
        }
        double[] all = comm.gatherVariable(mine, 0).data(); // collective
        double[] out = new double[2];
        if (comm.rank() == 0) {
            int chunks = all.length / 3;
            double[] sw = new double[chunks];
            double[] sw2 = new double[chunks];
            for (int i = 0; i < chunks; i++) {
                int k = (int) all[3 * i];
                sw[k] = all[3 * i + 1];
                sw2[k] = all[3 * i + 2];
            }
            for (int k = 0; k < chunks; k++) {
                out[0] += sw[k];
                out[1] += sw2[k];
            }
        }
        comm.bcast(out, 0, 2, 0); // collective
        return out;
    }

    /**
     * collective: sends every point to the rank owning its plane (rounds k = 1..size-1: to rank r + k, from rank r - k;
     * counts first, then payload). Returns this rank's own points with planes assigned: on one rank, {@code staged}
     * itself (planes assigned in place, no copy).
     */
    public static PointSet redistribute(Comm comm, GridSpec g, int[] bounds, PointSet staged) {
        return redistribute(comm, g, (x, y) -> Slabs.owner(bounds, g.planeOf(x)), staged);
    }

    /** The rank owning the point at (x, y). */
    @FunctionalInterface
    public interface Owner {
        int of(double x, double y);
    }

    /**
     * collective: as {@link #redistribute(Comm, GridSpec, int[], PointSet)} for any owner map (e.g.
     * {@link Blocks#ownerOf}); on one rank the staged set itself, planes assigned.
     */
    public static PointSet redistribute(Comm comm, GridSpec g, Owner owners, PointSet staged) {
        int p = comm.size();
        int rank = comm.rank();
        if (p == 1) { // every point is this rank's: the staged set as it is, in the same order
            PairCounter.assignPlanes(g, staged);
            return staged;
        }
        int n = staged.size();
        int[] owner = new int[n];
        int[] perDest = new int[p];
        for (int i = 0; i < n; i++) {
            owner[i] = owners.of(staged.x(i), staged.y(i));
            perDest[owner[i]]++;
        }
        int[] start = new int[p + 1]; // the points of rank d: order[start[d] .. start[d + 1]), in staged order
        for (int d = 0; d < p; d++) {
            start[d + 1] = start[d] + perDest[d];
        }
        int[] order = new int[n];
        int[] next = Arrays.copyOf(start, p);
        for (int i = 0; i < n; i++) {
            order[next[owner[i]]++] = i;
        }
        owner = null;
        // Counts first (rounds k = 1..p-1), so that this rank's set is made at its final size.
        long[] cnt = new long[1];
        long[] got = new long[1];
        int total = perDest[rank];
        int most = 0;
        int mostIn = 0;
        for (int k = 1; k < p; k++) {
            int dest = (rank + k) % p;
            cnt[0] = perDest[dest];
            comm.sendRecv(cnt, 1, dest, got, (rank - k + p) % p, TAG_COUNT);
            int incoming = Math.toIntExact(got[0]);
            total = Math.addExact(total, incoming);
            most = Math.max(most, perDest[dest]);
            mostIn = Math.max(mostIn, incoming);
        }
        PointSet own = staged.emptyLike(total);
        own.appendGathered(staged, order, start[rank], start[rank + 1]);
        int width = staged.packedWidth(false); // columns: x y z [w] id [label]
        double[] out = new double[Math.max(1, Math.multiplyExact(width, most))];
        double[] in = new double[Math.max(1, Math.multiplyExact(width, mostIn))];
        for (int k = 1; k < p; k++) {
            int dest = (rank + k) % p;
            int m = staged.pack(order, start[dest], start[dest + 1], false, out);
            int received = comm.sendRecv(out, m, dest, in, (rank - k + p) % p, TAG_POINTS);
            own.unpack(in, received / width, false);
        }
        PairCounter.assignPlanes(g, own);
        own.trim();
        return own;
    }

    /**
     * collective: the halo of this rank: every point of the planes in {@link Slabs#haloRange} (from whichever ranks own
     * them, itself included when the periodic wrap comes back to it), x shifted by +L for images past the box. Round k
     * sends to rank r - k what it needs from r and receives from r + k.
     */
    public static PointSet halo(Comm comm, GridSpec g, int[] bounds, PointSet own) {
        int p = comm.size();
        int rank = comm.rank();
        int rounds = Slabs.haloRounds(g, bounds);
        PointSet halo = own.emptyLike(1024);
        int[] mineRange = Slabs.haloRange(g, bounds, rank);
        PairCounter.selectHalo(g, own, mineRange[0], mineRange[1], halo);
        for (int k = 1; k < rounds; k++) {
            int dest = (rank - k + p) % p;
            int src = (rank + k) % p;
            int[] range = Slabs.haloRange(g, bounds, dest);
            PointSet sel = own.emptyLike(64);
            PairCounter.selectHalo(g, own, range[0], range[1], sel);
            exchange(comm, sel, dest, src, halo);
        }
        halo.trim();
        return halo;
    }

    /**
     * collective: the halo of this rank's block ({@link Blocks#selectHalo}): its own contribution locally, then one
     * send-receive round per offset k of {@link Blocks#haloOffsets} (to rank r + k, from rank r - k; counts first, then
     * payload).
     */
    public static PointSet halo(Comm comm, Blocks blocks, PointSet own) {
        int p = comm.size();
        int rank = comm.rank();
        PointSet halo = own.emptyLike(1024);
        blocks.selectHalo(own, rank, halo);
        for (int k : blocks.haloOffsets()) {
            int dest = (rank + k) % p;
            int src = (rank - k + p) % p;
            PointSet sel = own.emptyLike(64);
            blocks.selectHalo(own, dest, sel);
            exchange(comm, sel, dest, src, halo);
        }
        halo.trim();
        return halo;
    }

    /** collective (pairwise): sends {@code sel} to dest and appends what src sends to {@code halo}. */
    private static void exchange(Comm comm, PointSet sel, int dest, int src, PointSet halo) {
        int width = sel.packedWidth(true); // columns: x y z [w] id plane [label]
        double[] out = new double[Math.max(1, Math.multiplyExact(width, sel.size()))];
        sel.pack(null, 0, sel.size(), true, out);
        long[] cnt = {sel.size()};
        long[] got = new long[1];
        comm.sendRecv(cnt, 1, dest, got, src, TAG_HCOUNT);
        double[] in = new double[(int) Math.max(1, width * got[0])];
        int n = comm.sendRecv(out, width * sel.size(), dest, in, src, TAG_HALO);
        halo.unpack(in, n / width, true);
    }
}
