package dev.migralint.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.InputFormat;
import dev.migralint.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The formats through the real command line: --format, --sarif next to another format, fixes from the fix stage. */
class CheckFormatsTest {
    @TempDir
    Path root;

    record Run(int exit, String out, String err) {}

    private Run check(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] all = new String[args.length + 3];
        all[0] = "check";
        all[1] = "--config";
        all[2] = root.resolve(".migralint.yml").toString();
        System.arraycopy(args, 0, all, 3, args.length);
        int exit = Main.run(all, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(exit, out.toString(), err.toString());
    }

    private void fixture() {
        ReportTesting.write(root.resolve(".migralint.yml"), "include: [\"db/*.sql\"]\n");
        ReportTesting.write(root.resolve("db/001_init.sql"), "CREATE TABLE IF NOT EXISTS users (id bigint, email text);\n");
        ReportTesting.write(root.resolve("db/002_index.sql"), "CREATE INDEX users_email_idx ON users (email);\n");
    }

    @Test
    void sarifNextToTheMainFormat() throws Exception {
        fixture();
        Path sarif = root.resolve("out/migralint.sarif");
        Run run = check("--format", "github", "--sarif", sarif.toString(), root.resolve("db").toString());
        assertEquals(1, run.exit(), run.err());
        assertTrue(run.out().contains("::error file=db/002_index.sql,"), run.out());
        JsonNode log = new ObjectMapper().readTree(sarif.toFile());
        assertEquals("2.1.0", log.path("version").asText());
        boolean found = false;
        for (JsonNode r : log.path("runs").get(0).path("results")) {
            if (r.path("ruleId").asText().equals("require-concurrent-index")) {
                found = true;
                JsonNode rep = r.path("fixes").get(0).path("artifactChanges").get(0).path("replacements").get(0);
                assertEquals(" CONCURRENTLY", rep.path("insertedContent").path("text").asText(), r.toString());
                assertEquals(13, rep.path("deletedRegion").path("startColumn").asInt());
            }
        }
        assertTrue(found, log.path("runs").get(0).path("results").toString());
    }

    @Test
    void everyFormatIsRegistered() throws Exception {
        fixture();
        for (String format : Reporters.FORMATS) {
            Run run = check("--format", format, root.resolve("db").toString());
            assertEquals(1, run.exit(), format + ": " + run.err());
            assertTrue(!run.out().isBlank(), format);
        }
        Run bad = check("--format", "xml", root.resolve("db").toString());
        assertEquals(2, bad.exit());
        assertTrue(bad.err().contains("sarif, github, gitlab, rdjson"), bad.err());
    }

    @Test
    void rdjsonCarriesTheFixStagesSuggestions() throws Exception {
        fixture();
        Run run = check("--format", "rdjson", root.resolve("db").toString());
        assertTrue(RdjsonSchemaTest.schema().validate(run.out(), InputFormat.JSON).isEmpty(), run.out());
        JsonNode log = new ObjectMapper().readTree(run.out());
        boolean found = false;
        for (JsonNode d : log.path("diagnostics")) {
            if (d.path("code").path("value").asText().equals("require-concurrent-index")) {
                found = true;
                assertEquals(" CONCURRENTLY", d.path("suggestions").get(0).path("text").asText(), d.toString());
            }
        }
        assertTrue(found, run.out());
    }

    @Test
    void unwritableSarifFileIsAUsageError() throws Exception {
        fixture();
        Path blocker = root.resolve("blocker");
        Files.writeString(blocker, "a file, not a directory", StandardCharsets.UTF_8);
        Run run = check("--sarif", blocker.resolve("x.sarif").toString(), root.resolve("db").toString());
        assertEquals(2, run.exit(), run.out() + run.err());
        assertTrue(run.err().contains("cannot write"), run.err());
    }
}
