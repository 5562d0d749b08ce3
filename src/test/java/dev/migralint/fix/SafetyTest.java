package dev.migralint.fix;

import dev.migralint.rules.FileResult;
import dev.migralint.rules.Linter;
import dev.migralint.rules.RuleSet;
import dev.migralint.workspace.LoadedSource;
import dev.migralint.workspace.SourceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static dev.migralint.fix.FixTesting.fix;
import static dev.migralint.fix.FixTesting.only;
import static dev.migralint.fix.FixTesting.reasons;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What fix must never do: edit what it did not understand, write a file it could not decode, depend on order. */
class SafetyTest {

    @Test
    void unknownStatementIsNeverEdited() {
        RuleSet rules = FixTesting.rules(FixTesting.FIX_UNKNOWN);
        String sql = "FROBNICATE TABLE users;\nDROP TABLE t;\n";
        FileFix f = fix(rules, sql, Map.of(), true, "t-fix-unknown");
        assertEquals(sql, f.fixed());
        FixOutcome o = only(f, "t-fix-unknown");
        assertEquals(FixOutcome.Status.UNAVAILABLE, o.status());
        assertTrue(o.reason().contains("did not understand"), o.reason());
    }

    @Test
    void fileWithAnUnterminatedTokenIsNotTouched() {
        String sql = "CREATE INDEX idx ON t (a);\nCREATE INDEX idx2 ON t (b);\nSELECT 'never closed;\n";
        FileFix f = fix(sql, Map.of(), true);
        assertEquals(sql, f.fixed(), reasons(f));
        assertFalse(f.outcomes().isEmpty());
        for (FixOutcome o : f.outcomes()) {
            assertEquals(FixOutcome.Status.UNAVAILABLE, o.status());
            assertTrue(o.reason().contains("could not be fully analysed"), o.reason());
        }
    }

    @Test
    void statementsOnlyTheTokenRecognizerParsedAreStillFixedExactly() {
        // JSqlParser 5.4 cannot parse DROP INDEX CONCURRENTLY; the recognizer's spans are exact enough to edit.
        FileFix f = fix("DROP INDEX CONCURRENTLY idx;", Map.of(), false, "prefer-if-exists");
        assertEquals("DROP INDEX CONCURRENTLY IF EXISTS idx;", f.fixed(), reasons(f));
    }

    @Test
    void binaryOrUndecodableFileIsNeverWritten(@TempDir Path dir) throws Exception {
        Path bin = dir.resolve("0001_bin.sql");
        byte[] bytes = "CREATE INDEX idx ON t (a);\0\0\u0001".getBytes(StandardCharsets.UTF_8);
        Files.write(bin, bytes);
        LoadedSource loaded = new SourceLoader(1 << 20).load(bin, "0001_bin.sql");
        assertFalse(loaded.ok());
        Fixer fixer = FixTesting.fixer(FixTesting.rules(), Map.of(), true);
        FileFix f = fixer.fix(new FileResult(loaded, null, List.of()));
        assertFalse(f.changed());
        assertFalse(FileFixer.write(f).written());
        // Even asked directly, the writer re-reads the file and refuses what is not UTF-8 text.
        FileFixer.WriteResult w = FileFixer.write(bin, "CREATE INDEX idx ON t (a);", false,
                "CREATE INDEX CONCURRENTLY idx ON t (a);");
        assertFalse(w.written());
        assertTrue(w.problem().contains("not UTF-8 text"), w.problem());
        assertArrayEquals(bytes, Files.readAllBytes(bin));

        Path latin1 = dir.resolve("0002_latin1.sql");
        byte[] l1 = "-- caf\u00e9\nCREATE INDEX idx ON t (a);\n".getBytes(StandardCharsets.ISO_8859_1);
        Files.write(latin1, l1);
        assertFalse(FileFixer.write(latin1, "-- caf\u00e9\nCREATE INDEX idx ON t (a);\n", false, "x").written());
        assertArrayEquals(l1, Files.readAllBytes(latin1));
    }

    @Test
    void overlappingFixesResolveTheSameWayWhateverTheFindingOrder() {
        // comment-out (unsafe) and add-if-exists and set-lock-timeout all want the same DROP TABLE statement.
        RuleSet rules = FixTesting.rules(FixTesting.COMMENT_OUT_DROP_TABLE, FixTesting.COMMENT_OUT_DROP_COLUMN);
        Linter linter = FixTesting.linter(rules);
        String sql = "DROP TABLE a;\nALTER TABLE b DROP COLUMN c;\nDROP INDEX i;\nALTER TABLE b ADD COLUMN d int;\n";
        Relinter relinter = new Relinter(linter, dev.migralint.rules.TextLinter.settingsFor(Map.of()));
        Relinter.Snapshot s = relinter.lint(null, "m.sql", sql, dev.migralint.sql.Dialect.POSTGRESQL, null);
        FixPlanner planner = new FixPlanner(Rewrites.builtIn());
        FixOptions options = new FixOptions(true, "5s", Set.of());
        List<Edit> reference = planner.plan(s.analyzed(), s.findings(), options).edits();
        assertFalse(reference.isEmpty());
        Random random = new Random(42);
        for (int i = 0; i < 20; i++) {
            List<dev.migralint.rules.Finding> shuffled = new ArrayList<>(s.findings());
            Collections.shuffle(shuffled, random);
            assertEquals(reference, planner.plan(s.analyzed(), shuffled, options).edits());
        }
        // The comment-out wins over IF EXISTS on the same statement; SET goes before the first statement left that
        // still takes a strong lock (DROP INDEX became CONCURRENTLY in the same round).
        FileFix f = FixTesting.fix(rules, sql, Map.of(), true);
        assertTrue(f.fixed().startsWith(CommentOutRewrite.MARKER + " ("), f.fixed());
        assertFalse(f.fixed().contains("IF EXISTS a"), f.fixed());
        assertTrue(f.fixed().endsWith("-- ALTER TABLE b DROP COLUMN c;\nDROP INDEX CONCURRENTLY IF EXISTS i;\n"
                + "SET lock_timeout = '5s';\nALTER TABLE b ADD COLUMN d int;\n"), f.fixed());
        FileFix again = FixTesting.fix(rules, f.fixed(), Map.of(), true);
        assertEquals(f.fixed(), again.fixed(), "fixing twice changes nothing");
    }

    @Test
    void aRewriteThatWouldRaiseANewFindingIsRejectedAndTheRestStillApplies() {
        // A (test) rule that objects to every CONCURRENTLY index: add-concurrently would raise it, so it is refused.
        RuleSet rules = FixTesting.rules(FixTesting.testRule("t-no-concurrent-index", "create-index",
                "\n  where:\n    concurrently: true", "add-if-not-exists").replace("fix: add-if-not-exists\n", ""));
        String sql = "CREATE INDEX i ON t (a);\nALTER TABLE t ADD COLUMN b int;\n";
        FileFix f = fix(rules, sql, Map.of(), false, "require-concurrent-index", "require-lock-timeout");
        FixOutcome refused = only(f, "require-concurrent-index");
        assertEquals(FixOutcome.Status.UNAVAILABLE, refused.status());
        assertTrue(refused.reason().contains("t-no-concurrent-index"), refused.reason());
        assertEquals("SET lock_timeout = '5s';\n" + sql, f.fixed(), reasons(f));
        assertEquals(FixOutcome.Status.FIXED, only(f, "require-lock-timeout").status());
    }

    @Test
    void editConflictsAreSymmetric() {
        Edit a = Edit.replace(new dev.migralint.sql.Span(5, 10), "x");
        Edit inside = Edit.insert(7, "y");
        Edit atStart = Edit.insert(5, "z");
        Edit atEnd = Edit.insert(10, "w");
        Edit overlap = Edit.replace(new dev.migralint.sql.Span(9, 12), "");
        assertTrue(a.conflictsWith(inside) && inside.conflictsWith(a));
        assertFalse(a.conflictsWith(atStart) || atStart.conflictsWith(a));
        assertFalse(a.conflictsWith(atEnd) || atEnd.conflictsWith(a));
        assertTrue(a.conflictsWith(overlap) && overlap.conflictsWith(a));
        assertFalse(a.conflictsWith(a));
        // At one offset the insertion goes before the replacement; an insertion at a replacement's end goes after it.
        assertEquals("01234zxw", EditMap.apply("0123456789", FixPlanner.ordered(List.of(
                new Fix("r", "w", List.of(atEnd), true, "", List.of()),
                new Fix("r", "w", List.of(a, atStart), true, "", List.of())))));
    }

    @Test
    void editMapMapsBackThroughInsertionsAndReplacements() {
        List<Edit> edits = List.of(Edit.insert(2, "AB"), Edit.replace(new dev.migralint.sql.Span(5, 7), "X"));
        String after = EditMap.apply("0123456789", edits);
        assertEquals("01AB234X789", after);
        EditMap map = new EditMap(edits);
        assertEquals(0, map.toOld(0, true));
        assertEquals(-1, map.toOld(2, true));
        assertEquals(2, map.toOld(4, true));
        assertEquals(-1, map.toOld(7, true));
        assertEquals(5, map.toOld(7, false));
        assertEquals(7, map.toOld(8, true));
        assertNotNull(map.edits());
    }
}
