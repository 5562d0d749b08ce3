package dev.migralint.cli;

import dev.migralint.Corpus;
import dev.migralint.config.Config;
import dev.migralint.engine.LintRun;
import dev.migralint.rules.FileResult;
import dev.migralint.rules.Linter;
import dev.migralint.rules.RuleSet;
import dev.migralint.rules.RunResult;
import dev.migralint.sql.ParsedOperation;
import dev.migralint.sql.ParsedStatement;
import dev.migralint.sql.op.Operation;
import dev.migralint.sql.op.OperationCatalog;
import dev.migralint.workspace.FileCollector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Lints the whole shared corpus through the real pipeline: no exception, no hang, and a census of what it understood. */
class CorpusLintTest {

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void lintsEveryCorpusFile() throws Exception {
        Path corpus = Corpus.dir();
        Config config = Config.defaults(corpus);
        RuleSet rules = RuleSet.bundled();
        Linter linter = new Linter(rules, config.rules());
        FileCollector collector = new FileCollector(corpus, List.of(), List.of());
        // A directory walk leaves out schema snapshots and test data (NotMigrations); every other .sql file is found.
        long migrations = Corpus.sqlFiles().stream().filter(p -> !dev.migralint.workspace.NotMigrations.matches(
                corpus.relativize(p).toString().replace('\\', '/'))).count();
        assertEquals(migrations, collector.collect(List.of("."), corpus).files().size(), "every migration collected");
        assertTrue(migrations < Corpus.sqlFiles().size(), "the corpus holds schema snapshots and test data");
        // Linted all the same, named one by one: bad input must not crash whatever the file is.
        FileCollector.Collected collected = collector.check(Corpus.sqlFiles());
        assertEquals(Corpus.sqlFiles().size(), collected.files().size(), "every .sql file collected");

        long start = System.nanoTime();
        RunResult result = new LintRun(config, linter).run(collected.files(), collected.refused(), List.of());
        long millis = (System.nanoTime() - start) / 1_000_000;

        int statements = 0;
        int unknown = 0;
        int byJsql = 0;
        int notAnalysed = 0;
        Map<String, Integer> unknownByProject = new TreeMap<>();
        Map<String, Integer> unknownShapes = new TreeMap<>();
        int otherDialect = 0;
        for (FileResult f : result.files()) {
            if (f.analyzed() == null && f.findings().stream().anyMatch(x -> x.ruleId().equals("dialect-not-supported"))) {
                // ClickHouse migrations (trigger.dev, umami): reported once each, never linted as Postgres.
                assertTrue(f.path().toLowerCase(java.util.Locale.ROOT).contains("clickhouse"), f.path());
                assertEquals(1, f.findings().size(), f.path() + ": " + f.findings());
                otherDialect++;
                continue;
            }
            if (f.analyzed() == null) {
                notAnalysed++;
                continue;
            }
            for (ParsedStatement st : f.analyzed().parsed().statements()) {
                statements++;
                if (st.parsedByJsql()) {
                    byJsql++;
                }
                for (ParsedOperation po : st.operations()) {
                    if (po.operation() instanceof Operation.Unknown u) {
                        unknown++;
                        unknownByProject.merge(f.path().split("/")[0], 1, Integer::sum);
                        unknownShapes.merge(u.statementType(), 1, Integer::sum);
                    }
                }
            }
        }
        Map<String, Integer> kinds = new TreeMap<>();
        result.files().stream().filter(f -> f.analyzed() != null)
                .flatMap(f -> f.analyzed().operations().stream())
                .forEach(o -> kinds.merge(OperationCatalog.get().kindName(o.operation().operation()), 1, Integer::sum));
        Map<String, Integer> byRule = new TreeMap<>();
        result.findings().forEach(x -> byRule.merge(x.ruleId(), 1, Integer::sum));

        System.out.printf("corpus: %d files, %d statements (%d via JSqlParser), %d unknown (%.2f%%), %d files not analysed, %d in dialects without rules, %d ms%n",
                result.files().size(), statements, byJsql, unknown, 100.0 * unknown / Math.max(1, statements), notAnalysed,
                otherDialect, millis);
        System.out.println("unknown by project: " + unknownByProject);
        System.out.println("unknown shapes: " + unknownShapes);
        System.out.println("operation kinds: " + kinds);
        System.out.println("findings by rule: " + byRule);

        assertEquals(collected.files().size(), result.files().size());
        assertEquals(0, notAnalysed, "every readable corpus file must be analysed");
        assertTrue(otherDialect >= 40, "the corpus's ClickHouse migrations are recognised: " + otherDialect);
        assertTrue(statements > 14_000, "expected a real corpus, got " + statements + " statements");
        // The clickhouse files of two projects are not SQL we claim to understand; everything else mostly is.
        assertTrue(unknown < statements / 50, "too many unknown statements: " + unknown + " of " + statements);
    }
}
