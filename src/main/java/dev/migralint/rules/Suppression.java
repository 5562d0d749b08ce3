package dev.migralint.rules;

import dev.migralint.sql.Span;

import java.util.List;

/**
 * What silences a finding: an inline ignore ({@code -- migralint-ignore rule-a, rule-b: reason} before a statement or
 * at the end of its last line, {@code -- migralint-ignore-file rule-a: reason} anywhere), or an entry of the baseline
 * file.
 *
 * @param ruleIds        the rule ids named, lower-cased; {@code all} silences every rule
 * @param reason         the text after the colon, or null
 * @param line           1-based line of the directive (0 for the baseline)
 * @param statementIndex the statement it applies to, -1 for a file-level ignore, -2 when it applies to nothing
 * @param span           the directive's text in the file (empty for the baseline)
 * @param origin         where it was written
 */
public record Suppression(List<String> ruleIds, String reason, int line, int statementIndex, boolean fileLevel,
                          Span span, Origin origin) {

    /** Where a suppression comes from. */
    public enum Origin {
        /** A {@code --} or {@code /* *}{@code /} comment. */
        COMMENT,
        /** A comment line inside a dollar-quoted body (DO, CREATE FUNCTION): it applies to the enclosing statement. */
        DOLLAR_BODY,
        /** An entry of the baseline file: not written in the source. */
        BASELINE,
        /** squawk's {@code -- squawk-ignore} or {@code -- squawk-ignore-file} comment, its rule names mapped. */
        SQUAWK
    }

    public Suppression {
        ruleIds = List.copyOf(ruleIds);
        span = span == null ? new Span(0, 0) : span;
        origin = origin == null ? Origin.COMMENT : origin;
    }

    public Suppression(List<String> ruleIds, String reason, int line, int statementIndex, boolean fileLevel) {
        this(ruleIds, reason, line, statementIndex, fileLevel, new Span(0, 0), Origin.COMMENT);
    }

    /** A finding recorded in the baseline file. */
    public static Suppression baseline(String ruleId, String baselineFile) {
        return new Suppression(List.of(ruleId), "in baseline " + baselineFile, 0, -1, true, new Span(0, 0),
                Origin.BASELINE);
    }

    public boolean covers(String ruleId) {
        return ruleIds.contains(ruleId) || ruleIds.contains("all");
    }

    /** True when it names this rule explicitly (not through {@code all}). */
    public boolean names(String ruleId) {
        return ruleIds.contains(ruleId);
    }

    /** True for a baseline entry, false for an ignore written in the file. */
    public boolean baseline() {
        return origin == Origin.BASELINE;
    }

    public boolean hasReason() {
        return reason != null && !reason.isBlank();
    }
}
