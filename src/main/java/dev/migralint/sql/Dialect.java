package dev.migralint.sql;

import java.util.Locale;
import java.util.Optional;

/**
 * The SQL dialects migralint knows. CockroachDB and ClickHouse are recognised so that their files are not linted as
 * Postgres: migralint has no rules for them and reports such a file once, as a notice.
 */
public enum Dialect {
    POSTGRESQL("postgresql"),
    MYSQL("mysql"),
    SQLITE("sqlite"),
    COCKROACHDB("cockroachdb"),
    CLICKHOUSE("clickhouse");

    private final String id;

    Dialect(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static Optional<Dialect> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "postgresql", "postgres", "pg", "psql" -> Optional.of(POSTGRESQL);
            case "mysql", "mariadb" -> Optional.of(MYSQL);
            case "sqlite", "sqlite3" -> Optional.of(SQLITE);
            case "cockroachdb", "cockroach", "crdb" -> Optional.of(COCKROACHDB);
            case "clickhouse" -> Optional.of(CLICKHOUSE);
            default -> Optional.empty();
        };
    }

    /** Whether migralint has rules for this dialect; files in the others are reported once and not linted. */
    public boolean linted() {
        return this == POSTGRESQL || this == MYSQL || this == SQLITE;
    }

    /** The dialect's name as people write it, for messages. */
    public String displayName() {
        return switch (this) {
            case POSTGRESQL -> "PostgreSQL";
            case MYSQL -> "MySQL";
            case SQLITE -> "SQLite";
            case COCKROACHDB -> "CockroachDB";
            case CLICKHOUSE -> "ClickHouse";
        };
    }

    @Override
    public String toString() {
        return id;
    }
}
