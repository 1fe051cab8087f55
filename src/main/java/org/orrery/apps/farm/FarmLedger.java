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
import java.util.List;
import java.util.zip.CRC32C;
import org.orrery.io.IoFailures;

/**
 * The farm's ledger, {@code <table>.ledger/}: one append-only file per process ({@code rank<r>-<pid>.log}, so processes
 * never append to one file), whose first line is the table signature (operations and settings,
 * {@link FarmTable#signature}) and then one line per finished unit of work, appended and fsynced as soon as its files
 * are written: {@code kind TAB base64(payload) TAB (base64(path) TAB size TAB crc32c)* TAB crc32c-of-the-line}. A line
 * torn by a crash fails its own checksum and is ignored. Kinds:
 *
 * <ul>
 *   <li>{@code F}: a successful whole-file item; payload its record, files its outputs;
 *   <li>{@code E}: a successful extension of a multi-extension file; payload its record, files its part images
 *       ({@link FarmMirror#part});
 *   <li>{@code M}: the mirrored outputs of one multi-extension input are assembled, every extension with pixels;
 *       payload the input path, files the mirrors. Written before the parts are deleted.
 * </ul>
 *
 * <p>{@code --resume} ({@link FarmResume}, which reads the lines) trusts a line only if it is intact, was written with
 * the same options and every file it lists still has the recorded size and CRC-32C. Without {@code --resume} the ledger
 * is cleared first ({@link #reset}).
 */
final class FarmLedger implements AutoCloseable {
    static final char FILE = 'F';
    static final char EXTENSION = 'E';
    static final char MIRROR = 'M';

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

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

    /** Appends {@code r} (a successful item whose output or part images are written) and syncs it to disk. */
    synchronized void append(FarmRecord r) throws IOException {
        if (!r.ok()) {
            return;
        }
        boolean ext = r.survey().hduRow();
        List<Path> files = ext ? FarmMirror.parts(options, r.input(), r.hdu()) : outputs(r);
        appendLine(ext ? EXTENSION : FILE, FarmRecordCodec.encode(List.of(r)), files);
    }

    /** Appends that the mirrors {@code files} of {@code input} are complete, and syncs it to disk. */
    synchronized void appendMirror(String input, List<Path> files) throws IOException {
        appendLine(MIRROR, input.getBytes(StandardCharsets.UTF_8), files);
    }

    private void appendLine(char kind, byte[] payload, List<Path> files) throws IOException {
        if (channel == null) {
            Files.createDirectories(file.getParent());
            channel = FileChannel.open(
                    file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
            write(FarmTable.signature(options) + "\n");
        }
        StringBuilder line = new StringBuilder().append(kind).append('\t').append(B64.encodeToString(payload));
        for (Path out : files) {
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

    /** The outputs of a successful whole-file item: the high-pass image and the background images that exist. */
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
