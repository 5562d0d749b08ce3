package dev.migralint.sql;

import java.util.Locale;
import java.util.Optional;

/** The SQL dialects migralint understands. */
public enum Dialect {
    POSTGRESQL("postgresql"),
    MYSQL("mysql"),
    SQLITE("sqlite");

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
            default -> Optional.empty();
        };
    }

    @Override
    public String toString() {
        return id;
    }
}
