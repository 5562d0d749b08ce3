package dev.migralint.sql.op;

/**
 * A column definition as written in CREATE TABLE or ADD COLUMN. Its facts are flattened into the operation's facts.
 */
public record ColumnDef(
        @Fact("column name, unquoted") String column,
        @Fact("type as written, lower-cased with spaces normalised, e.g. varchar(255), timestamp(3), integer") String type,
        @Fact("NOT NULL is declared") boolean notNull,
        @Fact("a DEFAULT clause is present") boolean hasDefault,
        @Fact(name = "default", value = "the DEFAULT expression as written, or null") String defaultExpr,
        @Fact("the default is (or may be) volatile, so adding the column rewrites the table") boolean defaultVolatile,
        @Fact("declared PRIMARY KEY inline") boolean primaryKey,
        @Fact("declared UNIQUE inline") boolean unique,
        @Fact("the table an inline REFERENCES points to, or null") String references,
        @Fact("a generated column: GENERATED ALWAYS AS (...) [STORED|VIRTUAL], MySQL/SQLite AS (...)") boolean generated,
        @Fact("the generated column is declared STORED (in Postgres 18 a generated column without STORED is virtual)") boolean stored,
        @Fact("GENERATED ... AS IDENTITY, AUTO_INCREMENT or AUTOINCREMENT") boolean identity,
        @Fact("type is serial, bigserial or smallserial") boolean serial,
        @Fact("an inline CHECK constraint is present") boolean check,
        @Fact("the column is (part of) the primary key or a foreign key, declared inline or at table level") boolean key) {

    public static ColumnDef named(String column, String type) {
        return new ColumnDef(column, type, false, false, null, false, false, false, null, false, false, false, false, false,
                false);
    }

    /** The same definition, marked as part of a key declared elsewhere in the statement. */
    public ColumnDef asKey() {
        return key ? this : new ColumnDef(column, type, notNull, hasDefault, defaultExpr, defaultVolatile, primaryKey, unique,
                references, generated, stored, identity, serial, check, true);
    }
}
