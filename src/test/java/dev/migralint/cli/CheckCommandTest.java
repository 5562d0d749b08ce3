package dev.migralint.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The check command as users meet it: exit codes, the verdict, colour, JSON, the examples. */
class CheckCommandTest {
    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text, StandardCharsets.UTF_8);
        return p;
    }

    @Test
    void safeMigrationExitsZeroWithSafeVerdict() throws IOException {
        write("m/001.sql", "SET lock_timeout = '2s';\nCREATE TABLE t (id bigint PRIMARY KEY);\nCREATE INDEX t_id ON t (id);\n");
        CliRunner.Run r = CliRunner.run("check", dir.resolve("m").toString(), "--color", "never");
        assertEquals(0, r.exit(), r.all());
        assertTrue(r.out().contains("SAFE TO DEPLOY"), r.out());
    }

    @Test
    void unsafeMigrationExitsOneWithCountsInTheVerdict() throws IOException {
        write("m/001.sql", "SET lock_timeout = '2s';\nALTER TABLE users ADD COLUMN email text NOT NULL;\nCREATE INDEX i ON users (email);\n");
        CliRunner.Run r = CliRunner.run("check", dir.resolve("m").toString(), "--color", "never");
        assertEquals(1, r.exit(), r.all());
        // (prefer-if-not-exists, a warning, is in the strict set: not on by default)
        assertTrue(r.out().contains("NOT SAFE TO DEPLOY: 2 errors, 0 warnings in 1 file"), r.out());
        assertTrue(r.out().contains("001.sql:2:19: error[adding-required-field]"), r.out());
        assertTrue(r.out().contains("= help: "), r.out());
        assertTrue(r.out().contains("= see: migralint explain require-concurrent-index"), r.out());
        assertTrue(r.out().contains("^^^^"), "code frame underlines the operation");
    }

    @Test
    void failOnWarningTurnsWarningsIntoFailure() throws IOException {
        write("m/001.sql", "ALTER TABLE users DROP CONSTRAINT users_legacy_check;\n");
        CliRunner.Run lenient = CliRunner.run("check", dir.resolve("m").toString());
        assertEquals(0, lenient.exit(), lenient.all());
        assertTrue(lenient.out().contains("SAFE TO DEPLOY (") && lenient.out().contains("warning"), lenient.out());
        CliRunner.Run strict = CliRunner.run("check", dir.resolve("m").toString(), "--fail-on", "warning");
        assertEquals(1, strict.exit(), strict.all());
    }

    @Test
    void inlineIgnoreWithReasonSilencesTheFinding() throws IOException {
        write("m/001.sql", "SET lock_timeout = '2s';\n-- migralint-ignore ban-drop-column: unused since v4, see PR 12\nALTER TABLE users DROP COLUMN legacy_id;\n");
        CliRunner.Run r = CliRunner.run("check", dir.resolve("m").toString());
        assertEquals(0, r.exit(), r.all());
        CliRunner.Run shown = CliRunner.run("check", dir.resolve("m").toString(), "--show-ignored");
        assertTrue(shown.out().contains("(ignored: unused since v4, see PR 12)"), shown.out());
    }

    @Test
    void noColourWhenNotATerminalButOnWhenAsked() throws IOException {
        write("m/001.sql", "DROP TABLE users;\n");
        CliRunner.Run plain = CliRunner.run("check", dir.resolve("m").toString());
        assertFalse(plain.out().contains("\u001b["), "no ANSI codes when stdout is not a terminal");
        CliRunner.Run forced = CliRunner.run("check", dir.resolve("m").toString(), "--color", "always");
        assertTrue(forced.out().contains("\u001b["), "ANSI codes with --color always");
    }

    @Test
    void jsonOutputFollowsTheDocumentedShape() throws IOException {
        write("m/001.sql", "CREATE INDEX i ON users (email);\n");
        CliRunner.Run r = CliRunner.run("check", dir.resolve("m").toString(), "--format", "json");
        assertEquals(1, r.exit(), r.err());
        JsonNode root = new ObjectMapper().readTree(r.out());
        assertEquals(1, root.get("formatVersion").asInt());
        assertFalse(root.get("verdict").get("safe").asBoolean());
        JsonNode file = root.get("files").get(0);
        assertTrue(file.get("analysed").asBoolean());
        assertEquals("postgresql", file.get("dialect").asText());
        JsonNode finding = null;
        for (JsonNode f : file.get("findings")) {
            if (f.get("rule").asText().equals("require-concurrent-index")) {
                finding = f;
            }
        }
        assertTrue(finding != null, r.out());
        assertEquals(1, finding.get("line").asInt());
        assertEquals("SHARE", finding.get("lock").get("mode").asText());
        assertEquals("add-concurrently", finding.get("fix").asText());
    }

    @Test
    void outputFileReceivesTheReport() throws IOException {
        write("m/001.sql", "DROP TABLE users;\n");
        Path out = dir.resolve("reports/out.json");
        Files.createDirectories(out.getParent()); // outside the repository: --output creates no directory there
        CliRunner.Run r = CliRunner.run("check", dir.resolve("m").toString(), "--format", "json", "--output", out.toString());
        assertEquals(1, r.exit());
        assertTrue(Files.readString(out).contains("ban-drop-table"));
        assertEquals("", r.out());
    }

    @Test
    void usageErrorsExitTwo() {
        assertEquals(2, CliRunner.run("check", "--format", "xml", ".").exit());
        assertEquals(2, CliRunner.run("check", "--fail-on", "fatal", ".").exit());
        assertEquals(2, CliRunner.run("check", "--no-such-flag").exit());
        assertEquals(2, CliRunner.run("explain", "no-such-rule").exit());
        assertEquals(2, CliRunner.run().exit());
    }

    @Test
    void bundledExamplesShowFindingsAndAVerdict() {
        CliRunner.Run r = CliRunner.run("check", "examples/migrations");
        assertEquals(1, r.exit(), r.err());
        assertTrue(r.out().contains("NOT SAFE TO DEPLOY"), r.out());
        assertTrue(r.out().contains("20240209103000_add_task_assignee/migration.sql:5:1: error[require-concurrent-index]"), r.out());
        // The CONCURRENTLY index alone in its Prisma migration is the safe way and must not be flagged.
        assertFalse(r.out().contains("20240520080000_comment_author_index/migration.sql:4:1: error"), r.out());
    }

    @Test
    void rulesAndExplainDescribeTheCatalogue() {
        CliRunner.Run rules = CliRunner.run("rules");
        assertEquals(0, rules.exit());
        assertTrue(rules.out().contains("require-concurrent-index"));
        CliRunner.Run facts = CliRunner.run("rules", "--facts");
        assertTrue(facts.out().contains("create-index") && facts.out().contains("in-transaction"));
        CliRunner.Run explain = CliRunner.run("explain", "require-concurrent-index");
        assertEquals(0, explain.exit());
        assertTrue(explain.out().contains("## Examples") && explain.out().contains("CONCURRENTLY"));
    }
}
