package dev.migralint.fix;

import dev.migralint.analysis.AnalysisSettings;
import dev.migralint.analysis.AnalyzedFile;
import dev.migralint.analysis.FileAnalyzer;
import dev.migralint.rules.Finding;
import dev.migralint.rules.Linter;
import dev.migralint.rules.Rule;
import dev.migralint.sql.Dialect;
import dev.migralint.sql.SourceFile;
import dev.migralint.sql.SqlFrontEnd;
import dev.migralint.workspace.Framework;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Parses, analyses and lints one text on its own (no history context): how the fixer sees a file before and after. */
public final class Relinter {
    private final Linter linter;
    private final AnalysisSettings settings;
    private final SqlFrontEnd frontEnd = new SqlFrontEnd();

    /** A file's analysis and findings. */
    public record Snapshot(String text, AnalyzedFile analyzed, List<Finding> findings) {}

    public Relinter(Linter linter, AnalysisSettings settings) {
        this.linter = linter;
        this.settings = settings;
    }

    public Linter linter() {
        return linter;
    }

    /** How often each rule reports (once per file, per statement, or each operation), for the verifier. */
    public Map<String, Rule.Report> reportModes() {
        Map<String, Rule.Report> m = new HashMap<>();
        for (Rule r : linter.rules().all()) {
            m.put(r.id(), r.report());
        }
        return m;
    }

    public AnalysisSettings settings() {
        return settings;
    }

    public Snapshot lint(Path path, String displayPath, String text, Dialect dialect, Framework framework) {
        Framework fw = framework == null ? settings.framework() : framework;
        AnalysisSettings s = settings.withDialect(dialect).withFramework(fw);
        var parsed = frontEnd.parse(SourceFile.of(path, displayPath, text), dialect, fw.descriptor().statementBoundaries());
        AnalyzedFile analyzed = new FileAnalyzer(s).analyze(parsed, fw);
        return new Snapshot(text, analyzed, linter.lint(analyzed));
    }
}
