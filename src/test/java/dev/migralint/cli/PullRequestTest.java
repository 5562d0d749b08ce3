package dev.migralint.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.migralint.workspace.GitFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 13 end to end, in real repositories: a pull request that adds a migration with its rollback is safe to deploy
 * in every runner's layout; only lines the change adds or modifies are reported; an edited applied migration is as
 * severe as its runner makes it; a schema snapshot in the change is not linted.
 */
class PullRequestTest {
    private static final String UP = "ALTER TABLE users ADD COLUMN nickname text;\n";
    private static final String DOWN = "ALTER TABLE users DROP COLUMN nickname;\n";
    /** The rules the exact lists below are about; other rules may add advice on the same statements. */
    private static final java.util.Set<String> WATCHED = java.util.Set.of("adding-required-field",
            "require-concurrent-index", "concurrently-in-transaction", "modified-applied-migration", "ban-drop-column");

    @TempDir
    Path tmp;

    /** A repository whose main branch has one migration, and a branch "feature" that adds {@code files}. */
    private GitFixture branchAdding(String first, String... files) {
        GitFixture repo = GitFixture.init(tmp.resolve("repo"));
        repo.write(first, "CREATE TABLE users (id bigint PRIMARY KEY);\n");
        repo.commitAll("init");
        repo.branch("feature");
        for (int i = 0; i < files.length; i += 2) {
            repo.write(files[i], files[i + 1]);
        }
        repo.commitAll("feature");
        return repo;
    }

    /** "path rule line severity direction" of every watched finding of a JSON report, after the verdict. */
    private static List<String> findings(ProcessCli.Run r) throws IOException {
        return findings(r, true);
    }

    private static List<String> findings(ProcessCli.Run r, boolean watchedOnly) throws IOException {
        JsonNode root = new ObjectMapper().readTree(r.out());
        List<String> out = new ArrayList<>();
        out.add("safe=" + root.get("verdict").get("safe").asBoolean());
        for (JsonNode file : root.get("files")) {
            for (JsonNode f : file.get("findings")) {
                if (watchedOnly && !WATCHED.contains(f.get("rule").asText())) {
                    continue;
                }
                out.add(f.get("path").asText() + " " + f.get("rule").asText() + " " + f.get("line").asInt() + " "
                        + f.get("severity").asText() + " " + f.get("direction").asText()
                        + (f.path("unchangedLine").asBoolean(false) ? " (unchanged line)" : ""));
            }
        }
        return out;
    }

    private static ProcessCli.Run changed(GitFixture repo, String... extra) {
        List<String> args = new ArrayList<>(List.of("check", "--changed", "--base", "main", "--format", "json"));
        args.addAll(List.of(extra));
        return ProcessCli.run(repo.dir, args.toArray(new String[0]));
    }

    private void assertSafe(String first, String... files) throws IOException {
        try (GitFixture repo = branchAdding(first, files)) {
            ProcessCli.Run r = changed(repo);
            List<String> found = findings(r, false);
            assertEquals(0, r.exit(), r.all());
            assertEquals("safe=true", found.get(0), r.all());
            assertTrue(found.stream().noneMatch(f -> f.contains(" error ")), found::toString);
            assertTrue(found.stream().noneMatch(f -> f.contains("ban-drop-column")), found::toString);
        }
    }

    @Test
    void golangMigratePairIsSafe() throws IOException {
        assertSafe("migrations/000001_users.up.sql",
                "migrations/000002_nick.up.sql", UP, "migrations/000002_nick.down.sql", DOWN);
    }

    @Test
    void dieselPairIsSafe() throws IOException {
        assertSafe("migrations/2024-01-01-000000_users/up.sql",
                "migrations/2024-01-02-000000_nick/up.sql", UP, "migrations/2024-01-02-000000_nick/down.sql", DOWN);
    }

    @Test
    void sqlxPairIsSafe() throws IOException {
        assertSafe("migrations/20240101000000_users.up.sql",
                "migrations/20240102000000_nick.up.sql", UP, "migrations/20240102000000_nick.down.sql", DOWN);
    }

    @Test
    void popPairIsSafe() throws IOException {
        assertSafe("migrations/20231201000000_users.postgres.up.sql",
                "migrations/20240101000000_nick.postgres.up.sql", UP,
                "migrations/20240101000000_nick.postgres.down.sql", DOWN);
    }

    @Test
    void flywayUndoFileIsSafe() throws IOException {
        assertSafe("db/migration/V1__users.sql",
                "db/migration/V2__nick.sql", UP, "db/migration/U2__nick.sql", DOWN);
    }

    @Test
    void dbmateDownSectionIsSafe() throws IOException {
        assertSafe("db/migrations/20240101000000_users.sql",
                "db/migrations/20240102000000_nick.sql", "-- migrate:up\n" + UP + "\n-- migrate:down\n" + DOWN);
    }

    @Test
    void gooseDownSectionIsSafe() throws IOException {
        assertSafe("migrations/00001_users.sql",
                "migrations/00002_nick.sql", "-- +goose Up\n" + UP + "\n-- +goose Down\n" + DOWN);
    }

    /** Without the direction, the same down section would be a DROP COLUMN error: the control for the tests above. */
    @Test
    void theSameDropInAnUpMigrationStillBlocks() throws IOException {
        try (GitFixture repo = branchAdding("migrations/000001_users.up.sql",
                "migrations/000002_nick.up.sql", DOWN)) {
            ProcessCli.Run r = changed(repo);
            assertEquals(1, r.exit(), r.all());
            assertTrue(findings(r).contains("migrations/000002_nick.up.sql ban-drop-column 1 error up"), r.out());
        }
    }

    /** A down that cannot run blocks; one that would take a heavy lock only warns. */
    @Test
    void aDownThatCannotRunBlocksAndALockOnlyWarns() throws IOException {
        try (GitFixture repo = branchAdding("migrations/20240101000000_users.up.sql",
                "migrations/20240102000000_idx.up.sql", "-- no-transaction\nDROP INDEX CONCURRENTLY IF EXISTS users_nick;\n",
                "migrations/20240102000000_idx.down.sql", "CREATE INDEX users_nick ON users (nickname);\n")) {
            ProcessCli.Run lock = changed(repo, "--framework", "sqlx");
            assertEquals(0, lock.exit(), lock.all());
            assertTrue(findings(lock).contains(
                    "migrations/20240102000000_idx.down.sql require-concurrent-index 1 warning down"), lock.out());

            ProcessCli.Run text = ProcessCli.run(repo.dir, "check", "--changed", "--base", "main", "--framework", "sqlx");
            assertTrue(text.out().lines().anyMatch(l -> l.startsWith(
                    "migrations/20240102000000_idx.down.sql:1:1: warning[require-concurrent-index]")
                    && l.contains("(down migration)")), text.out());

            repo.write("migrations/20240102000000_idx.down.sql", "CREATE INDEX CONCURRENTLY users_nick ON users (nickname);\n");
            repo.commitAll("concurrently in the down");
            ProcessCli.Run broken = changed(repo, "--framework", "sqlx");
            assertEquals(1, broken.exit(), broken.all());
            assertTrue(findings(broken).contains(
                    "migrations/20240102000000_idx.down.sql concurrently-in-transaction 1 error down"), broken.out());
        }
    }

    @Test
    void aMigrationFolderMovedWithItsNamesKeptIsNoRename() throws IOException {
        try (GitFixture repo = GitFixture.init(tmp.resolve("repo"))) {
            repo.write("db/postgresql/migrations/01_init/migration.sql", "CREATE TABLE users (id bigint PRIMARY KEY);\n")
                    .write("db/postgresql/migrations/02_idx/migration.sql", "CREATE INDEX users_id ON users (id);\n")
                    .write("schema/v1.12/endpoints.sql", "CREATE TABLE endpoints (id bigint PRIMARY KEY);\n")
                    .write("scripts/data-migrations/convert-columns.sql", "UPDATE users SET id = id + 0 WHERE id < 0;\n");
            repo.commitAll("init");
            repo.branch("feature");
            repo.mv("db/postgresql/migrations/01_init/migration.sql", "prisma/migrations/01_init/migration.sql")
                    .mv("db/postgresql/migrations/02_idx/migration.sql", "prisma/migrations/02_idx/migration.sql")
                    .mv("schema/v1.12/endpoints.sql", "schema/v1.13/endpoints.sql")
                    .mv("scripts/data-migrations/convert-columns.sql", "db/postgresql/data-migrations/convert-columns.sql");
            repo.write("prisma/migrations/02_idx/migration.sql", "CREATE INDEX users_id ON users (id);\n-- moved\n");
            repo.commitAll("move the migrations where prisma looks");

            List<String> history = new ArrayList<>();
            for (String f : findings(changed(repo), false)) {
                if (f.contains("-applied-migration")) {
                    history.add(f);
                }
            }
            // Prisma knows 01_init and 02_idx by their folder names, which stay; v1.13 is a new version of endpoints;
            // convert-columns.sql moved with its data-migrations folder (umami's scripts/ to db/postgresql/).
            assertEquals(List.of("prisma/migrations/02_idx/migration.sql modified-applied-migration 2 warning up",
                    "schema/v1.13/endpoints.sql renamed-applied-migration 1 error up"), history);
        }
    }

    @Test
    void migrationsMovedIntoTwoFoldersHaveNoNewLines() throws IOException {
        // git pairs one copy with the removed file as its rename and calls the other added; which one is arbitrary
        // (git and JGit choose differently), and neither holds a line the change wrote.
        String old = "CREATE INDEX users_email ON users (email);\n";
        try (GitFixture repo = GitFixture.init(tmp.resolve("repo"))) {
            repo.write("migrate/migration/000001_users.up.sql", "CREATE TABLE users (id bigint PRIMARY KEY, email text);\n")
                    .write("migrate/migration/000002_idx.up.sql", old);
            repo.commitAll("init");
            repo.branch("feature");
            repo.rm("migrate/migration/000002_idx.up.sql");
            repo.write("driver/a/migration/main/000002_idx.up.sql", old)
                    .write("driver/b/migration/main/000002_idx.up.sql", old)
                    .write("driver/b/migration/main/000003_idx.up.sql", "CREATE INDEX users_id ON users (id);\n");
            repo.commitAll("one migration set per driver");

            assertEquals(List.of("safe=false",
                    "driver/b/migration/main/000003_idx.up.sql require-concurrent-index 1 error up"),
                    findings(changed(repo)));
        }
    }

    @Test
    void onlyTheEditedLineOfAnOldMigrationIsReported() throws IOException {
        try (GitFixture repo = GitFixture.init(tmp.resolve("repo"))) {
            repo.write("migrations/000001_users.up.sql", "CREATE TABLE users (id bigint PRIMARY KEY, email text);\n")
                    .write("migrations/000002_misc.up.sql", "CREATE INDEX users_email ON users (email);\n"
                            + "ALTER TABLE users ADD COLUMN age int;\n"
                            + "CREATE INDEX users_age ON users\n  (age);\n");
            repo.commitAll("init");
            repo.branch("feature");
            repo.write("migrations/000002_misc.up.sql", "CREATE INDEX users_email ON users (email);\n"
                    + "ALTER TABLE users ADD COLUMN age int NOT NULL;\n"
                    + "CREATE INDEX users_age ON users\n  (age, id);\n");
            repo.commitAll("edit an applied migration");

            // The base ran the migration: lock rules leave its edited statements to modified-applied-migration.
            ProcessCli.Run r = changed(repo);
            assertEquals(List.of("safe=false",
                    "migrations/000002_misc.up.sql adding-required-field 2 error up",
                    "migrations/000002_misc.up.sql modified-applied-migration 2 warning up"), findings(r));

            ProcessCli.Run all = changed(repo, "--all-lines");
            assertEquals(List.of("safe=false",
                    "migrations/000002_misc.up.sql require-concurrent-index 1 error up (unchanged line)",
                    "migrations/000002_misc.up.sql adding-required-field 2 error up",
                    "migrations/000002_misc.up.sql modified-applied-migration 2 warning up"), findings(all));

            // Staged, the committed migration may not be deployed: the lock rules report what the edit touched.
            String edited = repo.read("migrations/000002_misc.up.sql");
            repo.checkout("main");
            repo.stage("migrations/000002_misc.up.sql", edited);
            ProcessCli.Run staged = ProcessCli.run(repo.dir, "check", "--staged", "--format", "json");
            assertEquals(List.of("safe=false",
                    "migrations/000002_misc.up.sql adding-required-field 2 error up",
                    // The statement's second line changed: the whole statement counts as changed.
                    "migrations/000002_misc.up.sql require-concurrent-index 3 error up",
                    "migrations/000002_misc.up.sql modified-applied-migration 2 warning up"), findings(staged));
        }
    }

    @Test
    void anEditInsideADoBlockReportsOnlyTheEmbeddedStatementItEdits() throws IOException {
        try (GitFixture repo = GitFixture.init(tmp.resolve("repo"))) {
            repo.write("migrations/000001_users.up.sql", "CREATE TABLE users (id bigint PRIMARY KEY, email text);\n")
                    .write("migrations/000002_misc.up.sql", "DO $$\nBEGIN\n"
                            + "  CREATE INDEX users_email ON users (email);\n"
                            + "  ALTER TABLE users ADD COLUMN age int;\n"
                            + "END\n$$;\n");
            repo.commitAll("init");
            repo.branch("feature");
            repo.write("migrations/000002_misc.up.sql", "DO $$\nBEGIN\n"
                    + "  CREATE INDEX users_email ON users (email);\n"
                    + "  ALTER TABLE users ADD COLUMN age int NOT NULL;\n"
                    + "END\n$$;\n");
            repo.commitAll("edit one statement of the DO block");

            // The CREATE INDEX on line 3 is in the edited DO block, but its own statement is untouched.
            assertEquals(List.of("safe=false",
                    "migrations/000002_misc.up.sql adding-required-field 4 error up",
                    "migrations/000002_misc.up.sql modified-applied-migration 4 warning up"), findings(changed(repo)));
            assertEquals(List.of("safe=false",
                    "migrations/000002_misc.up.sql require-concurrent-index 3 error up (unchanged line)",
                    "migrations/000002_misc.up.sql adding-required-field 4 error up",
                    "migrations/000002_misc.up.sql modified-applied-migration 4 warning up"),
                    findings(changed(repo, "--all-lines")));
        }
    }

    @Test
    void anEditedAppliedMigrationIsAsSevereAsItsRunnerMakesIt() throws IOException {
        try (GitFixture repo = GitFixture.init(tmp.resolve("repo"))) {
            repo.write("db/migration/V1__users.sql", "CREATE TABLE users (id bigint PRIMARY KEY);\n")
                    .write("migrations/000001_users.up.sql", "CREATE TABLE users (id bigint PRIMARY KEY);\n");
            repo.commitAll("init");
            repo.branch("feature");
            repo.write("db/migration/V1__users.sql", "CREATE TABLE users (id bigint PRIMARY KEY, note text);\n")
                    .write("migrations/000001_users.up.sql", "CREATE TABLE users (id bigint PRIMARY KEY, note text);\n");
            repo.commitAll("edit both");

            ProcessCli.Run flyway = changed(repo, "db/migration");
            assertEquals(List.of("safe=false", "db/migration/V1__users.sql modified-applied-migration 1 error up"),
                    findings(flyway));
            assertTrue(ProcessCli.run(repo.dir, "check", "--changed", "--base", "main", "db/migration").out()
                    .contains("flyway verifies the checksums of applied migrations, so the next deploy fails"));

            ProcessCli.Run migrate = changed(repo, "migrations");
            assertEquals(0, migrate.exit(), migrate.all());
            assertEquals(List.of("safe=true", "migrations/000001_users.up.sql modified-applied-migration 1 warning up"),
                    findings(migrate));
            assertTrue(ProcessCli.run(repo.dir, "check", "--changed", "--base", "main", "migrations").out()
                    .contains("golang-migrate does not refuse this edit"));
        }
    }

    @Test
    void aSchemaSnapshotInTheChangeIsNotLinted() throws IOException {
        try (GitFixture repo = branchAdding("db/migrations/20240101000000_users.sql",
                "db/migrations/20240102000000_nick.sql", "-- migrate:up\n" + UP + "\n-- migrate:down\n" + DOWN,
                "db/schema.sql", "DROP TABLE users;\nCREATE TABLE users (id bigint PRIMARY KEY, nickname text);\n",
                "sql/schema/users.sql", "DROP TABLE users;\n",
                "migrations/testdata/000001_bad.up.sql", "DROP TABLE users;\n")) {
            ProcessCli.Run r = changed(repo);
            assertEquals(0, r.exit(), r.all());
            JsonNode root = new ObjectMapper().readTree(r.out());
            List<String> paths = new ArrayList<>();
            root.get("files").forEach(f -> paths.add(f.get("path").asText()));
            assertEquals(List.of("db/migrations/20240102000000_nick.sql"), paths);

            ProcessCli.Run plain = ProcessCli.run(repo.dir, "check", "--format", "json");
            JsonNode all = new ObjectMapper().readTree(plain.out());
            List<String> plainPaths = new ArrayList<>();
            all.get("files").forEach(f -> plainPaths.add(f.get("path").asText()));
            assertFalse(plainPaths.contains("db/schema.sql"), plainPaths::toString);
            assertFalse(plainPaths.contains("sql/schema/users.sql"), plainPaths::toString);
            assertFalse(plainPaths.contains("migrations/testdata/000001_bad.up.sql"), plainPaths::toString);
            assertTrue(plainPaths.contains("db/migrations/20240102000000_nick.sql"), plainPaths::toString);
        }
    }
}
