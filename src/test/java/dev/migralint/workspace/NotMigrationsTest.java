package dev.migralint.workspace;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Schema snapshots, generator schemas and test data beside migrations are recognised; migrations are not. */
class NotMigrationsTest {

    @Test
    void snapshotsAndGeneratorSchemas() {
        for (String p : List.of("db/schema.sql", "db/structure.sql", "store/migration/postgres/LATEST.sql",
                "migrations/app.schema.sql", "sql/schema/users.sql", "supabase/schemas/users.sql",
                "db/clickhouse/schema.sql", "prisma/seed.sql")) {
            assertTrue(NotMigrations.matches(p), p);
        }
    }

    @Test
    void testData() {
        for (String p : List.of("internal/store/testdata/000001_init.up.sql", "migrations/tests/fixtures.sql",
                "spec/fixtures/db/migrations/001.sql", "src/__fixtures__/V1__init.sql", "test/migrations/001_a.sql")) {
            assertTrue(NotMigrations.matches(p), p);
        }
    }

    @Test
    void migrationsStayMigrations() {
        for (String p : List.of("migrations/000001_init.up.sql", "db/migrations/20240101000000_users.sql",
                "sql/schema/0001_city.sql", "internal-packages/clickhouse/schema/003_create_task_runs_v1.sql",
                "db/migration/V1__init.sql", "prisma/migrations/20240101000000_init/migration.sql",
                "migrations/2024-01-01-000000_init/up.sql", "supabase/migrations/20240101000000_schema_cache.sql",
                "latest_changes.sql", "db/migrations/0003_schema.sql")) {
            assertFalse(NotMigrations.matches(p), p);
        }
    }

    @Test
    void discoveryLeavesThemOutButANamedFileIsLinted(@org.junit.jupiter.api.io.TempDir Path root) throws Exception {
        for (String p : List.of("db/migrations/20240101000000_users.sql", "db/schema.sql", "db/testdata/1_x.sql")) {
            Files.createDirectories(root.resolve(p).getParent());
            Files.writeString(root.resolve(p), "SELECT 1;\n");
        }
        FileCollector collector = new FileCollector(root, List.of(), List.of());
        assertEquals(List.of("db/migrations/20240101000000_users.sql"),
                collector.collect(List.of(), root).files().stream().map(Candidate::displayPath).toList());
        assertEquals(List.of("db/migrations/20240101000000_users.sql"),
                collector.collect(List.of("db"), root).files().stream().map(Candidate::displayPath).toList());
        assertEquals(List.of("db/schema.sql"),
                collector.collect(List.of("db/schema.sql"), root).files().stream().map(Candidate::displayPath).toList());
        assertEquals(List.of("db/testdata/1_x.sql"),
                collector.collect(List.of("db/testdata"), root).files().stream().map(Candidate::displayPath).toList(),
                "a directory the user names is taken as given");
        assertFalse(collector.selects("db/schema.sql", () -> ""));
        assertTrue(collector.selects("db/migrations/20240101000000_users.sql", () -> ""));
    }

    @Test
    void partsLookedAtInPlaceAnswerAsSplitParts() {
        List<String> paths = List.of("db/schema.sql", "a/TestData/x.sql", "a/tests/x.sql", "tests/x.sql", "x/TESTS",
                "a//b/test/c.sql", "/test/x.sql", "/x.sql", "x.sql", "prisma/seed.sql", "a/Prisma/x.sql", "prisma",
                "sql/Schema/users.sql", "sql/schema/0001_a.sql", "schema/x.sql", "schemas/", "a/test/", "test//",
                "a/\u0130test/x.sql", "a/te\u017Ft/x.sql", "a/__FIXTURES__/b.sql", "LATEST.SQL", "a/b.Schema.SQL",
                "a/fixtures1/b.sql", "a/test.sql/b.sql", "q/w/e/r/t/y/structure.sql", "db/schema.sql/", "a", "/");
        for (String p : paths) {
            String split;
            try {
                split = reasonOfParts(p);
            } catch (RuntimeException e) {
                split = e.getClass().getName();
            }
            String inPlace;
            try {
                inPlace = NotMigrations.reason(p);
            } catch (RuntimeException e) {
                inPlace = e.getClass().getName();
            }
            assertEquals(split, inPlace, p);
        }
        assertEquals(null, NotMigrations.reason("/"), "a path of slashes alone names nothing (split gives no part)");
        assertEquals(null, NotMigrations.reason(""));
    }

    /** The rules by {@link String#split}: what the in-place reading must answer. */
    private static String reasonOfParts(String rel) {
        String[] parts = rel.split("/");
        if (parts.length == 0) {
            return null; // only slashes
        }
        for (int i = 0; i < parts.length - 1; i++) {
            if (Set.of("testdata", "fixtures", "__fixtures__", "test", "tests").contains(parts[i].toLowerCase(Locale.ROOT))) {
                return "test data (" + parts[i] + "/)";
            }
        }
        String name = parts[parts.length - 1].toLowerCase(Locale.ROOT);
        if (Set.of("schema.sql", "structure.sql", "latest.sql").contains(name) || name.endsWith(".schema.sql")) {
            return "a schema snapshot";
        }
        if (parts.length >= 2) {
            String parent = parts[parts.length - 2].toLowerCase(Locale.ROOT);
            if (Set.of("schema", "schemas").contains(parent) && MigrationNames.version(rel) == null) {
                return "a schema for a code generator (" + parts[parts.length - 2] + "/)";
            }
            if (parent.equals("prisma")) {
                return "not a Prisma migration (those are prisma/migrations/<name>/migration.sql)";
            }
        }
        return null;
    }
}
