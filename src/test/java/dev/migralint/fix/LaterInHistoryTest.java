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
 * An unsafe retype is not offered when a later migration of the history retypes the same column: the later
 * statement was written for the type the column has now. The later migration may name the column (and its table) by
 * a name given in between, as Lemmy's history does (user_.preferred_username, later person.display_name).
 */
class LaterInHistoryTest {
    private static final String CREATE = "CREATE TABLE e (id bigint, at timestamp);\n";

    @Test
    void laterRetypeOfTheSameColumnKeepsTheType(@TempDir Path dir) throws Exception {
        FixOutcome o = firstMigration(dir, "ALTER TABLE e ALTER COLUMN at TYPE date;\n");
        assertEquals(FixOutcome.Status.UNAVAILABLE, o.status(), o::toString);
        assertTrue(o.reason().contains("002_later.sql") && o.reason().contains("type again"), o.reason());
    }

    @Test
    void laterRetypeAfterRenamesKeepsTheType(@TempDir Path dir) throws Exception {
        FixOutcome o = firstMigration(dir, "ALTER TABLE e RENAME TO events;\n"
                + "ALTER TABLE events RENAME at TO happened_at;\n"
                + "ALTER TABLE events ALTER COLUMN happened_at TYPE date;\n");
        assertEquals(FixOutcome.Status.UNAVAILABLE, o.status(), o::toString);
        assertTrue(o.reason().contains("002_later.sql") && o.reason().contains("type again"), o.reason());
    }

    @Test
    void laterRetypeOfAnotherColumnLeavesTheRewriteOnOffer(@TempDir Path dir) throws Exception {
        // id, renamed to at_id, is retyped later; at is not, though a later column's name starts the same.
        FixOutcome o = firstMigration(dir, "ALTER TABLE e RENAME COLUMN id TO at_id;\n"
                + "ALTER TABLE e ALTER COLUMN at_id TYPE int;\n");
        assertTrue(o.isFixed(), o::toString);
    }

    @Test
    void laterIsInTheRunnersOrder(@TempDir Path dir) throws Exception {
        // crates.io (Diesel): 2025-02-17-133723_timezones runs after 20140925132248_x (versions without '-', as
        // text), though its path sorts first (2025 < 20140925132248 as numbers); its down.sql retypes the column back.
        Files.writeString(dir.resolve("diesel.toml"), "[print_schema]\nfile = \"src/schema.rs\"\n");
        Path migrations = Files.createDirectories(dir.resolve("migrations"));
        Path first = Files.createDirectories(migrations.resolve("20140925132248_add_updated_at"));
        Files.writeString(first.resolve("up.sql"), "ALTER TABLE packages ADD COLUMN updated_at TIMESTAMP NOT NULL DEFAULT now();\n");
        Files.writeString(first.resolve("down.sql"), "ALTER TABLE packages DROP COLUMN updated_at;\n");
        Path later = Files.createDirectories(migrations.resolve("2025-02-17-133723_timezones"));
        Files.writeString(later.resolve("up.sql"), "SET timezone = 'UTC';\nALTER TABLE packages ALTER updated_at TYPE timestamptz;\n");
        Files.writeString(later.resolve("down.sql"), "SET timezone = 'UTC';\nALTER TABLE packages ALTER updated_at TYPE timestamp;\n");
        Config config = Config.defaults(dir);
        Linter linter = new Linter(FixTesting.rules(FixTesting.REPLACE_TIMESTAMP), config.rules());
        FixOptions options = new FixOptions(true, config.lockTimeout(), Set.of("t-prefer-timestamptz"));
        FixCommand.Result r = FixCommand.run(config, linter, FixCorpusTest.collect(dir), options, false);
        FileFix fix = r.files().stream().map(FixCommand.Fixed::fix)
                .filter(f -> f.displayPath().contains("20140925132248_add_updated_at/up.sql")).findFirst().orElseThrow();
        FixOutcome o = fix.outcomes().stream().filter(x -> x.finding().ruleId().equals("t-prefer-timestamptz"))
                .findFirst().orElseThrow(() -> new AssertionError(FixTesting.reasons(fix)));
        assertEquals(FixOutcome.Status.UNAVAILABLE, o.status(), o::toString);
        assertTrue(o.reason().contains("2025-02-17-133723_timezones/down.sql"), o.reason());
    }

    @Test
    void laterGeneratedColumnReadingTheColumnKeepsTheType(@TempDir Path dir) throws Exception {
        // ory/hydra: a generated column over at + interval; over timestamptz that is only STABLE, and PostgreSQL
        // refuses the column ("generation expression is not immutable").
        FixOutcome o = firstMigration(dir, "ALTER TABLE e ADD COLUMN IF NOT EXISTS expires_at TIMESTAMP GENERATED ALWAYS"
                + " AS (CASE WHEN id > 0 THEN at + (id * INTERVAL '1 second') END) STORED;\n");
        assertEquals(FixOutcome.Status.UNAVAILABLE, o.status(), o::toString);
        assertTrue(o.reason().contains("002_later.sql") && o.reason().contains("generated column"), o.reason());
    }

    @Test
    void laterGeneratedColumnNotReadingTheColumnLeavesTheRewriteOnOffer(@TempDir Path dir) throws Exception {
        FixOutcome o = firstMigration(dir, "ALTER TABLE e ADD COLUMN twice bigint GENERATED ALWAYS AS (id * 2) STORED;\n");
        assertTrue(o.isFixed(), o::toString);
    }

    @Test
    void laterIndexWithTheTypesOperatorClassKeepsTheType(@TempDir Path dir) throws Exception {
        // timestamp_ops does not accept timestamptz: the index would fail.
        FixOutcome o = firstMigration(dir, "CREATE INDEX e_at_idx ON e USING btree (id int8_ops, \"at\" timestamp_ops);\n");
        assertEquals(FixOutcome.Status.UNAVAILABLE, o.status(), o::toString);
        assertTrue(o.reason().contains("operator class timestamp_ops"), o.reason());
    }

    @Test
    void laterIndexWithAnOrderingOnlyLeavesTheRewriteOnOffer(@TempDir Path dir) throws Exception {
        FixOutcome o = firstMigration(dir, "CREATE INDEX e_at_idx ON e (id int8_ops, at DESC NULLS LAST);\n");
        assertTrue(o.isFixed(), o::toString);
    }

    @Test
    void varcharToTextKeepsAnIndexsOperatorClass(@TempDir Path dir) throws Exception {
        // chirpstack: gin_trgm_ops on a varchar column is text's operator class, which text accepts.
        Path migrations = Files.createDirectories(dir.resolve("migrations"));
        Files.writeString(migrations.resolve("001_create.sql"), "CREATE TABLE d (id bigint, name varchar(100));\n");
        Files.writeString(migrations.resolve("002_later.sql"),
                "CREATE INDEX d_name_trgm ON d USING gin (name gin_trgm_ops);\n");
        Config config = Config.defaults(dir);
        Linter linter = new Linter(FixTesting.rules(), config.rules().withSets(Set.of("recommended", "strict")));
        FixOptions options = new FixOptions(true, config.lockTimeout(), Set.of("prefer-text-field"));
        FixCommand.Result r = FixCommand.run(config, linter, FixCorpusTest.collect(dir), options, false);
        FileFix first = r.files().stream().map(FixCommand.Fixed::fix)
                .filter(f -> f.displayPath().endsWith("001_create.sql")).findFirst().orElseThrow();
        FixOutcome o = first.outcomes().stream().filter(x -> x.finding().ruleId().equals("prefer-text-field"))
                .findFirst().orElseThrow(() -> new AssertionError(FixTesting.reasons(first)));
        assertTrue(o.isFixed(), o::toString);
    }

    @Test
    void laterDoBlockNamingTheTableAndColumnKeepsTheType(@TempDir Path dir) throws Exception {
        // dittofeed (drizzle): the index with timestamp_ops is created inside a DO block, which is not analysed.
        FixOutcome o = firstMigration(dir, "DO $$ BEGIN\n  IF NOT EXISTS (SELECT 1 FROM pg_indexes WHERE indexname ="
                + " 'e_at_idx') THEN\n    CREATE INDEX \"e_at_idx\" ON \"e\" USING btree (\"at\" timestamp_ops);\n"
                + "  END IF;\nEND $$;\n");
        assertEquals(FixOutcome.Status.UNAVAILABLE, o.status(), o::toString);
        assertTrue(o.reason().contains("DO block"), o.reason());
    }

    @Test
    void laterDoBlockNotNamingTheColumnLeavesTheRewriteOnOffer(@TempDir Path dir) throws Exception {
        FixOutcome o = firstMigration(dir, "DO $$ BEGIN\n  ALTER TABLE e ADD CONSTRAINT e_id_fkey FOREIGN KEY (id)"
                + " REFERENCES e (id);\nEXCEPTION WHEN duplicate_object THEN null;\nEND $$;\n");
        assertTrue(o.isFixed(), o::toString);
    }

    @Test
    void laterDownMigrationRetypingTheColumnKeepsTheType(@TempDir Path dir) throws Exception {
        // A down migration written for the column's type: a retype would make its ALTER ... TYPE timestamp a rewrite.
        Path migrations = Files.createDirectories(dir.resolve("migrations"));
        Files.writeString(migrations.resolve("001_create.up.sql"), CREATE);
        Files.writeString(migrations.resolve("002_relax.down.sql"), "ALTER TABLE e ALTER COLUMN at TYPE timestamp;\n");
        Files.writeString(migrations.resolve("002_relax.up.sql"), "ALTER TABLE e DROP COLUMN at;\n");
        Config config = Config.defaults(dir);
        Linter linter = new Linter(FixTesting.rules(FixTesting.REPLACE_TIMESTAMP), config.rules());
        FixOptions options = new FixOptions(true, config.lockTimeout(), Set.of("t-prefer-timestamptz"));
        FixCommand.Result r = FixCommand.run(config, linter, FixCorpusTest.collect(dir), options, false);
        FileFix first = r.files().stream().map(FixCommand.Fixed::fix)
                .filter(f -> f.displayPath().endsWith("001_create.up.sql")).findFirst().orElseThrow();
        FixOutcome o = first.outcomes().stream().filter(x -> x.finding().ruleId().equals("t-prefer-timestamptz"))
                .findFirst().orElseThrow(() -> new AssertionError(FixTesting.reasons(first)));
        assertEquals(FixOutcome.Status.UNAVAILABLE, o.status(), o::toString);
        assertTrue(o.reason().contains("down migration") && o.reason().contains("002_relax.down.sql"), o.reason());
    }

    /** The t-prefer-timestamptz outcome of 001_create.sql, fixed with --unsafe-fixes before 002_later.sql. */
    private static FixOutcome firstMigration(Path dir, String later) throws Exception {
        Path migrations = Files.createDirectories(dir.resolve("migrations"));
        Files.writeString(migrations.resolve("001_create.sql"), CREATE);
        Files.writeString(migrations.resolve("002_later.sql"), later);
        Config config = Config.defaults(dir);
        Linter linter = new Linter(FixTesting.rules(FixTesting.REPLACE_TIMESTAMP), config.rules());
        FixOptions options = new FixOptions(true, config.lockTimeout(), Set.of("t-prefer-timestamptz"));
        FixCommand.Result r = FixCommand.run(config, linter, FixCorpusTest.collect(dir), options, false);
        FileFix first = r.files().stream().map(FixCommand.Fixed::fix)
                .filter(f -> f.displayPath().endsWith("001_create.sql")).findFirst().orElseThrow();
        return first.outcomes().stream().filter(o -> o.finding().ruleId().equals("t-prefer-timestamptz"))
                .findFirst().orElseThrow(() -> new AssertionError("no t-prefer-timestamptz finding: " + first));
    }
}
