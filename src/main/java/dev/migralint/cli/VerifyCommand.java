package dev.migralint.cli;

import dev.migralint.engine.FileSelection;
import dev.migralint.engine.RunnerSetup;
import dev.migralint.engine.UsageException;
import dev.migralint.engine.LintRun;

import dev.migralint.analysis.AnalysisSettings;
import dev.migralint.config.Config;
import dev.migralint.config.Printable;
import dev.migralint.config.Severity;
import dev.migralint.rules.FileResult;
import dev.migralint.rules.Finding;
import dev.migralint.rules.Linter;
import dev.migralint.rules.RunResult;
import dev.migralint.sql.Dialect;
import dev.migralint.verify.Endpoint;
import dev.migralint.verify.PostgresBinaries;
import dev.migralint.verify.ThrowawayServer;
import dev.migralint.verify.Targets;
import dev.migralint.verify.VerifyException;
import dev.migralint.verify.VerifyFinding;
import dev.migralint.verify.VerifyPlan;
import dev.migralint.verify.VerifyReport;
import dev.migralint.verify.VerifyResult;
import dev.migralint.verify.Verifier;
import dev.migralint.workspace.Candidate;
import dev.migralint.workspace.FileCollector;
import dev.migralint.workspace.Framework;
import dev.migralint.workspace.LoadedSource;
import dev.migralint.workspace.MigrationOrder;
import dev.migralint.workspace.ProjectLayout;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

/** {@code migralint verify}: run the change on a real, throwaway PostgreSQL (see docs/verify.md). */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Apply the change on a throwaway PostgreSQL (after the migrations before it) and report the locks"
                + " each statement took, rewrites, server errors and whether its down migration restores the schema.")
public final class VerifyCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    GitOptions git = new GitOptions();

    @Mixin
    ConfigOptions configOptions = new ConfigOptions();

    @Parameters(paramLabel = "PATHS", arity = "0..*", description = "The changed migrations (files, directories or globs);"
            + " every migration before them in their history is the base history.")
    List<String> paths = new ArrayList<>();

    @Option(names = "--database-url", paramLabel = "URL", description = "Use this empty scratch database"
            + " (postgres://user:password@host:port/db) instead of a throwaway server.")
    String databaseUrl;

    @Option(names = "--allow-nonempty", description = "With --database-url: replay into a database that already holds tables.")
    boolean allowNonempty;

    @Option(names = "--rows", paramLabel = "N", description = "Fill each table the change touches with N generated rows first.")
    int rows;

    @Option(names = "--timeout", paramLabel = "SECONDS", description = "statement_timeout and lock_timeout for every statement (default 60).")
    int timeout = 60;

    @Option(names = "--format", paramLabel = "FORMAT", description = "text (default), json, sarif or github.")
    String format = "text";

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!List.of("text", "json", "sarif", "github").contains(format)) {
            throw new UsageException("--format must be text, json, sarif or github, not '" + Printable.of(format) + "'");
        }
        if (rows < 0 || timeout < 1) {
            throw new UsageException("--rows must be 0 or more and --timeout at least 1");
        }
        if (allowNonempty && databaseUrl == null) {
            throw new UsageException("--allow-nonempty needs --database-url");
        }
        Config config = configOptions.effectiveConfig();
        Path cwd = Setup.cwd();
        List<String> change = changedPaths(config, cwd);
        if (change.isEmpty()) {
            err.println("migralint verify: no changed migration to verify");
            return ExitCodes.CLEAN;
        }
        ProjectLayout layout = RunnerSetup.layout(config);
        List<Candidate> all = history(config, cwd, change, layout);
        AnalysisSettings settings = new AnalysisSettings(Dialect.POSTGRESQL, config.postgresVersion(), config.transaction(),
                Framework.PLAIN);
        VerifyPlan plan = VerifyPlan.build(all, new LinkedHashSet<>(change), layout, settings, config.maxFileBytes());
        List<Finding> lint = lint(config, all, new LinkedHashSet<>(change));
        VerifyResult result;
        try {
            result = verify(plan, config, err);
        } catch (VerifyException e) {
            err.println("migralint verify: " + Printable.of(e.getMessage()));
            return ExitCodes.USAGE;
        }
        try {
            new VerifyReport(result, lint, plan.notes()).write(format, out, System.getenv());
        } catch (IOException e) {
            err.println("migralint verify: cannot write the report: " + Printable.of(e.getMessage()));
            return ExitCodes.USAGE;
        }
        for (VerifyFinding f : result.findings()) {
            Severity s = Severity.parse(f.severity()).orElse(Severity.NOTICE);
            if (atLeast(s, config.failOn())) {
                return ExitCodes.FINDINGS;
            }
        }
        return ExitCodes.CLEAN;
    }

    private static boolean atLeast(Severity s, Severity failOn) {
        return rank(s) >= rank(failOn);
    }

    private static int rank(Severity s) {
        return switch (s.name()) {
            case "ERROR" -> 3;
            case "WARNING" -> 2;
            default -> 1;
        };
    }

    private VerifyResult verify(VerifyPlan plan, Config config, PrintWriter err) throws VerifyException {
        Verifier.Options options = new Verifier.Options(timeout, rows);
        if (databaseUrl != null) {
            Endpoint endpoint = Endpoint.parse(databaseUrl);
            return new Verifier(Targets.url(endpoint, allowNonempty), options).run(plan, 0);
        }
        boolean exact = configOptions.postgresVersion != null;
        PostgresBinaries.Found bin = PostgresBinaries.find(config.postgresVersion(), exact,
                PostgresBinaries.cacheDirectory(System.getenv()));
        long t0 = System.nanoTime();
        try (ThrowawayServer server = ThrowawayServer.start(bin)) {
            long startMs = (System.nanoTime() - t0) / 1_000_000;
            err.println("migralint verify: PostgreSQL " + bin.major() + " (" + bin.origin() + ") running in "
                    + server.directory() + " on port " + server.port());
            err.flush();
            return new Verifier(Targets.server(server), options).run(plan, startMs);
        }
    }

    /** The display paths of the changed migrations: the PATHS, or what git says changed. */
    private List<String> changedPaths(Config config, Path cwd) {
        List<String> out = new ArrayList<>();
        if (git.active()) {
            FileSelection selection = FileSelection.select(config, paths, git.request(), cwd, System.getenv());
            selection.files().forEach(c -> out.add(c.displayPath()));
            selection.preloaded().forEach(l -> out.add(l.displayPath()));
            return out;
        }
        if (paths.isEmpty()) {
            throw new UsageException("give the changed migrations as PATHS, or use --changed or --staged");
        }
        FileCollector collector = new FileCollector(config.root(), config.include(), config.exclude());
        FileCollector.Collected c = collector.collect(paths, cwd);
        if (!c.missing().isEmpty()) {
            throw new UsageException("no such file or directory: " + String.join(", ", c.missing()));
        }
        c.files().forEach(f -> out.add(f.displayPath()));
        return out;
    }

    /** Every migration of the histories the change belongs to, in migration order. */
    private static List<Candidate> history(Config config, Path cwd, List<String> change, ProjectLayout layout) {
        FileCollector collector = new FileCollector(config.root(), config.include(), config.exclude());
        Set<String> dirs = new LinkedHashSet<>();
        for (String p : change) {
            Path file = collector.root().resolve(p).normalize();
            String text = "";
            try {
                text = Files.readString(file);
            } catch (IOException | RuntimeException e) {
                // detection by path alone then
            }
            String dir = VerifyPlan.historyKey(p, layout.framework(file, p, text));
            dirs.add(collector.root().resolve(dir).normalize().toString());
        }
        Map<String, Candidate> found = new LinkedHashMap<>();
        for (Candidate c : collector.collect(new ArrayList<>(dirs), cwd).files()) {
            found.put(c.displayPath(), c);
        }
        List<Candidate> out = new ArrayList<>(found.values());
        out.sort((a, b) -> MigrationOrder.INSTANCE.compare(a.displayPath(), b.displayPath()));
        return out;
    }

    /** The lint findings of the changed migrations, to mark those the server verified. */
    private static List<Finding> lint(Config config, List<Candidate> all, Set<String> change) {
        try {
            Linter linter = new Linter(Setup.rules(config), config.rules());
            RunResult r = new LintRun(config, linter).run(all, List.<LoadedSource>of(), List.<LoadedSource>of());
            List<Finding> out = new ArrayList<>();
            for (FileResult f : r.files()) {
                for (Finding x : f.findings()) {
                    if (change.contains(x.path()) && !x.suppressed()) {
                        out.add(x);
                    }
                }
            }
            return out;
        } catch (RuntimeException e) {
            return List.of();
        }
    }
}
