package dev.migralint.analysis;

import dev.migralint.sql.ParsedFile;
import dev.migralint.workspace.Framework;

import java.util.List;

/**
 * A parsed file with every operation placed in context.
 *
 * @param transactionAssumption one sentence on how the file's transaction state was decided, for findings to quote
 */
public record AnalyzedFile(ParsedFile parsed, Framework framework, List<AnalyzedOperation> operations,
                           String transactionAssumption) {
}
