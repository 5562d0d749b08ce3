package dev.migralint.analysis;

import dev.migralint.sql.Dialect;
import dev.migralint.sql.ParsedFile;
import dev.migralint.sql.SourceFile;
import dev.migralint.sql.SqlFrontEnd;
import dev.migralint.sql.op.OperationCatalog;
import dev.migralint.workspace.Framework;
import dev.migralint.workspace.Runners;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The transaction model per file and per section, from the runner descriptors: up and down sections are separate
 * units with their own direction, directives and side files turn the transaction off, versions change what runs
 * alone, and a rollback never changes what later migrations see.
 */
class RunnerTransactionTest {
    private static AnalyzedFile analyze(FileAnalyzer analyzer, Framework runner, String path, String sql) {
        // As a run parses it: the runner's markers end a statement too.
        ParsedFile parsed = new SqlFrontEnd().parse(SourceFile.ofText(path, sql), Dialect.POSTGRESQL,
                runner.descriptor().statementBoundaries());
        return analyzer.analyze(parsed, runner);
    }

    private static AnalyzedFile analyze(Framework runner, String path, String sql) {
        return analyze(new FileAnalyzer(AnalysisSettings.defaults()), runner, path, sql);
    }

    private static List<AnalyzedOperation> ops(AnalyzedFile file, String kind) {
        return file.operations().stream()
                .filter(o -> OperationCatalog.get().kindName(o.operation().operation()).equals(kind)).toList();
    }

    private static Object fact(AnalyzedOperation o, String name) {
        return o.context().get(name);
    }

    @Test
    void gooseSectionsAreUnitsWithTheirDirection() {
        // goose: statements after "-- +goose Down" run only on rollback (pressly/goose parser.go:229-240)
        AnalyzedFile f = analyze(Framework.GOOSE, "db/migrations/00002_nick.sql", """
                -- +goose Up
                ALTER TABLE users ADD COLUMN nickname text;
                CREATE INDEX CONCURRENTLY idx_users_nickname ON users (nickname);

                -- +goose Down
                DROP INDEX CONCURRENTLY idx_users_nickname;
                ALTER TABLE users DROP COLUMN nickname;
                """);
        assertEquals(2, f.units().size());
        assertEquals(List.of("up", "down"), f.units().stream().map(TransactionUnit::direction).toList());
        assertTrue(f.units().get(0).inTransaction());
        AnalyzedOperation add = ops(f, "add-column").get(0);
        AnalyzedOperation drop = ops(f, "drop-column").get(0);
        assertEquals("up", fact(add, ContextFacts.DIRECTION));
        assertEquals("down", fact(drop, ContextFacts.DIRECTION));
        assertEquals(Boolean.TRUE, fact(ops(f, "create-index").get(0), ContextFacts.IN_TRANSACTION));
        assertEquals("goose", fact(ops(f, "create-index").get(0), ContextFacts.TRANSACTION_SOURCE));
        // The down section's DROP COLUMN is not a later drop of the up section's table.
        assertEquals(Boolean.FALSE, fact(add, ContextFacts.TABLE_DROPPED_LATER));
    }

    @Test
    void aGooseMarkerEndsAStatementThatHasNoSemicolon() {
        // goose ends a statement at -- +goose StatementEnd whether or not its last line ends in ";", and a section
        // marker starts the next section (pressly/goose internal/sqlparser/parser.go, ParseSQLMigration): the up
        // section's ALTER must not run on into the down section's statements.
        AnalyzedFile f = analyze(Framework.GOOSE, "db/migrations/00005_ui.sql", """
                -- +goose Up
                -- +goose StatementBegin
                CREATE TYPE ui_version AS ENUM ('V0', 'V1');

                ALTER TABLE tenant
                ADD COLUMN ui_version ui_version NOT NULL DEFAULT 'V0'
                -- +goose StatementEnd

                -- +goose Down
                -- +goose StatementBegin
                ALTER TABLE tenant
                DROP COLUMN ui_version;

                DROP TYPE ui_version
                -- +goose StatementEnd
                """);
        assertEquals(4, f.parsed().statements().size(), f.parsed().statements().toString());
        assertEquals("up", fact(ops(f, "add-column").get(0), ContextFacts.DIRECTION));
        assertEquals("down", fact(ops(f, "drop-column").get(0), ContextFacts.DIRECTION));
        assertEquals("down", fact(ops(f, "drop-type").get(0), ContextFacts.DIRECTION));
    }

    @Test
    void gooseNoTransactionTurnsEverySectionOff() {
        AnalyzedFile f = analyze(Framework.GOOSE, "db/migrations/00003_idx.sql", """
                -- +goose NO TRANSACTION
                -- +goose Up
                CREATE INDEX CONCURRENTLY idx_a ON a (x);
                -- +goose Down
                DROP INDEX CONCURRENTLY idx_a;
                """);
        assertTrue(f.units().stream().noneMatch(TransactionUnit::inTransaction), f.units().toString());
        assertEquals(Boolean.FALSE, fact(ops(f, "create-index").get(0), ContextFacts.IN_TRANSACTION));
        assertEquals(Boolean.FALSE, fact(ops(f, "drop-index").get(0), ContextFacts.IN_TRANSACTION));
    }

    @Test
    void aGooseStatementBlockWithSeveralStatementsIsOneImplicitTransactionWithoutNoTransaction() {
        // goose sends StatementBegin ... StatementEnd as one Exec (internal/sqlparser/parser.go, ParseSQLMigration);
        // several statements in one simple query run as one implicit transaction
        AnalyzedFile f = analyze(Framework.GOOSE, "db/migrations/00004_idx.sql", """
                -- +goose NO TRANSACTION
                -- +goose Up
                CREATE INDEX CONCURRENTLY idx_a ON a (x);
                -- +goose StatementBegin
                CREATE INDEX CONCURRENTLY idx_b ON b (x);
                CREATE INDEX CONCURRENTLY idx_c ON c (x);
                -- +goose StatementEnd
                -- +goose StatementBegin
                CREATE INDEX CONCURRENTLY idx_d ON d (x);
                -- +goose StatementEnd
                CREATE INDEX CONCURRENTLY idx_e ON e (x);
                -- +goose Down
                DROP INDEX CONCURRENTLY idx_a;
                """);
        List<AnalyzedOperation> idx = ops(f, "create-index");
        assertEquals(List.of(false, true, true, false, false),
                idx.stream().map(o -> fact(o, ContextFacts.IN_TRANSACTION)).toList(), f.units().toString());
        assertEquals("goose", fact(idx.get(1), ContextFacts.TRANSACTION_SOURCE));
        // before the Up marker, the Up section before the block, the block, the rest of Up, Down
        assertEquals(List.of("up", "up", "up", "up", "down"), f.units().stream().map(TransactionUnit::direction).toList());
        assertEquals(Boolean.FALSE, fact(ops(f, "drop-index").get(0), ContextFacts.IN_TRANSACTION));
    }

    @Test
    void aGooseStatementBlockInsideTheRunnersTransactionChangesNothing() {
        AnalyzedFile f = analyze(Framework.GOOSE, "db/migrations/00005_fn.sql", """
                -- +goose Up
                -- +goose StatementBegin
                CREATE FUNCTION f() RETURNS int AS $$ BEGIN RETURN 1; END $$ LANGUAGE plpgsql;
                SELECT f();
                -- +goose StatementEnd
                """);
        assertEquals(1, f.units().size(), f.units().toString());
        assertTrue(f.units().get(0).inTransaction());
    }

    @Test
    void dbmateTransactionFalseIsPerSection() {
        // dbmate: each block's options; transaction:false only for that block (pkg/dbmate/migration.go:55-63)
        AnalyzedFile f = analyze(Framework.DBMATE, "db/migrations/20240101_idx.sql", """
                -- migrate:up transaction:false
                CREATE INDEX CONCURRENTLY idx_a ON a (x);

                -- migrate:down
                DROP INDEX CONCURRENTLY idx_a;
                """);
        assertEquals(Boolean.FALSE, fact(ops(f, "create-index").get(0), ContextFacts.IN_TRANSACTION));
        AnalyzedOperation down = ops(f, "drop-index").get(0);
        assertEquals("down", fact(down, ContextFacts.DIRECTION));
        assertEquals(Boolean.TRUE, fact(down, ContextFacts.IN_TRANSACTION), "the down block keeps dbmate's transaction");
    }

    @Test
    void aSectionWithoutTheRunnersTransactionIsStillOneQuery() {
        // dbmate sends a transaction:false section as one query string: several statements are one implicit
        // transaction (DbmateConformanceTest observes CONCURRENTLY failing there and running alone).
        AnalyzedFile beside = analyze(Framework.DBMATE, "db/migrations/20240101_idx.sql", """
                -- migrate:up transaction:false
                ALTER TABLE a ADD COLUMN y int;
                CREATE INDEX CONCURRENTLY idx_a ON a (x);

                -- migrate:down transaction:false
                DROP INDEX CONCURRENTLY idx_a;
                """);
        AnalyzedOperation index = ops(beside, "create-index").get(0);
        assertEquals(Boolean.TRUE, fact(index, ContextFacts.IN_TRANSACTION));
        assertTrue(String.valueOf(beside.unitAt(index.statement().statement().span().start()).assumption())
                .contains("one implicit transaction"));
        assertEquals(Boolean.FALSE, fact(ops(beside, "drop-index").get(0), ContextFacts.IN_TRANSACTION),
                "a down section of one statement runs alone");
    }

    @Test
    void graphileNoTransactionIsTheBodysFirstLineAfterTheHeaders() {
        // graphile-migrate tests the first line of the body, after a committed file's --! headers (src/header.ts:1-5)
        AnalyzedFile committed = analyze(Framework.GRAPHILE_MIGRATE, "migrations/committed/000002.sql", """
                --! Previous: sha1:0123456789abcdef0123456789abcdef01234567
                --! Hash: sha1:89abcdef0123456789abcdef0123456789abcdef

                --! no-transaction
                CREATE INDEX CONCURRENTLY idx_a ON a (x);
                """);
        assertEquals(Boolean.FALSE, fact(ops(committed, "create-index").get(0), ContextFacts.IN_TRANSACTION));
        AnalyzedFile later = analyze(Framework.GRAPHILE_MIGRATE, "migrations/committed/000003.sql", """
                --! Previous: sha1:0123456789abcdef0123456789abcdef01234567
                --! Hash: sha1:89abcdef0123456789abcdef0123456789abcdef

                CREATE TABLE b (id int);
                --! no-transaction
                CREATE INDEX CONCURRENTLY idx_a ON a (x);
                """);
        assertEquals(Boolean.TRUE, fact(ops(later, "create-index").get(0), ContextFacts.IN_TRANSACTION),
                "the directive counts only as the body's first line");
    }

    @Test
    void aLiquibaseRollbackBlockIsADownUnitOfItsChangeset() {
        String sql = """
                --liquibase formatted sql
                --changeset ann:1 runInTransaction:false
                CREATE INDEX CONCURRENTLY idx_a ON a (x);
                /* liquibase rollback
                DROP INDEX CONCURRENTLY idx_a;
                */
                --changeset ann:2
                ALTER TABLE a ADD COLUMN y int;
                """;
        AnalyzedFile f = analyze(Framework.LIQUIBASE, "db/changelog/002.sql", sql);
        AnalyzedOperation drop = ops(f, "drop-index").get(0);
        assertEquals("down", fact(drop, ContextFacts.DIRECTION));
        assertEquals(Boolean.FALSE, fact(drop, ContextFacts.IN_TRANSACTION), "the changeset's setting holds");
        assertEquals("up", fact(ops(f, "create-index").get(0), ContextFacts.DIRECTION));
        assertEquals("up", fact(ops(f, "add-column").get(0), ContextFacts.DIRECTION));
        assertEquals(Boolean.TRUE, fact(ops(f, "add-column").get(0), ContextFacts.IN_TRANSACTION));
    }

    @Test
    void liquibaseRollbackLinesAreDownStatementsOfTheirChangeset() {
        // Liquibase runs --rollback SQL only on rollback (AbstractFormattedChangeLogParser ROLLBACK_REGEX).
        String sql = """
                --liquibase formatted sql

                --changeset ann:1
                ALTER TABLE users ADD COLUMN nickname text;
                --rollback ALTER TABLE users DROP COLUMN nickname;

                --changeset ann:2 runInTransaction:false
                CREATE INDEX CONCURRENTLY idx_users_nickname ON users (nickname);
                --rollback DROP INDEX CONCURRENTLY
                --rollback   idx_users_nickname
                -- an ordinary comment, and the changeset goes on after its rollback
                CREATE INDEX CONCURRENTLY idx_users_lower ON users (lower(nickname));
                --rollback not required
                """;
        AnalyzedFile f = analyze(Framework.LIQUIBASE, "db/changelog/001.sql", sql);
        AnalyzedOperation dropColumn = ops(f, "drop-column").get(0);
        assertEquals("down", fact(dropColumn, ContextFacts.DIRECTION));
        assertEquals(Boolean.TRUE, fact(dropColumn, ContextFacts.IN_TRANSACTION), "changeset 1's rollback is wrapped");
        assertEquals(sql.indexOf("ALTER TABLE users DROP"), dropColumn.statement().statement().span().start(),
                "the rollback SQL keeps its position");
        assertEquals("up", fact(ops(f, "add-column").get(0), ContextFacts.DIRECTION));
        assertEquals(Boolean.TRUE, fact(ops(f, "add-column").get(0), ContextFacts.IN_TRANSACTION));

        // A rollback of two lines is one statement, without the transaction its changeset turned off.
        AnalyzedOperation dropIndex = ops(f, "drop-index").get(0);
        assertEquals("down", fact(dropIndex, ContextFacts.DIRECTION));
        assertEquals(Boolean.FALSE, fact(dropIndex, ContextFacts.IN_TRANSACTION));
        List<AnalyzedOperation> creates = ops(f, "create-index");
        assertEquals(2, creates.size(), "the statement after the rollback lines is still the changeset's");
        assertTrue(creates.stream().allMatch(o -> "up".equals(fact(o, ContextFacts.DIRECTION))
                && Boolean.FALSE.equals(fact(o, ContextFacts.IN_TRANSACTION))));
        // Before the first changeset, changeset 1, its rollback, the rest of changeset 1 (a blank line), changeset 2, ...
        assertEquals(List.of("up", "up", "down", "up", "up", "down", "up"),
                f.units().stream().map(TransactionUnit::direction).toList());
        // "--rollback not required" is no SQL: nothing unknown is parsed from it.
        assertTrue(ops(f, "unknown").isEmpty());
    }

    @Test
    void rollbackLinesStayCommentsOutsideFormattedSql() {
        AnalyzedFile f = analyze(Framework.PLAIN, "migrations/001.sql",
                "ALTER TABLE users ADD COLUMN nickname text;\n--rollback ALTER TABLE users DROP COLUMN nickname;\n");
        assertTrue(ops(f, "drop-column").isEmpty());
    }

    @Test
    void downFilesHaveTheDownDirection() {
        String sql = "ALTER TABLE users DROP COLUMN nickname;\n";
        assertEquals("down", fact(ops(analyze(Framework.GOLANG_MIGRATE, "m/000002_nick.down.sql", sql), "drop-column").get(0),
                ContextFacts.DIRECTION));
        assertEquals("down", fact(ops(analyze(Framework.DIESEL, "migrations/2024-01-01-000000_nick/down.sql", sql), "drop-column")
                .get(0), ContextFacts.DIRECTION));
        assertEquals("down", fact(ops(analyze(Framework.FLYWAY, "db/migration/U2__nick.sql", sql), "drop-column").get(0),
                ContextFacts.DIRECTION));
        assertEquals("down", fact(ops(analyze(Framework.POP, "migrations/20240101_nick.postgres.down.sql", sql), "drop-column")
                .get(0), ContextFacts.DIRECTION));
        assertEquals("up", fact(ops(analyze(Framework.GOLANG_MIGRATE, "m/000002_nick.up.sql", sql), "drop-column").get(0),
                ContextFacts.DIRECTION));
        assertTrue(analyze(Framework.GOLANG_MIGRATE, "m/000002_nick.down.sql", sql).onlyDown());
        // Atlas keeps atlas.sum beside directories in golang-migrate's and Flyway's formats too (ent's
        // NewGolangMigrateDir, migrate diff --dir-format): their .down.sql and U files are rollbacks there as well.
        Framework atlas = new Framework(Runners.bundled().find("atlas"));
        assertEquals("down", fact(ops(analyze(atlas, "migrations/20240728100841_nick.down.sql", sql), "drop-column").get(0),
                ContextFacts.DIRECTION));
        assertEquals("down", fact(ops(analyze(atlas, "migrations/U20240728100841__nick.sql", sql), "drop-column").get(0),
                ContextFacts.DIRECTION));
        assertEquals("up", fact(ops(analyze(atlas, "migrations/20240728100841_nick.up.sql", sql), "drop-column").get(0),
                ContextFacts.DIRECTION));
        assertEquals("up", fact(ops(analyze(atlas, "migrations/20240728100841_nick.sql", sql), "drop-column").get(0),
                ContextFacts.DIRECTION));
    }

    @Test
    void aRollbackDoesNotChangeWhatLaterMigrationsSee() {
        FileAnalyzer analyzer = new FileAnalyzer(AnalysisSettings.defaults());
        analyze(analyzer, Framework.GOOSE, "m/00001_users.sql", """
                -- +goose Up
                CREATE TABLE users (id int, email varchar(100));
                -- +goose Down
                DROP TABLE users;
                """);
        AnalyzedFile next = analyze(analyzer, Framework.GOOSE, "m/00002_email.sql", """
                -- +goose Up
                ALTER TABLE users ALTER COLUMN email TYPE varchar(200);
                """);
        assertEquals("varchar(100)", fact(ops(next, "alter-column-type").get(0), ContextFacts.OLD_TYPE),
                "the down section's DROP TABLE must not make the table unknown");
        analyze(analyzer, Framework.GOLANG_MIGRATE, "m/000003_x.down.sql", "DROP TABLE users;\n");
        AnalyzedFile after = analyze(analyzer, Framework.GOLANG_MIGRATE, "m/000004_y.up.sql",
                "ALTER TABLE users ALTER COLUMN email TYPE text;\n");
        assertEquals("varchar(200)", fact(ops(after, "alter-column-type").get(0), ContextFacts.OLD_TYPE));
    }

    @Test
    void supabaseRunsConcurrentlyAloneFromVersion2109() {
        String sql = "ALTER TABLE profiles ADD COLUMN handle text;\n"
                + "CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_profiles_handle ON profiles (handle);\n";
        AnalyzedFile recent = analyze(Framework.SUPABASE.withVersion("2.110.0", "package.json"),
                "supabase/migrations/20240101_handle.sql", sql);
        AnalyzedOperation idx = ops(recent, "create-index").get(0);
        assertEquals(Boolean.FALSE, fact(idx, ContextFacts.IN_TRANSACTION));
        assertNotNull(fact(idx, ContextFacts.RUNS_ALONE));
        assertEquals(Boolean.TRUE, fact(ops(recent, "add-column").get(0), ContextFacts.IN_TRANSACTION));
        assertTrue(recent.transactionAssumption().contains("supabase 2.110.0 (package.json)"), recent.transactionAssumption());

        AnalyzedFile old = analyze(Framework.SUPABASE.withVersion("2.108.3", "package.json"),
                "supabase/migrations/20240101_handle.sql", sql);
        assertEquals(Boolean.TRUE, fact(ops(old, "create-index").get(0), ContextFacts.IN_TRANSACTION));
        assertEquals("2.108.3", fact(ops(old, "create-index").get(0), ContextFacts.RUNNER_VERSION));
        // DROP INDEX CONCURRENTLY came later (supabase/cli#6276).
        AnalyzedFile drop = analyze(Framework.SUPABASE.withVersion("2.110.0", "package.json"),
                "supabase/migrations/20240102_drop.sql", "DROP INDEX CONCURRENTLY IF EXISTS idx_a;\nSELECT 1;\n");
        assertEquals(Boolean.TRUE, fact(ops(drop, "drop-index").get(0), ContextFacts.IN_TRANSACTION));
        AnalyzedFile unknown = analyze(Framework.SUPABASE, "supabase/migrations/20240101_handle.sql", sql);
        assertTrue(unknown.transactionAssumption().contains("runner version unknown"), unknown.transactionAssumption());
    }

    @Test
    void prismaVersionDecidesConcurrently() {
        String sql = "-- CreateIndex\nCREATE INDEX CONCURRENTLY \"a_x_idx\" ON \"a\"(\"x\");\nALTER TABLE \"a\" ADD COLUMN \"y\" TEXT;\n";
        assertEquals(Boolean.TRUE, fact(ops(analyze(Framework.PRISMA.withVersion("6.19.0", "package.json"),
                "prisma/migrations/1_a/migration.sql", sql), "create-index").get(0), ContextFacts.IN_TRANSACTION));
        assertEquals(Boolean.FALSE, fact(ops(analyze(Framework.PRISMA.withVersion("7.4.0", "package.json"),
                "prisma/migrations/1_a/migration.sql", sql), "create-index").get(0), ContextFacts.IN_TRANSACTION));
    }

    @Test
    void sideFileAndFileNameTurnTheTransactionOff() {
        String sql = "CREATE INDEX CONCURRENTLY idx_a ON a (x);\n";
        Framework diesel = Framework.DIESEL.withSide(false, "metadata.toml (run_in_transaction = false)", List.of());
        AnalyzedFile d = analyze(diesel, "migrations/2024-01-01-000000_idx/up.sql", sql);
        assertEquals(Boolean.FALSE, fact(ops(d, "create-index").get(0), ContextFacts.IN_TRANSACTION));
        assertTrue(d.transactionAssumption().contains("metadata.toml"), d.transactionAssumption());
        assertEquals(Boolean.TRUE, fact(ops(analyze(Framework.DIESEL, "migrations/2024-01-01-000000_idx/up.sql", sql),
                "create-index").get(0), ContextFacts.IN_TRANSACTION));
        assertEquals(Boolean.FALSE, fact(ops(analyze(Framework.POP, "migrations/20240101_idx.autocommit.up.sql", sql),
                "create-index").get(0), ContextFacts.IN_TRANSACTION));
        assertEquals(Boolean.TRUE, fact(ops(analyze(Framework.POP, "migrations/20240101_idx.postgres.up.sql", sql),
                "create-index").get(0), ContextFacts.IN_TRANSACTION));
        assertNull(fact(ops(analyze(Framework.POP, "migrations/20240101_idx.up.sql", sql), "create-index").get(0),
                ContextFacts.RUNNER_VERSION));
        assertFalse(analyze(Framework.POP, "migrations/20240101_idx.up.sql", sql).onlyDown());
    }

    @Test
    void flywayRefusesAScriptThatMixesConcurrentlyWithOtherStatements() {
        // Flyway: ParserSqlScript refuses transactional beside non-transactional statements unless mixed is true.
        String sql = "ALTER TABLE items ADD COLUMN code text;\nCREATE INDEX CONCURRENTLY idx_items_code ON items (code);\n";
        Framework sessionLock = Framework.FLYWAY.withSettings(java.util.Map.of("session-lock", "flyway.conf"));
        AnalyzedFile f = analyze(sessionLock, "db/migration/V2__change.sql", sql);
        AnalyzedOperation cic = ops(f, "create-index").get(0);
        assertEquals(true, fact(cic, ContextFacts.IN_TRANSACTION));
        String why = String.valueOf(fact(cic, ContextFacts.RUNNER_BLOCKS));
        assertTrue(why.contains("mixed") && why.contains("executeInTransaction=false"), why);
        // The ALTER is not blamed: the refusal is reported on the statement that cannot run in a transaction.
        assertNull(fact(ops(f, "add-column").get(0), ContextFacts.RUNNER_BLOCKS));

        Framework mixed = Framework.FLYWAY.withSettings(java.util.Map.of("session-lock", "flyway.conf", "mixed", "flyway.conf"));
        AnalyzedOperation allowed = ops(analyze(mixed, "db/migration/V2__change.sql", sql), "create-index").get(0);
        assertEquals(false, fact(allowed, ContextFacts.IN_TRANSACTION));
        assertNull(fact(allowed, ContextFacts.RUNNER_BLOCKS));

        Framework perScript = sessionLock.withSide(false, "V2__change.sql.conf (executeInTransaction = false)", List.of());
        AnalyzedOperation conf = ops(analyze(perScript, "db/migration/V2__change.sql", sql), "create-index").get(0);
        assertEquals(false, fact(conf, ContextFacts.IN_TRANSACTION));
    }

    @Test
    void flywayConcurrentlyWaitsForItsTransactionalLockUnlessTurnedOff() {
        String sql = "CREATE INDEX CONCURRENTLY idx_items_code ON items (code);\n";
        AnalyzedOperation defaults = ops(analyze(Framework.FLYWAY, "db/migration/V2__c.sql", sql), "create-index").get(0);
        assertEquals(true, fact(defaults, ContextFacts.IN_TRANSACTION));
        assertEquals("flyway", fact(defaults, ContextFacts.TRANSACTION_SOURCE));
        String why = String.valueOf(fact(defaults, ContextFacts.RUNNER_BLOCKS));
        assertTrue(why.contains("flyway.postgresql.transactional.lock=false") && why.contains("assumed the current"), why);

        AnalyzedOperation current = ops(analyze(Framework.FLYWAY.withVersion("10.0.0", "pom.xml"), "db/migration/V2__c.sql", sql),
                "create-index").get(0);
        assertTrue(String.valueOf(fact(current, ContextFacts.RUNNER_BLOCKS)).contains("flyway 10.0.0"));

        Framework session = Framework.FLYWAY.withSettings(java.util.Map.of("session-lock", "flyway.conf"));
        AnalyzedOperation off = ops(analyze(session, "db/migration/V2__c.sql", sql), "create-index").get(0);
        assertEquals(false, fact(off, ContextFacts.IN_TRANSACTION));
        assertNull(fact(off, ContextFacts.RUNNER_BLOCKS));

        AnalyzedOperation old = ops(analyze(Framework.FLYWAY.withVersion("9.0.4", "configuration"), "db/migration/V2__c.sql", sql),
                "create-index").get(0);
        assertEquals(false, fact(old, ContextFacts.IN_TRANSACTION));

        // An explicit executeInTransaction=false: newer Flyway takes a session lock for such a script.
        Framework explicit = Framework.FLYWAY.withSide(false, "flyway.conf (flyway.executeInTransaction = false)", List.of());
        assertNull(fact(ops(analyze(explicit, "db/migration/V2__c.sql", sql), "create-index").get(0), ContextFacts.RUNNER_BLOCKS));
    }

    private static Framework bundled(String id) {
        return new Framework(Runners.bundled().find(id));
    }

    @Test
    void ternSeparatorStartsTheDownPart() {
        // tern: the text before "---- create above / drop below ----" is the up migration, the rest the down
        // migration, each run in a transaction (jackc/tern migrate/migrate.go, LoadMigrations and MigrateTo).
        AnalyzedFile f = analyze(bundled("tern"), "internal/sql/migrations/013_vcs.sql", """
                ALTER TABLE vcs_providers RENAME COLUMN github_app_id TO install_app_id;
                DROP TABLE github_app_installs;

                ---- create above / drop below ----

                CREATE TABLE github_app_installs (install_id bigint NOT NULL);
                ALTER TABLE vcs_providers RENAME COLUMN install_app_id TO github_app_id;
                """);
        assertEquals(List.of("up", "down"), f.units().stream().map(TransactionUnit::direction).toList());
        assertTrue(f.units().stream().allMatch(TransactionUnit::inTransaction), f.units().toString());
        List<AnalyzedOperation> renames = ops(f, "rename-column");
        assertEquals("up", fact(renames.get(0), ContextFacts.DIRECTION));
        assertEquals("down", fact(renames.get(1), ContextFacts.DIRECTION));
        // "---- tern: disable-tx ----" runs the part's statements one by one.
        AnalyzedFile off = analyze(bundled("tern"), "internal/sql/migrations/014_idx.sql", """
                ---- tern: disable-tx ----
                CREATE INDEX CONCURRENTLY idx_runs_status ON runs (status);
                ---- create above / drop below ----
                DROP INDEX idx_runs_status;
                """);
        assertEquals(Boolean.FALSE, fact(ops(off, "create-index").get(0), ContextFacts.IN_TRANSACTION));
    }

    @Test
    void sqlMigrateSectionsAndNoTransaction() {
        // sql-migrate: Up and Down parts, each in a transaction unless its marker says notransaction
        // (rubenv/sql-migrate sqlparse/sqlparse.go and migrate.go, ExecMax).
        AnalyzedFile f = analyze(bundled("sql-migrate"), "migrate/sql/20210416090601-purchase.sql", """
                -- +migrate Up
                DROP TABLE IF EXISTS purchase_receipt;
                CREATE INDEX purchase_user_idx ON purchase (user_id);

                -- +migrate Down notransaction
                DROP INDEX CONCURRENTLY purchase_user_idx;
                """);
        assertEquals(List.of("up", "down"), f.units().stream().map(TransactionUnit::direction).toList());
        assertEquals("up", fact(ops(f, "drop-table").get(0), ContextFacts.DIRECTION));
        assertEquals(Boolean.TRUE, fact(ops(f, "create-index").get(0), ContextFacts.IN_TRANSACTION));
        assertEquals("down", fact(ops(f, "drop-index").get(0), ContextFacts.DIRECTION));
        assertEquals(Boolean.FALSE, fact(ops(f, "drop-index").get(0), ContextFacts.IN_TRANSACTION));
    }

    @Test
    void aCommitInAWrappedMigrationEndsTheRunnersTransaction() {
        // The runner opened a transaction around the part; the file's COMMIT ends it, so CREATE INDEX CONCURRENTLY
        // then runs on its own, and the BEGIN after it opens the transaction the runner's COMMIT closes (nakama's
        // migrate/sql/20260319134532-add-display-name-index.sql under sql-migrate, which always wraps).
        AnalyzedFile f = analyze(bundled("sql-migrate"), "migrate/sql/20260319134532-add-display-name-index.sql", """
                -- +migrate Up
                CREATE EXTENSION IF NOT EXISTS pg_trgm;

                COMMIT;
                CREATE INDEX CONCURRENTLY IF NOT EXISTS users_display_name_idx ON users USING GIN (display_name gin_trgm_ops);
                BEGIN;
                ALTER TABLE users ADD COLUMN nickname text;

                -- +migrate Down
                DROP INDEX IF EXISTS users_display_name_idx;
                """);
        AnalyzedOperation index = ops(f, "create-index").get(0);
        assertEquals(Boolean.FALSE, fact(index, ContextFacts.IN_TRANSACTION));
        assertEquals("none", fact(index, ContextFacts.TRANSACTION_SOURCE));
        AnalyzedOperation begin = ops(f, "begin").get(0);
        assertEquals(Boolean.TRUE, fact(begin, ContextFacts.TRANSACTION_CLOSED_LATER));
        assertEquals(Boolean.TRUE, fact(ops(f, "add-column").get(0), ContextFacts.IN_TRANSACTION));
        // The down part is a transaction of its own again.
        assertEquals(Boolean.TRUE, fact(ops(f, "drop-index").get(0), ContextFacts.IN_TRANSACTION));
        // Without the COMMIT the index is built inside the runner's transaction.
        AnalyzedFile wrapped = analyze(bundled("sql-migrate"), "migrate/sql/20260319134533-idx.sql", """
                -- +migrate Up
                CREATE INDEX CONCURRENTLY IF NOT EXISTS users_display_name_idx ON users (display_name);
                """);
        assertEquals(Boolean.TRUE, fact(ops(wrapped, "create-index").get(0), ContextFacts.IN_TRANSACTION));
        // A runner that sends the file as one query string keeps the statements after a COMMIT in an implicit
        // transaction: nothing changes there.
        AnalyzedFile oneQuery = analyze(Framework.GOLANG_MIGRATE, "migrations/000002_idx.up.sql", """
                CREATE EXTENSION IF NOT EXISTS pg_trgm;
                COMMIT;
                CREATE INDEX CONCURRENTLY IF NOT EXISTS users_display_name_idx ON users (display_name);
                """);
        assertEquals(Boolean.TRUE, fact(ops(oneQuery, "create-index").get(0), ContextFacts.IN_TRANSACTION));
    }
}
