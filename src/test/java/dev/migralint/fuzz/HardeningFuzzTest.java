package dev.migralint.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.migralint.config.Config;
import dev.migralint.config.Printable;
import dev.migralint.engine.LintRun;
import dev.migralint.report.Reporter;
import dev.migralint.report.Reporters;
import dev.migralint.rules.Finding;
import dev.migralint.rules.Linter;
import dev.migralint.rules.RuleLoadException;
import dev.migralint.rules.RuleSet;
import dev.migralint.rules.RunResult;
import dev.migralint.rules.TextLinter;
import dev.migralint.workspace.FileCollector;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 19: fuzz tests of the analysis of SQL inside DO bodies, EXECUTE literals and WITH queries (never throws, spans
 * stay in the text), and of the text and GitHub reporters (whatever the SQL and the file name, no raw control
 * character and no workflow command but migralint's own). Seeds replay in {@code mvn test}; bench/fuzz.sh fuzzes.
 */
class HardeningFuzzTest {
    private static RuleSet rules;

    private static synchronized RuleSet rules() {
        if (rules == null) {
            try {
                rules = RuleSet.bundled();
            } catch (RuleLoadException e) {
                throw new IllegalStateException(e.describe(), e);
            }
        }
        return rules;
    }

    @FuzzTest(maxDuration = "10m")
    void doBody(FuzzedDataProvider data) {
        String wrapper = data.pickValue(new String[] {"DO $$ BEGIN %s END $$;", "DO $x$ DECLARE v int; BEGIN %s END $x$;",
                "DO '%s';", "WITH d AS (%s) SELECT 1;", "CREATE FUNCTION f() RETURNS void LANGUAGE plpgsql AS $$ BEGIN %s END $$; SELECT f();",
                "CREATE PROCEDURE p() LANGUAGE sql AS $$%s$$; CALL p();", "DO $$ BEGIN EXECUTE '%s'; END $$;"});
        String body = data.consumeRemainingAsString();
        String text = wrapper.replace("%s", body);
        List<Finding> findings = new TextLinter(rules()).lint(text, Map.of()).findings();
        for (Finding f : findings) {
            assertTrue(f.span().start() >= 0 && f.span().end() <= text.length() && f.span().start() <= f.span().end(),
                    "finding span out of the text: " + f);
            assertTrue(f.line() >= 1 && f.column() >= 1, "finding position: " + f);
        }
    }

    @FuzzTest(maxDuration = "10m")
    void reporters(FuzzedDataProvider data) throws IOException {
        String name = data.consumeString(40);
        String sql = data.consumeRemainingAsString();
        Path root = Files.createTempDirectory("migralint-fuzz");
        try {
            Path file;
            try {
                file = root.resolve("m" + name.replace('/', '_').replace('\0', '_') + ".sql");
                Files.writeString(file, sql);
            } catch (InvalidPathException | IOException e) {
                file = root.resolve("m.sql");
                Files.writeString(file, sql);
            }
            Config config = Config.defaults(root);
            Linter linter = new Linter(rules(), config.rules());
            FileCollector.Collected collected = new FileCollector(root, config.include(), config.exclude())
                    .collect(List.of(file.toString()), root);
            RunResult result = new LintRun(config, linter).run(collected.files(), collected.refused(), List.of());
            Reporters.Options options = new Reporters.Options(false, true, "0.0.0")
                    .withRules(rules().enabled(config.rules())).withRoot(root).withEnv(Map.of());
            for (String format : List.of("text", "github")) {
                Reporter reporter = Reporters.create(format, options).orElseThrow();
                StringWriter out = new StringWriter();
                PrintWriter w = new PrintWriter(out);
                reporter.write(result, w);
                w.flush();
                String printed = out.toString();
                for (int i = 0; i < printed.length(); i++) {
                    char c = printed.charAt(i);
                    assertTrue(c == '\n' || !Printable.unsafe(c), format + ": raw U+" + Integer.toHexString(c));
                }
                for (String line : printed.split("\n")) {
                    assertTrue(!line.startsWith("::") || line.matches("::(error|warning|notice) (file=|title=migralint).*"),
                            format + ": foreign workflow command: " + line);
                }
            }
        } finally {
            try (var walk = Files.walk(root)) {
                for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }
}
