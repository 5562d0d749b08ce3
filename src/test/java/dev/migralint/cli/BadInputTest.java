package dev.migralint.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Whatever a user feeds in: a clear message naming the file (and line where there is one), the documented exit code,
 * and the other files still linted.
 */
class BadInputTest {
    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text, StandardCharsets.UTF_8);
        return p;
    }

    /** A file every run below also contains, so we can see the run went on. */
    private Path unsafeNeighbour() throws IOException {
        return write("migrations/002_index.sql", "CREATE INDEX idx_users_email ON users (email);\n");
    }

    private static void assertNeighbourLinted(CliRunner.Run r) {
        assertTrue(r.out().contains("002_index.sql:1:1: error[require-concurrent-index]"), r.all());
    }

    @Test
    void binaryFileIsAFindingAndTheRunGoesOn() throws IOException {
        Path bin = dir.resolve("migrations/001_blob.sql");
        Files.createDirectories(bin.getParent());
        Files.write(bin, new byte[] {'S', 'E', 'L', '\n', 0, 1, 2, (byte) 0xff, 0});
        unsafeNeighbour();
        CliRunner.Run r = CliRunner.run("check", dir.resolve("migrations").toString(), "--color", "never");
        assertEquals(1, r.exit(), r.all());
        assertTrue(r.out().contains("001_blob.sql:2:1: error[file-not-analysed]"), r.all());
        assertTrue(r.out().contains("binary"), r.all());
        assertNeighbourLinted(r);
    }

    @Test
    void nonUtf8FileNamesTheLineOfTheBadByte() throws IOException {
        Path latin1 = dir.resolve("migrations/001_latin1.sql");
        Files.createDirectories(latin1.getParent());
        Files.write(latin1, "-- ok\n-- caf\u00e9\nSELECT 1;\n".getBytes(StandardCharsets.ISO_8859_1));
        unsafeNeighbour();
        CliRunner.Run r = CliRunner.run("check", dir.resolve("migrations").toString());
        assertEquals(1, r.exit(), r.all());
        assertTrue(r.out().contains("001_latin1.sql:2:1: error[file-not-analysed]"), r.all());
        assertTrue(r.out().contains("not valid UTF-8"), r.all());
        assertNeighbourLinted(r);
    }

    @Test
    void fiftyMegabyteFileIsReportedNotAnalysed() throws IOException {
        Path big = dir.resolve("migrations/001_big.sql");
        Files.createDirectories(big.getParent());
        byte[] line = "INSERT INTO audit_log (id, payload) VALUES (1, 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx');\n"
                .getBytes(StandardCharsets.UTF_8);
        try (OutputStream out = Files.newOutputStream(big)) {
            for (long written = 0; written < 50L * 1024 * 1024; written += line.length) {
                out.write(line);
            }
        }
        unsafeNeighbour();
        long start = System.nanoTime();
        CliRunner.Run r = CliRunner.run("check", dir.resolve("migrations").toString());
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertEquals(1, r.exit(), r.all());
        assertTrue(r.out().contains("001_big.sql:1:1: error[file-not-analysed]"), r.all());
        assertTrue(r.out().contains("50.0 MB, over the 16.0 MB limit"), r.all());
        assertNeighbourLinted(r);
        assertTrue(ms < 10_000, "a too-large file must be refused without reading it, took " + ms + " ms");
    }

    @Test
    void largeFileUnderTheLimitIsLinted() throws IOException {
        StringBuilder b = new StringBuilder();
        for (int i = 0; b.length() < 4 * 1024 * 1024; i++) {
            b.append("ALTER TABLE t").append(i % 50).append(" ADD COLUMN c").append(i).append(" text;\n");
        }
        b.append("CREATE INDEX idx_late ON t1 (c1);\n");
        write("migrations/001_many.sql", b.toString());
        CliRunner.Run r = CliRunner.run("check", dir.resolve("migrations").toString(), "--format", "json");
        assertEquals(1, r.exit(), r.err());
        assertTrue(r.out().contains("\"rule\" : \"require-concurrent-index\""), "the last statement is still checked");
    }

    @Test
    void unterminatedDollarQuoteAndCommentAreReportedWithTheirLine() throws IOException {
        write("migrations/001_dollar.sql", "SELECT 1;\nCREATE FUNCTION f() RETURNS int AS $body$\n  SELECT 1;\n");
        write("migrations/001b_comment.sql", "SELECT 1;\n\n/* never closed\nDROP TABLE users;\n");
        unsafeNeighbour();
        CliRunner.Run r = CliRunner.run("check", dir.resolve("migrations").toString());
        assertEquals(1, r.exit(), r.all());
        assertTrue(r.out().contains("001_dollar.sql:2:36: error[file-not-analysed]"), r.all());
        assertTrue(r.out().contains("unterminated dollar-quoted string"), r.all());
        assertTrue(r.out().contains("001b_comment.sql:3:1: error[file-not-analysed]"), r.all());
        assertTrue(r.out().contains("unterminated block comment"), r.all());
        assertFalse(r.out().contains("ban-drop-table"), "text inside an open comment is not code");
        assertNeighbourLinted(r);
    }

    @Test
    void malformedSqlIsANoticeNotACrash() throws IOException {
        write("migrations/001_junk.sql", "FROBNICATE ALL THE TABLES;\nALTER TABLE ((((;\n");
        unsafeNeighbour();
        CliRunner.Run r = CliRunner.run("check", dir.resolve("migrations").toString());
        assertEquals(1, r.exit(), r.all());
        assertTrue(r.out().contains("001_junk.sql:1:1: notice[unrecognized-statement]"), r.all());
        assertNeighbourLinted(r);
    }

    @Test
    void directoryNamedLikeAMigrationIsJustADirectory() throws IOException {
        write("migrations/odd.sql/inner.sql", "SELECT 1;\n");
        unsafeNeighbour();
        CliRunner.Run r = CliRunner.run("check", dir.resolve("migrations").toString());
        assertEquals(1, r.exit(), r.all());
        assertTrue(r.out().contains("Checked 2 files"), r.all());
    }

    @Test
    void missingPathIsAUsageError() {
        CliRunner.Run r = CliRunner.run("check", dir.resolve("nope").toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("no such file or directory"), r.err());
    }

    @Test
    void symlinkLeavingTheRepositoryIsNotFollowed() throws IOException {
        Path outside = Files.createTempFile("outside", ".sql");
        try {
            Files.writeString(outside, "DROP TABLE secrets;\n");
            Path repo = dir.resolve("repo");
            Files.createDirectories(repo.resolve(".git"));
            Files.createDirectories(repo.resolve("migrations"));
            Files.createSymbolicLink(repo.resolve("migrations/001_link.sql"), outside);
            Files.writeString(repo.resolve(".migralint.yml"), "include: ['migrations/*.sql']\n");
            Files.writeString(repo.resolve("migrations/002_index.sql"), "CREATE INDEX i ON users (email);\n");
            CliRunner.Run r = CliRunner.run("check", "--config", repo.resolve(".migralint.yml").toString(),
                    repo.resolve("migrations").toString());
            assertEquals(1, r.exit(), r.all());
            assertTrue(r.out().contains("symbolic link points outside the repository"), r.all());
            assertFalse(r.out().contains("ban-drop-table"), "the link target must not be read");
            assertFalse(r.out().contains("secrets"), "nothing from outside the repository is echoed");
            assertTrue(r.out().contains("require-concurrent-index"), r.all());
        } finally {
            Files.deleteIfExists(outside);
        }
    }

    // ---------------------------------------------------------------- rule files and configuration

    private CliRunner.Run checkWithRule(String ruleFile, String ruleYaml) throws IOException {
        write("rules/" + ruleFile, ruleYaml);
        write(".migralint.yml", "rule-dirs: [rules]\n");
        unsafeNeighbour();
        return CliRunner.run("check", "--config", dir.resolve(".migralint.yml").toString(), dir.resolve("migrations").toString());
    }

    private static final String VALID_RULE = """
            id: no-temp-tables
            severity: warning
            summary: Temporary tables in migrations.
            description: Temporary tables vanish at the end of the session, so a migration that relies on one is fragile.
            help: Use a regular table.
            match:
              kind: create-table
              where:
                temporary: true
            """;

    @Test
    void ruleFileWithUnknownKeyNamesFileLineAndNearestKey() throws IOException {
        CliRunner.Run r = checkWithRule("bad-key.yml", VALID_RULE + "severty: error\n");
        assertEquals(2, r.exit(), r.all());
        assertTrue(r.err().contains("bad-key.yml:10: unknown key 'severty' in rule; did you mean 'severity'?"), r.err());
    }

    @Test
    void ruleWithUnknownFactSuggestsTheNearestFact() throws IOException {
        CliRunner.Run r = checkWithRule("bad-fact.yml", VALID_RULE.replace("temporary: true", "temporay: true"));
        assertEquals(2, r.exit(), r.all());
        assertTrue(r.err().contains("bad-fact.yml:9: unknown fact 'temporay'"), r.err());
        assertTrue(r.err().contains("did you mean 'temporary'?"), r.err());
    }

    @Test
    void ruleWithUnknownKindSuggestsTheNearestKind() throws IOException {
        CliRunner.Run r = checkWithRule("bad-kind.yml", VALID_RULE.replace("kind: create-table", "kind: create-tabel")
                .replace("temporary: true", "table: x"));
        assertEquals(2, r.exit(), r.all());
        assertTrue(r.err().contains("bad-kind.yml:7: unknown operation kind 'create-tabel'; did you mean 'create-table'?"), r.err());
    }

    @Test
    void ruleWithBadRegexIsRejectedWithItsLine() throws IOException {
        CliRunner.Run r = checkWithRule("bad-regex.yml", VALID_RULE.replace("temporary: true", "table: {matches: \"(unclosed\"}"));
        assertEquals(2, r.exit(), r.all());
        assertTrue(r.err().contains("bad-regex.yml:9: bad regular expression '(unclosed'"), r.err());
    }

    @Test
    void unsafeYamlTagIsRefusedAndNothingIsConstructed() throws IOException {
        String hostile = VALID_RULE + "examples: !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[!!java.net.URL [\"http://127.0.0.1:1/\"]]]]\n";
        CliRunner.Run r = checkWithRule("hostile.yml", hostile);
        assertEquals(2, r.exit(), r.all());
        assertTrue(r.err().contains("hostile.yml:10: unsafe or unknown YAML tag"), r.err());
        assertFalse(r.err().contains("Exception"), r.err());
    }

    @Test
    void yamlBombIsRefused() throws IOException {
        StringBuilder bomb = new StringBuilder("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (char c = 'b'; c <= 'j'; c++) {
            char p = (char) (c - 1);
            bomb.append(c).append(": &").append(c).append(" [*").append(p).append(",*").append(p).append(",*").append(p)
                    .append(",*").append(p).append(",*").append(p).append(",*").append(p).append(",*").append(p)
                    .append(",*").append(p).append(",*").append(p).append("]\n");
        }
        CliRunner.Run r = checkWithRule("bomb.yml", bomb.toString());
        assertEquals(2, r.exit(), r.all());
        assertTrue(r.err().contains("bomb.yml"), r.err());
    }

    @Test
    void configurationErrorsNameFileAndLine() throws IOException {
        write(".migralint.yml", "dialect: postgresql\nfail_on: warning\n");
        unsafeNeighbour();
        CliRunner.Run r = CliRunner.run("check", "--config", dir.resolve(".migralint.yml").toString(), dir.resolve("migrations").toString());
        assertEquals(2, r.exit(), r.all());
        assertTrue(r.err().contains(".migralint.yml:2: unknown key 'fail_on'; did you mean 'fail-on'?"), r.err());
    }

    @Test
    void unknownRuleInConfigurationIsAUsageError() throws IOException {
        write(".migralint.yml", "rules:\n  require-concurent-index: off\n");
        unsafeNeighbour();
        CliRunner.Run r = CliRunner.run("check", "--config", dir.resolve(".migralint.yml").toString(), dir.resolve("migrations").toString());
        assertEquals(2, r.exit(), r.all());
        assertTrue(r.err().contains("did you mean 'require-concurrent-index'?"), r.err());
    }
}
