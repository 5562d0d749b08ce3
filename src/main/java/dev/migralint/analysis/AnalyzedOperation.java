package dev.migralint.analysis;

import dev.migralint.sql.ParsedOperation;
import dev.migralint.sql.ParsedStatement;

import java.util.Map;

/** An operation in its file's context: the context facts and the lock it takes. */
public record AnalyzedOperation(ParsedStatement statement, ParsedOperation operation, Map<String, Object> context,
                                Lock lock) {
}
