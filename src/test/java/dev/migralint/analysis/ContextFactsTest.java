package dev.migralint.analysis;

import dev.migralint.config.TransactionMode;
import dev.migralint.sql.Dialect;
import dev.migralint.sql.ParsedFile;
import dev.migralint.sql.SourceFile;
import dev.migralint.sql.SqlFrontEnd;
import dev.migralint.sql.op.OperationCatalog;
import dev.migralint.workspace.Framework;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The context facts analysis adds for the rule catalogue. */
class ContextFactsTest {

    private static List<AnalyzedOperation> analyze(String sql, Dialect dialect, Framework framework) {
        ParsedFile parsed = new SqlFrontEnd().parse(SourceFile.ofText("m.sql", sql), dialect);
        return new FileAnalyzer(AnalysisSettings.defaults().withDialect(dialect)).analyze(parsed, framework).operations();
    }

    private static List<AnalyzedOperation> analyze(String sql) {
        return analyze(sql, Dialect.POSTGRESQL, Framework.PLAIN);
    }

    /** Context of the first operation of the kind. */
    private static Map<String, Object> ctx(List<AnalyzedOperation> ops, String kind) {
        return ops.stream().filter(o -> OperationCatalog.get().kindName(o.operation().operation()).equals(kind))
                .findFirst().orElseThrow(() -> new AssertionError("no " + kind)).context();
    }

    @Test
    void longestIdentifierInBytes() {
        String name = "idx_subscription_events_on_customer_id_and_created_at_and_event_type";
        Map<String, Object> c = ctx(analyze("CREATE INDEX " + name + " ON e (customer_id);"), "create-index");
        assertEquals(name, c.get(ContextFacts.LONGEST_IDENTIFIER));
        assertEquals(name.length(), c.get(ContextFacts.LONGEST_IDENTIFIER_BYTES));
        Map<String, Object> accented = ctx(analyze("CREATE TABLE \"Überweisung\" (id bigint);"), "create-table");
        assertEquals(12, accented.get(ContextFacts.LONGEST_IDENTIFIER_BYTES), "Ü is two bytes in UTF-8");
        Map<String, Object> quoted = ctx(analyze("CREATE TABLE \"Say \"\"hi\"\"\" (\"aLongerQuotedName\" int);"), "create-table");
        assertEquals("aLongerQuotedName", quoted.get(ContextFacts.LONGEST_IDENTIFIER));
        assertEquals(17, quoted.get(ContextFacts.LONGEST_IDENTIFIER_BYTES));
        Map<String, Object> doubled = ctx(analyze("CREATE TABLE \"Say \"\"hello\"\" there\" (id int);"), "create-table");
        assertEquals("Say \"hello\" there", doubled.get(ContextFacts.LONGEST_IDENTIFIER), "doubled quotes are undone");
        assertEquals(17, doubled.get(ContextFacts.LONGEST_IDENTIFIER_BYTES));
        Map<String, Object> ties = ctx(analyze("CREATE TABLE abcdefgh (\"xyzwvuts\" int);"), "create-table");
        assertEquals("abcdefgh", ties.get(ContextFacts.LONGEST_IDENTIFIER), "the first of equally long names");
    }

    @Test
    void qualifiedNames() {
        assertEquals(true, ctx(analyze("ALTER TABLE public.t ADD COLUMN c int;"), "add-column").get(ContextFacts.QUALIFIED));
        assertEquals(false, ctx(analyze("CREATE TYPE mood AS ENUM ('a');"), "create-type").get(ContextFacts.QUALIFIED));
        assertNull(ctx(analyze("BEGIN;"), "begin").get(ContextFacts.QUALIFIED));
    }

    @Test
    void statementsRefusedInTransactions() {
        assertEquals(false, ctx(analyze("VACUUM t;"), "vacuum").get(ContextFacts.ALLOWED_IN_TRANSACTION));
        assertEquals(false, ctx(analyze("REINDEX SCHEMA public;"), "reindex").get(ContextFacts.ALLOWED_IN_TRANSACTION));
        assertEquals(true, ctx(analyze("REINDEX TABLE t;"), "reindex").get(ContextFacts.ALLOWED_IN_TRANSACTION));
        assertEquals(false, ctx(analyze("CREATE DATABASE x;"), "create-object").get(ContextFacts.ALLOWED_IN_TRANSACTION));
        assertEquals(false, ctx(analyze("ALTER SYSTEM SET work_mem = '1MB';"), "alter-object").get(ContextFacts.ALLOWED_IN_TRANSACTION));
        ParsedFile addValue = new SqlFrontEnd().parse(SourceFile.ofText("m.sql", "ALTER TYPE t ADD VALUE 'x';"), Dialect.POSTGRESQL);
        assertEquals(false, new FileAnalyzer(AnalysisSettings.defaults().withPostgresVersion(11)).analyze(addValue, null)
                .operations().get(0).context().get(ContextFacts.ALLOWED_IN_TRANSACTION));
        assertEquals(true, new FileAnalyzer(AnalysisSettings.defaults()).analyze(addValue, null)
                .operations().get(0).context().get(ContextFacts.ALLOWED_IN_TRANSACTION));
    }

    @Test
    void foreignKeyIndexesFoundAnywhereInTheFile() {
        String table = "CREATE TABLE c (id bigint PRIMARY KEY, post_id bigint REFERENCES p (id));\n";
        assertNull(ctx(analyze(table), "create-table-column").get(ContextFacts.REFERENCING_COLUMNS_INDEXED),
                "the id column has no foreign key");
        List<AnalyzedOperation> later = analyze(table + "CREATE INDEX c_post ON c (post_id);");
        AnalyzedOperation fkColumn = later.stream().filter(o -> "post_id".equals(
                OperationCatalog.get().facts(o.operation().operation()).get("column"))).findFirst().orElseThrow();
        assertEquals(List.of("post_id"), fkColumn.context().get(ContextFacts.REFERENCING_COLUMNS));
        assertEquals(true, fkColumn.context().get(ContextFacts.REFERENCING_COLUMNS_INDEXED), "index created later in the file");
        AnalyzedOperation missing = analyze(table).stream().filter(o -> "post_id".equals(
                OperationCatalog.get().facts(o.operation().operation()).get("column"))).findFirst().orElseThrow();
        assertEquals(false, missing.context().get(ContextFacts.REFERENCING_COLUMNS_INDEXED));
        assertNull(ctx(analyze("ALTER TABLE old ADD CONSTRAINT f FOREIGN KEY (a) REFERENCES p (id) NOT VALID;"), "add-constraint")
                .get(ContextFacts.REFERENCING_COLUMNS_INDEXED), "indexes of a table no linted migration created are unknown");
    }

    /** references-type of the column named {@code column} in the last file of the run. */
    private static Object referencesType(String column, String... files) {
        FileAnalyzer run = new FileAnalyzer(AnalysisSettings.defaults());
        SqlFrontEnd fe = new SqlFrontEnd();
        List<AnalyzedOperation> ops = List.of();
        for (int i = 0; i < files.length; i++) {
            ops = run.analyze(fe.parse(SourceFile.ofText(i + ".sql", files[i]), Dialect.POSTGRESQL), null).operations();
        }
        return ops.stream().filter(o -> column.equals(OperationCatalog.get().facts(o.operation().operation()).get("column")))
                .findFirst().orElseThrow(() -> new AssertionError("no column " + column)).context().get(ContextFacts.REFERENCES_TYPE);
    }

    @Test
    void referencedKeyTypeFromTheHistoryOrTheFile() {
        String countries = "CREATE TABLE countries (id serial PRIMARY KEY, code text);\n";
        assertEquals("serial", referencesType("country_id", countries,
                "ALTER TABLE addresses ADD COLUMN country_id integer REFERENCES countries (id);"), "inline, from the history");
        assertEquals("serial", referencesType("country_id",
                countries + "CREATE TABLE addresses (id bigint PRIMARY KEY, country_id int REFERENCES countries);"),
                "inline without a column: the primary key, earlier in the same file");
        assertEquals("text", referencesType("country_code", countries + "CREATE TABLE a (id bigint PRIMARY KEY, "
                + "country_code text, n int, CONSTRAINT a_fk FOREIGN KEY (country_code) REFERENCES public.countries (code));"),
                "a FOREIGN KEY clause with a schema-qualified table");
        assertEquals("bigint", referencesType("b", "CREATE TABLE p (x int, y bigint, PRIMARY KEY (x, y));\n"
                + "CREATE TABLE c (a int, b int, FOREIGN KEY (a, b) REFERENCES p);"), "second column of a composite key");
        assertEquals("integer", referencesType("parent_id",
                "CREATE TABLE node (id integer PRIMARY KEY, parent_id integer REFERENCES node (id));"), "self-reference");
        assertNull(referencesType("country_id", "ALTER TABLE addresses ADD COLUMN country_id integer REFERENCES countries (id);"),
                "a table no linted migration created");
        assertNull(referencesType("id", countries), "a primary key references nothing");
    }

    @Test
    void triggerReenabledLaterInTheSameTransaction() {
        String disable = "ALTER TABLE post DISABLE TRIGGER ALL;\n";
        assertEquals(true, ctx(analyze("BEGIN;\n" + disable + "UPDATE post SET n = 0 WHERE n IS NULL;\n"
                + "ALTER TABLE post ENABLE TRIGGER ALL;\nCOMMIT;"), "alter-table-other").get(ContextFacts.REENABLED_LATER));
        assertEquals(false, ctx(analyze("BEGIN;\n" + disable + "COMMIT;\nALTER TABLE post ENABLE TRIGGER ALL;"),
                "alter-table-other").get(ContextFacts.REENABLED_LATER), "enabled after the commit");
        assertEquals(false, ctx(analyze(disable + "ALTER TABLE post ENABLE TRIGGER ALL;"), "alter-table-other")
                .get(ContextFacts.REENABLED_LATER), "no transaction");
        assertEquals(false, ctx(analyze("BEGIN;\n" + disable + "ALTER TABLE comment ENABLE TRIGGER ALL;\nCOMMIT;"),
                "alter-table-other").get(ContextFacts.REENABLED_LATER), "another table");
        assertEquals(true, ctx(analyze("BEGIN;\nALTER TABLE post DISABLE TRIGGER post_audit;\n"
                + "ALTER TABLE public.post ENABLE TRIGGER USER;\nCOMMIT;"), "alter-table-other").get(ContextFacts.REENABLED_LATER));
        assertEquals(false, ctx(analyze("BEGIN;\n" + disable + "ALTER TABLE post ENABLE TRIGGER USER;\nCOMMIT;"),
                "alter-table-other").get(ContextFacts.REENABLED_LATER), "USER leaves the system triggers off");
        assertNull(ctx(analyze("ALTER TABLE post ENABLE TRIGGER ALL;"), "alter-table-other").get(ContextFacts.REENABLED_LATER));
    }

    @Test
    void defaultWasNullEarlierInTheFile() {
        String add = "ALTER TABLE t ADD COLUMN a text DEFAULT NULL, ADD COLUMN b int, ADD COLUMN c text NOT NULL DEFAULT 'x';\n";
        assertEquals(true, ctx(analyze(add + "ALTER TABLE t ALTER COLUMN a DROP DEFAULT;"), "drop-default")
                .get(ContextFacts.DEFAULT_WAS_NULL));
        assertEquals(true, ctx(analyze(add + "ALTER TABLE t ALTER COLUMN B DROP DEFAULT;"), "drop-default")
                .get(ContextFacts.DEFAULT_WAS_NULL), "no DEFAULT clause");
        assertEquals(false, ctx(analyze(add + "ALTER TABLE t ALTER COLUMN c DROP DEFAULT;"), "drop-default")
                .get(ContextFacts.DEFAULT_WAS_NULL));
        assertEquals(false, ctx(analyze("ALTER TABLE t ADD COLUMN n SERIAL NOT NULL;\nALTER TABLE t ALTER COLUMN n DROP DEFAULT;"),
                "drop-default").get(ContextFacts.DEFAULT_WAS_NULL), "a serial's default is nextval");
        assertEquals(false, ctx(analyze(add + "ALTER TABLE t ALTER COLUMN a SET DEFAULT 'y';\n"
                + "ALTER TABLE t ALTER COLUMN a DROP DEFAULT;"), "drop-default").get(ContextFacts.DEFAULT_WAS_NULL),
                "a later SET DEFAULT wins");
        assertEquals(true, ctx(analyze("ALTER TABLE t ALTER COLUMN a SET DEFAULT NULL::text;\n"
                + "ALTER TABLE t ALTER COLUMN a DROP DEFAULT;"), "drop-default").get(ContextFacts.DEFAULT_WAS_NULL));
        assertNull(ctx(analyze("ALTER TABLE t ALTER COLUMN a DROP DEFAULT;"), "drop-default").get(ContextFacts.DEFAULT_WAS_NULL));
        assertNull(ctx(analyze(add + "ALTER TABLE u ALTER COLUMN a DROP DEFAULT;"), "drop-default")
                .get(ContextFacts.DEFAULT_WAS_NULL), "another table");
    }

    @Test
    void sequenceRenamedAfterItsTable() {
        String table = "ALTER TABLE user_mention RENAME TO person_mention;\n";
        assertEquals(true, ctx(analyze(table + "ALTER SEQUENCE user_mention_id_seq RENAME TO person_mention_id_seq;"),
                "alter-object").get(ContextFacts.FOLLOWS_TABLE_RENAME));
        assertEquals(false, ctx(analyze(table + "ALTER SEQUENCE user_mention_id_seq RENAME TO mention_seq;"),
                "alter-object").get(ContextFacts.FOLLOWS_TABLE_RENAME), "renamed to another pattern");
        assertEquals(false, ctx(analyze("ALTER SEQUENCE user_mention_id_seq RENAME TO person_mention_id_seq;\n" + table),
                "alter-object").get(ContextFacts.FOLLOWS_TABLE_RENAME), "the table is renamed afterwards");
        assertNull(ctx(analyze("ALTER VIEW v RENAME TO w;"), "alter-object").get(ContextFacts.FOLLOWS_TABLE_RENAME));
    }

    @Test
    void constraintRebuiltInTheSameStatement() {
        assertEquals(true, ctx(analyze("ALTER TABLE m DROP CONSTRAINT m_check, ADD CONSTRAINT m_check CHECK (a > 0);"),
                "drop-constraint").get(ContextFacts.REBUILT_LATER));
        assertEquals(false, ctx(analyze("ALTER TABLE m DROP CONSTRAINT m_check, ADD CONSTRAINT m_other CHECK (a > 0);"),
                "drop-constraint").get(ContextFacts.REBUILT_LATER));
        assertEquals(false, ctx(analyze("ALTER TYPE \"Role\" RENAME TO \"role\";"), "alter-type").get(ContextFacts.REBUILT_LATER),
                "a rename is not its own re-creation");
    }

    @Test
    void keyReplacedBeforeTheDropInTheSameStatement() {
        assertEquals(true, ctx(analyze("ALTER TABLE q DROP COLUMN id, ADD PRIMARY KEY (instance_id), "
                + "DROP CONSTRAINT q_instance_id_key;"), "drop-constraint").get(ContextFacts.REPLACED_BY_EQUIVALENT));
        assertEquals(false, ctx(analyze("ALTER TABLE q ADD PRIMARY KEY (id), DROP CONSTRAINT q_instance_id_key;"),
                "drop-constraint").get(ContextFacts.REPLACED_BY_EQUIVALENT));
    }

    @Test
    void foreignKeyIndexesFromEarlierMigrationsOfTheRun() {
        FileAnalyzer run = new FileAnalyzer(AnalysisSettings.defaults());
        SqlFrontEnd fe = new SqlFrontEnd();
        run.analyze(fe.parse(SourceFile.ofText("1.sql", "CREATE TABLE c (id bigint PRIMARY KEY, post_id bigint);\n"
                + "CREATE INDEX c_post ON c (post_id);"), Dialect.POSTGRESQL), null);
        var ops = run.analyze(fe.parse(SourceFile.ofText("2.sql",
                "ALTER TABLE c ADD CONSTRAINT c_post_fk FOREIGN KEY (post_id) REFERENCES p (id) NOT VALID;\n"
                        + "ALTER TABLE c ADD CONSTRAINT c_id_fk FOREIGN KEY (id) REFERENCES p (id) NOT VALID;"),
                Dialect.POSTGRESQL), null).operations();
        assertEquals(true, ops.get(0).context().get(ContextFacts.REFERENCING_COLUMNS_INDEXED));
        assertEquals(true, ops.get(1).context().get(ContextFacts.REFERENCING_COLUMNS_INDEXED), "the primary key serves it");
    }

    /** rows-copied-in-file of the file's DROP TABLE, after a first migration that created posts (id, title, body). */
    private static Object rowsCopied(String second) {
        FileAnalyzer run = new FileAnalyzer(AnalysisSettings.defaults());
        SqlFrontEnd fe = new SqlFrontEnd();
        run.analyze(fe.parse(SourceFile.ofText("1.sql", "CREATE TABLE posts (id bigint PRIMARY KEY, title text, body text);"),
                Dialect.POSTGRESQL), null);
        return ctx(run.analyze(fe.parse(SourceFile.ofText("2.sql", second), Dialect.POSTGRESQL), null).operations(),
                "drop-table").get(ContextFacts.ROWS_COPIED_IN_FILE);
    }

    @Test
    void rowsCopiedIntoARebuiltTable() {
        String renamed = "ALTER TABLE posts RENAME TO posts_old;\nCREATE TABLE posts (id bigint PRIMARY KEY, title text, body text);\n";
        assertEquals(true, rowsCopied(renamed + "INSERT INTO posts (id, title, body) SELECT id, title, body FROM posts_old;\n"
                + "DROP TABLE posts_old;"));
        assertEquals(true, rowsCopied(renamed + "INSERT INTO posts SELECT * FROM public.posts_old AS o;\nDROP TABLE posts_old;"));
        assertEquals(false, rowsCopied(renamed + "INSERT INTO posts (id, title) SELECT id, title FROM posts_old;\n"
                + "DROP TABLE posts_old;"), "body was left out");
        assertEquals(false, rowsCopied(renamed + "INSERT INTO posts SELECT * FROM posts_old WHERE id > 10;\n"
                + "DROP TABLE posts_old;"), "only some rows");
        assertEquals(false, rowsCopied(renamed + "INSERT INTO posts SELECT p.* FROM posts_old p JOIN users u ON u.id = p.id;\n"
                + "DROP TABLE posts_old;"), "a join may lose rows");
        assertEquals(false, rowsCopied("INSERT INTO archive SELECT * FROM posts;\nDROP TABLE posts;"),
                "archive was not created in this file");
        assertEquals(false, rowsCopied("CREATE TABLE new_posts (id bigint, title text, body text);\n"
                + "INSERT INTO new_posts SELECT * FROM posts;\nDROP TABLE posts;\nDROP TABLE new_posts;"),
                "the copy is dropped too");
        assertEquals(false, rowsCopied("CREATE TABLE new_posts (id bigint, title text, body text);\n"
                + "INSERT INTO new_posts SELECT * FROM drafts;\nDROP TABLE posts;"), "copied from another table");
        assertNull(ctx(analyze("DROP INDEX i;"), "drop-index").get(ContextFacts.ROWS_COPIED_IN_FILE));
    }

    /** rows-copied-in-history of the last file's DROP TABLE, after the earlier files given. */
    private static Object rowsCopiedInHistory(String... files) {
        FileAnalyzer run = new FileAnalyzer(AnalysisSettings.defaults());
        SqlFrontEnd fe = new SqlFrontEnd();
        List<AnalyzedOperation> last = List.of();
        for (int i = 0; i < files.length; i++) {
            last = run.analyze(fe.parse(SourceFile.ofText(i + ".sql", files[i]), Dialect.POSTGRESQL), null).operations();
        }
        return ctx(last, "drop-table").get(ContextFacts.ROWS_COPIED_IN_HISTORY);
    }

    @Test
    void rowsCopiedByAnEarlierMigration() {
        String posts = "CREATE TABLE posts (id bigint PRIMARY KEY, title text);";
        String tmp = "CREATE TABLE _posts_tmp (id bigint PRIMARY KEY, title text);";
        String copy = "INSERT INTO _posts_tmp (id, title) SELECT id, title FROM posts;";
        assertEquals(true, rowsCopiedInHistory(posts, tmp, copy, "DROP TABLE posts;"));
        assertEquals(true, rowsCopiedInHistory(posts, tmp + copy, "DROP TABLE posts;"));
        assertEquals(false, rowsCopiedInHistory(posts, tmp, copy, "ALTER TABLE _posts_tmp RENAME TO kept;", "DROP TABLE posts;"),
                "the copy moved away under another name: this history does not follow it");
        assertEquals(false, rowsCopiedInHistory(posts, tmp, copy, "DROP TABLE posts;\nDROP TABLE _posts_tmp;"),
                "the file drops the copy too");
        assertEquals(false, rowsCopiedInHistory(posts, tmp, copy + "\nDROP TABLE posts;"),
                "a copy in the same file is rows-copied-in-file's case (the copy must be new to the file)");
        assertEquals(false, rowsCopiedInHistory(posts, tmp, "INSERT INTO _posts_tmp (id) SELECT id FROM posts;",
                "DROP TABLE posts;"), "title was left out");
        assertEquals(false, rowsCopiedInHistory(posts, "DROP TABLE posts;"));
    }

    @Test
    void exclusiveLockHeldAcrossStatementsOfATransaction() {
        String sql = "ALTER TABLE users ADD COLUMN nick text;\nCREATE INDEX e_user ON events (user_id);";
        assertEquals("users", ctx(analyze(sql, Dialect.POSTGRESQL, Framework.FLYWAY), "create-index")
                .get(ContextFacts.EXCLUSIVE_LOCK_HELD_ON));
        assertNull(ctx(analyze(sql), "create-index").get(ContextFacts.EXCLUSIVE_LOCK_HELD_ON), "autocommit releases it");
        assertNull(ctx(analyze("BEGIN;\nALTER TABLE users ADD COLUMN nick text;\nCOMMIT;\nCREATE INDEX e_user ON events (user_id);"),
                "create-index").get(ContextFacts.EXCLUSIVE_LOCK_HELD_ON), "COMMIT releases it");
        assertNull(ctx(analyze("CREATE TABLE users (id bigint);\nALTER TABLE users ADD COLUMN nick text;\n"
                + "CREATE INDEX e_user ON events (user_id);", Dialect.POSTGRESQL, Framework.FLYWAY), "create-index")
                .get(ContextFacts.EXCLUSIVE_LOCK_HELD_ON), "a table new in the file blocks nobody");
    }

    /** exclusive-lock-already-held of the file's DROP INDEX, after a first migration that made orders, users and their indexes. */
    private static Object dropIndexAfterLock(String second, Framework framework) {
        FileAnalyzer run = new FileAnalyzer(AnalysisSettings.defaults());
        SqlFrontEnd fe = new SqlFrontEnd();
        run.analyze(fe.parse(SourceFile.ofText("1.sql", "CREATE TABLE orders (id bigint PRIMARY KEY, at timestamptz);\n"
                + "CREATE INDEX orders_at ON orders (at);\nCREATE TABLE users (id bigint PRIMARY KEY, nick text);\n"
                + "CREATE INDEX users_nick ON users (nick);"), Dialect.POSTGRESQL), null);
        return ctx(run.analyze(fe.parse(SourceFile.ofText("2.sql", second), Dialect.POSTGRESQL), framework).operations(),
                "drop-index").get(ContextFacts.EXCLUSIVE_LOCK_ALREADY_HELD);
    }

    @Test
    void exclusiveLockAlreadyHeldOnTheIndexTable() {
        String alter = "ALTER TABLE public.orders ADD COLUMN note text;\n";
        assertEquals(true, dropIndexAfterLock(alter + "DROP INDEX orders_at;", Framework.FLYWAY));
        assertEquals(true, dropIndexAfterLock("BEGIN;\n" + alter + "DROP INDEX IF EXISTS public.orders_at;\nCOMMIT;", Framework.PLAIN));
        assertEquals(true, dropIndexAfterLock("ALTER TABLE users ADD COLUMN x int;\n" + alter + "DROP INDEX orders_at, users_nick;",
                Framework.FLYWAY), "both tables are locked");
        assertEquals(false, dropIndexAfterLock(alter + "DROP INDEX orders_at;", Framework.PLAIN), "autocommit releases it");
        assertEquals(false, dropIndexAfterLock("BEGIN;\n" + alter + "COMMIT;\nBEGIN;\nDROP INDEX orders_at;\nCOMMIT;",
                Framework.PLAIN), "COMMIT releases it");
        assertEquals(false, dropIndexAfterLock(alter + "DROP INDEX orders_at, users_nick;", Framework.FLYWAY),
                "users is not locked");
        assertEquals(false, dropIndexAfterLock(alter + "DROP INDEX unknown_idx;", Framework.FLYWAY), "the index's table is unknown");
        assertEquals(false, dropIndexAfterLock("CREATE INDEX orders_id ON orders (id);\nDROP INDEX orders_at;", Framework.FLYWAY),
                "CREATE INDEX takes SHARE, not ACCESS EXCLUSIVE");
        assertEquals(false, dropIndexAfterLock("BEGIN;\nSAVEPOINT s;\n" + alter + "ROLLBACK TO SAVEPOINT s;\n"
                + "DROP INDEX orders_at;\nCOMMIT;", Framework.PLAIN), "ROLLBACK TO releases the locks taken since the savepoint");
        assertEquals(false, dropIndexAfterLock("DROP INDEX orders_at;\n" + alter, Framework.FLYWAY), "locked only after the drop");
    }

    @Test
    void validateInTheTransactionThatAddedTheConstraint() {
        String sql = "ALTER TABLE o ADD CONSTRAINT o_pos CHECK (total >= 0) NOT VALID;\nALTER TABLE o VALIDATE CONSTRAINT o_pos;";
        assertEquals(true, ctx(analyze(sql, Dialect.POSTGRESQL, Framework.FLYWAY), "validate-constraint")
                .get(ContextFacts.CONSTRAINT_ADDED_IN_TRANSACTION));
        assertEquals(false, ctx(analyze(sql), "validate-constraint").get(ContextFacts.CONSTRAINT_ADDED_IN_TRANSACTION));
    }

    @Test
    void newEnumLabelUsedInTheSameTransaction() {
        String sql = "BEGIN;\nALTER TYPE s ADD VALUE 'archived';\nUPDATE p SET s = 'archived';\nCOMMIT;";
        assertEquals(true, ctx(analyze(sql), "alter-type-add-value").get(ContextFacts.VALUE_USED_IN_TRANSACTION));
        String committed = "BEGIN;\nALTER TYPE s ADD VALUE 'archived';\nCOMMIT;\nUPDATE p SET s = 'archived';";
        assertEquals(false, ctx(analyze(committed), "alter-type-add-value").get(ContextFacts.VALUE_USED_IN_TRANSACTION));
        String neighbour = "BEGIN;\nALTER TYPE s ADD VALUE 'a';\nALTER TYPE s ADD VALUE 'b' AFTER 'a';\nCOMMIT;";
        assertEquals(false, ctx(analyze(neighbour), "alter-type-add-value").get(ContextFacts.VALUE_USED_IN_TRANSACTION));
    }

    @Test
    void runnerTransactionKinds() {
        String sql = "ALTER TABLE a ADD COLUMN b int;\nALTER TABLE a ADD COLUMN c int;";
        assertEquals("block", ctx(analyze(sql, Dialect.POSTGRESQL, Framework.FLYWAY), "add-column").get(ContextFacts.RUNNER_TRANSACTION));
        assertEquals("implicit", ctx(analyze(sql, Dialect.POSTGRESQL, Framework.PRISMA), "add-column").get(ContextFacts.RUNNER_TRANSACTION));
        assertEquals("none", ctx(analyze(sql), "add-column").get(ContextFacts.RUNNER_TRANSACTION));
        ParsedFile parsed = new SqlFrontEnd().parse(SourceFile.ofText("m.sql", sql), Dialect.POSTGRESQL);
        assertEquals("block", new FileAnalyzer(AnalysisSettings.defaults().withTransaction(TransactionMode.ALWAYS))
                .analyze(parsed, Framework.PRISMA).operations().get(0).context().get(ContextFacts.RUNNER_TRANSACTION));
    }

    @Test
    void mysqlDdlInFileAndEnumAppends() {
        List<AnalyzedOperation> ops = analyze("ALTER TABLE o ADD COLUMN s ENUM('a','b');\n"
                + "ALTER TABLE o MODIFY s ENUM('a','b','c');\nALTER TABLE o MODIFY s ENUM('b','a');\n"
                + "UPDATE o SET s = 'a';", Dialect.MYSQL, Framework.PLAIN);
        List<Object> appended = ops.stream().filter(o -> OperationCatalog.get().kindName(o.operation().operation())
                .equals("alter-column-type")).map(o -> o.context().get(ContextFacts.ENUM_VALUES_APPENDED)).toList();
        assertEquals(List.of(true, false), appended);
        assertEquals(true, ctx(ops, "update").get(ContextFacts.DDL_IN_FILE));
        assertEquals(false, ctx(analyze("UPDATE o SET s = 'a';", Dialect.MYSQL, Framework.PLAIN), "update")
                .get(ContextFacts.DDL_IN_FILE));
        assertEquals(Boolean.TRUE, FileScan.enumAppended("enum(\"a\")", "enum(\"a\",\"b\")"));
        assertNull(FileScan.enumAppended("varchar(10)", "enum('a')"));
    }

    @Test
    void sqliteRebuildFacts() {
        List<AnalyzedOperation> ops = analyze("PRAGMA foreign_keys = OFF;\nCREATE TABLE new_u (id int);\n"
                + "INSERT INTO new_u SELECT id FROM u;\nDROP TABLE u;\nALTER TABLE new_u RENAME TO u;", Dialect.SQLITE, Framework.PLAIN);
        Map<String, Object> drop = ctx(ops, "drop-table");
        assertEquals(true, drop.get(ContextFacts.REBUILT_LATER));
        assertEquals(true, drop.get(ContextFacts.FOREIGN_KEYS_OFF));
        assertEquals(false, ctx(analyze("DROP TABLE u;", Dialect.SQLITE, Framework.PLAIN), "drop-table").get(ContextFacts.REBUILT_LATER));
        List<AnalyzedOperation> inTx = analyze("BEGIN;\nPRAGMA foreign_keys = OFF;\nDROP TABLE u;\nALTER TABLE n RENAME TO u;\nCOMMIT;",
                Dialect.SQLITE, Framework.PLAIN);
        assertEquals(false, ctx(inTx, "drop-table").get(ContextFacts.FOREIGN_KEYS_OFF), "the pragma is ignored inside a transaction");
    }

    /** referenced-by-other-table of the second file's DROP TABLE, after the first. */
    private static Object referenced(String first, String second) {
        FileAnalyzer run = new FileAnalyzer(AnalysisSettings.defaults().withDialect(Dialect.SQLITE));
        SqlFrontEnd fe = new SqlFrontEnd();
        run.analyze(fe.parse(SourceFile.ofText("1.sql", first), Dialect.SQLITE), null);
        return ctx(run.analyze(fe.parse(SourceFile.ofText("2.sql", second), Dialect.SQLITE), null).operations(),
                "drop-table").get(ContextFacts.REFERENCED_BY_OTHER_TABLE);
    }

    @Test
    void referencedByOtherTable() {
        String parent = "CREATE TABLE p (id INTEGER PRIMARY KEY, up INTEGER REFERENCES p (id));\n";
        assertEquals(false, referenced(parent, "DROP TABLE p;"), "a key to itself does not count");
        assertNull(referenced(parent, "DROP TABLE q;"), "q is not known");
        assertEquals(true, referenced(parent + "CREATE TABLE c (id INTEGER, p_id INTEGER REFERENCES p (id));", "DROP TABLE p;"));
        assertEquals(true, referenced(parent + "CREATE TABLE c (id INTEGER, p_id INTEGER, FOREIGN KEY (p_id) REFERENCES \"p\" (id));",
                "DROP TABLE main.p;"));
        assertEquals(true, referenced(parent + "CREATE TABLE c (id INTEGER);\nALTER TABLE c ADD COLUMN p_id INTEGER REFERENCES p;",
                "DROP TABLE p;"));
        assertEquals(true, referenced(parent, "CREATE TABLE c (p_id INTEGER REFERENCES p (id));\nDROP TABLE p;"),
                "earlier in the same file");
        assertEquals(false, referenced(parent + "CREATE TABLE c (id INTEGER, p_id INTEGER REFERENCES p (id));\nDROP TABLE c;",
                "DROP TABLE p;"), "the referencing table was dropped");
        assertEquals(true, referenced(parent + "CREATE TABLE c (id INTEGER, p_id INTEGER REFERENCES p (id));\n"
                + "ALTER TABLE c RENAME TO c2;", "DROP TABLE p;"), "the referencing table was renamed");
        assertEquals(true, referenced("CREATE TABLE p0 (id INTEGER PRIMARY KEY);\n"
                + "CREATE TABLE c (id INTEGER, p_id INTEGER REFERENCES p0 (id));\nALTER TABLE p0 RENAME TO p;", "DROP TABLE p;"),
                "the referenced table was renamed, and its foreign keys follow it");
        assertEquals(true, referenced("CREATE TABLE c (id INTEGER, p_id INTEGER REFERENCES p0 (id));\n"
                + "ALTER TABLE p0 RENAME TO p;\nCREATE TABLE IF NOT EXISTS p (id INTEGER PRIMARY KEY);", "DROP TABLE p;"),
                "renamed before the history knew it");
        assertEquals(false, referenced(parent + "CREATE TABLE c (id INTEGER, p_id INTEGER REFERENCES p (id));\n"
                + "CREATE TABLE c_new (id INTEGER);\nDROP TABLE c;\nALTER TABLE c_new RENAME TO c;", "DROP TABLE p;"),
                "c was rebuilt without its key");
        assertEquals(true, referenced(parent + "CREATE TABLE c (id INTEGER, p_id INTEGER REFERENCES p (id));\nDROP TABLE p;\n"
                + "CREATE TABLE p (id INTEGER PRIMARY KEY);", "DROP TABLE p;"), "the key outlives a drop without CASCADE");
        assertEquals(false, referenced(parent + "CREATE TABLE c (id INTEGER, p_id INTEGER);\nALTER TABLE c DROP COLUMN p_id;\n"
                + "ALTER TABLE c ADD COLUMN p_id INTEGER;", "DROP TABLE p;"), "no key");
        assertEquals(false, referenced(parent + "CREATE TABLE c (id INTEGER, p_id INTEGER REFERENCES p (id));\n"
                + "ALTER TABLE c DROP COLUMN p_id;", "DROP TABLE p;"), "the key went with its column");
        assertNull(ctx(analyze("DROP INDEX i;"), "drop-index").get(ContextFacts.REFERENCED_BY_OTHER_TABLE));
    }

    @Test
    void laterStatementsOfTheFile() {
        List<AnalyzedOperation> ops = analyze("ALTER TABLE a DROP CONSTRAINT a_fk;\nALTER TABLE b DROP CONSTRAINT b_fk;\nDROP TABLE a;");
        assertEquals(true, ops.get(0).context().get(ContextFacts.TABLE_DROPPED_LATER));
        assertEquals(false, ops.get(1).context().get(ContextFacts.TABLE_DROPPED_LATER));
        List<AnalyzedOperation> defaults = analyze("ALTER TABLE u ALTER COLUMN s DROP DEFAULT;\n"
                + "ALTER TABLE u ALTER COLUMN s TYPE t USING s::text::t;\nALTER TABLE u ALTER COLUMN s SET DEFAULT 'x';");
        assertEquals(true, ctx(defaults, "drop-default").get(ContextFacts.REBUILT_LATER));
        assertEquals(false, ctx(analyze("ALTER TABLE u ALTER COLUMN s DROP DEFAULT;"), "drop-default").get(ContextFacts.REBUILT_LATER));
        List<AnalyzedOperation> fk = analyze("ALTER TABLE a DROP CONSTRAINT a_fk;\n"
                + "ALTER TABLE a ADD CONSTRAINT a_fk FOREIGN KEY (b) REFERENCES b (id) ON DELETE CASCADE;");
        assertEquals(true, ctx(fk, "drop-constraint").get(ContextFacts.REBUILT_LATER));
    }

    @Test
    void objectsCreatedInTheFile() {
        List<AnalyzedOperation> ops = analyze("CREATE TYPE s AS ENUM ('a');\nALTER TYPE s ADD VALUE 'b';");
        assertEquals(true, ctx(ops, "alter-type-add-value").get(ContextFacts.TABLE_CREATED_IN_FILE));
        List<AnalyzedOperation> swap = analyze("ALTER TYPE s RENAME TO s_old;\nCREATE TYPE s AS ENUM ('a');");
        assertEquals(true, ctx(swap, "alter-type").get(ContextFacts.REBUILT_LATER));
        List<AnalyzedOperation> view = analyze("DROP VIEW v;\nCREATE VIEW v AS SELECT 1;");
        assertEquals(true, ctx(view, "drop-object").get(ContextFacts.REBUILT_LATER));
    }
}
