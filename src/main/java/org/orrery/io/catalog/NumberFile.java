package org.orrery.io.catalog;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.orrery.model.UserError;

/** Small text files of numbers (e.g. bin edges): fields separated as in {@link CatalogReader}'s text. */
public final class NumberFile {
    private NumberFile() {}

    /** Reads a whole small text file of numbers (e.g. bin edges): every number in order. */
    public static double[] read(Path file) {
        List<Double> out = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String s;
            long ln = 0;
            while ((s = r.readLine()) != null) {
                ln++;
                String t = s.strip();
                if (t.isEmpty() || t.startsWith("#")) {
                    continue;
                }
                for (String f : CatalogColumns.split(t)) {
                    try {
                        out.add(Double.parseDouble(f));
                    } catch (NumberFormatException e) {
                        throw new UserError(file + " line " + ln + ": '" + f + "' is not a number");
                    }
                }
            }
        } catch (IOException e) {
            throw new UserError("cannot read " + file + ": " + CatalogReader.ioMessage(e), e);
        }
        double[] a = new double[out.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = out.get(i);
        }
        return a;
    }
}
