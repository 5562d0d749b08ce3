package dev.migralint.stats;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The snapshot file: deterministic, one table a line, read back exactly, and strict about what it reads. */
class SnapshotFileTest {
    static StatsSnapshot sample() {
        Map<String, TableStats> t = new LinkedHashMap<>();
        t.put("public.zeta", new TableStats("public.zeta", 5L, 8192, 16384, 1L, 2L, 3L));
        t.put("public.alpha", new TableStats("public.alpha", null, 0, 0, null, null, null));
        t.put("s.\"odd\"", new TableStats("s.\"odd\"", 1L, 1, 2, 0L, 0L, 0L));
        return new StatsSnapshot(LocalDate.of(2026, 11, 30), "16.4 (Debian 16.4-1)", "app", t);
    }

    @Test
    void writesSortedKeysOneTableALine() {
        String json = SnapshotFile.toJson(sample());
        assertEquals("""
                {
                  "database": "app",
                  "format": "migralint-stats/1",
                  "server-version": "16.4 (Debian 16.4-1)",
                  "tables": {
                    "public.alpha": {"deletes": null, "heap-bytes": 0, "index-bytes": 0, "inserts": null, "rows": null, "updates": null},
                    "public.zeta": {"deletes": 3, "heap-bytes": 8192, "index-bytes": 16384, "inserts": 1, "rows": 5, "updates": 2},
                    "s.\\"odd\\"": {"deletes": 0, "heap-bytes": 1, "index-bytes": 2, "inserts": 0, "rows": 1, "updates": 0}
                  },
                  "taken": "2026-11-30"
                }
                """, json);
    }

    @Test
    void readsBackWhatItWrites(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("sub/stats.json");
        SnapshotFile.write(f, sample());
        StatsSnapshot back = SnapshotFile.read(f);
        assertEquals(sample(), back);
        assertEquals(SnapshotFile.toJson(sample()), Files.readString(f, StandardCharsets.UTF_8));
        StatsSnapshot empty = new StatsSnapshot(LocalDate.of(2026, 1, 2), "15", "d", Map.of());
        assertEquals(empty, SnapshotFile.parse("e.json", SnapshotFile.toJson(empty)));
    }

    @Test
    void corruptOrForeignFilesAreClearErrors() {
        assertMessage("stats.json:3:1: not a migralint statistics snapshot (invalid JSON", "{\n  \"format\": \n");
        assertMessage("stats.json: not a migralint statistics snapshot (expected \"format\"",
                "{\"name\": \"my-app\", \"version\": \"1.0.0\"}");
        assertMessage("stats.json: not a migralint statistics snapshot (expected \"format\"", "[1, 2]");
        String ok = SnapshotFile.toJson(sample());
        assertMessage("\"taken\" must be a date", ok.replace("2026-11-30", "yesterday"));
        assertMessage("tables.public.zeta.rows must be a whole number of at least 0 or null", ok.replace("\"rows\": 5", "\"rows\": -5"));
        assertMessage("tables.public.zeta.heap-bytes must be a whole number of at least 0", ok.replace("\"heap-bytes\": 8192", "\"heap-bytes\": \"8 kB\""));
        assertMessage("unknown key \"tables.public.zeta.secret\"", ok.replace("\"updates\": 2}", "\"updates\": 2, \"secret\": 1}"));
        assertMessage("\"tables.public.zeta.updates\" is missing", ok.replace(", \"updates\": 2}", "}"));
        assertMessage("unknown key \"url\"", ok.replace("\"database\": \"app\",", "\"database\": \"app\", \"url\": \"x\","));
        assertMessage("Duplicate field", ok.replace("\"database\": \"app\",", "\"database\": \"app\", \"database\": \"b\","));
    }

    @Test
    void notUtf8(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("stats.json");
        Files.write(f, new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1});
        StatsException e = assertThrows(StatsException.class, () -> SnapshotFile.read(f));
        assertTrue(e.getMessage().contains("not UTF-8"), e.getMessage());
    }

    private static void assertMessage(String expected, String text) {
        StatsException e = assertThrows(StatsException.class, () -> SnapshotFile.parse("stats.json", text));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
