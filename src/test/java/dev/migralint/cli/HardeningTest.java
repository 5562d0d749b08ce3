package dev.migralint.cli;

import dev.migralint.rules.Finding;
import dev.migralint.rules.RuleSet;
import dev.migralint.rules.TextLinter;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Regression tests for issue 19 (hardening), one or more per item, named after it. */
class HardeningTest {
    private static final TextLinter LINTER;

    static {
        try {
            LINTER = new TextLinter(RuleSet.bundled());
        } catch (dev.migralint.rules.RuleLoadException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Finding> lint(String sql) {
        return LINTER.lint(sql, Map.of()).findings();
    }

    private static List<String> at(List<Finding> findings, String rule) {
        return findings.stream().filter(f -> f.ruleId().equals(rule)).map(f -> f.line() + ":" + f.column())
                .collect(Collectors.toList());
    }

    // ---- item 1: dangerous operations hidden in forms that were not analysed

    @Test
    void doBlockBodyIsAnalysed() {
        List<Finding> f = lint("""
                DO $$
                BEGIN
                  DROP TABLE users;
                  ALTER TABLE orders ALTER COLUMN total TYPE numeric;
                  DELETE FROM sessions;
                  TRUNCATE audit;
                  CREATE INDEX orders_user ON orders (user_id);
                END $$;
                """);
        assertEquals(List.of("3:3"), at(f, "ban-drop-table"));
        assertEquals(List.of("4:22"), at(f, "changing-column-type")); // the action, as for a top-level ALTER
        assertEquals(List.of("5:3"), at(f, "ban-delete"));
        assertEquals(List.of("6:3"), at(f, "ban-truncate"));
        assertEquals(List.of("7:3"), at(f, "require-concurrent-index"));
    }

    @Test
    void doBlockIdempotencyGuardIsCheckedLikeTopLevel() {
        String guarded = """
                DO $$
                BEGIN
                  IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = 'orders_user_fk') THEN
                    ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id);
                  END IF;
                EXCEPTION WHEN duplicate_object THEN NULL;
                END $$;
                """;
        List<Finding> inside = lint(guarded);
        List<Finding> top = lint("ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id);\n");
        assertEquals(List.of("4:24"), at(inside, "constraint-missing-not-valid")); // the ADD CONSTRAINT action
        assertEquals(top.stream().map(Finding::ruleId).sorted().toList(),
                inside.stream().map(Finding::ruleId).sorted().toList());
    }

    @Test
    void doBlockSuppressionCommentStillCoversTheBody() {
        List<Finding> f = lint("""
                DO $$
                BEGIN
                  -- migralint-ignore ban-drop-table: the table was emptied and archived in release 41
                  DROP TABLE users;
                END $$;
                """);
        assertTrue(f.stream().filter(x -> x.ruleId().equals("ban-drop-table")).allMatch(Finding::suppressed), f.toString());
        assertFalse(f.stream().filter(x -> x.ruleId().equals("ban-drop-table")).toList().isEmpty());
    }

    @Test
    void executeOfLiteralIsAnalysedAsItsSql() {
        List<Finding> f = lint("DO $$ BEGIN EXECUTE 'DROP TABLE users'; END $$;\n");
        assertEquals(List.of("1:22"), at(f, "ban-drop-table"));
        List<Finding> quoted = lint("DO $$ BEGIN\n  EXECUTE 'ALTER TABLE users ADD COLUMN s text DEFAULT ''x''';\n  EXECUTE 'TRUNCATE t' ; END $$;\n");
        assertEquals(List.of("3:12"), at(quoted, "ban-truncate"));
    }

    @Test
    void executeOfNonLiteralIsANotice() {
        List<Finding> f = lint("DO $$ BEGIN EXECUTE format('DROP TABLE %I', 'users'); END $$;\n");
        assertEquals(List.of("1:13"), at(f, "dynamic-sql-not-analysed"));
        assertEquals("notice", f.stream().filter(x -> x.ruleId().equals("dynamic-sql-not-analysed")).findFirst()
                .orElseThrow().severity().name().toLowerCase());
    }

    @Test
    void dataModifyingCteIsTheStatementItContains() {
        assertEquals(List.of("1:12"), at(lint("WITH d AS (DELETE FROM users RETURNING *) SELECT 1;\n"), "ban-delete"));
        assertFalse(at(lint("WITH u AS (UPDATE users SET active = false RETURNING id) SELECT count(*) FROM u;\n"),
                "ban-update-without-where").isEmpty());
    }

    @Test
    void routineCreatedAndCalledInTheSameMigrationIsAnalysed() {
        List<Finding> sql = lint("""
                CREATE FUNCTION cleanup() RETURNS void LANGUAGE sql AS $$ DROP TABLE legacy $$;
                SELECT cleanup();
                """);
        assertEquals(List.of("1:59"), at(sql, "ban-drop-table"));
        List<Finding> proc = lint("""
                CREATE PROCEDURE p() LANGUAGE plpgsql AS $body$
                BEGIN
                  DROP TABLE users;
                END $body$;
                CALL p();
                """);
        assertEquals(List.of("3:3"), at(proc, "ban-drop-table"));
        // Created and not called: the body does not run in this migration.
        assertTrue(at(lint("CREATE FUNCTION f() RETURNS void LANGUAGE sql AS $$ DROP TABLE legacy $$;\n"),
                "ban-drop-table").isEmpty());
    }

    @Test
    void verdictIsNeverSafeWhenADoBodyDropsATable() {
        List<Finding> f = lint("DO $$ BEGIN DROP TABLE users; END $$;\n");
        assertTrue(f.stream().anyMatch(x -> x.severity().name().equals("ERROR") && !x.suppressed()), f.toString());
    }

    // ---- item 10: merge-conflict markers

    @Test
    void mergeConflictMarkersAreAnError() {
        List<Finding> f = lint("""
                ALTER TABLE users ADD COLUMN note text;
                <<<<<<< HEAD
                ALTER TABLE users ADD COLUMN nickname text;
                =======
                DROP TABLE users;
                >>>>>>> cleanup
                """);
        List<Finding> marker = f.stream().filter(x -> x.ruleId().equals("merge-conflict-marker")).toList();
        assertEquals(1, marker.size(), f.toString());
        assertEquals(2, marker.get(0).line());
        assertTrue(marker.get(0).message().contains("2, 4, 6"), marker.get(0).message());
        assertEquals("ERROR", marker.get(0).severity().name());
    }
}
