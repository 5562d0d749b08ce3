package dev.migralint.cli;

import dev.migralint.cache.RunFingerprint;
import dev.migralint.config.Config;
import dev.migralint.config.ConfigLoader;
import dev.migralint.stats.SnapshotFile;
import dev.migralint.stats.StatsSnapshot;
import dev.migralint.stats.TableStats;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** check with a committed snapshot file, no database needed: severities, the age note, bad files and the cache key. */
class StatsCheckTest {
    private static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);

    private static Path project(Path dir, String config, LocalDate taken) throws Exception {
        Files.writeString(dir.resolve(".migralint.yml"), config);
        Path m = Files.createDirectories(dir.resolve("migrations"));
        Files.writeString(m.resolve("001.sql"), "CREATE INDEX a ON events (id);\nCREATE INDEX b ON tags (id);\n"
                + "CREATE INDEX c ON elsewhere (id);\n");
        if (taken != null) {
            SnapshotFile.write(dir.resolve(".migralint/stats.json"), new StatsSnapshot(taken, "16.4", "app", Map.of(
                    "public.events", new TableStats("public.events", 2_100_000_000L, 400L << 30, 10L << 30, 1L, 2L, 3L),
                    "public.tags", new TableStats("public.tags", 120L, 24_576, 24_576, 120L, 3L, 0L))));
        }
        return dir;
    }

    private static CliRunner.Run check(Path dir, String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("check", "-c", dir.resolve(".migralint.yml").toString(),
                "--no-cache", "--color", "never"));
        args.addAll(List.of(extra));
        args.add(dir.resolve("migrations").toString());
        return CliRunner.run(args.toArray(String[]::new));
    }

    @Test
    void severityAndMessageFollowTheSnapshot(@TempDir Path dir) throws Exception {
        project(dir, "fail-on: error\n", TODAY);
        CliRunner.Run run = check(dir);
        assertEquals(1, run.exit(), run.all());
        assertTrue(run.out().contains(":1:1: error[require-concurrent-index]: CREATE INDEX a on events without CONCURRENTLY "
                + "takes a SHARE lock, blocking writes (INSERT, UPDATE, DELETE) until the whole table is indexed. "
                + "Table events: ~2.1 billion rows, 410 GB as of " + TODAY + "."), run.out());
        assertTrue(run.out().contains(":2:1: notice[require-concurrent-index]: CREATE INDEX b on tags without CONCURRENTLY "
                + "takes a SHARE lock, blocking writes (INSERT, UPDATE, DELETE) until the whole table is indexed. "
                + "Table tags: ~120 rows, 48 kB as of " + TODAY + "."), run.out());
        assertTrue(run.out().contains(":3:1: error[require-concurrent-index]: CREATE INDEX c on elsewhere without "
                + "CONCURRENTLY takes a SHARE lock, blocking writes (INSERT, UPDATE, DELETE) until the whole table is indexed.\n"),
                run.out());
        assertFalse(run.err().contains("note:"), run.err());

        // Thresholds from the configuration: 120 rows is not small under 100.
        project(dir, "stats:\n  small-table: {rows: 100}\n", TODAY);
        assertTrue(check(dir).out().contains(":2:1: error[require-concurrent-index]"));
        // A configured severity replaces severity-when, as for every rule.
        project(dir, "rules: {require-concurrent-index: warning}\n", TODAY);
        CliRunner.Run configured = check(dir);
        assertTrue(configured.out().contains(":2:1: warning[require-concurrent-index]"), configured.out());
        assertTrue(configured.out().contains(":1:1: warning[require-concurrent-index]"), configured.out());
    }

    @Test
    void anOldSnapshotIsNotedOnce(@TempDir Path dir) throws Exception {
        project(dir, "stats: {max-age-days: 30}\n", TODAY.minusDays(45));
        CliRunner.Run run = check(dir);
        assertEquals(1, run.exit(), run.all());
        String note = "migralint: note: table statistics in " + dir.resolve(".migralint/stats.json") + " are from "
                + TODAY.minusDays(45) + ", 45 days ago (stats.max-age-days: 30)";
        assertTrue(run.err().contains(note), run.err());
        assertEquals(run.err().indexOf(note), run.err().lastIndexOf(note), "noted once");
        assertTrue(run.out().contains(":2:1: notice[require-concurrent-index]"), "an old snapshot still counts");
        project(dir, "stats: {max-age-days: 60}\n", TODAY.minusDays(45));
        assertFalse(check(dir).err().contains("note:"));
    }

    @Test
    void missingConfiguredFileAndBadSnapshotsAreExit2(@TempDir Path dir) throws Exception {
        project(dir, "stats: {file: db/stats.json}\n", null);
        CliRunner.Run missing = check(dir);
        assertEquals(2, missing.exit(), missing.all());
        assertTrue(missing.err().contains("db/stats.json") && missing.err().contains("does not exist"), missing.err());

        project(dir, "{}\n", null);
        Path file = Files.createDirectories(dir.resolve(".migralint")).resolve("stats.json");
        for (String text : List.of("{\"format\": \"migralint-stats/1\",", "{\"compilerOptions\": {}}", "\u0000")) {
            Files.writeString(file, text);
            CliRunner.Run run = check(dir);
            assertEquals(2, run.exit(), run.all());
            assertTrue(run.err().startsWith("migralint: " + file + ""), run.err());
            assertTrue(run.err().contains("not a migralint statistics snapshot"), run.err());
            assertFalse(run.all().contains("Exception") || run.all().contains("\tat "), run.all());
        }
        // Without a snapshot and without a stats: block, nothing changes.
        Files.delete(file);
        CliRunner.Run none = check(dir);
        assertEquals(1, none.exit());
        assertTrue(none.out().contains(":2:1: error[require-concurrent-index]"), none.out());
    }

    @Test
    void theSnapshotIsPartOfTheCacheFingerprint(@TempDir Path dir) throws Exception {
        project(dir, "fail-on: error\n", TODAY);
        Config config = ConfigLoader.load(dir.resolve(".migralint.yml"));
        String before = RunFingerprint.fingerprint(config);
        assertEquals(before, RunFingerprint.fingerprint(config));
        project(dir, "fail-on: error\n", TODAY.minusDays(1));
        assertNotEquals(before, RunFingerprint.fingerprint(config), "a refreshed snapshot changes findings");
    }
}
