package dev.migralint.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.migralint.rules.RunResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every format says when a finding is in a down migration: the same plain index, once forward and once on rollback. */
class DirectionOutputTest {
    @TempDir
    static Path root;
    static RunResult result;

    @BeforeAll
    static void lint() {
        String index = "CREATE INDEX users_nick ON users (nickname);\n";
        ReportTesting.write(root.resolve("migrations/000002_nick.up.sql"), index);
        ReportTesting.write(root.resolve("migrations/000002_nick.down.sql"), index);
        result = ReportTesting.lint(root, "migrations");
    }

    @Test
    void json() throws Exception {
        JsonNode files = new ObjectMapper().readTree(ReportTesting.render(new JsonReporter("1.2.3"), result)).get("files");
        int seen = 0;
        for (JsonNode file : files) {
            for (JsonNode f : file.get("findings")) {
                if (f.get("rule").asText().equals("require-concurrent-index")) {
                    boolean down = file.get("path").asText().endsWith(".down.sql");
                    assertEquals(down ? "down" : "up", f.get("direction").asText());
                    assertEquals(down ? "warning" : "error", f.get("severity").asText());
                    seen++;
                }
            }
        }
        assertEquals(2, seen);
    }

    @Test
    void sarif() throws Exception {
        String json = ReportTesting.render(new SarifReporter(ReportTesting.options(root, Map.of())), result);
        int seen = 0;
        for (JsonNode r : new ObjectMapper().readTree(json).path("runs").get(0).path("results")) {
            if (r.path("ruleId").asText().equals("require-concurrent-index")) {
                String uri = r.path("locations").get(0).path("physicalLocation").path("artifactLocation").path("uri").asText();
                assertEquals(uri.endsWith(".down.sql") ? "down" : "up", r.path("properties").path("direction").asText(), uri);
                assertEquals(uri.endsWith(".down.sql") ? "warning" : "error", r.path("level").asText(), uri);
                seen++;
            }
        }
        assertEquals(2, seen);
    }

    @Test
    void text() {
        String text = ReportTesting.render(new TextReporter(new Style(false), false), result);
        assertTrue(text.lines().anyMatch(l -> l.startsWith("migrations/000002_nick.down.sql:1:1: warning[require-concurrent-index]")
                && l.endsWith("(down migration)")), text);
        assertTrue(text.lines().anyMatch(l -> l.startsWith("migrations/000002_nick.up.sql:1:1: error[require-concurrent-index]")
                && !l.contains("(down migration)")), text);
    }

    @Test
    void gitHubGitLabAndRdjson() {
        String github = ReportTesting.render(new GitHubReporter(ReportTesting.options(root, Map.of())), result);
        assertTrue(github.lines().anyMatch(l -> l.startsWith("::warning file=migrations/000002_nick.down.sql")
                && l.contains("title=migralint require-concurrent-index (down migration)")), github);
        assertTrue(github.lines().anyMatch(l -> l.startsWith("::error file=migrations/000002_nick.up.sql")
                && !l.contains("(down migration)")), github);
        String gitlab = ReportTesting.render(new GitLabReporter(ReportTesting.options(root, Map.of())), result);
        assertTrue(gitlab.contains("(down migration)"), gitlab);
        String rdjson = ReportTesting.render(new RdjsonReporter(ReportTesting.options(root, Map.of())), result);
        assertTrue(rdjson.contains("(down migration)"), rdjson);
        assertFalse(rdjson.replace("(down migration)", "").contains("down migration"), rdjson);
    }
}
