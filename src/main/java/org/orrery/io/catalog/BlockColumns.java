package org.orrery.io.catalog;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import org.orrery.model.UserError;

/**
 * Three or four columns of a binary catalog read in blocks for {@link CatalogReader}: a FITS binary table through
 * {@link FitsColumnReader} or a NumPy array through {@link NpyReader}. Rows come out packed as {@code x y z w} (w = 1
 * without a weight column); values are not checked here (the catalog reader checks every row). Not thread-safe.
 */
final class BlockColumns implements Closeable {
    /** Reads chosen columns of the next rows ({@link FitsColumnReader#read}, {@link NpyReader#read}). */
    @FunctionalInterface
    private interface BlockRead {
        int read(int[] cols, double[][] out, int max);
    }

    private final Closeable file;
    private final BlockRead reader;
    private final int[] cols;
    private final long rows;
    private double[][] out = new double[0][0];

    private BlockColumns(Closeable file, BlockRead reader, int[] cols, long rows) {
        this.file = file;
        this.reader = reader;
        this.cols = cols;
        this.rows = rows;
    }

    /** Rows in the file (what a reader presizes its arrays for, instead of growing them). */
    long rows() {
        return rows;
    }

    /**
     * The FITS columns {@code zeroBased} (already resolved and checked by nom-tam-fits), or null when
     * {@link FitsColumnReader} cannot decode one of them or sees another row count.
     */
    static BlockColumns fits(Path path, int[] zeroBased, long rows) throws IOException {
        FitsColumnReader f;
        try {
            f = FitsColumnReader.open(path);
        } catch (UserError e) {
            return null; // a layout only nom-tam-fits reads: the caller keeps its per-cell path
        }
        try {
            int[] c = new int[zeroBased.length];
            for (int k = 0; k < c.length; k++) {
                c[k] = f.column(Integer.toString(zeroBased[k] + 1));
            }
            if (f.rows() == rows) {
                return new BlockColumns(f, f::read, c, rows);
            }
        } catch (UserError e) {
            f.close(); // a column type only nom-tam-fits decodes
            return null;
        }
        f.close();
        return null;
    }

    /** The columns {@code spec} (names or 1-based numbers) of a .npy file. */
    static BlockColumns npy(Path path, java.util.function.Function<String[], String[]> spec, int need)
            throws IOException {
        NpyReader r = NpyReader.open(path);
        try {
            String[] names = spec.apply(r.names().toArray(new String[0]));
            int[] c = new int[need];
            for (int k = 0; k < need; k++) {
                c[k] = r.column(names[k]);
            }
            return new BlockColumns(r, r::read, c, r.rows());
        } catch (UserError e) {
            r.close();
            throw e;
        }
    }

    /** Reads up to {@code max} rows into {@code buf} (4 doubles per row); returns how many. */
    int read(double[] buf, int max) {
        if (out.length == 0 || out[0].length < max) {
            out = new double[cols.length][max];
        }
        int n = reader.read(cols, out, max);
        if (cols.length < 3) {
            for (int i = 0; i < n; i++) {
                buf[4 * i + 3] = 1;
                for (int k = 0; k < cols.length; k++) {
                    buf[4 * i + k] = out[k][i];
                }
            }
            return n;
        }
        double[] x = out[0];
        double[] y = out[1];
        double[] z = out[2];
        double[] w = cols.length > 3 ? out[3] : null;
        for (int i = 0; i < n; i++) {
            buf[4 * i] = x[i];
            buf[4 * i + 1] = y[i];
            buf[4 * i + 2] = z[i];
            buf[4 * i + 3] = w == null ? 1 : w[i];
        }
        return n;
    }

    @Override
    public void close() throws IOException {
        file.close();
    }
}
