package dev.migralint.analysis;

import dev.migralint.sql.ParsedFile;
import dev.migralint.workspace.Framework;

import java.util.List;

/**
 * A parsed file with every operation placed in context.
 *
 * @param transactionAssumption one sentence on how the file's transaction state was decided, for findings to quote
 * @param units                 the parts the runner runs separately (one for most files; up and down sections,
 *                              changesets), in file order
 */
public record AnalyzedFile(ParsedFile parsed, Framework framework, List<AnalyzedOperation> operations,
                           String transactionAssumption, List<TransactionUnit> units) {
    public AnalyzedFile {
        units = units == null ? List.of() : List.copyOf(units);
    }

    public AnalyzedFile(ParsedFile parsed, Framework framework, List<AnalyzedOperation> operations,
                        String transactionAssumption) {
        this(parsed, framework, operations, transactionAssumption, List.of());
    }

    /** The unit holding the character at {@code offset}, or null when the file has none. */
    public TransactionUnit unitAt(int offset) {
        TransactionUnit found = null;
        for (TransactionUnit u : units) {
            if (u.start() <= offset) {
                found = u;
            }
        }
        return found;
    }

    /** True when every unit of the file is a down (or verify) unit: the file changes nothing when deployed. */
    public boolean onlyDown() {
        return !units.isEmpty() && units.stream().noneMatch(u -> u.direction().equals("up"));
    }
}
