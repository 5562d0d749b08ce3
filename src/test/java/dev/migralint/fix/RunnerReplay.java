package dev.migralint.fix;

import java.util.Comparator;
import java.util.List;

/**
 * What the replay must do as a runner does, beyond sending each file: the order it applies a history's migrations in,
 * and the bookkeeping table it creates before the first one (a migration may alter it: Harbor's adds a column to
 * golang-migrate's schema_migrations). migralint's own history order (MigrationOrder) compares digit runs as numbers,
 * which is Flyway's and golang-migrate's order but not Prisma's or Diesel's.
 */
final class RunnerReplay {
    private RunnerReplay() {
    }

    /**
     * The order the runner applies the files in, for a history's paths (their runner's id), or null to keep the given
     * order. Prisma sorts migration directories by name as strings (a directory 20250625_x comes after
     * 20250409154352_y); Diesel compares versions, the directory name up to its first '_' with every '-' removed
     * (diesel_migrations/migrations_internals/src/lib.rs, version_from_string), as strings.
     */
    static Comparator<String> order(String runner) {
        return switch (runner) {
            case "prisma" -> Comparator.comparing(RunnerReplay::directory);
            case "diesel" -> Comparator.comparing((String p) -> directory(p).split("_", 2)[0].replace("-", ""))
                    .thenComparing(RunnerReplay::directory);
            default -> null;
        };
    }

    /**
     * Whether the runner applies this file of the history at all: Diesel runs only the up.sql of each migration
     * directory and ignores files beside them (crates.io keeps a data script in migrations/), Prisma only
     * migration.sql.
     */
    static boolean applies(String runner, String path) {
        String name = path.substring(path.replace('\\', '/').lastIndexOf('/') + 1);
        return switch (runner) {
            case "diesel" -> name.equals("up.sql");
            case "prisma" -> name.equals("migration.sql");
            default -> true;
        };
    }

    /**
     * The SQL the runner runs into an empty database before the first migration, or an empty list: golang-migrate's
     * postgres driver creates its version table (database/postgres/postgres.go, ensureVersionTable).
     */
    static List<String> prelude(String runner) {
        if (runner.equals("golang-migrate")) {
            return List.of("CREATE TABLE IF NOT EXISTS schema_migrations (version bigint NOT NULL PRIMARY KEY,"
                    + " dirty boolean NOT NULL)");
        }
        return List.of();
    }

    /** The name of the directory holding the migration file (one directory per migration). */
    private static String directory(String path) {
        String p = path.replace('\\', '/');
        String dir = p.contains("/") ? p.substring(0, p.lastIndexOf('/')) : "";
        return dir.substring(dir.lastIndexOf('/') + 1);
    }
}
