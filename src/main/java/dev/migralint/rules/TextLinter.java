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
import dev.migralint.sql.op.Fact;
import dev.migralint.sql.op.Operation;
import dev.migralint.workspace.Framework;
import dev.migralint.workspace.LoadedSource;
import dev.migralint.workspace.ProjectLayout;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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

    /**
     * Context keys: dialect, postgres-version, framework, transaction, path, before (the SQL of an earlier migration of the
     * history, analysed first and not linted), and history: a map of
     * {@code migration-history} facts (e.g. {@code {change: modified, existed-on-base: true}}) describing the file's
     * history as check --changed would compute it; facts not given take their empty value (false, null, 0, []).
     */
    public Result lint(String sql, Map<String, Object> context) {
        AnalysisSettings settings = settingsFor(context);
        String path = context.containsKey("path") ? String.valueOf(context.get("path")) : "example.sql";
        if (!context.containsKey("dialect") && context.containsKey("path")) {
            settings = settings.withDialect(ProjectLayout.dialectFromPath(path));
        }
        if (!settings.dialect().linted()) {
            // As a run does: one notice for the file, nothing linted as another dialect.
            ParsedFile asPostgres = frontEnd.parse(SourceFile.ofText(path, sql), Dialect.POSTGRESQL);
            AnalyzedFile none = new AnalyzedFile(asPostgres, settings.framework(), List.of(), "not analysed");
            return new Result(none, linter.lintProblem(new LoadedSource(path, null,
                    "unsupported-dialect", "it is written for " + settings.dialect().displayName()
                    + ", for which migralint has no rules", 0, false)));
        }
        ParsedFile parsed = frontEnd.parse(SourceFile.ofText(path, sql), settings.dialect(),
                settings.framework().descriptor().statementBoundaries());
        FileAnalyzer analyzer = new FileAnalyzer(settings);
        Object before = context.get("before");
        if (before != null) {
            // The history the file continues: analysed first, as a run analyses the migrations before a file; not linted.
            analyzer.analyze(frontEnd.parse(SourceFile.ofText("before.sql", String.valueOf(before)), settings.dialect()),
                    settings.framework());
        }
        AnalyzedFile analyzed = analyzer.analyze(parsed, settings.framework());
        Object history = context.get("history");
        Linter.FileHistory fileHistory = history instanceof Map<?, ?> m
                ? new Linter.FileHistory(historyOperation(m), null) : null;
        List<Finding> findings = linter.lint(analyzed);
        if (!settings.framework().problems().isEmpty()) {
            findings = new ArrayList<>(findings);
            findings.addAll(linter.lintRunnerConfig(path, settings.framework()));
        }
        if (fileHistory != null) {
            findings = new ArrayList<>(findings);
            findings.addAll(linter.lintHistory(fileHistory, parsed.source(), () -> parsed, path, parsed.dialect(),
                    analyzed.framework() == null ? null : analyzed.framework().id()));
        }
        return new Result(analyzed, findings);
    }

    /** Builds a migration-history operation from fact names and values, by its record components. */
    static Operation.MigrationHistory historyOperation(Map<?, ?> facts) {
        RecordComponent[] components = Operation.MigrationHistory.class.getRecordComponents();
        Object[] args = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            RecordComponent rc = components[i];
            types[i] = rc.getType();
            Object v = facts.get(factName(rc));
            if (rc.getType() == boolean.class) {
                args[i] = v != null && Boolean.parseBoolean(v.toString());
            } else if (rc.getType() == int.class) {
                args[i] = v instanceof Number n ? n.intValue() : v == null ? 0 : Integer.parseInt(v.toString());
            } else if (rc.getType() == List.class) {
                args[i] = v instanceof List<?> l ? l.stream().map(String::valueOf).toList()
                        : v == null ? List.of() : List.of(v.toString());
            } else {
                args[i] = v == null ? null : v.toString();
            }
        }
        try {
            return Operation.MigrationHistory.class.getDeclaredConstructor(types).newInstance(args);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The fact name of a record component, as {@code OperationCatalog} derives it. */
    private static String factName(RecordComponent rc) {
        Fact f = rc.getAnnotation(Fact.class);
        return f != null && !f.name().isEmpty() ? f.name() : rc.getName().replaceAll("([A-Z])", "-$1").toLowerCase(Locale.ROOT);
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
        Object rv = context.get("runner-version");
        if (rv != null) {
            s = s.withFramework(s.framework().withVersion(String.valueOf(rv), "example"));
        }
        Object problem = context.get("runner-config-problem");
        if (problem != null) {
            s = s.withFramework(s.framework().withSide(null, null, List.of(String.valueOf(problem))));
        }
        Object setting = context.get("runner-setting");
        if (setting != null) {
            // A side-file setting of the runner as if flyway.conf set it ("mixed", "session-lock"); several with commas.
            Map<String, String> found = new LinkedHashMap<>();
            for (String name : String.valueOf(setting).split(",")) {
                found.put(name.strip(), "example");
            }
            s = s.withFramework(s.framework().withSettings(found));
        }
        Object t = context.get("transaction");
        if (t != null) {
            s = s.withTransaction(TransactionMode.valueOf(t.toString().toUpperCase(Locale.ROOT)));
        }
        return s;
    }
}
