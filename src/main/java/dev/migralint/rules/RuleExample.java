package dev.migralint.rules;

import java.util.Map;

/**
 * One example from a rule file: a bad snippet (must raise the rule), a good one (must not), and for bad snippets with
 * a fix, the fixed text. {@code message}, when given, is the message the bad snippet's first finding of the rule must
 * carry, as rendered, and {@code severity} the severity it must have (a rule whose {@code severity-when} lowers it).
 * {@code context} holds overrides such as dialect, postgres-version, framework, transaction.
 */
public record RuleExample(String bad, String good, String fixed, String message, String severity,
                          Map<String, Object> context, int line) {
    public boolean isBad() {
        return bad != null;
    }

    public String sql() {
        return bad != null ? bad : good;
    }
}
