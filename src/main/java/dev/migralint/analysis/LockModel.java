package dev.migralint.analysis;

import dev.migralint.sql.Dialect;
import dev.migralint.sql.op.Operation;
import dev.migralint.sql.op.Operation.*;

import java.util.Map;

/**
 * The table-level lock each operation takes in Postgres, following the "Explicit Locking" chapter and the ALTER TABLE,
 * ALTER INDEX, REINDEX and CREATE TABLE references of the Postgres documentation for the configured major version.
 *
 * <p>Version differences modelled: ADD COLUMN with a non-volatile default stopped rewriting the table in 11; ATTACH
 * PARTITION takes SHARE UPDATE EXCLUSIVE on the parent from 12 (ACCESS EXCLUSIVE before); renaming an index takes
 * SHARE UPDATE EXCLUSIVE from 12; a generated column without STORED is virtual (no rewrite) from 18. CREATE TABLE ...
 * PARTITION OF takes ACCESS EXCLUSIVE on the parent in every version.
 */
public final class LockModel {
    private LockModel() {
    }

    /**
     * The kinds whose lock depends on none of their facts (on Postgres, for a table that existed before the file); the
     * others are decided in {@link #lockFor}.
     */
    private static final Map<Class<? extends Operation>, Lock> FIXED = Map.ofEntries(
            Map.entry(CreateTableColumn.class, Lock.NONE),
            Map.entry(ValidateConstraint.class, Lock.of("SHARE UPDATE EXCLUSIVE").scanning()),
            Map.entry(DropColumn.class, Lock.of("ACCESS EXCLUSIVE")),
            Map.entry(RenameColumn.class, Lock.of("ACCESS EXCLUSIVE")),
            Map.entry(RenameTable.class, Lock.of("ACCESS EXCLUSIVE")),
            Map.entry(RenameConstraint.class, Lock.of("ACCESS EXCLUSIVE")),
            Map.entry(DropNotNull.class, Lock.of("ACCESS EXCLUSIVE")),
            Map.entry(SetDefault.class, Lock.of("ACCESS EXCLUSIVE")),
            Map.entry(DropDefault.class, Lock.of("ACCESS EXCLUSIVE")),
            Map.entry(DropConstraint.class, Lock.of("ACCESS EXCLUSIVE")),
            Map.entry(DropTable.class, Lock.of("ACCESS EXCLUSIVE")),
            Map.entry(Truncate.class, Lock.of("ACCESS EXCLUSIVE")),
            Map.entry(CreateTrigger.class, Lock.of("SHARE ROW EXCLUSIVE")),
            Map.entry(Update.class, Lock.of("ROW EXCLUSIVE").scanning()),
            Map.entry(Delete.class, Lock.of("ROW EXCLUSIVE").scanning()),
            Map.entry(Insert.class, Lock.of("ROW EXCLUSIVE")),
            Map.entry(Cluster.class, Lock.of("ACCESS EXCLUSIVE").rewriting()));

    /**
     * @param newTable  the table was created earlier in the same file, so nobody else can be using it yet
     * @param rewrites  for a type change: whether the change rewrites the table (decided by the caller, who knows the old
     *                  type); for SET NOT NULL: whether the table must be scanned (false when a validated
     *                  CHECK (col IS NOT NULL) proves it, Postgres 12+)
     */
    public static Lock lockFor(Operation op, Dialect dialect, int pgVersion, boolean newTable, boolean rewrites) {
        if (dialect != Dialect.POSTGRESQL) {
            return Lock.UNKNOWN;
        }
        if (newTable && touchesExistingTable(op)) {
            return Lock.NONE;
        }
        Lock fixed = FIXED.get(op.getClass());
        if (fixed != null) {
            return fixed;
        }
        Lock accessExclusive = Lock.of("ACCESS EXCLUSIVE");
        if (op instanceof CreateTable ct) {
            // The lock falls on the parent (newTable: the parent was created in this file).
            return ct.partitionOf() != null && !newTable ? accessExclusive : Lock.NONE;
        }
        if (op instanceof AddColumn a) {
                boolean storedGenerated = a.def().generated() && (a.def().stored() || pgVersion < 18);
                boolean rewrite = a.def().defaultVolatile() || storedGenerated || a.def().identity()
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
            // Postgres 12+ skips the scan when a validated CHECK (col IS NOT NULL) already proves it (rewrites=false).
            return rewrites ? accessExclusive.scanning() : accessExclusive;
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
        if (op instanceof AttachPartition a) {
            return Lock.of(pgVersion >= 12 ? "SHARE UPDATE EXCLUSIVE" : "ACCESS EXCLUSIVE").scanning();
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
        if (op instanceof DetachPartition d) {
            return d.concurrently() ? Lock.of("SHARE UPDATE EXCLUSIVE") : accessExclusive;
        }
        if (op instanceof Reindex r) {
            // REINDEX: SHARE on the table (writes wait) and ACCESS EXCLUSIVE on each index it rebuilds (reads that
            // would use the index wait too).
            return r.concurrently() ? Lock.of("SHARE UPDATE EXCLUSIVE").scanning()
                    : new Lock("SHARE", "writes to the table, and reads that use the index being rebuilt", true, true);
        }
        if (op instanceof AlterIndex i) {
            String a = i.action();
            if (a.startsWith("rename") && pgVersion >= 12) {
                return Lock.of("SHARE UPDATE EXCLUSIVE");
            }
            if (a.equals("set") || a.equals("reset") || a.startsWith("alter")) {
                return Lock.of("SHARE UPDATE EXCLUSIVE"); // storage parameters, SET STATISTICS
            }
            return accessExclusive;
        }
        if (op instanceof RefreshMaterializedView r) {
            return r.concurrently() ? Lock.of("EXCLUSIVE").scanning() : accessExclusive.rewriting();
        }
        if (op instanceof LockTable l) {
            return Lock.of(l.mode());
        }
        if (op instanceof Vacuum v) {
            return v.full() ? accessExclusive.rewriting() : Lock.of("SHARE UPDATE EXCLUSIVE").scanning();
        }
        if (op instanceof AlterDomain d) {
            // Checking a new constraint (or NOT NULL) reads every column of the domain's type under SHARE locks.
            return (d.action().startsWith("add") && !d.notValid()) || d.action().startsWith("set not")
                    ? Lock.of("SHARE").scanning() : Lock.NONE;
        }
        if (op instanceof DropObject d && d.objectType() != null
                && (d.objectType().equals("trigger") || d.objectType().equals("policy") || d.objectType().equals("rule"))) {
            return accessExclusive;
        }
        if (op instanceof CreateObject c && c.objectType() != null
                && (c.objectType().equals("policy") || c.objectType().equals("rule"))) {
            return accessExclusive;
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
        if (action.startsWith("alter column") && action.contains("set expression")) {
            return Lock.of("ACCESS EXCLUSIVE").rewriting(); // Postgres 17+: recomputes the stored column
        }
        // SET/RESET ( storage or attribute options ) read as just "set"/"reset": the words stop at the parenthesis.
        if (action.startsWith("alter column") && action.contains("statistics") || action.equals("set")
                || action.equals("reset") || action.equals("alter column set") || action.equals("alter column reset")
                || action.startsWith("cluster on") || action.startsWith("set without cluster")) {
            return Lock.of("SHARE UPDATE EXCLUSIVE");
        }
        return Lock.of("ACCESS EXCLUSIVE");
    }

    /** Operations whose lock would fall on an existing table, so a table new in this file makes them free. */
    public static boolean touchesExistingTable(Operation op) {
        return !(op instanceof CreateTable) && !(op instanceof LockTable);
    }
}
