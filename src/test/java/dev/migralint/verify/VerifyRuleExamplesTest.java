package dev.migralint.verify;

import dev.migralint.analysis.AnalysisSettings;
import dev.migralint.config.TransactionMode;
import dev.migralint.rules.Rule;
import dev.migralint.rules.RuleExample;
import dev.migralint.rules.RuleSet;
import dev.migralint.sql.Dialect;
import dev.migralint.workspace.FileCollector;
import dev.migralint.workspace.Framework;
import dev.migralint.workspace.ProjectLayout;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The examples of the {@code set: verify} rules, run as {@code migralint verify} runs them: each example's files
 * written to a fresh directory, planned with its runner, and applied on a throwaway PostgreSQL. A bad example must get
 * a finding of its rule (where {@code at:} says, with {@code message:} in its text); a good one must get none.
 * Skipped when no PostgreSQL server binaries are installed ({@code .ci/run} installs them).
 */
class VerifyRuleExamplesTest {
    private static ThrowawayServer server;

    @BeforeAll
    static void start() throws Exception {
        List<PostgresBinaries.Found> local = PostgresBinaries.local();
        Assumptions.assumeFalse(local.isEmpty(), "no PostgreSQL server binaries installed; skipping");
        server = ThrowawayServer.start(local.get(0));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static List<Rule> verifyRules() throws Exception {
        return RuleSet.bundled().all().stream().filter(Rule::verifyOnly).toList();
    }

    @Test
    void everyVerifyRuleHasABadAndAGoodExample() throws Exception {
        List<Rule> rules = verifyRules();
        assertEquals(VerifyFinding.IDS.size(), rules.size(), "one rule file per id verify reports");
        for (Rule rule : rules) {
            assertTrue(VerifyFinding.IDS.contains(rule.id()), rule.id() + " is not an id verify reports");
            long bad = rule.examples().stream().filter(RuleExample::isBad).count();
            long good = rule.examples().size() - bad;
            assertTrue(bad >= 1 && good >= 1, rule.id() + " has " + bad + " bad and " + good + " good examples");
        }
    }

    @TestFactory
    List<DynamicTest> examples() throws Exception {
        List<DynamicTest> out = new ArrayList<>();
        for (Rule rule : verifyRules()) {
            for (RuleExample ex : rule.examples()) {
                out.add(DynamicTest.dynamicTest(rule.id() + " line " + ex.line() + (ex.isBad() ? " bad" : " good"),
                        () -> check(rule, ex)));
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static void check(Rule rule, RuleExample ex) throws Exception {
        Map<String, Object> ctx = ex.context();
        Framework runner = Framework.fromId((String) ctx.get("runner"));
        assertNotNull(runner, rule.source() + ":" + ex.line() + ": unknown runner " + ctx.get("runner"));
        Path dir = Files.createTempDirectory("migralint-verify-example");
        try {
            for (Map.Entry<String, Object> f : ((Map<String, Object>) ctx.get("files")).entrySet()) {
                Path p = dir.resolve(f.getKey());
                Files.createDirectories(p.getParent());
                Files.writeString(p, (String) f.getValue());
            }
            var candidates = new FileCollector(dir, List.of(), List.of()).collect(List.of("."), dir).files();
            int version = ctx.containsKey("postgres-version")
                    ? Integer.parseInt(String.valueOf(ctx.get("postgres-version"))) : server.binaries().major();
            AnalysisSettings settings = new AnalysisSettings(Dialect.POSTGRESQL, version, TransactionMode.AUTO,
                    Framework.PLAIN);
            Set<String> change = new LinkedHashSet<>((List<String>) ctx.get("changed"));
            VerifyPlan plan = VerifyPlan.build(candidates, change, new ProjectLayout(runner, Dialect.POSTGRESQL),
                    settings, 10_000_000);
            int rows = ctx.containsKey("rows") ? Integer.parseInt(String.valueOf(ctx.get("rows"))) : 0;
            VerifyResult r = new Verifier(Targets.server(server), new Verifier.Options(60, rows)).run(plan, 0);
            List<VerifyFinding> mine = r.findings().stream().filter(f -> f.ruleId().equals(rule.id())).toList();
            String where = rule.source() + ":" + ex.line() + ": " + r.findings();
            if (!ex.isBad()) {
                assertTrue(mine.isEmpty(), where);
                return;
            }
            assertTrue(!mine.isEmpty(), where);
            if (ctx.containsKey("at")) {
                String at = String.valueOf(ctx.get("at"));
                assertTrue(mine.stream().anyMatch(f -> at.equals(f.path() + ":" + f.line())), "at " + at + ": " + where);
            }
            if (ex.message() != null) {
                assertTrue(mine.stream().anyMatch(f -> f.message().contains(ex.message())),
                        "message containing '" + ex.message() + "': " + where);
            }
        } finally {
            try (var walk = Files.walk(dir)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
