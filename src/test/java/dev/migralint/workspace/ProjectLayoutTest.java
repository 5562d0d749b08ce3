package dev.migralint.workspace;

import dev.migralint.sql.Dialect;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Dialect and runner detection from paths and first lines (no files on disk: null paths). */
class ProjectLayoutTest {
    private final ProjectLayout layout = new ProjectLayout(null, null);

    private Dialect dialect(String rel) {
        return layout.dialect(null, rel, "");
    }

    @Test
    void theFirstPathPartNamingADialectDecides() {
        assertEquals(Dialect.MYSQL, dialect("schema/mysql/v8/001.sql"));
        assertEquals(Dialect.MYSQL, dialect("db/MariaDB-migrations/001.sql"));
        assertEquals(Dialect.SQLITE, dialect("riverdriver/riversqlite/migration/001_init.up.sql"));
        assertEquals(Dialect.SQLITE, dialect("store/sqlite3.sql"));
        assertEquals(Dialect.MYSQL, dialect("pg/mysql/001.sql"), "the nearest folder decides");
        assertEquals(Dialect.POSTGRESQL, dialect("mysql_pg.sql"), "words of a migration's name never decide");
        assertEquals(Dialect.POSTGRESQL,
                dialect("riverdriver/riverpgxv5/migration/main/007_outbox_sqlite_jsonb_cleanup.up.sql"),
                "a name mentioning SQLite is about SQLite, it does not run there");
        assertEquals(Dialect.SQLITE, dialect("riverdriver/riversqlite/migration/main/007_outbox_sqlite_cleanup.up.sql"));
        assertEquals(Dialect.MYSQL, dialect("sqlite/20240101_users.mysql.up.sql"), "the file's variant beats folders");
        assertEquals(Dialect.POSTGRESQL, dialect("db/1_users.sql.postgres"));
        assertEquals(Dialect.POSTGRESQL, dialect("mysqlish/sqlitey/001.sql"), "whole parts only");
        assertEquals(Dialect.SQLITE, dialect("-mysqlx-/.sqlite_/001.sql"));
        assertEquals(Dialect.SQLITE, dialect("a..sqlite.sql"));
        assertEquals(Dialect.POSTGRESQL, dialect(""));
    }

    @Test
    void runnersFromPathsAndFirstLines() {
        assertEquals(Framework.LIQUIBASE, layout.framework(null, "x/001.sql", "--LiquiBase Formatted SQL\nselect 1;"));
        assertEquals(Framework.LIQUIBASE, layout.framework(null, "x/001.sql", "--liquibase formatted sql"));
        assertEquals(Framework.PLAIN, layout.framework(null, "x/001.sql", "--liquibase formatted"));
        assertEquals(Framework.PLAIN, layout.framework(null, "x/001.sql", "--l\u0130quibase formatted sql"));
        assertEquals(Framework.DBMATE, layout.framework(null, "x/001.sql", "-- migrate:up\ncreate table t ();"));
        assertEquals(Framework.PLAIN, layout.framework(null, "x/001.sql", "x".repeat(2000) + "-- migrate:up"),
                "only the first 2,000 characters are looked at");
        assertEquals(Framework.PRISMA, layout.framework(null, "prisma/migrations/20240101_init/migration.sql", ""));
        assertEquals(Framework.FLYWAY, layout.framework(null, "db/V1_2__init.sql", ""));
        assertEquals(Framework.DIESEL, layout.framework(null, "migrations/2024-01-01-000000_init/up.sql", ""));
        assertEquals(Framework.SQLX, layout.framework(null, "m/0001_init.up.sql", "-- no-transaction\n"));
        assertEquals(Framework.GOLANG_MIGRATE, layout.framework(null, "m/0001_init.up.sql", ""));
        assertEquals(Framework.GRAPHILE_MIGRATE, layout.framework(null, "x/001.sql", "--! Previous: sha1:abc\n"));
    }
}
