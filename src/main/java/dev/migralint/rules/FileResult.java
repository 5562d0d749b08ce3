package dev.migralint.rules;

import dev.migralint.analysis.AnalyzedFile;
import dev.migralint.workspace.LoadedSource;

import java.util.List;

/**
 * What linting one file gave.
 *
 * @param analyzed the analysed file, or null when the file could not be read or decoded
 */
public record FileResult(LoadedSource loaded, AnalyzedFile analyzed, List<Finding> findings) {
    public String path() {
        return loaded.displayPath();
    }

    public int statementCount() {
        return analyzed == null ? 0 : analyzed.parsed().statements().size();
    }
}
