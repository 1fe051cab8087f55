package org.orrery.io.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orrery.io.csv.ParticleCsv;
import org.orrery.model.UserError;

/** Binary or compressed input to the text readers says "not a text catalog" (issue 13 item 5). */
class TextFilesTest {

    @Test
    void aGzipCatalogIsNotText(@TempDir Path tmp) throws IOException {
        Path f = tmp.resolve("points.txt.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(f))) {
            out.write("1 2 3\n4 5 6\n".getBytes(StandardCharsets.UTF_8));
        }
        UserError e = assertThrows(UserError.class, () -> CatalogReader.open(f, List.of(), false, 0));
        assertEquals(
                "catalog " + f + " is not a text catalog (it is gzip-compressed: unpack it with gunzip first)",
                e.getMessage());
    }

    @Test
    void bytesThatAreNotUtf8AreNotTextEvenWithoutANulByte(@TempDir Path tmp) throws IOException {
        Path f = tmp.resolve("points.txt");
        Files.write(f, new byte[] {'1', ' ', (byte) 0xff, (byte) 0xfe, ' ', '3', '\n'});
        UserError e = assertThrows(UserError.class, () -> {
            try (CatalogReader r = CatalogReader.open(f, List.of(), false, 0)) {
                r.read(new double[40], 10);
            }
        });
        assertEquals(
                "cannot read catalog " + f
                        + ": not a text catalog (bytes that are not UTF-8 text: binary or compressed data?)",
                e.getMessage());
    }

    @Test
    void binaryParticlesAreNotText(@TempDir Path tmp) throws IOException {
        Path f = tmp.resolve("p.csv");
        Files.write(f, new byte[] {'x', ',', 0, 1, 2, '\n'});
        UserError e = assertThrows(UserError.class, () -> ParticleCsv.read(f));
        assertEquals("particle file " + f + " is not a text catalog (it is binary data)", e.getMessage());
    }
}
