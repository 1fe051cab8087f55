package org.orrery.sim;

import org.orrery.model.UserError;
import org.orrery.parallel.Comm;
import org.orrery.physics.paircount.PointSet;

/**
 * Loading a catalog of which every rank reads its own part at once (a text file cut at line starts), instead of rank 0
 * reading all of it and dealing chunks ({@link Distributed#read}). The result is the same as the dealt one in
 * everything that reaches the counts and the outputs:
 *
 * <ul>
 *   <li>the same points with the same ids (catalog row numbers): part r's rows are numbered after the rows of parts 0 …
 *       r−1 (an all-gather of the row counts);
 *   <li>the same Σw and Σw² per chunk of {@link Distributed#READ_CHUNK} rows, summed row by row in file order from 0: a
 *       chunk that straddles parts is continued by the next rank from the running sums the previous one passes on (one
 *       message per rank, in rank order), and reported by the rank holding its last row, so
 *       {@link Distributed#weightSums} adds the same numbers in the same order;
 *   <li>the same error: each rank stops at its first bad row; the lowest failing rank's error wins (it is the first in
 *       file order), renumbered by the lines of the parts before it ({@link Part#message}); an empty catalog gives
 *       "catalog NAME has no points".
 * </ul>
 *
 * Which rank holds a point before the decomposition moves it to its owner does not matter: the cell lists order points
 * by (z, id). Every method is collective.
 */
public final class PartedRead {
    private static final int TAG_CARRY = 37;

    private PartedRead() {}

    /** One rank's part of the catalog: rows in file order, and how many lines of the file it has consumed. */
    public interface Part extends Distributed.RowSource {
        /** Lines of the file this part has consumed so far (its own lines only). */
        long lines();

        /**
         * The message of {@code e}, thrown by {@link #read}, as reading the whole file would have put it, given that
         * the parts before this one hold {@code linesBefore} lines.
         */
        String message(UserError e, long linesBefore);
    }

    /** Opens part {@code part} of {@code parts} (called on every rank, part = rank). */
    @FunctionalInterface
    public interface PartOpener {
        Part open(int part, int parts);
    }

    /** collective: every rank reads its part; see the class comment. {@code name} names the input when it is empty. */
    public static Distributed.Loaded read(Comm comm, String name, boolean weights, PartOpener opener) {
        int p = comm.size();
        int rank = comm.rank();
        PointSet mine = new PointSet(weights, 1024);
        UserError failed = null;
        Part part = null;
        long lines = 0;
        try {
            part = opener.open(rank, p);
            double[] rows = new double[4 * Distributed.READ_CHUNK];
            int n;
            while ((n = part.read(rows, Distributed.READ_CHUNK)) > 0) {
                for (int i = 0; i < n; i++) {
                    int o = 4 * i;
                    mine.add(rows[o], rows[o + 1], rows[o + 2], rows[o + 3], mine.size(), 0);
                }
            }
        } catch (UserError e) {
            failed = e;
        } finally {
            if (part != null) {
                lines = part.lines();
                try {
                    part.close();
                } catch (UserError e) {
                    failed = failed == null ? e : failed;
                }
            }
        }
        long[] linesOf = comm.allGather(lines); // collective
        long before = 0;
        for (int q = 0; q < rank; q++) {
            before += linesOf[q];
        }
        String error = failed == null ? null : part == null ? failed.getMessage() : part.message(failed, before);
        comm.agree(error); // collective
        long[] counts = comm.allGather((long) mine.size()); // collective
        long first = 0;
        long total = 0;
        for (int q = 0; q < p; q++) {
            first += q < rank ? counts[q] : 0;
            total += counts[q];
        }
        comm.agree(total == 0 && rank == 0 ? "catalog " + name + " has no points" : null); // collective
        mine.offsetIds(first);
        Distributed.ChunkSums sums = chunkSums(comm, mine, first, total); // collective
        mine.trim();
        return sums.finish(mine);
    }

    /**
     * collective: Σw and Σw² of every chunk this rank holds the last row of, each summed from 0 in row order over the
     * whole chunk (the running sums of a chunk begun on earlier ranks arrive from rank − 1).
     */
    private static Distributed.ChunkSums chunkSums(Comm comm, PointSet mine, long first, long total) {
        int rank = comm.rank();
        long c = Distributed.READ_CHUNK;
        double[] carry = {-1, 0, 0}; // chunk, Σw, Σw² so far; chunk -1: nothing carried
        if (rank > 0) {
            comm.recv(carry, rank - 1, TAG_CARRY); // in rank order
        }
        Distributed.ChunkSums sums = new Distributed.ChunkSums();
        int n = mine.size();
        double sw = 0;
        double sw2 = 0;
        for (int i = 0; i < n; i++) {
            long g = first + i;
            long k = g / c;
            if (i == 0 && carry[0] == k) {
                sw = carry[1];
                sw2 = carry[2];
            } else if (i == 0 || g % c == 0) {
                sw = 0;
                sw2 = 0;
            }
            double w = mine.w(i);
            sw += w;
            sw2 += w * w;
            if (g % c == c - 1 || g == total - 1) {
                sums.add(k, sw, sw2);
            }
        }
        double[] out = carry;
        if (n > 0) {
            long last = first + n - 1;
            boolean closed = last % c == c - 1 || last == total - 1;
            long k = last / c;
            out = closed ? new double[] {-1, 0, 0} : new double[] {k, sw, sw2};
        }
        if (rank < comm.size() - 1) {
            comm.send(out, 3, rank + 1, TAG_CARRY);
        }
        return sums;
    }
}
