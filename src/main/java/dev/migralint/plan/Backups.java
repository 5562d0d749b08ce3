package dev.migralint.plan;

import dev.migralint.sql.Names;

/** The backup the checklist names for a table, and how to take it and restore from it. */
final class Backups {
    private Backups() {
    }

    static String file(String table) {
        return "backup-" + Names.unqualified(table).replaceAll("[^A-Za-z0-9_.-]", "_") + ".dump";
    }

    /** pg_dump's -t pattern for exactly this table: quoted, so case and dots in names are kept. */
    static String pattern(String table) {
        return Sql.name(table);
    }

    static String dump(String table) {
        return "pg_dump --format=custom --table='" + pattern(table).replace("'", "'\\''") + "' --file="
                + file(table) + " \"$DATABASE_URL\"";
    }

    /** Restores a dropped table, rows and all. */
    static String restoreTable(String table) {
        return "pg_restore --dbname=\"$DATABASE_URL\" --table='" + Names.unqualified(table).replace("'", "'\\''")
                + "' " + file(table);
    }

    /** Loads the backup into a scratch database, from which lost columns or rows are copied back by primary key. */
    static String restoreToScratch(String table) {
        return "createdb migralint_restore && pg_restore --dbname=migralint_restore " + file(table);
    }
}
