package org.orrery.apps.paircount;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.orrery.io.catalog.CatalogReader;
import org.orrery.io.catalog.FitsColumnReader;
import org.orrery.io.catalog.NpyReader;
import org.orrery.model.UserError;
import org.orrery.parallel.Comm;
import org.orrery.physics.paircount.CatalogGenerator;
import org.orrery.physics.paircount.PointSet;
import org.orrery.physics.paircount.SkySoneiraPeebles;
import org.orrery.sim.Distributed;

/**
 * Survey catalogs as three raw columns per row (x y z, or RA Dec redshift/distance, or RA Dec Dec for the angular
 * mode), read by rank 0 and dealt out in chunks ({@link Distributed#read}): text files through {@link CatalogReader},
 * {@code .npy} files through {@link NpyReader} and FITS binary tables through {@link FitsColumnReader} (block reads;
 * both check values are finite). With a 4th column the points are weighted (the weight, checked finite here and * both
 * check values are finite). Points are weighted {@link PointSet}s whose weight slot will hold the jackknife patch.gt;=
 * 0 by the job).
 */
final class SurveyInput {
    private SurveyInput() {}

    /**
     * The columns of a survey mode: the given ones, else 1, 2, 3 (theta: 1, 2, 2 = RA, Dec, Dec) and with weights 4
     * (theta: 3).
     */
    static List<String> columns(List<String> given, SurveyConfig s, boolean weights) {
        if (!given.isEmpty()) {
            return given.size() == 2 ? List.of(given.get(0), given.get(1), given.get(1)) : given;
        }
        boolean theta = s.mode() == SurveyConfig.Mode.THETA;
        if (weights) {
            return theta ? List.of("1", "2", "2", "3") : List.of("1", "2", "3", "4");
        }
        return theta ? List.of("1", "2", "2") : List.of("1", "2", "3");
    }

    /**
     * collective: a catalog file read on rank 0 and dealt out in chunks (raw columns; a 4th column is the weight, and
     * the points are then weighted).
     */
    static Distributed.Loaded read(Comm comm, Path file, List<String> columns, double period) {
        return Distributed.read(comm, file.toString(), columns.size() == 4, () -> open(file, columns, period));
    }

    private static Distributed.RowSource open(Path file, List<String> columns, double period) {
        String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (n.endsWith(".npy")) {
            NpyReader r = NpyReader.open(file);
            return columnSource(file, r, r::column, r::read, columns);
        }
        if (CatalogReader.isFits(file)) {
            FitsColumnReader r = FitsColumnReader.open(file);
            return columnSource(file, r, r::column, r::read, columns);
        }
        CatalogReader reader = CatalogReader.open(file, columns, columns.size() == 4, period);
        return new Distributed.RowSource() {
            @Override
            public int read(double[] rows, int max) {
                return reader.read(rows, max);
            }

            @Override
            public long rows() {
                return reader.rows();
            }

            @Override
            public void close() {
                closeQuietly(file, reader);
            }
        };
    }

    /** Reads columns {@code cols} of the next rows into {@code out}. */
    @FunctionalInterface
    private interface BlockRead {
        int read(int[] cols, double[][] out, int max);
    }

    private static Distributed.RowSource columnSource(
            Path file,
            Closeable reader,
            java.util.function.ToIntFunction<String> column,
            BlockRead block,
            List<String> columns) {
        int nc = columns.size();
        int[] cols = new int[nc];
        try {
            for (int k = 0; k < nc; k++) {
                cols[k] = column.applyAsInt(columns.get(k));
            }
        } catch (UserError e) {
            closeQuietly(file, reader);
            throw e;
        }
        return new Distributed.RowSource() {
            private long done;
            private double[][] out = new double[nc][0];

            @Override
            public int read(double[] rows, int max) {
                if (out[0].length < max) {
                    out = new double[nc][max];
                }
                int n = block.read(cols, out, max);
                for (int i = 0; i < n; i++) {
                    rows[4 * i + 3] = 1;
                    for (int k = 0; k < nc; k++) {
                        double v = out[k][i];
                        if (!Double.isFinite(v)) {
                            throw new UserError(file + " row " + (done + i + 1) + ": column " + columns.get(k) + " is "
                                    + v + " (values must be finite)");
                        }
                        rows[4 * i + k] = v;
                    }
                }
                done += n;
                return n;
            }

            @Override
            public long rows() {
                return done;
            }

            @Override
            public void close() {
                closeQuietly(file, reader);
            }
        };
    }

    private static void closeQuietly(Path file, Closeable c) {
        try {
            c.close();
        } catch (IOException e) {
            throw new UserError("cannot close " + file + ": " + e.getMessage());
        }
    }

    /**
     * A generated sky catalog: Soneira–Peebles trees on the footprint RA [100, 160), Dec [0, 40) ({@code which} 0: the
     * data, seed; 1: uniform randoms, seed + 1, {@code nRandoms} points). Every rank draws the whole catalog
     * (deterministic) and keeps its chunks k = rank, rank + size, ... of {@link CatalogGenerator#chunks} rows, so the
     * points do not depend on the rank count.
     */
    static Distributed.Loaded skyCatalog(Comm comm, PairCountConfig c, SurveyConfig s, boolean randoms, long nRandoms) {
        SkySoneiraPeebles.Footprint f = footprint();
        double[][] radec = randoms
                ? SkySoneiraPeebles.randoms(c.seed() + 1, (int) nRandoms, f)
                : SkySoneiraPeebles.draw(c.seed(), s.skyTrees(), skyModel(c), f);
        long chunk = CatalogGenerator.CHUNK;
        PointSet mine = new PointSet(true, 1024);
        long[] idx = new long[(int) ((radec[0].length + chunk - 1) / chunk)];
        int nk = 0;
        for (long k = comm.rank(); k * chunk < radec[0].length; k += comm.size()) {
            idx[nk++] = k;
            for (long i = k * chunk; i < Math.min(radec[0].length, (k + 1) * chunk); i++) {
                mine.add(radec[0][(int) i], radec[1][(int) i], radec[1][(int) i], 1, i, 0);
            }
        }
        mine.trim();
        return new Distributed.Loaded(mine, java.util.Arrays.copyOf(idx, nk), new double[nk], new double[nk]);
    }

    static SkySoneiraPeebles.Footprint footprint() {
        return new SkySoneiraPeebles.Footprint(100, 160, 0, 40);
    }

    static SkySoneiraPeebles.Model skyModel(PairCountConfig c) {
        return new SkySoneiraPeebles.Model(
                c.spEta(), c.spLambda(), c.spLevels(), c.spRadius() != null ? c.spRadius() : 4.0);
    }
}
