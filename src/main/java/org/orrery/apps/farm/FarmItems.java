package org.orrery.apps.farm;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.orrery.io.fits.HduInfo;
import org.orrery.io.fits.MefReader;
import org.orrery.model.UserError;

/**
 * The farm's work items, one table row each, in input order: a file with one plain image is one item read as before
 * (nom-tam-fits, so single-image tables and outputs keep their bytes); a file with several image HDUs or any
 * tile-compressed one gives one item per image HDU, in file order (listing reads only the headers). A file that cannot
 * be listed (missing, gzip, not FITS) stays one whole-file item, whose reading then records why it failed.
 */
public final class FarmItems {
    private FarmItems() {}

    /**
     * One work item.
     *
     * @param file index of the input in the input list
     * @param input the input file
     * @param hdu image HDU index, or −1 for a whole single-image file
     * @param extname EXTNAME of the HDU ("" when absent or whole file)
     * @param extver EXTVER of the HDU (−1 for a whole file)
     */
    public record Item(int file, String input, int hdu, String extname, int extver) {
        public boolean wholeFile() {
            return hdu < 0;
        }

        /** The item as one line ({@code file TAB hdu TAB extver TAB extname TAB input}). */
        String encode() {
            return file + "\t" + hdu + "\t" + extver + "\t" + extname.replace('\t', ' ') + "\t" + input;
        }

        static Item decode(String line) {
            String[] p = line.split("\t", 5);
            return new Item(Integer.parseInt(p[0]), p[4], Integer.parseInt(p[1]), p[3], Integer.parseInt(p[2]));
        }
    }

    /** Every input as one whole-file item. */
    public static List<Item> whole(List<String> inputs) {
        List<Item> items = new ArrayList<>();
        for (int f = 0; f < inputs.size(); f++) {
            items.add(new Item(f, inputs.get(f), -1, "", -1));
        }
        return items;
    }

    /** The items of {@code inputs} (rank 0: reads headers). */
    public static List<Item> list(List<String> inputs) {
        List<Item> items = new ArrayList<>();
        for (int f = 0; f < inputs.size(); f++) {
            String in = inputs.get(f);
            List<HduInfo> images = images(in);
            boolean split = images.size() > 1 || images.stream().anyMatch(h -> h.kind() == HduInfo.Kind.COMPRESSED);
            if (!split) {
                items.add(new Item(f, in, -1, "", -1));
                continue;
            }
            for (HduInfo h : images) {
                items.add(new Item(f, in, h.index(), h.extname(), h.extver()));
            }
        }
        return items;
    }

    private static List<HduInfo> images(String input) {
        try (MefReader r = MefReader.open(Path.of(input))) {
            return r.images();
        } catch (IOException | UserError | java.nio.file.InvalidPathException e) {
            // the whole-file reader reports it, with the message single-image inputs always had
            return List.of();
        }
    }

    /** The items as text for a broadcast. */
    public static String encode(List<Item> items) {
        return String.join("\n", items.stream().map(Item::encode).toList());
    }

    public static List<Item> decode(String s) {
        return s.isEmpty() ? List.of() : s.lines().map(Item::decode).toList();
    }

    /** True when some item is one extension of a file (the table then has EXTNAME/EXTVER columns). */
    public static boolean anyExtension(List<Item> items) {
        return items.stream().anyMatch(i -> !i.wholeFile());
    }
}
