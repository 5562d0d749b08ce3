package dev.migralint.config;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Per-rule settings from configuration.
 *
 * @param disabled            rule ids turned off
 * @param enabled             rule ids turned on that are off by default (opt-in rules)
 * @param severities          severity overrides by rule id
 * @param requireIgnoreReason an inline ignore without a reason silences nothing (require-ignore-reason, default true)
 * @param sets                the rule sets that run (extends: strict adds strict to recommended)
 * @param offline             nothing serves while migrations run ({@code deployment: offline}): the rules about a live
 *                            deployment (locks, rewrites, renames) report notices
 */
public record RuleOverrides(Set<String> disabled, Set<String> enabled, Map<String, Severity> severities,
                            boolean requireIgnoreReason, Set<String> sets, boolean offline) {
    /** The sets that run when configuration extends none. */
    public static final Set<String> DEFAULT_SETS = Set.of("recommended");

    public RuleOverrides(Set<String> disabled, Set<String> enabled, Map<String, Severity> severities,
                         boolean requireIgnoreReason, Set<String> sets) {
        this(disabled, enabled, severities, requireIgnoreReason, sets, false);
    }

    public RuleOverrides(Set<String> disabled, Set<String> enabled, Map<String, Severity> severities) {
        this(disabled, enabled, severities, true, DEFAULT_SETS);
    }

    public RuleOverrides(Set<String> disabled, Set<String> enabled, Map<String, Severity> severities,
                         boolean requireIgnoreReason) {
        this(disabled, enabled, severities, requireIgnoreReason, DEFAULT_SETS);
    }

    public static RuleOverrides none() {
        return new RuleOverrides(Set.of(), Set.of(), Map.of(), true, DEFAULT_SETS);
    }

    public RuleOverrides withRequireIgnoreReason(boolean require) {
        return new RuleOverrides(disabled, enabled, severities, require, sets, offline);
    }

    public RuleOverrides withSets(Set<String> s) {
        return new RuleOverrides(disabled, enabled, severities, requireIgnoreReason, Set.copyOf(s), offline);
    }

    /** The same settings with more rules off (e.g. a squawk.toml's excluded_rules). */
    public RuleOverrides withDisabled(Set<String> more) {
        Set<String> all = new LinkedHashSet<>(disabled);
        all.addAll(more);
        return new RuleOverrides(Set.copyOf(all), enabled, severities, requireIgnoreReason, sets, offline);
    }

    public RuleOverrides withOffline(boolean o) {
        return new RuleOverrides(disabled, enabled, severities, requireIgnoreReason, sets, o);
    }
}
