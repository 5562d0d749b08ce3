package dev.migralint.sql;

import java.util.List;

/**
 * A statement with its operations.
 *
 * @param parseError JSqlParser's complaint when it could not parse the statement (null when it parsed or was not asked)
 */
public record ParsedStatement(Statement statement, List<ParsedOperation> operations, boolean parsedByJsql,
                              String parseError) {
}
