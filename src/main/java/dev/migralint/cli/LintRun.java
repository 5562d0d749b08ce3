package dev.migralint.cli;

import dev.migralint.analysis.AnalysisSettings;
import dev.migralint.analysis.AnalyzedFile;
import dev.migralint.analysis.FileAnalyzer;
import dev.migralint.config.Config;
import dev.migralint.rules.FileResult;
import dev.migralint.rules.Finding;
import dev.migralint.rules.Linter;
import dev.migralint.rules.RunResult;
import dev.migralint.sql.Dialect;
import dev.migralint.sql.ParsedFile;
import dev.migralint.sql.SqlFrontEnd;
import dev.migralint.workspace.Candidate;
import dev.migralint.workspace.Framework;
import dev.migralint.workspace.LoadedSource;
import dev.migralint.workspace.ProjectLayout;
import dev.migralint.workspace.SourceLoader;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;

/**
 * One lint run over a list of files: read and parse in parallel (the expensive part), then analyse and lint in
 * migration order, so that each history's schema is followed from one migration to the next.
 */
public final class LintRun {
    private final Config config;
    private final Linter linter;
    private final ProjectLayout layout;
    private final SqlFrontEnd frontEnd = new SqlFrontEnd();

    public LintRun(Config config, Linter linter) {
        this.config = config;
        this.linter = linter;
        Dialect forced = config.dialect() == null ? null : Dialect.parse(config.dialect()).orElse(null);
        Framework framework = config.framework() == null ? null : Framework.fromId(config.framework());
        this.layout = new ProjectLayout(framework, forced);
    }

    /** A loaded and parsed file, before analysis. */
    private record Parsed(Candidate candidate, LoadedSource loaded, ParsedFile parsed, Framework framework) {}

    public RunResult run(List<Candidate> files, List<LoadedSource> refused, List<LoadedSource> preloaded) {
        long start = System.nanoTime();
        SourceLoader loader = new SourceLoader(config.maxFileBytes());
        List<Parsed> parsed = parseAll(files, preloaded, loader);
        Map<String, FileAnalyzer> analyzers = new HashMap<>();
        List<FileResult> results = new ArrayList<>();
        for (LoadedSource r : refused) {
            results.add(new FileResult(r, null, linter.lintProblem(r)));
        }
        for (Parsed p : parsed) {
            if (p.parsed() == null) {
                results.add(new FileResult(p.loaded(), null, linter.lintProblem(p.loaded())));
                continue;
            }
            FileAnalyzer analyzer = analyzers.computeIfAbsent(historyKey(p), k -> new FileAnalyzer(settings()));
            AnalyzedFile analyzed = analyzer.analyze(p.parsed(), p.framework());
            List<Finding> findings = linter.lint(analyzed);
            results.add(new FileResult(p.loaded(), analyzed, findings));
        }
        long elapsed = (System.nanoTime() - start) / 1_000_000;
        return new RunResult(results, config.failOn(), elapsed);
    }

    private AnalysisSettings settings() {
        return new AnalysisSettings(Dialect.POSTGRESQL, config.postgresVersion(), config.transaction(), Framework.PLAIN);
    }

    /** Migrations of one history share a directory (Prisma: the migrations directory above each migration). */
    private static String historyKey(Parsed p) {
        String path = p.loaded().displayPath();
        int slash = path.lastIndexOf('/');
        String dir = slash < 0 ? "" : path.substring(0, slash);
        if (p.framework() == Framework.PRISMA || p.framework() == Framework.DIESEL) {
            int up = dir.lastIndexOf('/');
            dir = up < 0 ? "" : dir.substring(0, up);
        }
        return p.parsed().dialect() + ":" + dir;
    }

    private List<Parsed> parseAll(List<Candidate> files, List<LoadedSource> preloaded, SourceLoader loader) {
        List<Parsed> out = new ArrayList<>(files.size() + preloaded.size());
        if (files.size() + preloaded.size() <= 2) {
            for (Candidate c : files) {
                out.add(parseOne(c, loader.load(c.path(), c.displayPath())));
            }
            for (LoadedSource l : preloaded) {
                out.add(parseOne(new Candidate(l.source() == null ? null : l.source().path(), l.displayPath()), l));
            }
            return out;
        }
        List<Future<Parsed>> futures = new ArrayList<>();
        ForkJoinPool pool = ForkJoinPool.commonPool();
        for (Candidate c : files) {
            futures.add(pool.submit(() -> parseOne(c, loader.load(c.path(), c.displayPath()))));
        }
        for (LoadedSource l : preloaded) {
            futures.add(pool.submit(() -> parseOne(new Candidate(l.source() == null ? null : l.source().path(),
                    l.displayPath()), l)));
        }
        for (Future<Parsed> f : futures) {
            try {
                out.add(f.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            } catch (ExecutionException e) {
                throw new IllegalStateException(e.getCause());
            }
        }
        return out;
    }

    private Parsed parseOne(Candidate c, LoadedSource loaded) {
        if (!loaded.ok()) {
            return new Parsed(c, loaded, null, null);
        }
        try {
            Path path = c.path();
            String text = loaded.source().text();
            Dialect dialect = layout.dialect(path, c.displayPath(), text);
            Framework framework = layout.framework(path, c.displayPath(), text);
            return new Parsed(c, loaded, frontEnd.parse(loaded.source(), dialect), framework);
        } catch (StackOverflowError | RuntimeException e) {
            // A front-end bug must cost one file, never the run.
            LoadedSource failed = new LoadedSource(loaded.displayPath(), null, "too-complex",
                    "migralint could not analyse this file (" + e.getClass().getSimpleName()
                            + (e.getMessage() == null ? "" : ": " + e.getMessage()) + "); please report it", 0, loaded.hadBom());
            return new Parsed(c, failed, null, null);
        }
    }
}
