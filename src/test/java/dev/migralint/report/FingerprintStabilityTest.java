package dev.migralint.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.migralint.rules.FileResult;
import dev.migralint.rules.Finding;
import dev.migralint.rules.RunResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** SARIF partialFingerprints follow the statement, not its line: code scanning keeps an alert's identity across pushes. */
class FingerprintStabilityTest {
    @TempDir
    Path root;

    private static final String INDEX = "CREATE INDEX users_email_idx ON users (email);\n";

    /** The SARIF fingerprints of a rule's results in one file, in file order. */
    private List<String> fingerprints(String text, String ruleId) throws Exception {
        ReportTesting.write(root.resolve("db/0002_index.sql"), text);
        RunResult result = ReportTesting.lint(root, "db/0002_index.sql");
        String sarif = ReportTesting.render(new SarifReporter(ReportTesting.options(root, Map.of())), result);
        JsonNode run = new ObjectMapper().readTree(sarif).path("runs").get(0);
        List<String> out = new ArrayList<>();
        for (JsonNode r : run.path("results")) {
            if (r.path("ruleId").asText().equals(ruleId)) {
                out.add(r.path("partialFingerprints").path(Fingerprints.KEY).asText());
            }
        }
        // The same values straight from Fingerprints, in span order.
        FileResult file = result.files().get(0);
        Map<Finding, String> direct = Fingerprints.of(file);
        List<String> viaApi = file.findings().stream().filter(f -> f.ruleId().equals(ruleId))
                .sorted((a, b) -> Integer.compare(a.span().start(), b.span().start())).map(direct::get).toList();
        assertEquals(viaApi, out, "the SARIF report carries Fingerprints.of");
        return out;
    }

    @Test
    void linesAddedAboveKeepTheFingerprint() throws Exception {
        List<String> before = fingerprints(INDEX, "require-concurrent-index");
        assertEquals(1, before.size());
        List<String> after = fingerprints("-- a comment added above\n\n"
                + "ALTER TABLE users ADD COLUMN nickname text;\n\n"
                + "   " + INDEX, "require-concurrent-index");
        assertEquals(before, after, "moving the statement down (and right) keeps its fingerprint");
        List<String> reformatted = fingerprints("CREATE INDEX users_email_idx\n    ON users (email); -- trailing\n",
                "require-concurrent-index");
        assertEquals(before, reformatted, "layout and comments are not part of the fingerprint");
    }

    @Test
    void editingTheStatementChangesTheFingerprint() throws Exception {
        String before = fingerprints(INDEX, "require-concurrent-index").get(0);
        String otherColumn = fingerprints("CREATE INDEX users_email_idx ON users (lower(email));\n",
                "require-concurrent-index").get(0);
        String otherName = fingerprints("CREATE INDEX users_mail_idx ON users (email);\n", "require-concurrent-index").get(0);
        assertNotEquals(before, otherColumn);
        assertNotEquals(before, otherName);
        assertNotEquals(otherColumn, otherName);
    }

    @Test
    void identicalStatementsAreToldApartByTheirOrder() throws Exception {
        String twice = "DROP TABLE a;\nDROP TABLE a;\n";
        List<String> fp = fingerprints(twice, "ban-drop-table");
        assertEquals(2, fp.size());
        assertNotEquals(fp.get(0), fp.get(1), "the occurrence index separates identical statements");
        List<String> moved = fingerprints("DROP TABLE b;\n\n" + twice, "ban-drop-table");
        assertEquals(3, moved.size());
        assertTrue(moved.containsAll(fp), "both keep their fingerprints when another statement comes first");
    }

    @Test
    void theRuleIsPartOfTheFingerprint() throws Exception {
        ReportTesting.write(root.resolve("db/0002_index.sql"), INDEX);
        RunResult result = ReportTesting.lint(root, "db/0002_index.sql");
        Map<Finding, String> fp = Fingerprints.of(result.files().get(0));
        assertTrue(fp.size() >= 2, "several rules report this statement: " + fp.keySet());
        assertEquals(fp.size(), new java.util.HashSet<>(fp.values()).size(), "one fingerprint per finding");
    }
}
