package org.orrery.io.csv;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.orrery.model.ParticleState;
import org.orrery.model.UserError;

/**
 * Particles from text: comma- or whitespace-separated columns with a header line naming at least x, y, z, vx, vy, vz, m
 * (any order, any case, extra columns ignored); lines starting with '#' and blank lines are skipped. Every problem is
 * reported with the file, line and column.
 */
public final class ParticleCsv {
    /** Fields are separated by a comma (with optional blanks around it) or by blanks. */
    private static final Pattern SEPARATOR = Pattern.compile("\\s*,\\s*|\\s+");

    private ParticleCsv() {}

    public static ParticleState read(Path file) {
        if (!Files.isReadable(file)) {
            throw new UserError("cannot read particle file " + file + ": "
                    + (Files.exists(file) ? "permission denied" : "no such file"));
        }
        org.orrery.io.catalog.TextFiles.requireText(file, "particle file");
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int lineNo = 0;
            int[] idx = null;
            int width = 0;
            List<double[]> rows = new ArrayList<>();
            while ((line = in.readLine()) != null) {
                lineNo++;
                String t = line.strip();
                if (t.isEmpty() || t.startsWith("#")) {
                    continue;
                }
                String[] f = SEPARATOR.split(t, -1);
                if (idx == null) {
                    idx = new int[7];
                    List<String> missing = new ArrayList<>();
                    for (int c = 0; c < 7; c++) {
                        idx[c] = -1;
                        for (int k = 0; k < f.length; k++) {
                            if (f[k].toLowerCase(Locale.ROOT).equals(ParticleState.COLUMN_NAMES.get(c))) {
                                idx[c] = k;
                            }
                        }
                        if (idx[c] < 0) {
                            missing.add(ParticleState.COLUMN_NAMES.get(c));
                        }
                    }
                    if (!missing.isEmpty()) {
                        throw new UserError("particle file " + file + " line " + lineNo + ": header lacks column(s) "
                                + String.join(", ", missing) + " (need x, y, z, vx, vy, vz, m)");
                    }
                    width = f.length;
                    continue;
                }
                if (f.length != width) {
                    throw new UserError("particle file " + file + " line " + lineNo + ": " + f.length
                            + " fields, header has " + width);
                }
                double[] row = new double[7];
                for (int c = 0; c < 7; c++) {
                    try {
                        row[c] = Double.parseDouble(f[idx[c]]);
                    } catch (NumberFormatException e) {
                        throw new UserError("particle file " + file + " line " + lineNo + ", column "
                                + ParticleState.COLUMN_NAMES.get(c) + ": not a number: '" + f[idx[c]] + "'");
                    }
                    if (!Double.isFinite(row[c])) {
                        throw new UserError("particle file " + file + " line " + lineNo + ", column "
                                + ParticleState.COLUMN_NAMES.get(c) + ": non-finite value " + f[idx[c]]);
                    }
                }
                rows.add(row);
            }
            if (idx == null) {
                throw new UserError(
                        "particle file " + file + " is empty (need a header x, y, z, vx, vy, vz, m and rows)");
            }
            ParticleState s = new ParticleState(rows.size());
            double[][] cols = s.columns();
            for (int i = 0; i < rows.size(); i++) {
                for (int c = 0; c < 7; c++) {
                    cols[c][i] = rows.get(i)[c];
                }
            }
            return s;
        } catch (IOException e) {
            throw new UserError("cannot read particle file " + file + ": "
                    + (e instanceof java.nio.charset.CharacterCodingException
                            ? org.orrery.io.catalog.TextFiles.notText()
                            : e.getMessage()));
        }
    }
}
