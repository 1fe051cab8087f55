package org.orrery.apps.farm;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.orrery.model.UserError;

/**
 * Expands the farm's command-line inputs into the ordered input list: arguments in the order given; a directory
 * contributes its FITS files (*.fits, *.fit, *.fts, optionally .gz; not recursive; also tile-compressed *.fits.fz), a
 * glob (* ? [ ] { } in the file-name part, e.g. {@code 'data/img_*.fits'}) its matches, each sorted by name. A plain
 * path is kept even when missing: the farm records it as failed. A directory without FITS files or a glob matching
 * nothing is a usage error.
 */
public final class FarmInputs {
    private FarmInputs() {}

    static boolean isFitsName(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.endsWith(".fits")
                || n.endsWith(".fit")
                || n.endsWith(".fts")
                || n.endsWith(".fits.gz")
                || n.endsWith(".fit.gz")
                || n.endsWith(".fts.gz")
                || n.endsWith(".fits.fz")
                || n.endsWith(".fit.fz")
                || n.endsWith(".fts.fz");
    }

    static boolean isGlob(String s) {
        return s.chars().anyMatch(c -> c == '*' || c == '?' || c == '[' || c == '{');
    }

    public static List<String> expand(List<String> args) {
        for (String a : args) {
            if (a.indexOf('\0') >= 0) {
                throw new UserError("input '" + a.replace('\0', '?') + "' is not a valid path");
            }
        }
        List<String> out = new ArrayList<>();
        for (String a : args) {
            if (isGlob(a)) {
                Path p = Path.of(a);
                Path parent = p.getParent() == null ? Path.of(".") : p.getParent();
                if (isGlob(parent.toString())) {
                    throw new UserError("wildcards are supported in the file-name part only, input '" + a + "'");
                }
                PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + p.getFileName());
                List<String> hits = list(parent, q -> m.matches(q.getFileName()), a);
                if (hits.isEmpty()) {
                    throw new UserError("no files match '" + a + "'");
                }
                out.addAll(
                        p.getParent() == null
                                ? hits.stream()
                                        .map(h -> Path.of(h).getFileName().toString())
                                        .toList()
                                : hits);
            } else if (Files.isDirectory(Path.of(a))) {
                List<String> hits =
                        list(Path.of(a), q -> isFitsName(q.getFileName().toString()) && !Files.isDirectory(q), a);
                if (hits.isEmpty()) {
                    throw new UserError("no FITS files (*.fits, *.fit, *.fts) in directory " + a);
                }
                out.addAll(hits);
            } else {
                out.add(a);
            }
        }
        return out;
    }

    private static List<String> list(Path dir, java.util.function.Predicate<Path> keep, String arg) {
        List<String> hits = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path q : ds) {
                if (keep.test(q)) {
                    hits.add(q.toString());
                }
            }
        } catch (IOException e) {
            throw new UserError("cannot list directory " + dir + " for input '" + arg + "': " + e.getMessage());
        }
        hits.sort(null);
        return hits;
    }

    /** Two inputs that would write the same output (high-pass or background) is a usage error. */
    public static void checkDistinctOutputs(List<String> inputs, FarmOptions o) {
        if (!o.writesImages()) {
            return;
        }
        Map<Path, String> seen = new HashMap<>();
        for (String in : inputs) {
            Path first = o.has(FarmOptions.Op.highpass) ? o.outputFor(in) : o.output(in, "bkgsub");
            Path out = first.toAbsolutePath().normalize();
            String prev = seen.putIfAbsent(out, in);
            if (prev != null) {
                throw new UserError("inputs " + prev + " and " + in + " would both write " + first
                        + " (give each input once, or rename one)");
            }
        }
    }
}
