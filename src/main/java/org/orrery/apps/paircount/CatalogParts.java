package org.orrery.apps.paircount;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.orrery.io.catalog.CatalogReader;
import org.orrery.io.catalog.NpyReader;
import org.orrery.model.UserError;
import org.orrery.parallel.Comm;
import org.orrery.sim.Distributed;
import org.orrery.sim.PartedRead;

/**
 * Reads a text catalog with every rank parsing its own part at once ({@link PartedRead}; the data bytes cut into equal
 * parts at line starts, {@link CatalogReader#openPart}), when there is more than one rank, the catalog is text and
 * every rank can read the same file; otherwise nothing, and the caller deals it from rank 0 ({@link Distributed#read}).
 * Rank 0 first opens the catalog as the whole-file reader does (text check, header line, columns), so those errors are
 * the same; rows, ids, weight sums and row errors are the same as dealing gives (see {@link PartedRead}).
 */
final class CatalogParts {
    private static final int FIELDS = 4;

    private CatalogParts() {}

    /** collective: the catalog read in parts, or null when it must be dealt from rank 0. */
    static Distributed.Loaded read(
            Comm comm, Path file, List<String> columns, boolean weights, double period, int threads) {
        if (comm.size() < 2 || CatalogReader.isFits(file) || NpyReader.isNpy(file)) {
            return null; // binary catalogs are dealt from rank 0 at disk speed
        }
        long[] plan = new long[4 + FIELDS]; // text?, start, lines before, size, fields (or -1)
        String error = null;
        if (comm.rank() == 0) {
            try (CatalogReader r = CatalogReader.open(file, columns, weights, period, 1)) {
                CatalogReader.TextLayout l = r.textLayout();
                if (l != null) {
                    plan[0] = 1;
                    plan[1] = l.start();
                    plan[2] = l.linesBefore();
                    plan[3] = l.size();
                    for (int k = 0; k < FIELDS; k++) {
                        plan[4 + k] = k < l.fields().length ? l.fields()[k] : -1;
                    }
                }
            } catch (UserError e) {
                error = e.getMessage();
            } catch (IOException e) {
                error = "cannot close " + file + ": " + e.getMessage();
            }
        }
        comm.agree(error); // collective
        comm.bcast(plan, 0, plan.length, 0); // collective
        if (plan[0] == 0) {
            return null;
        }
        boolean same;
        try {
            same = Files.isReadable(file) && Files.size(file) == plan[3];
        } catch (IOException e) {
            same = false;
        }
        if (comm.allReduce(same ? 1L : 0L, Comm.Op.MIN) == 0) { // collective
            return null; // some rank cannot see the file: rank 0 deals it
        }
        int nf = weights ? 4 : 3;
        int[] fields = new int[nf];
        for (int k = 0; k < nf; k++) {
            fields[k] = (int) plan[4 + k];
        }
        CatalogReader.TextLayout layout = new CatalogReader.TextLayout(plan[1], plan[2], fields, plan[3]);
        return PartedRead.read(
                comm,
                file.toString(),
                weights,
                (part, parts) -> part(file, layout, weights, period, threads, part, parts));
    }

    private static PartedRead.Part part(
            Path file, CatalogReader.TextLayout layout, boolean weights, double period, int threads, int k, int n) {
        CatalogReader reader = CatalogReader.openPart(file, layout, weights, period, threads, k, n);
        return new PartedRead.Part() {
            @Override
            public int read(double[] rows, int max) {
                return reader.read(rows, max);
            }

            @Override
            public long rows() {
                return reader.rows();
            }

            @Override
            public long lines() {
                return reader.lines() - layout.linesBefore();
            }

            @Override
            public String message(UserError e, long linesBefore) {
                return CatalogReader.inPart(e, linesBefore).getMessage();
            }

            @Override
            public void close() {
                try {
                    reader.close();
                } catch (IOException e) {
                    throw new UserError("cannot close " + file + ": " + e.getMessage());
                }
            }
        };
    }
}
