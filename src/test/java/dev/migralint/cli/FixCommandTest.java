package dev.migralint.cli;

import dev.migralint.engine.LintRun;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code migralint fix} and {@code check --fix} as users run them. */
class FixCommandTest {
    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text, StandardCharsets.UTF_8);
        return p;
    }

    @Test
    void fixWritesSafeFixesAndExitsZeroWhenNothingRemains() throws IOException {
        Path m = write("m/001.sql", "CREATE INDEX i ON users (email);\n");
        CliRunner.Run r = CliRunner.run("fix", dir.resolve("m").toString());
        assertEquals(0, r.exit(), r.all());
        // prefer-if-not-exists is in the strict set, off by default: only CONCURRENTLY is added.
        assertEquals("CREATE INDEX CONCURRENTLY i ON users (email);\n", Files.readString(m));
        assertTrue(r.out().contains("001.sql:1:1: fixed [require-concurrent-index] add CONCURRENTLY to CREATE INDEX"), r.out());
        assertTrue(r.out().contains("Fixed 1 finding in 1 file."), r.out());
        assertTrue(r.out().contains("Nothing at or above error remains."), r.out());
        CliRunner.Run again = CliRunner.run("fix", dir.resolve("m").toString());
        assertEquals(0, again.exit(), again.all());
        assertTrue(again.out().contains("Fixed 0 findings in 0 files."), again.out());
    }

    @Test
    void diffPrintsAPatchAndWritesNothing() throws IOException {
        String sql = "-- AddForeignKey\nALTER TABLE \"Post\" ADD CONSTRAINT \"Post_fk\" FOREIGN KEY (\"a\") REFERENCES \"U\"(\"id\");\n";
        Path m = write("m/002.sql", sql);
        CliRunner.Run r = CliRunner.run("fix", "--diff", dir.resolve("m").toString());
        assertEquals(0, r.exit(), r.all());
        assertEquals(sql, Files.readString(m), "--diff writes nothing");
        assertTrue(r.out().startsWith("--- "), r.out());
        assertTrue(r.out().contains("\n-ALTER TABLE \"Post\" ADD CONSTRAINT \"Post_fk\" FOREIGN KEY (\"a\") REFERENCES \"U\"(\"id\");\n"
                + "+SET lock_timeout = '5s';\n"
                + "+ALTER TABLE \"Post\" ADD CONSTRAINT \"Post_fk\" FOREIGN KEY (\"a\") REFERENCES \"U\"(\"id\") NOT VALID;\n"
                + "+ALTER TABLE \"Post\" VALIDATE CONSTRAINT \"Post_fk\";\n"), r.out());
        assertFalse(r.out().contains("Would fix"), "the summary goes to stderr, the patch alone to stdout");
        assertTrue(r.err().contains("would fix [constraint-missing-not-valid]"), r.err());
        assertTrue(r.err().contains("(nothing written)"), r.err());
    }

    @Test
    void whatCannotBeFixedIsReportedWithTheReasonAndExitsOne() throws IOException {
        String sql = "BEGIN;\nCREATE INDEX i ON users (email);\nCOMMIT;\n";
        Path m = write("m/003.sql", sql);
        CliRunner.Run r = CliRunner.run("fix", dir.resolve("m").toString());
        assertEquals(1, r.exit(), r.all());
        assertTrue(r.out().contains("003.sql:2:1: cannot fix [require-concurrent-index] add-concurrently:"), r.out());
        assertTrue(r.out().contains("BEGIN on line 1"), r.out());
        assertTrue(r.out().contains("at or above error remain"), r.out());
        assertTrue(Files.readString(m).contains("SET lock_timeout = '5s';"), "the other, safe fixes were still applied");
    }

    @Test
    void unsafeFixesOnlyWithTheFlag() throws IOException {
        Path m = write("m/004.sql", "SET lock_timeout = '2s';\nDROP TABLE IF EXISTS legacy;\n");
        CliRunner.Run held = CliRunner.run("fix", dir.resolve("m").toString());
        assertEquals(1, held.exit(), held.all());
        assertTrue(held.out().contains("not fixed [ban-drop-table] comment-out: unsafe fix"), held.out());
        assertTrue(held.out().contains("--unsafe-fixes"), held.out());
        CliRunner.Run applied = CliRunner.run("fix", "--unsafe-fixes", dir.resolve("m").toString());
        assertEquals(0, applied.exit(), applied.all());
        assertTrue(Files.readString(m).contains("\n-- DROP TABLE IF EXISTS legacy;\n"), Files.readString(m));
    }

    @Test
    void onlyTheNamedRules() throws IOException {
        Path m = write("m/005.sql", "CREATE INDEX i ON users (email);\n");
        Path strict = Files.writeString(dir.resolve("strict.yml"), "extends: strict\n");
        CliRunner.Run r = CliRunner.run("fix", "--config", strict.toString(), "--rule", "prefer-if-not-exists",
                dir.resolve("m").toString());
        assertEquals(1, r.exit(), r.all());
        assertEquals("CREATE INDEX IF NOT EXISTS i ON users (email);\n", Files.readString(m));
        CliRunner.Run bad = CliRunner.run("fix", "--rule", "no-such-rule", dir.resolve("m").toString());
        assertEquals(2, bad.exit(), bad.all());
    }

    @Test
    void binaryFileIsLeftAloneAndReported() throws IOException {
        Path bin = dir.resolve("m/006.sql");
        Files.createDirectories(bin.getParent());
        byte[] bytes = {'D', 'R', 'O', 'P', ' ', 0, 0, 1, 2, ';'};
        Files.write(bin, bytes);
        CliRunner.Run r = CliRunner.run("fix", "--unsafe-fixes", dir.resolve("m").toString());
        assertEquals(1, r.exit(), "the file-not-analysed error remains: " + r.all());
        assertArrayEquals(bytes, Files.readAllBytes(bin));
    }

    @Test
    void reviewFormatsGetOneStandaloneFixPerFinding() throws Exception {
        Path m = write("m/008.sql", "DROP INDEX idx;\n");
        dev.migralint.config.Config config = dev.migralint.config.Config.defaults(dir);
        dev.migralint.rules.Linter linter = new dev.migralint.rules.Linter(dev.migralint.rules.RuleSet.bundled(),
                config.rules());
        dev.migralint.rules.RunResult run = new LintRun(config, linter).run(
                List.of(new dev.migralint.workspace.Candidate(m, "m/008.sql")), List.of(), List.of());
        dev.migralint.rules.FileResult file = run.files().get(0);
        dev.migralint.report.FixSource.PerFile fixes = FixCommand.fixSource(config, linter).forFile(file);
        String text = Files.readString(m);
        int offered = 0;
        for (dev.migralint.rules.Finding f : file.findings()) {
            for (dev.migralint.report.SuggestedFix s : fixes.fixesFor(f)) {
                offered++;
                StringBuilder b = new StringBuilder(text);
                for (int i = s.edits().size() - 1; i >= 0; i--) {
                    var e = s.edits().get(i);
                    b.replace(e.span().start(), e.span().end(), e.text());
                }
                if (f.ruleId().equals("require-concurrent-index-drop")) {
                    assertEquals("DROP INDEX CONCURRENTLY idx;\n", b.toString());
                    assertTrue(s.safe());
                }
            }
        }
        assertTrue(offered >= 2, "CONCURRENTLY and IF EXISTS are offered separately");
        assertEquals("DROP INDEX idx;\n", Files.readString(m), "suggestions write nothing");
    }

    @Test
    void changedFixesOnlyTheMigrationsTheBranchAdds() throws IOException {
        try (dev.migralint.workspace.GitFixture repo = dev.migralint.workspace.GitFixture.init(dir.resolve("repo"))) {
            repo.write(".migralint.yml", "fail-on: error\n")
                    .write("db/migrations/001_a.sql", "CREATE INDEX a_idx ON a (x);\n");
            repo.commitAll("init");
            repo.branch("feature");
            repo.write("db/migrations/002_b.sql", "CREATE INDEX b_idx ON b (x);\n");
            repo.commitAll("feature");
            // git-aware selection finds the repository from the working directory: run as a process inside it.
            ProcessCli.Run r = ProcessCli.run(repo.dir, "fix", "--changed", "--base", "main");
            assertEquals("CREATE INDEX a_idx ON a (x);\n", repo.read("db/migrations/001_a.sql"), r.all());
            assertEquals("CREATE INDEX CONCURRENTLY b_idx ON b (x);\n", repo.read("db/migrations/002_b.sql"),
                    r.all());
        }
    }

    @Test
    void checkWithFixFixesFirstThenChecks() throws IOException {
        Path m = write("m/007.sql", "CREATE INDEX i ON users (email);\n");
        CliRunner.Run r = CliRunner.run("check", "--fix", dir.resolve("m").toString(), "--color", "never");
        assertEquals(0, r.exit(), r.all());
        // prefer-if-not-exists is in the strict set, off by default: only CONCURRENTLY is added.
        assertEquals("CREATE INDEX CONCURRENTLY i ON users (email);\n", Files.readString(m));
        assertTrue(r.err().contains("fixed [require-concurrent-index]"), r.err());
        assertTrue(r.out().contains("SAFE TO DEPLOY"), r.out());
    }
}
