package org.orrery.io.table;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nom.tam.fits.BinaryTable;
import nom.tam.fits.BinaryTableHDU;
import nom.tam.fits.Fits;
import nom.tam.fits.FitsException;
import org.orrery.io.AtomicFile;

/**
 * A small table of named numeric columns (double or 64-bit integer) with metadata, written atomically as CSV (metadata
 * as leading {@code # key = value} comment lines, then a header line; doubles in Java's shortest round-trip form, so
 * equal values give equal bytes) or as a FITS binary table (metadata as header keywords, keys up to 8 characters).
 */
public final class ColumnTable {
    private final List<String> names = new ArrayList<>();
    private final List<Object> columns = new ArrayList<>();
    private final Map<String, Object> meta = new LinkedHashMap<>();
    private final Map<String, String> comments = new LinkedHashMap<>();
    private int rows = -1;

    public ColumnTable add(String name, double[] values) {
        return addColumn(name, values, values.length);
    }

    public ColumnTable add(String name, long[] values) {
        return addColumn(name, values, values.length);
    }

    private ColumnTable addColumn(String name, Object values, int n) {
        if (rows >= 0 && n != rows) {
            throw new IllegalArgumentException("column " + name + " has " + n + " rows, table has " + rows);
        }
        rows = n;
        names.add(name);
        columns.add(values);
        return this;
    }

    /** Metadata (String, Number or Boolean) with a short key (FITS keyword: 8 characters at most). */
    public ColumnTable meta(String key, Object value, String comment) {
        if (key.length() > 8) {
            throw new IllegalArgumentException("metadata key longer than 8 characters: " + key);
        }
        meta.put(key, value);
        comments.put(key, comment);
        return this;
    }

    public String toCsv() {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, Object> e : meta.entrySet()) {
            sb.append("# ").append(e.getKey()).append(" = ").append(e.getValue());
            String c = comments.get(e.getKey());
            if (c != null && !c.isEmpty()) {
                sb.append("  (").append(c).append(')');
            }
            sb.append('\n');
        }
        sb.append(String.join(",", names)).append('\n');
        for (int r = 0; r < Math.max(rows, 0); r++) {
            for (int c = 0; c < columns.size(); c++) {
                if (c > 0) {
                    sb.append(',');
                }
                Object col = columns.get(c);
                if (col instanceof long[] l) {
                    sb.append(l[r]);
                } else {
                    sb.append(((double[]) col)[r]);
                }
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    public void writeCsv(Path file) {
        AtomicFile.write(file, out -> out.write(toCsv().getBytes(StandardCharsets.UTF_8)));
    }

    public void writeFits(Path file) {
        AtomicFile.write(file, out -> {
            try {
                BinaryTable t = BinaryTable.fromColumnMajor(columns.toArray());
                BinaryTableHDU hdu = (BinaryTableHDU) Fits.makeHDU(t);
                for (int c = 0; c < names.size(); c++) {
                    hdu.setColumnName(c, names.get(c), null);
                }
                hdu.getHeader().addValue("EXTNAME", "PAIRCOUNT", "Orrery pair counts and xi(r)");
                for (Map.Entry<String, Object> e : meta.entrySet()) {
                    String k = e.getKey().toUpperCase(java.util.Locale.ROOT);
                    Object v = e.getValue();
                    String cm = comments.get(e.getKey());
                    if (v instanceof Boolean b) {
                        hdu.getHeader().addValue(k, b, cm);
                    } else if (v instanceof Long || v instanceof Integer) {
                        hdu.getHeader().addValue(k, ((Number) v).longValue(), cm);
                    } else if (v instanceof Number n) {
                        hdu.getHeader().addValue(k, n.doubleValue(), cm);
                    } else {
                        hdu.getHeader().addValue(k, String.valueOf(v), cm);
                    }
                }
                Fits f = new Fits();
                nom.tam.fits.BasicHDU<?> primary = Fits.makeHDU(new nom.tam.fits.ImageData());
                org.orrery.io.fits.FitsImages.reproducible(primary.getHeader());
                f.addHDU(primary);
                f.addHDU(hdu);
                // Write to memory, then copy (the table is small); the FITS stream buffers, so flush it.
                java.io.ByteArrayOutputStream mem = new java.io.ByteArrayOutputStream();
                nom.tam.util.FitsOutputStream fo = new nom.tam.util.FitsOutputStream(mem);
                f.write(fo);
                fo.flush();
                f.close();
                mem.writeTo(out);
            } catch (FitsException e) {
                throw new IOException("FITS: " + e.getMessage(), e);
            }
        });
    }
}
