package dev.migralint.rules;

import dev.migralint.analysis.Lock;
import dev.migralint.config.Printable;
import dev.migralint.config.Severity;
import dev.migralint.sql.Span;

/**
 * One problem found: what it is, where it is, the lock and fix of its operation, and how it is handled.
 *
 * @param problem  the rule and what it says
 * @param location the file, the text and the statement it is on
 * @param lock     the lock the operation takes
 * @param fix      the rewrite the rule names, or null
 * @param handling whether it is silenced, on unchanged lines, on a rollback
 */
public record Finding(Problem problem, Location location, Lock lock, FixSpec fix, Handling handling) {

    public static final String UP = "up";
    public static final String DOWN = "down";

    /** What was found. Messages carry identifiers and text from files and custom rules: kept printable for every report format. */
    public record Problem(String ruleId, Severity severity, String message, String help) {
        public Problem {
            message = Printable.of(message);
            help = Printable.of(help);
        }
    }

    /**
     * Where it is.
     *
     * @param span           the operation's tokens (what reports underline)
     * @param statementSpan  the whole statement
     * @param line           1-based line of the span's start; {@code column}, {@code endLine}, {@code endColumn} alike
     *                       (the end column is exclusive)
     * @param statementIndex the statement's 0-based position in its file, -1 for file-level findings
     * @param operationIndex the operation's position among the file's analysed operations, -1 for file-level findings
     */
    public record Location(String path, Span span, Span statementSpan, int line, int column, int endLine, int endColumn,
                           int statementIndex, int operationIndex) {
    }

    /**
     * How it is handled.
     *
     * @param suppressedBy  the inline ignore or baseline entry that silences it, or null
     * @param unchangedLine check --changed/--staged --all-lines: the finding is on lines the change did not touch
     * @param direction     "up", or "down" when the statement runs on rollback (a down file or section)
     */
    public record Handling(Suppression suppressedBy, boolean unchangedLine, String direction) {
        /** Not silenced, on changed lines, in this direction. */
        public static Handling of(String direction) {
            return new Handling(null, false, direction);
        }
    }

    public String ruleId() {
        return problem.ruleId();
    }

    public Severity severity() {
        return problem.severity();
    }

    public String message() {
        return problem.message();
    }

    public String help() {
        return problem.help();
    }

    public String path() {
        return location.path();
    }

    public Span span() {
        return location.span();
    }

    public Span statementSpan() {
        return location.statementSpan();
    }

    public int line() {
        return location.line();
    }

    public int column() {
        return location.column();
    }

    public int endLine() {
        return location.endLine();
    }

    public int endColumn() {
        return location.endColumn();
    }

    public int statementIndex() {
        return location.statementIndex();
    }

    public int operationIndex() {
        return location.operationIndex();
    }

    public Suppression suppressedBy() {
        return handling.suppressedBy();
    }

    public boolean unchangedLine() {
        return handling.unchangedLine();
    }

    public String direction() {
        return handling.direction();
    }

    public boolean suppressed() {
        return handling.suppressedBy() != null;
    }

    /** True for a finding on a statement that runs on rollback. */
    public boolean down() {
        return DOWN.equals(handling.direction());
    }

    public Finding withSeverity(Severity s) {
        return new Finding(new Problem(problem.ruleId(), s, problem.message(), problem.help()), location, lock, fix,
                handling);
    }

    /** The same finding elsewhere (after a fix moved its text). */
    public Finding at(Location l) {
        return new Finding(problem, l, lock, fix, handling);
    }

    public Finding suppressedBy(Suppression s) {
        return new Finding(problem, location, lock, fix,
                new Handling(s, handling.unchangedLine(), handling.direction()));
    }

    /** The same finding, marked as on (or off) lines the change did not touch. */
    public Finding withUnchangedLine(boolean unchanged) {
        return new Finding(problem, location, lock, fix,
                new Handling(handling.suppressedBy(), unchanged, handling.direction()));
    }

    /** The same finding in this direction. */
    public Finding withDirection(String d) {
        return new Finding(problem, location, lock, fix,
                new Handling(handling.suppressedBy(), handling.unchangedLine(), d == null ? UP : d));
    }
}
