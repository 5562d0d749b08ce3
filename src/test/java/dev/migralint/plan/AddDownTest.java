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

    /** golang-migrate sends a file of several statements as one query, an implicit transaction CONCURRENTLY refuses. */
    @Test
    void aDownFileOfSeveralStatementsDropsItsIndexWithoutConcurrently(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("000001_col_and_idx.up.sql"),
                "ALTER TABLE t ADD COLUMN c int;\nCREATE INDEX i ON t (c);\n", StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("000002_idx.up.sql"), "CREATE INDEX CONCURRENTLY j ON t (c);\n",
                StandardCharsets.UTF_8);
        PlanCommandTest.Out r = addDown(dir);
        assertEquals(0, r.exit(), r.err());
        String several = Files.readString(dir.resolve("000001_col_and_idx.down.sql"));
        assertTrue(several.contains("DROP INDEX IF EXISTS \"i\";"), several);
        assertFalse(several.contains("CONCURRENTLY IF EXISTS"), several);
        String alone = Files.readString(dir.resolve("000002_idx.down.sql"));
        assertTrue(alone.contains("DROP INDEX CONCURRENTLY IF EXISTS \"j\";"), "a lone statement keeps it: " + alone);
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

    private static PlanCommandTest.Out fixAddDown(Path target) {
        return PlanCommandTest.run("fix", target.toString(), "--add-down");
    }

    @Test
    void fixAddDownWritesTheDownOfTheFixedFileAndNeverOverwrites(@TempDir Path dir) throws Exception {
        Path up = dir.resolve("000001_idx.up.sql");
        Files.writeString(up, "CREATE INDEX i ON t (c);\n", StandardCharsets.UTF_8);
        PlanCommandTest.Out r = fixAddDown(dir);
        String fixed = Files.readString(up);
        assertTrue(fixed.contains("CONCURRENTLY"), "fix still fixes: " + fixed + r.out());
        String down = Files.readString(dir.resolve("000001_idx.down.sql"));
        assertTrue(down.startsWith(DownWriter.HEADER), down);
        assertTrue(down.contains("DROP INDEX CONCURRENTLY IF EXISTS \"i\";"), down);
        assertTrue(r.out().contains("wrote "), r.out());
        Files.writeString(dir.resolve("000001_idx.down.sql"), "-- mine\n");
        PlanCommandTest.Out again = fixAddDown(dir);
        assertEquals("-- mine\n", Files.readString(dir.resolve("000001_idx.down.sql")));
        assertTrue(again.out().contains("000001_idx.down.sql exists: not overwritten"), again.out());
    }

    @Test
    void fixAddDownOnARunnerWithoutADownFormatSaysSoAndWritesNothing(@TempDir Path dir) throws Exception {
        Path m = dir.resolve("prisma/migrations/20240101000000_init");
        Files.createDirectories(m);
        Files.writeString(dir.resolve("prisma/migrations/migration_lock.toml"), "provider = \"postgresql\"\n");
        String sql = "CREATE TABLE \"T\" (\"id\" INTEGER);\n";
        Files.writeString(m.resolve("migration.sql"), sql, StandardCharsets.UTF_8);
        PlanCommandTest.Out r = fixAddDown(dir.resolve("prisma/migrations"));
        assertTrue(r.out().contains("prisma has no down migration format"), r.out() + r.err());
        assertEquals(sql, Files.readString(m.resolve("migration.sql")));
        try (var s = Files.list(m)) {
            assertEquals(1, s.count(), "nothing written beside migration.sql");
        }
    }

    @Test
    void fixAddDownRefusesDiff(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("000001_a.up.sql"), "ALTER TABLE t ADD COLUMN c int;\n");
        PlanCommandTest.Out r = PlanCommandTest.run("fix", dir.toString(), "--add-down", "--diff");
        assertEquals(2, r.exit(), r.err());
        assertFalse(Files.exists(dir.resolve("000001_a.down.sql")));
    }

    static final String LIQUIBASE = """
            --liquibase formatted sql

            --changeset me:1
            CREATE TABLE items (id bigint PRIMARY KEY, name text);
            --rollback DROP TABLE items;

            --changeset me:2
            ALTER TABLE items ADD COLUMN price numeric;
            CREATE INDEX items_name_idx ON items (name);

            --changeset me:3 runInTransaction:false
            CREATE INDEX CONCURRENTLY items_price_idx ON items (price);

            --changeset me:4
            SET lock_timeout = '5s';
            """;

    @Test
    void liquibaseGetsRollbackLinesOnlyInTheChangesetsThatHaveNone(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("changelog.sql");
        Files.writeString(f, LIQUIBASE, StandardCharsets.UTF_8);
        PlanCommandTest.Out r = addDown(dir);
        assertEquals(0, r.exit(), r.err());
        String text = Files.readString(f);
        assertEquals(1, text.split("--rollback DROP TABLE", -1).length - 1, "changeset 1's rollback is kept:\n" + text);
        String two = text.substring(text.indexOf("--changeset me:2"), text.indexOf("--changeset me:3"));
        // Inverses in reverse order; in the changeset's transaction the index is dropped without CONCURRENTLY.
        assertTrue(two.indexOf("--rollback DROP INDEX IF EXISTS \"items_name_idx\";")
                < two.indexOf("--rollback ALTER TABLE \"items\" DROP COLUMN IF EXISTS \"price\";")
                && two.contains("--rollback DROP INDEX IF EXISTS"), two);
        String three = text.substring(text.indexOf("--changeset me:3"), text.indexOf("--changeset me:4"));
        assertTrue(three.contains("--rollback DROP INDEX CONCURRENTLY IF EXISTS \"items_price_idx\";"), three);
        assertTrue(text.substring(text.indexOf("--changeset me:4")).contains("--rollback empty"), text);
        assertTrue(r.err().contains("changelog.sql:3: no down migration written: the changeset has a rollback"), r.err());
        assertTrue(r.err().contains("changelog.sql:7: added"), r.err());
        // A second run finds every changeset with a rollback and changes nothing.
        addDown(dir);
        assertEquals(text, Files.readString(f));
    }

    @Test
    void aLiquibaseChangesetLineItCannotParseIsNamedAndTheOtherFilesAreWritten(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("a.sql");
        String badText = "--liquibase formatted sql\n--changeset broken\nCREATE TABLE a (id int);\n";
        Files.writeString(bad, badText, StandardCharsets.UTF_8);
        Path good = dir.resolve("b.sql");
        Files.writeString(good, "--liquibase formatted sql\n--changeset me:1\nCREATE TABLE b (id int);\n");
        PlanCommandTest.Out r = addDown(dir);
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.err().contains("a.sql:2: no down migration written: cannot parse this changeset line"), r.err());
        assertEquals(badText, Files.readString(bad));
        assertTrue(Files.readString(good).contains("--rollback DROP TABLE IF EXISTS \"b\";"), Files.readString(good));
    }

    @Test
    void anIrreversibleStatementIsACommentNamingTheRestoreStep(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("changelog.sql");
        Files.writeString(f, "--liquibase formatted sql\n--changeset me:1\nDROP TABLE old_items;\n");
        addDown(dir);
        String text = Files.readString(f);
        assertTrue(text.contains("--rollback -- IRREVERSIBLE line 3: DROP TABLE old_items"), text);
        assertTrue(text.contains("--rollback --   restore: pg_restore"), text);
    }

    @Test
    void flywayGetsAnUndoFileBesideTheVersionedOne(@TempDir Path dir) throws Exception {
        Path mig = dir.resolve("db/migration");
        Files.createDirectories(mig);
        Files.writeString(mig.resolve("V1__items.sql"), "CREATE TABLE items (id bigint);\n");
        Files.writeString(mig.resolve("V1_1__name.sql"), "ALTER TABLE items ADD COLUMN name text;\n"
                + "CREATE INDEX items_name_idx ON items (name);\n");
        Files.writeString(mig.resolve("V2__price.sql"), "ALTER TABLE items ADD COLUMN price numeric;\n");
        Files.writeString(mig.resolve("U2__mine.sql"), "-- mine\n");
        Files.writeString(mig.resolve("R__view.sql"), "CREATE OR REPLACE VIEW v AS SELECT 1;\n");
        PlanCommandTest.Out r = addDown(mig);
        assertEquals(0, r.exit(), r.err());
        String u1 = Files.readString(mig.resolve("U1__items.sql"));
        assertTrue(u1.startsWith(DownWriter.HEADER) && u1.contains("Flyway Teams"), u1);
        assertTrue(u1.contains("DROP TABLE IF EXISTS \"items\";"), u1);
        String u11 = Files.readString(mig.resolve("U1_1__name.sql"));
        assertTrue(u11.indexOf("DROP INDEX IF EXISTS \"items_name_idx\";") >= 0
                && u11.indexOf("DROP INDEX IF EXISTS") < u11.indexOf("DROP COLUMN IF EXISTS \"name\""), u11);
        assertEquals("-- mine\n", Files.readString(mig.resolve("U2__mine.sql")));
        assertFalse(Files.exists(mig.resolve("U2__price.sql")), "an undo of that version exists");
        assertTrue(r.err().contains("U2__mine.sql exists: not overwritten"), r.err());
        assertTrue(r.err().contains("repeatable Flyway migration has no undo"), r.err());
        assertFalse(Files.exists(mig.resolve("U__view.sql")));
    }
}
