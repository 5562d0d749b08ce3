package dev.migralint.cli;

import dev.migralint.analysis.AnalysisSettings;
import dev.migralint.config.Config;
import dev.migralint.config.Severity;
import dev.migralint.engine.FileSelection;
import dev.migralint.engine.LintRun;
import dev.migralint.engine.UsageException;
import dev.migralint.fix.Edit;
import dev.migralint.fix.FileFix;
import dev.migralint.fix.FileFixer;
import dev.migralint.fix.Fix;
import dev.migralint.fix.FixOptions;
import dev.migralint.fix.FixOutcome;
import dev.migralint.fix.Fixer;
import dev.migralint.fix.LaterInHistory;
import dev.migralint.fix.UnifiedDiff;
import dev.migralint.plan.DownWriter;
import dev.migralint.plan.Runbook;
import dev.migralint.plan.RunbookBuilder;
import dev.migralint.report.FixSource;
import dev.migralint.report.SuggestedFix;
import dev.migralint.rules.FileResult;
import dev.migralint.rules.Finding;
import dev.migralint.rules.Linter;
import dev.migralint.rules.RuleSet;
import dev.migralint.rules.RunResult;
import dev.migralint.sql.Dialect;
import dev.migralint.sql.SourceFile;
import dev.migralint.workspace.Candidate;
import dev.migralint.workspace.FileCollector;
import dev.migralint.workspace.Framework;
import dev.migralint.workspace.LoadedSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;

/**
 * {@code migralint fix}: applies the rules' rewrites to migration files in place, or with {@code --diff} prints them as
 * a unified diff and writes nothing. Safe fixes only, unless {@code --unsafe-fixes}. The summary says what was fixed,
 * what could not be and why; the exit code says whether anything at or above fail-on remains after fixing.
 */
@Command(name = "fix", mixinStandardHelpOptions = true,
        description = "Apply the rules' safe rewrites to migration files in place, or print them as a diff.")
public final class FixCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    GitOptions git = new GitOptions();

    @Parameters(paramLabel = "PATHS", arity = "0..*", description = "Files, directories or globs to fix. Fixing a"
            + " migration that was already applied changes its checksum: prefer --changed, which fixes only the"
            + " migrations the branch adds or modifies.")
    List<String> paths = new ArrayList<>();

    @Option(names = "--diff", description = "Print the fixes as a unified diff (patch -p1 / git apply) and change nothing.")
    boolean diff;

    @Option(names = "--unsafe-fixes", description = "Also apply fixes that change behaviour and need review"
            + " (comment-out, not-null-in-steps, DO-block guards, replace-type).")
    boolean unsafeFixes;

    @Option(names = "--rule", paramLabel = "ID", description = "Fix only the findings of this rule (repeatable).")
    List<String> onlyRules = new ArrayList<>();

    @Option(names = "--add-down", description = "Also write each migration's rollback into its runner's down format"
            + " where it has none (.down.sql, Diesel down.sql, -- migrate:down, -- +goose Down, Liquibase --rollback"
            + " lines, Flyway U file); never overwrites one. Not with --diff.")
    boolean addDown;

    @Mixin
    ConfigOptions configOptions = new ConfigOptions();

    @Override
    public Integer call() {
        Config config = configOptions.effectiveConfig();
        RuleSet rules = Setup.rules(config);
        for (String id : onlyRules) {
            if (!rules.contains(id)) {
                throw new UsageException("unknown rule '" + id + "' in --rule");
            }
        }
        Linter linter = new Linter(rules, config.rules());
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        git.validate();
        if (addDown && diff) {
            throw new UsageException("--add-down writes down migrations: it cannot be combined with --diff");
        }
        FileSelection selection = git.select(config, paths, System.getenv(), err);
        FixOptions options = new FixOptions(unsafeFixes, config.lockTimeout(), new LinkedHashSet<>(onlyRules));
        Result result = run(config, linter, selection.files(), selection.refused(), selection.preloaded(), options,
                !diff);
        if (git.staged && !diff && result.files().stream().anyMatch(f -> f.write() != null && f.write().written())) {
            err.println("migralint: the fixes were written to the working tree; stage them again (git add)");
        }
        if (diff) {
            for (Fixed f : result.files()) {
                if (f.fix().changed()) {
                    out.print(diffOf(f.fix()));
                }
            }
            out.flush();
            OutputFiles.checkWritten(out, "the diff to standard output");
        }
        // With --diff, stdout is the patch alone; the summary goes to stderr.
        PrintWriter summaryTo = diff ? err : out;
        printSummary(result, summaryTo, !diff);
        if (addDown) {
            // From the files as fixed: the down migration undoes what will run.
            Runbook runbook = new RunbookBuilder(config.postgresVersion(), config.lockTimeout()).build(result.after());
            DownWriter.writeAll(runbook, result.after()).forEach(o -> summaryTo.println(o.message()));
        }
        summaryTo.flush();
        return result.after().safe() ? ExitCodes.CLEAN : ExitCodes.FINDINGS;
    }

    /** One file: what the fixer made of it, and whether it was written. */
    public record Fixed(FileFix fix, FileFixer.WriteResult write) {}

    /**
     * @param before the lint run the fixes were planned from
     * @param after  the lint run over the fixed texts (as written, or as they would be with --diff)
     */
    public record Result(List<Fixed> files, RunResult before, RunResult after) {}

    /** Lints, fixes, writes when asked, and lints again: shared by {@code fix} and {@code check --fix}. */
    public static Result run(Config config, Linter linter, FileCollector.Collected collected, FixOptions options,
                             boolean write) {
        return run(config, linter, collected.files(), collected.refused(), List.of(), options, write);
    }

    /**
     * The same for a selection: files on disk, refused files (reported, never fixed), and content read from git
     * (--changed, --staged), which is fixed in the working tree only where the file there holds exactly that content.
     */
    public static Result run(Config config, Linter linter, List<Candidate> candidates, List<LoadedSource> refused,
                             List<LoadedSource> fromGit, FixOptions options, boolean write) {
        RunResult before = new LintRun(config, linter).run(candidates, refused, fromGit);
        AnalysisSettings settings = new AnalysisSettings(Dialect.POSTGRESQL, config.postgresVersion(),
                config.transaction(), Framework.PLAIN);
        FixOptions withHistory = options.unsafe()
                ? options.withHistory(LaterInHistory.of(before.files())) : options;
        Fixer fixer = new Fixer(linter, settings, withHistory);
        List<FileFix> fixes = fixAll(fixer, before.files());
        List<Fixed> files = new ArrayList<>();
        List<LoadedSource> again = new ArrayList<>();
        for (int i = 0; i < fixes.size(); i++) {
            FileResult fr = before.files().get(i);
            FileFix fix = fixes.get(i);
            FileFixer.WriteResult written = null;
            String now = fr.loaded().ok() ? fr.loaded().source().text() : null;
            if (fix.changed()) {
                if (write) {
                    written = FileFixer.write(fix);
                    if (written.written()) {
                        now = fix.fixed();
                    }
                } else {
                    now = fix.fixed();
                }
            }
            files.add(new Fixed(fix, written));
            if (now == null) {
                again.add(fr.loaded());
            } else {
                SourceFile src = fr.loaded().source();
                again.add(new LoadedSource(fr.loaded().displayPath(), SourceFile.of(src.path(), src.displayPath(), now),
                        null, null, 0, fr.loaded().hadBom()));
            }
        }
        RunResult after = new LintRun(config, linter).run(List.of(), List.of(), again);
        return new Result(files, before, after);
    }

    /** Fixes the files in parallel (each file is planned and verified on its own), keeping their order. */
    private static List<FileFix> fixAll(Fixer fixer, List<FileResult> results) {
        List<FileFix> out = new ArrayList<>(results.size());
        if (results.size() <= 2) {
            for (FileResult r : results) {
                out.add(fixer.fix(r));
            }
            return out;
        }
        List<Future<FileFix>> futures = new ArrayList<>(results.size());
        for (FileResult r : results) {
            futures.add(ForkJoinPool.commonPool().submit(() -> fixer.fix(r)));
        }
        for (Future<FileFix> f : futures) {
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

    /**
     * For {@code check --fix}: applies the safe fixes to the files on disk and prints the summary to {@code err}.
     * Content selected from git is fixed in the working tree where the file there holds the same content.
     */
    static void fixBeforeCheck(Config config, Linter linter, List<Candidate> files, List<LoadedSource> fromGit,
                               PrintWriter err) {
        Result result = run(config, linter, files, List.of(), fromGit,
                new FixOptions(false, config.lockTimeout(), Set.of()), true);
        printSummary(result, err, true);
        err.flush();
    }

    /**
     * The fixes review formats show (SARIF {@code fixes}, reviewdog suggestions), for
     * {@code Reporters.Options.withFixes}: one standalone fix per finding, on the text as linted; unsafe ones are
     * included and marked so. {@link Fixer#offers} also says why a finding has none.
     */
    public static FixSource fixSource(Config config, Linter linter) {
        AnalysisSettings settings = new AnalysisSettings(Dialect.POSTGRESQL, config.postgresVersion(),
                config.transaction(), Framework.PLAIN);
        Fixer fixer = new Fixer(linter, settings, new FixOptions(true, config.lockTimeout(), Set.of()));
        return file -> {
            Map<Finding, FixOutcome> byFinding = fixer.offers(file);
            return finding -> {
                FixOutcome offer = byFinding.get(finding);
                Fix fix = offer == null ? null : offer.fix();
                if (fix == null || offer.status() == FixOutcome.Status.UNAVAILABLE) {
                    return List.of();
                }
                List<SuggestedFix.Edit> edits = new ArrayList<>();
                for (Edit e : fix.edits()) {
                    edits.add(new SuggestedFix.Edit(e.span(), e.replacement()));
                }
                return List.of(new SuggestedFix(fix.description(), fix.safe(), edits));
            };
        };
    }

    static String diffOf(FileFix fix) {
        String bom = fix.hadBom() ? "\uFEFF" : "";
        String p = fix.displayPath();
        boolean relative = !p.startsWith("/") && !(p.length() > 1 && p.charAt(1) == ':');
        return UnifiedDiff.diff(relative ? "a/" + p : p, relative ? "b/" + p : p, bom + fix.original(), bom + fix.fixed());
    }

    static void printSummary(Result result, PrintWriter out, boolean wrote) {
        int fixed = 0;
        int unavailable = 0;
        int unsafe = 0;
        int filesChanged = 0;
        int filesWritten = 0;
        for (Fixed f : result.files()) {
            FileFix fix = f.fix();
            boolean written = f.write() != null && f.write().written();
            for (FixOutcome o : fix.outcomes()) {
                String at = o.finding().path() + ":" + o.finding().line() + ":" + o.finding().column() + ": ";
                switch (o.status()) {
                    case FIXED -> {
                        if (wrote && !written) {
                            unavailable++;
                            out.println(at + "not fixed [" + o.finding().ruleId() + "] " + o.rewrite()
                                    + ": the file could not be written");
                            continue;
                        }
                        fixed++;
                        out.println(at + (wrote ? "fixed" : "would fix") + " [" + o.finding().ruleId() + "] "
                                + o.fix().description());
                    }
                    case UNSAFE -> {
                        unsafe++;
                        out.println(at + "not fixed [" + o.finding().ruleId() + "] " + o.rewrite() + ": " + o.reason());
                    }
                    case UNAVAILABLE -> {
                        unavailable++;
                        out.println(at + "cannot fix [" + o.finding().ruleId() + "] " + o.rewrite() + ": " + o.reason());
                    }
                }
            }
            if (fix.changed()) {
                filesChanged++;
                if (f.write() != null && f.write().written()) {
                    filesWritten++;
                } else if (f.write() != null) {
                    out.println(fix.displayPath() + ": not written: " + f.write().problem());
                }
            }
        }
        StringBuilder b = new StringBuilder();
        if (wrote) {
            b.append("Fixed ").append(fixed).append(plural(fixed, " finding")).append(" in ").append(filesWritten)
                    .append(plural(filesWritten, " file"));
            if (filesWritten < filesChanged) {
                b.append(" (").append(filesChanged - filesWritten).append(" could not be written)");
            }
        } else {
            b.append("Would fix ").append(fixed).append(plural(fixed, " finding")).append(" in ").append(filesChanged)
                    .append(plural(filesChanged, " file")).append(" (nothing written)");
        }
        if (unavailable > 0) {
            b.append("; ").append(unavailable).append(" could not be fixed");
        }
        if (unsafe > 0) {
            b.append("; ").append(unsafe).append(plural(unsafe, " unsafe fix")).append(" held back (--unsafe-fixes)");
        }
        b.append('.');
        out.println(b);
        RunResult after = result.after();
        Severity failOn = after.failOn();
        long remaining = after.findings().stream().filter(x -> !x.suppressed() && x.severity().atLeast(failOn)).count();
        if (remaining == 0) {
            out.println("Nothing at or above " + failOn.id() + " remains" + (wrote ? "." : " after these fixes."));
        } else {
            out.println(remaining + plural(remaining, " finding") + " at or above " + failOn.id() + " remain"
                    + (remaining == 1 ? "s" : "") + (wrote ? "" : " after these fixes")
                    + "; 'migralint check' shows them.");
        }
    }

    private static String plural(long n, String word) {
        return n == 1 ? word : word.endsWith("x") ? word + "es" : word + "s";
    }

}
