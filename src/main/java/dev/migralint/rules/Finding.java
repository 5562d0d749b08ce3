package dev.migralint.rules;

import dev.migralint.analysis.Lock;
import dev.migralint.config.Severity;
import dev.migralint.sql.Span;

/**
 * One problem found.
 *
 * @param span           the operation's tokens (what reports underline)
 * @param statementSpan  the whole statement
 * @param statementIndex the statement's 0-based position in its file, -1 for file-level findings
 * @param operationIndex the operation's position among the file's analysed operations, -1 for file-level findings
 * @param suppressedBy   the inline ignore that silences it, or null
 */
public record Finding(String ruleId, Severity severity, String path, Span span, Span statementSpan, int line,
                      int column, int endLine, int endColumn, String message, String help, Lock lock, FixSpec fix,
                      int statementIndex, int operationIndex, Suppression suppressedBy) {

    public boolean suppressed() {
        return suppressedBy != null;
    }

    public Finding withSeverity(Severity s) {
        return new Finding(ruleId, s, path, span, statementSpan, line, column, endLine, endColumn, message, help, lock,
                fix, statementIndex, operationIndex, suppressedBy);
    }

    public Finding suppressedBy(Suppression s) {
        return new Finding(ruleId, severity, path, span, statementSpan, line, column, endLine, endColumn, message, help,
                lock, fix, statementIndex, operationIndex, s);
    }
}
