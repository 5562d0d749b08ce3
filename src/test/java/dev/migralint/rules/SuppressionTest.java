package dev.migralint.rules;

import dev.migralint.config.RuleOverrides;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Inline ignores: where they apply, what they need, and the findings about the ignores themselves. */
class SuppressionTest {
    /** A test-only rule that fires on every DO block, so that an ignore inside a DO body has something to silence. */
    private static final String DO_RULE = """
            id: test-do-block
            severity: warning
            summary: A DO block.
            match:
              kind: do-block
            """;
    private static RuleSet rules;
    private static TextLinter linter;

    @BeforeAll
    static void load() throws RuleLoadException {
        rules = RuleSet.bundled().plus(List.of(RuleLoader.load("test-do-block.yml", DO_RULE)));
        // The strict set too: several tests silence style rules (prefer-if-exists, ...).
        linter = new TextLinter(rules, dev.migralint.config.RuleOverrides.none().withSets(java.util.Set.of("recommended", "strict")));
    }

    private static List<Finding> lint(String sql) {
        return linter.lint(sql, Map.of()).findings();
    }

    /** Unsuppressed findings as "rule@line". */
    private static List<String> active(List<Finding> findings) {
        return findings.stream().filter(f -> !f.suppressed()).map(f -> f.ruleId() + "@" + f.line()).sorted()
                .collect(Collectors.toList());
    }

    private static Finding only(List<Finding> findings, String rule) {
        List<Finding> matching = findings.stream().filter(f -> f.ruleId().equals(rule)).toList();
        assertEquals(1, matching.size(), () -> rule + " in " + findings);
        return matching.get(0);
    }

    private static boolean silenced(List<Finding> findings, String rule, int line) {
        return findings.stream().anyMatch(f -> f.ruleId().equals(rule) && f.line() == line && f.suppressed());
    }

    private static boolean raised(List<Finding> findings, String rule) {
        return findings.stream().anyMatch(f -> f.ruleId().equals(rule) && !f.suppressed());
    }

    @Test
    void ignoreOnTheLineAboveCoversTheNextStatementOnly() {
        List<Finding> f = lint("""
                -- migralint-ignore ban-drop-table: archived in PR 1234
                DROP TABLE a;
                DROP TABLE b;
                """);
        assertTrue(silenced(f, "ban-drop-table", 2), f::toString);
        assertTrue(f.stream().anyMatch(x -> x.ruleId().equals("ban-drop-table") && x.line() == 3 && !x.suppressed()));
        assertEquals("archived in PR 1234", only(f.stream().filter(x -> x.line() == 2).toList(), "ban-drop-table")
                .suppressedBy().reason());
        assertFalse(raised(f, "unused-ignore"));
    }

    @Test
    void ignoreAtTheEndOfTheStatementsLastLineCoversIt() {
        List<Finding> f = lint("""
                DROP TABLE a; -- migralint-ignore ban-drop-table: archived in PR 1234
                DROP TABLE b;
                """);
        assertTrue(silenced(f, "ban-drop-table", 1), f::toString);
        assertFalse(silenced(f, "ban-drop-table", 2), "the trailing comment belongs to the statement on its line");
    }

    @Test
    void ignoreOnTheLastLineOfAMultiLineStatementCoversIt() {
        List<Finding> f = lint("""
                ALTER TABLE users
                  DROP COLUMN legacy_id; -- migralint-ignore ban-drop-column: unused since v4
                ALTER TABLE users DROP COLUMN other_id;
                """);
        assertTrue(silenced(f, "ban-drop-column", 2), f::toString);
        assertTrue(raised(f, "ban-drop-column"), "the next statement is not covered");
    }

    @Test
    void blockCommentsWork() {
        List<Finding> above = lint("""
                /* migralint-ignore ban-drop-table: archived in PR 1234 */
                DROP TABLE a;
                """);
        assertTrue(silenced(above, "ban-drop-table", 2), above::toString);
        List<Finding> trailing = lint("DROP TABLE a; /* migralint-ignore ban-drop-table: archived */\n");
        assertTrue(silenced(trailing, "ban-drop-table", 1), trailing::toString);
        List<Finding> inline = lint("DROP TABLE a; /* migralint-ignore ban-drop-table: only b */ DROP TABLE b;\n");
        assertFalse(inline.stream().anyMatch(x -> x.ruleId().equals("ban-drop-table") && x.span().start() == 0
                && x.suppressed()), "a block comment followed by a statement on its line covers that statement");
        assertEquals(1, inline.stream().filter(x -> x.ruleId().equals("ban-drop-table") && x.suppressed()).count());
        List<Finding> multiLine = lint("""
                /*
                 * migralint-ignore ban-drop-table: the reason
                 * runs over two lines
                 */
                DROP TABLE a;
                """);
        assertEquals("the reason runs over two lines", only(multiLine, "ban-drop-table").suppressedBy().reason());
    }

    @Test
    void fileLevelIgnoreCoversEveryStatementAnywhereInTheFile() {
        List<Finding> f = lint("""
                DROP TABLE a;
                DROP TABLE b;
                -- migralint-ignore-file ban-drop-table: this migration retires the audit tables
                DROP TABLE c;
                """);
        assertEquals(3, f.stream().filter(x -> x.ruleId().equals("ban-drop-table") && x.suppressed()).count(), f::toString);
        assertTrue(f.stream().filter(x -> x.suppressed()).allMatch(x -> x.suppressedBy().fileLevel()));
        assertFalse(raised(f, "unused-ignore"));
    }

    @Test
    void unknownRuleIsReportedWithTheNearestId() {
        List<Finding> f = lint("""
                -- migralint-ignore ban-drop-tabel: archived in PR 1234
                DROP TABLE a;
                """);
        assertTrue(raised(f, "ban-drop-table"), "a misspelt id silences nothing");
        Finding unused = only(f, "unused-ignore");
        assertEquals(1, unused.line());
        assertTrue(unused.message().contains("names unknown rule 'ban-drop-tabel' (did you mean 'ban-drop-table'?)"),
                unused.message());
    }

    @Test
    void ignoreThatSilencesNothingIsReported() {
        List<Finding> f = lint("""
                -- migralint-ignore ban-drop-table: nothing is dropped here any more
                ALTER TABLE users ADD COLUMN nickname text;
                """);
        Finding unused = only(f, "unused-ignore");
        assertEquals(1, unused.line());
        assertEquals(1, unused.column());
        assertTrue(unused.message().contains("silenced no finding of ban-drop-table on the statement at line 2"),
                unused.message());
        assertEquals(dev.migralint.config.Severity.WARNING, unused.severity());
    }

    @Test
    void ignoreAfterTheLastStatementCoversNothing() {
        List<Finding> f = lint("""
                DROP TABLE a;

                -- migralint-ignore ban-drop-table: written below instead of above
                """);
        assertTrue(raised(f, "ban-drop-table"));
        assertTrue(only(f, "unused-ignore").message().contains("is not followed by any statement"), f::toString);
    }

    @Test
    void unusedFileLevelIgnoreIsReported() {
        List<Finding> f = lint("""
                -- migralint-ignore-file ban-drop-column: left over
                CREATE TABLE notes (id bigint PRIMARY KEY);
                """);
        assertTrue(only(f, "unused-ignore").message().contains("silenced no finding of ban-drop-column in this file"));
    }

    @Test
    void ignoreInsideADoBodyAppliesToTheDoStatement() {
        String sql = """
                SET lock_timeout = '2s';
                DO $$
                BEGIN
                  -- migralint-ignore test-do-block: one-off backfill, reviewed with the DBA team
                  UPDATE settings SET enabled = true;
                END
                $$;
                """;
        List<Finding> f = lint(sql);
        Finding doFinding = only(f, "test-do-block");
        assertTrue(doFinding.suppressed(), f::toString);
        assertEquals(Suppression.Origin.DOLLAR_BODY, doFinding.suppressedBy().origin());
        assertEquals(4, doFinding.suppressedBy().line());
        assertFalse(raised(f, "unused-ignore"), f::toString);

        List<Finding> unused = lint(sql.replace("test-do-block:", "ban-drop-table:"));
        assertTrue(raised(unused, "test-do-block"));
        Finding u = only(unused, "unused-ignore");
        assertEquals(4, u.line(), "reported where the directive is written, inside the body");
        assertEquals(3, u.column());
    }

    @Test
    void blockCommentDirectiveInsideADoBodyAndFileLevelOneInside() {
        List<Finding> f = lint("""
                DO $body$
                BEGIN
                  /* migralint-ignore test-do-block: reviewed */
                  PERFORM 1;
                END
                $body$;
                DO $$ BEGIN -- migralint-ignore-file ban-drop-table: inside a body, still for the whole file
                PERFORM 1; END $$;
                DROP TABLE a;
                """);
        assertTrue(silenced(f, "test-do-block", 1), f::toString);
        assertTrue(silenced(f, "ban-drop-table", 9), f::toString);
    }

    @Test
    void aStringThatMentionsTheDirectiveIsNotOne() {
        List<Finding> f = lint("""
                COMMENT ON TABLE a IS '-- migralint-ignore ban-drop-table: not a comment';
                DROP TABLE a;
                -- see the migralint-ignore docs
                DROP TABLE b;
                """);
        assertEquals(2, f.stream().filter(x -> x.ruleId().equals("ban-drop-table") && !x.suppressed()).count(), f::toString);
        assertFalse(raised(f, "unused-ignore"));
        assertFalse(raised(f, "ignore-without-reason"));
    }

    @Test
    void severalIdsCommaOrSpaceSeparated() {
        List<Finding> f = lint("""
                -- migralint-ignore ban-drop-table, prefer-if-exists require-lock-timeout: retired in PR 77
                DROP TABLE a;
                """);
        for (String rule : List.of("ban-drop-table", "prefer-if-exists", "require-lock-timeout")) {
            assertTrue(silenced(f, rule, 2), rule + ": " + f);
        }
        assertFalse(raised(f, "unused-ignore"), f::toString);
        List<Finding> partly = lint("""
                -- migralint-ignore ban-drop-table, renaming-table: retired in PR 77
                DROP TABLE IF EXISTS a;
                """);
        assertTrue(silenced(partly, "ban-drop-table", 2));
        assertTrue(only(partly, "unused-ignore").message().contains("silenced no finding of renaming-table"),
                partly::toString);
    }

    @Test
    void allAndStarAndNoIdSilenceEveryRule() {
        for (String ids : List.of("all", "*", "ALL")) {
            List<Finding> f = lint("-- migralint-ignore " + ids + ": one-off cleanup (INC-881)\nDROP TABLE a;\n");
            assertEquals(List.of(), active(f), ids + ": " + f);
            assertTrue(f.stream().filter(Finding::suppressed).count() >= 2, ids + ": " + f);
        }
        List<Finding> none = lint("-- migralint-ignore: one-off cleanup (INC-881)\nDROP TABLE a;\n");
        assertEquals(List.of(), active(none), none::toString);
        List<Finding> unused = lint("-- migralint-ignore all: nothing here\nSELECT 1;\n");
        assertTrue(only(unused, "unused-ignore").message().contains("silenced no finding on the statement"),
                unused::toString);
    }

    @Test
    void theReasonIsEverythingAfterTheFirstColon() {
        List<Finding> f = lint("-- migralint-ignore ban-drop-table: see: PR 12: approved by the DBA: 2024-05-01\nDROP TABLE a;\n");
        Finding d = f.stream().filter(x -> x.ruleId().equals("ban-drop-table")).findFirst().orElseThrow();
        assertTrue(d.suppressed());
        assertEquals("see: PR 12: approved by the DBA: 2024-05-01", d.suppressedBy().reason());
        assertEquals(List.of("ban-drop-table"), d.suppressedBy().ruleIds());
    }

    @Test
    void aMissingReasonSilencesNothingAndIsReported() {
        List<Finding> f = lint("-- migralint-ignore ban-drop-table\nDROP TABLE a;\n");
        assertTrue(raised(f, "ban-drop-table"), "no reason: not silenced");
        Finding w = only(f, "ignore-without-reason");
        assertEquals(1, w.line());
        assertTrue(w.message().contains("for ban-drop-table gives no reason"), w.message());
        assertFalse(raised(f, "unused-ignore"), "reported once, for the reason, not also as unused");
        List<Finding> emptyReason = lint("-- migralint-ignore ban-drop-table:   \nDROP TABLE a;\n");
        assertTrue(raised(emptyReason, "ignore-without-reason"));
    }

    @Test
    void reasonsCanBeMadeOptional() {
        TextLinter lenient = new TextLinter(rules, RuleOverrides.none().withRequireIgnoreReason(false));
        List<Finding> f = lenient.lint("-- migralint-ignore ban-drop-table\nDROP TABLE a;\n", Map.of()).findings();
        assertTrue(silenced(f, "ban-drop-table", 2), f::toString);
        assertFalse(f.stream().anyMatch(x -> x.ruleId().equals("ignore-without-reason")), f::toString);
        assertNotNull(f.stream().filter(Finding::suppressed).findFirst().orElseThrow().suppressedBy());
    }

    @Test
    void ignoreFindingsFollowTheRuleConfiguration() {
        TextLinter quiet = new TextLinter(rules, new RuleOverrides(java.util.Set.of("unused-ignore"), java.util.Set.of(),
                Map.of("ignore-without-reason", dev.migralint.config.Severity.ERROR)));
        List<Finding> f = quiet.lint("-- migralint-ignore ban-drop-tabel\nDROP TABLE a;\n", Map.of()).findings();
        assertFalse(f.stream().anyMatch(x -> x.ruleId().equals("unused-ignore")), "unused-ignore: off");
        assertEquals(dev.migralint.config.Severity.ERROR, only(f, "ignore-without-reason").severity());
    }

    @Test
    void statementLevelIgnoreWinsOverFileLevelOneWhichIsThenUnused() {
        List<Finding> f = lint("""
                -- migralint-ignore-file ban-drop-table: belt
                -- migralint-ignore ban-drop-table: and braces
                DROP TABLE a;
                """);
        Finding drop = only(f, "ban-drop-table");
        assertEquals("and braces", drop.suppressedBy().reason());
        Finding unused = only(f, "unused-ignore");
        assertEquals(1, unused.line());
    }

    @Test
    void findingsAboutIgnoresCanBeSilencedByNameButNotByAll() {
        List<Finding> f = lint("""
                -- migralint-ignore-file unused-ignore: generated by our ORM
                -- migralint-ignore ban-drop-column: stale
                DROP TABLE a;
                """);
        Finding unused = only(f, "unused-ignore");
        assertTrue(unused.suppressed(), f::toString);
        assertEquals(2, unused.line());
        assertFalse(f.stream().anyMatch(x -> x.ruleId().equals("unused-ignore") && x.line() == 1),
                "an ignore naming unused-ignore is never reported as unused for it");

        List<Finding> all = lint("""
                -- migralint-ignore-file all: legacy file
                -- migralint-ignore ban-drop-column: stale
                DROP TABLE a;
                """);
        assertTrue(raised(all, "unused-ignore"), "all does not hide findings about ignores: " + all);
    }

    @Test
    void mysqlHashCommentsAndCaseInsensitivity() {
        List<Finding> f = linter.lint("# MIGRALINT-IGNORE Ban-Drop-Table: retired\nDROP TABLE a;\n",
                Map.of("dialect", "mysql")).findings();
        assertTrue(silenced(f, "ban-drop-table", 2), f::toString);
    }

    @Test
    void similarWordsAreNotDirectives() {
        List<Finding> f = lint("""
                -- migralint-ignore-next-line ban-drop-table: not our syntax
                DROP TABLE a;
                """);
        assertTrue(raised(f, "ban-drop-table"), f::toString);
        assertFalse(raised(f, "unused-ignore"));
    }

    @Test
    void parserRecordsWhereEachDirectiveIs() {
        var file = linter.lint("""
                SELECT 1;
                -- migralint-ignore a, b: x
                SELECT 2; /* migralint-ignore-file c */
                """, Map.of()).file();
        List<Suppression> s = SuppressionParser.parse(file.parsed());
        assertEquals(2, s.size());
        assertEquals(List.of("a", "b"), s.get(0).ruleIds());
        assertEquals(1, s.get(0).statementIndex());
        assertEquals(2, s.get(0).line());
        assertTrue(s.get(1).fileLevel());
        assertEquals(-1, s.get(1).statementIndex());
        assertEquals(null, s.get(1).reason());
    }
}
