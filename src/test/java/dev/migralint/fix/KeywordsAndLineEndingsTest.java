package dev.migralint.fix;

import dev.migralint.rules.FileResult;
import dev.migralint.workspace.LoadedSource;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KeywordsAndLineEndingsTest {

    @Test
    void keywordsTakeTheCaseOfTheWordTheyFollow() {
        assertEquals("concurrently", Keywords.like("index", "CONCURRENTLY"));
        assertEquals("CONCURRENTLY", Keywords.like("INDEX", "CONCURRENTLY"));
        assertEquals("If Not Exists", Keywords.like("Table", "IF NOT EXISTS"));
        assertEquals("IF NOT EXISTS", Keywords.like("tAbLe", "if not exists"), "mixed case: upper");
        assertEquals("IF EXISTS", Keywords.like((String) null, "if exists"));
        assertEquals("VALIDATE CONSTRAINT", Keywords.like("ADD", "VALIDATE CONSTRAINT"));
    }

    @Test
    void dominantLineEnding() {
        assertEquals("\n", LineEndings.dominant("a\nb\nc"));
        assertEquals("\r\n", LineEndings.dominant("a\r\nb\r\nc\n"));
        assertEquals("\n", LineEndings.dominant("one line"));
        assertEquals("\r", LineEndings.dominant("a\rb\rc"));
    }

    @Test
    void offersSayWhyAFindingHasNoFix() {
        String sql = "BEGIN;\nCREATE INDEX i ON t (a);\nCOMMIT;\n";
        var rules = FixTesting.rules();
        var relinter = new Relinter(FixTesting.linter(rules), dev.migralint.rules.TextLinter.settingsFor(Map.of()));
        Relinter.Snapshot s = relinter.lint(null, "m.sql", sql, dev.migralint.sql.Dialect.POSTGRESQL, null);
        FileResult file = new FileResult(new LoadedSource("m.sql", s.analyzed().parsed().source(), null, null, 0, false),
                s.analyzed(), s.findings());
        Fixer fixer = FixTesting.fixer(rules, Map.of(), true);
        Map<dev.migralint.rules.Finding, FixOutcome> offers = fixer.offers(file);
        FixOutcome concurrently = offers.entrySet().stream()
                .filter(e -> e.getKey().ruleId().equals("require-concurrent-index")).findFirst().orElseThrow().getValue();
        assertEquals(FixOutcome.Status.UNAVAILABLE, concurrently.status());
        assertTrue(concurrently.reason().contains("BEGIN on line 1"), concurrently.reason());
        FixOutcome lockTimeout = offers.entrySet().stream()
                .filter(e -> e.getKey().ruleId().equals("require-lock-timeout")).findFirst().orElseThrow().getValue();
        assertEquals(FixOutcome.Status.FIXED, lockTimeout.status(), "available");
    }
}
