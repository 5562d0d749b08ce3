package dev.migralint.analysis;

/**
 * The table lock an operation takes and what it costs.
 *
 * @param mode     Postgres lock mode (e.g. ACCESS EXCLUSIVE), "none", or null when unknown for the dialect
 * @param blocks   what concurrent work waits while the lock is held, in words
 * @param rewrites the table (and its indexes) is rewritten while the lock is held
 * @param scans    the whole table is read while the lock is held
 */
public record Lock(String mode, String blocks, boolean rewrites, boolean scans) {
    public static final Lock NONE = new Lock("none", "nothing", false, false);
    public static final Lock UNKNOWN = new Lock(null, "unknown for this dialect", false, false);

    public static Lock of(String mode) {
        return new Lock(mode, blocksFor(mode), false, false);
    }

    public Lock rewriting() {
        return new Lock(mode, blocks, true, true);
    }

    public Lock scanning() {
        return new Lock(mode, blocks, rewrites, true);
    }

    /** True for the modes that stop writes (or reads) on the table. */
    public boolean blocksWrites() {
        return mode != null && switch (mode) {
            case "ACCESS EXCLUSIVE", "EXCLUSIVE", "SHARE ROW EXCLUSIVE", "SHARE" -> true;
            default -> false;
        };
    }

    static String blocksFor(String mode) {
        return switch (mode) {
            case "ACCESS EXCLUSIVE" -> "all reads and writes";
            case "EXCLUSIVE" -> "writes and SELECT ... FOR UPDATE";
            case "SHARE ROW EXCLUSIVE", "SHARE" -> "writes (INSERT, UPDATE, DELETE)";
            case "SHARE UPDATE EXCLUSIVE" -> "other schema changes and VACUUM";
            case "ROW EXCLUSIVE" -> "other writers of the rows it changes, until commit";
            case "ROW SHARE" -> "EXCLUSIVE and ACCESS EXCLUSIVE locks";
            case "ACCESS SHARE" -> "only ACCESS EXCLUSIVE locks (most DDL)";
            case "none" -> "nothing";
            default -> "see the Postgres lock table";
        };
    }
}
