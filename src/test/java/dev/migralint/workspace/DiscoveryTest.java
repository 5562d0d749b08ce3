package dev.migralint.workspace;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@code migralint check} without paths finds the migrations of the common layouts, and nothing else. */
class DiscoveryTest {
    @TempDir
    Path root;

    private void write(String rel, String text) throws IOException {
        Path p = root.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text, StandardCharsets.UTF_8);
    }

    @Test
    void findsTheCommonLayouts() throws IOException {
        List<String> migrations = List.of(
                "prisma/migrations/20240105120000_init/migration.sql",
                "supabase/migrations/20240101000000_x.sql",
                "src/main/resources/db/migration/V1__init.sql",
                "app/flyway/V2_1__users.sql",
                "app/flyway/R__views.sql",
                "internal/store/1_create.up.sql",
                "internal/store/1_create.down.sql",
                "db/migrations/20240101000000_dbmate.sql",
                "crates/server/migrations/2024-01-01-000000_users/up.sql",
                "crates/server/migrations/2024-01-01-000000_users/down.sql",
                "crates/client/record-migrations/20240101_a.sql",
                "server/migrations_postgres/2024-01-01-000000_users/up.sql",
                "server/migrations-sqlite/20240101_users.sql",
                "config/liquibase/changes.sql",
                "drizzle/0000_init.sql");
        for (String m : migrations) {
            write(m, m.contains("liquibase") ? "--liquibase formatted sql\n--changeset a:1\nSELECT 1;\n" : "SELECT 1;\n");
        }
        write("queries/report.sql", "SELECT 1;\n");
        write("scripts/seed.sql", "SELECT 1;\n");
        write("node_modules/pkg/migrations/1_x.sql", "SELECT 1;\n");
        write("vendor/lib/db/migrations/1_x.up.sql", "SELECT 1;\n");

        FileCollector collector = new FileCollector(root, List.of(), List.of());
        List<String> found = collector.collect(List.of(), root).files().stream().map(Candidate::displayPath).sorted().toList();
        assertEquals(migrations.stream().sorted().toList(), found);
        for (String m : migrations) {
            assertEquals(true, collector.selects(m, () -> m.contains("liquibase") ? "--liquibase formatted sql" : ""), m);
        }
        assertEquals(false, collector.selects("queries/report.sql", () -> "SELECT 1;"));
        assertEquals(false, collector.selects("vendor/lib/db/migrations/1_x.up.sql", () -> ""));
    }

    @Test
    void includeGlobsReplaceDiscovery() throws IOException {
        write("sql/ddl/001_a.sql", "SELECT 1;\n");
        write("db/migrations/001_b.sql", "SELECT 1;\n");
        FileCollector collector = new FileCollector(root, List.of("sql/ddl/*.sql"), List.of());
        assertEquals(List.of("sql/ddl/001_a.sql"),
                collector.collect(List.of(), root).files().stream().map(Candidate::displayPath).toList());
        assertEquals(true, collector.selects("sql/ddl/002_c.sql", null));
        assertEquals(false, collector.selects("db/migrations/001_b.sql", null));
    }

    @Test
    void detectsTheRunnerFromTheLayout() throws IOException {
        ProjectLayout layout = new ProjectLayout(null, null);
        assertEquals(Framework.PRISMA, layout.framework(null, "prisma/migrations/1_a/migration.sql", "SELECT 1;"));
        assertEquals(Framework.SUPABASE, layout.framework(null, "supabase/migrations/1_a.sql", "SELECT 1;"));
        assertEquals(Framework.FLYWAY, layout.framework(null, "x/V1__a.sql", "SELECT 1;"));
        assertEquals(Framework.FLYWAY, layout.framework(null, "x/R__a.sql", "SELECT 1;"));
        assertEquals(Framework.GOLANG_MIGRATE, layout.framework(null, "m/1_a.up.sql", "SELECT 1;"));
        assertEquals(Framework.DBMATE, layout.framework(null, "db/migrations/1_a.sql", "-- migrate:up\nSELECT 1;"));
        assertEquals(Framework.DIESEL, layout.framework(null, "migrations/2024-01-01-000000_a/up.sql", "SELECT 1;"));
        assertEquals(Framework.LIQUIBASE, layout.framework(null, "x/changes.sql", "--liquibase formatted sql\n"));
        write("server/Cargo.toml", "[package]\nname = \"server\"\n\n[dependencies]\nsqlx = { version = \"0.8\" }\n");
        write("server/migrations/20240101000000_users.sql", "SELECT 1;\n");
        assertEquals(Framework.SQLX, layout.framework(root.resolve("server/migrations/20240101000000_users.sql"),
                "server/migrations/20240101000000_users.sql", "SELECT 1;"));
        write("other/Cargo.toml", "[package]\nname = \"other\"\n");
        write("other/migrations/1_users.sql", "SELECT 1;\n");
        assertEquals(Framework.PLAIN, layout.framework(root.resolve("other/migrations/1_users.sql"),
                "other/migrations/1_users.sql", "SELECT 1;"));
    }
}
