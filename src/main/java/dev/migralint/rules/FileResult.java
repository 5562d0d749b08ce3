package dev.migralint.rules;

import dev.migralint.analysis.AnalyzedFile;
import dev.migralint.workspace.LoadedSource;

import java.util.List;

/**
 * What linting one file gave.
 *
 * @param analyzed        the analysed file, or null when the file could not be read or decoded, or when the run was
 *                        asked to keep only findings (results served from the result cache have no analysis)
 * @param statementsIfBare the number of statements when {@code analyzed} is null although the file was analysed
 *                        (cached or findings-only results), else 0
 */
public record FileResult(LoadedSource loaded, AnalyzedFile analyzed, List<Finding> findings, int statementsIfBare) {
    public FileResult(LoadedSource loaded, AnalyzedFile analyzed, List<Finding> findings) {
        this(loaded, analyzed, findings, 0);
    }

    /** The same file with other findings (baseline, changed-lines filters keep the rest as it is). */
    public FileResult withFindings(List<Finding> other) {
        return new FileResult(loaded, analyzed, other, statementsIfBare);
    }

    public String path() {
        return loaded.displayPath();
    }

    public int statementCount() {
        return analyzed == null ? statementsIfBare : analyzed.parsed().statements().size();
    }
}
