package dev.migralint.rules;

import dev.migralint.config.Severity;
import dev.migralint.sql.Dialect;

import java.util.List;
import java.util.Set;

/**
 * A compiled rule file.
 *
 * @param kinds   the operation kinds it applies to
 * @param message a template for the finding's message; {fact} placeholders are filled from the operation's facts
 * @param help    one line naming the safe alternative
 * @param source  where the rule was loaded from, for messages
 */
public record Rule(String id, Severity severity, Set<Dialect> dialects, List<String> tags, String summary,
                   RuleDocs docs, String message, String help, Set<String> kinds, Condition where,
                   Report report, FixSpec fix, String source) {

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

    public Rule withSeverity(Severity s) {
        return new Rule(id, s, dialects, tags, summary, docs, message, help, kinds, where, report, fix, source);
    }
}
