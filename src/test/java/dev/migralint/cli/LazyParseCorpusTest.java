package dev.migralint.cli;

import dev.migralint.Corpus;
import dev.migralint.config.Config;
import dev.migralint.engine.LintRun;
import dev.migralint.rules.FileResult;
import dev.migralint.rules.Finding;
import dev.migralint.rules.Linter;
import dev.migralint.rules.RuleSet;
import dev.migralint.rules.RunResult;
import dev.migralint.sql.AstDemand;
import dev.migralint.sql.ParsedStatement;
import dev.migralint.workspace.FileCollector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Lazy parsing must not change a single finding: the whole corpus is linted with JSqlParser on every statement it is
 * used for (the reference) and with the parses the enabled rules can see only, and the findings must be equal.
 */
class LazyParseCorpusTest {

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void lazyParsingGivesTheSameFindingsAsEagerParsing() throws Exception {
        Path corpus = Corpus.dir();
        Config config = Config.defaults(corpus);
        Linter linter = new Linter(RuleSet.bundled(), config.rules());
        FileCollector.Collected collected = new FileCollector(corpus, List.of(), List.of()).collect(List.of("."), corpus);

        RunResult eager = new LintRun(config, linter, AstDemand.ALWAYS).run(collected.files(), collected.refused(), List.of());
        RunResult lazy = new LintRun(config, linter).run(collected.files(), collected.refused(), List.of());

        assertEquals(eager.files().size(), lazy.files().size());
        int parsedEager = 0;
        int parsedLazy = 0;
        List<String> differences = new ArrayList<>();
        for (int i = 0; i < eager.files().size(); i++) {
            FileResult e = eager.files().get(i);
            FileResult l = lazy.files().get(i);
            assertEquals(e.path(), l.path());
            assertEquals(e.statementCount(), l.statementCount(), e.path());
            if (!render(e.findings()).equals(render(l.findings()))) {
                differences.add(e.path() + "\n  eager: " + render(e.findings()) + "\n  lazy:  " + render(l.findings()));
            }
            parsedEager += parsed(e);
            parsedLazy += parsed(l);
        }
        System.out.printf("lazy parsing: %d of %d JSqlParser parses skipped%n", parsedEager - parsedLazy, parsedEager);
        assertTrue(differences.isEmpty(), differences.size() + " files differ:\n"
                + String.join("\n", differences.subList(0, Math.min(10, differences.size()))));
        assertTrue(parsedLazy < parsedEager / 2, "lazy parsing should skip most parses: " + parsedLazy + " of " + parsedEager);
    }

    private static int parsed(FileResult f) {
        int n = 0;
        if (f.analyzed() != null) {
            for (ParsedStatement st : f.analyzed().parsed().statements()) {
                if (st.parsedByJsql() || st.parseError() != null) {
                    n++;
                }
            }
        }
        return n;
    }

    private static List<String> render(List<Finding> findings) {
        List<String> out = new ArrayList<>();
        for (Finding f : findings) {
            out.add(f.toString());
        }
        return out;
    }
}
