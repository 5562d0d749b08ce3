package dev.migralint.cli;

import dev.migralint.cache.ResultCache;
import dev.migralint.cache.RunFingerprint;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A warm run (every file answered from the cache, no rule loaded) prints byte for byte what a cold run prints, but
 * for the time the summary line reports; and whatever a file's results depend on still invalidates its entry.
 */
class WarmReportTest {
    @TempDir
    Path tmp;

    private record Out(int exit, String out, String err) {
    }

    private Out check(Path cache, String... args) {
        String before = System.getProperty("migralint.cache.dir");
        try {
            System.setProperty("migralint.cache.dir", cache == null ? "off" : cache.toString());
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int exit = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
            return new Out(exit, out.toString(), err.toString());
        } finally {
            if (before == null) {
                System.clearProperty("migralint.cache.dir");
            } else {
                System.setProperty("migralint.cache.dir", before);
            }
        }
    }

    private static String untimed(String report) {
        return report.replaceAll("(Checked [^\n]*?) in \\d+ ms", "$1 in N ms");
    }

    /** A history whose later files depend on earlier ones, with ignores, a missing down and a duplicate version. */
    private Path history() throws IOException {
        Path dir = tmp.resolve("project/db/migrations");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("001_users.up.sql"),
                "CREATE TABLE users (id int PRIMARY KEY, email varchar(100), age int);\n");
        Files.writeString(dir.resolve("001_users.down.sql"), "DROP TABLE users;\n");
        Files.writeString(dir.resolve("002_index.up.sql"),
                "-- migralint-ignore require-concurrent-index: tiny table\nCREATE INDEX idx_users_email ON users (email);\n"
                        + "CREATE INDEX idx_users_age ON users (age);\nUPDATE users SET age = 0;\n");
        Files.writeString(dir.resolve("003_types.up.sql"),
                "ALTER TABLE users ALTER COLUMN email TYPE varchar(200);\nALTER TABLE users ALTER COLUMN age TYPE bigint;\n"
                        + "ALTER TABLE users ADD COLUMN note text NOT NULL;\n");
        Files.writeString(dir.resolve("003_again.up.sql"), "ALTER TABLE users DROP COLUMN note;\n\tDROP TABLE users;\n");
        return tmp.resolve("project");
    }

    private void assertWarmEqualsCold(Path cache, String... args) {
        Out cold = check(null, args);
        Out first = check(cache, args);
        Out warm = check(cache, args);
        assertEquals(cold.exit(), warm.exit());
        assertEquals(untimed(cold.out()), untimed(first.out()));
        assertEquals(untimed(cold.out()), untimed(warm.out()), "warm output differs from cold for " + List.of(args));
    }

    @Test
    void warmTextAndGithubReportsAreTheColdOnes() throws Exception {
        Path root = history();
        Files.createDirectories(root.resolve(".git"));
        Path cache = tmp.resolve("cache");
        String dir = root.resolve("db/migrations").toString();
        assertWarmEqualsCold(cache, "check", "--color", "never", dir);
        assertWarmEqualsCold(cache, "check", "--color", "always", dir);
        assertWarmEqualsCold(cache, "check", "--color", "never", "--show-ignored", dir);
        assertWarmEqualsCold(cache, "check", "--format", "github", dir);
        assertWarmEqualsCold(cache, "check", "--color", "never", "--fail-on", "error", dir);
        Path report = tmp.resolve("out/report.txt");
        Files.createDirectories(report.getParent()); // outside the repository: --output creates no directory there
        check(cache, "check", "--color", "never", "-o", report.toString(), dir);
        String first = Files.readString(report);
        check(cache, "check", "--color", "never", "-o", report.toString(), dir);
        assertEquals(untimed(first), untimed(Files.readString(report)));
        assertTrue(first.contains("NOT SAFE TO DEPLOY"), first);
    }

    @Test
    void whatResultsDependOnInvalidatesTheWarmAnswer() throws Exception {
        Path root = history();
        Files.createDirectories(root.resolve(".git"));
        Path cache = tmp.resolve("cache");
        String dir = root.resolve("db/migrations").toString();
        check(cache, "check", "--color", "never", dir);
        // An earlier migration of the history: the later ones' findings change (int -> bigint no longer rewrites).
        Path first = root.resolve("db/migrations/001_users.up.sql");
        Files.writeString(first, "CREATE TABLE users (id int PRIMARY KEY, email text, age bigint);\n");
        assertEquals(untimed(check(null, "check", "--color", "never", dir).out()),
                untimed(check(cache, "check", "--color", "never", dir).out()));
        // Same size, same time, new content: stat data alone cannot tell (as for git), but a new time can.
        String text = Files.readString(first).replace("email text", "email TEXT");
        FileTime old = FileTime.from(Instant.now().minusSeconds(3600));
        Files.writeString(first, text);
        Files.setLastModifiedTime(first, old);
        check(cache, "check", "--color", "never", dir);
        Files.writeString(first, text.replace("age bigint", "age int   "));
        Files.setLastModifiedTime(first, FileTime.from(Instant.now().minusSeconds(1800)));
        assertEquals(untimed(check(null, "check", "--color", "never", dir).out()),
                untimed(check(cache, "check", "--color", "never", dir).out()));
        // A sibling migration appears: history facts (the missing down of 002) change for a file whose text did not.
        Files.writeString(root.resolve("db/migrations/002_index.down.sql"), "DROP INDEX idx_users_email;\n");
        assertEquals(untimed(check(null, "check", "--color", "never", dir).out()),
                untimed(check(cache, "check", "--color", "never", dir).out()));
        // The configuration: a rule turned off.
        Files.writeString(root.resolve(".migralint.yml"), "rules: {}\n");
        String before = check(cache, "check", "--color", "never", "--config", root.resolve(".migralint.yml").toString(), dir).out();
        Path config = root.resolve(".migralint.yml");
        Files.writeString(config, "rules:\n  ban-drop-table: off\n");
        Out configured = check(cache, "check", "--color", "never", "--config", config.toString(), dir);
        assertEquals(untimed(check(null, "check", "--color", "never", "--config", config.toString(), dir).out()),
                untimed(configured.out()));
        assertNotEquals(untimed(before), untimed(configured.out()), configured.err());
    }

    @Test
    void aUserRuleEditIsSeenWithoutLoadingRulesFirst() throws Exception {
        Path root = history();
        Files.createDirectories(root.resolve(".git"));
        Path rules = root.resolve("rules");
        Files.createDirectories(rules);
        Files.writeString(root.resolve(".migralint.yml"), "rule-dirs:\n  - rules\n");
        String base = RunFingerprint.fingerprint(dev.migralint.config.ConfigLoader.load(root.resolve(".migralint.yml")));
        Files.writeString(rules.resolve("x.yml"), "id: x\n");
        String edited = RunFingerprint.fingerprint(dev.migralint.config.ConfigLoader.load(root.resolve(".migralint.yml")));
        assertNotEquals(base, edited);
        Files.writeString(rules.resolve("x.yml"), "id: y\n");
        assertNotEquals(edited, RunFingerprint.fingerprint(dev.migralint.config.ConfigLoader.load(root.resolve(".migralint.yml"))));
    }

    /** A sample of the real corpus (when it is there): warm and cold print the same bytes, text and github. */
    @Test
    void corpusSampleWarmEqualsCold() throws Exception {
        Path corpus = Path.of("../shared/corpus").toAbsolutePath().normalize();
        assumeTrue(Files.isDirectory(corpus), "no ../shared/corpus");
        List<String> files = new ArrayList<>();
        try (Stream<Path> s = Files.walk(corpus)) {
            s.filter(p -> p.toString().endsWith(".sql")).sorted().forEach(p -> files.add(p.toString()));
        }
        List<String> sample = new ArrayList<>();
        for (int i = 0; i < files.size() && sample.size() < 300; i += Math.max(1, files.size() / 300)) {
            sample.add(files.get(i));
        }
        Path cache = tmp.resolve("cache");
        List<String> args = new ArrayList<>(List.of("check", "--color", "never"));
        args.addAll(sample);
        assertWarmEqualsCold(cache, args.toArray(String[]::new));
        args.set(1, "--format");
        args.set(2, "github");
        assertWarmEqualsCold(cache, args.toArray(String[]::new));
    }
}
