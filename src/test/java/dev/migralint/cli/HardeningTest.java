package dev.migralint.cli;

import dev.migralint.cache.CacheDirectory;
import dev.migralint.cache.FileStat;
import dev.migralint.cache.ResultCache;
import dev.migralint.config.Printable;
import dev.migralint.engine.LintRun;
import dev.migralint.rules.Baseline;
import dev.migralint.rules.Finding;
import dev.migralint.rules.RuleLoadException;
import dev.migralint.rules.RuleLoader;
import dev.migralint.rules.RuleSet;
import dev.migralint.rules.TextLinter;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Regression tests for issue 19 (hardening), one or more per item, named after it. */
class HardeningTest {
    private static final TextLinter LINTER;

    static {
        try {
            LINTER = new TextLinter(RuleSet.bundled());
        } catch (dev.migralint.rules.RuleLoadException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Finding> lint(String sql) {
        return LINTER.lint(sql, Map.of()).findings();
    }

    private static List<String> at(List<Finding> findings, String rule) {
        return findings.stream().filter(f -> f.ruleId().equals(rule)).map(f -> f.line() + ":" + f.column())
                .collect(Collectors.toList());
    }

    // ---- item 1: dangerous operations hidden in forms that were not analysed

    @Test
    void doBlockBodyIsAnalysed() {
        List<Finding> f = lint("""
                DO $$
                BEGIN
                  DROP TABLE users;
                  ALTER TABLE orders ALTER COLUMN total TYPE numeric;
                  DELETE FROM sessions;
                  TRUNCATE audit;
                  CREATE INDEX orders_user ON orders (user_id);
                END $$;
                """);
        assertEquals(List.of("3:3"), at(f, "ban-drop-table"));
        assertEquals(List.of("4:22"), at(f, "changing-column-type")); // the action, as for a top-level ALTER
        assertEquals(List.of("5:3"), at(f, "ban-delete"));
        assertEquals(List.of("6:3"), at(f, "ban-truncate"));
        assertEquals(List.of("7:3"), at(f, "require-concurrent-index"));
    }

    @Test
    void doBlockIdempotencyGuardIsCheckedLikeTopLevel() {
        String guarded = """
                DO $$
                BEGIN
                  IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = 'orders_user_fk') THEN
                    ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id);
                  END IF;
                EXCEPTION WHEN duplicate_object THEN NULL;
                END $$;
                """;
        List<Finding> inside = lint(guarded);
        List<Finding> top = lint("ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id);\n");
        assertEquals(List.of("4:24"), at(inside, "constraint-missing-not-valid")); // the ADD CONSTRAINT action
        assertEquals(top.stream().map(Finding::ruleId).sorted().toList(),
                inside.stream().map(Finding::ruleId).sorted().toList());
    }

    @Test
    void doBlockSuppressionCommentStillCoversTheBody() {
        List<Finding> f = lint("""
                DO $$
                BEGIN
                  -- migralint-ignore ban-drop-table: the table was emptied and archived in release 41
                  DROP TABLE users;
                END $$;
                """);
        assertTrue(f.stream().filter(x -> x.ruleId().equals("ban-drop-table")).allMatch(Finding::suppressed), f.toString());
        assertFalse(f.stream().filter(x -> x.ruleId().equals("ban-drop-table")).toList().isEmpty());
    }

    @Test
    void executeOfLiteralIsAnalysedAsItsSql() {
        List<Finding> f = lint("DO $$ BEGIN EXECUTE 'DROP TABLE users'; END $$;\n");
        assertEquals(List.of("1:22"), at(f, "ban-drop-table"));
        List<Finding> quoted = lint("DO $$ BEGIN\n  EXECUTE 'ALTER TABLE users ADD COLUMN s text DEFAULT ''x''';\n  EXECUTE 'TRUNCATE t' ; END $$;\n");
        assertEquals(List.of("3:12"), at(quoted, "ban-truncate"));
    }

    @Test
    void executeOfNonLiteralIsANotice() {
        List<Finding> f = lint("DO $$ BEGIN EXECUTE format('DROP TABLE %I', 'users'); END $$;\n");
        assertEquals(List.of("1:13"), at(f, "dynamic-sql-not-analysed"));
        assertEquals("notice", f.stream().filter(x -> x.ruleId().equals("dynamic-sql-not-analysed")).findFirst()
                .orElseThrow().severity().name().toLowerCase());
    }

    @Test
    void dataModifyingCteIsTheStatementItContains() {
        assertEquals(List.of("1:12"), at(lint("WITH d AS (DELETE FROM users RETURNING *) SELECT 1;\n"), "ban-delete"));
        assertFalse(at(lint("WITH u AS (UPDATE users SET active = false RETURNING id) SELECT count(*) FROM u;\n"),
                "ban-update-without-where").isEmpty());
    }

    @Test
    void routineCreatedAndCalledInTheSameMigrationIsAnalysed() {
        List<Finding> sql = lint("""
                CREATE FUNCTION cleanup() RETURNS void LANGUAGE sql AS $$ DROP TABLE legacy $$;
                SELECT cleanup();
                """);
        assertEquals(List.of("1:59"), at(sql, "ban-drop-table"));
        List<Finding> proc = lint("""
                CREATE PROCEDURE p() LANGUAGE plpgsql AS $body$
                BEGIN
                  DROP TABLE users;
                END $body$;
                CALL p();
                """);
        assertEquals(List.of("3:3"), at(proc, "ban-drop-table"));
        // Created and not called: the body does not run in this migration.
        assertTrue(at(lint("CREATE FUNCTION f() RETURNS void LANGUAGE sql AS $$ DROP TABLE legacy $$;\n"),
                "ban-drop-table").isEmpty());
    }

    @Test
    void verdictIsNeverSafeWhenADoBodyDropsATable() {
        List<Finding> f = lint("DO $$ BEGIN DROP TABLE users; END $$;\n");
        assertTrue(f.stream().anyMatch(x -> x.severity().name().equals("ERROR") && !x.suppressed()), f.toString());
    }

    // ---- item 10: merge-conflict markers

    @Test
    void mergeConflictMarkersAreAnError() {
        List<Finding> f = lint("""
                ALTER TABLE users ADD COLUMN note text;
                <<<<<<< HEAD
                ALTER TABLE users ADD COLUMN nickname text;
                =======
                DROP TABLE users;
                >>>>>>> cleanup
                """);
        List<Finding> marker = f.stream().filter(x -> x.ruleId().equals("merge-conflict-marker")).toList();
        assertEquals(1, marker.size(), f.toString());
        assertEquals(2, marker.get(0).line());
        assertTrue(marker.get(0).message().contains("2, 4, 6"), marker.get(0).message());
        assertEquals("ERROR", marker.get(0).severity().name());
    }

    // ---- item 2: control characters

    @TempDir
    Path tmp;

    /** The first raw control character (line breaks aside), or null. */
    static String rawControl(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\n' && Printable.unsafe(c)) {
                return String.format("U+%04X at %d", (int) c, i);
            }
        }
        return null;
    }

    private static void assertNoForeignWorkflowCommand(String output) {
        for (String line : output.split("\n")) {
            if (line.startsWith("::")) {
                assertTrue(line.matches("::(error|warning|notice) (file=|title=migralint).*"), "foreign command: " + line);
            }
        }
    }

    @Test
    void controlCharactersNeverReachOutput() throws IOException {
        Path config = tmp.resolve(".migralint.yml");
        Files.writeString(config, "dialect: \"postgresql\\n::add-mask::x\\u001b]0;owned\\u0007\"\n");
        CliRunner.Run bad = CliRunner.run("check", "-c", config.toString(), tmp.toString());
        assertEquals(2, bad.exit(), bad.all());
        assertNull(rawControl(bad.err()), bad.err());
        assertNoForeignWorkflowCommand(bad.err());
        assertFalse(bad.err().contains("\n::add-mask"), bad.err());

        Path dir = Files.createDirectories(tmp.resolve("db"));
        Path file = dir.resolve("1_\u001b]0;title\u0007\n::add-mask::y\u202e.sql");
        Files.writeString(file, "CREATE TABLE \"a\u001b[2J\nb\u0085\" (id int);\nDROP TABLE \"x\u001b]8;;evil\u0007\";\n"
                + "-- migralint-ignore ban-drop-table: \u001b[31mred\u202e\nALTER TABLE t ADD COLUMN c int;\n");
        Files.writeString(tmp.resolve(".migralint.yml"), "dialect: postgresql\n");
        for (String format : List.of("text", "github", "gitlab", "json", "sarif", "rdjson", "markdown")) {
            CliRunner.Run run = CliRunner.run("check", "--no-cache", "--show-ignored", "--color", "never", "--format", format,
                    "-c", config.toString(), file.toString());
            assertTrue(run.exit() <= 1, format + ": " + run.all());
            assertNull(rawControl(run.out()), format + ": " + run.out());
            assertNull(rawControl(run.err()), format + ": " + run.err());
            assertNoForeignWorkflowCommand(run.out());
            assertNoForeignWorkflowCommand(run.err());
        }
    }

    @Test
    void printableEscapesEveryKindOfControlCharacter() {
        assertEquals("a\\nb\\r\\u001B]0;x\\u0007\\u0085\\u202E\\u2028\\u007F", Printable.of("a\nb\r\u001b]0;x\u0007\u0085\u202e\u2028\u007f"));
        assertEquals("plain é ✓", Printable.of("plain é ✓"));
        assertEquals("a\uFFFDb", Printable.sameWidth("a\u001bb", 0, 3));
    }

    // ---- item 3: a long line prints a bounded window

    @Test
    void longLineCodeFrameIsBounded() throws IOException {
        StringBuilder sql = new StringBuilder();
        for (int i = 0; i < 2000; i++) {
            sql.append("DROP TABLE t").append(i).append("; ");
        }
        Path file = tmp.resolve("one_line.sql");
        Files.writeString(file, sql + "\n");
        CliRunner.Run run = CliRunner.run("check", "--no-cache", "--color", "never", file.toString());
        // Each finding used to copy the whole ~34 KB line: 4,000 findings, over 100 MB of output.
        assertTrue(run.out().length() < 4_000 * 2_000, "output of " + run.out().length() + " chars");
        assertTrue(run.out().contains("\u2026"), "the window is marked as cut");
        assertTrue(run.out().contains("DROP TABLE t1999;"));
    }

    // ---- item 4: symbolic links to directories outside the repository

    @Test
    void symlinkedDirectoryOutsideTheRepositoryIsRefused() throws IOException {
        Path repo = Files.createDirectories(tmp.resolve("repo"));
        Files.createDirectories(repo.resolve(".git"));
        Files.createDirectories(repo.resolve("db"));
        Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
        Path outside = elsewhere.resolve("x.sql");
        String original = "CREATE INDEX i ON t (c);\n";
        Files.writeString(outside, original);
        Files.createSymbolicLink(repo.resolve("db/ext"), elsewhere);
        ProcessCli.Run fix = ProcessCli.run(repo, "fix", "db/ext/x.sql");
        assertEquals(original, Files.readString(outside), "fix wrote outside the repository");
        ProcessCli.Run check = ProcessCli.run(repo, "check", "--no-cache", "db/ext/x.sql");
        assertTrue(check.out().contains("db/ext/x.sql") && check.out().contains("outside the repository"), check.all());
        assertEquals(1, check.exit(), check.all());
        assertTrue(fix.exit() <= 1, fix.all());
    }

    // ---- item 5: failed report writes

    @Test
    void failedReportWriteExits2() throws IOException {
        Path sql = tmp.resolve("a.sql");
        Files.writeString(sql, "SELECT 1;\n");
        Writer broken = new Writer() {
            @Override
            public void write(char[] b, int off, int len) throws IOException {
                throw new IOException("No space left on device");
            }

            @Override
            public void flush() throws IOException {
                throw new IOException("No space left on device");
            }

            @Override
            public void close() {
            }
        };
        StringWriter err = new StringWriter();
        int exit = Main.run(new String[] {"check", "--no-cache", "--format", "sarif", sql.toString()},
                new PrintWriter(broken), new PrintWriter(err, true));
        assertEquals(2, exit, err.toString());
        assertTrue(err.toString().contains("cannot write"), err.toString());
        for (String[] args : List.of(new String[] {"--output", "/dev/full"}, new String[] {"--sarif", "/dev/full"})) {
            Assumptions.assumeTrue(Files.exists(Path.of("/dev/full")));
            CliRunner.Run run = CliRunner.run("check", "--no-cache", args[0], args[1], sql.toString());
            assertEquals(2, run.exit(), run.all());
            assertTrue(run.err().contains("cannot write /dev/full"), run.err());
        }
    }

    @Test
    void outputCreatesNoDirectoryOutsideTheRepository() throws IOException {
        Path repo = Files.createDirectories(tmp.resolve("repo"));
        Files.createDirectories(repo.resolve(".git"));
        Files.writeString(repo.resolve("a.sql"), "SELECT 1;\n");
        Path outside = tmp.resolve("not-there/deeper/report.txt");
        ProcessCli.Run run = ProcessCli.run(repo, "check", "--no-cache", "--output", outside.toString(), "a.sql");
        assertEquals(2, run.exit(), run.all());
        assertFalse(Files.exists(tmp.resolve("not-there")));
        ProcessCli.Run baseline = ProcessCli.run(repo, "check", "--no-cache", "--write-baseline", outside.toString(), "a.sql");
        assertEquals(2, baseline.exit(), baseline.all());
        assertFalse(Files.exists(tmp.resolve("not-there")));
        ProcessCli.Run inside = ProcessCli.run(repo, "check", "--no-cache", "--output", "reports/x/r.txt", "a.sql");
        assertEquals(0, inside.exit(), inside.all());
        assertTrue(Files.exists(repo.resolve("reports/x/r.txt")));
    }

    // ---- item 6: stack traces

    @Test
    void badGlobIsAUsageError() {
        CliRunner.Run run = CliRunner.run("check", "[");
        assertEquals(2, run.exit(), run.all());
        assertEquals(1, run.err().strip().lines().count(), run.err());
        assertTrue(run.err().contains("invalid glob pattern '['"), run.err());
    }

    @Test
    void internalErrorIsOneLineWithADebugHint() {
        StringWriter err = new StringWriter();
        Main.DEBUG.set(false);
        assertEquals(2, Main.failed(new IllegalStateException("boom"), new PrintWriter(err, true)));
        assertEquals(1, err.toString().strip().lines().count(), err.toString());
        assertTrue(err.toString().contains("--debug"), err.toString());
        StringWriter debug = new StringWriter();
        Main.DEBUG.set(true);
        try {
            Main.failed(new IllegalStateException("boom"), new PrintWriter(debug, true));
        } finally {
            Main.DEBUG.set(false);
        }
        assertTrue(debug.toString().contains("\tat "), debug.toString());
    }

    // ---- item 7: result cache

    @Test
    void cacheStatNoticesAChangeThatKeepsSizeAndMtime() throws Exception {
        Path f = tmp.resolve("m.sql");
        Files.writeString(f, "SELECT 1;\n");
        BasicFileAttributes before = Files.readAttributes(f, BasicFileAttributes.class);
        String id = FileStat.identity(f, before, true);
        Assumptions.assumeFalse(id.endsWith(",ctime=?"), "no unix:ctime on this file system");
        Thread.sleep(20);
        Files.writeString(f, "SELECT 2;\n");
        Files.setLastModifiedTime(f, before.lastModifiedTime());
        BasicFileAttributes after = Files.readAttributes(f, BasicFileAttributes.class);
        assertEquals(before.size(), after.size());
        assertEquals(before.lastModifiedTime(), after.lastModifiedTime());
        String idAfter = FileStat.identity(f, after, true);
        assertNotEquals(id, idAfter);
        FileStat stat = new FileStat(before.size(), FileStat.nanos(before.lastModifiedTime()), id,
                System.currentTimeMillis() + 10_000, new byte[32], 0);
        assertFalse(stat.matches(after, idAfter));
    }

    @Test
    void cacheFilesAreOwnerOnly() throws Exception {
        Path root = tmp.resolve("cache");
        ResultCache cache = ResultCache.open(root, "build", "fp");
        cache.putStat("/x", new FileStat(1, 1, "k", 1, new byte[32], 0));
        assertTrue(cache.save());
        try (var files = Files.walk(root)) {
            for (Path p : files.toList()) {
                String mode = PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
                if (p.equals(root) || Files.isDirectory(p)) {
                    assertEquals("rwx------", mode, p.toString());
                } else {
                    assertEquals("rw-------", mode, p.toString());
                }
            }
        }
    }

    @Test
    void cacheOfAnotherUserIsIgnored() throws Exception {
        Path root = Files.createDirectories(tmp.resolve("theirs"));
        assertNull(CacheDirectory.foreignOwner(root));
        var nobody = root.getFileSystem().getUserPrincipalLookupService();
        try {
            Files.setOwner(root, nobody.lookupPrincipalByName("nobody"));
        } catch (IOException | UnsupportedOperationException e) {
            Assumptions.abort("cannot give a directory to another user here: " + e);
        }
        assertEquals("nobody", CacheDirectory.foreignOwner(root));
        assertNull(LintRun.openCache(root, dev.migralint.config.Config.defaults(tmp)));
    }

    // ---- item 8: catastrophic user patterns

    @Test
    void catastrophicUserRegexDoesNotHang() throws RuleLoadException {
        String rule = """
                id: user-slow-pattern
                severity: warning
                summary: A pattern that backtracks forever on java.util.regex.
                match:
                  kind: add-column
                  where:
                    column: {matches: '(.*a){14}$'}
                """;
        TextLinter linter = new TextLinter(RuleSet.bundled().plus(List.of(RuleLoader.load("slow.yml", rule))));
        String column = "a".repeat(40) + "b";
        List<Finding> f = assertTimeoutPreemptively(Duration.ofSeconds(20),
                () -> linter.lint("ALTER TABLE t ADD COLUMN " + column + " int;\n", Map.of()).findings());
        assertTrue(f.stream().noneMatch(x -> x.ruleId().equals("user-slow-pattern")));
        List<Finding> hit = linter.lint("ALTER TABLE t ADD COLUMN " + "a".repeat(14) + " int;\n", Map.of()).findings();
        assertTrue(hit.stream().anyMatch(x -> x.ruleId().equals("user-slow-pattern")));
    }

    @Test
    void unsupportedUserRegexIsALoadErrorWithLine() {
        String rule = """
                id: user-lookbehind
                severity: warning
                summary: RE2 has no lookbehind.
                match:
                  kind: add-column
                  where:
                    column: {matches: '(?<=x)y'}
                """;
        RuleLoadException e = assertThrows(RuleLoadException.class, () -> RuleLoader.load("lookbehind.yml", rule));
        assertTrue(e.describe().startsWith("lookbehind.yml:7:"), e.describe());
    }

    // ---- item 9: baseline errors

    @Test
    void baselineParseErrorQuotesNothingFromTheFile() throws IOException {
        Path shadow = tmp.resolve("shadow");
        Files.writeString(shadow, "rootsecret:$6$hash:19000:0:99999:7:::\n");
        Baseline.BaselineException e = assertThrows(Baseline.BaselineException.class, () -> Baseline.read(shadow));
        assertFalse(e.getMessage().contains("rootsecret"), e.getMessage());
        assertFalse(e.getMessage().contains("hash"), e.getMessage());
        assertTrue(e.getMessage().contains("not a migralint baseline"), e.getMessage());
    }

    // ---- item 11: git environment

    private static String git(Path cwd, Map<String, String> env, String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of("git"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(cwd.toFile()).redirectErrorStream(true);
        Map<String, String> all = new java.util.HashMap<>(dev.migralint.workspace.GitFixture.quietGit());
        all.putAll(env);
        all.forEach((k, v) -> {
            if (v == null) {
                pb.environment().remove(k);
            } else {
                pb.environment().put(k, v);
            }
        });
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), out);
        return out;
    }

    @Test
    void gitDirEnvironmentIsReadAsGitReadsIt() throws Exception {
        Path repo = Files.createDirectories(tmp.resolve("repo"));
        Files.createDirectories(repo.resolve("migrations"));
        git(repo, Map.of(), "init", "-q", "-b", "main", ".");
        git(repo, Map.of(), "config", "user.email", "t@example.com");
        git(repo, Map.of(), "config", "user.name", "t");
        Files.writeString(repo.resolve("migrations/001_init.sql"), "SELECT 1;\n");
        git(repo, Map.of(), "add", "-A");
        git(repo, Map.of(), "commit", "-q", "-m", "init");
        git(repo, Map.of(), "checkout", "-q", "-b", "feature");
        Files.writeString(repo.resolve("migrations/002_a.sql"), "ALTER TABLE a ADD COLUMN b int;\n");
        Files.writeString(repo.resolve("migrations/003_b.sql"), "ALTER TABLE a ADD COLUMN c int;\n");
        git(repo, Map.of(), "add", "-A");
        git(repo, Map.of(), "commit", "-q", "-m", "feature");
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        Map<String, String> env = Map.of("GIT_DIR", repo.resolve(".git").toString(), "GIT_WORK_TREE", repo.toString());
        long gitSays = git(outside, env, "diff", "--name-only", "main...HEAD").lines().count();
        assertEquals(2, gitSays);

        ProcessCli.Run relative = ProcessCli.run(repo, Map.of("GIT_DIR", ".git"), "check", "--no-cache", "--changed", "--base", "main");
        assertTrue(relative.exit() <= 1, relative.all());
        assertTrue(relative.err().contains(gitSays + " migration file(s) changed"), relative.all());

        ProcessCli.Run absolute = ProcessCli.run(outside, env, "check", "--no-cache", "--changed", "--base", "main");
        assertTrue(absolute.exit() <= 1, absolute.all());
        assertTrue(absolute.err().contains(gitSays + " migration file(s) changed"), absolute.all());
    }

    // ---- item 12: numeric options and unknown commands

    @Test
    void numericOptionsAreValidated() {
        for (String v : List.of("-5", "0", "99")) {
            CliRunner.Run run = CliRunner.run("check", "--postgres-version", v, "x.sql");
            assertEquals(2, run.exit(), v + ": " + run.all());
            assertTrue(run.err().contains("--postgres-version " + v), run.err());
            CliRunner.Run fix = CliRunner.run("fix", "--postgres-version", v, "x.sql");
            assertEquals(2, fix.exit(), v + ": " + fix.all());
        }
    }

    @Test
    void unknownCommandIsAUsageErrorNamingTheNearest() {
        CliRunner.Run run = CliRunner.run("deploy", "--help");
        assertEquals(2, run.exit(), run.all());
        assertTrue(run.err().contains("unknown command 'deploy'"), run.err());
        CliRunner.Run typo = CliRunner.run("chekc", "x.sql");
        assertEquals(2, typo.exit(), typo.all());
        assertTrue(typo.err().contains("did you mean 'check'?"), typo.err());
        assertEquals(0, CliRunner.run("help").exit());
    }
}
