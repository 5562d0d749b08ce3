package dev.migralint.workspace;

import dev.migralint.sql.Dialect;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Dialects that need the files beside a migration: Drizzle's journal, pop's per-database variants. */
class FileDialectTest {
    @TempDir
    Path root;

    private Dialect dialect(String rel) {
        return new ProjectLayout(null, null).dialect(root.resolve(rel), rel, "CREATE INDEX i ON t (a);\n");
    }

    private void write(String rel, String text) throws IOException {
        Path p = root.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    @Test
    void drizzleJournalNamesTheDialectAndTursoIsSqlite() throws IOException {
        write("db/drizzle/0001_x.sql", "CREATE INDEX i ON t (a);\n");
        write("db/drizzle/meta/_journal.json", "{\"version\": \"5\", \"dialect\": \"turso\", \"entries\": []}");
        write("pg/drizzle/0001_x.sql", "CREATE INDEX i ON t (a);\n");
        write("pg/drizzle/meta/_journal.json", "{\"version\": \"7\", \"dialect\": \"postgresql\", \"entries\": []}");
        write("lite/drizzle/0001_x.sql", "CREATE INDEX i ON t (a);\n");
        write("lite/drizzle/meta/_journal.json", "{\"dialect\":\"sqlite\"}");
        assertEquals(Dialect.SQLITE, dialect("db/drizzle/0001_x.sql"));
        assertEquals(Dialect.POSTGRESQL, dialect("pg/drizzle/0001_x.sql"));
        assertEquals(Dialect.SQLITE, dialect("lite/drizzle/0001_x.sql"));
        assertEquals(Dialect.SQLITE, ProjectLayout.drizzleDialectName("libsql").orElseThrow());
    }

    @Test
    void aPopFileWithoutDatabaseRunsOnlyWhereNoVariantOfItsOwnExists() throws IOException {
        String dir = "persistence/sql/migrations/sql/";
        for (String n : new String[] {"1_idx.autocommit.up.sql", "1_idx.postgres.autocommit.up.sql", "1_idx.mysql.up.sql",
                "2_col.up.sql", "2_col.mysql.up.sql", "3_t.up.sql", "3_t.postgres.down.sql"}) {
            write(dir + n, "SELECT 1;\n");
        }
        assertEquals(Dialect.SQLITE, dialect(dir + "1_idx.autocommit.up.sql"), "Postgres and MySQL have their own");
        assertEquals(Dialect.POSTGRESQL, dialect(dir + "1_idx.postgres.autocommit.up.sql"));
        assertEquals(Dialect.POSTGRESQL, dialect(dir + "2_col.up.sql"), "Postgres runs the shared file");
        assertEquals(Dialect.POSTGRESQL, dialect(dir + "3_t.up.sql"), "a Postgres down file says nothing about up");
    }

    @Test
    void anSqlxCrateEnablingOneDatabaseNamesTheDialect() throws IOException {
        write("crates/client/Cargo.toml", "[dependencies]\nsqlx = { workspace = true, features = [\"sqlite\", \"regexp\"] }\n");
        write("crates/client/migrations/20240101000000_idx.sql", "CREATE INDEX i ON t (a);\n");
        write("crates/server/Cargo.toml", "[dependencies]\nsqlx = { workspace = true, features = [\"postgres\"] }\n");
        write("crates/server/migrations/20240101000000_idx.sql", "CREATE INDEX i ON t (a);\n");
        write("crates/scripts/Cargo.toml", "[dependencies]\nsqlx = { workspace = true }\n");
        write("crates/scripts/migrations/20240101000000_idx.sql", "CREATE INDEX i ON t (a);\n");
        write("Cargo.toml", "[workspace.dependencies]\nsqlx = { version = \"0.8\", features = [\"mysql\"] }\n");
        assertEquals(Dialect.SQLITE, dialect("crates/client/migrations/20240101000000_idx.sql"));
        assertEquals(Dialect.POSTGRESQL, dialect("crates/server/migrations/20240101000000_idx.sql"));
        assertEquals(Dialect.POSTGRESQL, dialect("crates/scripts/migrations/20240101000000_idx.sql"),
                "the crate's own Cargo.toml decides; it names no database");
    }

    @Test
    void anSqlxCrateWhoseManifestNamesNoDatabaseTakesTheOneItsCodeUses() throws IOException {
        // atuin's crates/atuin-scripts: sqlx from the workspace (postgres), SQLite from atuin-client, SqlitePool in src/
        write("Cargo.toml", "[workspace.dependencies.sqlx]\nversion = \"0.8\"\nfeatures = [\"postgres\"]\n");
        write("crates/scripts/Cargo.toml", "[dependencies]\nclient = { path = \"../client\" }\nsqlx = { workspace = true }\n");
        write("crates/scripts/src/database.rs", "use sqlx::{sqlite::{SqliteConnectOptions, SqlitePool}, Row};\n");
        write("crates/scripts/migrations/20240101000000_idx.sql", "CREATE INDEX i ON t (a);\n");
        write("crates/both/Cargo.toml", "[dependencies]\nsqlx = { workspace = true }\n");
        write("crates/both/src/lib.rs", "fn a(p: &sqlx::PgPool) {}\nfn b(p: &sqlx::SqlitePool) {}\n");
        write("crates/both/migrations/20240101000000_idx.sql", "CREATE INDEX i ON t (a);\n");
        assertEquals(Dialect.SQLITE, dialect("crates/scripts/migrations/20240101000000_idx.sql"));
        assertEquals(Dialect.POSTGRESQL, dialect("crates/both/migrations/20240101000000_idx.sql"),
                "code that uses two databases names none; the default stays");
    }
}
