package org.orrery.apps.farm;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What {@code --resume} may reuse, read by rank 0 from the {@link FarmLedger} (or, for a table written before ledgers
 * existed, from its successful whole-file rows), and the decision item by item. The unit of reuse is what was written
 * atomically and ledgered:
 *
 * <ul>
 *   <li>a whole single-image file: its record, if its outputs are intact;
 *   <li>a multi-extension input whose mirrored outputs were assembled (an M line with intact mirrors) and whose every
 *       extension has an E line: all its rows, and its mirrors are not written again;
 *   <li>otherwise each extension on its own: its record, if its part images (kept in {@code <out>/.farm-parts/} until
 *       the mirrors are assembled) are intact. The mirrors of such a file are assembled again from the parts.
 * </ul>
 *
 * Failed rows are never ledgered, so they are retried. A file whose mirror has a failed extension is redone whole: its
 * other extensions' pixels are only in that mirror (its parts were deleted after assembly).
 */
final class FarmResume {
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();

    private final Map<String, FarmRecord> files;
    private final Map<String, Line> extensions;
    private final Set<String> mirrors;

    private FarmResume(Map<String, FarmRecord> files, Map<String, Line> extensions, Set<String> mirrors) {
        this.files = files;
        this.extensions = extensions;
        this.mirrors = mirrors;
    }

    /**
     * Rank 0: what the run {@code c} may reuse. Without --resume: nothing, and the previous ledger is cleared; with it:
     * the ledger's intact lines, or a ledger-less previous table's successful rows.
     */
    static FarmResume of(FarmConfig c) {
        if (!c.resume()) {
            FarmLedger.reset(c.csvFile());
            return new FarmResume(Map.of(), Map.of(), Set.of());
        }
        List<Line> lines = lines(c.csvFile(), c.options());
        if (lines == null) {
            return new FarmResume(FarmTableReader.readPrevious(c.csvFile(), c.options()), Map.of(), Set.of());
        }
        Map<String, FarmRecord> files = new HashMap<>();
        Map<String, Line> extensions = new HashMap<>();
        Set<String> mirrors = new HashSet<>();
        for (Line l : lines) {
            if (l.kind() == FarmLedger.MIRROR) {
                if (l.outputsIntact()) {
                    mirrors.add(l.input());
                }
                continue;
            }
            FarmRecord r = decoded(l);
            if (r != null && l.kind() == FarmLedger.EXTENSION) {
                extensions.put(key(r.input(), r.hdu()), l); // its parts are checked only if needed
            } else if (r != null && l.outputsIntact()) {
                files.put(r.input(), r);
            }
        }
        return new FarmResume(files, extensions, mirrors);
    }

    /** The record of an F or E line, or null when it does not decode (its work is then redone). */
    private static FarmRecord decoded(Line l) {
        try {
            return l.record();
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** The whole-file records to reuse, by input (tests). */
    Map<String, FarmRecord> files() {
        return files;
    }

    private static String key(String input, int hdu) {
        return input + ":" + hdu;
    }

    /**
     * Rank 0: fills {@code rows} with the reused records of {@code all}, adds to {@code mirrored} the input indices
     * whose mirrors are reused as they are, and returns the item indices left to process (ascending).
     */
    int[] reuse(List<FarmItems.Item> all, FarmOptions o, FarmRecord[] rows, Set<Integer> mirrored) {
        List<Integer> todo = new ArrayList<>();
        Map<Integer, List<Integer>> rowsOfFile = new LinkedHashMap<>();
        for (int i = 0; i < all.size(); i++) {
            FarmItems.Item it = all.get(i);
            if (!it.wholeFile()) {
                rowsOfFile.computeIfAbsent(it.file(), f -> new ArrayList<>()).add(i);
                continue;
            }
            FarmRecord prev = files.get(it.input());
            boolean outputOk = prev != null
                    && (!o.has(FarmOptions.Op.highpass)
                            || (!prev.output().isEmpty() && Files.isRegularFile(Path.of(prev.output()))))
                    && (!o.has(FarmOptions.Op.background)
                            || Files.isRegularFile(Path.of(prev.survey().bkgOutput())));
            if (outputOk) {
                rows[i] = prev.reusedAs(i);
            } else {
                todo.add(i);
            }
        }
        for (Map.Entry<Integer, List<Integer>> e : rowsOfFile.entrySet()) {
            List<Integer> rowsHere = e.getValue();
            boolean whole = mirrors.contains(all.get(rowsHere.get(0)).input())
                    && rowsHere.stream()
                            .allMatch(i -> extensions.containsKey(
                                    key(all.get(i).input(), all.get(i).hdu())));
            if (whole) {
                mirrored.add(e.getKey());
            }
            for (int i : rowsHere) {
                Line l = extensions.get(key(all.get(i).input(), all.get(i).hdu()));
                if (l != null && (whole || l.outputsIntact())) {
                    rows[i] = l.record().reusedAs(i);
                } else {
                    todo.add(i);
                }
            }
        }
        return todo.stream().mapToInt(Integer::intValue).sorted().toArray();
    }

    /** One file a ledger line vouches for. */
    record Output(Path path, long size, String crc) {
        /** True when the file still has the recorded size and CRC-32C. */
        boolean intact() {
            try {
                return Files.isRegularFile(path)
                        && Files.size(path) == size
                        && Long.toHexString(FarmLedger.crc(path)).equals(crc);
            } catch (IOException | RuntimeException e) {
                return false; // unreadable: the work is redone
            }
        }
    }

    /** A ledger line whose own checksum is right: its kind, payload and the files it lists. */
    record Line(char kind, byte[] payload, List<Output> outputs) {
        boolean outputsIntact() {
            return outputs.stream().allMatch(Output::intact);
        }

        /** The record of an F or E line. */
        FarmRecord record() {
            return FarmRecordCodec.decode(payload, 0, payload.length).get(0);
        }

        /** The input of an M line. */
        String input() {
            return new String(payload, StandardCharsets.UTF_8);
        }
    }

    /**
     * Rank 0, {@code --resume}: the lines of the ledger of {@code csv} that are intact and were written with options
     * {@code o} (their files not yet checked), in file order; {@code null} when there is no ledger.
     */
    static List<Line> lines(Path csv, FarmOptions o) {
        Path d = FarmLedger.dir(csv);
        if (!Files.isDirectory(d)) {
            return null;
        }
        List<Line> out = new ArrayList<>();
        String signature = FarmTable.signature(o);
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(d, "*.log")) {
            for (Path p : ds) {
                List<String> lines = Files.readAllLines(p, StandardCharsets.UTF_8);
                if (lines.isEmpty() || !lines.get(0).equals(signature)) {
                    continue; // another run's options: nothing to reuse
                }
                for (String l : lines.subList(1, lines.size())) {
                    Line line = parse(l);
                    if (line != null) {
                        out.add(line);
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            return null; // an unreadable ledger: everything is redone
        }
        return out;
    }

    /** One line, if its checksum is right and it parses; else null. */
    static Line parse(String line) {
        int last = line.lastIndexOf('\t');
        if (last < 0 || !line.substring(last + 1).equals(Long.toHexString(FarmLedger.crc(line.substring(0, last))))) {
            return null;
        }
        String[] f = line.substring(0, last).split("\t", -1);
        if (f.length % 3 != 2 || f[0].length() != 1 || "FEM".indexOf(f[0].charAt(0)) < 0) {
            return null;
        }
        try {
            List<Output> outs = new ArrayList<>();
            for (int i = 2; i < f.length; i += 3) {
                outs.add(new Output(
                        Path.of(new String(B64D.decode(f[i]), StandardCharsets.UTF_8)),
                        Long.parseLong(f[i + 1]),
                        f[i + 2]));
            }
            return new Line(f[0].charAt(0), B64D.decode(f[1]), outs);
        } catch (RuntimeException e) {
            return null; // damaged line: its work is redone
        }
    }

    /** The record of an F or E line if the line and every file it lists are intact, else null. */
    static FarmRecord intact(String line) {
        Line l = parse(line);
        try {
            return l != null && l.kind() != FarmLedger.MIRROR && l.outputsIntact() ? l.record() : null;
        } catch (RuntimeException e) {
            return null; // a record that does not decode: redone
        }
    }
}
