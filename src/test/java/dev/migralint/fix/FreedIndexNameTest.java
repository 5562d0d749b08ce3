package dev.migralint.fix;

import dev.migralint.cli.FixCommand;
import dev.migralint.config.Config;
import dev.migralint.rules.Linter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A DROP TABLE or DROP COLUMN removes the indexes on what it drops, freeing their names. When a later statement of the
 * history takes such a name again, commenting the DROP out keeps the old index and that statement fails ("relation
 * already exists"): as an atlas-generated history does when it replaces table items by item and recreates the unique
 * index item_id on the new one.
 */
class FreedIndexNameTest {
    private static final String CREATE = "CREATE TABLE items (id text NOT NULL, note text);\n"
            + "CREATE UNIQUE INDEX item_id ON items (id);\n"
            + "CREATE INDEX item_note ON items (note);\n";

    @Test
    void laterIndexOfTheDroppedTablesIndexNameKeepsTheDrop(@TempDir Path dir) throws Exception {
        FixOutcome o = drop(dir, "t-comment-drop-table", "DROP TABLE items;\n",
                "CREATE TABLE item (id text NOT NULL);\nCREATE UNIQUE INDEX item_id ON item (id);\n");
        assertEquals(FixOutcome.Status.UNAVAILABLE, o.status(), o::toString);
        assertTrue(o.reason().contains("003_later.sql") && o.reason().contains("item_id"), o.reason());
    }

    @Test
    void laterConstraintOfTheDroppedColumnsIndexNameKeepsTheDrop(@TempDir Path dir) throws Exception {
        FixOutcome o = drop(dir, "t-comment-drop-column", "ALTER TABLE items DROP COLUMN note;\n",
                "ALTER TABLE items ADD COLUMN note2 text;\n"
                        + "ALTER TABLE items ADD CONSTRAINT item_note UNIQUE (note2);\n");
        assertEquals(FixOutcome.Status.UNAVAILABLE, o.status(), o::toString);
        assertTrue(o.reason().contains("item_note") && o.reason().contains("column note"), o.reason());
    }

    @Test
    void sameFileTakesTheNameAgain(@TempDir Path dir) throws Exception {
        FixOutcome o = drop(dir, "t-comment-drop-table",
                "DROP TABLE items;\nCREATE TABLE item (id text);\nCREATE INDEX item_note ON item (id);\n", "");
        assertEquals(FixOutcome.Status.UNAVAILABLE, o.status(), o::toString);
        assertTrue(o.reason().contains("line 3") && o.reason().contains("item_note"), o.reason());
    }

    @Test
    void otherNamesOrAnIndexDroppedFirstLeaveTheRewriteOnOffer(@TempDir Path dir) throws Exception {
        // item_id is dropped explicitly before it is taken again; item_id2 was never an index of items; the column
        // dropped is not what item_id indexes.
        FixOutcome table = drop(dir.resolve("a"), "t-comment-drop-table", "DROP TABLE items;\n",
                "DROP INDEX IF EXISTS item_id;\nCREATE TABLE item (id text);\nCREATE UNIQUE INDEX item_id ON item (id);\n"
                        + "CREATE INDEX item_id2 ON item (id);\n");
        assertTrue(table.isFixed(), table::toString);
        FixOutcome column = drop(dir.resolve("b"), "t-comment-drop-column", "ALTER TABLE items DROP COLUMN note;\n",
                "CREATE UNIQUE INDEX item_id_again ON items (id);\n");
        assertTrue(column.isFixed(), column::toString);
    }

    /** The outcome of the rule's comment-out on 002_drop.sql, fixed with --unsafe-fixes before 003_later.sql. */
    private static FixOutcome drop(Path dir, String rule, String drop, String later) throws Exception {
        Path migrations = Files.createDirectories(dir.resolve("migrations"));
        Files.writeString(migrations.resolve("001_create.sql"), CREATE);
        Files.writeString(migrations.resolve("002_drop.sql"), drop);
        Files.writeString(migrations.resolve("003_later.sql"), later);
        Config config = Config.defaults(dir);
        Linter linter = new Linter(FixTesting.rules(FixTesting.COMMENT_OUT_DROP_TABLE, FixTesting.COMMENT_OUT_DROP_COLUMN),
                config.rules());
        FixOptions options = new FixOptions(true, config.lockTimeout(), Set.of(rule));
        FixCommand.Result r = FixCommand.run(config, linter, FixCorpusTest.collect(dir), options, false);
        FileFix second = r.files().stream().map(FixCommand.Fixed::fix)
                .filter(f -> f.displayPath().endsWith("002_drop.sql")).findFirst().orElseThrow();
        return second.outcomes().stream().filter(o -> o.finding().ruleId().equals(rule))
                .findFirst().orElseThrow(() -> new AssertionError("no " + rule + " finding: " + second));
    }
}
