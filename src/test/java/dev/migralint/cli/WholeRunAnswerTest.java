package dev.migralint.cli;

import dev.migralint.cache.RunManifest;

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
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A check answered whole from a run manifest prints what a cold run prints, and anything the answer depends on (a
 * file, a sibling in a history directory, the configuration, the arguments, the report's form, a recent change)
 * sends it back to the per-file path.
 */
class WholeRunAnswerTest {
    @TempDir
    Path tmp;

    private record Out(int exit, String out, String answer) {
    }

    private Out check(Path cache, List<String> args) {
        String before = System.getProperty("migralint.cache.dir");
        try {
            System.setProperty("migralint.cache.dir", cache == null ? "off" : cache.toString());
            StringWriter out = new StringWriter();
            // The command itself, not Main: its answeredBy says which path answered.
            CheckCommand command = new CheckCommand();
            assertTrue(CheckArguments.parse(args.subList(1, args.size()).toArray(String[]::new), command), "" + args);
            command.directOut = new PrintWriter(out, true);
            command.directErr = new PrintWriter(new StringWriter(), true);
            int exit = command.call();
            return new Out(exit, out.toString().replaceAll("(Checked [^\n]*?) in \\d+ ms", "$1 in N ms"),
                    command.answeredBy);
        } finally {
            if (before == null) {
                System.clearProperty("migralint.cache.dir");
            } else {
                System.setProperty("migralint.cache.dir", before);
            }
        }
    }

    private Path project() throws IOException {
        Path dir = tmp.resolve("project/db/migrations");
        Files.createDirectories(dir);
        Files.createDirectories(tmp.resolve("project/.git"));
        Files.writeString(dir.resolve("001_users.up.sql"), "CREATE TABLE users (id int PRIMARY KEY, email varchar(100), age int);\n");
        Files.writeString(dir.resolve("001_users.down.sql"), "DROP TABLE users;\n");
        Files.writeString(dir.resolve("002_index.up.sql"), "CREATE INDEX idx_users_email ON users (email);\nUPDATE users SET age = 0;\n");
        Files.writeString(dir.resolve("003_types.up.sql"), "ALTER TABLE users ALTER COLUMN age TYPE bigint;\n");
        // The configuration makes the project the root (the tests' working directory is not in it): history facts.
        Files.writeString(tmp.resolve("project/.migralint.yml"), "rules: {}\n");
        age(tmp.resolve("project"), 3600);
        return tmp.resolve("project");
    }

    /** Sets every time under {@code root} this many seconds back: older than the two seconds a whole answer needs. */
    private static void age(Path root, int seconds) throws IOException {
        FileTime old = FileTime.from(Instant.now().minusSeconds(seconds));
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                Files.setLastModifiedTime(p, old);
            }
        }
    }

    private static List<String> args(Path root, String... options) throws IOException {
        List<String> a = new ArrayList<>(List.of("check", "--config", root.resolve(".migralint.yml").toString()));
        a.addAll(List.of(options));
        try (Stream<Path> s = Files.list(root.resolve("db/migrations"))) {
            s.filter(p -> p.toString().endsWith(".up.sql")).sorted().forEach(p -> a.add(p.toString()));
        }
        return a;
    }

    /** Fills the cache (cold, then file by file, which keeps the whole answer) and checks the next run is whole. */
    private void warm(Path cache, List<String> args) {
        check(cache, args);
        assertEquals("files", check(cache, args).answer());
        Out whole = check(cache, args);
        assertEquals("whole", whole.answer(), "answered whole");
        assertEquals(check(null, args).out(), whole.out());
    }

    @Test
    void anUnchangedRunIsAnsweredWholeAsColdPrintsIt() throws Exception {
        Path root = project();
        Path cache = tmp.resolve("cache");
        warm(cache, args(root, "--color", "never"));
        warm(cache, args(root, "--format", "github"));
        Out whole = check(cache, args(root, "--color", "never"));
        assertEquals("whole", whole.answer());
        assertEquals(check(null, args(root, "--color", "never")).exit(), whole.exit());
    }

    @Test
    void anEditedFileIsSeen() throws Exception {
        Path root = project();
        Path cache = tmp.resolve("cache");
        List<String> args = args(root, "--color", "never");
        warm(cache, args);
        Path first = root.resolve("db/migrations/001_users.up.sql");
        Files.writeString(first, "CREATE TABLE users (id int PRIMARY KEY, email text, age bigint);\n");
        Files.setLastModifiedTime(first, FileTime.from(Instant.now().minusSeconds(1800)));
        Out warm = check(cache, args);
        assertNotEquals("whole", warm.answer());
        assertEquals(check(null, args).out(), warm.out());
    }

    @Test
    void aSiblingAddedToAHistoryDirectoryIsSeen() throws Exception {
        Path root = project();
        Path cache = tmp.resolve("cache");
        List<String> args = args(root, "--color", "never");
        warm(cache, args);
        // 002 gains its down migration: its history facts change, though no selected file did.
        Path dir = root.resolve("db/migrations");
        Files.writeString(dir.resolve("002_index.down.sql"), "DROP INDEX idx_users_email;\n");
        Files.setLastModifiedTime(dir.resolve("002_index.down.sql"), FileTime.from(Instant.now().minusSeconds(1800)));
        Files.setLastModifiedTime(dir, FileTime.from(Instant.now().minusSeconds(1800)));
        Out warm = check(cache, args);
        assertNotEquals("whole", warm.answer());
        assertEquals(check(null, args).out(), warm.out());
    }

    @Test
    void theConfigurationArgumentsAndFormAreSeen() throws Exception {
        Path root = project();
        Path cache = tmp.resolve("cache");
        List<String> args = args(root, "--color", "never");
        warm(cache, args);
        for (List<String> other : List.of(args(root, "--color", "always"), args(root, "--color", "never", "--show-ignored"),
                args(root, "--color", "never", "--fail-on", "warning"), args(root, "--format", "github"),
                args.subList(0, args.size() - 1))) {
            Out warm = check(cache, other);
            assertNotEquals("whole", warm.answer(), other.toString());
            assertEquals(check(null, other).out(), warm.out(), other.toString());
        }
        Path config = root.resolve(".migralint.yml");
        Files.writeString(config, "rules:\n  ban-drop-table: off\n  require-concurrent-index: off\n");
        age(root, 3600);
        Out configured = check(cache, args);
        assertNotEquals("whole", configured.answer());
        assertEquals(check(null, args).out(), configured.out());
    }

    @Test
    void theRunIdCoversDirectoryArgumentsAndForm() {
        byte[] base = RunManifest.id(Path.of("/a"), List.of("x.sql", "y.sql"), "text|color=false");
        assertFalse(java.util.Arrays.equals(base, RunManifest.id(Path.of("/b"), List.of("x.sql", "y.sql"), "text|color=false")));
        assertFalse(java.util.Arrays.equals(base, RunManifest.id(Path.of("/a"), List.of("x.sqly.sql"), "text|color=false")));
        assertFalse(java.util.Arrays.equals(base, RunManifest.id(Path.of("/a"), List.of("x.sql", "y.sql"), "text|color=true")));
        assertEquals(java.util.Arrays.toString(base),
                java.util.Arrays.toString(RunManifest.id(Path.of("/a"), List.of("x.sql", "y.sql"), "text|color=false")));
    }

    @Test
    void recentChangesAndLinksAreNeverKeptWhole() throws Exception {
        Path root = project();
        Path cache = tmp.resolve("cache");
        Path fresh = root.resolve("db/migrations/004_fresh.up.sql");
        Files.writeString(fresh, "ALTER TABLE users ADD COLUMN note text;\n"); // modified now: within two seconds
        List<String> args = args(root, "--color", "never");
        check(cache, args);
        assertEquals("files", check(cache, args).answer());
        assertEquals("files", check(cache, args).answer(), "no whole answer from a file changed within two seconds");

        Files.delete(fresh);
        age(root, 3600);
        Path link = root.resolve("db/migrations/005_link.up.sql");
        Files.createSymbolicLink(link, root.resolve("db/migrations/003_types.up.sql"));
        List<String> linked = args(root, "--color", "never");
        check(cache, linked);
        check(cache, linked);
        Out third = check(cache, linked);
        assertNotEquals("whole", third.answer(), "a selected link is not kept whole");
        assertEquals(check(null, linked).out(), third.out());
    }

    @Test
    void aDirectoryArgumentIsAnsweredFileByFile() throws Exception {
        Path root = project();
        Path cache = tmp.resolve("cache");
        List<String> args = List.of("check", "--config", root.resolve(".migralint.yml").toString(), "--color", "never",
                root.resolve("db/migrations").toString());
        check(cache, args);
        check(cache, args);
        assertEquals("files", check(cache, args).answer());
    }
}
