package org.orrery.io.catalog;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The first line of a text catalog that is neither blank nor a comment (a header of column names or the first data
 * row), found before the catalog is parsed: its stripped text, where it starts and ends in bytes, and its line number.
 * Lines end at "\n", "\r" or "\r\n" and are decoded as strict UTF-8 (a
 * {@link java.nio.charset.CharacterCodingException} when they are not text).
 *
 * @param first the stripped line, or null when the file has only blank and comment lines
 * @param start byte offset of that line
 * @param after byte offset just after its line end (the end of the file when first is null)
 * @param lines lines read, that one included
 */
record TextHeader(String first, long start, long after, long lines) {
    static TextHeader scan(Path file) throws IOException {
        long offset = 0;
        long lines = 0;
        ByteArrayOutputStream cur = new ByteArrayOutputStream();
        try (InputStream s = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            while (true) {
                cur.reset();
                long start = offset;
                boolean any = false;
                int c;
                while ((c = s.read()) >= 0) {
                    offset++;
                    any = true;
                    if (c == '\n') {
                        break;
                    }
                    if (c == '\r') {
                        s.mark(1);
                        int d = s.read();
                        if (d == '\n') {
                            offset++;
                        } else if (d >= 0) {
                            s.reset();
                        }
                        break;
                    }
                    cur.write(c);
                }
                if (!any) {
                    return new TextHeader(null, offset, offset, lines);
                }
                lines++;
                String t = StandardCharsets.UTF_8
                        .newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(cur.toByteArray()))
                        .toString()
                        .strip();
                if (!t.isEmpty() && !t.startsWith("#")) {
                    return new TextHeader(t, start, offset, lines);
                }
            }
        }
    }
}
