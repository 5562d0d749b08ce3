package dev.migralint.rules;

import dev.migralint.analysis.Lock;
import dev.migralint.config.Printable;
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
 * @param unchangedLine  check --changed/--staged --all-lines: the finding is on lines the change did not touch
 * @param direction      "up", or "down" when the statement runs on rollback (a down file or section)
 */
public record Finding(String ruleId, Severity severity, String path, Span span, Span statementSpan, int line,
                      int column, int endLine, int endColumn, String message, String help, Lock lock, FixSpec fix,
                      int statementIndex, int operationIndex, Suppression suppressedBy, boolean unchangedLine,
                      String direction) {

    public static final String UP = "up";
    public static final String DOWN = "down";

    /** Messages carry identifiers and text from files and custom rules: kept printable for every report format. */
    public Finding {
        message = Printable.of(message);
        help = Printable.of(help);
    }

    public Finding(String ruleId, Severity severity, String path, Span span, Span statementSpan, int line, int column,
                   int endLine, int endColumn, String message, String help, Lock lock, FixSpec fix, int statementIndex,
                   int operationIndex, Suppression suppressedBy) {
        this(ruleId, severity, path, span, statementSpan, line, column, endLine, endColumn, message, help, lock, fix,
                statementIndex, operationIndex, suppressedBy, false, UP);
    }

    public boolean suppressed() {
        return suppressedBy != null;
    }

    /** True for a finding on a statement that runs on rollback. */
    public boolean down() {
        return DOWN.equals(direction);
    }

    public Finding withSeverity(Severity s) {
        return new Finding(ruleId, s, path, span, statementSpan, line, column, endLine, endColumn, message, help, lock,
                fix, statementIndex, operationIndex, suppressedBy, unchangedLine, direction);
    }

    public Finding suppressedBy(Suppression s) {
        return new Finding(ruleId, severity, path, span, statementSpan, line, column, endLine, endColumn, message, help,
                lock, fix, statementIndex, operationIndex, s, unchangedLine, direction);
    }

    /** The same finding, marked as on (or off) lines the change did not touch. */
    public Finding withUnchangedLine(boolean unchanged) {
        return new Finding(ruleId, severity, path, span, statementSpan, line, column, endLine, endColumn, message, help,
                lock, fix, statementIndex, operationIndex, suppressedBy, unchanged, direction);
    }

    /** The same finding in this direction. */
    public Finding withDirection(String d) {
        return new Finding(ruleId, severity, path, span, statementSpan, line, column, endLine, endColumn, message, help,
                lock, fix, statementIndex, operationIndex, suppressedBy, unchangedLine, d == null ? UP : d);
    }
}
