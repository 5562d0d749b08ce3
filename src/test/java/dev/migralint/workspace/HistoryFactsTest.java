package dev.migralint.workspace;

import dev.migralint.sql.op.Operation.MigrationHistory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The facts of a renamed migration that depend only on its two names. */
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
}
