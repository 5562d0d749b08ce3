package dev.migralint.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.migralint.rules.RunResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The SARIF log's structure: rules, results, regions, fingerprints, suppressions, fixes, notifications, URIs. */
class SarifReporterTest {
    @TempDir
    static Path root;
    static JsonNode run;

    /** A small repository with one of everything SARIF has a place for. */
    static void fixture(Path root) throws Exception {
        ReportTesting.write(root.resolve("db/001_init.sql"), "CREATE TABLE users (id bigint PRIMARY KEY, email text, legacy text);\n");
        ReportTesting.write(root.resolve("db/002_index.sql"), "-- add an index\nCREATE INDEX users_email_idx ON users (email);\n");
        ReportTesting.write(root.resolve("db/003_ignore.sql"),
                "-- migralint-ignore ban-drop-column: column unused since release 4.2\nALTER TABLE users DROP COLUMN legacy;\n");
        ReportTesting.write(root.resolve("db/004_unknown.sql"), "FROBNICATE TABLE users;\n");
        Files.createDirectories(root.resolve("db"));
        Files.write(root.resolve("db/005_binary.sql"), new byte[] {0x00, 0x01, 0x02, (byte) 0xff, 0x00, 'x'});
        ReportTesting.write(root.resolve("db/more files/006 drop ü#.sql"), "DROP TABLE users;\n");
    }

    @BeforeAll
    static void lint() throws Exception {
        fixture(root);
        RunResult result = ReportTesting.lint(root, "db");
        Reporters.Options options = ReportTesting.options(root, Map.of()).withFixes(ReportTesting.FAKE_FIXES);
        String json = ReportTesting.render(new SarifReporter(options), result);
        JsonNode log = new ObjectMapper().readTree(json);
        assertEquals("2.1.0", log.path("version").asText());
        assertEquals(SarifReporter.SCHEMA, log.path("$schema").asText());
        assertEquals(1, log.path("runs").size(), "one run");
        run = log.path("runs").get(0);
    }

    static List<JsonNode> results(String ruleId) {
        List<JsonNode> out = new ArrayList<>();
        run.path("results").forEach(r -> {
            if (r.path("ruleId").asText().equals(ruleId)) {
                out.add(r);
            }
        });
        return out;
    }

    @Test
    void driverDescribesEveryEnabledRule() {
        JsonNode driver = run.path("tool").path("driver");
        assertEquals("migralint", driver.path("name").asText());
        assertEquals("1.2.3", driver.path("version").asText());
        assertEquals(Docs.PROJECT_URL, driver.path("informationUri").asText());
        JsonNode rules = driver.path("rules");
        assertEquals(ReportTesting.options(root, Map.of()).rules().size(), rules.size());
        JsonNode rci = null;
        for (JsonNode r : rules) {
            assertFalse(r.path("shortDescription").path("text").asText().isBlank(), r.toString());
            assertFalse(r.path("fullDescription").path("text").asText().isBlank(), r.toString());
            assertFalse(r.path("help").path("text").asText().isBlank(), r.toString());
            assertTrue(r.path("help").path("markdown").asText().startsWith("# " + r.path("id").asText()), "explain Markdown");
            assertEquals(Docs.ruleUrl(r.path("id").asText()), r.path("helpUri").asText());
            assertTrue(List.of("error", "warning", "note").contains(r.path("defaultConfiguration").path("level").asText()));
            if (r.path("id").asText().equals("require-concurrent-index")) {
                rci = r;
            }
        }
        assertNotNull(rci);
        assertTrue(rci.path("helpUri").asText().endsWith("docs/rules.md#require-concurrent-index"));
        assertEquals("error", rci.path("defaultConfiguration").path("level").asText());
        assertTrue(rci.path("properties").path("tags").toString().contains("locking"), rci.toString());
    }

    @Test
    void resultsPointIntoTheRulesWithRegionsAndFingerprints() {
        JsonNode rules = run.path("tool").path("driver").path("rules");
        assertTrue(run.path("results").size() > 0);
        for (JsonNode r : run.path("results")) {
            int index = r.path("ruleIndex").asInt(-1);
            assertEquals(r.path("ruleId").asText(), rules.get(index).path("id").asText(), "ruleIndex matches ruleId");
            assertFalse(r.path("message").path("text").asText().isBlank());
            JsonNode loc = r.path("locations").get(0).path("physicalLocation");
            assertEquals(SarifReporter.SRCROOT, loc.path("artifactLocation").path("uriBaseId").asText());
            assertTrue(loc.path("region").path("startLine").asInt() >= 1);
            assertEquals(64, r.path("partialFingerprints").path(Fingerprints.KEY).asText().length());
        }
        JsonNode index = results("require-concurrent-index").get(0);
        assertEquals("error", index.path("level").asText());
        JsonNode loc = index.path("locations").get(0).path("physicalLocation");
        assertEquals("db/002_index.sql", loc.path("artifactLocation").path("uri").asText());
        JsonNode region = loc.path("region");
        assertEquals(2, region.path("startLine").asInt());
        assertEquals(1, region.path("startColumn").asInt());
        assertEquals(2, region.path("endLine").asInt());
        assertTrue(region.path("endColumn").asInt() > 40, region.toString());
        assertTrue(index.path("message").path("text").asText().contains("SHARE"), "the message names the lock");
        assertTrue(index.path("properties").path("lock").path("mode").asText().contains("SHARE"));
        String root = run.path("originalUriBaseIds").path(SarifReporter.SRCROOT).path("uri").asText();
        assertTrue(root.startsWith("file:///") && root.endsWith("/"), root);
    }

    @Test
    void pathsAreEncodedRelativeUris() {
        JsonNode drop = results("ban-drop-table").get(0);
        assertEquals("db/more%20files/006%20drop%20%C3%BC%23.sql",
                drop.path("locations").get(0).path("physicalLocation").path("artifactLocation").path("uri").asText());
    }

    @Test
    void inACheckoutPathsAreRelativeToTheRepositoryRoot(@TempDir Path ws) throws Exception {
        Path root = ws.resolve("services/api");
        ReportTesting.write(root.resolve("db/001.sql"), "DROP TABLE users;\n");
        RunResult result = ReportTesting.lint(root, "db");
        Map<String, String> env = Map.of("GITHUB_WORKSPACE", ws.toString(), "GITHUB_REPOSITORY", "octo/shop",
                "GITHUB_SHA", "0123456789abcdef0123456789abcdef01234567", "GITHUB_REF_NAME", "main");
        JsonNode run = new ObjectMapper().readTree(ReportTesting.render(
                new SarifReporter(ReportTesting.options(root, env)), result)).path("runs").get(0);
        assertEquals("services/api/db/001.sql", run.path("results").get(0).path("locations").get(0)
                .path("physicalLocation").path("artifactLocation").path("uri").asText());
        assertEquals(ReportPaths.rootUri(ws), run.path("originalUriBaseIds").path(SarifReporter.SRCROOT).path("uri").asText());
        JsonNode vcs = run.path("versionControlProvenance").get(0);
        assertEquals("https://github.com/octo/shop", vcs.path("repositoryUri").asText());
        assertEquals("0123456789abcdef0123456789abcdef01234567", vcs.path("revisionId").asText());
        assertEquals(SarifReporter.SRCROOT, vcs.path("mappedTo").path("uriBaseId").asText());
        assertTrue(SarifReporterTest.run.path("versionControlProvenance").isMissingNode(), "none outside CI");
    }

    @Test
    void inlineIgnoresAreSuppressionsWithTheirReason() {
        JsonNode drop = results("ban-drop-column").get(0);
        JsonNode s = drop.path("suppressions").get(0);
        assertEquals("inSource", s.path("kind").asText());
        assertEquals("column unused since release 4.2", s.path("justification").asText());
        for (JsonNode r : results("require-concurrent-index")) {
            assertTrue(r.path("suppressions").isMissingNode(), "not suppressed");
        }
    }

    @Test
    void availableFixesAreReplacements() {
        JsonNode fix = results("require-concurrent-index").get(0).path("fixes").get(0);
        assertFalse(fix.path("description").path("text").asText().isBlank());
        JsonNode change = fix.path("artifactChanges").get(0);
        assertEquals("db/002_index.sql", change.path("artifactLocation").path("uri").asText());
        JsonNode rep = change.path("replacements").get(0);
        JsonNode deleted = rep.path("deletedRegion");
        assertEquals(2, deleted.path("startLine").asInt());
        assertEquals(13, deleted.path("startColumn").asInt(), "right after CREATE INDEX");
        assertEquals(deleted.path("startColumn").asInt(), deleted.path("endColumn").asInt(), "an insertion");
        assertEquals(" CONCURRENTLY", rep.path("insertedContent").path("text").asText());
        assertTrue(results("ban-drop-table").get(0).path("fixes").isMissingNode(), "no fix, no fixes");
    }

    @Test
    void whatCouldNotBeAnalysedIsAToolExecutionNotification() {
        JsonNode invocation = run.path("invocations").get(0);
        assertTrue(invocation.path("executionSuccessful").asBoolean());
        List<String> texts = new ArrayList<>();
        List<String> uris = new ArrayList<>();
        for (JsonNode n : invocation.path("toolExecutionNotifications")) {
            texts.add(n.path("message").path("text").asText());
            uris.add(n.path("locations").get(0).path("physicalLocation").path("artifactLocation").path("uri").asText());
            assertEquals(n.path("associatedRule").path("id").asText(),
                    run.path("tool").path("driver").path("rules").get(n.path("associatedRule").path("index").asInt())
                            .path("id").asText());
        }
        assertTrue(uris.contains("db/004_unknown.sql"), uris.toString());
        assertTrue(uris.contains("db/005_binary.sql"), uris.toString());
        assertEquals(1, results("unrecognized-statement").size());
        assertEquals("note", results("unrecognized-statement").get(0).path("level").asText());
    }
}
