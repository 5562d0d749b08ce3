package dev.migralint.engine;

import dev.migralint.config.Config;
import dev.migralint.rules.FileResult;
import dev.migralint.rules.Finding;
import dev.migralint.rules.Linter;
import dev.migralint.rules.RuleSet;
import dev.migralint.rules.RunResult;
import dev.migralint.workspace.FileCollector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A history much longer than the parse-ahead window is still analysed in migration order: each migration changes the
 * type the one before it gave the column, and each finding names that previous type.
 */
class LintRunHistoryTest {
    @TempDir
    Path dir;

    @Test
    void longHistoryIsAnalysedInOrder() throws Exception {
        int files = LintRun.PARSE_AHEAD * 5 + 3;
        Path m = Files.createDirectories(dir.resolve("migrations"));
        // Shrinking a varchar rewrites the table, so every change is reported with the type it changes from.
        Files.writeString(m.resolve("V0__create.sql"), "CREATE TABLE t (c varchar(1000));\n");
        for (int i = 1; i < files; i++) {
            Files.writeString(m.resolve("V" + i + "__shrink.sql"), "ALTER TABLE t ALTER COLUMN c TYPE varchar(" + (1000 - i) + ");\n");
        }
        Config config = Config.defaults(dir);
        Linter linter = new Linter(RuleSet.bundled(), config.rules());
        FileCollector.Collected collected = new FileCollector(dir, List.of(), List.of()).collect(List.of("migrations"), dir);
        for (boolean findingsOnly : new boolean[]{true, false}) {
            RunResult result = new LintRun(config, linter).findingsOnly(findingsOnly)
                    .run(collected.files(), collected.refused(), List.of());
            assertEquals(files, result.files().size());
            for (FileResult f : result.files()) {
                String name = f.path().substring(f.path().lastIndexOf('/') + 1);
                if (name.startsWith("V0__")) {
                    continue;
                }
                int i = Integer.parseInt(name.substring(1, name.indexOf("__")));
                Finding change = f.findings().stream().filter(x -> x.ruleId().equals("changing-column-type")).findFirst()
                        .orElseThrow(() -> new AssertionError("no changing-column-type in " + f.path()));
                assertTrue(change.message().contains("from varchar(" + (1001 - i) + ") to varchar(" + (1000 - i) + ")"),
                        f.path() + ": " + change.message());
            }
        }
    }

    @Test
    void aFileLookedAheadAtIsParsedOnce() throws Exception {
        int files = LintRun.PARSE_AHEAD + 4;
        Path m = Files.createDirectories(dir.resolve("migrations"));
        // The first file's foreign key has no index: its analysis asks every later file of the change for one.
        Files.writeString(m.resolve("V0__create.sql"),
                "CREATE TABLE a (id int PRIMARY KEY);\nCREATE TABLE b (id int, a_id int REFERENCES a (id));\n");
        for (int i = 1; i < files; i++) {
            Files.writeString(m.resolve("V" + i + "__more.sql"), "CREATE TABLE t" + i + " (id int);\n");
        }
        Config config = Config.defaults(dir);
        Linter linter = new Linter(RuleSet.bundled(), config.rules());
        FileCollector.Collected collected = new FileCollector(dir, List.of(), List.of()).collect(List.of("migrations"), dir);
        LintRun run = new LintRun(config, linter).change(p -> true);
        RunResult result = run.run(collected.files(), collected.refused(), List.of());
        assertTrue(result.files().get(0).findings().stream().anyMatch(f -> f.ruleId().equals("foreign-key-without-index")),
                "the key is unindexed in every later file");
        assertEquals(files, run.parses());
        // Beyond the budget the look-ahead keeps nothing for later: the files far ahead are parsed again for their own
        // step, as the findings are the same.
        LintRun frugal = new LintRun(config, linter).change(p -> true).lookAheadBudget(0);
        RunResult again = frugal.run(collected.files(), collected.refused(), List.of());
        assertTrue(frugal.parses() > files, "parses: " + frugal.parses());
        assertEquals(result.files().stream().map(f -> f.path() + f.findings().size()).toList(),
                again.files().stream().map(f -> f.path() + f.findings().size()).toList());
    }
}
