package dev.migralint.sql.op;

import java.util.List;

/**
 * One thing a statement does. An ALTER TABLE with three actions is three operations. Each record's components are its
 * facts (see {@link Fact}); {@link ColumnDef} components are flattened.
 *
 * <p>The kinds are listed, not inferred: javac orders an inferred list as it happens to meet the records, which changes
 * with unrelated code, and the catalogue's order ({@code rules --facts}, the rule schema) is this list's.
 */
public sealed interface Operation
        permits Operation.DropConstraint, Operation.DropTable, Operation.DropDefault, Operation.CreateIndex,
        Operation.MigrationHistory, Operation.IgnoreDirective, Operation.DropObject, Operation.DropColumn,
        Operation.AlterColumnType, Operation.AddConstraint, Operation.AlterTableOther, Operation.DropIndex,
        Operation.AlterType, Operation.CreateView, Operation.CreateFunction, Operation.Other, Operation.TableConstraint,
        Operation.CreateTable, Operation.CreateTableColumn, Operation.AddColumn, Operation.RenameColumn,
        Operation.SetNotNull, Operation.DropNotNull, Operation.SetDefault, Operation.ValidateConstraint,
        Operation.RenameConstraint, Operation.RenameTable, Operation.Truncate, Operation.AttachPartition,
        Operation.DetachPartition, Operation.Reindex, Operation.AlterIndex, Operation.CreateType, Operation.DropType,
        Operation.AlterTypeAddValue, Operation.CreateDomain, Operation.AlterDomain, Operation.CreateSchema,
        Operation.DropSchema, Operation.DropDatabase, Operation.CreateExtension, Operation.DropExtension,
        Operation.CreateSequence, Operation.RefreshMaterializedView, Operation.CreateTrigger, Operation.CreateObject,
        Operation.AlterObject, Operation.Update, Operation.Delete, Operation.Insert, Operation.SetParameter,
        Operation.Begin, Operation.Commit, Operation.Rollback, Operation.Savepoint, Operation.DoBlock,
        Operation.DynamicSql, Operation.LockTable, Operation.Vacuum, Operation.Cluster, Operation.MetaCommand,
        Operation.Unknown, Operation.MergeConflictMarker, Operation.FileProblem {

    // ---- tables and columns ----

    @Kind(value = "create-table", doc = "CREATE TABLE (also CREATE TABLE ... AS, ... PARTITION OF)")
    record CreateTable(@Fact("table name, as qualified in the statement") String table,
                       @Fact("IF NOT EXISTS is present") boolean ifNotExists,
                       @Fact("TEMP/TEMPORARY table") boolean temporary,
                       @Fact("UNLOGGED table") boolean unlogged,
                       @Fact("created from a query (CREATE TABLE ... AS)") boolean asSelect,
                       @Fact("parent table of PARTITION OF, or null") String partitionOf,
                       @Fact("number of columns defined") int columnCount,
                       @Fact("a primary key is declared") boolean hasPrimaryKey) implements Operation {}

    @Kind(value = "create-table-column", doc = "one column defined inside CREATE TABLE")
    record CreateTableColumn(@Fact("table name") String table, ColumnDef def) implements Operation {}

    @Kind(value = "table-constraint", doc = "a PRIMARY KEY, UNIQUE, FOREIGN KEY, CHECK or EXCLUDE constraint (or a MySQL INDEX/KEY) declared inside CREATE TABLE after the columns")
    record TableConstraint(@Fact("table name") String table,
                           @Fact("constraint name, or null when unnamed") String constraintName,
                           @Fact("primary-key, unique, foreign-key, check, exclude, or index (MySQL KEY/INDEX)") String constraintType,
                           @Fact("the constrained (for a foreign key: referencing) columns") List<String> columns,
                           @Fact("for a foreign key, the referenced table") String referencesTable) implements Operation {}

    @Kind(value = "add-column", doc = "ALTER TABLE ... ADD COLUMN")
    record AddColumn(@Fact("table name") String table, ColumnDef def,
                     @Fact("IF NOT EXISTS is present") boolean ifNotExists) implements Operation {}

    @Kind(value = "drop-column", doc = "ALTER TABLE ... DROP COLUMN")
    record DropColumn(@Fact("table name") String table, @Fact("column name") String column,
                      @Fact("IF EXISTS is present") boolean ifExists,
                      @Fact("CASCADE is present") boolean cascade) implements Operation {}

    @Kind(value = "rename-column", doc = "ALTER TABLE ... RENAME COLUMN a TO b")
    record RenameColumn(@Fact("table name") String table, @Fact("old column name") String column,
                        @Fact("new column name") String newName) implements Operation {}

    @Kind(value = "alter-column-type", doc = "ALTER TABLE ... ALTER COLUMN ... [SET DATA] TYPE (MySQL MODIFY/CHANGE)")
    record AlterColumnType(@Fact("table name") String table, @Fact("column name") String column,
                           @Fact("new type, normalised like create-table-column's type") String type,
                           @Fact("a USING expression is given") boolean using) implements Operation {}

    @Kind(value = "set-not-null", doc = "ALTER TABLE ... ALTER COLUMN ... SET NOT NULL")
    record SetNotNull(@Fact("table name") String table, @Fact("column name") String column) implements Operation {}

    @Kind(value = "drop-not-null", doc = "ALTER TABLE ... ALTER COLUMN ... DROP NOT NULL")
    record DropNotNull(@Fact("table name") String table, @Fact("column name") String column) implements Operation {}

    @Kind(value = "set-default", doc = "ALTER TABLE ... ALTER COLUMN ... SET DEFAULT")
    record SetDefault(@Fact("table name") String table, @Fact("column name") String column,
                      @Fact(name = "default", value = "the new DEFAULT expression") String defaultExpr,
                      @Fact("the default is (or may be) volatile") boolean defaultVolatile) implements Operation {}

    @Kind(value = "drop-default", doc = "ALTER TABLE ... ALTER COLUMN ... DROP DEFAULT")
    record DropDefault(@Fact("table name") String table, @Fact("column name") String column) implements Operation {}

    @Kind(value = "add-constraint", doc = "ALTER TABLE ... ADD [CONSTRAINT name] PRIMARY KEY/UNIQUE/FOREIGN KEY/CHECK/EXCLUDE")
    record AddConstraint(@Fact("table name") String table,
                         @Fact("constraint name, or null when unnamed") String constraintName,
                         @Fact("primary-key, unique, foreign-key, check or exclude") String constraintType,
                         @Fact("NOT VALID is present") boolean notValid,
                         @Fact("USING INDEX names an existing index") boolean usingIndex,
                         @Fact("the constrained columns") List<String> columns,
                         @Fact("for a foreign key, the referenced table") String referencesTable,
                         @Fact("for CHECK (col IS NOT NULL): the column it proves not null, else null") String notNullColumn) implements Operation {}

    @Kind(value = "drop-constraint", doc = "ALTER TABLE ... DROP CONSTRAINT")
    record DropConstraint(@Fact("table name") String table, @Fact("constraint name") String constraintName,
                          @Fact("IF EXISTS is present") boolean ifExists,
                          @Fact("CASCADE is present") boolean cascade) implements Operation {}

    @Kind(value = "validate-constraint", doc = "ALTER TABLE ... VALIDATE CONSTRAINT")
    record ValidateConstraint(@Fact("table name") String table,
                              @Fact("constraint name") String constraintName) implements Operation {}

    @Kind(value = "rename-constraint", doc = "ALTER TABLE ... RENAME CONSTRAINT a TO b")
    record RenameConstraint(@Fact("table name") String table, @Fact("old name") String constraintName,
                            @Fact("new name") String newName) implements Operation {}

    @Kind(value = "rename-table", doc = "ALTER TABLE ... RENAME TO (MySQL RENAME TABLE)")
    record RenameTable(@Fact("table name") String table, @Fact("new table name") String newName) implements Operation {}

    @Kind(value = "drop-table", doc = "DROP TABLE")
    record DropTable(@Fact("first table named") String table, @Fact("every table named") List<String> tables,
                     @Fact("IF EXISTS is present") boolean ifExists,
                     @Fact("CASCADE is present") boolean cascade) implements Operation {}

    @Kind(value = "truncate", doc = "TRUNCATE")
    record Truncate(@Fact("first table named") String table, @Fact("every table named") List<String> tables,
                    @Fact("CASCADE is present") boolean cascade) implements Operation {}

    @Kind(value = "alter-table-other", doc = "any other ALTER TABLE action (SET LOGGED, SET TABLESPACE, OWNER TO, ENABLE TRIGGER, ...)")
    record AlterTableOther(@Fact("table name") String table,
                           @Fact("the action's leading keywords, lower-cased, e.g. 'set tablespace', 'enable row level security'") String action) implements Operation {}

    @Kind(value = "attach-partition", doc = "ALTER TABLE ... ATTACH PARTITION")
    record AttachPartition(@Fact("parent table") String table, @Fact("partition table") String partition) implements Operation {}

    @Kind(value = "detach-partition", doc = "ALTER TABLE ... DETACH PARTITION")
    record DetachPartition(@Fact("parent table") String table, @Fact("partition table") String partition,
                           @Fact("CONCURRENTLY is present") boolean concurrently) implements Operation {}

    // ---- indexes ----

    @Kind(value = "create-index", doc = "CREATE [UNIQUE] INDEX")
    record CreateIndex(@Fact("table name") String table, @Fact("index name, or null when unnamed") String name,
                       @Fact("UNIQUE is present") boolean unique,
                       @Fact("CONCURRENTLY is present") boolean concurrently,
                       @Fact("IF NOT EXISTS is present") boolean ifNotExists,
                       @Fact("access method (btree, gin, gist, ...)") String method,
                       @Fact("indexed columns or expressions, as written") List<String> columns,
                       @Fact("a WHERE clause makes it partial") boolean partial,
                       @Fact("how many columns or expressions are indexed") int columnCount) implements Operation {

        public CreateIndex(String table, String name, boolean unique, boolean concurrently, boolean ifNotExists,
                           String method, List<String> columns, boolean partial) {
            this(table, name, unique, concurrently, ifNotExists, method, columns, partial, columns == null ? 0 : columns.size());
        }
    }

    @Kind(value = "drop-index", doc = "DROP INDEX")
    record DropIndex(@Fact("first index named") String name, @Fact("every index named") List<String> names,
                     @Fact("CONCURRENTLY is present") boolean concurrently,
                     @Fact("IF EXISTS is present") boolean ifExists,
                     @Fact("CASCADE is present") boolean cascade,
                     @Fact("the table (MySQL DROP INDEX ... ON t), or null") String table) implements Operation {}

    @Kind(value = "reindex", doc = "REINDEX")
    record Reindex(@Fact("index, table, schema, database or system") String targetType,
                   @Fact("name of the target") String name,
                   @Fact("CONCURRENTLY is present") boolean concurrently) implements Operation {}

    @Kind(value = "alter-index", doc = "ALTER INDEX (RENAME, SET TABLESPACE, ATTACH PARTITION, ...)")
    record AlterIndex(@Fact("index name") String name,
                      @Fact("the action's leading keywords, lower-cased") String action) implements Operation {}

    // ---- types, schemas, other objects ----

    @Kind(value = "create-type", doc = "CREATE TYPE")
    record CreateType(@Fact("type name") String name,
                      @Fact("enum, composite, range or base") String typeKind,
                      @Fact("enum labels") List<String> values) implements Operation {}

    @Kind(value = "drop-type", doc = "DROP TYPE")
    record DropType(@Fact("first type named") String name, @Fact("IF EXISTS is present") boolean ifExists,
                    @Fact("CASCADE is present") boolean cascade) implements Operation {}

    @Kind(value = "alter-type-add-value", doc = "ALTER TYPE ... ADD VALUE")
    record AlterTypeAddValue(@Fact("enum type name") String name, @Fact("the new label") String value,
                             @Fact("IF NOT EXISTS is present") boolean ifNotExists,
                             @Fact("before, after, or none when the position is not given") String position) implements Operation {}

    @Kind(value = "alter-type", doc = "any other ALTER TYPE (RENAME VALUE, RENAME TO, ADD ATTRIBUTE, ...)")
    record AlterType(@Fact("type name") String name,
                     @Fact("the action's leading keywords, lower-cased") String action,
                     @Fact("RENAME TO: the new type name; RENAME VALUE: the new label; SET SCHEMA: the schema; else null") String newName) implements Operation {}

    @Kind(value = "create-domain", doc = "CREATE DOMAIN")
    record CreateDomain(@Fact("domain name") String name, @Fact("a CHECK constraint is declared") boolean hasCheck) implements Operation {}

    @Kind(value = "alter-domain", doc = "ALTER DOMAIN")
    record AlterDomain(@Fact("domain name") String name,
                       @Fact("the action's leading keywords, lower-cased, e.g. 'add constraint', 'set not null'") String action,
                       @Fact("NOT VALID is present") boolean notValid) implements Operation {}

    @Kind(value = "create-schema", doc = "CREATE SCHEMA")
    record CreateSchema(@Fact("schema name") String name, @Fact("IF NOT EXISTS is present") boolean ifNotExists) implements Operation {}

    @Kind(value = "drop-schema", doc = "DROP SCHEMA")
    record DropSchema(@Fact("schema name") String name, @Fact("IF EXISTS is present") boolean ifExists,
                      @Fact("CASCADE is present") boolean cascade) implements Operation {}

    @Kind(value = "drop-database", doc = "DROP DATABASE")
    record DropDatabase(@Fact("database name") String name, @Fact("IF EXISTS is present") boolean ifExists) implements Operation {}

    @Kind(value = "create-extension", doc = "CREATE EXTENSION")
    record CreateExtension(@Fact("extension name") String name, @Fact("IF NOT EXISTS is present") boolean ifNotExists) implements Operation {}

    @Kind(value = "drop-extension", doc = "DROP EXTENSION")
    record DropExtension(@Fact("extension name") String name, @Fact("IF EXISTS is present") boolean ifExists,
                         @Fact("CASCADE is present") boolean cascade) implements Operation {}

    @Kind(value = "create-sequence", doc = "CREATE SEQUENCE")
    record CreateSequence(@Fact("sequence name") String name, @Fact("IF NOT EXISTS is present") boolean ifNotExists) implements Operation {}

    @Kind(value = "create-view", doc = "CREATE [OR REPLACE] [MATERIALIZED] VIEW")
    record CreateView(@Fact("view name") String name, @Fact("MATERIALIZED view") boolean materialized,
                      @Fact("OR REPLACE is present") boolean orReplace,
                      @Fact("IF NOT EXISTS is present") boolean ifNotExists) implements Operation {}

    @Kind(value = "refresh-materialized-view", doc = "REFRESH MATERIALIZED VIEW")
    record RefreshMaterializedView(@Fact("view name") String name,
                                   @Fact("CONCURRENTLY is present") boolean concurrently) implements Operation {}

    @Kind(value = "create-function", doc = "CREATE [OR REPLACE] FUNCTION or PROCEDURE")
    record CreateFunction(@Fact("function name") String name, @Fact("OR REPLACE is present") boolean orReplace,
                          @Fact("LANGUAGE, lower-cased, or null") String language) implements Operation {}

    @Kind(value = "create-trigger", doc = "CREATE [OR REPLACE] TRIGGER")
    record CreateTrigger(@Fact("trigger name") String name, @Fact("table the trigger is on") String table,
                         @Fact("OR REPLACE is present") boolean orReplace) implements Operation {}

    @Kind(value = "drop-object", doc = "DROP of anything not listed above (VIEW, FUNCTION, TRIGGER, SEQUENCE, POLICY, ...)")
    record DropObject(@Fact("object type, lower-cased, e.g. 'view', 'materialized view', 'function'") String objectType,
                      @Fact("first name") String name, @Fact("IF EXISTS is present") boolean ifExists,
                      @Fact("CASCADE is present") boolean cascade,
                      @Fact("the table of DROP TRIGGER/POLICY/RULE ... ON table, else null") String table) implements Operation {}

    @Kind(value = "create-object", doc = "CREATE of anything not listed above (POLICY, PUBLICATION, ROLE, CAST, AGGREGATE, ...)")
    record CreateObject(@Fact("object type, lower-cased, e.g. 'policy', 'publication'") String objectType,
                        @Fact("name, or null") String name) implements Operation {}

    @Kind(value = "alter-object", doc = "ALTER of anything not listed above (SEQUENCE, FUNCTION, VIEW, POLICY, ...)")
    record AlterObject(@Fact("object type, lower-cased") String objectType, @Fact("name") String name,
                       @Fact("the action's leading keywords, lower-cased") String action) implements Operation {}

    // ---- data ----

    @Kind(value = "update", doc = "UPDATE")
    record Update(@Fact("table name") String table, @Fact("a WHERE clause is present") boolean hasWhere,
                  @Fact("a column SET assigns more than once, or null") String duplicateColumn) implements Operation {}

    @Kind(value = "delete", doc = "DELETE")
    record Delete(@Fact("table name") String table, @Fact("a WHERE clause is present") boolean hasWhere) implements Operation {}

    @Kind(value = "insert", doc = "INSERT (and MySQL REPLACE)")
    record Insert(@Fact("table name") String table, @Fact("rows come from a query") boolean fromSelect) implements Operation {}

    // ---- session, transactions, maintenance ----

    @Kind(value = "set", doc = "SET, SET LOCAL, SET SESSION (and RESET)")
    record SetParameter(@Fact("parameter name, lower-cased") String parameter, @Fact("value as written, unquoted") String value,
               @Fact("SET LOCAL") boolean local) implements Operation {}

    @Kind(value = "begin", doc = "BEGIN / START TRANSACTION")
    record Begin() implements Operation {}

    @Kind(value = "commit", doc = "COMMIT / END")
    record Commit() implements Operation {}

    @Kind(value = "rollback", doc = "ROLLBACK / ABORT")
    record Rollback() implements Operation {}

    @Kind(value = "savepoint", doc = "SAVEPOINT / RELEASE")
    record Savepoint(@Fact("savepoint name") String name) implements Operation {}

    @Kind(value = "do-block", doc = "DO $$ ... $$ anonymous code block")
    record DoBlock(@Fact("language, lower-cased (plpgsql when not given)") String language,
                   @Fact("the body mentions DDL keywords (ALTER, CREATE, DROP)") boolean containsDdl) implements Operation {}

    @Kind(value = "dynamic-sql", doc = "EXECUTE of a string built at run time inside a DO block or function body: SQL no rule can see")
    record DynamicSql(@Fact("the expression EXECUTE runs, shortened") String expression) implements Operation {}

    @Kind(value = "lock-table", doc = "LOCK TABLE")
    record LockTable(@Fact("first table named") String table,
                     @Fact("lock mode, upper-case, e.g. ACCESS EXCLUSIVE") String mode) implements Operation {}

    @Kind(value = "vacuum", doc = "VACUUM")
    record Vacuum(@Fact("FULL is present") boolean full, @Fact("first table named, or null") String table) implements Operation {}

    @Kind(value = "cluster", doc = "CLUSTER")
    record Cluster(@Fact("table named, or null") String table) implements Operation {}

    @Kind(value = "meta-command", doc = "a psql backslash command such as \\set or \\ir")
    record MetaCommand(@Fact("the command word, e.g. \\set") String command) implements Operation {}

    @Kind(value = "other", doc = "a statement understood well enough to know it changes no schema in a risky way (SELECT, GRANT, COMMENT, ...)")
    record Other(@Fact("leading keywords, lower-cased, e.g. 'grant', 'comment on', 'select'") String statementType) implements Operation {}

    @Kind(value = "unknown", doc = "a statement neither JSqlParser nor the token recognizer understood")
    record Unknown(@Fact("leading keywords, lower-cased") String statementType,
                   @Fact("why it was not understood") String reason) implements Operation {}

    @Kind(value = "merge-conflict-marker", doc = "lines left by an unresolved git merge (<<<<<<<, =======, >>>>>>> at the start of a line)")
    record MergeConflictMarker(@Fact("the lines holding markers, e.g. '3, 5, 9'") String lines,
                               @Fact("how many marker lines there are") int count) implements Operation {}

    @Kind(value = "file-problem", doc = "the file could not be analysed, or only in part")
    record FileProblem(@Fact("binary, encoding, too-large, unreadable, unterminated or too-complex") String problem,
                       @Fact("what exactly went wrong") String detail) implements Operation {}

    @Kind(value = "ignore-directive", doc = "a -- migralint-ignore or -- migralint-ignore-file comment, checked after the file's findings are matched")
    record IgnoreDirective(@Fact("the rule ids it names, lower-cased; 'all' when it names none") List<String> ruleIds,
                           @Fact("a reason follows the ids after a colon") boolean hasReason,
                           @Fact("the reason as written, or null") String reason,
                           @Fact("configuration requires a reason (require-ignore-reason, default true)") boolean reasonRequired,
                           @Fact("migralint-ignore-file: applies to the whole file") boolean fileLevel,
                           @Fact("it silenced at least one finding (or would have, but for a missing reason)") boolean used,
                           @Fact("named rule ids that silenced nothing ('all' when nothing at all was silenced)") List<String> unusedRules,
                           @Fact("named ids that are no known rule") List<String> unknownRules,
                           @Fact("what is wrong with it, in words (unknown ids with the nearest valid id, or what it silenced nothing on), or null") String problem) implements Operation {}

    @Kind(value = "migration-history", doc = "a migration file in the light of the repository's history: how it differs from the base branch (check --changed, --staged) and how it fits with the other migrations of its directory; one per file, reported at its first changed line")
    record MigrationHistory(@Fact("added, modified, renamed or deleted relative to the base commit; unchanged when it is the same as on the base, or when no git comparison was made (a plain check)") String change,
                            @Fact("the file (for a rename, its old path) exists on the base commit, so it may already have been applied somewhere") boolean existedOnBase,
                            @Fact("for a rename, the old path; else null") String previousPath,
                            @Fact("what the change is measured against, e.g. 'origin/main (merge base 1a2b3c4d)'; null in a plain check") String base,
                            @Fact("the version in the file or directory name (leading digits; Flyway V1_2__ is 1.2), or null when the name has none") String version,
                            @Fact("up, or down for a down/undo migration (.down.sql, Diesel down.sql, Flyway U1__)") String direction,
                            @Fact("a Flyway repeatable migration (R__name.sql), re-applied whenever its checksum changes") boolean repeatable,
                            @Fact("an added migration whose version sorts before the newest migration of its directory on the base") boolean outOfOrder,
                            @Fact("the newest migration of the directory on the base (set when out-of-order)") String newestOnBase,
                            @Fact("another migration of the same directory (or merged into the base since) has the same version") boolean duplicateVersion,
                            @Fact("the other migrations with the same version") List<String> duplicates,
                            @Fact("the directory pairs up and down migrations (at least one migration there has a down file) and this up migration has none") boolean missingDown,
                            @Fact("the down migration the layout expects (set when missing-down)") String expectedDown,
                            @Fact("lines added, changed or removed relative to the base (0 when not compared); for a runner whose sections are "
                                    + "migrations of their own (Liquibase changesets), those of the sections the base held") int changedLines,
                            @Fact("the file's runner verifies the checksums of applied migrations (Flyway, Liquibase, sqlx, Atlas), so "
                                    + "an edited, renamed or deleted applied migration fails the next deploy; false where it only drifts") boolean runnerVerifiesChecksums,
                            @Fact("the file's runner records an applied migration by its version alone (golang-migrate, goose, dbmate, "
                                    + "Diesel, Supabase, pop, sqlx, Flyway, Atlas), not by its name or a hash of it") boolean runnerKeysByVersion,
                            @Fact("for a rename: the old name carries the same version as the new one") boolean versionKept,
                            @Fact("for a rename: the new version sorts after the old one, so a runner that applies the versions it has not "
                                    + "seen runs the migration again, after the others") boolean versionRaised,
                            @Fact("with release tags configured (releases: {tags: ...}), the newest release tag the base contains when "
                                    + "it does not hold this migration (for a rename, its old path): only databases that ran unreleased "
                                    + "code applied it; null otherwise") String unreleasedSince,
                            @Fact("the file's runner never applies a file of this name: it skips it without a word (Flyway without "
                                    + "V<version>__, dbmate and the Supabase CLI without leading digits; the runner descriptor's "
                                    + "runs-names), while other files beside it are ones it applies") boolean runnerSkipsFile,
                            @Fact("for a rename: the runner never applied a file of the old name (see runner-skips-file), so no "
                                    + "database ran it under that name") boolean runnerSkippedPrevious) implements Operation {}
}
