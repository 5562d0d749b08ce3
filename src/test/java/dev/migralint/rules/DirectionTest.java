package dev.migralint.rules;

import dev.migralint.workspace.MigrationNames;
import dev.migralint.config.RuleOverrides;
import dev.migralint.config.Severity;
import dev.migralint.workspace.LoadedSource;
import dev.migralint.workspace.MigrationNames;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Directions: down migrations are checked for what makes a rollback fail (errors) or hurt (warnings at most), never for
 * undoing what the up migration created; the rule keys that say so load, validate and index; history findings take
 * their severity from the runner.
 */
class DirectionTest {
    /**
     * The rules a down migration can fail: each names something that makes the rollback unable to run. Adding a rule
     * here is a decision, not a side effect: a down migration alone must not block a deploy otherwise.
     */
    private static final Set<String> CANNOT_RUN = Set.of("concurrently-in-transaction",
            "statement-cannot-run-in-transaction", "enum-value-added-in-transaction", "ban-uncommitted-transaction",
            "file-not-analysed", "sqlite-unsupported-alter", "sqlite-add-column-key",
            "sqlite-add-column-non-constant-default", "ban-duplicate-column-assignments", "adding-required-field");

    private static final String RULE = """
            id: my-rule
            severity: error
            summary: A rule.
            match:
              kind: create-index
            """;

    private static TextLinter linter() throws RuleLoadException {
        return new TextLinter(RuleSet.bundled());
    }

    private static List<Finding> of(TextLinter.Result r, String rule) {
        return r.findings().stream().filter(f -> f.ruleId().equals(rule)).toList();
    }

    @Test
    void directionsDefaultToUpAndAreValidated() throws RuleLoadException {
        Rule plain = RuleLoader.load("my-rule.yml", RULE);
        assertEquals(Set.of("up"), plain.directions());
        assertEquals(Severity.WARNING, plain.downSeverity());

        Rule both = RuleLoader.load("my-rule.yml", RULE + "directions: [up, down]\ndown-severity: error\n");
        assertEquals(Set.of("up", "down"), both.directions());
        assertEquals(Severity.ERROR, both.downSeverity());

        RuleLoadException typo = assertThrows(RuleLoadException.class,
                () -> RuleLoader.load("my-rule.yml", RULE + "directions: [up, dwon]\n"));
        assertTrue(typo.getMessage().contains("unknown direction 'dwon'; did you mean 'down'?"), typo.getMessage());
        assertEquals(6, typo.line());

        RuleLoadException noDown = assertThrows(RuleLoadException.class,
                () -> RuleLoader.load("my-rule.yml", RULE + "down-severity: error\n"));
        assertTrue(noDown.getMessage().contains("down-severity needs 'down' in directions"), noDown.getMessage());

        RuleLoadException badWhen = assertThrows(RuleLoadException.class, () -> RuleLoader.load("my-rule.yml",
                RULE + "severity-when:\n  - severity: warning\n    wher: {concurrently: true}\n"));
        assertTrue(badWhen.getMessage().contains("unknown key 'wher'"), badWhen.getMessage());

        RuleLoadException badFact = assertThrows(RuleLoadException.class, () -> RuleLoader.load("my-rule.yml",
                RULE + "severity-when:\n  - severity: warning\n    where: {concurently: true}\n"));
        assertTrue(badFact.getMessage().contains("did you mean 'concurrently'"), badFact.getMessage());
    }

    @Test
    void aFileNameAloneSaysDown() {
        // What an unreadable file's finding is judged by; sections are the runner model's (RunnerTransactionTest).
        assertTrue(MigrationNames.isDown("migrations/000002_nick.down.sql"));
        assertTrue(MigrationNames.isDown("migrations/20240101000000_nick.postgres.down.sql"));
        assertTrue(MigrationNames.isDown("migrations/2024-01-01-000000_nick/down.sql"));
        assertTrue(MigrationNames.isDown("db/migration/U2__nick.sql"));
        assertFalse(MigrationNames.isDown("db/migration/V2__nick.sql"));
        assertFalse(MigrationNames.isDown("migrations/000002_nick.up.sql"));
    }

    @Test
    void undoingWhatTheUpCreatedIsNotReportedOnADown() throws RuleLoadException {
        TextLinter linter = linter();
        String sql = "ALTER TABLE users DROP COLUMN nickname;\nDROP TABLE old_things;\n";
        TextLinter.Result up = linter.lint(sql, Map.of("path", "migrations/000002_nick.up.sql"));
        assertEquals(1, of(up, "ban-drop-column").size());
        assertEquals(1, of(up, "ban-drop-table").size());
        TextLinter.Result down = linter.lint(sql, Map.of("path", "migrations/000002_nick.down.sql"));
        assertEquals(List.of(), of(down, "ban-drop-column"));
        assertEquals(List.of(), of(down, "ban-drop-table"));
        assertEquals(List.of(), of(down, "prefer-if-exists"));
    }

    @Test
    void aDownsLocksWarnAndWhatCannotRunIsAnError() throws RuleLoadException {
        TextLinter linter = linter();
        String index = "CREATE INDEX users_nick ON users (nickname);\n";
        Finding up = of(linter.lint(index, Map.of("path", "migrations/000002_nick.up.sql")), "require-concurrent-index").get(0);
        assertEquals(Severity.ERROR, up.severity());
        assertEquals("up", up.direction());
        Finding down = of(linter.lint(index, Map.of("path", "migrations/000002_nick.down.sql")), "require-concurrent-index").get(0);
        assertEquals(Severity.WARNING, down.severity());
        assertEquals("down", down.direction());

        Finding broken = of(linter.lint("CREATE INDEX CONCURRENTLY users_nick ON users (nickname);\n",
                Map.of("path", "migrations/20240101000000_nick.down.sql", "framework", "sqlx")),
                "concurrently-in-transaction").get(0);
        assertEquals(Severity.ERROR, broken.severity());
        assertEquals("down", broken.direction());
    }

    @Test
    void aConfiguredSeverityDoesNotLiftTheCapOnADown() throws RuleLoadException {
        TextLinter linter = new TextLinter(RuleSet.bundled(), new RuleOverrides(Set.of(), Set.of(),
                Map.of("require-lock-timeout", Severity.ERROR)));
        String sql = "ALTER TABLE users ADD COLUMN nickname text;\n";
        assertEquals(Severity.ERROR, of(linter.lint(sql, Map.of("path", "migrations/000002_nick.up.sql")),
                "require-lock-timeout").get(0).severity());
        assertEquals(Severity.WARNING, of(linter.lint(sql, Map.of("path", "migrations/000002_nick.down.sql")),
                "require-lock-timeout").get(0).severity());
    }

    @Test
    void sectionsOfOneFileAreCheckedByTheirOwnDirection() throws RuleLoadException {
        String dbmate = "-- migrate:up\nALTER TABLE users ADD COLUMN n text;\nDROP TABLE legacy;\n\n"
                + "-- migrate:down\nALTER TABLE users DROP COLUMN n;\nCREATE INDEX users_n ON users (n);\n";
        TextLinter.Result r = linter().lint(dbmate, Map.of("path", "db/migrations/20240101000000_n.sql", "framework", "dbmate"));
        assertEquals(List.of(3), of(r, "ban-drop-table").stream().map(Finding::line).toList());
        assertEquals(List.of(), of(r, "ban-drop-column"));
        Finding lock = of(r, "require-concurrent-index").get(0);
        assertEquals(7, lock.line());
        assertEquals("down", lock.direction());
        assertEquals(Severity.WARNING, lock.severity());
    }

    @Test
    void aFileThatCannotBeReadIsAnErrorInEitherDirection() throws RuleLoadException {
        Linter linter = new Linter(RuleSet.bundled(), RuleOverrides.none());
        List<Finding> down = linter.lintProblem(new LoadedSource("migrations/000002_x.down.sql", null, "binary",
                "not text", 0, false));
        assertEquals(1, down.size());
        assertEquals("file-not-analysed", down.get(0).ruleId());
        assertEquals(Severity.ERROR, down.get(0).severity());
        assertEquals("down", down.get(0).direction());
    }

    /** A down migration alone never blocks a deploy unless it cannot run: only the CANNOT_RUN rules reach error there. */
    @Test
    void onlyRulesAboutARollbackThatCannotRunAreErrorsOnADown() throws RuleLoadException {
        Set<String> errorsOnDown = new TreeSet<>();
        for (Rule r : RuleSet.bundled().all()) {
            if (!r.directions().contains("down")) {
                continue;
            }
            boolean canBeError = r.severity() == Severity.ERROR
                    || r.severityWhen().stream().anyMatch(w -> w.severity() == Severity.ERROR);
            if (canBeError && r.downSeverity() == Severity.ERROR) {
                errorsOnDown.add(r.id());
            }
        }
        assertEquals(new TreeSet<>(CANNOT_RUN), errorsOnDown);
    }

    /** Every rule that checks down migrations shows it with an example in a down file (or a down section). */
    @Test
    void everyDownRuleHasADownExample() throws RuleLoadException {
        for (Rule r : RuleSet.bundled().all()) {
            if (!r.directions().contains("down") || r.kinds().contains("file-problem")) {
                continue;
            }
            boolean shown = r.examples().stream().anyMatch(e -> {
                Object path = e.context().get("path");
                return path != null && MigrationNames.isDown(path.toString());
            });
            assertTrue(shown, r.id() + " checks down migrations but has no example with a down path");
        }
    }

    @Test
    void anEditedAppliedMigrationIsAnErrorOnlyWhereTheRunnerVerifiesChecksums() throws RuleLoadException {
        TextLinter linter = linter();
        Map<String, Object> history = Map.of("change", "modified", "existed-on-base", true, "base", "origin/main",
                "changed-lines", 1);
        for (String runner : List.of("flyway", "liquibase", "sqlx")) {
            Finding f = of(linter.lint("SELECT 1;\n", Map.of("framework", runner, "history", history)),
                    "modified-applied-migration").get(0);
            assertEquals(Severity.ERROR, f.severity(), runner);
            assertTrue(f.message().contains(runner + " verifies the checksums"), f.message());
        }
        for (String runner : List.of("prisma", "golang-migrate", "dbmate", "diesel", "plain")) {
            Finding f = of(linter.lint("SELECT 1;\n", Map.of("framework", runner, "history", history)),
                    "modified-applied-migration").get(0);
            assertEquals(Severity.WARNING, f.severity(), runner);
            assertTrue(f.message().contains(runner + " does not refuse this edit"), f.message());
        }
        Map<String, Object> deleted = Map.of("change", "deleted", "existed-on-base", true, "base", "origin/main");
        assertEquals(Severity.ERROR, of(linter.lint("SELECT 1;\n", Map.of("framework", "flyway", "history", deleted)),
                "deleted-applied-migration").get(0).severity());
        assertEquals(Severity.WARNING, of(linter.lint("SELECT 1;\n", Map.of("framework", "prisma", "history", deleted)),
                "deleted-applied-migration").get(0).severity());

        // A rename is harmless only where the version stays and the runner records the version alone, unvalidated.
        Map<String, Object> kept = Map.of("change", "renamed", "existed-on-base", true, "base", "origin/main",
                "previous-path", "migrations/000007_a.up.sql", "version-kept", true);
        Map<String, Object> moved = Map.of("change", "renamed", "existed-on-base", true, "base", "origin/main",
                "previous-path", "migrations/000006_a.up.sql");
        assertEquals(Severity.WARNING, renamed(linter, "golang-migrate", kept, "migrations/000007_b.up.sql").severity());
        assertEquals(Severity.ERROR, renamed(linter, "golang-migrate", moved, "migrations/000007_b.up.sql").severity());
        assertEquals(Severity.ERROR, renamed(linter, "flyway", kept, "db/migration/V7__b.sql").severity());
        Finding prisma = renamed(linter, "prisma", kept, "prisma/migrations/20240101000000_b/migration.sql");
        assertEquals(Severity.ERROR, prisma.severity());
        assertTrue(prisma.message().contains("prisma knows migrations by name"), prisma.message());

        // A configured severity replaces the runner's: the user said so.
        TextLinter configured = new TextLinter(RuleSet.bundled(), new RuleOverrides(Set.of(), Set.of(),
                Map.of("modified-applied-migration", Severity.ERROR)));
        assertEquals(Severity.ERROR, of(configured.lint("SELECT 1;\n", Map.of("framework", "golang-migrate",
                "history", history)), "modified-applied-migration").get(0).severity());
    }

    @Test
    void aRenamedMigrationOfGuardedDdlIsANoticeWhereItRunsAgainLast() throws RuleLoadException {
        TextLinter linter = linter();
        Map<String, Object> raised = Map.of("change", "renamed", "existed-on-base", true, "base", "origin/main",
                "previous-path", "migrations/20251216000000_a.up.sql", "version-raised", true);
        String path = "migrations/20260121000000_a.up.sql";
        String guarded = "-- a comment\nSET lock_timeout = '2s';\nALTER TABLE t ADD COLUMN IF NOT EXISTS c text;\n"
                + "CREATE TABLE IF NOT EXISTS u (id bigint PRIMARY KEY, t_id bigint REFERENCES t (id));\n"
                + "CREATE INDEX IF NOT EXISTS u_t ON u (t_id);\nDROP INDEX IF EXISTS old_idx;\n"
                + "CREATE OR REPLACE FUNCTION f() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$;\n"
                + "ALTER TABLE t DROP COLUMN IF EXISTS d, ADD COLUMN IF NOT EXISTS e int;\n";
        assertEquals(Severity.NOTICE, renamed(linter, "pop", raised, path, guarded).severity());
        for (String unguarded : List.of("ALTER TABLE t ADD COLUMN c text;", "UPDATE t SET c = 'x' WHERE c IS NULL;",
                "ALTER TABLE t ADD COLUMN IF NOT EXISTS c text, ALTER COLUMN c SET NOT NULL;",
                "CREATE TABLE u (id bigint);", "INSERT INTO t (id) VALUES (1) ON CONFLICT DO NOTHING;",
                "DO $$ BEGIN ALTER TABLE t ADD COLUMN IF NOT EXISTS c text; END $$;", "COMMENT ON TABLE t IS 'x';",
                "GRANT SELECT ON t TO reader;")) {
            assertEquals(Severity.ERROR, renamed(linter, "pop", raised, path, guarded + unguarded).severity(), unguarded);
        }
        Map<String, Object> lowered = Map.of("change", "renamed", "existed-on-base", true, "base", "origin/main",
                "previous-path", "migrations/20260121000000_a.up.sql");
        assertEquals(Severity.ERROR, renamed(linter, "pop", lowered, "migrations/20251216000000_a.up.sql", guarded).severity(),
                "an older version may never run again, or stop the runner");
        assertEquals(Severity.ERROR, renamed(linter, "flyway", raised, "db/migration/V8__a.sql", guarded).severity(),
                "Flyway validates the applied names");
    }

    private static Finding renamed(TextLinter linter, String runner, Map<String, Object> history, String path, String sql) {
        return of(linter.lint(sql, Map.of("framework", runner, "history", history, "path", path)),
                "renamed-applied-migration").get(0);
    }

    private static Finding renamed(TextLinter linter, String runner, Map<String, Object> history, String path) {
        return of(linter.lint("SELECT 1;\n", Map.of("framework", runner, "history", history, "path", path)),
                "renamed-applied-migration").get(0);
    }

    /** What a down migration does is not part of the forward history a later migration starts from. */
    @Test
    void aDownDoesNotChangeTheColumnTypesLaterMigrationsSee() {
        var settings = dev.migralint.analysis.AnalysisSettings.defaults();
        var analyzer = new dev.migralint.analysis.FileAnalyzer(settings);
        var frontEnd = new dev.migralint.sql.SqlFrontEnd();
        String last = null;
        for (String[] file : new String[][] {
                {"migrations/000001_t.up.sql", "CREATE TABLE t (c int);"},
                {"migrations/000002_c.up.sql", "ALTER TABLE t ALTER COLUMN c TYPE bigint;"},
                {"migrations/000002_c.down.sql", "ALTER TABLE t ALTER COLUMN c TYPE int;"},
                {"migrations/000003_c.up.sql", "ALTER TABLE t ALTER COLUMN c TYPE numeric;"}}) {
            var parsed = frontEnd.parse(dev.migralint.sql.SourceFile.ofText(file[0], file[1]), settings.dialect());
            var analyzed = analyzer.analyze(parsed, settings.framework());
            last = (String) analyzed.operations().get(0).context().get(dev.migralint.analysis.ContextFacts.OLD_TYPE);
        }
        assertEquals("bigint", last);
    }
}
