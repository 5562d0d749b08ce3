package dev.migralint.workspace;

import org.eclipse.jgit.diff.DiffEntry;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class GitSelectorTest {
    @Test
    void historyDirectoriesOfADiff() {
        DiffEntry added = diffEntry(DiffEntry.ChangeType.ADD, DiffEntry.DEV_NULL, "db/migrations/002_x.sql");
        DiffEntry prisma = diffEntry(DiffEntry.ChangeType.RENAME, "prisma/migrations/1_a/migration.sql",
                "api/prisma/migrations/1_a/migration.sql");
        DiffEntry notSql = diffEntry(DiffEntry.ChangeType.MODIFY, "README.md", "README.md");
        assertEquals(Set.of("db/migrations", "prisma/migrations", "api/prisma/migrations"),
                GitSelector.historyDirs(List.of(added, prisma, notSql)));
        assertEquals(Set.of(), GitSelector.historyDirs(List.of(notSql)), "nothing to read");
        assertNull(GitSelector.historyDirs(List.of(added, diffEntry(DiffEntry.ChangeType.ADD, DiffEntry.DEV_NULL, "init.sql"))),
                "a migration at the root: the whole tree");
    }

    private static DiffEntry diffEntry(DiffEntry.ChangeType type, String from, String to) {
        return new DiffEntry() {
            {
                changeType = type;
                oldPath = from;
                newPath = to;
            }
        };
    }
}
