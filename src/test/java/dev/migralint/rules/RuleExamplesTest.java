package dev.migralint.rules;

import dev.migralint.fix.FileFix;
import dev.migralint.fix.FixOptions;
import dev.migralint.fix.Fixer;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Every example in every bundled rule file is a test: bad raises exactly that rule, good does not, and fixed is
 * exactly what the rule's fix makes of the bad text, and lints clean for the rule.
 */
class RuleExamplesTest {

    @TestFactory
    List<DynamicNode> examples() throws RuleLoadException {
        RuleSet rules = RuleSet.bundled();
        TextLinter linter = new TextLinter(rules, new dev.migralint.config.RuleOverrides(java.util.Set.of(),
                rules.all().stream().map(Rule::id).collect(Collectors.toSet()), java.util.Map.of()));
        Linter fixLinter = new Linter(rules, new dev.migralint.config.RuleOverrides(java.util.Set.of(),
                rules.all().stream().map(Rule::id).collect(Collectors.toSet()), java.util.Map.of()));
        List<DynamicNode> containers = new ArrayList<>();
        for (Rule rule : rules.all()) {
            if (rule.verifyOnly()) {
                continue; // small projects for a real server: VerifyRuleExamplesTest
            }
            List<DynamicTest> tests = new ArrayList<>();
            int n = 0;
            for (RuleExample ex : rule.examples()) {
                n++;
                String name = (ex.isBad() ? "bad" : "good") + " #" + n + " (line " + ex.line() + ")";
                tests.add(DynamicTest.dynamicTest(name, () -> check(linter, rule, ex)));
                if (ex.fixed() != null) {
                    tests.add(DynamicTest.dynamicTest("fixed #" + n + " lints clean", () -> {
                        var result = linter.lint(ex.fixed(), ex.context());
                        assertFalse(raised(result, rule.id()), () -> rule.id() + ": fixed text still raises the rule:\n"
                                + ex.fixed());
                    }));
                    tests.add(DynamicTest.dynamicTest("fixed #" + n + " is the fix's output", () ->
                            checkFixOutput(fixLinter, rule, ex)));
                }
            }
            containers.add(DynamicContainer.dynamicContainer(rule.id(), tests));
        }
        return containers;
    }

    private static void check(TextLinter linter, Rule rule, RuleExample ex) {
        TextLinter.Result result = linter.lint(ex.sql(), ex.context());
        boolean raised = raised(result, rule.id());
        if (ex.isBad() && !raised) {
            fail(rule.id() + ": bad example did not raise the rule:\n" + ex.sql() + "\noperations: "
                    + describe(result));
        }
        if (!ex.isBad() && raised) {
            fail(rule.id() + ": good example raised the rule:\n" + ex.sql() + "\nfindings: " + result.findings());
        }
        if (ex.message() != null) {
            String message = result.findings().stream().filter(f -> f.ruleId().equals(rule.id()) && !f.suppressed())
                    .findFirst().map(Finding::message).orElse(null);
            assertEquals(ex.message(), message, () -> rule.id() + ": the bad example's message differs from 'message'");
        }
        if (ex.severity() != null) {
            String severity = result.findings().stream().filter(f -> f.ruleId().equals(rule.id()) && !f.suppressed())
                    .findFirst().map(f -> f.severity().name().toLowerCase(java.util.Locale.ROOT)).orElse(null);
            assertEquals(ex.severity(), severity, () -> rule.id() + ": the bad example's severity differs from 'severity'");
        }
    }

    /**
     * The fixer, run on the bad text with only this rule's findings to fix (unsafe fixes included, as rule files show
     * them too), must produce the fixed text exactly; a second run must change nothing.
     */
    private static void checkFixOutput(Linter linter, Rule rule, RuleExample ex) {
        var settings = TextLinter.settingsFor(ex.context());
        String path = ex.context().containsKey("path") ? String.valueOf(ex.context().get("path")) : "example.sql";
        Fixer fixer = new Fixer(linter, settings, new FixOptions(true, FixOptions.DEFAULT_LOCK_TIMEOUT,
                java.util.Set.of(rule.id())));
        FileFix once = fixer.fixText(path, ex.bad(), settings.dialect(), settings.framework());
        assertEquals(ex.fixed(), once.fixed(), () -> rule.id() + ": the fix's output differs from 'fixed'; outcomes: "
                + once.outcomes().stream().map(o -> o.status() + " " + o.rewrite() + ": "
                + (o.reason() == null ? o.fix().description() : o.reason())).collect(Collectors.joining("; ")));
        FileFix twice = fixer.fixText(path, once.fixed(), settings.dialect(), settings.framework());
        assertEquals(once.fixed(), twice.fixed(), () -> rule.id() + ": fixing the fixed text changed it again");
    }

    static boolean raised(TextLinter.Result result, String id) {
        return result.findings().stream().anyMatch(f -> f.ruleId().equals(id) && !f.suppressed());
    }

    static String describe(TextLinter.Result result) {
        var catalog = dev.migralint.sql.op.OperationCatalog.get();
        return result.file().operations().stream()
                .map(o -> catalog.kindName(o.operation().operation()) + catalog.facts(o.operation().operation()) + " ctx=" + o.context())
                .collect(Collectors.joining("\n  ", "\n  ", ""));
    }

    @Test
    void everyRuleHasTwoBadAndTwoGoodExamples() throws RuleLoadException {
        for (Rule rule : RuleSet.bundled().all()) {
            if (rule.verifyOnly()) {
                // Reported by migralint verify from a real server: VerifyRuleExamplesTest runs its examples there.
                assertTrue(rule.kinds().isEmpty(), rule.id());
                continue;
            }
            long bad = rule.examples().stream().filter(RuleExample::isBad).count();
            long good = rule.examples().size() - bad;
            assertTrue(bad >= 2 && good >= 2, rule.id() + " has " + bad + " bad and " + good + " good examples");
        }
    }

    @Test
    void everyRuleHasDocs() throws RuleLoadException {
        for (Rule rule : RuleSet.bundled().all()) {
            assertTrue(rule.description() != null && rule.description().length() > 80, rule.id() + " needs a description");
            assertTrue(rule.help() != null && !rule.help().isBlank(), rule.id() + " needs a help line");
            assertEquals(rule.source(), "rules/" + rule.id() + ".yml", "file name must match the id");
        }
    }
}
