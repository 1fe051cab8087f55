package org.orrery.io.catalog;

import java.nio.file.Path;
import org.orrery.model.UserError;

/**
 * Column choice of {@link CatalogReader}: a column is given by its 1-based number or by name (case-insensitive, against
 * a text header line or FITS column names); without a choice, x y z (w or weight) when a header names them all, else
 * columns 1 2 3 (4). Text fields are separated by {@code [\s,]+}.
 */
final class CatalogColumns {
    private CatalogColumns() {}

    /** The column names or numbers used when the user gives none. */
    static String[] defaultNames(String[] header, boolean weights) {
        String[] byName = {"x", "y", "z", "w"};
        if (header != null) {
            boolean all = true;
            for (int k = 0; k < (weights ? 4 : 3); k++) {
                all &= indexOf(header, byName[k]) >= 0 || (k == 3 && indexOf(header, "weight") >= 0);
            }
            if (all) {
                String[] out = byName.clone();
                if (weights && indexOf(header, "w") < 0) {
                    out[3] = "weight";
                }
                return out;
            }
        }
        return new String[] {"1", "2", "3", "4"};
    }

    static int indexOf(String[] names, String n) {
        if (names == null) {
            return -1;
        }
        for (int i = 0; i < names.length; i++) {
            if (names[i].strip().equalsIgnoreCase(n)) {
                return i;
            }
        }
        return -1;
    }

    /** 0-based index of a column given by 1-based number or name ({@code where} names the list in errors). */
    static int resolve(String spec, String[] names, String where, Path file) {
        String s = spec.strip();
        if (s.matches("[0-9]+")) {
            long c = s.length() > 9 ? Long.MAX_VALUE : Long.parseLong(s);
            if (c < 1 || (names != null && c > names.length)) {
                throw new UserError("column " + s + " does not exist in " + file
                        + (names == null ? "" : " (it has " + names.length + " columns)"));
            }
            return (int) c - 1;
        }
        int i = indexOf(names, s);
        if (i < 0) {
            throw new UserError("no column '" + s + "' in " + where
                    + (names == null
                            ? " (the file has no header line; give column numbers)"
                            : " (columns: " + String.join(", ", names) + ")"));
        }
        return i;
    }

    static String[] split(String s) {
        return s.split("[\\s,]+");
    }

    static boolean isNumber(String s) {
        try {
            Double.parseDouble(s);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
