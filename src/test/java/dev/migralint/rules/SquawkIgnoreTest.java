package dev.migralint.rules;

import dev.migralint.config.RuleOverrides;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * squawk's suppression comments, in the syntax squawk documents (-- squawk-ignore rule-a, rule-b on the line before
 * the statement; -- squawk-ignore-file with or without rules), silence the migralint rules they map to, and nothing
 * reports them as unused or unexplained.
 */
class SquawkIgnoreTest {
    /** "rule line" of each finding (strict rules on), with " (silenced)" when an ignore silences it. */
    private static List<String> findings(String sql) {
        TextLinter linter;
        try {
            linter = new TextLinter(RuleSet.bundled(), RuleOverrides.none().withSets(Set.of("recommended", "strict")));
        } catch (RuleLoadException e) {
            throw new AssertionError(e);
        }
        // The timeout rules fire once per file on the first locking statement; they are not what these tests are about.
        return linter.lint(sql, Map.of()).findings().stream()
                .filter(f -> !f.ruleId().startsWith("require-") || f.ruleId().equals("require-concurrent-index"))
                .map(f -> f.ruleId() + " " + f.line() + (f.suppressedBy() != null ? " (silenced)" : "")).sorted().toList();
    }

    @Test
    void statementLevelIgnoreCoversTheNextStatementOnly() {
        String sql = """
                -- squawk-ignore require-concurrent-index-creation
                CREATE INDEX CONCURRENTLY IF NOT EXISTS a ON t (a);
                -- squawk-ignore require-concurrent-index-creation
                CREATE INDEX IF NOT EXISTS b ON t (b);
                CREATE INDEX IF NOT EXISTS c ON t (c);
                """;
        assertEquals(List.of("require-concurrent-index 4 (silenced)", "require-concurrent-index 5"), findings(sql));
    }

    @Test
    void severalRulesSeparatedByCommas() {
        String sql = """
                -- squawk-ignore ban-drop-column, renaming-column
                ALTER TABLE IF EXISTS t DROP COLUMN IF EXISTS old;
                ALTER TABLE t RENAME COLUMN a TO b;
                -- squawk-ignore ban-drop-column,renaming-column
                ALTER TABLE t RENAME COLUMN c TO d;
                """;
        assertEquals(List.of("ban-drop-column 2 (silenced)", "renaming-column 3", "renaming-column 5 (silenced)"),
                findings(sql));
    }

    @Test
    void fileLevelIgnoreWithAndWithoutRules() {
        String named = """
                ALTER TABLE t ADD COLUMN at timestamp;
                -- squawk-ignore-file prefer-timestamptz
                ALTER TABLE t RENAME COLUMN a TO b;
                """;
        assertEquals(List.of("prefer-timestamptz 1 (silenced)", "renaming-column 3"), findings(named));
        String all = """
                -- squawk-ignore-file
                ALTER TABLE t ADD COLUMN at timestamp;
                ALTER TABLE t RENAME COLUMN a TO b;
                """;
        assertEquals(List.of("prefer-timestamptz 2 (silenced)", "renaming-column 3 (silenced)"), findings(all));
    }

    @Test
    void squawkNamesWithoutACounterpartSilenceNothingAndAreNotReported() {
        String sql = """
                -- squawk-ignore some-future-squawk-rule
                ALTER TABLE t RENAME COLUMN a TO b;
                """;
        assertEquals(List.of("renaming-column 2"), findings(sql).stream().filter(f -> f.startsWith("renaming")
                || f.startsWith("unused") || f.startsWith("ignore-without")).toList());
    }
}
