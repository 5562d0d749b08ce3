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

    private static final Map<String, String> DOCS = new LinkedHashMap<>();

    static {
        DOCS.put(IN_TRANSACTION, "the statement runs inside a transaction: an explicit BEGIN, or the runner wraps the file (see transaction-source)");
        DOCS.put(TRANSACTION_SOURCE, "why in-transaction holds: 'explicit', 'config', a runner id such as 'prisma', or 'none'");
        DOCS.put(LOCK_TIMEOUT_SET, "a non-zero lock_timeout (MySQL: lock_wait_timeout) was set earlier in the file");
        DOCS.put(STATEMENT_TIMEOUT_SET, "a non-zero statement_timeout (MySQL: max_execution_time) was set earlier in the file");
        DOCS.put(TABLE_CREATED_IN_FILE, "the operation's table was created earlier in the same file, so nobody else can be using it");
        DOCS.put(DIALECT, "postgresql, mysql or sqlite");
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
