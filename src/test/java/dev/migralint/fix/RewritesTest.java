package dev.migralint.fix;

import dev.migralint.rules.FixSpec;
import dev.migralint.rules.Linter;
import dev.migralint.rules.RuleSet;
import dev.migralint.rules.TextLinter;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.migralint.fix.FixTesting.fix;
import static dev.migralint.fix.FixTesting.only;
import static dev.migralint.fix.FixTesting.reasons;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each rewrite on the shapes it must handle, and the reasons it gives where it must not. */
class RewritesTest {
    @Test
    void theBuiltInRewritesAreExactlyTheFixesRulesMayName() {
        assertEquals(FixSpec.KNOWN, List.copyOf(Rewrites.builtIn().all().keySet()));
        Rewrite first = Rewrites.builtIn().get(FixSpec.KNOWN.get(0));
        assertThrows(IllegalStateException.class, () -> Rewrites.builtInFor(FixSpec.KNOWN, first));
        assertThrows(IllegalStateException.class, () -> Rewrites.builtInFor(List.of("no-such-fix"), first));
    }

    private static final Map<String, Object> PLAIN = Map.of();

    // ------------------------------------------------------------ add-concurrently

    @Test
    void addConcurrentlyKeepsCommentsAndLayout() {
        FileFix f = fix("create unique index /* keep */ users_email\n  on users (email);\n", PLAIN, false,
                "require-concurrent-index");
        assertEquals("create unique index concurrently /* keep */ users_email\n  on users (email);\n", f.fixed(), reasons(f));
    }

    @Test
    void addConcurrentlyWithIfNotExistsGoesInTheRightOrder() {
        FileFix f = fix("CREATE INDEX idx ON t (a);", PLAIN, false, "require-concurrent-index", "prefer-if-not-exists");
        assertEquals("CREATE INDEX CONCURRENTLY IF NOT EXISTS idx ON t (a);", f.fixed(), reasons(f));
        FileFix d = fix("DROP INDEX idx;", PLAIN, false, "require-concurrent-index-drop", "prefer-if-exists");
        assertEquals("DROP INDEX CONCURRENTLY IF EXISTS idx;", d.fixed(), reasons(d));
    }

    @Test
    void addConcurrentlyRefusedInsideExplicitTransaction() {
        String sql = "BEGIN;\nCREATE INDEX idx ON t (a);\nCOMMIT;\n";
        FileFix f = fix(sql, PLAIN, false, "require-concurrent-index");
        assertEquals(sql, f.fixed());
        FixOutcome o = only(f, "require-concurrent-index");
        assertEquals(FixOutcome.Status.UNAVAILABLE, o.status());
        assertTrue(o.reason().contains("BEGIN on line 1"), o.reason());
    }

    @Test
    void addConcurrentlyForPrismaOnlyWhenAloneInItsFile() {
        Map<String, Object> prisma = Map.of("framework", "prisma");
        FileFix alone = fix("-- CreateIndex\nCREATE INDEX \"Post_authorId_idx\" ON \"Post\"(\"authorId\");\n", prisma,
                false, "require-concurrent-index");
        assertEquals("-- CreateIndex\nCREATE INDEX CONCURRENTLY \"Post_authorId_idx\" ON \"Post\"(\"authorId\");\n",
                alone.fixed(), reasons(alone));
        String two = "ALTER TABLE \"Post\" ADD COLUMN \"x\" TEXT;\nCREATE INDEX \"Post_x_idx\" ON \"Post\"(\"x\");\n";
        FileFix f = fix(two, prisma, false, "require-concurrent-index");
        assertEquals(two, f.fixed());
        String reason = only(f, "require-concurrent-index").reason();
        assertTrue(reason.contains("Prisma") && reason.contains("migration of its own"), reason);
    }

    @Test
    void addConcurrentlyForDbmateSetsTransactionFalseWhenTheSectionHoldsOnlyTheIndex() {
        Map<String, Object> dbmate = Map.of("framework", "dbmate");
        String sql = "-- migrate:up\nCREATE INDEX idx_a ON t (a);\n\n-- migrate:down\nDROP INDEX idx_a;\n";
        FileFix f = fix(sql, dbmate, false, "require-concurrent-index");
        assertEquals("-- migrate:up transaction:false\nCREATE INDEX CONCURRENTLY idx_a ON t (a);\n\n"
                + "-- migrate:down\nDROP INDEX idx_a;\n", f.fixed(), reasons(f));
        assertEquals(1, f.fixedCount());
        // Outside the transaction a half-applied run can be retried only with IF NOT EXISTS: the next round adds it.
        FileFix all = fix(sql, dbmate, false, "require-concurrent-index", "prefer-if-not-exists");
        assertTrue(all.fixed().contains("CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_a ON t (a);"), all.fixed());

        // dbmate sends a transaction:false section as one query string: two CONCURRENTLY statements there are one
        // implicit transaction and both fail (DbmateConformanceTest), so the rewrite declines.
        String two = "-- migrate:up\nCREATE INDEX idx_a ON t (a);\nCREATE INDEX idx_b ON t (b);\n";
        FileFix t = fix(two, dbmate, false, "require-concurrent-index");
        assertEquals(two, t.fixed());
        assertEquals(0, t.fixedCount());

        String mixed = "-- migrate:up\nALTER TABLE t ADD COLUMN c int;\nCREATE INDEX idx_c ON t (c);\n";
        FileFix m = fix(mixed, dbmate, false, "require-concurrent-index");
        assertEquals(mixed, m.fixed());
        String reason = only(m, "require-concurrent-index").reason();
        assertTrue(reason.contains("add-column") && reason.contains("transaction:false"), reason);
    }

    @Test
    void addConcurrentlyForFlywayOnlyWhenTheScriptHoldsNothingElse() {
        Map<String, Object> flyway = Map.of("framework", "flyway", "path", "db/migration/V2__idx.sql",
                "runner-setting", "session-lock");
        // Flyway runs a script holding CREATE INDEX CONCURRENTLY outside a transaction, and refuses mixed scripts.
        FileFix alone = fix("CREATE INDEX idx ON t (a);\nDROP INDEX old_idx;\n", flyway, false,
                "require-concurrent-index", "require-concurrent-index-drop");
        assertEquals("CREATE INDEX CONCURRENTLY idx ON t (a);\nDROP INDEX CONCURRENTLY old_idx;\n", alone.fixed(),
                reasons(alone));
        FileFix mixed = fix("ALTER TABLE t ADD COLUMN b int;\nCREATE INDEX idx ON t (b);\n", flyway, false,
                "require-concurrent-index");
        assertFalse(mixed.changed());
        String reason = only(mixed, "require-concurrent-index").reason();
        assertTrue(reason.contains("executeInTransaction=false") && reason.contains("add-column"), reason);
    }

    @Test
    void addConcurrentlyForFlywayDeclinesWhileItsLockIsTransactional() {
        // With Flyway's defaults the build would wait forever on Flyway's own transactional advisory lock.
        FileFix defaults = fix("CREATE INDEX idx ON t (a);\n", Map.of("framework", "flyway", "path",
                "db/migration/V2__idx.sql"), false, "require-concurrent-index");
        assertFalse(defaults.changed());
        String reason = only(defaults, "require-concurrent-index").reason();
        assertTrue(reason.contains("flyway.postgresql.transactional.lock=false"), reason);
        FileFix old = fix("CREATE INDEX idx ON t (a);\n", Map.of("framework", "flyway", "path",
                "db/migration/V2__idx.sql", "runner-version", "9.0.4"), false, "require-concurrent-index");
        assertEquals("CREATE INDEX CONCURRENTLY idx ON t (a);\n", old.fixed(), reasons(old));
    }

    @Test
    void noTransactionDeclinesForAScriptFlywayRefuses() {
        FileFix mixed = fix("ALTER TABLE t ADD COLUMN b int;\nCREATE INDEX CONCURRENTLY idx ON t (b);\n",
                Map.of("framework", "flyway", "path", "db/migration/V2__idx.sql", "runner-setting", "session-lock"),
                false, "concurrently-in-transaction");
        assertFalse(mixed.changed());
        String reason = only(mixed, "concurrently-in-transaction").reason();
        assertTrue(reason.contains("mixed") && reason.contains(".sql.conf"), reason);
    }

    @Test
    void dropIndexWithTwoNamesIsNotMadeConcurrent() {
        FileFix f = fix("DROP INDEX a_idx, b_idx;", PLAIN, false, "require-concurrent-index-drop");
        assertFalse(f.changed());
        assertTrue(only(f, "require-concurrent-index-drop").reason().contains("one index at a time"));
    }

    // ------------------------------------------------------------ IF [NOT] EXISTS

    @Test
    void ifNotExistsOnEachObject() {
        assertEquals("CREATE TEMP TABLE IF NOT EXISTS x (id int);",
                fix("CREATE TEMP TABLE x (id int);", PLAIN, false, "prefer-if-not-exists").fixed());
        assertEquals("Create Table If Not Exists x (id int);",
                fix("Create Table x (id int);", PLAIN, false, "prefer-if-not-exists").fixed());
        assertEquals("create extension if not exists \"uuid-ossp\";",
                fix("create extension \"uuid-ossp\";", PLAIN, false, "prefer-if-not-exists").fixed());
        FileFix unnamed = fix("CREATE INDEX ON t (a);", PLAIN, false, "prefer-if-not-exists");
        assertFalse(unnamed.changed());
        assertTrue(only(unnamed, "prefer-if-not-exists").reason().contains("name"));
        FileFix schema = fix("CREATE SCHEMA s CREATE TABLE t (a int);", PLAIN, false, "prefer-if-not-exists");
        assertFalse(schema.changed(), reasons(schema));
    }

    @Test
    void ifNotExistsOnAddColumnAfterColumnOrAdd() {
        RuleSet rules = FixTesting.rules(FixTesting.IF_NOT_EXISTS_COLUMN);
        assertEquals("ALTER TABLE t ADD COLUMN IF NOT EXISTS a int, add if not exists b text;",
                fix(rules, "ALTER TABLE t ADD COLUMN a int, add b text;", PLAIN, false, "t-add-column-if-not-exists")
                        .fixed());
    }

    @Test
    void ifExistsOnEachObject() {
        assertEquals("ALTER TABLE t DROP IF EXISTS legacy, DROP CONSTRAINT IF EXISTS t_fk;",
                fix("ALTER TABLE t DROP legacy, DROP CONSTRAINT t_fk;", PLAIN, false, "prefer-if-exists").fixed());
        assertEquals("DROP MATERIALIZED VIEW IF EXISTS mv;",
                fix("DROP MATERIALIZED VIEW mv;", PLAIN, false, "prefer-if-exists").fixed());
        assertEquals("drop function if exists f(int);",
                fix("drop function f(int);", PLAIN, false, "prefer-if-exists").fixed());
    }

    @Test
    void createTypeGetsAGuardedDoBlockAsAnUnsafeFix() {
        RuleSet rules = FixTesting.rules(FixTesting.GUARD_CREATE_TYPE);
        String sql = "CREATE TYPE \"Role\" AS ENUM ('USER', 'ADMIN');\n";
        FileFix safe = fix(rules, sql, PLAIN, false, "t-guard-create-type");
        assertFalse(safe.changed());
        assertEquals(FixOutcome.Status.UNSAFE, only(safe, "t-guard-create-type").status());
        FileFix f = fix(rules, sql, PLAIN, true, "t-guard-create-type");
        assertEquals("DO $$ BEGIN\n  CREATE TYPE \"Role\" AS ENUM ('USER', 'ADMIN');\n"
                + "EXCEPTION WHEN duplicate_object THEN NULL;\nEND $$;\n", f.fixed(), reasons(f));
    }

    // ------------------------------------------------------------ split-not-valid

    @Test
    void splitNotValidKeepsTrailingCommentAndIndentation() {
        String sql = "  ALTER TABLE \"Post\"\n    ADD CONSTRAINT \"Post_fk\" FOREIGN KEY (\"a\") REFERENCES \"U\"(\"id\"); -- fk\n"
                + "  SELECT 1;\n";
        FileFix f = fix(sql, PLAIN, false, "constraint-missing-not-valid");
        assertEquals("  ALTER TABLE \"Post\"\n    ADD CONSTRAINT \"Post_fk\" FOREIGN KEY (\"a\") REFERENCES \"U\"(\"id\") NOT VALID; -- fk\n"
                + "  ALTER TABLE \"Post\"\n    VALIDATE CONSTRAINT \"Post_fk\";\n  SELECT 1;\n", f.fixed(), reasons(f));
    }

    @Test
    void splitNotValidWithoutTerminatorAtEndOfFile() {
        FileFix f = fix("alter table t add constraint c check (a > 0)", PLAIN, false, "constraint-missing-not-valid");
        assertEquals("alter table t add constraint c check (a > 0) not valid;\nalter table t validate constraint c",
                f.fixed(), reasons(f));
    }

    @Test
    void splitNotValidNeedsANameAndASingleAction() {
        FileFix unnamed = fix("ALTER TABLE t ADD FOREIGN KEY (a) REFERENCES u (id);", PLAIN, false,
                "constraint-missing-not-valid");
        assertFalse(unnamed.changed());
        assertTrue(only(unnamed, "constraint-missing-not-valid").reason().contains("no name"));
        FileFix multi = fix("ALTER TABLE t ADD COLUMN b int, ADD CONSTRAINT c CHECK (b > 0);", PLAIN, false,
                "constraint-missing-not-valid");
        assertFalse(multi.changed());
        assertTrue(only(multi, "constraint-missing-not-valid").reason().contains("one statement per action"));
    }

    // ------------------------------------------------------------ set-lock-timeout

    @Test
    void setLockTimeoutOncePerFileWithConfiguredValue() {
        var fixer = new Fixer(FixTesting.linter(FixTesting.rules()), dev.migralint.rules.TextLinter.settingsFor(PLAIN),
                new FixOptions(false, "2s", java.util.Set.of("require-lock-timeout")));
        FileFix f = fixer.fixText("m.sql", "ALTER TABLE a ADD COLUMN x int;\nALTER TABLE b ADD COLUMN y int;\n",
                dev.migralint.sql.Dialect.POSTGRESQL, null);
        assertEquals("SET lock_timeout = '2s';\nALTER TABLE a ADD COLUMN x int;\nALTER TABLE b ADD COLUMN y int;\n",
                f.fixed(), reasons(f));
    }

    @Test
    void setLockTimeoutStaysAboveAnIgnoreDirective() {
        String sql = "-- header\n-- migralint-ignore require-concurrent-index: tiny table\nCREATE INDEX i ON t (a);\n";
        FileFix f = fix(sql, PLAIN, false, "require-lock-timeout");
        assertEquals("-- header\nSET lock_timeout = '5s';\n-- migralint-ignore require-concurrent-index: tiny table\n"
                + "CREATE INDEX i ON t (a);\n", f.fixed(), reasons(f));
    }

    @Test
    void setLockTimeoutGetsItsOwnLineAfterCodeOnTheSameLine() {
        FileFix f = fix("BEGIN; ALTER TABLE t DROP COLUMN c; COMMIT;", PLAIN, false, "require-lock-timeout");
        assertEquals("BEGIN;\nSET lock_timeout = '5s';\nALTER TABLE t DROP COLUMN c; COMMIT;", f.fixed(), reasons(f));
    }

    @Test
    void setLockTimeoutNotAddedToASingleStatementPrismaFile() {
        String sql = "ALTER TABLE \"User\" ADD COLUMN \"x\" TEXT;\n";
        FileFix f = fix(sql, Map.of("framework", "prisma"), false, "require-lock-timeout");
        assertEquals(sql, f.fixed());
        assertTrue(only(f, "require-lock-timeout").reason().contains("implicit transaction"));
    }

    // ------------------------------------------------------------ unsafe rewrites

    @Test
    void commentOutKeepsTheStatementRestorable() {
        RuleSet rules = FixTesting.rules(FixTesting.COMMENT_OUT_DROP_TABLE);
        String sql = "SELECT 1; DROP TABLE a,\n  b CASCADE; SELECT 2;\n";
        FileFix held = fix(rules, sql, PLAIN, false, "t-comment-drop-table");
        assertFalse(held.changed());
        FileFix f = fix(rules, sql, PLAIN, true, "t-comment-drop-table");
        assertEquals("SELECT 1; " + CommentOutRewrite.MARKER + " (t-comment-drop-table; see 'migralint explain"
                + " t-comment-drop-table'). To restore it, remove the \"-- \" in front of the lines below.\n"
                + "-- DROP TABLE a,\n--   b CASCADE;\n SELECT 2;\n", f.fixed(), reasons(f));
    }

    @Test
    void commentOutRefusedInDownMigrations() {
        RuleSet rules = FixTesting.rules(FixTesting.COMMENT_OUT_DROP_TABLE);
        FileFix f = fix(rules, "DROP TABLE a;", Map.of("path", "migrations/1_x/down.sql"), true, "t-comment-drop-table");
        assertFalse(f.changed());
        assertTrue(only(f, "t-comment-drop-table").reason().contains("down migration"));
    }

    @Test
    void notNullInStepsWritesTheWholeSequence() {
        RuleSet rules = FixTesting.rules(FixTesting.NOT_NULL_IN_STEPS);
        FileFix f = fix(rules, "ALTER TABLE \"User\" ADD COLUMN \"tenantId\" TEXT NOT NULL;\n", PLAIN, true,
                "t-not-null-in-steps");
        String c = "\"User_tenantId_not_null\"";
        assertEquals("ALTER TABLE \"User\" ADD COLUMN \"tenantId\" TEXT;\n"
                + "-- TODO(migralint): backfill User.tenantId for existing rows here (in batches on a large table),"
                + " e.g. UPDATE \"User\" SET \"tenantId\" = ... WHERE \"tenantId\" IS NULL; VALIDATE below fails while"
                + " any row holds NULL.\n"
                + "ALTER TABLE \"User\" ADD CONSTRAINT " + c + " CHECK (\"tenantId\" IS NOT NULL) NOT VALID;\n"
                + "ALTER TABLE \"User\" VALIDATE CONSTRAINT " + c + ";\n"
                + "ALTER TABLE \"User\" ALTER COLUMN \"tenantId\" SET NOT NULL;\n"
                + "-- migralint-ignore ban-drop-constraint: drops the temporary CHECK constraint " + c
                + ", which SET NOT NULL now enforces\n"
                + "ALTER TABLE \"User\" DROP CONSTRAINT " + c + ";\n", f.fixed(), reasons(f));
    }

    /** An unsafe rewrite is not offered when a later statement depends on what it removes or retypes. */
    @Test
    void unsafeRewritesRespectLaterStatements() {
        RuleSet drops = FixTesting.rules(FixTesting.COMMENT_OUT_DROP_COLUMN, FixTesting.COMMENT_OUT_DROP_TABLE);
        String pk = "ALTER TABLE t DROP COLUMN id;\nALTER TABLE t ADD PRIMARY KEY (uuid);\n";
        FileFix f = fix(drops, pk, PLAIN, true, "t-comment-drop-column");
        assertEquals(pk, f.fixed());
        assertTrue(only(f, "t-comment-drop-column").reason().contains("multiple primary keys"), reasons(f));
        String again = "DROP TABLE a;\nCREATE TABLE a (id bigint);\n";
        FileFix t = fix(drops, again, PLAIN, true, "t-comment-drop-table");
        assertEquals(again, t.fixed());
        assertTrue(only(t, "t-comment-drop-table").reason().contains("already exists"), reasons(t));
        String type = "ALTER TABLE t DROP COLUMN mood;\nDROP TYPE mood_kind;\n";
        assertEquals(type, fix(drops, type, PLAIN, true, "t-comment-drop-column").fixed());
        // lukevella__rallly: DROP TABLE "links" kept, then DROP TYPE "role" fails (column role of table links uses it)
        String tableType = "DROP TABLE links;\nDROP TYPE role;\n";
        FileFix tt = fix(drops, tableType, PLAIN, true, "t-comment-drop-table");
        assertEquals(tableType, tt.fixed());
        assertTrue(only(tt, "t-comment-drop-table").reason().contains("drops type role"), reasons(tt));
        // lukevella__rallly: DROP COLUMN "location" kept, then RENAME COLUMN "location_json" TO "location" fails
        String renamed = "ALTER TABLE e DROP COLUMN location;\nALTER TABLE e RENAME COLUMN location_json TO location;\n";
        FileFix rn = fix(drops, renamed, PLAIN, true, "t-comment-drop-column");
        assertEquals(renamed, rn.fixed());
        assertTrue(only(rn, "t-comment-drop-column").reason().contains("renames a column to location"), reasons(rn));
        String cascaded = "DROP TABLE links;\nDROP TYPE role CASCADE;\n";
        assertTrue(fix(drops, cascaded, PLAIN, true, "t-comment-drop-table").fixed().contains(CommentOutRewrite.MARKER));
        FileFix alone = fix(drops, "ALTER TABLE t DROP COLUMN id;\n", PLAIN, true, "t-comment-drop-column");
        assertTrue(alone.fixed().contains(CommentOutRewrite.MARKER), reasons(alone));

        RuleSet retype = FixTesting.rules(FixTesting.REPLACE_TIMESTAMP);
        String indexed = "CREATE TABLE e (at timestamp);\nCREATE INDEX e_day ON e (date(at));\n";
        FileFix r = fix(retype, indexed, PLAIN, true, "t-prefer-timestamptz");
        assertEquals(indexed, r.fixed());
        assertTrue(only(r, "t-prefer-timestamptz").reason().contains("IMMUTABLE"), reasons(r));
        FileFix plainIndex = fix(retype, "CREATE TABLE e (at timestamp);\nCREATE INDEX e_at ON e (at);\n", PLAIN, true,
                "t-prefer-timestamptz");
        assertTrue(plainIndex.fixed().contains("at timestamptz"), reasons(plainIndex));
    }

    /** The ignore comments a rewrite expects to need are written only where their rule fires. */
    @Test
    void notNullInStepsWritesNoIgnoreThatSilencesNothing() {
        RuleSet rules = FixTesting.rules(FixTesting.NOT_NULL_IN_STEPS);
        Linter linter = new Linter(rules, new dev.migralint.config.RuleOverrides(Set.of("ban-drop-constraint"),
                Set.of(), Map.of()));
        Fixer fixer = new Fixer(linter, TextLinter.settingsFor(PLAIN),
                new FixOptions(true, FixOptions.DEFAULT_LOCK_TIMEOUT, Set.of("t-not-null-in-steps")));
        FileFix f = fixer.fixText("migration.sql", "ALTER TABLE \"User\" ADD COLUMN \"tenantId\" TEXT NOT NULL;\n",
                dev.migralint.sql.Dialect.POSTGRESQL, dev.migralint.workspace.Framework.PLAIN);
        assertTrue(f.fixed().contains("DROP CONSTRAINT"), reasons(f));
        assertFalse(f.fixed().contains("migralint-ignore"), f.fixed());
    }

    /** Under a runner that sends the whole file as one transaction, the steps gain nothing: not offered, and why. */
    @Test
    void notNullInStepsIsNotOfferedInOneTransaction() {
        RuleSet rules = FixTesting.rules(FixTesting.NOT_NULL_IN_STEPS);
        String sql = "ALTER TABLE \"User\" ADD COLUMN \"tenantId\" TEXT NOT NULL;\nCREATE TABLE a (id bigint);\n";
        FileFix f = fix(rules, sql, Map.of("framework", "prisma"), true, "t-not-null-in-steps");
        assertEquals(sql, f.fixed());
        FixOutcome o = only(f, "t-not-null-in-steps");
        assertEquals(FixOutcome.Status.UNAVAILABLE, o.status());
        assertTrue(o.reason().contains("runs in one transaction") && o.reason().contains("gain nothing"), o.reason());
        FileFix explicit = fix(rules, "BEGIN;\n" + sql + "COMMIT;\n", PLAIN, true, "t-not-null-in-steps");
        assertTrue(only(explicit, "t-not-null-in-steps").reason().contains("inside the transaction its BEGIN opens"),
                reasons(explicit));
        FileFix old = fix(rules, sql, Map.of("postgres-version", 11), true, "t-not-null-in-steps");
        assertTrue(only(old, "t-not-null-in-steps").reason().contains("PostgreSQL 11"), reasons(old));
    }

    @Test
    void replaceTypeKeepsModifiersAndCase() {
        RuleSet rules = FixTesting.rules(FixTesting.REPLACE_TIMESTAMP);
        String sql = "CREATE TABLE t (a TIMESTAMP(3) NOT NULL, b timestamp);\nALTER TABLE t ADD COLUMN c timestamp DEFAULT now();\n";
        FileFix f = fix(rules, sql, PLAIN, true, "t-prefer-timestamptz");
        assertEquals("CREATE TABLE t (a TIMESTAMPTZ(3) NOT NULL, b timestamptz);\n"
                + "ALTER TABLE t ADD COLUMN c timestamptz DEFAULT now();\n", f.fixed(), reasons(f));
        FileFix words = fix(rules, "ALTER TABLE t ADD COLUMN d timestamp(6) without time zone[] NOT NULL;", PLAIN, true,
                "t-prefer-timestamptz");
        assertEquals("ALTER TABLE t ADD COLUMN d timestamptz(6)[] NOT NULL;", words.fixed(), reasons(words));
    }
}
