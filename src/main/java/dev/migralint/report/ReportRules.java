package dev.migralint.report;

import dev.migralint.config.RuleOverrides;
import dev.migralint.config.Severity;
import dev.migralint.rules.Rule;
import dev.migralint.rules.RuleSet;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The rules a run had enabled, as reports describe them (SARIF's tool.driver.rules). */
public final class ReportRules {
    private ReportRules() {
    }

    /**
     * The enabled rules with their effective severities, in rule-set order: the same choice the linter makes (a rule
     * disabled in configuration, or of a set it does not extend, is left out; an opt-in rule only when enabled).
     */
    public static List<Rule> enabled(RuleSet rules, RuleOverrides overrides) {
        List<Rule> out = new ArrayList<>();
        for (Rule r : rules.all()) {
            if (!r.enabledBy(overrides)) {
                continue;
            }
            Severity s = overrides.severities().get(r.id());
            out.add(s == null ? r : r.withSeverity(s));
        }
        return out;
    }

    /** {@code require-concurrent-index} becomes {@code RequireConcurrentIndex}: SARIF's friendly rule name. */
    static String pascalName(String id) {
        StringBuilder b = new StringBuilder();
        boolean up = true;
        for (char c : id.toCharArray()) {
            if (Character.isLetterOrDigit(c)) {
                b.append(up ? Character.toUpperCase(c) : c);
                up = false;
            } else {
                up = true;
            }
        }
        return b.length() == 0 ? "Rule" : b.toString();
    }

    /** A plain-text fallback for a rule's Markdown help, when the caller gave no renderer. */
    static String defaultMarkdown(Rule r) {
        StringBuilder b = new StringBuilder();
        b.append("# ").append(r.id()).append("\n\n");
        b.append("**").append(r.summary()).append("**\n\n");
        if (r.description() != null) {
            b.append(r.description().strip()).append("\n\n");
        }
        if (r.help() != null) {
            b.append("**Help:** ").append(r.help()).append('\n');
        }
        return b.toString();
    }

    static String level(Severity s) {
        return switch (s) {
            case ERROR -> "error";
            case WARNING -> "warning";
            case NOTICE -> "note";
        };
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
