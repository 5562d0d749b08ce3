package dev.migralint.cli;

import dev.migralint.analysis.TableSizeFacts;
import dev.migralint.cache.ResultCache;
import dev.migralint.cache.RunManifest;
import dev.migralint.config.Config;
import dev.migralint.config.Printable;
import dev.migralint.config.Version;
import dev.migralint.docs.RuleReference;
import dev.migralint.engine.CachedCheck;
import dev.migralint.engine.FileSelection;
import dev.migralint.engine.LintRun;
import dev.migralint.engine.Phases;
import dev.migralint.engine.UsageException;
import dev.migralint.report.FileByFileReporter;
import dev.migralint.report.GitHubReporter;
import dev.migralint.report.Reporter;
import dev.migralint.report.Reporters;
import dev.migralint.plan.RunbookBuilder;
import dev.migralint.plan.RunbookWriter;
import dev.migralint.report.RunTotals;
import dev.migralint.report.Style;
import dev.migralint.report.TextReporter;
import dev.migralint.rules.Linter;
import dev.migralint.rules.RuleLoadException;
import dev.migralint.rules.RuleSet;
import dev.migralint.rules.RunResult;
import dev.migralint.stats.DatabaseUrl;
import dev.migralint.stats.SnapshotSource;
import dev.migralint.stats.StatsException;
import dev.migralint.workspace.Runners;
import dev.migralint.workspace.UserCacheDirectory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** {@code migralint check}: lint migration files and print a verdict. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Lint migration files. With no PATHS, lints the migrations found in the repository.")
public final class CheckCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    /** Where the run prints when it was started without picocli ({@link CheckArguments}); else picocli's writers. */
    PrintWriter directOut;
    PrintWriter directErr;

    @Mixin
    GitOptions git = new GitOptions();

    @Parameters(paramLabel = "PATHS", arity = "0..*", description = "Files, directories or globs to lint.")
    List<String> paths = new ArrayList<>();

    @Option(names = "--format", paramLabel = "FORMAT", description = "text (default), json, sarif, github, gitlab, rdjson or markdown.")
    String format = "text";

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the report to FILE instead of stdout.")
    Path output;

    @Option(names = "--sarif", paramLabel = "FILE", description = "Also write a SARIF 2.1.0 report to FILE (for code scanning), whatever --format says.")
    Path sarifFile;

    @Mixin
    ConfigOptions configOptions = new ConfigOptions();

    @Option(names = "--color", paramLabel = "WHEN", description = "auto (default), always or never.")
    String color = "auto";

    @Option(names = "--fix", description = "Apply the safe fixes to the files in place first (as 'migralint fix' does), then check the result.")
    boolean fix;

    @Option(names = {"-q", "--quiet"}, description = "Print only errors and the verdict (text format).")
    boolean quiet;

    @Option(names = "--show-ignored", description = "Also print findings silenced by migralint-ignore comments or the baseline.")
    boolean showIgnored;

    @Option(names = "--no-cache", description = "Lint every file again instead of reusing the results of unchanged files from the cache (${XDG_CACHE_HOME:-~/.cache}/migralint).")
    boolean noCache;

    @Option(names = "--baseline", paramLabel = "FILE", description = "Report only findings not recorded in this baseline (default: baseline: in .migralint.yml).")
    Path baselineFile;

    @Option(names = "--write-baseline", paramLabel = "FILE", description = "Record today's findings in FILE, so that runs with --baseline FILE report only new ones.")
    Path writeBaseline;

    /** The root outside which --output and --sarif create no directories. */
    private Path reportRoot;

    @Option(names = "--database-url", paramLabel = "URL", description = "Read table statistics from this database now "
            + "(read-only, as 'migralint stats' does) instead of the snapshot file; see docs/stats.md.")
    String databaseUrl;

    @Option(names = "--update-baseline", description = "Rewrite the baseline in use (--baseline, or baseline: in the configuration) with today's findings.")
    boolean updateBaseline;

    /** How this check was answered: "whole", "files" (both from the cache) or "lint". Tests of the cache read it. */
    String answeredBy;

    private PrintWriter out() {
        return directOut != null ? directOut : spec.commandLine().getOut();
    }

    private PrintWriter err() {
        return directErr != null ? directErr : spec.commandLine().getErr();
    }

    @Override
    public Integer call() {
        Phases.mark("start");
        Config config = configOptions.effectiveConfig();
        Phases.mark("config");
        boolean findingsOnly = findingsOnlyReport(config);
        TableSizeFacts sizes = tableSizes(config);
        // Live statistics change under every run: their results are not worth keeping.
        ResultCache cache = noCache || !findingsOnly || databaseUrl != null ? null
                : LintRun.openCache(UserCacheDirectory.locate(), config);
        Phases.mark("open cache");
        if (cache == null && !git.active()) {
            preload();
        }
        // A plain check (no git comparison) keeps each file's report part; the history facts are then its own.
        boolean keepsReports = cache != null && !git.active();
        if (keepsReports && !fix && !paths.isEmpty()) {
            git.validate(); // its usage errors come first, as when the files are selected
            Integer exit = answerWholeRun(cache, config);
            if (exit != null) {
                return exit;
            }
        }
        // A git run opens the repository on another thread (see Main): load the rules meanwhile, not after.
        RuleSet early = git.active() ? Setup.rules(config) : null;
        FileSelection selection = selectFiles(config);
        Phases.mark("select");
        if (keepsReports && !fix && selection.refused().isEmpty() && selection.preloaded().isEmpty()) {
            Integer exit = answerFromCache(cache, config, selection);
            if (exit != null) {
                return exit;
            }
        }
        answeredBy = "lint";
        RuleSet rules = early != null ? early : Setup.rules(config);
        Linter linter = new Linter(rules, config.rules());
        if (fix) {
            FixCommand.fixBeforeCheck(config, linter, selection.files(), selection.preloaded(), err());
        }
        LintRun run = new LintRun(config, linter).withCache(cache).findingsOnly(findingsOnly).withTableSizes(sizes).change(selection::inChange);
        Phases.mark("rules");
        RunResult result = run.run(selection.files(), selection.refused(), selection.preloaded(), selection.context());
        Phases.mark("lint");
        result = selection.finish(result, linter, config, run::placed);
        result = Setup.baseline(result, config, baselineFile, writeBaseline, updateBaseline, err());
        Phases.mark("history findings");
        Reporters.Options options = reportOptions(config, rules).withFixes(FixCommand.fixSource(config, linter));
        if (stepSummary()) {
            options = options.withRunbook(r -> new RunbookWriter(config.lockTimeout())
                    .markdown(new RunbookBuilder(config.postgresVersion(), config.lockTimeout()).build(r)));
        }
        if (keepsReports) {
            reportAndKeep(result, options, cache, run.cacheKeys(), selection);
            cache.save();
        } else {
            report(result, options);
            Phases.mark("report");
            if (cache != null) {
                cache.save();
            }
        }
        nextSteps(RunTotals.of(result), () -> sizes == TableSizeFacts.NONE ? linter.sizeAwareRules() : Set.of());
        return result.safe() ? ExitCodes.CLEAN : ExitCodes.FINDINGS;
    }

    /**
     * Reads the bundled runner descriptors and rules on another thread while this one selects the files, for a run
     * that will lint (no cache to answer from): they are needed only after the selection. A failure is met again, and
     * reported, where this thread asks for them. (A git run loads the rules early on this thread instead.)
     */
    private static void preload() {
        Thread t = new Thread(() -> {
            try {
                Runners.bundled();
                RuleSet.bundled();
            } catch (RuleLoadException | RuntimeException e) {
                // asked again, and reported, on the main thread
            }
        }, "migralint-preload");
        t.setDaemon(true);
        t.start();
    }

    /**
     * The table statistics of this run (docs/stats.md): from --database-url, else the snapshot file when there is one.
     * A snapshot older than stats.max-age-days is noted here, once.
     */
    private TableSizeFacts tableSizes(Config config) {
        return Setup.tableSizes(config, databaseUrl, err());
    }

    /** The file-by-file reporter a cached answer prints with, or null when this run's report cannot be one. */
    private FileByFileReporter cachedReporter(Reporters.Options options) {
        return reporter(options) instanceof FileByFileReporter byFile && !byFile.endNeedsResult() ? byFile : null;
    }

    /**
     * Prints the stored answer of this very command (same directory, arguments and report form) when nothing it
     * depends on changed (see {@link RunManifest}); returns the exit code, or null when files must be selected.
     */
    private Integer answerWholeRun(ResultCache cache, Config config) {
        Reporters.Options options = new Reporters.Options(useColor(), showIgnored, Version.get()).withRoot(config.root());
        FileByFileReporter byFile = cachedReporter(options);
        if (byFile == null) {
            return null;
        }
        CachedCheck.Answer answer = CachedCheck.wholeRun(cache, config, RunManifest.id(Setup.cwd(), paths,
                reportForm(options)));
        if (answer == null) {
            return null;
        }
        RunTotals totals = answer.totals();
        answeredBy = "whole";
        print(byFile, answer.printed(), totals);
        Phases.mark("print");
        cache.save();
        Phases.mark("save");
        nextSteps(totals);
        return totals.safe() ? ExitCodes.CLEAN : ExitCodes.FINDINGS;
    }

    /**
     * Prints the report from the cache when every file is in it (see {@link CachedCheck}); returns the exit code, or
     * null when the run must lint. Keeps the answer whole too when the files are exactly the arguments.
     */
    private Integer answerFromCache(ResultCache cache, Config config, FileSelection selection) {
        Reporters.Options options = new Reporters.Options(useColor(), showIgnored, Version.get()).withRoot(config.root());
        FileByFileReporter byFile = cachedReporter(options);
        if (byFile == null) {
            return null;
        }
        String form = reportForm(options);
        CachedCheck.Answer answer = CachedCheck.answer(cache, config, selection, form, selection.isExactly(Setup.cwd(), paths));
        if (answer == null) {
            return null;
        }
        Phases.mark("answer");
        answeredBy = "files";
        print(byFile, answer.printed(), answer.totals());
        Phases.mark("print");
        if (answer.manifest() != null) {
            byte[] manifest = answer.manifest().encode();
            if (manifest != null) {
                cache.putRun(RunManifest.id(Setup.cwd(), paths, form), manifest);
            }
        }
        cache.save();
        Phases.mark("save");
        nextSteps(answer.totals());
        return answer.totals().safe() ? ExitCodes.CLEAN : ExitCodes.FINDINGS;
    }

    /** Prints stored report parts, then the verdict from the totals, as a cold run prints them. */
    private void print(FileByFileReporter byFile, List<ByteBuffer> printed, RunTotals totals) {
        emit(out -> {
            if (out instanceof ConsoleOutput console) {
                console.writeEncoded(printed);
            } else {
                Charset charset = reportCharset();
                for (ByteBuffer part : printed) {
                    out.append(charset.decode(part.duplicate()));
                }
            }
            byFile.writeEnd(null, totals, out);
        });
    }

    /** Prints the report, keeping each file's part in the cache where the format prints file by file. */
    private void reportAndKeep(RunResult result, Reporters.Options options, ResultCache cache, Map<String, byte[]> keys,
                               FileSelection selection) {
        Reporter reporter = reporter(options);
        if (!(reporter instanceof FileByFileReporter byFile)) {
            report(result, options);
            return;
        }
        emit(out -> CachedCheck.printAndKeep(byFile, result, cache, keys, selection, reportForm(options),
                reportCharset(), out));
    }

    /**
     * A text report of a commit the pre-commit hook ({@code check --staged}) blocks ends with what to do next (on
     * standard error when the report goes to a file). Machine-readable formats stay as they are.
     */
    private void nextSteps(RunTotals totals) {
        nextSteps(totals, Set::of);
    }

    /** @param sizeAwareWithoutStats rules whose severity follows table sizes, when this run had no statistics */
    private void nextSteps(RunTotals totals, Supplier<Set<String>> sizeAwareWithoutStats) {
        if (!git.staged || totals.safe() || !format.equalsIgnoreCase("text")) {
            return;
        }
        PrintWriter w = output == null ? out() : err();
        w.print(StagedNextSteps.text(totals, sizeAwareWithoutStats.get()));
        w.flush();
    }

    /** Writes the report to --output or standard output. */
    private void emit(Consumer<PrintWriter> body) {
        if (output == null) {
            PrintWriter out = out();
            body.accept(out);
            out.flush();
            OutputFiles.checkWritten(out, "the report to standard output");
            return;
        }
        try {
            OutputFiles.prepareParent(output, reportRoot);
            try (PrintWriter w = new PrintWriter(new OutputStreamWriter(Files.newOutputStream(output), StandardCharsets.UTF_8))) {
                body.accept(w);
                OutputFiles.checkWritten(w, output.toString());
            }
        } catch (IOException e) {
            throw new UsageException("cannot write " + output + ": " + e.getMessage());
        }
    }

    /** The charset the report's bytes are in: the console's, or UTF-8 for --output (and for in-process writers). */
    private Charset reportCharset() {
        PrintWriter out = out();
        return output == null && out instanceof ConsoleOutput console ? console.charset() : StandardCharsets.UTF_8;
    }

    /** Everything besides the findings that decides what a report prints for a file. */
    private String reportForm(Reporters.Options options) {
        return format.toLowerCase(Locale.ROOT) + "|color=" + options.color() + "|ignored=" + options.showSuppressed()
                + "|quiet=" + quiet
                + "|charset=" + reportCharset().name() + "|root=" + options.root()
                + "|workspace=" + options.env().get(GitHubReporter.WORKSPACE_VARIABLE)
                + "|eol=" + System.lineSeparator().length();
    }

    /**
     * Whether this run's report needs only findings, statement counts and source text: then the run keeps no parsed
     * files and may answer unchanged files from the result cache. Reports that quote fixes or parser details (json,
     * sarif, rdjson, ...) and baselines (keyed on statement fingerprints) need the analyses.
     */
    private boolean findingsOnlyReport(Config config) {
        return (format.equals("text") || format.equals("github") && !stepSummary()) && sarifFile == null && baselineFile == null
                && writeBaseline == null && !updateBaseline && config.baseline() == null;
    }

    /** A GitHub report that also writes the step summary, which carries the runbook (it needs the analyses). */
    private boolean stepSummary() {
        String file = System.getenv(GitHubReporter.SUMMARY_VARIABLE);
        return format.equalsIgnoreCase("github") && file != null && !file.isBlank();
    }

    /**
     * The files this run lints: the given paths and globs, or the discovered migrations; with --changed or --staged,
     * those of them git says the change touches.
     */
    private FileSelection selectFiles(Config config) {
        git.validate();
        PrintWriter err = err();
        FileSelection selection = git.select(config, paths, System.getenv(), err);
        if (git.changed) {
            err.println("migralint: " + selection.touchedCount() + " migration file(s) changed since " + selection.base()
                    + (selection.releaseNote() == null ? "" : "; since " + selection.releaseNote()));
        }
        err.flush();
        return selection;
    }


    private void report(RunResult result, Reporters.Options options) {
        Reporter reporter = reporter(options);
        if (sarifFile != null) {
            writeReport(Reporters.create("sarif", options).orElseThrow(), result, sarifFile);
        }
        if (output == null) {
            PrintWriter out = out();
            reporter.write(result, out);
            out.flush();
            OutputFiles.checkWritten(out, "the report to standard output");
            return;
        }
        writeReport(reporter, result, output);
    }

    /** What the reporters need besides the results: the enabled rules and their docs, the root paths are relative to. */
    private Reporters.Options reportOptions(Config config, RuleSet rules) {
        reportRoot = config.root();
        return new Reporters.Options(useColor(), showIgnored, Version.get())
                .withRules(rules.enabled(config.rules()))
                .withRoot(config.root())
                .withRuleMarkdown(RuleReference::markdown);
    }

    private void writeReport(Reporter reporter, RunResult result, Path file) {
        try {
            OutputFiles.prepareParent(file, reportRoot);
            try (PrintWriter w = new PrintWriter(new OutputStreamWriter(Files.newOutputStream(file), StandardCharsets.UTF_8))) {
                reporter.write(result, w);
                OutputFiles.checkWritten(w, file.toString());
            }
        } catch (IOException e) {
            throw new UsageException("cannot write " + Printable.of(file.toString()) + ": "
                    + Printable.of(e.getMessage()));
        }
    }

    private Reporter reporter(Reporters.Options options) {
        if (quiet && format.equalsIgnoreCase("text")) {
            return new TextReporter(new Style(options.color()), false, true);
        }
        return Reporters.create(format, options)
                .orElseThrow(() -> new UsageException("unknown --format '" + format + "' (one of "
                        + String.join(", ", Reporters.FORMATS) + ")"));
    }

    private boolean useColor() {
        return switch (color.toLowerCase(Locale.ROOT)) {
            case "always" -> true;
            case "never" -> false;
            case "auto" -> output == null && Style.autoDetect();
            default -> throw new UsageException("--color must be auto, always or never");
        };
    }
}
