package dev.migralint.engine;

import dev.migralint.config.Config;
import dev.migralint.rules.FileResult;
import dev.migralint.rules.Finding;
import dev.migralint.rules.Linter;
import dev.migralint.rules.Rule;
import dev.migralint.rules.RunResult;
import dev.migralint.sql.Dialect;
import dev.migralint.sql.SourceFile;
import dev.migralint.sql.Span;
import dev.migralint.sql.SqlFrontEnd;
import dev.migralint.workspace.Candidate;
import dev.migralint.workspace.ChangedLines;
import dev.migralint.workspace.FileCollector;
import dev.migralint.workspace.Framework;
import dev.migralint.workspace.GitException;
import dev.migralint.workspace.GitSelector;
import dev.migralint.workspace.MigrationNames;
import dev.migralint.workspace.HistoryFacts;
import dev.migralint.workspace.LoadedSource;
import dev.migralint.workspace.ProjectLayout;

import java.nio.file.Path;
import java.util.function.Function;
import java.util.function.IntPredicate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.IntStream;

/**
 * The files one {@code check} lints and what it knows about their history: the given paths or the discovered
 * migrations, or what git says changed (--changed, --staged). After the run it adds what only history gives: findings
 * for deleted migrations, and the dropping (or with --all-lines, marking) of findings on lines a change did not touch.
 */
public final class FileSelection {
    /** The rule that reports an edit of a migration the base already has. */
    static final String MODIFIED_APPLIED = "modified-applied-migration";
    /** Below this many files, finishing them on other threads costs more than it saves. */
    private static final int PARALLEL_FROM = 64;
    private final List<Candidate> files;
    private final List<LoadedSource> refused;
    private final List<LoadedSource> preloaded;
    private final Map<String, GitSelector.Touched> touched;
    private final boolean allLines;
    private final String base;
    private final String note;
    /** The display paths of the change being checked: see {@link #inChange}. */
    private final Set<String> change;
    /** Migrations beside the change's, analysed for what they leave in the schema, never reported: {@link #context}. */
    private final List<Candidate> context;
    /** With release tags configured: the release the change's newness starts from, and how many migrations since. */
    private final String releaseNote;
    /**
     * --changed: a migration that exists on the base ran on the databases the base was deployed to (under --staged a
     * committed migration may not be deployed yet).
     */
    private final boolean baseDeployed;

    private FileSelection(List<Candidate> files, List<LoadedSource> refused, List<LoadedSource> preloaded,
                          Map<String, GitSelector.Touched> touched, boolean allLines, String base, String note,
                          Set<String> change, boolean baseDeployed, List<Candidate> context, String releaseNote) {
        this.change = change;
        this.releaseNote = releaseNote;
        this.context = context;
        this.baseDeployed = baseDeployed;
        this.files = files;
        this.refused = refused;
        this.preloaded = preloaded;
        this.touched = touched;
        this.allLines = allLines;
        this.base = base;
        this.note = note;
    }

    /** The git side of a request (--changed, --staged and their options), already validated by the command. */
    public record GitRequest(boolean changed, boolean staged, boolean includeUncommitted, boolean allLines, String base) {
        public static final GitRequest NONE = new GitRequest(false, false, false, false, null);

        public boolean active() {
            return changed || staged;
        }
    }

    /** Decides which files a run lints: the one place that does. */
    public static FileSelection select(Config config, List<String> paths, GitRequest git, Path cwd,
                                       Map<String, String> env) {
        FileCollector collector = new FileCollector(config.root(), config.include(), config.exclude());
        if (!git.active()) {
            FileCollector.Collected collected = collector.collect(paths, cwd);
            if (!collected.missing().isEmpty()) {
                throw new UsageException("no such file or directory: " + String.join(", ", collected.missing()));
            }
            List<String> inRoot = new ArrayList<>();
            for (Candidate c : collected.files()) {
                if (!c.displayPath().startsWith("/") && !c.displayPath().startsWith("../")) {
                    inRoot.add(c.displayPath());
                }
            }
            HistoryFacts facts = HistoryFacts.onDisk(collector.root(), inRoot, p -> p);
            Map<String, GitSelector.Touched> history = new LinkedHashMap<>();
            for (String p : inRoot) {
                history.put(p, new GitSelector.Touched(p, facts.facts(p, HistoryFacts.UNCHANGED, null, 0), null, false));
            }
            // The files a plain check names one by one (as a pre-commit hook passes the staged ones) are the change. A
            // directory, a glob or discovery selects a history, whose migrations were each deployed on their own.
            return new FileSelection(collected.files(), collected.refused(), List.of(), history, false, null, null,
                    collected.named(), false, List.of(), null);
        }
        Predicate<String> scope = paths.isEmpty() ? null : collector.scope(paths, cwd);
        GitSelector.Options options = gitOptions(git, env);
        GitSelector.Selection s;
        try {
            s = GitSelector.select(cwd, collector, scope, options, config.maxFileBytes(), config.releaseTags());
        } catch (GitException e) {
            throw new UsageException(e.getMessage());
        }
        // The pre-commit hook (--staged) keeps to the staged files: a cold hook would parse the whole history each
        // commit. A --changed run (CI, the pull request) sees the schema its history built.
        List<Candidate> context = git.changed() ? context(collector, s.touched().keySet()) : List.of();
        Set<String> change = change(s, context);
        String releaseNote = s.release() == null ? null : "release " + s.release().tag() + " ("
                + (change.size() - s.touched().size()) + " migration(s) merged since it count as new)";
        return new FileSelection(s.files(), s.refused(), s.preloaded(), s.touched(), git.allLines(), s.base(), s.note(),
                change, git.changed() && !git.staged(), context, releaseNote);
    }

    /** For --changed with release tags configured, what the change's newness starts from; else null. */
    public String releaseNote() {
        return releaseNote;
    }

    /**
     * The change's files, and with release tags configured ({@code releases: {tags: ...}}), the migrations of its
     * history that the newest release the base contains does not hold: no released version ran them, so what they
     * create is as new as what the branch creates (a table added after the last release and renamed before the next).
     */
    private static Set<String> change(GitSelector.Selection s, List<Candidate> context) {
        if (s.release() == null) {
            return s.touched().keySet();
        }
        Set<String> change = new HashSet<>(s.touched().keySet());
        for (Candidate c : context) {
            if (!s.release().migrations().contains(c.displayPath())) {
                change.add(c.displayPath());
            }
        }
        return change;
    }

    /**
     * The migrations on disk in the history directories of the change's files, other than the change's own: a git run
     * analyses the earlier ones so that the changed files see the schema the history built (the old type of a column,
     * the indexes and foreign keys of a table), as a check of the whole history would. They are not reported.
     */
    private static List<Candidate> context(FileCollector collector, Set<String> changed) {
        Set<String> dirs = new TreeSet<>();
        for (String p : changed) {
            if (!p.startsWith("/") && !p.startsWith("../")) {
                dirs.add(MigrationNames.historyDir(p));
            }
        }
        dirs.remove("");
        if (dirs.isEmpty()) {
            return List.of();
        }
        List<Candidate> out = new ArrayList<>();
        for (Candidate c : collector.collect(new ArrayList<>(dirs), collector.root()).files()) {
            if (!changed.contains(c.displayPath())) {
                out.add(c);
            }
        }
        return out;
    }

    /** See {@link #context(FileCollector, Set)}; empty for a plain check, which lints what it names. */
    public List<Candidate> context() {
        return context;
    }

    /**
     * Whether the file belongs to the change being checked (--changed: the branch's migrations; --staged: the index's;
     * a plain check: the files named on the command line), so that what an earlier one creates is new to it.
     */
    public boolean inChange(String displayPath) {
        return change.contains(displayPath);
    }

    /** What the git side of a selection needs to know; {@link Main} starts it ahead with the same. */
    public static GitSelector.Options gitOptions(GitRequest git, Map<String, String> env) {
        return new GitSelector.Options(git.staged() ? GitSelector.Mode.STAGED : GitSelector.Mode.CHANGED,
                git.includeUncommitted(), git.base(), env);
    }

    public List<Candidate> files() {
        return files;
    }

    public List<LoadedSource> refused() {
        return refused;
    }

    public List<LoadedSource> preloaded() {
        return preloaded;
    }

    /** What the change is compared with (for --changed/--staged), or null. */
    public String base() {
        return base;
    }

    /** A remark for the user (e.g. the history base fell back to HEAD), or null. */
    public String note() {
        return note;
    }

    /**
     * The history facts {@link #finish} gives a file (its place among the migrations beside it), as text for a
     * cache key: "" for a file that has none. Record text is stable here: strings, flags, numbers and lists.
     */
    public String historyFacts(String displayPath) {
        GitSelector.Touched t = touched.get(displayPath);
        return t == null || t.history() == null ? "" : t.history().toString();
    }

    /**
     * The lines of a file a pull request's diff shows (changed lines and the three lines of context git shows around
     * them), where GitHub accepts review comments: every line of a file the change adds, none of a file it does not
     * touch.
     */
    public IntPredicate diffLines(String displayPath, String text) {
        GitSelector.Touched t = touched.get(displayPath);
        if (t == null || base == null) {
            return line -> false;
        }
        if (t.baseText() == null) {
            return line -> true;
        }
        ChangedLines changed = ChangedLines.between(t.baseText(), text);
        return line -> changed.touches(Math.max(1, line - 3), line + 3);
    }

    /** How many files the change touches that are linted or, when deleted, checked for history only. */
    public int touchedCount() {
        return touched.size();
    }

    /**
     * Whether the selection is the arguments themselves, each a file: then nothing but those files (and their
     * directories' listings, which the history facts read) decides it. Directories and globs would need every
     * directory walked watched.
     */
    public boolean isExactly(Path cwd, List<String> paths) {
        Set<Path> args = new HashSet<>();
        for (String p : paths) {
            args.add(cwd.resolve(p).normalize());
        }
        Set<Path> selected = new HashSet<>();
        files.forEach(c -> selected.add(c.path()));
        return !args.isEmpty() && args.equals(selected);
    }

    /**
     * Adds the history findings (deleted migrations included) and drops, or with --all-lines marks, the findings on
     * lines the change did not touch: a pull request answers for what it adds or modifies, not for statements of an old
     * migration that ran long ago.
     */
    public RunResult finish(RunResult result, Linter linter, Config config) {
        return finish(result, linter, config, path -> null);
    }

    /**
     * As above, with what the run's detection already found per file ({@code placed}, by display path; null where it
     * found nothing): a run that kept no analysis (the text report) need not detect each file's runner again.
     */
    public RunResult finish(RunResult result, Linter linter, Config config, Function<String, LintRun.Placed> placed) {
        long start = System.nanoTime();
        ProjectLayout layout = RunnerSetup.layout(config);
        // Each file on its own: in parallel when there are many (a plain check of a whole history), kept in order.
        List<FileResult> files = result.files();
        FileResult[] finished = new FileResult[files.size()];
        IntStream each = IntStream.range(0, files.size());
        (files.size() >= PARALLEL_FROM ? each.parallel() : each)
                .forEach(i -> finished[i] = finish(files.get(i), linter, layout, placed));
        List<FileResult> out = new ArrayList<>(Arrays.asList(finished));
        for (GitSelector.Touched t : touched.values()) {
            if (!t.deleted()) {
                continue;
            }
            String path = t.displayPath();
            // The runner is detected as for the file when it was there: its directory (a manifest such as Cargo.toml
            // naming refinery) and its text on the base (a goose or sql-migrate marker).
            Path file = config.root().resolve(path);
            String text = t.baseText() == null ? "" : t.baseText();
            List<Finding> findings = linter.lintHistory(new Linter.FileHistory(t.history(), t.baseText()), null, null, path,
                    layout.dialect(file, path, text), layout.framework(file, path, text).id());
            if (!findings.isEmpty()) {
                out.add(new FileResult(new LoadedSource(path, null, "deleted",
                        "deleted by this change; only history rules apply", 0, false), null, findings));
            }
        }
        long extra = (System.nanoTime() - start) / 1_000_000;
        return new RunResult(out, result.failOn(), result.elapsedMillis() + extra);
    }

    /** One file's findings kept (or marked) by the lines the change touched, with its history findings added. */
    private FileResult finish(FileResult f, Linter linter, ProjectLayout layout, Function<String, LintRun.Placed> placed) {
        GitSelector.Touched t = touched.get(f.path());
        if (t == null) {
            return f;
        }
        SourceFile source = f.loaded().source();
        List<Finding> findings = new ArrayList<>(f.findings().size() + 1);
        List<Finding> history = history(t, f, source, linter, layout, placed.apply(f.path()));
        boolean applied = baseDeployed && t.baseText() != null && reportsTheEdit(history);
        if (source != null && t.baseText() != null) {
            ChangedLines changed = ChangedLines.between(t.baseText(), source.text());
            for (Finding x : f.findings()) {
                if (onChangedLines(x, changed, source)) {
                    if (!applied || !aboutLiveTables(x, linter)) {
                        findings.add(x);
                    }
                } else if (allLines) {
                    findings.add(x.withUnchangedLine(true));
                }
            }
        } else {
            findings.addAll(f.findings());
        }
        findings.addAll(history);
        return f.withFindings(findings);
    }

    /** Whether modified-applied-migration reports the file's edit (not silenced): then it speaks for the file. */
    private static boolean reportsTheEdit(List<Finding> history) {
        for (Finding h : history) {
            if (MODIFIED_APPLIED.equals(h.ruleId()) && h.suppressedBy() == null) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether a finding is about what its statement does to a table in use (a lock, a rewrite, a rename running code
     * does not know; {@link Rule#aboutLiveTables}): a statement of a deployed migration never runs again where the base
     * was deployed, and runs on empty tables where it was not. The other rules (a statement that fails, a dropped
     * column) stay.
     */
    private static boolean aboutLiveTables(Finding x, Linter linter) {
        Rule rule = linter.rules().get(x.ruleId());
        return rule != null && rule.aboutLiveTables();
    }

    /**
     * Whether the change added or modified a line of the finding or of its whole statement (a statement the change
     * edits anywhere is a changed statement), or removed lines inside it.
     */
    static boolean onChangedLines(Finding x, ChangedLines changed, SourceFile source) {
        if (changed.touches(x.line(), x.endLine())) {
            return true;
        }
        Span statement = x.statementSpan();
        if (x.statementIndex() < 0 || statement == null || statement.end() <= statement.start()) {
            return false;
        }
        int first = source.lines().line(statement.start());
        int last = source.lines().line(Math.max(statement.start(), statement.end() - 1));
        return changed.touches(first, last);
    }

    /** A linted file's history findings; a file the run kept no parse of is lexed again when its ignores matter. */
    private static List<Finding> history(GitSelector.Touched t, FileResult f, SourceFile source, Linter linter,
                                         ProjectLayout layout, LintRun.Placed placed) {
        Linter.FileHistory h = new Linter.FileHistory(t.history(), t.baseText());
        String path = f.path();
        String text = source == null ? "" : source.text();
        Path file = source == null ? null : source.path();
        Dialect dialect = f.analyzed() != null ? f.analyzed().parsed().dialect()
                : placed != null ? placed.dialect() : layout.dialect(file, path, text);
        Framework runner = f.analyzed() != null ? f.analyzed().framework()
                : placed != null ? placed.framework() : layout.framework(file, path, text);
        return linter.lintHistory(h, source, () -> f.analyzed() != null ? f.analyzed().parsed()
                : new SqlFrontEnd(false).parse(source, dialect, runner == null ? List.of() : runner.descriptor().statementBoundaries()), path, dialect, runner == null ? null : runner.id());
    }
}
