package org.orrery.io.snapshot;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import nom.tam.fits.BasicHDU;
import nom.tam.fits.BinaryTable;
import nom.tam.fits.BinaryTableHDU;
import nom.tam.fits.Fits;
import nom.tam.fits.FitsException;
import nom.tam.fits.Header;
import nom.tam.util.FitsOutputStream;
import org.orrery.io.AtomicFile;
import org.orrery.model.ParticleState;
import org.orrery.model.UserError;

/**
 * N-body snapshots as FITS binary tables (nom-tam-fits): an empty primary HDU and a BINTABLE extension
 * {@code PARTICLES} with double columns x, y, z, vx, vy, vz, m (TUNITn set), header keywords TIME, STEP, N, G, EPS, DT
 * and UNITS. Readable by astropy ({@code Table.read(f, hdu='PARTICLES')}). The same reader loads users' particle files:
 * the first binary table with the seven columns (names case-insensitive).
 */
public final class SnapshotFits {
    private SnapshotFits() {}

    /** Units of a run: names of the length, velocity and mass units for TUNITn. */
    public record Units(String name, String length, String velocity, String mass) {
        public static final Units SI = new Units("SI", "m", "m/s", "kg");
        public static final Units HENON = new Units("HENON", "", "", "");
    }

    /** Writes {@code s} atomically. {@code keywords} are extra header cards (name → Double/Long/String). */
    public static void write(
            Path file, ParticleState s, double g, double eps, double dt, Units units, Map<String, Object> keywords) {
        AtomicFile.write(file, out -> {
            try {
                Fits fits = new Fits();
                BasicHDU<?> primary = Fits.makeHDU((Object) null);
                org.orrery.io.fits.FitsImages.reproducible(primary.getHeader());
                fits.addHDU(primary);
                BinaryTable table = BinaryTable.fromColumnMajor(new Object[] {s.x, s.y, s.z, s.vx, s.vy, s.vz, s.m});
                BinaryTableHDU hdu = table.toHDU();
                String[] units3 = {
                    units.length(),
                    units.length(),
                    units.length(),
                    units.velocity(),
                    units.velocity(),
                    units.velocity(),
                    units.mass()
                };
                for (int c = 0; c < 7; c++) {
                    hdu.setColumnName(c, ParticleState.COLUMN_NAMES.get(c), null);
                    if (!units3[c].isEmpty()) {
                        hdu.getHeader()
                                .addValue("TUNIT" + (c + 1), units3[c], "unit of " + ParticleState.COLUMN_NAMES.get(c));
                    }
                }
                Header h = hdu.getHeader();
                h.addValue("EXTNAME", "PARTICLES", "Orrery N-body snapshot");
                h.addValue("TIME", s.time, "simulation time");
                h.addValue("STEP", s.step, "completed steps");
                h.addValue("N", s.n, "number of particles");
                h.addValue("G", g, "gravitational constant");
                h.addValue("EPS", eps, "Plummer softening length");
                h.addValue("DT", dt, "time step");
                h.addValue("UNITS", units.name(), "SI (m, kg, s) or HENON (G = M = 1)");
                for (Map.Entry<String, Object> e : keywords.entrySet()) {
                    Object v = e.getValue();
                    if (v instanceof Double d) {
                        h.addValue(e.getKey(), d, null);
                    } else if (v instanceof Long l) {
                        h.addValue(e.getKey(), l, null);
                    } else if (v instanceof Integer i) {
                        h.addValue(e.getKey(), i, null);
                    } else {
                        h.addValue(e.getKey(), String.valueOf(v), null);
                    }
                }
                fits.addHDU(hdu);
                FitsOutputStream fo = new FitsOutputStream(out);
                fits.write(fo);
                fo.flush();
            } catch (FitsException e) {
                throw new IOException("FITS: " + e.getMessage(), e);
            }
        });
    }

    /** Header keywords of the PARTICLES table (for tests and tools). */
    public static Header header(Path file) {
        try (Fits fits = new Fits(file.toFile())) {
            for (BasicHDU<?> hdu : fits.read()) {
                if (hdu instanceof BinaryTableHDU) {
                    return hdu.getHeader();
                }
            }
            throw new UserError("no binary table in " + file);
        } catch (FitsException | IOException e) {
            throw new UserError("cannot read FITS file " + file + ": " + e.getMessage());
        }
    }

    /**
     * Reads particles from the first binary table having columns x, y, z, vx, vy, vz, m (any case); TIME and STEP are
     * taken from the header when present. Values are validated by the caller ({@link ParticleState#firstProblem()}).
     */
    public static ParticleState read(Path file) {
        if (!Files.isReadable(file)) {
            throw new UserError("cannot read particle file " + file + ": "
                    + (Files.exists(file) ? "permission denied" : "no such file"));
        }
        try (Fits fits = new Fits(file.toFile())) {
            BasicHDU<?>[] hdus = fits.read();
            List<String> seen = new ArrayList<>();
            for (BasicHDU<?> hdu : hdus) {
                if (!(hdu instanceof BinaryTableHDU t)) {
                    continue;
                }
                int[] idx = new int[7];
                List<String> missing = new ArrayList<>();
                for (int c = 0; c < 7; c++) {
                    idx[c] = -1;
                    for (int k = 0; k < t.getNCols(); k++) {
                        String name = t.getColumnName(k);
                        if (name != null
                                && name.trim().toLowerCase(Locale.ROOT).equals(ParticleState.COLUMN_NAMES.get(c))) {
                            idx[c] = k;
                        }
                    }
                    if (idx[c] < 0) {
                        missing.add(ParticleState.COLUMN_NAMES.get(c));
                    }
                }
                if (!missing.isEmpty()) {
                    seen.add("table with columns missing " + missing);
                    continue;
                }
                int n = t.getNRows();
                ParticleState s = new ParticleState(n);
                double[][] dst = s.columns();
                for (int c = 0; c < 7; c++) {
                    Object col = t.getColumn(idx[c]);
                    double[] src = toDoubles(col, ParticleState.COLUMN_NAMES.get(c), file);
                    System.arraycopy(src, 0, dst[c], 0, n);
                }
                Header h = t.getHeader();
                s.time = h.getDoubleValue("TIME", 0);
                s.step = h.getLongValue("STEP", 0);
                return s;
            }
            throw new UserError("particle file " + file + " has no binary table with columns x, y, z, vx, vy, vz, m"
                    + (seen.isEmpty() ? "" : " (found: " + String.join("; ", seen) + ")"));
        } catch (IOException | RuntimeException e) {
            if (e instanceof UserError u) {
                throw u;
            }
            throw new UserError("cannot read particle file " + file + " as FITS: " + fitsProblem(e));
        }
    }

    /** A FITS reading failure in words: a truncated file says so; library exception names are dropped. */
    static String fitsProblem(Exception e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.io.EOFException
                    || String.valueOf(t.getMessage()).contains("EOFException")) {
                return "the file is truncated (it ends inside its data)";
            }
        }
        String m = e.getMessage() == null ? "unreadable FITS data" : e.getMessage();
        return m.replaceAll(":?\\s*(java|nom)\\.[\\w.$]+(Exception|Error)", "").strip();
    }

    private static double[] toDoubles(Object col, String name, Path file) {
        if (col instanceof double[] d) {
            return d;
        }
        if (col instanceof float[] f) {
            double[] d = new double[f.length];
            for (int i = 0; i < f.length; i++) {
                d[i] = f[i];
            }
            return d;
        }
        if (col instanceof int[] a) {
            double[] d = new double[a.length];
            for (int i = 0; i < a.length; i++) {
                d[i] = a[i];
            }
            return d;
        }
        if (col instanceof long[] a) {
            double[] d = new double[a.length];
            for (int i = 0; i < a.length; i++) {
                d[i] = a[i];
            }
            return d;
        }
        throw new UserError("column " + name + " of " + file + " is not a scalar numeric column");
    }
}
