package dev.migralint.cache;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The pack's index is searched in place: every entry is found after a rewrite, a damaged one is a miss alone. */
class ResultPackTest {
    @TempDir
    Path tmp;

    private static byte[] id(int i) {
        return Hashes.sha256(("entry " + i).getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] value(int i) {
        return ("value of " + i).repeat(1 + i % 7).getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void everyEntryIsFoundByKindAndIdAfterARewrite() throws Exception {
        byte[] scope = id(-1);
        Path file = tmp.resolve("p.pack");
        ResultPack pack = ResultPack.open(file, scope);
        for (int i = 0; i < 1500; i++) {
            pack.put(i % 2 == 0 ? ResultPack.REPORT : ResultPack.LINT, id(i), value(i));
        }
        assertEquals(true, pack.save());
        ResultPack read = ResultPack.open(file, scope);
        for (int i = 0; i < 1500; i++) {
            assertArrayEquals(value(i), read.get(i % 2 == 0 ? ResultPack.REPORT : ResultPack.LINT, id(i)), "entry " + i);
            assertNull(read.get(i % 2 == 0 ? ResultPack.LINT : ResultPack.REPORT, id(i)), "other kind " + i);
        }
        assertNull(read.get(ResultPack.REPORT, id(5000)));
        // Added entries join the mapped ones when written again; the other scope's pack is empty.
        read.put(ResultPack.RUN, id(7), value(7));
        read.save();
        ResultPack again = ResultPack.open(file, scope);
        assertArrayEquals(value(7), again.get(ResultPack.RUN, id(7)));
        assertArrayEquals(value(8), again.get(ResultPack.REPORT, id(8)));
        assertNull(ResultPack.open(file, id(-2)).get(ResultPack.REPORT, id(8)));
    }

    @Test
    void aDamagedEntryIsAMissAndTheOthersStillHit() throws Exception {
        byte[] scope = id(-1);
        Path file = tmp.resolve("p.pack");
        ResultPack pack = ResultPack.open(file, scope);
        for (int i = 0; i < 10; i++) {
            pack.put(ResultPack.REPORT, id(i), value(i));
        }
        pack.save();
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length - 3] ^= 0x20; // inside the last entry's bytes
        Files.write(file, bytes);
        ResultPack read = ResultPack.open(file, scope);
        int found = 0;
        for (int i = 0; i < 10; i++) {
            ByteBuffer v = read.view(ResultPack.REPORT, id(i));
            found += v == null ? 0 : 1;
        }
        assertEquals(9, found);
    }
}
