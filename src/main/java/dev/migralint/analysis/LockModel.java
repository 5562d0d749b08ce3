package dev.migralint.analysis;

import dev.migralint.sql.Dialect;
import dev.migralint.sql.op.Operation;
import dev.migralint.sql.op.Operation.*;

/**
 * The table-level lock each operation takes in Postgres, following the "Explicit Locking" chapter and the ALTER TABLE
 * reference of the Postgres documentation for the configured major version.
 */
public final class LockModel {
    private LockModel() {
    }

    /**
     * @param newTable  the table was created earlier in the same file, so nobody else can be using it yet
     * @param rewrites  for a type change: whether the change rewrites the table (decided by the caller, who knows the old type)
     */
    public static Lock lockFor(Operation op, Dialect dialect, int pgVersion, boolean newTable, boolean rewrites) {
        if (dialect != Dialect.POSTGRESQL) {
            return Lock.UNKNOWN;
        }
        if (newTable && touchesExistingTable(op)) {
            return Lock.NONE;
        }
        Lock accessExclusive = Lock.of("ACCESS EXCLUSIVE");
        if (op instanceof CreateTable ct) {
            return ct.partitionOf() != null
                    ? Lock.of(pgVersion >= 12 ? "SHARE UPDATE EXCLUSIVE" : "ACCESS EXCLUSIVE") : Lock.NONE;
        }
        if (op instanceof CreateTableColumn c) {
            return Lock.NONE;
        }
        if (op instanceof AddColumn a) {
                boolean rewrite = a.def().defaultVolatile() || a.def().generated() || a.def().identity()
                        || a.def().serial() || (pgVersion < 11 && a.def().hasDefault());
                Lock l = accessExclusive;
                if (a.def().primaryKey() || a.def().unique()) {
                    l = l.scanning();
                }
                return rewrite ? l.rewriting() : l;
            }
        if (op instanceof AlterColumnType t) {
            return rewrites ? accessExclusive.rewriting() : accessExclusive;
        }
        if (op instanceof SetNotNull s) {
            return accessExclusive.scanning();
        }
        if (op instanceof AddConstraint c) {
            if (c.constraintType().equals("foreign-key")) {
                return c.notValid() ? Lock.of("SHARE ROW EXCLUSIVE") : Lock.of("SHARE ROW EXCLUSIVE").scanning();
            }
            if (c.constraintType().equals("check")) {
                return c.notValid() ? accessExclusive : accessExclusive.scanning();
            }
            return c.usingIndex() ? accessExclusive : accessExclusive.scanning();
        }
        if (op instanceof ValidateConstraint v) {
            return Lock.of("SHARE UPDATE EXCLUSIVE").scanning();
        }
        if (op instanceof DropColumn d) {
            return accessExclusive;
        }
        if (op instanceof RenameColumn r) {
            return accessExclusive;
        }
        if (op instanceof RenameTable r) {
            return accessExclusive;
        }
        if (op instanceof RenameConstraint r) {
            return accessExclusive;
        }
        if (op instanceof DropNotNull d) {
            return accessExclusive;
        }
        if (op instanceof SetDefault d) {
            return accessExclusive;
        }
        if (op instanceof DropDefault d) {
            return accessExclusive;
        }
        if (op instanceof DropConstraint d) {
            return accessExclusive;
        }
        if (op instanceof DropTable d) {
            return accessExclusive;
        }
        if (op instanceof Truncate t) {
            return accessExclusive;
        }
        if (op instanceof AttachPartition a) {
            return Lock.of(pgVersion >= 12 ? "SHARE UPDATE EXCLUSIVE" : "ACCESS EXCLUSIVE").scanning();
        }
        if (op instanceof DetachPartition d) {
            return d.concurrently() ? Lock.of("SHARE UPDATE EXCLUSIVE") : accessExclusive;
        }
        if (op instanceof AlterTableOther o) {
            return otherAlter(o.action());
        }
        if (op instanceof CreateIndex i) {
            return i.concurrently() ? Lock.of("SHARE UPDATE EXCLUSIVE").scanning() : Lock.of("SHARE").scanning();
        }
        if (op instanceof DropIndex i) {
            return i.concurrently() ? Lock.of("SHARE UPDATE EXCLUSIVE") : accessExclusive;
        }
        if (op instanceof Reindex r) {
            return r.concurrently() ? Lock.of("SHARE UPDATE EXCLUSIVE").scanning()
                    : new Lock("ACCESS EXCLUSIVE", "writes to the table, and reads that use the index", true, true);
        }
        if (op instanceof AlterIndex i) {
            return i.action().startsWith("rename") && pgVersion >= 12 ? Lock.of("SHARE UPDATE EXCLUSIVE") : accessExclusive;
        }
        if (op instanceof RefreshMaterializedView r) {
            return r.concurrently() ? Lock.of("EXCLUSIVE").scanning() : accessExclusive.rewriting();
        }
        if (op instanceof CreateTrigger t) {
            return Lock.of("SHARE ROW EXCLUSIVE");
        }
        if (op instanceof Update u) {
            return Lock.of("ROW EXCLUSIVE").scanning();
        }
        if (op instanceof Delete d) {
            return Lock.of("ROW EXCLUSIVE").scanning();
        }
        if (op instanceof Insert i) {
            return Lock.of("ROW EXCLUSIVE");
        }
        if (op instanceof LockTable l) {
            return Lock.of(l.mode());
        }
        if (op instanceof Vacuum v) {
            return v.full() ? accessExclusive.rewriting() : Lock.of("SHARE UPDATE EXCLUSIVE").scanning();
        }
        if (op instanceof Cluster c) {
            return accessExclusive.rewriting();
        }
        if (op instanceof AlterDomain d) {
            return d.action().startsWith("add") && !d.notValid() ? Lock.of("SHARE").scanning() : Lock.NONE;
        }
        return Lock.NONE;
    }

    private static Lock otherAlter(String action) {
        if (action.startsWith("set logged") || action.startsWith("set unlogged") || action.startsWith("set tablespace")
                || action.startsWith("set access method")) {
            return Lock.of("ACCESS EXCLUSIVE").rewriting();
        }
        if (action.startsWith("enable trigger") || action.startsWith("disable trigger")
                || action.startsWith("enable replica") || action.startsWith("enable always")) {
            return Lock.of("SHARE ROW EXCLUSIVE");
        }
        if (action.startsWith("alter column") && action.contains("statistics") || action.startsWith("set (")
                || action.startsWith("set (") || action.startsWith("cluster on") || action.startsWith("set without cluster")) {
            return Lock.of("SHARE UPDATE EXCLUSIVE");
        }
        return Lock.of("ACCESS EXCLUSIVE");
    }

    /** Operations whose lock would fall on an existing table, so a table new in this file makes them free. */
    public static boolean touchesExistingTable(Operation op) {
        return !(op instanceof CreateTable) && !(op instanceof LockTable);
    }
}
