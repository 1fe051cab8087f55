package org.orrery.apps.farm;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.orrery.io.AtomicFile;
import org.orrery.io.fits.HduImage;
import org.orrery.io.fits.HduInfo;
import org.orrery.io.fits.MefReader;
import org.orrery.io.fits.MefWriter;
import org.orrery.model.UserError;
import org.orrery.parallel.Comm;

/**
 * Output files that mirror a multi-extension input: for each output kind ({@code hp<k>}, {@code bkgsub}, optionally
 * {@code bkg} and {@code rms}) one file per input with the same HDUs in the same order — the primary header, every
 * image extension's header cards (EXTNAME, EXTVER, WCS, … kept; structural and scaling cards regenerated) with the
 * processed pixels, non-image HDUs (tables) copied byte for byte. An extension that failed keeps its place and header
 * as an IMAGE extension without pixels (NAXIS = 0) and a HISTORY line saying so.
 *
 * <p>Extensions are processed by any rank, which leaves each output image as a part file in {@code <out>/.farm-parts/};
 * once every item is done, file j's mirrors are assembled by rank j mod np, streaming one image at a time (so a rank
 * holds one image, whatever the file size), the file is ledgered ({@link FarmLedger#appendMirror}) and its parts are
 * deleted. Files appear atomically; the same bytes at any np and scheduling. Parts are ledgered too, and kept when a
 * run is preempted, so {@code --resume} redoes only the extensions whose parts are missing or damaged
 * ({@link FarmResume}).
 */
final class FarmMirror {
    private FarmMirror() {}

    static Path partsDir(FarmOptions o) {
        return o.outDir().resolve(".farm-parts");
    }

    /**
     * The part file of output {@code tag} of HDU {@code hdu} of {@code input}: named by the input (its output stem is
     * unique in a run, and a checksum of its path) rather than by table row, so --resume finds it whatever the input
     * list.
     */
    static Path part(FarmOptions o, String input, int hdu, String tag) {
        return partsDir(o)
                .resolve(FarmOptions.stem(input) + "-" + Long.toHexString(FarmLedger.crc(input)) + "-h" + hdu + "-"
                        + tag + ".fits");
    }

    /** The part files of HDU {@code hdu} of {@code input}, one per output kind. */
    static List<Path> parts(FarmOptions o, String input, int hdu) {
        return tags(o).stream().map(t -> part(o, input, hdu, t)).toList();
    }

    /** The output kinds the options write. */
    static List<String> tags(FarmOptions o) {
        List<String> t = new ArrayList<>();
        if (o.has(FarmOptions.Op.highpass)) {
            t.add("hp" + o.window());
        }
        if (o.has(FarmOptions.Op.background)) {
            t.add("bkgsub");
            if (o.survey().maps()) {
                t.add("bkg");
                t.add("rms");
            }
        }
        return t;
    }

    /**
     * Rank 0, before processing: the parts directory, emptied of an earlier run's leftovers unless {@code resume} (then
     * its ledgered parts are reused; the others are overwritten or removed at the end).
     */
    static void prepare(FarmOptions o, boolean resume) {
        try {
            if (!resume) {
                clear(partsDir(o));
            }
            Files.createDirectories(partsDir(o));
        } catch (IOException e) {
            throw new UserError("cannot prepare " + partsDir(o) + ": " + e.getMessage());
        }
    }

    private static void clear(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                Files.deleteIfExists(p);
            }
        }
        Files.deleteIfExists(dir);
    }

    /**
     * collective: assembles the mirrors of the files with extension items, except the input indices {@code reused}
     * (their mirrors are intact from an earlier run), ledgers each file whose every extension has pixels, and deletes
     * its parts; returns on rank 0 the files (by input index) whose mirror could not be written, with the reason.
     */
    static Map<Integer, String> assemble(
            Comm comm, FarmOptions o, List<FarmItems.Item> items, Set<Integer> reused, FarmLedger ledger) {
        Map<Integer, Map<Integer, Integer>> rowsOfFile = new LinkedHashMap<>();
        for (int row = 0; row < items.size(); row++) {
            FarmItems.Item it = items.get(row);
            if (!it.wholeFile() && !reused.contains(it.file())) {
                rowsOfFile.computeIfAbsent(it.file(), f -> new HashMap<>()).put(it.hdu(), row);
            }
        }
        StringBuilder failures = new StringBuilder();
        List<String> tags = tags(o);
        int j = 0;
        for (Map.Entry<Integer, Map<Integer, Integer>> e : rowsOfFile.entrySet()) {
            if (j++ % comm.size() != comm.rank() || tags.isEmpty()) {
                continue;
            }
            String input = items.get(e.getValue().values().iterator().next()).input();
            try {
                boolean complete = true;
                for (String tag : tags) {
                    complete &= write(o, input, tag, e.getValue());
                }
                if (complete) {
                    ledger.appendMirror(
                            input, tags.stream().map(t -> o.output(input, t)).toList());
                }
            } catch (IOException | UserError | OutOfMemoryError ex) {
                failures.append(e.getKey())
                        .append('\t')
                        .append(FarmRecord.oneLine(ex.getMessage()))
                        .append('\n');
            }
            for (int hdu : e.getValue().keySet()) {
                for (Path part : parts(o, input, hdu)) {
                    try {
                        Files.deleteIfExists(part);
                    } catch (IOException ex) {
                        failures.append(e.getKey())
                                .append('\t')
                                .append("cannot delete " + part)
                                .append('\n');
                    }
                }
            }
        }
        Comm.Gathered<byte[]> g =
                comm.gatherVariable(failures.toString().getBytes(StandardCharsets.UTF_8), 0); // collective
        comm.barrier(); // collective: every part is consumed before rank 0 removes the directory
        Map<Integer, String> out = new HashMap<>();
        if (comm.rank() == 0) {
            try {
                clear(partsDir(o));
            } catch (IOException ex) {
                out.put(-1, "cannot remove " + partsDir(o) + ": " + ex.getMessage());
            }
            new String(g.data(), StandardCharsets.UTF_8)
                    .lines()
                    .filter(l -> !l.isEmpty())
                    .forEach(line -> {
                        int tab = line.indexOf('\t');
                        out.putIfAbsent(Integer.parseInt(line.substring(0, tab)), line.substring(tab + 1));
                    });
        }
        return out;
    }

    /**
     * Writes the {@code tag} mirror of {@code input}; {@code rowOfHdu}: HDU index → table row. True when every image
     * HDU had its part (no failed extension).
     */
    private static boolean write(FarmOptions o, String input, String tag, Map<Integer, Integer> rowOfHdu)
            throws IOException {
        boolean[] complete = {true};
        MefWriter.Compression comp =
                o.survey().compress() ? MefWriter.Compression.LOSSLESS : MefWriter.Compression.NONE;
        try (MefReader in = MefReader.open(Path.of(input))) {
            AtomicFile.write(o.output(input, tag), os -> {
                MefWriter w = new MefWriter(os, comp);
                for (HduInfo h : in.hdus()) {
                    Integer row = rowOfHdu.get(h.index());
                    if (row != null) {
                        complete[0] &= image(w, o, input, tag, h, part(o, input, h.index(), tag), comp);
                    } else if (h.index() == 0) {
                        w.writeEmptyPrimary(h.header());
                    } else if (h.problem() == null) {
                        w.copyRaw(in, h);
                    }
                }
            });
        }
        return complete[0];
    }

    /** Writes the processed image of {@code h} from its part; true if there was one, false for a failed HDU. */
    private static boolean image(
            MefWriter w, FarmOptions o, String input, String tag, HduInfo h, Path part, MefWriter.Compression comp)
            throws IOException {
        if (Files.isRegularFile(part)) {
            try (MefReader p = MefReader.open(part)) {
                HduInfo ph = p.images().get(0);
                HduImage img = p.read(ph);
                w.writeImage(
                        h.header(),
                        img.ny(),
                        img.nx(),
                        img.data(),
                        ph.bitpix(),
                        FarmOps.history(o, tag, input, h.label()));
            }
            return true;
        }
        String failed = "orrery farm: no output for " + h.label() + ": it failed (reason in the farm table)";
        if (h.index() == 0) {
            w.writeEmptyPrimary(h.header(), failed);
            if (comp == MefWriter.Compression.LOSSLESS) {
                w.writeEmptyExtension(h.header(), failed);
            }
        } else {
            w.writeEmptyExtension(h.header(), failed);
        }
        return false;
    }
}
