package dev.migralint.workspace;

import dev.migralint.sql.op.Operation.MigrationHistory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The facts of a renamed migration that depend only on its two names, and a plain check's facts from disk. */
class HistoryFactsTest {
    @TempDir
    Path root;

    private MigrationHistory renamed(String from, String to) {
        return HistoryFacts.onDisk(root, List.of(to), p -> p).facts(to, HistoryFacts.RENAMED, from, 0);
    }

    @Test
    void versionRaisedWhenTheNewVersionSortsAfterTheOld() {
        assertTrue(renamed("migrations/20251216000000_a.up.sql", "migrations/20260121000000_a.up.sql").versionRaised());
        assertFalse(renamed("migrations/20260121000000_a.up.sql", "migrations/20251216000000_a.up.sql").versionRaised());
        assertFalse(renamed("migrations/000007_a.up.sql", "migrations/000007_b.up.sql").versionRaised(), "kept");
        assertTrue(renamed("db/migration/V1_9__a.sql", "db/migration/V1_10__a.sql").versionRaised(), "1.10 comes after 1.9");
        assertFalse(renamed("migrations/a.sql", "migrations/20260121000000_a.sql").versionRaised(), "no old version");
    }

    @Test
    void aDieselHistoryOnDiskWithSomeOfItsMigrationsGiven() throws IOException {
        Path m = root.resolve("migrations");
        for (String f : List.of("2024-01-01-000000_a/up.sql", "2024-01-01-000000_a/down.sql", "2024-01-02-000000_b/up.sql",
                "2024-01-02-000000_c/up.sql", "2024-01-03-000000_d/migration.sql", "2024-01-04-000000_e/up.sql",
                "2024-01-04-000000_e/down.sql")) {
            Files.createDirectories(m.resolve(f).getParent());
            Files.writeString(m.resolve(f), "select 1;\n");
        }
        Files.writeString(m.resolve("README.md"), "not a directory\n");
        Files.createDirectories(m.resolve("notes"));
        List<Path> listed = new ArrayList<>();
        HistoryFacts facts = HistoryFacts.onDisk(root, List.of("migrations/2024-01-01-000000_a/up.sql",
                "migrations/2024-01-02-000000_b/up.sql", "migrations/2024-01-04-000000_e/down.sql"), p -> p, listed::add);

        MigrationHistory a = facts.facts("migrations/2024-01-01-000000_a/up.sql", HistoryFacts.UNCHANGED, null, 0);
        assertFalse(a.missingDown());
        MigrationHistory b = facts.facts("migrations/2024-01-02-000000_b/up.sql", HistoryFacts.UNCHANGED, null, 0);
        assertTrue(b.missingDown());
        assertEquals("migrations/2024-01-02-000000_b/down.sql", b.expectedDown());
        assertEquals(List.of("migrations/2024-01-02-000000_c/up.sql"), b.duplicates(), "a migration not given, from disk");
        assertFalse(facts.facts("migrations/2024-01-04-000000_e/up.sql", HistoryFacts.UNCHANGED, null, 0).missingDown(),
                "an up migration not given beside a given down");
        assertEquals(Set.of(m, m.resolve("2024-01-01-000000_a"), m.resolve("2024-01-02-000000_b"),
                        m.resolve("2024-01-02-000000_c"), m.resolve("2024-01-03-000000_d"), m.resolve("2024-01-04-000000_e"),
                        m.resolve("notes")), Set.copyOf(listed));
        assertEquals(7, listed.size());
    }
}
