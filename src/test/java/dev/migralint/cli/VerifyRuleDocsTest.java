package dev.migralint.cli;

import dev.migralint.config.RuleOverrides;
import dev.migralint.rules.Rule;
import dev.migralint.rules.RuleLoadException;
import dev.migralint.rules.RuleLoader;
import dev.migralint.rules.RuleSet;
import dev.migralint.verify.VerifyFinding;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The ids migralint verify reports have rule files of set: verify, which explain and rules show and check never runs. */
class VerifyRuleDocsTest {

    @Test
    void everyVerifyIdHasARuleFileAndNoOtherRuleIsVerifyOnly() throws RuleLoadException {
        Set<String> verifyOnly = RuleSet.bundled().all().stream().filter(Rule::verifyOnly).map(Rule::id)
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(new TreeSet<>(VerifyFinding.IDS), verifyOnly);
    }

    @Test
    void checkNeverRunsThemEvenWhenEnabledById() throws RuleLoadException {
        RuleSet rules = RuleSet.bundled();
        Set<String> all = rules.all().stream().map(Rule::id).collect(Collectors.toSet());
        Set<String> enabled = rules.enabled(new RuleOverrides(Set.of(), all, Map.of())).stream().map(Rule::id)
                .collect(Collectors.toSet());
        for (String id : VerifyFinding.IDS) {
            assertTrue(!enabled.contains(id), id + " is enabled for check");
        }
        CliRunner.Run check = CliRunner.run("check", "--format", "text", "examples/migrations");
        for (String id : VerifyFinding.IDS) {
            assertTrue(!check.out().contains(id), id + " reported by check:\n" + check.out());
        }
    }

    @Test
    void explainAndRulesShowThem() {
        for (String id : VerifyFinding.IDS) {
            CliRunner.Run r = CliRunner.run("explain", id);
            assertEquals(0, r.exit(), r.all());
            assertTrue(r.out().startsWith("# " + id + "\n"), r.out());
            assertTrue(r.out().contains("Set: verify") && r.out().contains("Reported by `migralint verify`"), r.out());
        }
        CliRunner.Run list = CliRunner.run("rules");
        assertEquals(0, list.exit(), list.all());
        for (String id : VerifyFinding.IDS) {
            assertTrue(list.out().lines().anyMatch(l -> l.startsWith(id + " ") && l.contains("verify only")), list.out());
        }
    }

    @Test
    void theLoaderRefusesMatchingKeysInAVerifyRule() {
        String base = "id: my-check\nset: verify\nseverity: error\nsummary: s\n";
        RuleLoadException match = assertThrows(RuleLoadException.class,
                () -> RuleLoader.load("my-check.yml", base + "match:\n  kind: drop-table\n"));
        assertTrue(match.describe().contains("my-check.yml:") && match.getMessage().contains("'match'"),
                match.describe());
        RuleLoadException examples = assertThrows(RuleLoadException.class,
                () -> RuleLoader.load("my-check.yml", base + "examples:\n  - bad: DROP TABLE t;\n"));
        assertTrue(examples.getMessage().contains("must be a mapping"), examples.getMessage());
        RuleLoadException typo = assertThrows(RuleLoadException.class,
                () -> RuleLoader.load("my-check.yml", base.replace("set: verify", "set: verfy")));
        assertTrue(typo.getMessage().contains("verify"), typo.getMessage());
    }
}
