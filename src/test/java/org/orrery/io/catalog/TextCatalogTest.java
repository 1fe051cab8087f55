package org.orrery.io.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orrery.model.UserError;

/**
 * The byte-level text reader ({@link TextCatalog}, {@link DecimalParser}) against the line-by-line reference it
 * replaced ({@link BufferedReader#readLine}, {@code strip}, {@code split("[\\s,]+")}, {@link Double#parseDouble}): the
 * same rows bit for bit and the same first error with its line number, at 1, 2 and 3 threads and with blocks small
 * enough that lines straddle block and thread boundaries.
 */
public class TextCatalogTest {
    @TempDir
    Path dir;

    @Test
    void decimalParserAgreesWithParseDouble() {
        SplittableRandom r = new SplittableRandom(11);
        String[] fixed = {
            "0",
            "-0",
            "1",
            "1.",
            "-.5",
            ".5",
            "1e5",
            "1E-5",
            "+3.25",
            "9007199254740993",
            "9999999999999999999",
            "18446744073709551615",
            "1e308",
            "1.7976931348623157e308",
            "1.8e308",
            "4.9e-324",
            "2.2250738585072014e-308",
            "2.2250738585072011e-308",
            "1e-400",
            "1e23",
            "8.589973e9",
            "0.30000000000000004",
            "7.2057594037927933e16",
            "1.0d",
            "0x1p3",
            "NaN",
            "Infinity",
            "-Infinity",
            "1e",
            "e5",
            "",
            ".",
            "1..2",
            "1e+",
            "--1",
            "1e0000001",
            "00000000000000000000000001.5",
            "0.000000000000000000000000000000001234567890123456789"
        };
        for (String s : fixed) {
            assertSame(s);
        }
        for (int i = 0; i < 300_000; i++) {
            double d =
                    switch (i % 4) {
                        case 0 -> r.nextDouble() * 1000;
                        case 1 -> Double.longBitsToDouble(r.nextLong());
                        case 2 -> r.nextDouble() * Math.pow(10, r.nextInt(-30, 30));
                        default -> Math.floor(r.nextDouble() * 1000 * 1048576) / 1048576;
                    };
            if (!Double.isFinite(d)) {
                continue;
            }
            assertSame(
                    switch (i % 5) {
                        case 0 -> Double.toString(d);
                        case 1 -> String.format(Locale.ROOT, "%.17g", d);
                        case 2 -> String.format(Locale.ROOT, "%.6f", d);
                        case 3 -> String.format(Locale.ROOT, "%.18e", d);
                        default -> randomDigits(r);
                    });
        }
    }

    private static String randomDigits(SplittableRandom r) {
        StringBuilder b = new StringBuilder();
        int k = r.nextInt(1, 22);
        for (int j = 0; j < k; j++) {
            b.append((char) ('0' + r.nextInt(10)));
        }
        if (r.nextBoolean()) {
            b.insert(r.nextInt(b.length() + 1), '.');
        }
        return b.append('e').append(r.nextInt(-340, 320)).toString();
    }

    private static void assertSame(String s) {
        byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
        String want;
        try {
            want = Long.toString(Double.doubleToRawLongBits(Double.parseDouble(s)));
        } catch (NumberFormatException e) {
            want = "NFE " + e.getMessage();
        }
        String got;
        try {
            got = Long.toString(Double.doubleToRawLongBits(DecimalParser.parse(b, 0, b.length)));
        } catch (NumberFormatException e) {
            got = "NFE " + e.getMessage();
        }
        assertEquals(want, got, s);
    }

    @Test
    void sameRowsAsLineByLineAtAnyThreadsAndBlocks() throws IOException {
        SplittableRandom r = new SplittableRandom(5);
        for (int trial = 0; trial < 12; trial++) {
            Path p = dir.resolve("t" + trial + ".txt");
            Files.write(p, messyCatalog(r, 3000, trial).getBytes(StandardCharsets.UTF_8));
            int[] cols = trial % 2 == 0 ? new int[] {0, 1, 2} : new int[] {3, 0, 2, 1};
            String want = reference(p, cols, 0);
            for (int threads = 1; threads <= 3; threads++) {
                for (int block : new int[] {97, 1000, 1 << 20}) {
                    assertEquals(want, read(p, cols, 0, threads, block), p + " threads " + threads + " block " + block);
                }
            }
        }
    }

    @Test
    void firstErrorAndLineNumberAsLineByLine() throws IOException {
        SplittableRandom r = new SplittableRandom(9);
        String[] bad = {"1 2 zz", "1 2", "1 2 NaN", "1 2 -3", "1,2,\u00e9", "1 2 2000", ",1 2 3"};
        for (int trial = 0; trial < 28; trial++) {
            String text = messyCatalog(r, 500, trial);
            String[] lines = text.split("\n", -1);
            int at = r.nextInt(lines.length - 1);
            lines[at] = bad[trial % bad.length];
            Path p = dir.resolve("e" + trial + ".txt");
            Files.write(p, String.join("\n", lines).getBytes(StandardCharsets.UTF_8));
            String want = reference(p, new int[] {0, 1, 2}, 1000);
            for (int threads = 1; threads <= 3; threads++) {
                assertEquals(want, read(p, new int[] {0, 1, 2}, 1000, threads, 211), p + " threads " + threads);
            }
        }
    }

    /**
     * Parts cut at line starts ({@link TextCatalog#boundary}), read one after the other as the ranks of a parted read
     * do, give the rows of the whole file in order, and the first bad line renumbered by the lines of the parts before
     * it equals the line-by-line reader's error: messy catalogs (CR, CRLF, comments, commas, tabs, non-ASCII lines,
     * trailing separators, scientific notation), 1 to 7 parts, blocks that split lines, 1 to 3 threads.
     */
    @Test
    void partsCutAtLineStartsGiveTheRowsAndFirstErrorOfTheWholeFile() throws IOException {
        SplittableRandom r = new SplittableRandom(13);
        String[] bad = {"1 2 zz", "1 2", "1 2 NaN", "1 2 -3", "1,2,\u00e9", "1 2 2000", ",1 2 3", "1 2 3e"};
        for (int trial = 0; trial < 24; trial++) {
            String text = messyCatalog(r, 700, trial);
            if (trial >= 8) {
                String[] lines = text.split(trial % 3 == 1 ? "\r\n" : "\n", -1);
                lines[r.nextInt(lines.length - 1)] = bad[trial % bad.length];
                text = String.join(trial % 3 == 1 ? "\r\n" : "\n", lines);
            }
            Path p = dir.resolve("p" + trial + ".txt");
            Files.write(p, text.getBytes(StandardCharsets.UTF_8));
            int[] cols = {0, 1, 2};
            String want = reference(p, cols, 1000);
            for (int parts = 1; parts <= 7; parts++) {
                int threads = 1 + (trial + parts) % 3;
                int block = parts % 2 == 0 ? 97 : 1 << 20;
                assertEquals(want, readParts(p, cols, 1000, parts, threads, block), p + " in " + parts + " parts");
            }
        }
    }

    @Test
    void boundariesNeverSplitALineOrACrLf() throws IOException {
        Path p = dir.resolve("b.txt");
        Files.write(p, "1 2 3\r\n4 5 6\r7 8 9\n\r\n10 11 12".getBytes(StandardCharsets.US_ASCII));
        long[] want = {0, 7, 7, 7, 7, 7, 7, 7, 13, 13, 13, 13, 13, 13, 19, 19, 19, 19, 19, 19, 21, 21, 29, 29, 29};
        try (FileChannel ch = FileChannel.open(p)) {
            for (int pos = 0; pos < want.length; pos++) {
                long b = LineBreaks.boundary(ch, 0, pos);
                assertEquals(want[pos], b, "position " + pos);
            }
            assertEquals(29, LineBreaks.boundary(ch, 0, 400));
            assertEquals(7, LineBreaks.boundary(ch, 7, 3), "never before the data start");
        }
    }

    private static String readParts(Path p, int[] cols, double period, int parts, int threads, int block)
            throws IOException {
        StringBuilder out = new StringBuilder();
        long before = 0;
        long size = Files.size(p);
        try (FileChannel ch = FileChannel.open(p)) {
            for (int k = 0; k < parts; k++) {
                long from = LineBreaks.boundary(ch, 0, size * k / parts);
                long to = LineBreaks.boundary(ch, 0, size * (k + 1) / parts);
                try (TextCatalog t = new TextCatalog(p, cols, period, threads, from, to, 0, block)) {
                    double[] buf = new double[4 * 5];
                    int n;
                    while ((n = t.read(buf, 5)) > 0) {
                        out.append(Arrays.toString(Arrays.copyOf(buf, 4 * n))).append('\n');
                    }
                    before += t.lines();
                } catch (UserError e) {
                    return "ERROR " + (e instanceof BadLine b ? b.shifted(before) : e).getMessage();
                }
            }
        }
        return regroup(out.toString());
    }

    /** Numbers in several notations, separators, comments, blank lines, \r\n and \r line ends, non-ASCII lines. */
    private static String messyCatalog(SplittableRandom r, int n, int trial) {
        StringBuilder b = new StringBuilder();
        String[] seps = {" ", ",", "\t", " , ", "  ", "\f"};
        for (int i = 0; i < n; i++) {
            int kind = r.nextInt(40);
            if (kind == 0) {
                b.append("# comment ").append(i);
            } else if (kind == 1) {
                b.append("   ");
            } else if (kind == 2) {
                b.append(" \u2003 # caf\u00e9");
            } else {
                if (kind == 3) {
                    b.append('\u2003');
                }
                for (int k = 0; k < 4 + r.nextInt(2); k++) {
                    if (k > 0) {
                        b.append(seps[r.nextInt(seps.length)]);
                    }
                    double v = r.nextDouble() * 999;
                    b.append(
                            switch (r.nextInt(4)) {
                                case 0 -> Double.toString(v);
                                case 1 -> String.format(Locale.ROOT, "%.3e", v);
                                case 2 -> String.format(Locale.ROOT, "%.18e", v);
                                default -> Long.toString((long) v);
                            });
                }
                if (r.nextInt(10) == 0) {
                    b.append(" ,");
                }
            }
            b.append(trial % 3 == 0 ? "\n" : trial % 3 == 1 ? "\r\n" : (r.nextBoolean() ? "\r" : "\n"));
        }
        return b.toString();
    }

    private static String read(Path p, int[] cols, double period, int threads, int block) throws IOException {
        StringBuilder out = new StringBuilder();
        try (TextCatalog t = new TextCatalog(p, cols, period, threads, 0, Long.MAX_VALUE, 0, block)) {
            double[] buf = new double[4 * 7];
            int n;
            while ((n = t.read(buf, 7)) > 0) {
                out.append(Arrays.toString(Arrays.copyOf(buf, 4 * n))).append('\n');
            }
        } catch (UserError e) {
            return "ERROR " + e.getMessage();
        }
        return regroup(out.toString());
    }

    /** The rows, one per line, whatever the chunking. */
    private static String regroup(String s) {
        return s.replace("]\n[", ", ").replace("\n", "");
    }

    /** The reader this replaced, line by line. */
    private static String reference(Path p, int[] cols, double period) throws IOException {
        StringBuilder out = new StringBuilder();
        try (BufferedReader in = Files.newBufferedReader(p, StandardCharsets.UTF_8)) {
            double[] all = new double[0];
            int n = 0;
            String s;
            long line = 0;
            while ((s = in.readLine()) != null) {
                line++;
                String t = s.strip();
                if (t.isEmpty() || t.startsWith("#")) {
                    continue;
                }
                String[] f = CatalogColumns.split(t);
                double[] v = {0, 0, 0, 1};
                String problem = null;
                for (int k = 0; k < cols.length && problem == null; k++) {
                    int c = cols[k];
                    if (c >= f.length) {
                        problem = "expected at least " + (c + 1) + " fields, found " + f.length;
                    } else {
                        try {
                            v[k] = Double.parseDouble(f[c]);
                        } catch (NumberFormatException e) {
                            problem = "field " + (c + 1) + " '" + f[c] + "' is not a number";
                        }
                    }
                }
                if (problem == null) {
                    problem = CatalogReader.problem(v, period);
                }
                if (problem != null) {
                    out.append(n == 0 ? "" : Arrays.toString(Arrays.copyOf(all, 4 * n)))
                            .append("ERROR ")
                            .append(p)
                            .append(" line ")
                            .append(line)
                            .append(": ")
                            .append(problem);
                    return regroupError(out.toString());
                }
                all = Arrays.copyOf(all, 4 * n + 4);
                System.arraycopy(v, 0, all, 4 * n, 4);
                n++;
            }
            return n == 0 ? "" : Arrays.toString(Arrays.copyOf(all, 4 * n));
        }
    }

    private static String regroupError(String s) {
        return s.substring(s.indexOf("ERROR "));
    }
}
