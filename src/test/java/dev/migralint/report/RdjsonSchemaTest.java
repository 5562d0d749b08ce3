package dev.migralint.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.migralint.rules.RunResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Acceptance: rdjson output validates against reviewdog's published schema (vendored under src/test/resources). */
class RdjsonSchemaTest {
    @TempDir
    Path root;

    static Schema schema() throws Exception {
        try (InputStream in = RdjsonSchemaTest.class.getResourceAsStream("/reviewdog/DiagnosticResult.json")) {
            assertNotNull(in, "vendored schema missing");
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4).getSchema(in);
        }
    }

    private static void assertValid(Schema schema, String json) {
        List<Error> errors = schema.validate(json, InputFormat.JSON);
        assertTrue(errors.isEmpty(), errors + "\n" + json);
    }

    @Test
    void theSchemaRejectsWhatItShould() throws Exception {
        Schema schema = schema();
        assertTrue(!schema.validate("{\"diagnostics\": {}}", InputFormat.JSON).isEmpty(), "diagnostics must be an array");
        assertTrue(!schema.validate("{\"diagnostics\": [{\"location\": {\"range\": {\"start\": {\"line\": \"1\"}}}}]}",
                InputFormat.JSON).isEmpty(), "a line is an integer");
    }

    @Test
    void fixtureValidatesWithSuggestionsAndByteColumns() throws Exception {
        SarifReporterTest.fixture(root);
        // A multi-byte character before the finding: rdjson columns count UTF-8 bytes.
        ReportTesting.write(root.resolve("db/007_utf8.sql"), "/* é */ CREATE INDEX idx_ü ON users (email);\n");
        RunResult result = ReportTesting.lint(root, "db");
        Reporters.Options options = ReportTesting.options(root, Map.of()).withFixes(ReportTesting.FAKE_FIXES);
        String json = ReportTesting.render(new RdjsonReporter(options), result);
        assertValid(schema(), json);

        JsonNode log = new ObjectMapper().readTree(json);
        assertEquals("migralint", log.path("source").path("name").asText());
        assertEquals("ERROR", log.path("severity").asText());
        JsonNode utf8 = null;
        JsonNode index = null;
        for (JsonNode d : log.path("diagnostics")) {
            assertTrue(List.of("ERROR", "WARNING", "INFO").contains(d.path("severity").asText()));
            assertTrue(d.path("code").path("url").asText().startsWith(Docs.RULES_URL));
            assertTrue(!d.path("code").path("value").asText().equals("ban-drop-column"), "ignored findings are left out");
            if (d.path("code").path("value").asText().equals("require-concurrent-index")) {
                if (d.path("location").path("path").asText().equals("db/007_utf8.sql")) {
                    utf8 = d;
                } else {
                    index = d;
                }
            }
        }
        assertNotNull(index);
        assertNotNull(utf8);
        JsonNode range = utf8.path("location").path("range");
        assertEquals(1, range.path("start").path("line").asInt());
        assertEquals(10, range.path("start").path("column").asInt(), "'/* é */ ' is 8 chars but 9 bytes");
        JsonNode suggestion = utf8.path("suggestions").get(0);
        assertEquals(" CONCURRENTLY", suggestion.path("text").asText());
        assertEquals(suggestion.path("range").path("start"), suggestion.path("range").path("end"), "an insertion");
        assertEquals(22, suggestion.path("range").path("start").path("column").asInt(), "after CREATE INDEX");
    }

    @Test
    void examplesValidate() throws Exception {
        Path project = Path.of("").toAbsolutePath();
        RunResult result = ReportTesting.lint(project, "examples/migrations");
        String json = ReportTesting.render(new RdjsonReporter(ReportTesting.options(project, Map.of())), result);
        assertValid(schema(), json);
        assertTrue(new ObjectMapper().readTree(json).path("diagnostics").size() > 0);
        assertTrue(Files.isRegularFile(Path.of("src/test/resources/reviewdog/LICENSE")), "the schema's license is vendored too");
    }
}
