package dev.migralint.rules;

import dev.migralint.analysis.AnalysisSettings;
import dev.migralint.analysis.AnalyzedFile;
import dev.migralint.analysis.FileAnalyzer;
import dev.migralint.config.RuleOverrides;
import dev.migralint.config.TransactionMode;
import dev.migralint.sql.Dialect;
import dev.migralint.sql.ParsedFile;
import dev.migralint.sql.SourceFile;
import dev.migralint.sql.SqlFrontEnd;
import dev.migralint.workspace.Framework;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Lints a snippet of SQL in one call, with per-snippet context overrides: what rule examples and tests need. */
public final class TextLinter {
    private final Linter linter;
    private final SqlFrontEnd frontEnd = new SqlFrontEnd();

    public TextLinter(RuleSet rules) {
        this.linter = new Linter(rules, RuleOverrides.none());
    }

    public TextLinter(RuleSet rules, RuleOverrides overrides) {
        this.linter = new Linter(rules, overrides);
    }

    public record Result(AnalyzedFile file, List<Finding> findings) {}

    /** Context keys: dialect, postgres-version, framework, transaction, path. */
    public Result lint(String sql, Map<String, Object> context) {
        AnalysisSettings settings = settingsFor(context);
        String path = context.containsKey("path") ? String.valueOf(context.get("path")) : "example.sql";
        ParsedFile parsed = frontEnd.parse(SourceFile.ofText(path, sql), settings.dialect());
        AnalyzedFile analyzed = new FileAnalyzer(settings).analyze(parsed, settings.framework());
        return new Result(analyzed, linter.lint(analyzed));
    }

    public static AnalysisSettings settingsFor(Map<String, Object> context) {
        AnalysisSettings s = AnalysisSettings.defaults();
        Object d = context.get("dialect");
        if (d != null) {
            s = s.withDialect(Dialect.parse(d.toString()).orElse(Dialect.POSTGRESQL));
        }
        Object v = context.get("postgres-version");
        if (v instanceof Number n) {
            s = s.withPostgresVersion(n.intValue());
        }
        Object f = context.get("framework");
        if (f != null && Framework.fromId(f.toString()) != null) {
            s = s.withFramework(Framework.fromId(f.toString()));
        }
        Object t = context.get("transaction");
        if (t != null) {
            s = s.withTransaction(TransactionMode.valueOf(t.toString().toUpperCase(Locale.ROOT)));
        }
        return s;
    }
}
