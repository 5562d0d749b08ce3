package dev.migralint.analysis;

import java.util.LinkedHashMap;
import java.util.Map;

/** The facts analysis adds to every operation, with what they mean. Rules may name them beside the kind's own facts. */
public final class ContextFacts {
    public static final String IN_TRANSACTION = "in-transaction";
    public static final String TRANSACTION_SOURCE = "transaction-source";
    public static final String LOCK_TIMEOUT_SET = "lock-timeout-set";
    public static final String STATEMENT_TIMEOUT_SET = "statement-timeout-set";
    public static final String TABLE_CREATED_IN_FILE = "table-created-in-file";
    public static final String TABLE_CREATED_IN_CHANGE = "table-created-in-change";
    public static final String DIALECT = "dialect";
    public static final String POSTGRES_VERSION = "postgres-version";
    public static final String FRAMEWORK = "framework";
    public static final String FILE_PATH = "file.path";
    public static final String LOCK = "lock";
    public static final String BLOCKS = "blocks";
    public static final String REWRITES_TABLE = "rewrites-table";
    public static final String SCANS_TABLE = "scans-table";
    public static final String OLD_TYPE = "old-type";
    public static final String STATEMENTS_IN_FILE = "statements-in-file";
    public static final String TRANSACTION_CLOSED_LATER = "transaction-closed-later";
    public static final String MYSQL_ALGORITHM = "mysql-algorithm";
    public static final String MYSQL_LOCK = "mysql-lock";
    public static final String RUNNER_TRANSACTION = "runner-transaction";
    public static final String TABLE_DROPPED_LATER = "table-dropped-later";
    public static final String PARTITIONED = "partitioned";
    public static final String LONGEST_IDENTIFIER = "longest-identifier";
    public static final String LONGEST_IDENTIFIER_BYTES = "longest-identifier-bytes";
    public static final String TRUNCATED_TWIN = "truncated-twin";
    public static final String TABLE_EMPTIED_IN_FILE = "table-emptied-in-file";
    public static final String QUALIFIED = "qualified";
    public static final String ALLOWED_IN_TRANSACTION = "allowed-in-transaction";
    public static final String REFERENCING_COLUMNS = "referencing-columns";
    public static final String REFERENCING_COLUMNS_INDEXED = "referencing-columns-indexed";
    public static final String REFERENCES_TYPE = "references-type";
    public static final String REENABLED_LATER = "reenabled-later";
    public static final String DEFAULT_WAS_NULL = "default-was-null";
    public static final String FOLLOWS_TABLE_RENAME = "follows-table-rename";
    public static final String EXCLUSIVE_LOCK_HELD_ON = "exclusive-lock-held-on";
    public static final String EXCLUSIVE_LOCK_ALREADY_HELD = "exclusive-lock-already-held";
    public static final String CONSTRAINT_ADDED_IN_TRANSACTION = "constraint-added-in-transaction";
    public static final String VALUE_USED_IN_TRANSACTION = "value-used-in-transaction";
    public static final String DDL_IN_FILE = "ddl-in-file";
    public static final String FOREIGN_KEYS_OFF = "foreign-keys-off";
    public static final String REBUILT_LATER = "rebuilt-later";
    public static final String ENUM_VALUES_APPENDED = "enum-values-appended";
    public static final String DIRECTION = "direction";
    public static final String RUNNER_VERSION = "runner-version";
    public static final String RUNS_ALONE = "runs-alone";
    public static final String RUNNER_BLOCKS = "runner-blocks";
    public static final String REPLACED_BY_EQUIVALENT = "replaced-by-equivalent";
    public static final String ROWS_COPIED_IN_FILE = "rows-copied-in-file";
    public static final String ROWS_COPIED_IN_HISTORY = "rows-copied-in-history";
    public static final String RESTORES_COPIED_TABLE = "restores-copied-table";
    public static final String COLUMN_ADDED_IN_CHANGE = "column-added-in-change";
    public static final String NEVER_CREATED_IN_HISTORY = "absent-from-history";
    public static final String REFERENCED_BY_OTHER_TABLE = "referenced-by-other-table";
    public static final String EVERY_STATEMENT_GUARDED = "every-statement-guarded";

    private static final Map<String, String> DOCS = new LinkedHashMap<>();

    static {
        DOCS.put(IN_TRANSACTION, "the statement runs inside a transaction: an explicit BEGIN, or the runner wraps the file (see transaction-source)");
        DOCS.put(TRANSACTION_SOURCE, "why in-transaction holds: 'explicit', 'config', a runner id such as 'prisma', or 'none'");
        DOCS.put(LOCK_TIMEOUT_SET, "a non-zero lock_timeout (MySQL: lock_wait_timeout) was set earlier in the file");
        DOCS.put(STATEMENT_TIMEOUT_SET, "a non-zero statement_timeout (MySQL: max_execution_time) was set earlier in the file");
        DOCS.put(TABLE_CREATED_IN_FILE, "the operation's table (for operations without a table: the type, view, sequence or domain it "
                + "names; for DROP INDEX: the table of every index it names) was created earlier in the same file, so nobody else "
                + "can be using it");
        DOCS.put(TABLE_CREATED_IN_CHANGE, "table-created-in-file, or an earlier file of the change being checked created it "
                + "(the branch's migrations for --changed, the index's for --staged, the files named on the command line for a "
                + "plain check): the change deploys it together, so nobody can be using it yet");
        DOCS.put(DIALECT, "postgresql, mysql or sqlite (cockroachdb and clickhouse files are reported, not linted)");
        DOCS.put(POSTGRES_VERSION, "the configured Postgres major version (postgres-version), default 15");
        DOCS.put(FRAMEWORK, "the detected or configured migration runner, e.g. prisma, flyway, plain");
        DOCS.put(FILE_PATH, "the file's path as reported");
        DOCS.put(LOCK, "Postgres table lock the operation takes (e.g. ACCESS EXCLUSIVE), 'none', or null when unknown");
        DOCS.put(BLOCKS, "what the lock blocks, in words");
        DOCS.put(REWRITES_TABLE, "the operation rewrites the whole table while holding its lock");
        DOCS.put(SCANS_TABLE, "the operation reads the whole table while holding its lock");
        DOCS.put(OLD_TYPE, "for alter-column-type: the column's previous type when an earlier linted migration declared it, else null");
        DOCS.put(STATEMENTS_IN_FILE, "how many statements the file holds");
        DOCS.put(TRANSACTION_CLOSED_LATER, "for begin: a COMMIT or ROLLBACK follows later in the file");
        DOCS.put(MYSQL_ALGORITHM, "MySQL ALTER TABLE ALGORITHM= option, lower-cased, or null");
        DOCS.put(MYSQL_LOCK, "MySQL ALTER TABLE LOCK= option, lower-cased, or null");
        DOCS.put(RUNNER_TRANSACTION, "how the runner (or configuration) puts the file in a transaction: 'block' (it runs BEGIN ... COMMIT "
                + "around the file, so a BEGIN in the file nests), 'implicit' (it sends the file as one multi-statement query, whose "
                + "implicit transaction an explicit BEGIN/COMMIT simply takes over) or 'none'");
        DOCS.put(PARTITIONED, "the operation's table (for DROP INDEX: the index's table) was made PARTITION BY earlier in the"
                + " file or history: its indexes cannot be built or dropped CONCURRENTLY");
        DOCS.put(TABLE_DROPPED_LATER, "a later statement of the same file drops the operation's table");
        DOCS.put(LONGEST_IDENTIFIER, "the longest identifier (unquoted name or quoted identifier) in the statement");
        DOCS.put(LONGEST_IDENTIFIER_BYTES, "its length in bytes (UTF-8); Postgres truncates names longer than 63 bytes");
        DOCS.put(TABLE_EMPTIED_IN_FILE, "an earlier statement of this file emptied the operation's table (TRUNCATE, or DELETE "
                + "without WHERE) and no INSERT of the file put rows back: what the statement removes holds no data");
        DOCS.put(TRUNCATED_TWIN, "another name longer than 63 bytes, written earlier in the history, the file or the statement, "
                + "that Postgres cuts to the same 63 bytes as a name of this statement (the two become one name); null when none");
        DOCS.put(QUALIFIED, "the operation's table (or, without one, its object name) is schema-qualified; null when it names none");
        DOCS.put(ALLOWED_IN_TRANSACTION, "false for statements Postgres refuses inside a transaction block (VACUUM, CREATE DATABASE, "
                + "REINDEX SCHEMA, ... CONCURRENTLY, ALTER TYPE ... ADD VALUE before 12)");
        DOCS.put(REFERENCING_COLUMNS, "for a foreign key (add-constraint, table-constraint, or a column with REFERENCES): its referencing columns, else null");
        DOCS.put(REFERENCING_COLUMNS_INDEXED, "for a foreign key: an index or key on its table begins with the referencing columns (created "
                + "earlier in the run, anywhere in this file, or, in a file of the change being checked, by the up section of a later "
                + "file of the change); null when not a foreign key or the table was not created by a linted migration");
        DOCS.put(REFERENCES_TYPE, "for create-table-column and add-column of a foreign key column (inline REFERENCES, or named in "
                + "a FOREIGN KEY clause of the same statement): the type a linted migration or this file gave the referenced "
                + "column (the referenced table's primary key when none is named), normalised like type; null when unknown");
        DOCS.put(REENABLED_LATER, "for alter-table-other DISABLE TRIGGER: the statement runs in a transaction and a later "
                + "statement of that transaction enables the trigger again on the same table (ENABLE TRIGGER with the same "
                + "name, USER or ALL), so no other session ever sees it disabled; null for other operations");
        DOCS.put(DEFAULT_WAS_NULL, "for drop-default: the file, earlier on, left the column without a default "
                + "or with DEFAULT NULL (ADD COLUMN, CREATE TABLE, SET DEFAULT NULL or DROP DEFAULT), so dropping it "
                + "changes nothing; false when it set another default; null when the file does not show it. When the file "
                + "does not, what the last earlier file of the change that did left (see table-created-in-change)");
        DOCS.put(FOLLOWS_TABLE_RENAME, "for alter-object RENAME TO of a sequence: an earlier statement of the file renamed "
                + "table t to u, and the sequence goes from t_x to u_x (a serial's own sequence renamed to follow its table, "
                + "which renaming-table reports); null for other operations");
        DOCS.put(EXCLUSIVE_LOCK_HELD_ON, "a table an earlier statement of the same open transaction locked ACCESS EXCLUSIVE (and so still holds), or null");
        DOCS.put(EXCLUSIVE_LOCK_ALREADY_HELD, "an earlier statement of the same open transaction already locked this operation's "
                + "table ACCESS EXCLUSIVE (for DROP INDEX: the table of every index named, as the files the run analyses "
                + "know it; check --changed and --staged analyse the change's files alone), "
                + "so the operation waits for no other session: the lock is held until the transaction ends; false outside "
                + "a transaction, after COMMIT, ROLLBACK or a savepoint, or when the table is unknown");
        DOCS.put(CONSTRAINT_ADDED_IN_TRANSACTION, "for validate-constraint: the constraint was added NOT VALID earlier in the same transaction");
        DOCS.put(VALUE_USED_IN_TRANSACTION, "for alter-type-add-value: a later statement of the same transaction mentions the new label");
        DOCS.put(DDL_IN_FILE, "the file holds at least one schema change (CREATE, ALTER, DROP, RENAME, TRUNCATE, ...)");
        DOCS.put(FOREIGN_KEYS_OFF, "SQLite: PRAGMA foreign_keys = OFF is in effect from earlier in the file");
        DOCS.put(REBUILT_LATER, "for drop-table, drop-object (views, functions, triggers, policies, ...), drop-constraint and "
                + "rename-table/alter-type/alter-object renames: a later statement of the file (or, for a constraint, another action of the same ALTER TABLE) creates an object under the (old) name again "
                + "or renames another one to it (a table rebuild, a view or function re-creation, a type swap); for drop-default: "
                + "a later statement sets a new default on the column; for drop-column: a later statement adds a column of the same name "
                + "to the table again (or renames one to it)");
        DOCS.put(ENUM_VALUES_APPENDED, "for alter-column-type between ENUM types: the new type keeps the old labels in order and only "
                + "appends (MySQL does that in place); null when either type is not a known ENUM");
        DOCS.put(DIRECTION, "'up' for a forward migration, 'down' for a rollback (a *.down.sql, down.sql or Flyway U file, "
                + "Sqitch revert/, goose's -- +goose Down and dbmate's -- migrate:down sections), 'verify' for Sqitch's verify/ "
                + "scripts; from the runner's descriptor (see docs/runners.md)");
        DOCS.put(RUNNER_VERSION, "the runner version migralint assumed (from package.json, go.mod, Cargo.toml, a lock file or "
                + "runner-version in .migralint.yml), or null when unknown");
        DOCS.put(RUNS_ALONE, "why the runner runs this statement on its own, outside the file's transaction (the Supabase CLI "
                + "from 2.109.0 for CREATE INDEX CONCURRENTLY, VACUUM, ...), or null");
        DOCS.put(REPLACED_BY_EQUIVALENT, "for drop-constraint of a primary key or unique constraint: another action of the same "
                + "statement (before or after the drop), or a later statement of the same transaction, adds a primary key or unique constraint on the same columns "
                + "(a unique constraint swapped for a primary key), so the guarantee never lapses; null for other operations");
        DOCS.put(ROWS_COPIED_IN_FILE, "for drop-table: an earlier INSERT ... SELECT of the file copied every row of each "
                + "dropped table (one source table; no WHERE, JOIN, GROUP BY, LIMIT, DISTINCT or UNION; a select list that "
                + "names every column a linted migration gave the table, or *) into a table the file created or renamed "
                + "into being and does not drop later (a table rebuild), or several such copies of every row whose select "
                + "lists together name every column went into tables the file created and keeps (a rebuild that moves a "
                + "column into a table of its own); null for other operations");
        DOCS.put(ROWS_COPIED_IN_HISTORY, "for drop-table: an earlier migration of the history copied every row of each "
                + "dropped table in the same way as rows-copied-in-file into a table the history created, which still holds "
                + "them (not re-created or renamed since, no column added to the source since) and which the file does "
                + "not drop later: a table rebuild spread over several migrations (pop's fizz writes SQLite's as four: "
                + "create the copy, fill it, drop the original, rename the copy); null for other operations");
        DOCS.put(RESTORES_COPIED_TABLE, "for rename-table: the renamed table holds every row of the table whose name it "
                + "takes (an earlier statement or migration copied them, as for rows-copied-in-file), and no table of that name "
                + "exists any more: the last step of a table rebuild, after which running code finds the table under its name "
                + "again; null for other operations");
        DOCS.put(NEVER_CREATED_IN_HISTORY, "for drop-table: IF EXISTS is given and, after the linted migrations of the history "
                + "(earlier files and earlier statements of this file), none of the tables exists (none created it, or one "
                + "dropped it since), while the history did create tables: as far as the migrations know, the statement "
                + "drops nothing; null for other operations");
        DOCS.put(COLUMN_ADDED_IN_CHANGE, "for drop-column, rename-column and drop-not-null: an ADD COLUMN of the change being "
                + "checked (earlier in this file or in an earlier file of it; see table-created-in-change) added the column "
                + "(under this name or one it was renamed from), so no deployed code or data depends on it; null for other "
                + "operations. Its table may be old and large: locks and rewrites on the column are those of the table");
        DOCS.put(REFERENCED_BY_OTHER_TABLE, "for drop-table: a foreign key of another table points at a dropped table (REFERENCES "
                + "or FOREIGN KEY in a linted migration or earlier in this file, its table and column not dropped since; a "
                + "table's key to itself does not count); false when a linted migration or this file created every dropped "
                + "table and nothing points at it; null when a dropped table is not known (only the files a run analyses "
                + "count: check --changed and --staged analyse the change's files alone) or for other operations");
        DOCS.put(EVERY_STATEMENT_GUARDED, "for migration-history: every statement of the file is a schema change guarded so that "
                + "running it again fails on nothing (CREATE ... IF NOT EXISTS, ADD COLUMN IF NOT EXISTS, DROP ... IF EXISTS, "
                + "CREATE OR REPLACE), a SET or transaction control; false when one is anything else (a data change, even one "
                + "that looks idempotent, unguarded DDL, a DO block, what migralint could not read); null without the file's "
                + "text (a deleted migration) or for other operations");
        DOCS.put(RUNNER_BLOCKS, "why the runner refuses this statement or it never finishes although no transaction is"
                + " visible (Flyway: a script that mixes it with transactional statements; its transactional advisory"
                + " lock), or null; in-transaction holds for such a statement");
        DOCS.putAll(TableSizeFacts.docs());
    }

    private ContextFacts() {
    }

    public static Map<String, String> docs() {
        return DOCS;
    }

    public static boolean isContextFact(String name) {
        return DOCS.containsKey(name);
    }
}
