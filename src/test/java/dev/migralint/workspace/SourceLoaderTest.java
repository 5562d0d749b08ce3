package dev.migralint.workspace;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reading files: the ASCII fast path and the decoder agree, and every problem is still reported. */
class SourceLoaderTest {
    @TempDir
    Path dir;

    private LoadedSource load(byte[] bytes, long max) throws IOException {
        Path p = dir.resolve("m.sql");
        Files.write(p, bytes);
        return new SourceLoader(max).load(p, "m.sql");
    }

    @Test
    void textIsDecodedWithAndWithoutNonAsciiAndBom() throws IOException {
        String ascii = "CREATE TABLE t (id int);\n".repeat(1000);
        String utf8 = "-- caf\u00e9 \u2192 \ud83d\udc18\n" + ascii;
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        for (String text : new String[]{"", ascii, utf8}) {
            LoadedSource plain = load(text.getBytes(StandardCharsets.UTF_8), 1 << 20);
            assertTrue(plain.ok(), plain.detail());
            assertEquals(text, plain.source().text());
            assertFalse(plain.hadBom());
            byte[] withBom = concat(bom, text.getBytes(StandardCharsets.UTF_8));
            LoadedSource marked = load(withBom, 1 << 20);
            assertEquals(text, marked.source().text());
            assertTrue(marked.hadBom());
        }
    }

    @Test
    void problemsAreReported() throws IOException {
        LoadedSource big = load("SELECT 1;\n".repeat(20).getBytes(StandardCharsets.US_ASCII), 100);
        assertEquals("too-large", big.problem());
        assertTrue(big.detail().startsWith("file is 200 bytes, over the 100 bytes limit"), big.detail());

        LoadedSource early = load("SELECT 1;\n\0".getBytes(StandardCharsets.US_ASCII), 1 << 20);
        assertEquals("binary", early.problem());
        assertEquals(2, early.line());

        // A NUL past the first 8 KB is found in the decoded text, on the ASCII path and on the decoder's.
        String late = "SELECT 1;\n".repeat(1000) + "\0";
        LoadedSource asciiLate = load(late.getBytes(StandardCharsets.US_ASCII), 1 << 20);
        assertEquals("binary", asciiLate.problem());
        assertEquals(1001, asciiLate.line());
        LoadedSource utf8Late = load(("-- \u00e9\n" + late).getBytes(StandardCharsets.UTF_8), 1 << 20);
        assertEquals("binary", utf8Late.problem());
        assertEquals(1002, utf8Late.line());

        LoadedSource latin1 = load("SELECT 1;\n-- caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1), 1 << 20);
        assertEquals("encoding", latin1.problem());
        assertEquals(2, latin1.line());
        assertNull(latin1.source());
    }

    @Test
    void missingFileIsUnreadable() {
        LoadedSource missing = new SourceLoader(1 << 20).load(dir.resolve("nope.sql"), "nope.sql");
        assertEquals("unreadable", missing.problem());
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
