package dev.migralint.cli;

import dev.migralint.cache.ResultCache;
import dev.migralint.config.Config;
import dev.migralint.config.ConfigLoader;
import dev.migralint.engine.LintRun;
import dev.migralint.rules.FileResult;
import dev.migralint.rules.Finding;
import dev.migralint.rules.Linter;
import dev.migralint.rules.RuleSet;
import dev.migralint.rules.RunResult;
import dev.migralint.workspace.FileCollector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The runner-dependent acceptance points of issue 13, through the command line as users run it. */
class RunnerAcceptanceTest {
    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text, StandardCharsets.UTF_8);
        return p;
    }

    private CliRunner.Run check(String... paths) {
        List<String> args = new ArrayList<>(List.of("check", "--no-cache"));
        for (String p : paths) {
            args.add(dir.resolve(p).toString());
        }
        return CliRunner.run(args.toArray(String[]::new));
    }

    @Test
    void gooseConcurrentlyWithoutNoTransactionIsAnErrorAndFixAddsTheDirective() throws IOException {
        // goose wraps each section in a transaction unless -- +goose NO TRANSACTION (pressly/goose cmd/goose/main.go:331)
        write("db/go.mod", "module x\n\nrequire github.com/pressly/goose/v3 v3.24.1\n");
        Path m = write("db/migrations/20240101120000_email_idx.sql", """
                -- +goose Up
                CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_users_email ON users (email);

                -- +goose Down
                DROP INDEX CONCURRENTLY IF EXISTS idx_users_email;
                """);
        CliRunner.Run before = check("db/migrations");
        assertEquals(1, before.exit(), before.all());
        assertTrue(before.out().contains("concurrently-in-transaction"), before.out());
        CliRunner.Run fix = CliRunner.run("fix", dir.resolve("db/migrations").toString());
        assertTrue(Files.readString(m).startsWith("-- +goose NO TRANSACTION\n-- +goose Up\n"), Files.readString(m));
        assertEquals(0, fix.exit(), fix.all());
        CliRunner.Run after = check("db/migrations");
        assertFalse(after.out().contains("concurrently-in-transaction"), after.out());
    }

    @Test
    void gooseFixDeclinesWhenTheSectionNeedsItsTransaction() throws IOException {
        Path m = write("db/migrations/20240101120000_nick.sql", """
                -- +goose Up
                ALTER TABLE users ADD COLUMN nickname text;
                CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_users_nickname ON users (nickname);
                """);
        CliRunner.Run fix = CliRunner.run("fix", dir.resolve("db/migrations").toString());
        assertFalse(Files.readString(m).contains("NO TRANSACTION"), Files.readString(m));
        assertTrue(fix.out().contains("cannot fix [concurrently-in-transaction]"), fix.out());
        assertTrue(fix.out().contains("-- +goose NO TRANSACTION"), fix.out());
        assertTrue(fix.out().contains("move"), fix.out());
    }

    @Test
    void popFixNeverAddsConcurrentlyToAWrappedFile() throws IOException {
        // pop runs every migration inside c.Transaction (gobuffalo/pop migrator.go:101)
        write("go.mod", "module x\n\nrequire github.com/gobuffalo/pop/v6 v6.1.1\n");
        Path up = write("migrations/20240101120000_email_idx.postgres.up.sql", "CREATE INDEX idx_users_email ON users (email);\n");
        write("migrations/20240101120000_email_idx.postgres.down.sql", "DROP INDEX idx_users_email;\n");
        write("migrations/20240101120000_email_idx.mysql.up.sql", "CREATE INDEX idx_users_email ON users (email);\n");
        write("migrations/20240101120000_email_idx.mysql.down.sql", "DROP INDEX idx_users_email ON users;\n");
        CliRunner.Run fix = CliRunner.run("fix", "--unsafe-fixes", dir.resolve("migrations").toString());
        assertFalse(Files.readString(up).contains("CONCURRENTLY"), Files.readString(up));
        assertTrue(fix.out().contains("pop runs every migration in a transaction"), fix.out());
    }

    @Test
    void popDialectVariantsOfOneVersionAreNotDuplicates() throws IOException {
        // pop: one file per database for the same version (gobuffalo/pop migrator.go:16, match.go:24-31)
        write("go.mod", "module x\n\nrequire github.com/gobuffalo/pop/v6 v6.1.1\n");
        write("migrations/20240101120000_users.postgres.up.sql", "CREATE TABLE users (id uuid);\n");
        write("migrations/20240101120000_users.postgres.down.sql", "DROP TABLE users;\n");
        write("migrations/20240101120000_users.mysql.up.sql", "CREATE TABLE users (id char(36));\n");
        write("migrations/20240101120000_users.mysql.down.sql", "DROP TABLE users;\n");
        write("migrations/20240101120000_users.sqlite3.up.sql", "CREATE TABLE users (id text);\n");
        write("migrations/20240101120000_users.sqlite3.down.sql", "DROP TABLE users;\n");
        // History facts are computed for files under the configuration's root.
        String config = write(".migralint.yml", "# defaults\n").toString();
        String migrations = dir.resolve("migrations").toString();
        CliRunner.Run r = CliRunner.run("check", "--no-cache", "--config", config, migrations);
        assertFalse(r.out().contains("duplicate-migration-version"), r.out());
        write("migrations/20240101120000_teams.postgres.up.sql", "CREATE TABLE teams (id uuid);\n");
        CliRunner.Run dup = CliRunner.run("check", "--no-cache", "--config", config, migrations);
        assertTrue(dup.out().contains("duplicate-migration-version"), "same version, same database: " + dup.out());
    }

    @Test
    void dieselWithRunInTransactionFalseIsClean() throws IOException {
        // diesel_migrations file_based_migrations.rs:26-35: metadata.toml run_in_transaction = false
        write("diesel.toml", "[print_schema]\nfile = \"src/schema.rs\"\n");
        write("migrations/2024-01-01-000000_email_idx/up.sql", "CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_users_email ON users (email);\n");
        write("migrations/2024-01-01-000000_email_idx/down.sql", "DROP INDEX CONCURRENTLY IF EXISTS idx_users_email;\n");
        Path metadata = write("migrations/2024-01-01-000000_email_idx/metadata.toml", "run_in_transaction = false\n");
        CliRunner.Run r = check("migrations");
        assertEquals(0, r.exit(), r.all());
        assertFalse(r.out().contains("concurrently-in-transaction"), r.out());

        // Without the setting the same migration fails, and the advice never says to add a file that exists.
        Files.writeString(metadata, "run_in_transaction = true\n");
        CliRunner.Run wrapped = check("migrations");
        assertEquals(1, wrapped.exit(), wrapped.all());
        CliRunner.Run fix = CliRunner.run("fix", dir.resolve("migrations").toString());
        assertTrue(fix.out().contains("set run_in_transaction = false in this migration's metadata.toml (it exists"), fix.out());
    }

    @Test
    void supabaseCliVersionDecidesConcurrentlyBesideOtherStatements() throws IOException {
        // supabase/cli#6276 (description): since v2.109.0 (#5671) CREATE INDEX CONCURRENTLY runs outside the batch
        Path pkg = write("package.json", "{\"devDependencies\": {\"supabase\": \"^2.109.0\"}}\n");
        write("supabase/config.toml", "project_id = \"app\"\n");
        write("supabase/migrations/20240101000000_handle.sql", """
                ALTER TABLE profiles ADD COLUMN IF NOT EXISTS handle text;
                CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_profiles_handle ON profiles (handle);
                """);
        CliRunner.Run recent = check("supabase/migrations");
        assertFalse(recent.out().contains("concurrently-in-transaction"), recent.out());

        Files.writeString(pkg, "{\"devDependencies\": {\"supabase\": \"2.100.4\"}}\n");
        CliRunner.Run old = check("supabase/migrations");
        assertEquals(1, old.exit(), old.all());
        assertTrue(old.out().contains("concurrently-in-transaction"), old.out());
        assertTrue(old.out().contains("supabase 2.100.4"), old.out());

        // A configured older version wins over the newer one package.json pins.
        Files.writeString(pkg, "{\"devDependencies\": {\"supabase\": \"2.110.0\"}}\n");
        Path config = write(".migralint.yml", "runner-version:\n  supabase: 2.108.0\n");
        CliRunner.Run configured = CliRunner.run("check", "--no-cache", "--config", config.toString(),
                dir.resolve("supabase/migrations").toString());
        assertEquals(1, configured.exit(), configured.all());
        assertTrue(configured.out().contains("supabase 2.108.0"), configured.out());
    }

    @Test
    void flywayScriptConfigAndLiquibaseRunInTransaction() throws IOException {
        // Flyway script configuration (red-gate.com Flyway 6.1.0): V3__x.sql.conf with executeInTransaction=false
        write("db/migration/V3__idx.sql", "REINDEX INDEX CONCURRENTLY idx_users_email;\nANALYZE users;\n");
        CliRunner.Run wrapped = check("db/migration");
        assertTrue(wrapped.out().contains("concurrently-in-transaction"), wrapped.out());
        write("db/migration/V3__idx.sql.conf", "executeInTransaction=false\n");
        CliRunner.Run off = check("db/migration");
        assertFalse(off.out().contains("concurrently-in-transaction"), off.out());
        // Liquibase formatted SQL: runInTransaction:false on the changeset (docs.liquibase.com runintransaction)
        write("changelog/001.sql", """
                --liquibase formatted sql

                --changeset ann:1 runInTransaction:false
                CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_users_email ON users (email);
                --rollback DROP INDEX CONCURRENTLY IF EXISTS idx_users_email;
                """);
        CliRunner.Run lb = check("changelog");
        assertFalse(lb.out().contains("concurrently-in-transaction"), lb.out());
    }

    @Test
    void badSideFilesAreReportedAndTheDefaultAssumed() throws IOException {
        write("migrations/2024-01-01-000000_email_idx/up.sql", "CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_users_email ON users (email);\n");
        write("migrations/2024-01-01-000000_email_idx/metadata.toml", "run_in_transaction: false\n");
        CliRunner.Run r = check("migrations");
        assertTrue(r.out().contains("runner-config-unreadable"), r.out());
        assertTrue(r.out().contains("metadata.toml:1"), r.out());
        // Diesel ignores a metadata.toml it cannot parse: the migration runs in a transaction, where this fails.
        assertTrue(r.out().contains("concurrently-in-transaction"), r.out());
    }

    @Test
    void aFileInADialectWithoutRulesIsReportedOnce() throws IOException {
        write("clickhouse/001_events.sql", """
                CREATE TABLE events (id UInt64, at DateTime) ENGINE = MergeTree ORDER BY (at, id);
                ALTER TABLE events ADD COLUMN kind String;
                ALTER TABLE events DROP COLUMN kind;
                """);
        write("persistence/migrations/20240101_users.cockroach.up.sql", "CREATE INDEX idx_users_email ON users (email);\n");
        CliRunner.Run r = check("clickhouse", "persistence");
        assertEquals(0, r.exit(), r.all());
        assertEquals(2, r.out().split("notice\\[dialect-not-supported\\]", -1).length - 1, r.out());
        assertFalse(r.out().contains("require-concurrent-index"), r.out());
        assertFalse(r.out().contains("ban-drop-column"), r.out());
    }

    @Test
    void anInHouseRunnerFromTheConfiguration() throws IOException {
        // A deployer that applies every pending migration in one transaction, described beside the project.
        Path config = write(".migralint.yml", """
                runners:
                  - id: deployer
                    transaction: all-pending
                    assumption: our deployer applies every pending migration in one transaction
                    order: 1
                    detect:
                      - path: ["**/changes/*.sql"]
                    sources:
                      - fact: deploy.sh wraps the batch in BEGIN/COMMIT
                        source: scripts/deploy.sh
                """);
        write("db/changes/001_idx.sql", "CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_users_email ON users (email);\n");
        CliRunner.Run r = CliRunner.run("check", "--no-cache", "--config", config.toString(), dir.resolve("db/changes").toString());
        assertTrue(r.out().contains("opened by: deployer"), r.out());

        Path bad = write("bad/.migralint.yml", "runners:\n  - id: deployer\n    transaction: wrapped\n    assumption: x\n    detcet: []\n");
        CliRunner.Run refused = CliRunner.run("check", "--no-cache", "--config", bad.toString(), dir.resolve("db/changes").toString());
        assertEquals(2, refused.exit(), refused.all());
        assertTrue(refused.err().contains(":5:") && refused.err().contains("did you mean 'detect'"), refused.err());
    }

    @Test
    void anInHouseRunnerThatSendsMarkedStatementsOutsideItsTransaction() throws IOException {
        // A runner that wraps each file in one transaction but sends a statement marked on the line before it on its
        // own connection: the marked CONCURRENTLY is fine, the unmarked one fails, and the fix does not guess what
        // else the runner needs around a marked statement.
        Path config = write(".migralint.yml", """
                runners:
                  - id: deployer
                    transaction: wrapped
                    assumption: our deployer runs each migration in one transaction
                    order: 1
                    detect:
                      - path: ["**/changes/*.sql"]
                    no-transaction:
                      - comment: "-- RUN_OUTSIDE_TRANSACTION"
                        scope: statement
                """);
        write("db/changes/001_idx.sql", """
                ALTER TABLE users ADD COLUMN email text;

                -- the build takes minutes on production
                -- RUN_OUTSIDE_TRANSACTION
                CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_users_email ON users (email);

                ALTER TABLE users ADD COLUMN nick text;
                CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_users_nick ON users (nick);
                """);
        CliRunner.Run r = CliRunner.run("check", "--no-cache", "--config", config.toString(), dir.resolve("db/changes").toString());
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("001_idx\\.sql:(\\d+):\\d+: error\\[concurrently-in-transaction\\]")
                .matcher(r.out());
        List<String> lines = new ArrayList<>();
        while (m.find()) {
            lines.add(m.group(1));
        }
        assertEquals(List.of("8"), lines, r.out());

        CliRunner.Run fix = CliRunner.run("fix", "--diff", "--config", config.toString(), dir.resolve("db/changes").toString());
        assertFalse(fix.out().contains("+-- RUN_OUTSIDE_TRANSACTION"), fix.all());
        assertTrue(fix.all().contains("mark the statement with -- RUN_OUTSIDE_TRANSACTION"), fix.all());
    }

    @Test
    void aHistoryIsAnalysedInTheOrderItsRunnerAppliesIt() throws IOException {
        // Diesel runs 20161231000000_create before 2017-01-01-000000_drop (versions without '-', compared as text);
        // the numbers 2017 < 20161231000000 would put the drop first, before the table it drops was created.
        write("crate/Cargo.toml", "[package]\nname = \"x\"\n\n[dependencies]\ndiesel = \"2\"\n");
        write("crate/migrations/20161231000000_create/up.sql", "CREATE TABLE scratch (id bigint);\n");
        write("crate/migrations/2017-01-01-000000_drop/up.sql", "DROP TABLE scratch;\n");
        CliRunner.Run diesel = check("crate/migrations/20161231000000_create/up.sql", "crate/migrations/2017-01-01-000000_drop/up.sql");
        assertFalse(diesel.out().contains("ban-drop-table"), "the drop is of a table the change created: " + diesel.out());
        // Prisma sorts its directories by name as text: 20250625_drop after 20250409154352_create.
        write("app/prisma/migrations/20250409154352_create/migration.sql", "CREATE TABLE \"Scratch\" (id integer);\n");
        write("app/prisma/migrations/20250625_drop/migration.sql", "DROP TABLE \"Scratch\";\n");
        write("app/prisma/migrations/migration_lock.toml", "provider = \"postgresql\"\n");
        CliRunner.Run prisma = check("app/prisma/migrations/20250409154352_create/migration.sql",
                "app/prisma/migrations/20250625_drop/migration.sql");
        assertFalse(prisma.out().contains("ban-drop-table"), "the drop is of a table the change created: " + prisma.out());
        // golang-migrate compares the numbers: 2_drop runs before 10_create, so the drop is of a table from before.
        write("go/migrations/10_create.up.sql", "CREATE TABLE scratch (id bigint);\n");
        write("go/migrations/2_drop.up.sql", "DROP TABLE scratch;\n");
        CliRunner.Run numeric = check("go/migrations/10_create.up.sql", "go/migrations/2_drop.up.sql");
        assertTrue(numeric.out().contains("ban-drop-table"), numeric.out());
    }

    @Test
    void aChangedSideFileInvalidatesTheCache() throws Exception {
        write("migrations/2024-01-01-000000_email_idx/up.sql", "CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_users_email ON users (email);\n");
        Path metadata = write("migrations/2024-01-01-000000_email_idx/metadata.toml", "run_in_transaction = false\n");
        Path cache = dir.resolve(".cache");
        assertEquals(0, concurrentlyErrors(cache));
        Files.writeString(metadata, "run_in_transaction = true\n");
        assertEquals(1, concurrentlyErrors(cache));
        Files.delete(metadata);
        assertEquals(1, concurrentlyErrors(cache));
        Files.writeString(metadata, "run_in_transaction = false\n");
        assertEquals(0, concurrentlyErrors(cache));
    }

    private int concurrentlyErrors(Path cacheDir) throws Exception {
        Config config = Config.defaults(dir);
        Linter linter = new Linter(RuleSet.bundled(), config.rules());
        FileCollector.Collected files = new FileCollector(dir, List.of(), List.of()).collect(List.of("migrations"), dir);
        ResultCache cache = LintRun.openCache(cacheDir, config);
        RunResult result = new LintRun(config, linter).findingsOnly(true).withCache(cache)
                .run(files.files(), files.refused(), List.of());
        cache.save();
        int n = 0;
        for (FileResult f : result.files()) {
            for (Finding x : f.findings()) {
                if (x.ruleId().equals("concurrently-in-transaction")) {
                    n++;
                }
            }
        }
        return n;
    }

    @Test
    void configurationKeysLoad() throws Exception {
        Config c = ConfigLoader.parse(write(".migralint.yml", "runner-version: 2.108.0\n"),
                "runner-version: v2.108.0\n");
        assertEquals("2.108.0", c.runnerVersions().get("*"));
    }
}
