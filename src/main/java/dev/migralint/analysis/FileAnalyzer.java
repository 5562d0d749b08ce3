package dev.migralint.analysis;

import dev.migralint.config.TransactionMode;
import dev.migralint.sql.Names;
import dev.migralint.sql.ParsedFile;
import dev.migralint.sql.ParsedOperation;
import dev.migralint.sql.ParsedStatement;
import dev.migralint.sql.Statement;
import dev.migralint.sql.Token;
import dev.migralint.sql.TokenType;
import dev.migralint.sql.TopLevelWords;
import dev.migralint.sql.op.ColumnDef;
import dev.migralint.sql.op.Operation;
import dev.migralint.sql.op.Operation.*;
import dev.migralint.sql.op.OperationCatalog;
import dev.migralint.workspace.Framework;
import dev.migralint.workspace.RunnerDescriptor;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Walks a file's operations in order, tracking transaction state, timeouts and the tables created so far, and gives
 * each operation its context facts. One analyzer serves a whole run so that its {@link SchemaTracker} sees the
 * migrations in order.
 */
public final class FileAnalyzer {
    private static final Pattern OFF = Pattern.compile("off|0|false|no");
    private static final Pattern ZERO_DURATION = Pattern.compile("0+\\s*(ms|s|min|h|d)?");

    private final AnalysisSettings settings;
    private final SchemaTracker schema = new SchemaTracker();

    public FileAnalyzer(AnalysisSettings settings) {
        this.settings = settings;
    }

    public AnalysisSettings settings() {
        return settings;
    }

    /**
     * What this analyzer carries from one file of a history to the next (the column types so far), as a copy. With the
     * settings and the file itself, it is everything a file's analysis depends on; the result cache keys on it.
     */
    public synchronized Map<String, Map<String, String>> historyState() {
        return schema.snapshot();
    }

    /** What the files analysed since the last call (or the last restore) changed in the history state. */
    public synchronized SchemaTracker.Changes historyChanges() {
        return schema.takeChanges();
    }

    /** Forgets what changed in the history state so far, without copying it (a run that keeps no changes). */
    public synchronized void forgetHistoryChanges() {
        schema.forgetChanges();
    }

    /** Continues a history from a state {@link #historyState()} returned (the files before were not analysed here). */
    public synchronized void restoreHistoryState(Map<String, Map<String, String>> state) {
        schema.restore(state);
    }

    /** Analyzes a file that is not part of a change (see {@link #analyze(ParsedFile, Framework, boolean)}). */
    public AnalyzedFile analyze(ParsedFile file, Framework framework) {
        return analyze(file, framework, false);
    }

    /**
     * Analyzes a file; files of one run must be passed in migration order for old types to be known. A file
     * {@code inChange} belongs to the change being checked (the branch's files for --changed, the index's for
     * --staged, the files named for a plain check): what it creates is new to the later files of the change too.
     */
    public AnalyzedFile analyze(ParsedFile file, Framework framework, boolean inChange) {
        return analyze(file, framework, inChange, LaterIndexes.NONE);
    }

    /**
     * As above, for a file of the change followed by others: {@code later} says what indexes they create (an index the
     * next migration of the change adds serves a foreign key of this one once the change is deployed).
     */
    public synchronized AnalyzedFile analyze(ParsedFile file, Framework framework, boolean inChange, LaterIndexes later) {
        Framework runner = framework == null ? settings.framework() : framework;
        List<ParsedStatement> statements = file.statements();
        int statementCount = 0;
        for (ParsedStatement st : statements) {
            if (!st.statement().isMetaCommand()) {
                statementCount++;
            }
        }
        RunnerModel model = RunnerModel.of(file, runner, settings);
        List<TransactionUnit> units = model.units();
        String assumption = units.get(0).assumption();
        for (TransactionUnit u : units) {
            if (u.direction().equals("up")) {
                assumption = u.assumption();
                break;
            }
        }
        // Facts that look ahead in the file (dropped later, rebuilt later, used later) look within the statement's
        // own direction: a down section's DROP does not undo what the up section does.
        Map<String, List<ParsedStatement>> byDirection = new HashMap<>();
        for (ParsedStatement st : statements) {
            byDirection.computeIfAbsent(model.unitAt(st.statement().span().start()).direction(), k -> new ArrayList<>()).add(st);
        }
        Map<String, FileScan> scans = new HashMap<>();
        for (Map.Entry<String, List<ParsedStatement>> e : byDirection.entrySet()) {
            scans.put(e.getKey(), FileScan.of(e.getValue()));
        }
        Walk w = new Walk(file, runner, inChange, later, statementCount, closingTransactions(statements));
        OperationCatalog catalog = OperationCatalog.get();
        TransactionUnit current = null;
        for (ParsedStatement st : statements) {
            TransactionUnit unit = model.unitAt(st.statement().span().start());
            if (unit != current) {
                if (current != null && !current.direction().equals(unit.direction())) {
                    w.newDirection();
                }
                if (current != null) {
                    w.heldExclusive = null;
                    w.lockedExclusive.clear();
                    w.notValidInTransaction.clear();
                }
                w.runnerEnded = false;
                current = unit;
            }
            w.st = st;
            w.direction = unit.direction();
            w.scan = scans.get(w.direction);
            w.sameDirection = byDirection.get(w.direction);
            w.alone = model.runsAlone(st);
            // A statement the runner refuses or cannot finish counts as in the runner's transaction (it fails there),
            // with the reason in runner-blocks.
            w.blocked = model.blockedBy(st, unit);
            // A COMMIT (or ROLLBACK) of the file ends the runner's transaction: what follows in the unit runs in
            // autocommit until a BEGIN, whose transaction the runner's own COMMIT then closes.
            w.runnerWraps = unit.inTransaction() && w.alone == null && !w.runnerEnded || w.blocked != null;
            w.source = w.blocked != null ? runner.id() : unit.source();
            w.runnerTransaction = !w.runnerWraps ? "none" : settings.transaction() == TransactionMode.ALWAYS
                    || runner.wrapping() != RunnerDescriptor.Wrapping.IMPLICIT_MULTI_STATEMENT ? "block" : "implicit";
            w.mysqlOptions = mysqlOptions(st);
            w.longest = FileScan.longestIdentifier(st);
            w.truncatedTwin = w.longest != null && (int) w.longest[1] > FileScan.NAME_BYTES
                    ? schema.truncatedTwin(FileScan.longIdentifiers(st)) : null;
            w.heldAfterStatement = null;
            w.lockedByStatement = new ArrayList<>();
            w.references = null;
            for (ParsedOperation po : st.operations()) {
                operation(w, po);
            }
            if (w.heldExclusive == null && w.heldAfterStatement != null) {
                w.heldExclusive = w.heldAfterStatement;
            }
            w.lockedExclusive.addAll(w.lockedByStatement);
            if (catalog == null) {
                break;
            }
        }
        return new AnalyzedFile(file, runner, w.out, assumption, units);
    }

    /**
     * One {@link #analyze} of a file: what it knows of the file, what carries from operation to operation, and the
     * statement at hand. Its steps are methods of their own, each compiled on its own and only once it is run often.
     */
    private static final class Walk {
        final ParsedFile file;
        final Framework runner;
        final boolean inChange;
        final LaterIndexes later;
        final int statementCount;
        final Map<Integer, Boolean> closedLater;
        final List<AnalyzedOperation> out = new ArrayList<>();
        final Set<String> createdTables = new HashSet<>();
        final ColumnDefaults defaults = new ColumnDefaults();
        final Set<String> addedColumns = new HashSet<>();   // table.column added earlier in this file
        // Tables an earlier statement of this file emptied (TRUNCATE, DELETE without WHERE) and no INSERT refilled.
        final Set<String> emptiedTables = new HashSet<>();
        // Referenced table -> the tables whose foreign keys of this file point at it (a down section's too, which the
        // history's tracker does not apply).
        final Map<String, Set<String>> referencedInFile = new HashMap<>();
        // Source table key -> the table an INSERT ... SELECT of this file copied all its rows (and columns) into.
        final Map<String, String> copiedInto = new HashMap<>();
        // Copies of this file that take every row of a table but only some of its columns (see SplitCopies).
        final SplitCopies splitCopies = new SplitCopies();
        boolean explicit = false;
        boolean lockTimeout = false;
        boolean statementTimeout = false;
        String heldExclusive = null;
        // Every table (tracker key) an earlier statement of the open transaction locked ACCESS EXCLUSIVE.
        final Set<String> lockedExclusive = new HashSet<>();
        final Set<String> notValidInTransaction = new HashSet<>();
        boolean foreignKeysOff = false;

        // The statement at hand.
        ParsedStatement st;
        String direction;
        FileScan scan;
        List<ParsedStatement> sameDirection;
        String alone;
        String blocked;
        boolean runnerWraps;
        // The file ended the transaction the runner opened around this unit (COMMIT; ... BEGIN; in a wrapped
        // migration, the way to run CREATE INDEX CONCURRENTLY under a runner that always wraps).
        boolean runnerEnded;
        String source;
        String runnerTransaction;
        String[] mysqlOptions;
        Object[] longest;
        /** Another name longer than 63 bytes that Postgres cuts to the same one as a name of this statement. */
        String truncatedTwin;
        String heldAfterStatement;
        List<String> lockedByStatement;
        Map<String, ReferencedColumns.Target> references;

        Walk(ParsedFile file, Framework runner, boolean inChange, LaterIndexes later, int statementCount,
             Map<Integer, Boolean> closedLater) {
            this.file = file;
            this.runner = runner;
            this.inChange = inChange;
            this.later = later;
            this.statementCount = statementCount;
            this.closedLater = closedLater;
        }

        /** A down section runs on its own, long after the up section: nothing carries over. */
        void newDirection() {
            createdTables.clear();
            defaults.clear();
            addedColumns.clear();
            referencedInFile.clear();
            copiedInto.clear();
            splitCopies.clear();
            explicit = false;
            lockTimeout = false;
            statementTimeout = false;
            foreignKeysOff = false;
        }
    }

    /** One operation of the statement at hand: its facts, then what it changes. */
    private void operation(Walk w, ParsedOperation po) {
        ParsedStatement st = w.st;
        Set<String> createdTables = w.createdTables;
        boolean inChange = w.inChange;
        Operation op = po.operation();
        boolean inTransaction = w.explicit || w.runnerWraps;
        String table = tableOf(op);
        if (table == null && op instanceof RefreshMaterializedView r) {
            table = r.name();
        }
        // Operations on types, views, sequences and domains: "created in file" is about the named object (and whether
        // it is schema-qualified, the qualified fact).
        String subject = table != null ? table : nameOf(op);
        boolean newTable = subject != null && createdTables.contains(key(subject));
        boolean newInChange = newTable || inChange && schema.createdInChange(subject);
        if (table == null && op instanceof DropIndex di && !di.names().isEmpty()) {
            // DROP INDEX names no table: it is on a new table when every index named belongs to one.
            List<String> owners = di.names().stream().map(schema::ownerOf).toList();
            if (owners.stream().allMatch(o -> o != null)) {
                newTable = owners.stream().allMatch(o -> createdTables.contains(key(o)));
                newInChange = owners.stream().allMatch(o -> createdTables.contains(key(o))
                        || inChange && schema.createdInChange(o));
            }
        }
        // CREATE TABLE ... PARTITION OF locks the parent, which may itself be new in this file or change.
        boolean lockOnNew = op instanceof CreateTable ct && ct.partitionOf() != null
                ? createdTables.contains(key(ct.partitionOf())) || inChange && schema.createdInChange(ct.partitionOf())
                : newInChange;
        String oldType = null;
        boolean rewrites = false;
        if (op instanceof AlterColumnType t) {
            oldType = schema.typeOf(t.table(), t.column());
            // A USING expression may compute new values; Postgres skips the rewrite only when it leaves the
            // column as it is, which we do not try to prove.
            rewrites = oldType == null || t.using() || !TypeChange.isRewriteFree(oldType, t.type());
        } else if (op instanceof SetNotNull sn) {
            // For SET NOT NULL the flag means "must scan": Postgres 12+ trusts a validated CHECK (col IS NOT NULL).
            rewrites = !(settings.postgresVersion() >= 12 && schema.notNullProven(sn.table(), sn.column()));
        }
        Lock lock = LockModel.lockFor(op, w.file.dialect(), settings.postgresVersion(), lockOnNew, rewrites);
        Map<String, Object> ctx = context(w, po, inTransaction, table, subject, newTable, newInChange, lock, oldType);
        w.out.add(new AnalyzedOperation(st, po, ctx, lock));
        if (inTransaction && "ACCESS EXCLUSIVE".equals(lock.mode()) && !newInChange && table != null
                && w.heldAfterStatement == null) {
            w.heldAfterStatement = table;
        }
        if (inTransaction && "ACCESS EXCLUSIVE".equals(lock.mode())) {
            w.lockedByStatement.addAll(lockedTables(op, table));
        }
        if (inTransaction && op instanceof AddConstraint ac && ac.notValid() && ac.constraintName() != null) {
            w.notValidInTransaction.add(key(ac.constraintName()));
        }
        track(w, op, table, inTransaction);
    }

    /** The context facts of one operation. */
    private Map<String, Object> context(Walk w, ParsedOperation po, boolean inTransaction, String table, String subject,
                                        boolean newTable, boolean newInChange, Lock lock, String oldType) {
        ParsedStatement st = w.st;
        Operation op = po.operation();
        FileScan scan = w.scan;
        List<ParsedStatement> sameDirection = w.sameDirection;
        Set<String> createdTables = w.createdTables;
        boolean inChange = w.inChange;
        boolean explicit = w.explicit;
        Map<String, Object> ctx = new OperationContext();
        ctx.put(ContextFacts.IN_TRANSACTION, inTransaction);
        ctx.put(ContextFacts.TRANSACTION_SOURCE, explicit ? "explicit" : w.runnerWraps ? w.source : "none");
        ctx.put(ContextFacts.RUNNER_BLOCKS, explicit ? null : w.blocked);
        ctx.put(ContextFacts.LOCK_TIMEOUT_SET, w.lockTimeout);
        ctx.put(ContextFacts.STATEMENT_TIMEOUT_SET, w.statementTimeout);
        ctx.put(ContextFacts.TABLE_CREATED_IN_FILE, newTable);
        ctx.put(ContextFacts.TABLE_CREATED_IN_CHANGE, newInChange);
        ctx.put(ContextFacts.DIALECT, w.file.dialect().id());
        ctx.put(ContextFacts.POSTGRES_VERSION, settings.postgresVersion());
        ctx.put(ContextFacts.FRAMEWORK, w.runner.id());
        ctx.put(ContextFacts.FILE_PATH, w.file.source().displayPath());
        ctx.put(ContextFacts.LOCK, lock.mode());
        ctx.put(ContextFacts.BLOCKS, lock.blocks());
        ctx.put(ContextFacts.REWRITES_TABLE, lock.rewrites());
        ctx.put(ContextFacts.SCANS_TABLE, lock.scans());
        ctx.put(ContextFacts.OLD_TYPE, oldType);
        ctx.put(ContextFacts.STATEMENTS_IN_FILE, w.statementCount);
        // After the file ended the runner's transaction, a BEGIN it leaves open is the one the runner's COMMIT closes.
        ctx.put(ContextFacts.TRANSACTION_CLOSED_LATER, w.closedLater.getOrDefault(st.statement().index(), false)
                || op instanceof Begin && w.runnerEnded);
        ctx.put(ContextFacts.MYSQL_ALGORITHM, w.mysqlOptions[0]);
        ctx.put(ContextFacts.MYSQL_LOCK, w.mysqlOptions[1]);
        ctx.put(ContextFacts.LONGEST_IDENTIFIER, w.longest == null ? null : w.longest[0]);
        ctx.put(ContextFacts.LONGEST_IDENTIFIER_BYTES, w.longest == null ? 0 : w.longest[1]);
        ctx.put(ContextFacts.TRUNCATED_TWIN, w.truncatedTwin);
        ctx.put(ContextFacts.TABLE_EMPTIED_IN_FILE, table != null && w.emptiedTables.contains(key(table)));
        ctx.put(ContextFacts.QUALIFIED, subject == null ? null : subject.indexOf('.') > 0);
        ctx.put(ContextFacts.ALLOWED_IN_TRANSACTION, FileScan.allowedInTransaction(op, settings.postgresVersion()));
        List<String> fkColumns = FileScan.referencingColumns(op);
        ctx.put(ContextFacts.REFERENCING_COLUMNS, fkColumns);
        Boolean fkIndexed = fkColumns == null || table == null ? null
                : indexed(scan, table, fkColumns, createdTables.contains(key(table)));
        if (Boolean.FALSE.equals(fkIndexed) && w.direction.equals("up") && w.later.indexed(table, fkColumns)) {
            fkIndexed = true;
        }
        ctx.put(ContextFacts.REFERENCING_COLUMNS_INDEXED, fkIndexed);
        ctx.put(ContextFacts.REFERENCES_TYPE, referencesType(w, op));
        ctx.put(ContextFacts.REENABLED_LATER, op instanceof AlterTableOther o && o.action() != null
                && o.action().startsWith("disable trigger") && o.table() != null
                ? inTransaction && FileScan.triggerEnabledLater(sameDirection, st.statement().index(), o.table(), o.action())
                : null);
        ctx.put(ContextFacts.FOLLOWS_TABLE_RENAME, op instanceof AlterObject ao && "sequence".equals(ao.objectType())
                && ao.action() != null && ao.action().startsWith("rename to")
                ? FileScan.followsTableRename(sameDirection, st, ao.name()) : null);
        ctx.put(ContextFacts.DEFAULT_WAS_NULL, op instanceof DropDefault dd && dd.table() != null && dd.column() != null
                ? defaultWasNull(w.defaults, dd, inChange) : null);
        ctx.put(ContextFacts.EXCLUSIVE_LOCK_HELD_ON, inTransaction ? w.heldExclusive : null);
        ctx.put(ContextFacts.EXCLUSIVE_LOCK_ALREADY_HELD, inTransaction && alreadyLocked(op, table, w.lockedExclusive));
        ctx.put(ContextFacts.CONSTRAINT_ADDED_IN_TRANSACTION, op instanceof ValidateConstraint v
                ? inTransaction && v.constraintName() != null && w.notValidInTransaction.contains(key(v.constraintName()))
                : null);
        ctx.put(ContextFacts.VALUE_USED_IN_TRANSACTION, op instanceof AlterTypeAddValue av
                ? inTransaction && FileScan.valueUsedLater(sameDirection, st.statement().index(), av.value()) : null);
        ctx.put(ContextFacts.DIRECTION, w.direction);
        ctx.put(ContextFacts.RUNNER_VERSION, w.runner.version());
        ctx.put(ContextFacts.RUNS_ALONE, w.alone);
        ctx.put(ContextFacts.DDL_IN_FILE, scan.ddl());
        ctx.put(ContextFacts.FOREIGN_KEYS_OFF, w.foreignKeysOff);
        ctx.put(ContextFacts.REBUILT_LATER, rebuiltLater(scan, st, op, subject));
        String[] existing = existingColumn(op);
        ctx.put(ContextFacts.COLUMN_ADDED_IN_CHANGE, existing == null ? null
                : existing[0] != null && existing[1] != null
                        && w.addedColumns.contains(key(existing[0]) + "." + existing[1].toLowerCase(Locale.ROOT))
                        || inChange && schema.columnAddedInChange(existing[0], existing[1]));
        ctx.put(ContextFacts.NEVER_CREATED_IN_HISTORY, op instanceof DropTable d
                ? d.ifExists() && neverCreated(d, createdTables) : null);
        ctx.put(ContextFacts.REFERENCED_BY_OTHER_TABLE, op instanceof DropTable d
                ? referencedByOtherTable(d, w.referencedInFile, createdTables) : null);
        ctx.put(ContextFacts.ROWS_COPIED_IN_FILE, op instanceof DropTable d
                ? rowsCopied(d, w.copiedInto, w.splitCopies, createdTables, scan, st.statement().index()) : null);
        ctx.put(ContextFacts.ROWS_COPIED_IN_HISTORY, op instanceof DropTable d
                ? rowsCopiedInHistory(d, w.copiedInto, scan, st.statement().index()) : null);
        ctx.put(ContextFacts.RESTORES_COPIED_TABLE, op instanceof RenameTable r
                ? schema.restoresCopied(r.table(), r.newName()) : null);
        ctx.put(ContextFacts.REPLACED_BY_EQUIVALENT, op instanceof DropConstraint dc
                ? replacedByEquivalent(dc, st, po, sameDirection, inTransaction) : null);
        ctx.put(ContextFacts.RUNNER_TRANSACTION, w.runnerTransaction);
        ctx.put(ContextFacts.PARTITIONED, op instanceof DropIndex di
                ? di.names().stream().anyMatch(schema::partitionedIndex)
                : table != null && schema.partitioned(table));
        ctx.put(ContextFacts.TABLE_DROPPED_LATER, table != null && scan.droppedLater(st.statement().index(), table));
        ctx.put(ContextFacts.ENUM_VALUES_APPENDED, op instanceof AlterColumnType
                ? FileScan.enumAppended(oldType, ((AlterColumnType) op).type()) : null);
        settings.tableSizes().put(ctx, table, newTable);
        return ctx;
    }

    /** The type of the column a key column of a CREATE TABLE or ADD COLUMN references, when it says. */
    private String referencesType(Walk w, Operation op) {
        ColumnDef keyColumn = op instanceof CreateTableColumn c ? c.def() : op instanceof AddColumn a ? a.def() : null;
        String referencesType = null;
        if (keyColumn != null && keyColumn.key() && keyColumn.column() != null) {
            if (w.references == null) {
                w.references = ReferencedColumns.of(w.st.statement());
            }
            referencesType = referencedType(w.references.get(keyColumn.column().toLowerCase(Locale.ROOT)));
        }
        return referencesType;
    }

    /** Whether what the operation drops or renames is made again later in the file (null: not such an operation). */
    private static Boolean rebuiltLater(FileScan scan, ParsedStatement st, Operation op, String subject) {
        Boolean rebuilt = null;
        if (op instanceof DropTable d) {
            rebuilt = scan.recreatedLater(st.statement().index(), d.tables());
        } else if (isRename(op) && subject != null) {
            rebuilt = scan.recreatedLater(st.statement().index(), List.of(subject));
        } else if (op instanceof DropObject d && d.name() != null) {
            rebuilt = scan.recreatedLater(st.statement().index(), List.of(d.name()));
        } else if (op instanceof DropConstraint dc && dc.constraintName() != null) {
            rebuilt = scan.recreatedLater(st.statement().index(), List.of(dc.constraintName()));
        } else if (op instanceof DropDefault dd) {
            rebuilt = scan.defaultSetLater(st.statement().index(), dd.table(), dd.column());
        } else if (op instanceof DropColumn dc && dc.column() != null) {
            rebuilt = scan.columnAddedLater(st.statement().index(), dc.table(), dc.column());
        }
        return rebuilt;
    }

    /** What the operation changes for the operations after it: state changes take effect after the operation itself. */
    private void track(Walk w, Operation op, String table, boolean inTransaction) {
        ParsedStatement st = w.st;
        w.defaults.apply(op);
        String target = referencedTable(op);
        if (target != null && table != null) {
            w.referencedInFile.computeIfAbsent(key(target), k -> new HashSet<>()).add(key(table));
        }
        if (op instanceof Insert ins && ins.fromSelect()) {
            FileScan.Copy copy = FileScan.copiedFrom(st);
            Set<String> known = copy == null ? null : schema.columnsOf(copy.source());
            if (copy != null && copy.keeps(known)) {
                w.copiedInto.put(key(copy.source()), ins.table());
                if (w.direction.equals("up")) {
                    schema.recordCopy(copy.source(), ins.table());
                }
            } else if (copy != null) {
                w.splitCopies.add(key(copy.source()), copy.columns(), ins.table(), known);
            }
        }
        trackFile(w, op, inTransaction);
        if (w.direction.equals("up")) {
            // A rollback must not change what the following migrations see (its DROP TABLE undoes this
            // migration's CREATE, not the history).
            applyToHistory(w, op);
        }
    }

    /** What the operation changes in this file's own state: tables and columns it made, the transaction, settings. */
    private void trackFile(Walk w, Operation op, boolean inTransaction) {
        Set<String> createdTables = w.createdTables;
        if (op instanceof CreateTable ct) {
            createdTables.add(key(ct.table()));
        } else if (op instanceof RenameTable rt && rt.newName() != null && createdTables.contains(key(rt.table()))) {
            createdTables.add(key(rt.newName()));
        } else if (op instanceof CreateView cv && cv.name() != null) {
            createdTables.add(key(cv.name()));
        } else if (op instanceof CreateType ct && ct.name() != null) {
            createdTables.add(key(ct.name()));
        } else if (op instanceof CreateSequence cs && cs.name() != null) {
            createdTables.add(key(cs.name()));
        } else if (op instanceof CreateDomain cd && cd.name() != null) {
            createdTables.add(key(cd.name()));
        } else if (op instanceof AddColumn ac && ac.table() != null && ac.def() != null && ac.def().column() != null) {
            w.addedColumns.add(key(ac.table()) + "." + ac.def().column().toLowerCase(Locale.ROOT));
        } else if (op instanceof RenameColumn rc && rc.table() != null && rc.column() != null && rc.newName() != null
                && w.addedColumns.remove(key(rc.table()) + "." + rc.column().toLowerCase(Locale.ROOT))) {
            w.addedColumns.add(key(rc.table()) + "." + rc.newName().toLowerCase(Locale.ROOT));
        } else if (op instanceof DropColumn dc && dc.table() != null && dc.column() != null) {
            w.addedColumns.remove(key(dc.table()) + "." + dc.column().toLowerCase(Locale.ROOT));
        } else if (op instanceof Truncate t) {
            t.tables().forEach(name -> w.emptiedTables.add(key(name)));
        } else if (op instanceof Delete d && !d.hasWhere() && d.table() != null) {
            w.emptiedTables.add(key(d.table()));
        } else if (op instanceof Insert i && i.table() != null) {
            w.emptiedTables.remove(key(i.table()));
        } else if (op instanceof Begin) {
            if (!inTransaction) {
                w.heldExclusive = null;
                w.lockedExclusive.clear();
                w.notValidInTransaction.clear();
            }
            w.explicit = true;
        } else if (op instanceof Commit || op instanceof Rollback) {
            if (w.runnerWraps && w.blocked == null && "block".equals(w.runnerTransaction)) {
                w.runnerEnded = true;
            }
            w.explicit = false;
            w.heldExclusive = null;
            w.heldAfterStatement = null;
            w.lockedExclusive.clear();
            w.lockedByStatement.clear();
            w.notValidInTransaction.clear();
        } else if (op instanceof Savepoint) {
            // ROLLBACK TO releases the locks taken since the savepoint; which ones is not worth tracking.
            w.lockedExclusive.clear();
            w.lockedByStatement.clear();
        } else if (op instanceof SetParameter sp) {
            setParameter(w, sp);
        }
    }

    /** What an up section's operation changes in the history's schema. */
    private void applyToHistory(Walk w, Operation op) {
        ParsedStatement st = w.st;
        schema.apply(op);
        if (op instanceof CreateTable ct && ct.partitionOf() == null && partitionedBy(st.statement())) {
            schema.markPartitioned(ct.table());
        }
        if (op instanceof CreateIndex ci && ci.partial() && FileScan.servesLookups(st, ci)) {
            schema.addIndex(ci.table(), ci.name(), ci.columns());
        }
        if (w.inChange) {
            markCreated(op);
        }
        markDefault(op, w.defaults, w.inChange);
    }

    private static void setParameter(Walk w, SetParameter sp) {
        String p = sp.parameter();
        boolean on = sp.value() != null && !isZero(sp.value());
        if (p.equals("foreign_keys") && !w.explicit) {
            // SQLite ignores the pragma inside a transaction.
            w.foreignKeysOff = sp.value() != null
                    && OFF.matcher(sp.value().trim().toLowerCase(Locale.ROOT)).matches();
        }
        if (p.equals("lock_timeout") || p.equals("lock_wait_timeout") || p.equals("innodb_lock_wait_timeout")) {
            w.lockTimeout = on;
        } else if (p.equals("statement_timeout") || p.equals("max_execution_time") || p.equals("max_statement_time")) {
            w.statementTimeout = on;
        }
    }

    /**
     * Whether a primary key or unique constraint the tracker knows is added again on the same columns by another
     * operation of the same statement (before or after the drop), or (inside a transaction) of a later statement before the transaction ends.
     */
    private boolean replacedByEquivalent(DropConstraint dc, ParsedStatement st, ParsedOperation dropped,
                                         List<ParsedStatement> statements, boolean inTransaction) {
        String cols = schema.keyColumns(dc.table(), dc.constraintName());
        if (cols != null && cols.isEmpty() || dc.constraintName() == null) {
            return false;
        }
        boolean after = false;
        for (ParsedStatement other : statements) {
            if (other.statement().index() < st.statement().index()) {
                continue;
            }
            if (other != st && !inTransaction) {
                break;
            }
            for (ParsedOperation po : other.operations()) {
                if (po == dropped) {
                    after = true;
                    continue;
                }
                if (!after && other != st) {
                    continue; // an action before the drop in the same ALTER TABLE counts too
                }
                Operation o = po.operation();
                if (o instanceof Commit || o instanceof Rollback) {
                    return false;
                }
                if (o instanceof AddConstraint ac && key(ac.table()).equals(key(dc.table()))
                        && ("primary-key".equals(ac.constraintType()) || "unique".equals(ac.constraintType()))
                        && (cols != null ? sameColumns(cols, SchemaTracker.keyOf(ac.columns()))
                        : defaultKeyName(dc.table(), ac.columns()).equals(key(dc.constraintName())))) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Whether no migration the history holds (earlier files, or earlier in this file) created any table a DROP TABLE
     * names, while the history did create tables: a defensive DROP TABLE IF EXISTS of a table the migrations never
     * made. A history the tracker knows nothing of (a lone file) proves nothing.
     */
    private boolean neverCreated(DropTable d, Set<String> createdTables) {
        if (d.tables().isEmpty() || createdTables.isEmpty() && !schema.createdAnyTable()) {
            return false;
        }
        for (String t : d.tables()) {
            if (createdTables.contains(key(t)) || schema.created(t) || schema.createdInChange(t)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether an earlier statement of the open transaction locked the operation's table ACCESS EXCLUSIVE (for DROP INDEX,
     * the table of every index named, as far as the tracked history knows it): the lock is held, nothing new waits.
     */
    private boolean alreadyLocked(Operation op, String table, Set<String> locked) {
        if (locked.isEmpty()) {
            return false;
        }
        List<String> tables = lockedTables(op, table);
        return !tables.isEmpty() && locked.containsAll(tables);
    }

    /** The tables (tracker keys) the operation's lock is on; for DROP INDEX its indexes' tables, empty when one is unknown. */
    private List<String> lockedTables(Operation op, String table) {
        if (op instanceof DropIndex di) {
            List<String> owners = new ArrayList<>();
            for (String name : di.names()) {
                String owner = schema.ownerOf(name);
                if (owner == null) {
                    return List.of();
                }
                owners.add(owner);
            }
            return owners;
        }
        return table == null ? List.of() : List.of(key(table));
    }

    /**
     * Whether a foreign key of another table points at a table the DROP TABLE drops (declared by the history, or earlier
     * in this file); false when every dropped table is known (a linted migration or this file created it) and none is
     * referenced; null when one is not known.
     */
    private Boolean referencedByOtherTable(DropTable d, Map<String, Set<String>> referencedInFile, Set<String> createdTables) {
        boolean known = !d.tables().isEmpty();
        for (String t : d.tables()) {
            Set<String> from = referencedInFile.getOrDefault(key(t), Set.of());
            if (from.stream().anyMatch(r -> !r.equals(key(t)))) {
                return true;
            }
            Boolean history = schema.referencedByOtherTable(t);
            if (Boolean.TRUE.equals(history)) {
                return true;
            }
            known &= history != null || createdTables.contains(key(t));
        }
        return known ? Boolean.FALSE : null;
    }

    /** The table a foreign key declared by the operation points at, or null. */
    private static String referencedTable(Operation op) {
        if (op instanceof CreateTableColumn c) {
            return c.def().references();
        } else if (op instanceof AddColumn a && a.def() != null) {
            return a.def().references();
        } else if (op instanceof TableConstraint tc) {
            return tc.referencesTable();
        } else if (op instanceof AddConstraint ac) {
            return ac.referencesTable();
        }
        return null;
    }

    /**
     * Whether every table a DROP TABLE drops had all its rows copied earlier in the file into a table the file
     * created (or renamed into being), and the file does not drop that copy later: the data lives on under a new name.
     * Several copies that each take every row and together every column count too, each into a table the file
     * created and keeps (a rebuild that moves a column into a table of its own).
     */
    private static boolean rowsCopied(DropTable d, Map<String, String> copiedInto, SplitCopies splitCopies,
                                      Set<String> createdTables, FileScan scan, int statement) {
        if (d.tables().isEmpty()) {
            return false;
        }
        for (String t : d.tables()) {
            String target = copiedInto.get(key(t));
            List<String> targets = target != null ? List.of(target) : splitCopies.completeTargets(key(t));
            if (targets == null) {
                return false;
            }
            for (String copy : targets) {
                if (key(copy).equals(key(t)) || !createdTables.contains(key(copy)) || scan.droppedLater(statement, copy)) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * Whether an earlier migration copied every row of each dropped table into a table the history created and that
     * still holds them, and the file does not drop that copy later. A copy made in this file is
     * {@link #rowsCopied}'s to judge: there the copy must be a table the file created.
     */
    private boolean rowsCopiedInHistory(DropTable d, Map<String, String> copiedInFile, FileScan scan, int statement) {
        if (d.tables().isEmpty()) {
            return false;
        }
        for (String t : d.tables()) {
            String target = copiedInFile.containsKey(key(t)) ? null : schema.copiedInto(t);
            if (target == null || scan.droppedLater(statement, target)) {
                return false;
            }
        }
        return true;
    }

    /** Whether a CREATE TABLE statement ends in PARTITION BY (outside the column list's parentheses). */
    static boolean partitionedBy(Statement st) {
        return !TopLevelWords.pairs(st.code(), 0, "PARTITION", "BY").isEmpty();
    }

    /** The name Postgres gives a unique constraint on these columns when none is written: table_col1_col2_key. */
    private static String defaultKeyName(String table, List<String> columns) {
        String cols = SchemaTracker.keyOf(columns);
        return cols == null ? "" : key(table) + "_" + cols.replace(',', '_') + "_key";
    }

    private static boolean sameColumns(String a, String b) {
        return b != null && new HashSet<>(List.of(a.split(","))).equals(new HashSet<>(List.of(b.split(","))));
    }

    /** Marks what a file of the change creates (after the tracker applied it: CREATE TABLE starts a fresh entry). */
    private void markCreated(Operation op) {
        if (op instanceof CreateTable ct) {
            schema.markCreatedInChange(ct.table());
        } else if (op instanceof CreateView cv) {
            schema.markCreatedInChange(cv.name());
        } else if (op instanceof CreateType ct) {
            schema.markCreatedInChange(ct.name());
        } else if (op instanceof CreateSequence cs) {
            schema.markCreatedInChange(cs.name());
        } else if (op instanceof CreateDomain cd) {
            schema.markCreatedInChange(cd.name());
        } else if (op instanceof AddColumn ac && ac.def() != null) {
            schema.markColumnAddedInChange(ac.table(), ac.def().column());
        }
    }

    /**
     * The table and column of an operation on a column that deployed code may use (drop, rename, drop not null), for
     * column-added-in-change; null for other operations.
     */
    private static String[] existingColumn(Operation op) {
        if (op instanceof DropColumn dc) {
            return new String[] {dc.table(), dc.column()};
        } else if (op instanceof RenameColumn rc) {
            return new String[] {rc.table(), rc.column()};
        } else if (op instanceof DropNotNull dn) {
            return new String[] {dn.table(), dn.column()};
        }
        return null;
    }

    /** What this file, else an earlier file of the change, left as the column's default (see default-was-null). */
    private Boolean defaultWasNull(ColumnDefaults defaults, DropDefault dd, boolean inChange) {
        Boolean inFile = defaults.wasNull(dd.table(), dd.column());
        return inFile != null || !inChange ? inFile : schema.defaultNullInChange(dd.table(), dd.column());
    }

    /**
     * Keeps what a file of the change leaves as a column's default for the change's later files; a file outside the
     * change that speaks of the default makes it unknown again. A table created in the change needs none of it
     * (table-created-in-change already holds for its columns).
     */
    private void markDefault(Operation op, ColumnDefaults defaults, boolean inChange) {
        String table = null;
        String column = null;
        if (op instanceof AddColumn a && a.def() != null) {
            table = a.table();
            column = a.def().column();
        } else if (op instanceof SetDefault sd) {
            table = sd.table();
            column = sd.column();
        } else if (op instanceof DropDefault dd) {
            table = dd.table();
            column = dd.column();
        }
        Boolean isNull = table == null || column == null ? null : defaults.wasNull(table, column);
        if (isNull != null && inChange) {
            schema.markDefaultInChange(table, column, isNull);
        } else if (table != null && column != null) {
            schema.forgetDefaultInChange(table, column);
        }
    }

    private static boolean isZero(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        return v.equals("0") || v.equals("default") || ZERO_DURATION.matcher(v).matches();
    }

    /**
     * Whether a foreign key's referencing columns are indexed: by what the tracker knows from earlier migrations and
     * this file so far, or by an index the file creates anywhere; null when the table's indexes are not known.
     */
    private Boolean indexed(FileScan scan, String table, List<String> columns, boolean createdHere) {
        if (scan.indexed(table, columns)) {
            return true;
        }
        Boolean known = schema.indexedOn(table, columns);
        if (known != null) {
            return known;
        }
        return createdHere ? Boolean.FALSE : null;
    }

    /** The type the history (or this file so far) gave a referenced column, or null when unknown. */
    private String referencedType(ReferencedColumns.Target target) {
        if (target == null) {
            return null;
        }
        String column = target.column();
        if (column == null) {
            String pk = schema.primaryKeyOf(target.table());
            String[] parts = pk == null ? new String[0] : pk.split(",", -1);
            column = target.position() < parts.length ? parts[target.position()] : null;
        }
        return column == null || column.isEmpty() ? null : schema.typeOf(target.table(), column);
    }

    /** The object name of an operation without a table (type, view, sequence, domain, ...), or null. */
    private static String nameOf(Operation op) {
        var name = OperationCatalog.get().kindOf(op).facts().get("name");
        Object n = name == null ? null : name.read(op);
        return n instanceof String s ? s : null;
    }

    private static boolean isRename(Operation op) {
        return op instanceof RenameTable
                || op instanceof AlterType at && at.action().equals("rename to")
                || op instanceof AlterObject ao && ao.action() != null && ao.action().startsWith("rename to");
    }

    private static String key(String table) {
        return Names.unqualified(table).toLowerCase(Locale.ROOT);
    }

    /** The table an operation acts on, for the facts that depend on it. */
    public static String tableOf(Operation op) {
        var table = OperationCatalog.get().kindOf(op).facts().get("table");
        Object t = table == null ? null : table.read(op);
        return t instanceof String s ? s : null;
    }

    private static Map<Integer, Boolean> closingTransactions(List<ParsedStatement> statements) {
        Map<Integer, Boolean> result = new HashMap<>();
        Integer openAt = null;
        for (ParsedStatement st : statements) {
            for (ParsedOperation po : st.operations()) {
                if (po.operation() instanceof Begin) {
                    openAt = st.statement().index();
                    result.put(openAt, false);
                } else if ((po.operation() instanceof Commit || po.operation() instanceof Rollback) && openAt != null) {
                    result.put(openAt, true);
                    openAt = null;
                }
            }
        }
        return result;
    }

    private static final String[] NO_MYSQL_OPTIONS = new String[2];

    /** MySQL's ALGORITHM= and LOCK= options on an ALTER TABLE or CREATE INDEX statement (read only: may be shared). */
    private static String[] mysqlOptions(ParsedStatement st) {
        boolean mentioned = false;
        for (Token t : st.statement().tokens()) {
            if (t.is("ALGORITHM") || t.is("LOCK")) {
                mentioned = true;
                break;
            }
        }
        if (!mentioned) {
            return NO_MYSQL_OPTIONS;
        }
        String[] result = new String[2];
        List<Token> code = st.statement().code();
        for (int i = 0; i + 1 < code.size(); i++) {
            Token t = code.get(i);
            if (t.isAny("ALGORITHM", "LOCK") && i > 0) {
                int v = i + 1;
                if (v < code.size() && "=".equals(code.get(v).text())) {
                    v++;
                }
                if (v < code.size() && code.get(v).type() == TokenType.WORD) {
                    result[t.is("ALGORITHM") ? 0 : 1] = code.get(v).text().toLowerCase(Locale.ROOT);
                }
            }
        }
        return result;
    }
}
