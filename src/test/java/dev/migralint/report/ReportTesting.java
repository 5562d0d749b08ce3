package dev.migralint.report;

import dev.migralint.docs.RuleReference;
import dev.migralint.cli.FixCommand;
import dev.migralint.config.Config;
import dev.migralint.engine.LintRun;
import dev.migralint.rules.Finding;
import dev.migralint.rules.Linter;
import dev.migralint.rules.RuleLoadException;
import dev.migralint.rules.RuleSet;
import dev.migralint.rules.RunResult;
import dev.migralint.sql.Span;
import dev.migralint.workspace.FileCollector;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Lints real files through the pipeline and renders reports, for the report tests. */
final class ReportTesting {
    private ReportTesting() {
    }

    private static RuleSet rules;

    static synchronized RuleSet rules() {
        if (rules == null) {
            try {
                rules = RuleSet.bundled();
            } catch (RuleLoadException e) {
                throw new IllegalStateException(e.describe(), e);
            }
        }
        return rules;
    }

    /** Lints the paths (relative to root) with the default configuration rooted at root. */
    static RunResult lint(Path root, String... paths) {
        Config config = Config.defaults(root);
        Linter linter = new Linter(rules(), config.rules());
        FileCollector collector = new FileCollector(root, config.include(), config.exclude());
        FileCollector.Collected collected = collector.collect(List.of(paths), root);
        if (!collected.missing().isEmpty()) {
            throw new IllegalArgumentException("missing: " + collected.missing());
        }
        return new LintRun(config, linter).run(collected.files(), collected.refused(), List.of());
    }

    /** The options the check command gives reporters, with a fixed environment. */
    static Reporters.Options options(Path root, Map<String, String> env) {
        Config config = Config.defaults(root);
        return new Reporters.Options(false, false, "1.2.3")
                .withRules(rules().enabled(config.rules()))
                .withRoot(root)
                .withRuleMarkdown(RuleReference::markdown)
                .withEnv(env);
    }

    /** The fix stage's suggestions, as the check command wires them. */
    static FixSource realFixes(Path root) {
        Config config = Config.defaults(root);
        return FixCommand.fixSource(config, new Linter(rules(), config.rules()));
    }

    static String render(Reporter reporter, RunResult result) {
        StringWriter out = new StringWriter();
        PrintWriter w = new PrintWriter(out);
        reporter.write(result, w);
        w.flush();
        return out.toString();
    }

    static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A stand-in for the fix stage: for findings whose rule names add-concurrently on a CREATE/DROP INDEX, inserts
     * CONCURRENTLY after INDEX, in the statement's letter case.
     */
    static final FixSource FAKE_FIXES = file -> finding -> {
        if (finding.fix() == null || !finding.fix().name().equals("add-concurrently")) {
            return List.of();
        }
        String text = file.loaded().source().text();
        Span st = finding.statementSpan();
        String statement = st.of(text);
        int at = statement.toUpperCase(Locale.ROOT).indexOf("INDEX");
        if (at < 0) {
            return List.of();
        }
        int offset = st.start() + at + "INDEX".length();
        String keyword = Character.isUpperCase(statement.charAt(at)) ? " CONCURRENTLY" : " concurrently";
        List<SuggestedFix.Edit> edits = new ArrayList<>();
        edits.add(new SuggestedFix.Edit(new Span(offset, offset), keyword));
        return List.of(new SuggestedFix("add CONCURRENTLY", true, edits));
    };

    static List<Finding> unsuppressed(RunResult result) {
        return result.findings().stream().filter(f -> !f.suppressed()).toList();
    }
}
