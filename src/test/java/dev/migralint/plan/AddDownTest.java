package dev.migralint.plan;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code plan --add-down}: the rollback written in the runner's own down format, never over an existing one. */
class AddDownTest {
    private static PlanCommandTest.Out addDown(Path target) {
        return PlanCommandTest.run("plan", target.toString(), "--add-down", "--format", "text");
    }

    @Test
    void golangMigrateGetsASiblingDownFileAndAnExistingOneIsKept(@TempDir Path dir) throws Exception {
        Path up = dir.resolve("000001_add_col.up.sql");
        Files.writeString(up, "ALTER TABLE t ADD COLUMN c int;\n", StandardCharsets.UTF_8);
        Path up2 = dir.resolve("000002_idx.up.sql");
        Files.writeString(up2, "CREATE INDEX CONCURRENTLY i ON t (c);\n", StandardCharsets.UTF_8);
        Path down2 = dir.resolve("000002_idx.down.sql");
        Files.writeString(down2, "-- mine\n", StandardCharsets.UTF_8);
        PlanCommandTest.Out r = addDown(dir);
        assertEquals(0, r.exit(), r.err());
        String down = Files.readString(dir.resolve("000001_add_col.down.sql"));
        assertTrue(down.contains("ALTER TABLE \"t\" DROP COLUMN IF EXISTS \"c\";"), down);
        assertEquals("-- mine\n", Files.readString(down2), "an existing down migration is never overwritten");
        assertTrue(r.err().contains("not overwritten"), r.err());
    }

    @Test
    void dbmateGetsADownSection(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("20240101000000_t.sql");
        Files.writeString(f, "-- migrate:up\nCREATE TABLE t (id int);\n", StandardCharsets.UTF_8);
        PlanCommandTest.Out r = addDown(dir);
        assertEquals(0, r.exit(), r.err());
        String text = Files.readString(f);
        assertTrue(text.contains("-- migrate:down\n"), text + r.err());
        assertTrue(text.indexOf("DROP TABLE IF EXISTS \"t\";") > text.indexOf("-- migrate:down"), text);
        // A second run finds the section and writes nothing.
        addDown(dir);
        assertEquals(text, Files.readString(f));
    }

    @Test
    void aRunnerWithoutADownFormatSaysSoAndWritesNothing(@TempDir Path dir) throws Exception {
        Path m = dir.resolve("prisma/migrations/20240101000000_init");
        Files.createDirectories(m);
        Files.writeString(dir.resolve("prisma/migrations/migration_lock.toml"), "provider = \"postgresql\"\n");
        Path f = m.resolve("migration.sql");
        String sql = "CREATE TABLE \"T\" (\"id\" INTEGER);\n";
        Files.writeString(f, sql, StandardCharsets.UTF_8);
        PlanCommandTest.Out r = addDown(dir.resolve("prisma/migrations"));
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.err().contains("prisma has no down migration format"), r.err());
        assertEquals(sql, Files.readString(f));
        try (var s = Files.list(m)) {
            assertEquals(1, s.count(), "nothing written beside migration.sql");
        }
        assertFalse(r.err().contains("wrote"), r.err());
    }
}
