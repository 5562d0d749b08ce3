package dev.migralint.config;

import com.networknt.schema.Schema;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** migralint init: what it detects, what it writes, and that what it writes loads and matches the schema. */
class InitCommandTest {
    @TempDir
    Path dir;
    private static Schema schema;

    @BeforeAll
    static void loadSchema() throws IOException {
        schema = JsonSchemas.load(JsonSchemas.CONFIG);
    }

    private void write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text, StandardCharsets.UTF_8);
    }

    /** Runs init in the temp directory and returns the file it wrote, after checking it loads and validates. */
    private String init() throws Exception {
        Cli.Run r = Cli.run("init", "--dir", dir.toString());
        assertEquals(0, r.exit(), r.all());
        assertTrue(r.out().contains("Wrote " + dir.resolve(".migralint.yml")), r.out());
        String text = Files.readString(dir.resolve(".migralint.yml"), StandardCharsets.UTF_8);
        assertEquals(List.of(), JsonSchemas.errors(schema, ".migralint.yml", text), text);
        ConfigLoader.parse(dir.resolve(".migralint.yml"), text);
        assertTrue(text.startsWith("# yaml-language-server: $schema=https://"), text);
        assertTrue(text.contains("transaction: auto"), text);
        assertTrue(text.contains("\nrules:\n  # "), "a commented rules section: " + text);
        // The commented settings are valid once uncommented.
        String uncommented = text.replace("# deployment: rolling", "deployment: rolling")
                .replace("# releases:\n#   tags: \"v*\"", "releases:\n  tags: \"v*\"");
        assertEquals(List.of(), JsonSchemas.errors(schema, ".migralint.yml", uncommented), uncommented);
        Config u = ConfigLoader.parse(dir.resolve(".migralint.yml"), uncommented);
        assertEquals("v*", u.releaseTags(), uncommented);
        assertTrue(!u.rules().offline(), uncommented);
        return text;
    }

    @Test
    void prismaProjectGetsPrismaGlobsAndTheProviderDialect() throws Exception {
        write("prisma/migrations/migration_lock.toml", "provider = \"sqlite\"\n");
        write("prisma/migrations/20240101000000_init/migration.sql", "CREATE TABLE \"User\" (id INTEGER PRIMARY KEY);\n");
        write("prisma/migrations/20240201000000_email/migration.sql", "ALTER TABLE \"User\" ADD COLUMN email TEXT;\n");
        String text = init();
        assertTrue(text.contains("include:\n  - \"prisma/migrations/*/migration.sql\"\n"), text);
        assertTrue(text.contains("\nframework: prisma\n"), text);
        assertTrue(text.contains("\ndialect: sqlite "), text);
        assertTrue(text.contains("Detected: 2 migration files under prisma/migrations, prisma, sqlite."), text);
        Config c = ConfigLoader.load(dir.resolve(".migralint.yml"));
        assertEquals("prisma", c.framework());
        assertEquals("sqlite", c.dialect());
        assertEquals(TransactionMode.AUTO, c.transaction());

        Cli.Run check = Cli.run("check", "--config", dir.resolve(".migralint.yml").toString(), "--color", "never");
        assertTrue(check.exit() == 0 || check.exit() == 1, check.all());
        assertTrue(check.out().contains("Checked 2 files"), "the include glob finds both migrations: " + check.out());
    }

    @Test
    void golangMigrateExcludesDownMigrations() throws Exception {
        write("db/migrations/000001_init.up.sql", "CREATE TABLE a (id bigint);\n");
        write("db/migrations/000001_init.down.sql", "DROP TABLE a;\n");
        write("db/migrations/000002_b.up.sql", "CREATE TABLE b (id bigint);\n");
        write("db/migrations/000002_b.down.sql", "DROP TABLE b;\n");
        String text = init();
        assertTrue(text.contains("include:\n  - \"db/migrations/**/*.sql\"\n"), text);
        assertTrue(text.contains("exclude:\n  - \"**/*.down.sql\"\n"), text);
        assertTrue(text.contains("\nframework: golang-migrate\n"), text);
        assertTrue(text.contains("\ndialect: postgresql "), text);
        Cli.Run check = Cli.run("check", "--config", dir.resolve(".migralint.yml").toString(), "--color", "never");
        assertTrue(check.out().contains("Checked 2 files"), "down migrations are excluded: " + check.out());
    }

    @Test
    void flywayProjectInAJavaLayout() throws Exception {
        write("src/main/resources/db/migration/V1__init.sql", "CREATE TABLE a (id bigint);\n");
        write("src/main/resources/db/migration/V2__more.sql", "ALTER TABLE a ADD COLUMN b text;\n");
        String text = init();
        assertTrue(text.contains("  - \"src/main/resources/db/migration/**/*.sql\"\n"), text);
        assertTrue(text.contains("\nframework: flyway\n"), text);
    }

    @Test
    void mixedRunnersLeaveTheFrameworkToDetection() throws Exception {
        write("prisma/migrations/20240101000000_init/migration.sql", "CREATE TABLE a (id bigint);\n");
        write("prisma/migrations/20240102000000_b/migration.sql", "CREATE TABLE b (id bigint);\n");
        write("legacy/migrations/0001_old.sql", "CREATE TABLE c (id bigint);\n");
        String text = init();
        assertTrue(text.contains("# framework: prisma\n"), text);
        assertTrue(text.contains("  - \"legacy/migrations/**/*.sql\"\n"), text);
        assertTrue(text.contains("  - \"prisma/migrations/*/migration.sql\"\n"), text);
        assertNull(ConfigLoader.load(dir.resolve(".migralint.yml")).framework());
    }

    @Test
    void emptyRepositoryGetsCommentedIncludes() throws Exception {
        String text = init();
        assertTrue(text.contains("# include:\n"), text);
        assertTrue(text.contains("no migrations found yet"), text);
        assertEquals(List.of(), ConfigLoader.load(dir.resolve(".migralint.yml")).include());
    }

    @Test
    void runnerRecognisedFromItsConfigurationBeforeAnyMigration() throws Exception {
        write("prisma/schema.prisma", """
                generator client {
                  provider = "prisma-client-js"
                }
                datasource db {
                  provider = "mysql"
                  url      = env("DATABASE_URL")
                }
                """);
        String text = init();
        assertTrue(text.contains("\nframework: prisma\n"), text);
        assertTrue(text.contains("\ndialect: mysql "), text);
        assertTrue(text.contains("  - \"prisma/migrations/*/migration.sql\"\n"), text);
    }

    @Test
    void refusesToOverwriteWithoutForce() throws Exception {
        write("db/migrations/001_init.sql", "CREATE TABLE a (id bigint);\n");
        init();
        Files.writeString(dir.resolve(".migralint.yml"), "fail-on: warning\n");
        Cli.Run again = Cli.run("init", "--dir", dir.toString());
        assertEquals(2, again.exit(), again.all());
        assertTrue(again.err().contains("already exists; use --force to overwrite it"), again.err());
        assertEquals("fail-on: warning\n", Files.readString(dir.resolve(".migralint.yml")), "left untouched");

        Cli.Run printed = Cli.run("init", "--dir", dir.toString(), "--stdout");
        assertEquals(0, printed.exit(), printed.all());
        assertTrue(printed.out().contains("transaction: auto"), printed.out());
        assertEquals("fail-on: warning\n", Files.readString(dir.resolve(".migralint.yml")), "--stdout writes nothing");

        Cli.Run forced = Cli.run("init", "--dir", dir.toString(), "--force");
        assertEquals(0, forced.exit(), forced.all());
        assertTrue(Files.readString(dir.resolve(".migralint.yml")).contains("transaction: auto"));
        try (var files = Files.list(dir)) {
            assertFalse(files.anyMatch(p -> p.getFileName().toString().endsWith(".tmp")), "no temporary file left");
        }
    }

    @Test
    void dialectVariantsLeaveTheDialectToPerFileDetectionAndFixturesAreSkipped() throws Exception {
        // pop keeps one file per database for a version: <version>_<name>.<dialect>.<up|down>.sql (gobuffalo/pop migrator.go:16)
        write("go.mod", "module x\n\nrequire github.com/ory/x v0.0.600\n");
        write("persistence/sql/migrations/20240101000000_users.postgres.up.sql", "CREATE TABLE users (id uuid);\n");
        write("persistence/sql/migrations/20240101000000_users.mysql.up.sql", "CREATE TABLE users (id char(36));\n");
        write("persistence/sql/migrations/20240101000000_users.sqlite3.up.sql", "CREATE TABLE users (id text);\n");
        write("internal/testdata/migrations/001_broken.sql", "DROP TABLE users;\n");
        write("api/db/migrations/000001_orders.up.sql", "CREATE TABLE orders (id bigint);\n");
        String text = init();
        assertTrue(text.contains("\n# dialect: postgresql"), text);
        assertFalse(text.contains("\ndialect:"), text);
        assertTrue(text.contains("postgresql, mysql, sqlite"), text);
        assertFalse(text.contains("testdata"), text);
        assertTrue(text.contains("persistence/sql/migrations/**/*.sql"), text);
        assertTrue(text.contains("api/db/migrations/**/*.sql"), "every migration set of the monorepo: " + text);
    }
}
