package dev.migralint.rules;

import dev.migralint.config.RuleOverrides;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Rule sets (recommended by default, strict with extends) and supersedes (one finding per problem). */
class RuleSetsTest {
    private static java.util.Optional<Rule> find(RuleSet rules, String id) {
        return rules.all().stream().filter(r -> r.id().equals(id)).findFirst();
    }

    private static List<String> rules(TextLinter linter, String sql) {
        return linter.lint(sql, Map.of()).findings().stream().map(Finding::ruleId).toList();
    }

    @Test
    void strictRulesRunOnlyWhenExtendedOrNamed() throws Exception {
        RuleSet bundled = RuleSet.bundled();
        String sql = "CREATE TABLE t (id serial PRIMARY KEY, at timestamp);\n";
        List<String> byDefault = rules(new TextLinter(bundled, RuleOverrides.none()), sql);
        assertFalse(byDefault.contains("prefer-timestamptz"), byDefault.toString());
        assertFalse(byDefault.contains("prefer-if-not-exists"), byDefault.toString());
        List<String> strict = rules(new TextLinter(bundled, RuleOverrides.none().withSets(Set.of("recommended", "strict"))), sql);
        assertTrue(strict.containsAll(List.of("prefer-timestamptz", "prefer-if-not-exists", "prefer-identity")), strict.toString());
        List<String> one = rules(new TextLinter(bundled, new RuleOverrides(Set.of(), Set.of("prefer-timestamptz"), Map.of())), sql);
        assertTrue(one.contains("prefer-timestamptz") && !one.contains("prefer-identity"), one.toString());
        List<String> off = rules(new TextLinter(bundled, RuleOverrides.none().withSets(Set.of("recommended", "strict"))
                .withDisabled(Set.of("prefer-timestamptz"))), sql);
        assertFalse(off.contains("prefer-timestamptz"), off.toString());
    }

    /** The rules a statistics snapshot can lower: those whose severity-when reads a table statistics fact. */
    @Test
    void sizeAwareRulesAreThoseWhoseSeverityFollowsTheStatistics() throws Exception {
        RuleSet bundled = RuleSet.bundled();
        Set<String> sizeAware = new Linter(bundled, RuleOverrides.none()).sizeAwareRules();
        assertTrue(sizeAware.contains("require-concurrent-index"), sizeAware.toString());
        assertFalse(sizeAware.contains("ban-drop-column"), sizeAware.toString());
        for (Rule r : bundled.all()) {
            boolean readsStats = r.severityWhen().stream().anyMatch(w -> w.where().toString().contains("table-"));
            if (sizeAware.contains(r.id())) {
                assertTrue(readsStats, r.id());
            }
        }
        assertTrue(new Linter(bundled, RuleOverrides.none().withDisabled(Set.of("require-concurrent-index")))
                .sizeAwareRules().stream().noneMatch("require-concurrent-index"::equals), "only enabled rules");
    }

    @Test
    void everyStyleRuleIsStrictAndEverySupersededRuleExists() throws Exception {
        RuleSet bundled = RuleSet.bundled();
        for (String id : List.of("prefer-timestamptz", "prefer-bigint-keys", "prefer-text-field", "prefer-identity",
                "prefer-jsonb", "ban-char-field", "prefer-if-exists", "prefer-if-not-exists")) {
            assertEquals("strict", find(bundled, id).orElseThrow().set(), id);
        }
        for (Rule r : bundled.all()) {
            for (String other : r.supersedes()) {
                assertTrue(find(bundled, other).isPresent(), r.id() + " supersedes unknown rule " + other);
            }
        }
    }

    @Test
    void theSpecificFindingReplacesTheGeneralOneOnTheSameStatement() throws Exception {
        TextLinter linter = new TextLinter(RuleSet.bundled(), RuleOverrides.none());
        // A serial primary key added to an existing table: one problem (the rewrite holding the lock), one finding.
        List<String> serial = rules(linter, "ALTER TABLE accounts ADD COLUMN id bigserial PRIMARY KEY;\n");
        assertTrue(serial.contains("adding-auto-increment-column"), serial.toString());
        assertFalse(serial.contains("adding-field-with-volatile-default"), serial.toString());
        assertFalse(serial.contains("adding-indexed-column"), serial.toString());
        // Without the serial, the volatile default is the finding.
        List<String> uuid = rules(linter, "ALTER TABLE accounts ADD COLUMN code uuid DEFAULT gen_random_uuid();\n");
        assertTrue(uuid.contains("adding-field-with-volatile-default"), uuid.toString());
        // The validating scan under a lock taken earlier in the transaction: constraint-missing-not-valid says it.
        String held = "BEGIN;\nALTER TABLE orders RENAME COLUMN note TO remark;\n"
                + "ALTER TABLE orders ADD CONSTRAINT positive CHECK (total > 0);\nCOMMIT;\n";
        List<String> inTx = rules(linter, held);
        assertTrue(inTx.contains("constraint-missing-not-valid"), inTx.toString());
        assertFalse(inTx.contains("exclusive-lock-held-too-long"), inTx.toString());
    }
}
