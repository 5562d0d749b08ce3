package dev.migralint.workspace;

import dev.migralint.sql.Dialect;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Detection through the runner descriptors, on fixtures laid out as each runner documents (the comment above each
 * names where the layout comes from), with versions from manifests and lock files and what side files say.
 */
class RunnerDetectionTest {
    @TempDir
    Path root;

    private Path write(String rel, String text) throws IOException {
        Path p = root.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text, StandardCharsets.UTF_8);
        return p;
    }

    private Framework detect(ProjectLayout layout, String rel) throws IOException {
        Path p = root.resolve(rel);
        return layout.framework(p, rel, Files.readString(p));
    }

    private Framework detect(String rel) throws IOException {
        return detect(new ProjectLayout(null, null), rel);
    }

    @Test
    void aRunnerThatWouldRunNoFileOfTheDirectoryIsNotItsRunner() throws IOException {
        // golang-migrate runs <version>_<title>.(up|down).<ext> and skips any other file (source/iofs/iofs.go): a
        // directory of V0001.Name.up.sql files (authelia's own runner) is not golang-migrate's.
        write("own/migrations/V0001.Initial_Schema.up.sql", "CREATE TABLE users (id int);\n");
        write("own/migrations/V0001.Initial_Schema.down.sql", "DROP TABLE users;\n");
        assertEquals("plain", detect("own/migrations/V0001.Initial_Schema.up.sql").id());
        assertEquals("plain", detect("own/migrations/V0001.Initial_Schema.down.sql").id());
        // Beside files it runs, a name it skips is still its; golang-migrate's is not reported (reports-skipped: false):
        // harness's maragudk/migrate applies 0157.up.sql beside 0001_init.up.sql.
        write("gm/migrations/0001_users.up.sql", "CREATE TABLE users (id int);\n");
        write("gm/migrations/0157.up.sql", "ALTER TABLE users ADD COLUMN email text;\n");
        assertEquals("golang-migrate", detect("gm/migrations/0001_users.up.sql").id());
        assertEquals("golang-migrate", detect("gm/migrations/0157.up.sql").id());
        assertFalse(RunnerTraits.skips("golang-migrate", "gm/migrations/0157.up.sql", root.resolve("gm/migrations")));
        // A db/migration folder with no V<version>__ script is no sign of Flyway.
        write("scripts/db/migration/001_init.sql", "CREATE TABLE t (id int);\n");
        assertEquals("plain", detect("scripts/db/migration/001_init.sql").id());
        write("svc/db/migration/V1__init.sql", "CREATE TABLE t (id int);\n");
        write("svc/db/migration/V2_index.sql", "CREATE INDEX t_id ON t (id);\n");
        assertEquals("flyway", detect("svc/db/migration/V2_index.sql").id());
        assertTrue(RunnerTraits.skips("flyway", "svc/db/migration/V2_index.sql", root.resolve("svc/db/migration")));
    }

    @Test
    void eachRunnerInItsDocumentedLayout() throws IOException {
        // goose: "-- +goose Up" is mandatory (pressly/goose internal/sqlparser/parser.go, annotations)
        write("db/migrations/20240101120000_users.sql", "-- +goose Up\nCREATE TABLE users (id int);\n-- +goose Down\nDROP TABLE users;\n");
        assertEquals("goose", detect("db/migrations/20240101120000_users.sql").id());
        // pop: <version>_<name>.<dialect>.<up|down>.sql beside a go.mod requiring pop (gobuffalo/pop migrator.go:16)
        write("pop/go.mod", "module example.com/app\n\nrequire github.com/gobuffalo/pop/v6 v6.1.1\n");
        write("pop/migrations/20240101120000_users.postgres.up.sql", "CREATE TABLE users (id int);\n");
        Framework pop = detect("pop/migrations/20240101120000_users.postgres.up.sql");
        assertEquals("pop", pop.id());
        assertEquals("6.1.1", pop.version());
        // dbmate: "-- migrate:up" (amacneil/dbmate pkg/dbmate/migration.go:62)
        write("dbm/db/migrations/20240101_users.sql", "-- migrate:up\nCREATE TABLE users (id int);\n-- migrate:down\nDROP TABLE users;\n");
        assertEquals("dbmate", detect("dbm/db/migrations/20240101_users.sql").id());
        // Diesel: migrations/<date>_<name>/up.sql and down.sql (diesel_migrations file_based_migrations.rs:26-50)
        write("diesel/migrations/2024-01-01-000000_users/up.sql", "CREATE TABLE users (id int);\n");
        assertEquals("diesel", detect("diesel/migrations/2024-01-01-000000_users/up.sql").id());
        // Prisma with a migrations directory of another name, known by Prisma's migration_lock.toml beside it
        write("fb/packages/database/migration/migration_lock.toml", "provider = \"postgresql\"\n");
        write("fb/packages/database/migration/20260401000000_x/migration.sql", "CREATE INDEX a ON b (c);\n");
        assertEquals("prisma", detect("fb/packages/database/migration/20260401000000_x/migration.sql").id());
        write("nolock/schema/migration/20260401000000_x/migration.sql", "CREATE INDEX a ON b (c);\n");
        assertEquals("plain", detect("nolock/schema/migration/20260401000000_x/migration.sql").id());
        // Diesel with one directory per database (embed_migrations!("migrations/postgresql")) in a Rust project that
        // uses Diesel; the same layout without a Cargo.toml naming diesel is not Diesel's.
        write("vw/Cargo.toml", "[dependencies]\ndiesel = { version = \"2.2\", features = [\"postgres\"] }\n");
        write("vw/migrations/postgresql/2024-02-14-170000_add_state/up.sql", "DROP TABLE sso_nonce;\n");
        assertEquals("diesel", detect("vw/migrations/postgresql/2024-02-14-170000_add_state/up.sql").id());
        write("nocargo/migrations/postgresql/2024-02-14-170000_add_state/up.sql", "DROP TABLE sso_nonce;\n");
        assertEquals("plain", detect("nocargo/migrations/postgresql/2024-02-14-170000_add_state/up.sql").id());
        // Diesel with a migrations directory of any name (embed_migrations!("./migrations_postgres"); Diesel's
        // FileBasedMigrations::from_path takes any directory), in a crate that uses Diesel.
        write("cs/Cargo.toml", "[dependencies]\ndiesel = { version = \"2.2\", features = [\"postgres\"] }\n");
        write("cs/migrations_postgres/2025-01-21-093745_add_fuota/up.sql", "ALTER TABLE device DROP COLUMN x;\n");
        write("cs/migrations_postgres/2025-01-21-093745_add_fuota/down.sql", "ALTER TABLE device ADD COLUMN x int;\n");
        assertEquals("diesel", detect("cs/migrations_postgres/2025-01-21-093745_add_fuota/up.sql").id());
        assertEquals("diesel", detect("cs/migrations_postgres/2025-01-21-093745_add_fuota/down.sql").id());
        write("nodiesel/migrations_postgres/2025-01-21-093745_add_fuota/up.sql", "ALTER TABLE device DROP COLUMN x;\n");
        assertEquals("plain", detect("nodiesel/migrations_postgres/2025-01-21-093745_add_fuota/up.sql").id());
        // Hasura: migrations/<database>/<timestamp>_<name>/up.sql beside config.yaml (hasura.io manage-migrations)
        write("hasura/config.yaml", "version: 3\nendpoint: http://localhost:8080\nmetadata_directory: metadata\n");
        write("hasura/migrations/default/1654696186008_init/up.sql", "CREATE TABLE users (id int);\n");
        assertEquals("hasura", detect("hasura/migrations/default/1654696186008_init/up.sql").id());
        // sqitch: deploy/, revert/, verify/ beside sqitch.plan (sqitchtutorial)
        write("sq/sqitch.plan", "%syntax-version=1.0.0\n%project=app\n\nusers 2024-01-01T12:00:00Z Ann <ann@example.com> # users\n");
        write("sq/deploy/users.sql", "BEGIN;\nCREATE TABLE users (id int);\nCOMMIT;\n");
        write("sq/revert/users.sql", "BEGIN;\nDROP TABLE users;\nCOMMIT;\n");
        assertEquals("sqitch", detect("sq/deploy/users.sql").id());
        assertEquals("sqitch", detect("sq/revert/users.sql").id());
        // Atlas: version_name.sql beside atlas.sum (atlasgo.io, migration execution)
        write("atl/migrations/atlas.sum", "h1:abc=\n20240101_init.sql h1:def=\n");
        write("atl/migrations/20240101_init.sql", "CREATE TABLE users (id int);\n");
        assertEquals("atlas", detect("atl/migrations/20240101_init.sql").id());
        // refinery: V<n>__name.sql in a crate using refinery (rust-db/refinery README)
        write("rf/Cargo.toml", "[dependencies]\nrefinery = { version = \"0.8.14\", features = [\"postgres\"] }\n");
        write("rf/migrations/V1__init.sql", "CREATE TABLE users (id int);\n");
        Framework refinery = detect("rf/migrations/V1__init.sql");
        assertEquals("refinery", refinery.id());
        assertEquals("0.8.14", refinery.version());
        // node-pg-migrate SQL migrations: "-- Up Migration" / "-- Down Migration" (src/sqlMigration.ts:5)
        write("npm/migrations/1700000000000_users.sql", "-- Up Migration\nCREATE TABLE users (id int);\n-- Down Migration\nDROP TABLE users;\n");
        assertEquals("node-pg-migrate", detect("npm/migrations/1700000000000_users.sql").id());
        // Flyway: V<version>__<description>.sql and U<version>__ undo files (Flyway migrations documentation)
        write("fw/src/main/resources/db/migration/U2__users.sql", "DROP TABLE users;\n");
        assertEquals("flyway", detect("fw/src/main/resources/db/migration/U2__users.sql").id());
        // graphile-migrate: migrations/committed/000001.sql (graphile/migrate README)
        write("gm/migrations/committed/000001.sql", "--! Previous: -\n--! Hash: sha1:abc\n\nCREATE TABLE users (id int);\n");
        assertEquals("graphile-migrate", detect("gm/migrations/committed/000001.sql").id());
        // Drizzle: drizzle/0000_name.sql with drizzle/meta/_journal.json (orm.drizzle.team kit overview)
        write("dz/drizzle/meta/_journal.json", "{\"entries\": [{\"idx\": 0, \"tag\": \"0000_init\"}]}\n");
        write("dz/drizzle/0000_init.sql", "CREATE TABLE users (id int);\n");
        assertEquals("drizzle", detect("dz/drizzle/0000_init.sql").id());
        // ... but only the files the journal lists: the migrator runs <tag>.sql for each entry and nothing else
        // (drizzle-orm migrator.ts, readMigrationFiles), so a file it leaves out is applied some other way.
        write("dz/drizzle/0001_by_hand.sql", "CREATE INDEX CONCURRENTLY i ON users (id);\n");
        assertEquals("plain", detect("dz/drizzle/0001_by_hand.sql").id());
        write("dz/drizzle/0000_in.sql", "SELECT 1;\n");
        assertEquals("plain", detect("dz/drizzle/0000_in.sql").id(), "a tag's prefix is not the tag");
        // Without any of these: plain.
        write("misc/schema_changes/001.sql", "CREATE TABLE users (id int);\n");
        assertEquals("plain", detect("misc/schema_changes/001.sql").id());
    }

    @Test
    void versionsFromManifestsAndLockFiles() throws IOException {
        write("app/package.json", "{\n  \"devDependencies\": {\n    \"supabase\": \"^2.110.1\"\n  }\n}\n");
        write("app/supabase/migrations/20240101000000_init.sql", "CREATE TABLE t (id int);\n");
        Framework supabase = detect("app/supabase/migrations/20240101000000_init.sql");
        assertEquals("2.110.1", supabase.version());
        assertEquals("package.json", supabase.versionSource());

        write("web/package.json", "{\"dependencies\": {\"prisma\": \"latest\"}}\n");
        write("web/package-lock.json", "{\"packages\": {\"node_modules/prisma\": {\"version\": \"7.4.2\"}}}\n");
        write("web/prisma/migrations/20240101_init/migration.sql", "CREATE TABLE t (id int);\n");
        // package.json says "latest": no version there; the nearest package.json speaks, so the lock file is next.
        assertEquals("7.4.2", detect("web/prisma/migrations/20240101_init/migration.sql").version());

        write("svc/go.mod", "module x\n\nrequire (\n\tgithub.com/pressly/goose/v3 v3.24.1\n)\n");
        write("svc/db/migrations/00001_init.sql", "-- +goose Up\nSELECT 1;\n");
        assertEquals("3.24.1", detect("svc/db/migrations/00001_init.sql").version());

        write("rs/Cargo.lock", "[[package]]\nname = \"sqlx\"\nversion = \"0.8.2\"\n");
        write("rs/Cargo.toml", "[dependencies]\nsqlx = \"0.8\"\n");
        write("rs/migrations/20240101000000_init.sql", "SELECT 1;\n");
        Framework sqlx = detect("rs/migrations/20240101000000_init.sql");
        assertEquals("sqlx", sqlx.id());
        assertEquals("0.8.2", sqlx.version());
        assertEquals("Cargo.lock", sqlx.versionSource());

        // Configuration wins over what the project pins.
        ProjectLayout configured = new ProjectLayout(null, null, Runners.bundled(), Map.of("supabase", "2.100.0"));
        Framework forced = detect(configured, "app/supabase/migrations/20240101000000_init.sql");
        assertEquals("2.100.0", forced.version());
        assertEquals("configuration", forced.versionSource());
    }

    @Test
    void flywayVersionsFromMavenAndGradleBuilds() throws IOException {
        write("mvn/pom.xml", """
                <project>
                  <properties><flyway.version>10.22.0</flyway.version></properties>
                  <dependencies>
                    <dependency><groupId>org.postgresql</groupId><artifactId>postgresql</artifactId><version>42.7.4</version></dependency>
                    <dependency>
                      <groupId>org.flywaydb</groupId>
                      <artifactId>flyway-core</artifactId>
                      <version>${flyway.version}</version>
                    </dependency>
                  </dependencies>
                </project>
                """);
        write("mvn/src/main/resources/db/migration/V1__init.sql", "CREATE TABLE t (id int);\n");
        Framework maven = detect("mvn/src/main/resources/db/migration/V1__init.sql");
        assertEquals("flyway", maven.id());
        assertEquals("10.22.0", maven.version());
        assertEquals("pom.xml", maven.versionSource());

        write("plugin/pom.xml", "<project><build><plugins><plugin><groupId>org.flywaydb</groupId>"
                + "<artifactId>flyway-maven-plugin</artifactId><version>9.0.4</version></plugin></plugins></build></project>\n");
        write("plugin/src/main/resources/db/migration/V1__init.sql", "CREATE TABLE t (id int);\n");
        assertEquals("9.0.4", detect("plugin/src/main/resources/db/migration/V1__init.sql").version());

        write("kts/build.gradle.kts", "plugins {\n    id(\"org.flywaydb.flyway\") version \"11.3.1\"\n}\n");
        write("kts/src/main/resources/db/migration/V1__init.sql", "CREATE TABLE t (id int);\n");
        Framework kts = detect("kts/src/main/resources/db/migration/V1__init.sql");
        assertEquals("11.3.1", kts.version());
        assertEquals("build.gradle.kts", kts.versionSource());

        write("groovy/build.gradle", "dependencies {\n    implementation 'org.flywaydb:flyway-core:9.22.3'\n}\n");
        write("groovy/src/main/resources/db/migration/V1__init.sql", "CREATE TABLE t (id int);\n");
        assertEquals("9.22.3", detect("groovy/src/main/resources/db/migration/V1__init.sql").version());

        // A build that does not name Flyway leaves the descriptor's assumed version.
        write("none/pom.xml", "<project><artifactId>app</artifactId><version>1.0.0</version></project>\n");
        write("none/src/main/resources/db/migration/V1__init.sql", "CREATE TABLE t (id int);\n");
        Framework none = detect("none/src/main/resources/db/migration/V1__init.sql");
        assertEquals("13.12.2", none.version());
    }

    @Test
    void versionsCompareNumerically() {
        assertTrue(RunnerVersions.atLeast("2.109.0", "2.109.0"));
        assertTrue(RunnerVersions.atLeast("2.110", "2.109.0"));
        assertFalse(RunnerVersions.atLeast("2.99.9", "2.109.0"));
        assertFalse(RunnerVersions.atLeast(null, "2.109.0"));
        assertEquals("2.109.0", RunnerVersions.normalize("^2.109.0"));
        assertEquals("1.2", RunnerVersions.normalize(">=1.2 <2"));
        assertNull(RunnerVersions.normalize("npm:other@1.2.3"));
        assertNull(RunnerVersions.normalize("latest"));
    }

    @Test
    void sideFilesTurnTheTransactionOffAndTheNearestDecides() throws IOException {
        // Diesel: metadata.toml beside up.sql (diesel_migrations file_based_migrations.rs:26-35)
        write("d/migrations/2024-01-01-000000_idx/up.sql", "CREATE INDEX CONCURRENTLY i ON t (c);\n");
        write("d/migrations/2024-01-01-000000_idx/metadata.toml", "# no transaction: CONCURRENTLY\nrun_in_transaction = false\n");
        Framework diesel = detect("d/migrations/2024-01-01-000000_idx/up.sql");
        assertEquals(Boolean.FALSE, diesel.sideTransaction());
        assertTrue(diesel.sideSource().startsWith("metadata.toml"), diesel.sideSource());
        // Flyway: per-script <script>.sql.conf beats flyway.conf (red-gate.com Flyway 6.1.0 release notes)
        write("f/flyway.conf", "flyway.url=jdbc:postgresql://localhost/app\nflyway.executeInTransaction=true\n");
        write("f/db/migration/V1__a.sql", "SELECT 1;\n");
        write("f/db/migration/V2__b.sql", "SELECT 1;\n");
        write("f/db/migration/V2__b.sql.conf", "executeInTransaction=false\n");
        assertEquals(Boolean.TRUE, detect("f/db/migration/V1__a.sql").sideTransaction());
        assertEquals(Boolean.FALSE, detect("f/db/migration/V2__b.sql").sideTransaction());
        write("g/flyway.toml", "[environments.default]\nurl = \"jdbc:postgresql://localhost/app\"\n\n[flyway]\nexecuteInTransaction = false\n");
        write("g/db/migration/V1__a.sql", "SELECT 1;\n");
        assertEquals(Boolean.FALSE, detect("g/db/migration/V1__a.sql").sideTransaction());
    }

    @Test
    void flywaySettingsForMixedScriptsAndTheAdvisoryLockAreRead() throws IOException {
        // flyway.mixed and flyway.postgresql.transactional.lock (PostgreSQLConfigurationExtension), conf and TOML
        write("m/flyway.conf", "flyway.mixed=true\nflyway.postgresql.transactional.lock=false\n");
        write("m/db/migration/V1__a.sql", "SELECT 1;\n");
        Framework conf = detect("m/db/migration/V1__a.sql");
        assertEquals(java.util.Set.of("mixed", "session-lock"), conf.settings().keySet());
        assertNull(conf.sideTransaction());
        assertTrue(conf.settings().get("session-lock").contains("flyway.postgresql.transactional.lock = false"),
                conf.settings().toString());
        write("t/flyway.toml", "[flyway]\nmixed = true\n\n[flyway.postgresql.transactional]\nlock = false\n");
        write("t/db/migration/V1__a.sql", "SELECT 1;\n");
        assertEquals(java.util.Set.of("mixed", "session-lock"), detect("t/db/migration/V1__a.sql").settings().keySet());
        write("d/flyway.toml", "[flyway.postgresql]\ntransactional.lock = true\n");
        write("d/db/migration/V1__a.sql", "SELECT 1;\n");
        assertTrue(detect("d/db/migration/V1__a.sql").settings().isEmpty());
        write("e/flyway.toml", "[flyway.postgresql]\ntransactional.lock = false\n");
        write("e/db/migration/V1__a.sql", "SELECT 1;\n");
        assertEquals(java.util.Set.of("session-lock"), detect("e/db/migration/V1__a.sql").settings().keySet());
    }

    @Test
    void sideFilesThatDoNotParseAreReportedWithFileAndLineAndIgnored() throws IOException {
        write("d/migrations/2024-01-01-000000_idx/up.sql", "SELECT 1;\n");
        write("d/migrations/2024-01-01-000000_idx/metadata.toml", "# fine\nrun_in_transaction false\n");
        Framework diesel = detect("d/migrations/2024-01-01-000000_idx/up.sql");
        assertNull(diesel.sideTransaction(), "the default holds");
        assertEquals(List.of("metadata.toml:2: expected key = value"), diesel.problems());

        write("f/flyway.conf", "flyway.url=jdbc:postgresql://localhost/app\nexecuteInTransaction\n");
        write("f/db/migration/V1__a.sql", "SELECT 1;\n");
        List<String> flyway = detect("f/db/migration/V1__a.sql").problems();
        assertEquals(1, flyway.size(), flyway.toString());
        assertTrue(flyway.get(0).endsWith("flyway.conf:2: expected key=value"), flyway.toString());

        write("sq/sqitch.plan", "%syntax-version=1.0.0\n\nusers 2024-01-01T12:00:00Z Ann <ann@example.com>\nthis is not a plan line\n");
        write("sq/deploy/users.sql", "SELECT 1;\n");
        List<String> plan = detect("sq/deploy/users.sql").problems();
        assertEquals(1, plan.size(), plan.toString());
        assertTrue(plan.get(0).contains("sqitch.plan:4:"), plan.toString());
        // Sqitch reads a note right after the e-mail, and a change with an operator (chef-server's
        // src/oc_erchef/schema/sqitch.plan:18); migralint reported every script of such a plan.
        write("sq2/sqitch.plan", "%syntax-version=1.0.0\n%project=oc_erchef\n\n"
                + "users_password_hash_split [users] 2013-09-24T14:42:14Z Marc Paradise <marc@opscode.com># add columns\n"
                + "@2.1.0 2013-09-25T01:26:17Z Marc Paradise <marc@alienix># 2.1.0 - to be synced with release tag\n"
                + "+groups 2013-09-23T18:21:28Z Mark Anderson <mark@opscode.com> # Add groups in sql\n"
                + "- groups 2013-09-24T18:21:28Z Mark Anderson <mark@opscode.com>\n");
        write("sq2/deploy/groups.sql", "SELECT 1;\n");
        assertEquals(List.of(), detect("sq2/deploy/groups.sql").problems());

        write("x/migrations/2024-01-01-000000_x/up.sql", "SELECT 1;\n");
        write("x/migrations/2024-01-01-000000_x/metadata.toml", "run_in_transaction = maybe\n");
        assertEquals(1, detect("x/migrations/2024-01-01-000000_x/up.sql").problems().size());
    }

    @Test
    void detectionTellsWhatItLooksAt() throws IOException {
        write("d/migrations/2024-01-01-000000_idx/up.sql", "SELECT 1;\n");
        List<Path> probed = new ArrayList<>();
        ProjectLayout layout = new ProjectLayout(null, null).observing(p -> {
            synchronized (probed) {
                probed.add(p);
            }
        });
        detect(layout, "d/migrations/2024-01-01-000000_idx/up.sql");
        Path metadata = root.resolve("d/migrations/2024-01-01-000000_idx/metadata.toml").toAbsolutePath();
        assertTrue(probed.contains(metadata), "a metadata.toml added later must invalidate a stored answer: " + probed);
    }

    @Test
    void dialectsFromNamesFoldersAndContent() {
        ProjectLayout layout = new ProjectLayout(null, null);
        assertEquals(Dialect.COCKROACHDB, layout.dialect(null, "persistence/sql/migrations/20240101_users.cockroach.up.sql", ""));
        assertEquals(Dialect.MYSQL, layout.dialect(null, "persistence/sql/migrations/20240101_users.mysql.up.sql", ""));
        assertEquals(Dialect.SQLITE, layout.dialect(null, "migrations/20240101_users.sqlite3.down.sql", ""));
        assertEquals(Dialect.POSTGRESQL, layout.dialect(null, "migrations/001_init.sql.postgres", ""));
        assertEquals(Dialect.CLICKHOUSE, layout.dialect(null, "clickhouse/001_events.sql", ""));
        assertEquals(Dialect.CLICKHOUSE, layout.dialect(null, "db/001_events.sql",
                "CREATE TABLE events (id UInt64) ENGINE = ReplacingMergeTree ORDER BY id;"));
        assertEquals(Dialect.POSTGRESQL, layout.dialect(null, "db/001_events.sql", "CREATE TABLE events (engine text);"));
    }

    @Test
    void dialectVariantsAreFoundAsMigrationsAndFixturesAreNot() throws IOException {
        write("migrations/001_init.sql.postgres", "CREATE TABLE t (id int);\n");
        write("migrations/001_init.sql.mysql", "CREATE TABLE t (id int);\n");
        write("migrations/README.md", "not sql\n");
        write("internal/testdata/migrations/001_bad.sql", "DROP TABLE t;\n");
        write("test/fixtures/migrations/001_bad.sql", "DROP TABLE t;\n");
        List<String> found = new FileCollector(root, List.of(), List.of()).collect(List.of(), root).files().stream()
                .map(Candidate::displayPath).sorted().toList();
        assertEquals(List.of("migrations/001_init.sql.mysql", "migrations/001_init.sql.postgres"), found);
        assertTrue(GitRepository.SqlFilter.hasSqlSuffix("m/001_init.sql.postgres".getBytes(StandardCharsets.UTF_8)));
        assertFalse(GitRepository.SqlFilter.hasSqlSuffix("m/001_init.sql.bak".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void sqlMigrateAndTernInTheirLayouts() throws IOException {
        // sql-migrate: "-- +migrate Up" and "-- +migrate Down" (rubenv/sql-migrate sqlparse/sqlparse.go), after any
        // header comment; nakama's migrate/sql/*.sql
        write("migrate/sql/20260319134532-add-display-name-index.sql", """
                /*
                 * Licensed under the Apache License, Version 2.0
                 */

                -- +migrate Up
                CREATE INDEX users_display_name_idx ON users (display_name);

                -- +migrate Down
                DROP INDEX IF EXISTS users_display_name_idx;
                """);
        assertEquals("sql-migrate", detect("migrate/sql/20260319134532-add-display-name-index.sql").id());
        // tern: the up part, then "---- create above / drop below ----" and the down part, however long the up
        // part is (jackc/tern migrate/migrate.go, LoadMigrations); otf's internal/sql/migrations/*.sql
        String longUp = "CREATE TABLE t (id int);\n".repeat(200);
        write("internal/sql/migrations/013_add_vcs_provider_config.sql",
                longUp + "\n---- create above / drop below ----\n\nDROP TABLE t;\n");
        assertEquals("tern", detect("internal/sql/migrations/013_add_vcs_provider_config.sql").id());
        // A tern migration without a down part: known by a go.mod that requires tern.
        write("svc/go.mod", "module example.com/svc\n\nrequire github.com/jackc/tern/v2 v2.4.1\n");
        write("svc/internal/sql/migrations/001_init.sql", "CREATE TABLE t (id int);\n");
        Framework tern = detect("svc/internal/sql/migrations/001_init.sql");
        assertEquals("tern", tern.id());
        assertEquals("2.4.1", tern.version());
        // The same numbered file without either is no tern migration.
        write("other/migrations/001_init.sql", "CREATE TABLE t (id int);\n");
        assertEquals("plain", detect("other/migrations/001_init.sql").id());
    }
}
