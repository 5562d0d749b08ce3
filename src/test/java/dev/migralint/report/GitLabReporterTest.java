package dev.migralint.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.migralint.rules.RunResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** GitLab Code Quality: the fields the merge request widget reads, severities, unique fingerprints. */
class GitLabReporterTest {
    @TempDir
    Path root;

    @Test
    void codeQualityIssues() throws Exception {
        SarifReporterTest.fixture(root);
        // The same statement in two files: fingerprints must still be unique across the report.
        ReportTesting.write(root.resolve("db/008_again.sql"), "DROP TABLE users;\n");
        RunResult result = ReportTesting.lint(root, "db");
        String json = ReportTesting.render(new GitLabReporter(ReportTesting.options(root, Map.of())), result);
        JsonNode issues = new ObjectMapper().readTree(json);
        assertTrue(issues.isArray() && issues.size() > 0, json);
        Set<String> fingerprints = new HashSet<>();
        Set<String> severities = new HashSet<>();
        for (JsonNode i : issues) {
            assertFalse(i.path("description").asText().isBlank());
            assertFalse(i.path("check_name").asText().isBlank());
            assertTrue(fingerprints.add(i.path("fingerprint").asText()), "unique fingerprint: " + i);
            assertTrue(List.of("info", "minor", "major", "critical", "blocker").contains(i.path("severity").asText()));
            severities.add(i.path("check_name").asText() + "=" + i.path("severity").asText());
            assertFalse(i.path("location").path("path").asText().isBlank());
            assertTrue(i.path("location").path("lines").path("begin").asInt() >= 1);
            assertFalse(i.path("check_name").asText().equals("ban-drop-column"), "ignored findings are left out");
        }
        assertTrue(severities.contains("ban-drop-table=blocker"), severities.toString());
        assertTrue(severities.contains("require-concurrent-index=critical"), severities.toString());
        assertTrue(severities.contains("require-lock-timeout=major"), severities.toString());
        assertTrue(severities.contains("unrecognized-statement=info"), severities.toString());
        long drops = 0;
        for (JsonNode i : issues) {
            if (i.path("check_name").asText().equals("ban-drop-table")) {
                drops++;
            }
        }
        assertEquals(2, drops);
    }
}
