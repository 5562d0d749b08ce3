package dev.migralint.config;

import java.util.Map;
import java.util.Set;

/**
 * Per-rule settings from configuration.
 *
 * @param disabled            rule ids turned off
 * @param enabled             rule ids turned on that are off by default (opt-in rules)
 * @param severities          severity overrides by rule id
 * @param requireIgnoreReason an inline ignore without a reason silences nothing (require-ignore-reason, default true)
 */
public record RuleOverrides(Set<String> disabled, Set<String> enabled, Map<String, Severity> severities,
                            boolean requireIgnoreReason) {

    public RuleOverrides(Set<String> disabled, Set<String> enabled, Map<String, Severity> severities) {
        this(disabled, enabled, severities, true);
    }

    public static RuleOverrides none() {
        return new RuleOverrides(Set.of(), Set.of(), Map.of(), true);
    }

    public RuleOverrides withRequireIgnoreReason(boolean require) {
        return new RuleOverrides(disabled, enabled, severities, require);
    }
}
