package dev.migralint.workspace;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MigrationNamesTest {

    @Test
    void versionsAcrossLayouts() {
        assertEquals("20240105120000", MigrationNames.version("prisma/migrations/20240105120000_init/migration.sql"));
        assertEquals("1.2", MigrationNames.version("src/main/resources/db/migration/V1_2__add_users.sql"));
        assertEquals("1.2", MigrationNames.version("db/migration/V1.2__add_users.sql"));
        assertEquals("10", MigrationNames.version("db/migration/V010__x.sql"));
        assertNull(MigrationNames.version("db/migration/R__views.sql"));
        assertEquals("1", MigrationNames.version("migrations/000001_init.up.sql"));
        assertEquals("1", MigrationNames.version("migrations/000001_init.down.sql"));
        assertEquals("20240101120000", MigrationNames.version("migrations/2024-01-01-120000_create_users/up.sql"));
        assertEquals("20240101120000", MigrationNames.version("supabase/migrations/20240101120000_x.sql"));
        assertEquals("0", MigrationNames.version("drizzle/0000_init.sql"));
        assertNull(MigrationNames.version("db/schema.sql"));
    }

    @Test
    void historyDirectories() {
        assertEquals("prisma/migrations", MigrationNames.historyDir("prisma/migrations/20240105120000_init/migration.sql"));
        assertEquals("migrations", MigrationNames.historyDir("migrations/2024-01-01-120000_users/down.sql"));
        assertEquals("db/migrations", MigrationNames.historyDir("db/migrations/001_x.sql"));
        assertEquals("", MigrationNames.historyDir("001_x.sql"));
    }

    @Test
    void downMigrationsAndPairs() {
        assertTrue(MigrationNames.isDown("migrations/1_a.down.sql"));
        assertTrue(MigrationNames.isDown("migrations/2024-01-01-000000_a/down.sql"));
        assertTrue(MigrationNames.isDown("db/migration/U3__undo.sql"));
        assertFalse(MigrationNames.isDown("db/migration/V3__do.sql"));
        assertTrue(MigrationNames.isRepeatable("db/migration/R__views.sql"));

        assertEquals("m/1_a.down.sql", MigrationNames.expectedDown("m/1_a.up.sql"));
        assertEquals("m/x/down.sql", MigrationNames.expectedDown("m/x/up.sql"));
        assertNull(MigrationNames.expectedDown("m/1_a.sql"));
        assertNull(MigrationNames.expectedDown("m/1_a.down.sql"));
        assertTrue(MigrationNames.isDownOf("m/1_a.up.sql", "m/1_a.down.sql"));
        assertFalse(MigrationNames.isDownOf("m/1_a.up.sql", "m/2_a.down.sql"));
        assertTrue(MigrationNames.isDownOf("db/migration/V3__add.sql", "db/migration/U3__remove_again.sql"));
        assertFalse(MigrationNames.isDownOf("db/migration/V3__add.sql", "db/migration/U4__add.sql"));
    }

    @Test
    void changedLinesMapUnchangedLinesBack() {
        ChangedLines c = ChangedLines.between("a\nb\nc\nd\n", "a\nB\nc\nnew\nd\n");
        assertEquals(2, c.first());
        assertEquals(2, c.count());
        assertTrue(c.touches(2, 2));
        assertFalse(c.touches(3, 3));
        assertEquals(3, c.oldLine(3));
        assertEquals(4, c.oldLine(5));
        assertEquals(0, c.oldLine(4));
        ChangedLines deletion = ChangedLines.between("a\nb\nc\n", "a\nc\n");
        assertEquals(0, deletion.count());
        assertEquals(2, deletion.first());
        assertTrue(deletion.touches(1, 2), "a statement spanning the removed line counts as changed");
        assertFalse(deletion.touches(2, 2));
        assertTrue(ChangedLines.between("x\n", "x\n").none());
    }
}
