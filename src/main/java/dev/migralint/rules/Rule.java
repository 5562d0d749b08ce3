package dev.migralint.rules;

import dev.migralint.config.RuleOverrides;
import dev.migralint.config.Severity;
import dev.migralint.sql.Dialect;

import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * A compiled rule file.
 *
 * @param kinds        the operation kinds it applies to
 * @param message      a template for the finding's message; {fact} placeholders are filled from the operation's facts
 * @param help         one line naming the safe alternative
 * @param directions   the migration directions it applies to: "up", "down" or both
 * @param downSeverity the most severe a finding on a down migration may be (warning unless the rule says a down that
 *                     breaks it cannot run)
 * @param severityWhen severities that replace {@code severity} when their condition holds, first match wins
 * @param source       where the rule was loaded from, for messages
 * @param set          the rule set it belongs to: {@link #RECOMMENDED} (on by default) or {@link #STRICT} (on with
 *                     {@code extends: strict})
 * @param supersedes   rules whose finding on the same statement this rule's finding replaces: it names the same
 *                     problem more precisely
 */
public record Rule(String id, Severity severity, Set<Dialect> dialects, List<String> tags, String summary,
                   RuleDocs docs, String message, String help, Set<String> kinds, Condition where,
                   Report report, FixSpec fix, Set<String> directions, Severity downSeverity,
                   List<SeverityWhen> severityWhen, String source, String set, List<String> supersedes) {

    /** Directions a rule applies to when its file does not say. */
    public static final Set<String> DEFAULT_DIRECTIONS = Set.of("up");
    /** The default rule set: findings that mean an outage, data loss or a failed deploy, and cheap fixable robustness. */
    public static final String RECOMMENDED = "recommended";
    /** Style and convention rules, on with {@code extends: strict}. */
    public static final String STRICT = "strict";
    public static final List<String> SETS = List.of(RECOMMENDED, STRICT);
    /**
     * Not a lint rule: the documentation of a finding {@code migralint verify} reports from a real server. It matches
     * nothing, is never enabled for {@code check}, and is listed so that {@code explain} and the docs know it.
     */
    public static final String VERIFY = "verify";

    /** A rule of the recommended set that supersedes none. */
    public Rule(String id, Severity severity, Set<Dialect> dialects, List<String> tags, String summary,
                RuleDocs docs, String message, String help, Set<String> kinds, Condition where,
                Report report, FixSpec fix, Set<String> directions, Severity downSeverity,
                List<SeverityWhen> severityWhen, String source) {
        this(id, severity, dialects, tags, summary, docs, message, help, kinds, where, report, fix, directions,
                downSeverity, severityWhen, source, RECOMMENDED, List.of());
    }

    /**
     * Whether configuration turns the rule on: not disabled, in a set it extends (recommended always), and, for an
     * opt-in rule, enabled by id. A rule enabled by id runs whatever its set.
     */
    public boolean enabledBy(RuleOverrides overrides) {
        if (verifyOnly()) {
            return false;
        }
        if (overrides.disabled().contains(id)) {
            return false;
        }
        if (overrides.enabled().contains(id)) {
            return true;
        }
        return !tags.contains("opt-in") && overrides.sets().contains(set);
    }

    /** Reported by {@code migralint verify}, never by {@code check} ({@link #VERIFY}). */
    public boolean verifyOnly() {
        return VERIFY.equals(set);
    }

    /** A severity that holds when a condition on the finding's facts does. */
    public record SeverityWhen(Severity severity, Condition where) {}

    /** The rule file's description (Markdown), or null. */
    public String description() {
        return docs.description();
    }

    /** The rule file's examples, which its tests run. */
    public List<RuleExample> examples() {
        return docs.examples();
    }

    /** How often a rule reports: every matching operation, or only the first per statement or per file. */
    public enum Report { EACH, ONCE_PER_STATEMENT, ONCE_PER_FILE }

    public boolean appliesTo(Dialect dialect) {
        return dialects.isEmpty() || dialects.contains(dialect);
    }

    /** Whether the rule looks at operations of this direction; a null direction counts as up. */
    public boolean appliesToDirection(String direction) {
        return directions.contains(direction == null ? "up" : direction);
    }

    /**
     * The severity of a finding with these facts in this direction: the first {@code severity-when} whose condition
     * holds, else the rule's severity; on a down migration never more than {@code down-severity}.
     */
    public Severity severityFor(Function<String, Object> facts, String direction) {
        Severity s = severity;
        for (SeverityWhen w : severityWhen) {
            if (w.where().test(facts)) {
                s = w.severity();
                break;
            }
        }
        if ("down".equals(direction) && s.ordinal() < downSeverity.ordinal()) {
            s = downSeverity;
        }
        return s;
    }

    /**
     * Whether the rule's risk exists only while the previous release serves beside the migration: a lock that blocks
     * its queries, a rewrite that holds the lock longer, a rename its code does not know (tags {@code locking},
     * {@code rewrite}, {@code rename}), and no loss of data or protection (tags {@code data-loss}, {@code data},
     * {@code security}). Under {@code deployment: offline} such findings are notices.
     */
    public boolean aboutLiveDeployment() {
        return aboutLiveTables() && !tags.contains("data-loss") && !tags.contains("data") && !tags.contains("security")
                && !"verify".equals(set);
    }

    /**
     * Whether the rule is about what a statement does to a table in use (tags {@code locking}, {@code rewrite},
     * {@code rename}): the lock it takes, the rewrite that holds the lock, the name running code knows it by.
     */
    public boolean aboutLiveTables() {
        return tags.contains("locking") || tags.contains("rewrite") || tags.contains("rename");
    }

    /** The rule with a configured severity: it replaces every severity-when, and a down stays capped. */
    public Rule withSeverity(Severity s) {
        return new Rule(id, s, dialects, tags, summary, docs, message, help, kinds, where, report, fix, directions,
                downSeverity, List.of(), source, set, supersedes);
    }
}
