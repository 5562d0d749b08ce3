package dev.migralint.plan;

import dev.migralint.PostgresCluster;
import dev.migralint.verify.SchemaDump;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code plan --split} on a real PostgreSQL, one test per kind of split, each in another runner's layout: the history
 * is applied, rows inserted (with NULLs where they matter, enough for the backfill to take several batches), the split
 * migrations applied in order as the runner sends them (in a transaction, one query, or statement by statement), a
 * row written by "old code" after the first one; then the schema must equal the one the one-step migration gives on a
 * fresh database (the catalog, column order aside), the data must have survived, and {@code migralint check} must
 * find no error in the split migrations. Skipped without the PostgreSQL binaries.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class SplitReplayTest {
    /** Rows for the backfilling kinds: about 2,000 pages, so the 1,000-page batches loop more than once. */
    static final int ROWS = 300_000;

    private static PostgresCluster pg;

    @BeforeAll
    static void start() throws Exception {
        pg = PostgresCluster.startOrSkip();
    }

    @AfterAll
    static void stop() {
        if (pg != null) {
            pg.close();
        }
    }

    /** One kind's scenario. {@code history} and {@code change} are paths relative to the project root. */
    record Case(String name, String runner, Map<String, String> history, String change, String changeText,
                String rows, String oldCode, Map<String, String> data, boolean backfills) {
    }

    @Test
    void renameColumnWithGoose(@TempDir Path dir) throws Exception {
        Map<String, String> history = new LinkedHashMap<>();
        history.put("db/00001_create.sql", "-- +goose Up\nCREATE TABLE users (id bigint PRIMARY KEY,"
                + " name text NOT NULL DEFAULT 'anon', age int);\n");
        replay(dir, new Case("rename", "goose", history, "db/00002_rename.sql",
                "-- +goose Up\nALTER TABLE users RENAME COLUMN name TO full_name;\n-- +goose Down\n"
                        + "ALTER TABLE users RENAME COLUMN full_name TO name;\n",
                "INSERT INTO users SELECT g, 'n' || g, g % 90 FROM generate_series(1, " + ROWS + ") g",
                "INSERT INTO users (id, name) VALUES (0, 'written by old code')",
                Map.of("SELECT count(*) FROM users WHERE full_name = 'n' || id", String.valueOf(ROWS),
                        "SELECT full_name FROM users WHERE id = 0", "written by old code"), true));
    }

    @Test
    void setNotNullWithGolangMigrate(@TempDir Path dir) throws Exception {
        Map<String, String> history = new LinkedHashMap<>();
        history.put("migrations/000001_create.up.sql",
                "CREATE TABLE accounts (id bigint PRIMARY KEY, plan text DEFAULT 'free');\n");
        replay(dir, new Case("required", "golang-migrate", history, "migrations/000002_plan_required.up.sql",
                "ALTER TABLE accounts ALTER COLUMN plan SET NOT NULL;\n",
                "INSERT INTO accounts SELECT g, CASE WHEN g % 3 = 0 THEN NULL ELSE 'pro' END"
                        + " FROM generate_series(1, " + ROWS + ") g",
                "INSERT INTO accounts (id) VALUES (0)",
                Map.of("SELECT count(*) FROM accounts WHERE plan = 'free'", String.valueOf(ROWS / 3 + 1),
                        "SELECT count(*) FROM accounts WHERE plan = 'pro'", String.valueOf(ROWS - ROWS / 3)), true));
    }

    @Test
    void addRequiredColumnWithDbmate(@TempDir Path dir) throws Exception {
        Map<String, String> history = new LinkedHashMap<>();
        history.put("db/migrations/20240101000000_create.sql",
                "-- migrate:up\nCREATE TABLE events (id bigint PRIMARY KEY, kind text);\n\n-- migrate:down\nDROP TABLE events;\n");
        replay(dir, new Case("add-required", "dbmate", history, "db/migrations/20240102000000_token.sql",
                "-- migrate:up\nALTER TABLE events ADD COLUMN token uuid NOT NULL DEFAULT gen_random_uuid();\n",
                "INSERT INTO events SELECT g, CASE WHEN g % 2 = 0 THEN 'click' END FROM generate_series(1, " + ROWS + ") g",
                "INSERT INTO events (id, kind) VALUES (0, 'old code')",
                Map.of("SELECT count(DISTINCT token) FROM events", String.valueOf(ROWS + 1),
                        "SELECT count(*) FROM events WHERE kind = 'click'", String.valueOf(ROWS / 2)), true));
    }

    @Test
    void changeTypeWithSqlx(@TempDir Path dir) throws Exception {
        Map<String, String> history = new LinkedHashMap<>();
        history.put("Cargo.toml", "[package]\nname = \"app\"\n\n[dependencies]\nsqlx = \"0.7\"\n");
        history.put("migrations/20240101000000_create.up.sql",
                "CREATE TABLE orders (id bigint PRIMARY KEY, amount integer NOT NULL DEFAULT 0, note text);\n");
        replay(dir, new Case("type", "sqlx", history, "migrations/20240102000000_amount_bigint.up.sql",
                "ALTER TABLE orders ALTER COLUMN amount TYPE bigint USING amount::bigint * 1;\n",
                "INSERT INTO orders SELECT g, g, CASE WHEN g % 5 = 0 THEN NULL ELSE 'x' END"
                        + " FROM generate_series(1, " + ROWS + ") g",
                "INSERT INTO orders (id, amount) VALUES (0, 42)",
                Map.of("SELECT count(*) FROM orders WHERE amount = id", String.valueOf(ROWS),
                        "SELECT amount FROM orders WHERE id = 0", "42",
                        "SELECT count(*) FROM orders WHERE note IS NULL", String.valueOf(ROWS / 5 + 1)), true));
    }

    @Test
    void addUniqueWithPrisma(@TempDir Path dir) throws Exception {
        Map<String, String> history = new LinkedHashMap<>();
        history.put("prisma/migrations/migration_lock.toml", "provider = \"postgresql\"\n");
        history.put("prisma/migrations/20240101000000_init/migration.sql", "CREATE TABLE \"User\" (\"id\" INTEGER NOT NULL,"
                + " \"email\" TEXT, CONSTRAINT \"User_pkey\" PRIMARY KEY (\"id\"));\n");
        replay(dir, new Case("unique", "prisma", history, "prisma/migrations/20240102000000_unique_email/migration.sql",
                "ALTER TABLE \"User\" ADD UNIQUE (\"email\");\n",
                "INSERT INTO \"User\" SELECT g, CASE WHEN g % 4 = 0 THEN NULL ELSE 'u' || g || '@x' END"
                        + " FROM generate_series(1, 20000) g",
                null, Map.of("SELECT count(*) FROM \"User\" WHERE email IS NULL", "5000"), false));
    }

    @Test
    void addForeignKeyWithDiesel(@TempDir Path dir) throws Exception {
        Map<String, String> history = new LinkedHashMap<>();
        history.put("migrations/2024-01-01-000000_create/up.sql", "CREATE TABLE authors (id bigint PRIMARY KEY);\n"
                + "CREATE TABLE books (id bigint PRIMARY KEY, author_id bigint);\n");
        replay(dir, new Case("fk", "diesel", history, "migrations/2024-01-02-000000_books_author/up.sql",
                "ALTER TABLE books ADD FOREIGN KEY (author_id) REFERENCES authors (id) ON DELETE CASCADE;\n",
                "INSERT INTO authors SELECT generate_series(1, 1000);"
                        + " INSERT INTO books SELECT g, CASE WHEN g % 7 = 0 THEN NULL ELSE g % 1000 + 1 END"
                        + " FROM generate_series(1, 20000) g",
                null, Map.of("SELECT count(*) FROM books WHERE author_id IS NULL", String.valueOf(20000 / 7)), false));
    }

    private static void replay(Path dir, Case c) throws Exception {
        for (Map.Entry<String, String> e : c.history().entrySet()) {
            write(dir.resolve(e.getKey()), e.getValue());
        }
        Path change = dir.resolve(c.change());
        write(change, c.changeText());
        Set<Path> before = files(dir);
        PlanCommandTest.Out planned = PlanCommandTest.run("plan", "--split", dir.toString());
        assertEquals(0, planned.exit(), planned.err());
        assertTrue(planned.err().contains("split ("), planned.err());
        List<Path> split = files(dir).stream().filter(p -> !before.contains(p) && p.toString().endsWith(".sql"))
                .sorted().toList();
        assertTrue(split.size() >= 2, "a sequence of migrations: " + split + "\n" + planned.err());
        for (Path p : split) {
            String text = Files.readString(p);
            assertTrue(text.contains("migralint plan --split of"), "each starts by saying which phase it is: " + p);
            assertTrue(text.contains("Before the next migration:") || text.contains("The last of the sequence"), p.toString());
        }

        // The one-step migration on a fresh database: the schema to reach.
        String one = pg.createDatabase("one_" + c.name().replace('-', '_'));
        for (String h : c.history().keySet()) {
            if (h.endsWith(".sql")) {
                apply(one, dir.resolve(h), c.runner());
            }
        }
        apply(one, change, c.runner());
        List<String> expected = schema(one);

        // The split sequence on a database with rows, the original migration gone.
        Files.delete(change);
        String db = pg.createDatabase("split_" + c.name().replace('-', '_'));
        for (String h : c.history().keySet()) {
            if (h.endsWith(".sql")) {
                apply(db, dir.resolve(h), c.runner());
            }
        }
        pg.query(db, c.rows());
        int batches = 0;
        for (int i = 0; i < split.size(); i++) {
            String out = apply(db, split.get(i), c.runner());
            batches = Math.max(batches, (int) out.lines().filter(l -> l.contains("migralint backfill:")).count());
            if (i == 0 && c.oldCode() != null) {
                pg.query(db, c.oldCode()); // code of the release before the change, still running
            }
        }
        if (c.backfills()) {
            assertTrue(batches >= 2, "the backfill ran in several batches, ran " + batches);
        }
        List<String> actual = schema(db);
        assertEquals(String.join("\n", expected), String.join("\n", actual), "same schema as the one-step migration");
        for (Map.Entry<String, String> q : c.data().entrySet()) {
            assertEquals(q.getValue(), pg.query(db, q.getKey()).strip(), q.getKey());
        }

        PlanCommandTest.Out checked = PlanCommandTest.run("check", "--format", "text", dir.toString());
        assertFalse(checked.out().contains("error["), checked.out());
        assertEquals(0, checked.exit(), checked.out() + checked.err());
    }

    /** Runs a migration as its runner sends it; returns psql's output (notices included). */
    static String apply(String db, Path file, String runner) throws Exception {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        boolean outside = switch (runner) {
            case "goose" -> text.contains("-- +goose NO TRANSACTION");
            case "sqlx" -> text.startsWith("-- no-transaction");
            case "dbmate" -> text.contains("-- migrate:up transaction:false");
            case "diesel" -> Files.exists(file.resolveSibling("metadata.toml"))
                    && Files.readString(file.resolveSibling("metadata.toml")).contains("run_in_transaction = false");
            default -> false;
        };
        if (runner.equals("dbmate") && text.contains("-- migrate:down")) {
            text = text.substring(0, text.indexOf("-- migrate:down"));
        }
        if (runner.equals("goose") && text.contains("-- +goose Down")) {
            text = text.substring(0, text.indexOf("-- +goose Down"));
        }
        List<String> args = new ArrayList<>(List.of("-v", "ON_ERROR_STOP=1"));
        switch (runner) {
            // One query string: a single statement runs on its own, several as one implicit transaction.
            case "golang-migrate", "prisma" -> args.addAll(List.of("-c", text));
            // goose without a transaction: statement by statement, each committed.
            case "goose" -> args.addAll(outside ? List.of("-c", "\\i " + tmp(text)) : List.of("-1", "-f", tmp(text)));
            // sqlx, dbmate and Diesel without their transaction still send the file as one query.
            default -> args.addAll(outside ? List.of("-c", text) : List.of("-1", "-f", tmp(text)));
        }
        PostgresCluster.Run r = pg.psql(db, args);
        assertEquals(0, r.exit(), () -> file + ":\n" + r.output());
        return r.output();
    }

    private static String tmp(String text) throws Exception {
        Path f = Files.createTempFile("migralint-split-", ".sql");
        f.toFile().deleteOnExit();
        Files.writeString(f, text, StandardCharsets.UTF_8);
        return f.toString();
    }

    private static List<String> schema(String db) throws Exception {
        return pg.query(db, SchemaDump.catalogQuery()).lines().map(l -> l.replaceAll("\\s+", " ").strip()).sorted()
                .collect(Collectors.toList());
    }

    private static Set<Path> files(Path dir) throws Exception {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).collect(Collectors.toSet());
        }
    }

    private static void write(Path p, String text) throws Exception {
        Files.createDirectories(p.getParent());
        Files.writeString(p, text, StandardCharsets.UTF_8);
    }
}
