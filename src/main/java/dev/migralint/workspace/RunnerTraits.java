package dev.migralint.workspace;

import java.nio.file.Path;

/**
 * What a migration runner does with its applied history, by runner id, from its descriptor in {@code runners/*.yml}:
 * whether it verifies checksums ({@code verifies-checksums}) and whether it knows a migration by version alone
 * ({@code keys-by-version}).
 *
 * <p>Runners that record a checksum of every applied migration and compare it before migrating refuse to deploy when
 * an applied migration was edited, renamed or deleted: Flyway ({@code validateOnMigrate}, on by default), Liquibase
 * (the {@code MD5SUM} of each changeset in {@code DATABASECHANGELOG}), sqlx ({@code _sqlx_migrations.checksum},
 * "migration was previously applied but has been modified") and Atlas ({@code atlas.sum} and the revisions table).
 * The others (Prisma, golang-migrate, goose, dbmate, Diesel, ...) record only versions: the history drifts from the
 * files, silently.
 */
public final class RunnerTraits {
    private RunnerTraits() {
    }

    /** True when the runner fails a deploy whose applied migrations no longer match their recorded checksums. */
    public static boolean verifiesChecksums(String runnerId) {
        RunnerDescriptor d = descriptor(runnerId);
        return d != null && d.verifiesChecksums();
    }

    /**
     * True when the runner would skip a file of this path without a word: its descriptor names the files it applies
     * ({@code runs-names}), the path's file name matches none of them, and {@code dir} (the directory the file is in, on
     * disk) holds a {@code .sql} file whose name does. Without such a file the runner was most likely guessed from the
     * directory's name alone (a {@code db/migration} folder of hand-applied scripts is no sign of Flyway), and nothing
     * is said.
     */
    public static boolean skips(String runnerId, String path, Path dir) {
        RunnerDescriptor d = path == null || dir == null ? null : descriptor(runnerId);
        return d != null && d.reportsSkipped() && !RunnerNames.runs(d, path) && RunnerNames.runsAnyIn(d, dir);
    }

    /** The bundled descriptor of a runner id, or null. */
    public static RunnerDescriptor descriptor(String runnerId) {
        return runnerId == null ? null : Runners.bundled().find(runnerId);
    }

    /** True when the runner knows an applied migration by its version alone. */
    public static boolean keysByVersion(String runnerId) {
        RunnerDescriptor d = descriptor(runnerId);
        return d != null && d.keysByVersion();
    }
}
