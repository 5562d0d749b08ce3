package dev.migralint.cli;

import dev.migralint.workspace.GitFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * table-created-in-change: a table an earlier migration of the change created is as new as one created earlier in the
 * same file, so lock rules leave it alone; a table of the history before the change is not.
 */
class ChangeFactsTest {
    private static final Set<String> WATCHED = Set.of("require-concurrent-index", "constraint-missing-not-valid",
            "set-not-null-on-existing-column");

    @TempDir
    Path tmp;

    /** "file rule line" for each watched finding. */
    private static List<String> findings(ProcessCli.Run r) throws IOException {
        return JsonFindings.of(r, WATCHED, JsonFindings::fileRuleLine);
    }

    /** The same from the text report (the one the result cache answers). */
    private static List<String> textFindings(ProcessCli.Run r) {
        List<String> out = new ArrayList<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^\\S*/([^/:]+):(\\d+):\\d+: \\w+\\[([a-z-]+)]")
                .matcher(r.out());
        while (m.find()) {
            if (WATCHED.contains(m.group(3))) {
                out.add(m.group(1) + " " + m.group(3) + " " + m.group(2));
            }
        }
        return out;
    }

    private static void write(Path dir, String name, String text) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(name), text);
    }

    @Test
    void filesNamedInAPlainCheckAreOneChange() throws IOException {
        Path m = tmp.resolve("migrations");
        write(m, "001_orders.sql", "CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint, note text);\n");
        write(m, "002_orders_index.sql", """
                CREATE INDEX orders_user ON orders (user_id);
                ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id);
                ALTER TABLE orders ALTER COLUMN note SET NOT NULL;
                CREATE INDEX users_email ON users (email);
                """);
        List<String> onExisting = List.of("002_orders_index.sql require-concurrent-index 4");
        ProcessCli.Run both = ProcessCli.run(tmp, "check", "--no-cache", "--format", "json",
                "migrations/001_orders.sql", "migrations/002_orders_index.sql");
        assertEquals(onExisting, findings(both), both.all());

        // Named alone, 002 does not know orders is new.
        ProcessCli.Run alone = ProcessCli.run(tmp, "check", "--no-cache", "--format", "json", "migrations/002_orders_index.sql");
        assertEquals(List.of("002_orders_index.sql require-concurrent-index 1",
                "002_orders_index.sql constraint-missing-not-valid 2",
                "002_orders_index.sql set-not-null-on-existing-column 3",
                "002_orders_index.sql require-concurrent-index 4"), findings(alone), alone.all());

        // A directory is a history: each migration was deployed on its own, after orders had rows.
        ProcessCli.Run history = ProcessCli.run(tmp, "check", "--no-cache", "--format", "json", "migrations");
        assertEquals(findings(alone), findings(history), history.all());
    }

    @Test
    void theResultCacheKnowsWhatTheChangeCreated() throws IOException {
        Path m = tmp.resolve("migrations");
        write(m, "001_orders.sql", "CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint);\n");
        write(m, "002_orders_index.sql", "CREATE INDEX orders_user ON orders (user_id);\n");
        java.util.Map<String, String> env = java.util.Map.of("MIGRALINT_CACHE_DIR", tmp.resolve("cache").toString());
        ProcessCli.Run history = ProcessCli.run(tmp, env, "check", "--color", "never", "migrations");
        assertEquals(List.of("002_orders_index.sql require-concurrent-index 1"), textFindings(history), history.all());
        // The same files, now named as a change: the cache holds both files' results as a history.
        ProcessCli.Run change = ProcessCli.run(tmp, env, "check", "--color", "never",
                "migrations/001_orders.sql", "migrations/002_orders_index.sql");
        assertEquals(List.of(), textFindings(change), change.all());
        ProcessCli.Run again = ProcessCli.run(tmp, env, "check", "--color", "never", "migrations");
        assertEquals(textFindings(history), textFindings(again), again.all());
        ProcessCli.Run changeAgain = ProcessCli.run(tmp, env, "check", "--color", "never",
                "migrations/001_orders.sql", "migrations/002_orders_index.sql");
        assertEquals(List.of(), textFindings(changeAgain), changeAgain.all());
    }

    @Test
    void changedTreatsTheBranchsEarlierMigrationsAsNew() throws IOException {
        try (GitFixture repo = GitFixture.init(tmp.resolve("repo"))) {
            repo.write("db/migrations/001_users.sql", "CREATE TABLE users (id bigint PRIMARY KEY, email text);\n");
            repo.commitAll("init");
            repo.branch("feature");
            repo.write("db/migrations/002_orders.sql", "CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint);\n");
            repo.write("db/migrations/003_indexes.sql", "CREATE INDEX orders_user ON orders (user_id);\n"
                    + "CREATE INDEX users_email ON users (email);\n");
            repo.commitAll("feature");
            ProcessCli.Run r = ProcessCli.run(repo.dir, "check", "--changed", "--format", "json");
            assertEquals(List.of("003_indexes.sql require-concurrent-index 2"), findings(r), r.all());
        }
    }
}
