package org.orrery.apps.farm;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;
import org.orrery.io.IoFailures;

/**
 * The farm's ledger, {@code <table>.ledger/}: one append-only file per process ({@code rank<r>-<pid>.log}, so processes
 * never append to one file), whose first line is the table signature (operations and settings,
 * {@link FarmTable#signature}) and then one line per successful whole-file item, appended and fsynced as soon as its
 * outputs are written: {@code base64(record) TAB (base64(path) TAB size TAB crc32c)* TAB crc32c-of-the-line}. A line
 * torn by a crash fails its own checksum and is ignored.
 *
 * <p>{@code --resume} ({@link #verified}) reuses an item only if its line is intact, was written with the same options,
 * and every output it lists still has the recorded size and CRC-32C; the rest is redone. Extension rows of
 * multi-extension files (assembled at the end) are not ledgered: they are redone. Without {@code --resume} the ledger
 * is cleared first ({@link #reset}).
 */
final class FarmLedger implements AutoCloseable {
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();

    private final FarmOptions options;
    private final Path file;
    private FileChannel channel;

    private FarmLedger(FarmOptions options, Path file) {
        this.options = options;
        this.file = file;
    }

    /** The ledger directory of the table {@code csv}. */
    static Path dir(Path csv) {
        return csv.resolveSibling(csv.getFileName() + ".ledger");
    }

    /** This process's ledger for the table {@code csv} (created on the first append). */
    static FarmLedger open(Path csv, FarmOptions o, int rank) {
        return new FarmLedger(
                o,
                dir(csv).resolve("rank" + rank + "-" + ProcessHandle.current().pid() + ".log"));
    }

    /** Removes an earlier run's ledger (rank 0, a run without --resume). */
    static void reset(Path csv) {
        Path d = dir(csv);
        if (!Files.isDirectory(d)) {
            return;
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(d, "*.log")) {
            for (Path p : ds) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw IoFailures.writing(d, e);
        }
    }

    /** Appends {@code r} (a successful whole-file item whose outputs are written) and syncs it to disk. */
    synchronized void append(FarmRecord r) throws IOException {
        if (!r.ok() || r.survey().hduRow()) {
            return;
        }
        if (channel == null) {
            Files.createDirectories(file.getParent());
            channel = FileChannel.open(
                    file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
            write(FarmTable.signature(options) + "\n");
        }
        StringBuilder line = new StringBuilder(B64.encodeToString(FarmRecordCodec.encode(List.of(r))));
        for (Path out : outputs(r)) {
            line.append('\t')
                    .append(B64.encodeToString(out.toString().getBytes(StandardCharsets.UTF_8)))
                    .append('\t')
                    .append(Files.size(out))
                    .append('\t')
                    .append(Long.toHexString(crc(out)));
        }
        String body = line.toString();
        write(body + "\t" + Long.toHexString(crc(body)) + "\n");
        channel.force(false);
    }

    private void write(String s) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8));
        while (b.hasRemaining()) {
            channel.write(b);
        }
    }

    /** The outputs of a successful item: the high-pass image and the background images that exist. */
    private List<Path> outputs(FarmRecord r) {
        List<Path> out = new ArrayList<>();
        if (!r.output().isEmpty()) {
            out.add(Path.of(r.output()));
        }
        if (options.has(FarmOptions.Op.background)) {
            for (String tag : List.of("bkgsub", "bkg", "rms")) {
                Path p = options.output(r.input(), tag);
                if (Files.isRegularFile(p)) {
                    out.add(p);
                }
            }
        }
        return out;
    }

    /**
     * Rank 0, {@code --resume}: the records of the ledger of {@code csv} written with options {@code o} whose outputs
     * are intact, keyed by input; {@code null} when there is no ledger.
     */
    static Map<String, FarmRecord> verified(Path csv, FarmOptions o) {
        Path d = dir(csv);
        if (!Files.isDirectory(d)) {
            return null;
        }
        Map<String, FarmRecord> ok = new HashMap<>();
        String signature = FarmTable.signature(o);
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(d, "*.log")) {
            for (Path p : ds) {
                List<String> lines = Files.readAllLines(p, StandardCharsets.UTF_8);
                if (lines.isEmpty() || !lines.get(0).equals(signature)) {
                    continue; // another run's options: nothing to reuse
                }
                for (String l : lines.subList(1, lines.size())) {
                    FarmRecord r = intact(l);
                    if (r != null) {
                        ok.put(r.input(), r);
                    }
                }
            }
        } catch (IOException e) {
            return null;
        }
        return ok;
    }

    /** The record of one ledger line if the line and every output it lists are intact, else null. */
    static FarmRecord intact(String line) {
        int last = line.lastIndexOf('\t');
        if (last < 0 || !line.substring(last + 1).equals(Long.toHexString(crc(line.substring(0, last))))) {
            return null;
        }
        String[] f = line.substring(0, last).split("\t", -1);
        if (f.length % 3 != 1) {
            return null;
        }
        try {
            for (int i = 1; i < f.length; i += 3) {
                Path out = Path.of(new String(B64D.decode(f[i]), StandardCharsets.UTF_8));
                if (!Files.isRegularFile(out)
                        || Files.size(out) != Long.parseLong(f[i + 1])
                        || !Long.toHexString(crc(out)).equals(f[i + 2])) {
                    return null;
                }
            }
            byte[] rec = B64D.decode(f[0]);
            return FarmRecordCodec.decode(rec, 0, rec.length).get(0);
        } catch (IOException | RuntimeException e) {
            return null; // unreadable output or damaged line: the item is redone
        }
    }

    static long crc(String s) {
        CRC32C c = new CRC32C();
        c.update(s.getBytes(StandardCharsets.UTF_8));
        return c.getValue();
    }

    static long crc(Path p) throws IOException {
        CRC32C c = new CRC32C();
        byte[] buf = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(p)) {
            for (int n = in.read(buf); n > 0; n = in.read(buf)) {
                c.update(buf, 0, n);
            }
        }
        return c.getValue();
    }

    @Override
    public synchronized void close() throws IOException {
        if (channel != null) {
            channel.close();
            channel = null;
        }
    }
}
