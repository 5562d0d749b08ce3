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
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * foreign-key-without-index: migration N adds the foreign key and N+1 of the same change its index (one pull request):
 * the change deploys both, so the key is served. A history (each migration deployed on its own) still reports it, and
 * a cached answer for N does not outlive an edit of N+1.
 */
class IndexLaterInChangeTest {
    private static final String RULE = "foreign-key-without-index";
    private static final String TABLES = """
            CREATE TABLE users (id bigint PRIMARY KEY);
            CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint, created_at timestamptz);
            """;
    private static final String FK =
            "ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;\n";
    private static final String INDEX = "CREATE INDEX CONCURRENTLY orders_user ON orders (user_id);\n";
    private static final String OTHER_INDEX = "CREATE INDEX CONCURRENTLY orders_created ON orders (created_at);\n";

    @TempDir
    Path tmp;

    private static List<String> findings(ProcessCli.Run r) throws IOException {
        return JsonFindings.of(r, Set.of(RULE), f -> JsonFindings.fileName(f) + " " + f.get("line").asInt());
    }

    private static List<String> textFindings(ProcessCli.Run r) {
        List<String> out = new ArrayList<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^\\S*/([^/:]+):(\\d+):\\d+: \\w+\\[" + RULE + "]")
                .matcher(r.out());
        while (m.find()) {
            out.add(m.group(1) + " " + m.group(2));
        }
        return out;
    }

    private Path migrations(String index) throws IOException {
        Path m = tmp.resolve("migrations");
        Files.createDirectories(m);
        Files.writeString(m.resolve("001_tables.sql"), TABLES);
        Files.writeString(m.resolve("002_orders_user_fk.sql"), FK);
        Files.writeString(m.resolve("003_orders_user_index.sql"), index);
        return m;
    }

    @Test
    void anIndexALaterFileOfTheChangeCreatesServesTheKey() throws IOException {
        migrations(INDEX);
        ProcessCli.Run change = ProcessCli.run(tmp, "check", "--no-cache", "--format", "json", "migrations/001_tables.sql",
                "migrations/002_orders_user_fk.sql", "migrations/003_orders_user_index.sql");
        assertEquals(List.of(), findings(change), change.all());

        // Without the file that indexes, or as a history, 002 is deployed without its index.
        ProcessCli.Run without = ProcessCli.run(tmp, "check", "--no-cache", "--format", "json", "migrations/001_tables.sql",
                "migrations/002_orders_user_fk.sql");
        assertEquals(List.of("002_orders_user_fk.sql 1"), findings(without), without.all());
        ProcessCli.Run history = ProcessCli.run(tmp, "check", "--no-cache", "--format", "json", "migrations");
        assertEquals(List.of("002_orders_user_fk.sql 1"), findings(history), history.all());
    }

    @Test
    void anIndexOnOtherColumnsDoesNotServeIt() throws IOException {
        migrations(OTHER_INDEX);
        ProcessCli.Run change = ProcessCli.run(tmp, "check", "--no-cache", "--format", "json", "migrations/001_tables.sql",
                "migrations/002_orders_user_fk.sql", "migrations/003_orders_user_index.sql");
        assertEquals(List.of("002_orders_user_fk.sql 1"), findings(change), change.all());
    }

    @Test
    void theCachedAnswerFollowsTheLaterFile() throws IOException, InterruptedException {
        Path m = migrations(INDEX);
        Map<String, String> env = Map.of("MIGRALINT_CACHE_DIR", tmp.resolve("cache").toString());
        String[] args = {"check", "--color", "never", "migrations/001_tables.sql", "migrations/002_orders_user_fk.sql",
                "migrations/003_orders_user_index.sql"};
        ProcessCli.Run first = ProcessCli.run(tmp, env, args);
        assertEquals(List.of(), textFindings(first), first.all());
        Files.writeString(m.resolve("003_orders_user_index.sql"), OTHER_INDEX);
        ProcessCli.Run edited = ProcessCli.run(tmp, env, args);
        assertEquals(List.of("002_orders_user_fk.sql 1"), textFindings(edited), edited.all());
        Files.writeString(m.resolve("003_orders_user_index.sql"), INDEX);
        ProcessCli.Run back = ProcessCli.run(tmp, env, args);
        assertEquals(List.of(), textFindings(back), back.all());
        ProcessCli.Run again = ProcessCli.run(tmp, env, args);
        assertEquals(List.of(), textFindings(again), again.all());
    }

    @Test
    void changedKnowsTheBranchsLaterMigrations() throws IOException {
        try (GitFixture repo = GitFixture.init(tmp.resolve("repo"))) {
            // --changed reads no migration of the base: the table whose indexes it knows is one the branch creates.
            repo.write("db/migrations/001_users.sql", "CREATE TABLE users (id bigint PRIMARY KEY);\n");
            repo.commitAll("init");
            repo.branch("feature");
            repo.write("db/migrations/002_orders_user_fk.sql",
                    "CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint, created_at timestamptz);\n" + FK);
            repo.write("db/migrations/003_orders_user_index.sql", INDEX);
            repo.commitAll("feature");
            ProcessCli.Run r = ProcessCli.run(repo.dir, "check", "--changed", "--format", "json");
            assertEquals(List.of(), findings(r), r.all());
            repo.write("db/migrations/003_orders_user_index.sql", OTHER_INDEX);
            repo.commitAll("index the wrong column");
            ProcessCli.Run wrong = ProcessCli.run(repo.dir, "check", "--changed", "--format", "json");
            assertEquals(List.of("002_orders_user_fk.sql 2"), findings(wrong), wrong.all());
        }
    }
}
