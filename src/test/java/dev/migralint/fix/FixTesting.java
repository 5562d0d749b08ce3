package dev.migralint.fix;

import dev.migralint.config.RuleOverrides;
import dev.migralint.rules.Linter;
import dev.migralint.rules.Rule;
import dev.migralint.rules.RuleLoadException;
import dev.migralint.rules.RuleLoader;
import dev.migralint.rules.RuleSet;
import dev.migralint.rules.TextLinter;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Test helpers: the bundled rules plus small test rules that attach the unsafe rewrites (comment-out,
 * not-null-in-steps, DO-block guards, replace-type) to operation kinds, so that each rewrite is tested whatever the
 * bundled rule files name.
 */
final class FixTesting {
    private FixTesting() {
    }

    /** Checks down migrations too, so that the rewrite's own refusal there can be seen. */
    static final String COMMENT_OUT_DROP_TABLE = testRule("t-comment-drop-table", "drop-table", "", "comment-out")
            + "directions: [up, down]\n";
    static final String COMMENT_OUT_DROP_COLUMN = testRule("t-comment-drop-column", "drop-column", "", "comment-out");
    static final String NOT_NULL_IN_STEPS = testRule("t-not-null-in-steps", "add-column",
            "\n  where:\n    not-null: true\n    has-default: false", "not-null-in-steps");
    static final String GUARD_CREATE_TYPE = testRule("t-guard-create-type", "create-type", "", "add-if-not-exists");
    static final String GUARD_ADD_CONSTRAINT = testRule("t-guard-add-constraint", "add-constraint",
            "\n  where:\n    constraint-type: unique", "add-if-not-exists");
    static final String REPLACE_TIMESTAMP = "id: t-prefer-timestamptz\nseverity: warning\nsummary: test\n"
            + "match:\n  kind: [create-table-column, add-column, alter-column-type]\n  where:\n"
            + "    type: {matches: '^timestamp(\\(\\d\\))?( without time zone)?(\\[\\])?$'}\n"
            + "fix:\n  name: replace-type\n  to: timestamptz\n  keep-modifiers: true\n";
    static final String IF_NOT_EXISTS_COLUMN = testRule("t-add-column-if-not-exists", "add-column",
            "\n  where:\n    if-not-exists: false", "add-if-not-exists");
    static final String FIX_UNKNOWN = testRule("t-fix-unknown", "unknown", "", "comment-out");

    static String testRule(String id, String kind, String where, String fix) {
        return "id: " + id + "\nseverity: error\nsummary: test rule\nmessage: test finding\nmatch:\n  kind: " + kind + where
                + "\nfix: " + fix + "\n";
    }

    static RuleSet rules(String... extraYaml) {
        try {
            List<Rule> extra = new ArrayList<>();
            int n = 0;
            for (String y : extraYaml) {
                extra.add(RuleLoader.load("test-rule-" + (n++) + ".yml", y));
            }
            return RuleSet.bundled().plus(extra);
        } catch (RuleLoadException e) {
            throw new IllegalStateException(e.describe(), e);
        }
    }

    /** A linter with every rule on, opt-in ones included. */
    static Linter linter(RuleSet rules) {
        return new Linter(rules, new RuleOverrides(Set.of(),
                rules.all().stream().map(Rule::id).collect(Collectors.toSet()), Map.of()));
    }

    static Fixer fixer(RuleSet rules, Map<String, Object> context, boolean unsafe, String... onlyRules) {
        return new Fixer(linter(rules), TextLinter.settingsFor(context),
                new FixOptions(unsafe, FixOptions.DEFAULT_LOCK_TIMEOUT, Set.of(onlyRules)));
    }

    /** Fixes {@code sql} as a file at {@code path} with only the given rules' findings fixed. */
    static FileFix fix(String sql, Map<String, Object> context, boolean unsafe, String... onlyRules) {
        return fix(rules(), sql, context, unsafe, onlyRules);
    }

    static FileFix fix(RuleSet rules, String sql, Map<String, Object> context, boolean unsafe, String... onlyRules) {
        var settings = TextLinter.settingsFor(context);
        String path = context.containsKey("path") ? String.valueOf(context.get("path")) : "migration.sql";
        return fixer(rules, context, unsafe, onlyRules).fixText(path, sql, settings.dialect(), settings.framework());
    }

    static String reasons(FileFix f) {
        return f.outcomes().stream().map(o -> o.status() + " " + o.finding().ruleId() + "/" + o.rewrite() + ": "
                + (o.reason() == null ? o.fix().description() : o.reason())).collect(Collectors.joining("\n"));
    }

    static FixOutcome only(FileFix f, String ruleId) {
        List<FixOutcome> os = f.outcomes().stream().filter(o -> o.finding().ruleId().equals(ruleId)).toList();
        if (os.size() != 1) {
            throw new AssertionError("expected one outcome for " + ruleId + ", got:\n" + reasons(f));
        }
        return os.get(0);
    }
}
