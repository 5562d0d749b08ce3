package dev.migralint.cli;

import dev.migralint.config.Config;
import dev.migralint.engine.FileSelection;
import dev.migralint.engine.UsageException;

import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;

/** The git-aware options of {@code migralint check}. */
public final class GitOptions {
    @Option(names = "--changed", description = "Lint only the migrations added, modified or renamed since the merge base"
            + " of the base branch and HEAD, and check the history of the change (edited, deleted, renamed,"
            + " out-of-order migrations).")
    boolean changed;

    @Option(names = "--base", paramLabel = "REF", description = "The base branch for --changed and --staged (default:"
            + " $GITHUB_BASE_REF or $CI_MERGE_REQUEST_TARGET_BRANCH_NAME, else the first of origin/main, main,"
            + " origin/master, master, origin/HEAD).")
    String base;

    @Option(names = "--include-uncommitted", description = "With --changed: also lint uncommitted changes in the"
            + " working tree, untracked files included.")
    boolean includeUncommitted;

    @Option(names = "--all-lines", description = "With --changed or --staged: also report findings on the lines of a"
            + " changed migration that the change did not touch, marked (unchanged line). By default only findings"
            + " on added or modified lines are reported (every line of a new file).")
    boolean allLines;

    @Option(names = "--new-only", hidden = true, description = "What --changed and --staged do by default now (report"
            + " only findings on changed lines); kept so existing hooks and workflows keep working.")
    boolean newOnly;

    @Option(names = "--staged", description = "Lint the staged content of the migrations the next commit changes (read"
            + " from the index, not the working tree): what the pre-commit hook runs.")
    boolean staged;

    /** These options as the engine takes them; call {@link #validate()} first. */
    FileSelection.GitRequest request() {
        return new FileSelection.GitRequest(changed, staged, includeUncommitted, allLines, base);
    }

    /** The files a run over {@code paths} takes with these options; what the selection notes goes to {@code err}. */
    FileSelection select(Config config, List<String> paths, Map<String, String> env, PrintWriter err) {
        FileSelection selection = FileSelection.select(config, paths, request(), Setup.cwd(), env);
        if (selection.note() != null) {
            err.println("migralint: " + selection.note());
        }
        return selection;
    }

    /** True when the run selects its files from git. */
    boolean active() {
        return changed || staged;
    }

    void validate() {
        if (changed && staged) {
            throw new UsageException("--changed and --staged cannot be combined (--staged lints what the next commit"
                    + " changes; --changed what the branch changes)");
        }
        if (includeUncommitted && !changed) {
            throw new UsageException("--include-uncommitted needs --changed");
        }
        if (newOnly && !active()) {
            throw new UsageException("--new-only needs --changed or --staged");
        }
        if (allLines && !active()) {
            throw new UsageException("--all-lines needs --changed or --staged");
        }
        if (allLines && newOnly) {
            throw new UsageException("--all-lines and --new-only cannot be combined (--new-only is the default:"
                    + " findings on changed lines only)");
        }
        if (base != null && !active()) {
            throw new UsageException("--base needs --changed or --staged");
        }
    }
}
