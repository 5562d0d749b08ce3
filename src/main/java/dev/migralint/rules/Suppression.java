package dev.migralint.rules;

import java.util.List;

/**
 * An inline ignore: {@code -- migralint-ignore rule-a, rule-b: reason} before a statement (or at the end of its last
 * line), or {@code -- migralint-ignore-file rule-a: reason} anywhere.
 *
 * @param statementIndex the statement it applies to, or -1 for a file-level ignore
 */
public record Suppression(List<String> ruleIds, String reason, int line, int statementIndex, boolean fileLevel) {
    public boolean covers(String ruleId) {
        return ruleIds.contains(ruleId) || ruleIds.contains("all");
    }
}
