package dev.migralint.conformance;

import dev.migralint.PostgresCluster;
import dev.migralint.cli.Main;
import liquibase.Scope;
import liquibase.command.CommandScope;
import liquibase.resource.DirectoryResourceAccessor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The {@code --rollback} lines {@code migralint plan --add-down} writes into a Liquibase formatted SQL changelog are
 * accepted by real Liquibase 4 ({@code liquibase-core}, a test dependency): {@code update} runs the changesets,
 * {@code rollbackCount} runs the written rollbacks on a real PostgreSQL, and the schema is then the one before them.
 */
@Tag("conformance")
class LiquibaseAddDownTest {
    private static final String CHANGELOG = "db/changelog.sql";
    /** The first changeset has its own rollback (kept as written); the others get theirs from migralint. */
    private static final String REVERSIBLE = """
            --liquibase formatted sql

            --changeset me:1
            CREATE TABLE items (id bigint PRIMARY KEY, name text, price numeric DEFAULT 0);
            --rollback DROP TABLE items;

            --changeset me:2
            ALTER TABLE items ADD COLUMN sku text;
            CREATE INDEX items_name_idx ON items (name);
            ALTER TABLE items ALTER COLUMN name SET NOT NULL;
            ALTER TABLE items ALTER COLUMN price SET DEFAULT 1;

            --changeset me:3 runInTransaction:false
            CREATE INDEX CONCURRENTLY items_sku_idx ON items (sku);

            --changeset me:4
            ALTER TABLE items RENAME COLUMN name TO title;
            ALTER TABLE items ADD CONSTRAINT items_price_positive CHECK (price > 0);
            CREATE TABLE tags (id bigint PRIMARY KEY, item_id bigint REFERENCES items (id));

            --changeset me:5
            SET lock_timeout = '5s';
            """;
    private static PostgresCluster pg;

    @BeforeAll
    static void setUp() throws Exception {
        pg = PostgresCluster.sharedOrSkip();
        System.setProperty("liquibase.analytics.enabled", "false");
        System.setProperty("liquibase.showBanner", "false");
        Logger.getLogger("liquibase").setLevel(Level.WARNING);
    }

    @Test
    void theWrittenRollbacksRunAndRestoreTheSchema(@TempDir Path tmp) throws Exception {
        MigrationSet s = new MigrationSet(pg, tmp, "liquibase_add_down").write(CHANGELOG, REVERSIBLE);
        String err = addDown(s.dir.resolve("db"));
        String written = Files.readString(s.dir.resolve(CHANGELOG));
        assertEquals(4, written.lines().filter(l -> l.startsWith("--rollback -- Generated")
                || l.startsWith("--rollback empty")).count(), "changesets 2-5 got a rollback:\n" + written + err);

        RunnerOutcome first = liquibase(s, "updateCount", Map.of("count", 1));
        assertTrue(first.ok(), first.log());
        String before = schema(s);
        RunnerOutcome update = liquibase(s, "update", Map.of());
        assertTrue(update.ok(), update.log());
        assertTrue(s.hasColumn("items", "title") && s.hasIndex("items_sku_idx") && s.hasTable("tags"), "update ran");
        assertNotEquals(before, schema(s), "the comparison sees the changesets");
        RunnerOutcome rollback = liquibase(s, "rollbackCount", Map.of("count", 4));
        assertTrue(rollback.ok(), rollback.log() + "\n" + written);
        assertEquals(before, schema(s), "the schema after rollbackCount 4 is the one after changeset 1:\n" + written);
    }

    @Test
    void anIrreversibleChangesetsRollbackRunsAndSaysSo(@TempDir Path tmp) throws Exception {
        MigrationSet s = new MigrationSet(pg, tmp, "liquibase_add_down_irreversible").write(CHANGELOG, """
                --liquibase formatted sql

                --changeset me:1
                CREATE TABLE old_items (id bigint);
                --rollback DROP TABLE old_items;

                --changeset me:2
                DROP TABLE old_items;
                """);
        addDown(s.dir.resolve("db"));
        String written = Files.readString(s.dir.resolve(CHANGELOG));
        assertTrue(written.contains("--rollback -- IRREVERSIBLE line 8: DROP TABLE old_items"), written);
        RunnerOutcome update = liquibase(s, "update", Map.of());
        assertTrue(update.ok(), update.log());
        RunnerOutcome rollback = liquibase(s, "rollbackCount", Map.of("count", 1));
        // Liquibase accepts a rollback of comments: it runs, and the table stays gone until the backup is restored.
        assertTrue(rollback.ok(), rollback.log());
        assertFalse(s.hasTable("old_items"));
    }

    private static String addDown(Path dir) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(new String[] {"plan", dir.toString(), "--add-down", "--format", "text"},
                new PrintWriter(out, true), new PrintWriter(err, true));
        assertEquals(0, exit, err.toString());
        return err.toString();
    }

    private static String schema(MigrationSet s) throws Exception {
        PostgresCluster.Run dump = pg.schemaDump(s.db);
        assertTrue(dump.ok(), dump.output());
        // Liquibase's own tables change with every command; pg_dump's \restrict key changes with every dump.
        return dump.output().lines().filter(l -> !l.startsWith("\\restrict") && !l.startsWith("\\unrestrict"))
                .collect(Collectors.joining("\n")).replaceAll("(?s)-- Data for Name: databasechangelog.*", "");
    }

    private static RunnerOutcome liquibase(MigrationSet s, String command, Map<String, Object> arguments) throws Exception {
        return s.run(() -> Scope.child(Map.of(Scope.Attr.resourceAccessor.name(), new DirectoryResourceAccessor(s.dir)), () -> {
            CommandScope c = new CommandScope(command)
                    .addArgumentValue("url", s.jdbcUrl())
                    .addArgumentValue("changelogFile", CHANGELOG);
            arguments.forEach(c::addArgumentValue);
            c.execute();
        }));
    }
}
