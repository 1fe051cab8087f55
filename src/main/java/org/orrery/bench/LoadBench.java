package org.orrery.bench;

import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import nom.tam.fits.BinaryTable;
import nom.tam.fits.BinaryTableHDU;
import nom.tam.fits.Fits;
import nom.tam.fits.ImageData;
import org.orrery.model.UserError;

/**
 * How fast {@code paircount} loads a binary catalog, beside how fast the file's bytes can be read here: N uniform
 * points (x, y, z doubles) written once as {@code .npy} and as a FITS binary table; in each repetition, per format, (1)
 * the bytes read through a {@link FileChannel} into one reused 4 MiB buffer (the page cache's or, with {@code cold},
 * the disk's speed: the most any reader can do), (2) {@code launch/orrery paircount -np NP --data FILE} with a tiny
 * rmax, its {@code load_s} from {@code --summary} (reading, checking and holding every point), and (3) for
 * {@code .npy}, where {@code python3} has numpy, {@code np.load} and the three column copies in a fresh process (what a
 * Python user's script pays for the same arrays). With {@code cold} (root only) the page cache is dropped before each
 * measurement. Prints medians and ranges; writes {@code load-bench.csv} and {@code load-bench.md} in {@code out}.
 */
public final class LoadBench {
    private LoadBench() {}

    /** Validated options of {@code bench load}. */
    public record Options(long n, int repeat, List<Integer> ranks, boolean cold, Path out) {
        public Options {
            if (n < 2 || n > 100_000_000L) {
                throw new UserError("--n must be 2..100000000, got " + n);
            }
            if (repeat < 1) {
                throw new UserError("--repeat must be at least 1, got " + repeat);
            }
            if (ranks.isEmpty() || ranks.stream().anyMatch(r -> r < 1)) {
                throw new UserError("--np needs rank counts of at least 1, got " + ranks);
            }
            ranks = List.copyOf(ranks);
        }
    }

    private static final String NUMPY = "import sys, time, numpy as np\n"
            + "t = time.perf_counter(); a = np.load(sys.argv[1]); x = a[:, 0].copy(); y = a[:, 1].copy();"
            + " z = a[:, 2].copy()\nprint(time.perf_counter() - t)\n";

    public static int run(Options o) throws IOException, InterruptedException {
        Files.createDirectories(o.out());
        Path tmp = Files.createTempDirectory("orrery-load");
        try {
            double[][] xyz = catalog(o.n());
            Path npy = writeNpy(tmp.resolve("cat.npy"), xyz);
            Path fits = writeFits(tmp.resolve("cat.fits"), xyz);
            xyz = null;
            boolean numpy = BenchSupport.run(List.of("python3", "-c", "import numpy"), Map.of(), 60)
                            .exit()
                    == 0;
            List<String> rows = new ArrayList<>();
            StringBuilder md = new StringBuilder(String.format(
                    Locale.ROOT,
                    "Catalog load: %d points (x, y, z doubles), %d repetitions, %s page cache; seconds, median"
                            + " (min–max); GB/s = file bytes / median.%n%n| format | MB | np | read (FileChannel) |"
                            + " paircount load_s | load / read | numpy np.load + copies (fresh process) |%n"
                            + "|---|---|---|---|---|---|---|%n",
                    o.n(),
                    o.repeat(),
                    o.cold() ? "cold" : "warm"));
            System.out.print(md);
            for (Path f : List.of(npy, fits)) {
                for (int np : o.ranks()) {
                    double[] read = new double[o.repeat()];
                    double[] load = new double[o.repeat()];
                    double[] py = new double[o.repeat()];
                    boolean withPy = numpy && f == npy;
                    for (int k = 0; k < o.repeat(); k++) {
                        read[k] = timedRead(f, o.cold());
                        load[k] = orreryLoad(f, np, o.cold(), tmp);
                        py[k] = withPy ? numpyLoad(f, o.cold()) : Double.NaN;
                        rows.add(String.format(
                                Locale.ROOT,
                                "%s,%d,%d,%d,%.4f,%.4f,%.4f",
                                name(f),
                                Files.size(f),
                                np,
                                k,
                                read[k],
                                load[k],
                                py[k]));
                    }
                    String line = row(f, np, read, load, withPy ? py : null);
                    System.out.print(line);
                    md.append(line);
                }
            }
            Files.writeString(
                    o.out().resolve("load-bench.csv"),
                    "format,bytes,np,rep,read_s,load_s,numpy_s\n" + String.join("\n", rows) + "\n");
            Files.writeString(o.out().resolve("load-bench.md"), md.toString());
            return 0;
        } finally {
            try (var s = Files.walk(tmp)) {
                for (Path p : s.sorted((a, b) -> b.compareTo(a)).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    private static String name(Path f) {
        return f.getFileName().toString().endsWith(".npy") ? "npy" : "fits";
    }

    private static String row(Path f, int np, double[] read, double[] load, double[] py) throws IOException {
        double mb = Files.size(f) / 1e6;
        double[] r = CorrfuncRBench.stats(read);
        double[] l = CorrfuncRBench.stats(load);
        String numpy = "–";
        if (py != null) {
            double[] p = CorrfuncRBench.stats(py);
            numpy = String.format(Locale.ROOT, "%.3f (%.3f–%.3f), %.2f GB/s", p[0], p[1], p[2], mb / 1e3 / p[0]);
        }
        return String.format(
                Locale.ROOT,
                "| %s | %.0f | %d | %.3f (%.3f–%.3f), %.2f GB/s | %.3f (%.3f–%.3f), %.2f GB/s | %.1f | %s |%n",
                name(f),
                mb,
                np,
                r[0],
                r[1],
                r[2],
                mb / 1e3 / r[0],
                l[0],
                l[1],
                l[2],
                mb / 1e3 / l[0],
                l[0] / r[0],
                numpy);
    }

    /** N points uniform in [0, 1000)^3, seed fixed. */
    static double[][] catalog(long n) {
        SplittableRandom r = new SplittableRandom(20261205);
        double[][] c = new double[3][Math.toIntExact(n)];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < 3; k++) {
                c[k][i] = 1000 * r.nextDouble();
            }
        }
        return c;
    }

    /** A C-order little-endian float64 array of shape (N, 3), format 1.0 (also the readers' tests' file). */
    public static Path writeNpy(Path f, double[][] c) throws IOException {
        int n = c[0].length;
        String h = "{'descr': '<f8', 'fortran_order': False, 'shape': (" + n + ", 3), }";
        String header = h + " ".repeat(63 - (10 + h.length()) % 64) + "\n";
        try (FileChannel ch = FileChannel.open(
                f, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            ByteBuffer b = ByteBuffer.allocate(1 << 22).order(ByteOrder.LITTLE_ENDIAN);
            b.put((byte) 0x93)
                    .put("NUMPY".getBytes(StandardCharsets.US_ASCII))
                    .put((byte) 1)
                    .put((byte) 0);
            b.putShort((short) header.length()).put(header.getBytes(StandardCharsets.US_ASCII));
            for (int i = 0; i < n; i++) {
                if (b.remaining() < 24) {
                    drain(ch, b);
                }
                b.putDouble(c[0][i]).putDouble(c[1][i]).putDouble(c[2][i]);
            }
            drain(ch, b);
        }
        return f;
    }

    private static void drain(FileChannel ch, ByteBuffer b) throws IOException {
        b.flip();
        while (b.hasRemaining()) {
            ch.write(b);
        }
        b.clear();
    }

    /** A FITS file whose first extension is a binary table of columns X, Y, Z (D). */
    static Path writeFits(Path f, double[][] c) throws IOException {
        try (Fits out = new Fits()) {
            BinaryTableHDU h =
                    (BinaryTableHDU) Fits.makeHDU(BinaryTable.fromColumnMajor(new Object[] {c[0], c[1], c[2]}));
            h.setColumnName(0, "X", null);
            h.setColumnName(1, "Y", null);
            h.setColumnName(2, "Z", null);
            out.addHDU(Fits.makeHDU(new ImageData()));
            out.addHDU(h);
            out.write(f.toFile());
        } catch (nom.tam.fits.FitsException e) {
            throw new IOException("cannot write " + f + ": " + e.getMessage(), e);
        }
        return f;
    }

    private static void dropCaches(boolean cold) throws IOException, InterruptedException {
        if (cold) {
            BenchSupport.Ran r =
                    BenchSupport.run(List.of("sh", "-c", "sync && echo 3 > /proc/sys/vm/drop_caches"), Map.of(), 120);
            if (r.exit() != 0) {
                throw new UserError("--cold needs root (echo 3 > /proc/sys/vm/drop_caches): "
                        + r.output().trim());
            }
        }
    }

    /** Seconds to read every byte of {@code f} through one reused 4 MiB direct buffer. */
    static double timedRead(Path f, boolean cold) throws IOException, InterruptedException {
        dropCaches(cold);
        ByteBuffer b = ByteBuffer.allocateDirect(1 << 22);
        long t0 = System.nanoTime();
        long got = 0;
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ)) {
            for (int k = ch.read(b); k >= 0; k = ch.read(b)) {
                got += k;
                b.clear();
            }
        }
        double s = (System.nanoTime() - t0) * 1e-9;
        if (got != Files.size(f)) {
            throw new IOException("read " + got + " of " + Files.size(f) + " bytes of " + f);
        }
        return s;
    }

    private static double orreryLoad(Path f, int np, boolean cold, Path tmp) throws IOException, InterruptedException {
        dropCaches(cold);
        Path json = tmp.resolve("load.json");
        List<String> cmd = BenchSupport.mpirunJava(
                np,
                "PairCount",
                "--data",
                f.toString(),
                "--box",
                "1000",
                "--periodic",
                "--rmin",
                "0.1",
                "--rmax",
                "1",
                "--nbins",
                "2",
                "--random-factor",
                "0",
                "--no-plot",
                "--no-fits",
                "-q",
                "-o",
                tmp.resolve("out").toString(),
                "--summary",
                json.toString());
        BenchSupport.Ran r = BenchSupport.run(cmd, Map.of(), 3600);
        if (r.exit() != 0) {
            throw new IOException("paircount failed: " + String.join(" ", cmd) + "\n" + r.output());
        }
        double s = JsonParser.parseString(Files.readString(json))
                .getAsJsonObject()
                .getAsJsonObject("results")
                .get("load_s")
                .getAsDouble();
        Files.deleteIfExists(json);
        return s;
    }

    private static double numpyLoad(Path f, boolean cold) throws IOException, InterruptedException {
        dropCaches(cold);
        BenchSupport.Ran r = BenchSupport.run(List.of("python3", "-c", NUMPY, f.toString()), Map.of(), 3600);
        if (r.exit() != 0) {
            throw new IOException("numpy failed: " + r.output());
        }
        return Double.parseDouble(r.output().trim());
    }
}
