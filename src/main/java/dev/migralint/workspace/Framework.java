package dev.migralint.workspace;

/**
 * Migration runners, with how each sends a file to the database. This decides whether a statement runs inside a
 * transaction when the file itself says nothing, which is what makes CONCURRENTLY legal or not.
 */
public enum Framework {
    PRISMA("prisma", Wrapping.IMPLICIT_MULTI_STATEMENT,
            "Prisma Migrate sends migration.sql as one multi-statement query, which Postgres runs as one implicit transaction", null),
    FLYWAY("flyway", Wrapping.WRAPPED, "Flyway runs each script in a transaction (unless executeInTransaction=false)", null),
    GOLANG_MIGRATE("golang-migrate", Wrapping.IMPLICIT_MULTI_STATEMENT,
            "golang-migrate sends each file as one multi-statement query, an implicit transaction in Postgres", null),
    DBMATE("dbmate", Wrapping.WRAPPED, "dbmate runs each migration in a transaction unless it says transaction:false",
            "-- migrate:up transaction:false"),
    SUPABASE("supabase", Wrapping.WRAPPED, "the Supabase CLI applies each migration file in one transaction", null),
    DIESEL("diesel", Wrapping.WRAPPED, "Diesel runs each migration in a transaction unless run_in_transaction = false", null),
    SQLX("sqlx", Wrapping.WRAPPED, "sqlx runs each migration in a transaction unless it starts with -- no-transaction",
            "-- no-transaction"),
    DRIZZLE("drizzle", Wrapping.WRAPPED, "drizzle-kit migrate applies pending migrations inside a transaction", null),
    GRAPHILE_MIGRATE("graphile-migrate", Wrapping.WRAPPED,
            "graphile-migrate runs each migration in a transaction unless it starts with --! no-transaction", "--! no-transaction"),
    LIQUIBASE("liquibase", Wrapping.WRAPPED, "Liquibase runs each changeset in a transaction unless runInTransaction:false", null),
    PLAIN("plain", Wrapping.NONE, "no migration runner detected: statements are assumed to run one by one in autocommit mode", null);

    /** How a runner wraps a file in a transaction. */
    public enum Wrapping {
        /** Each statement commits on its own unless the file says BEGIN. */
        NONE,
        /** The runner opens a transaction around the whole file. */
        WRAPPED,
        /** The file is sent as one query string: one implicit transaction when it holds more than one statement. */
        IMPLICIT_MULTI_STATEMENT
    }

    private final String id;
    private final Wrapping wrapping;
    private final String assumption;
    private final String noTransactionDirective;

    Framework(String id, Wrapping wrapping, String assumption, String noTransactionDirective) {
        this.id = id;
        this.wrapping = wrapping;
        this.assumption = assumption;
        this.noTransactionDirective = noTransactionDirective;
    }

    public String id() {
        return id;
    }

    public Wrapping wrapping() {
        return wrapping;
    }

    /** One sentence saying what migralint assumes about this runner, for findings to quote. */
    public String assumption() {
        return assumption;
    }

    /** The in-file marker that turns the runner's transaction off, or null when there is none. */
    public String noTransactionDirective() {
        return noTransactionDirective;
    }

    public static Framework fromId(String id) {
        for (Framework f : values()) {
            if (f.id.equalsIgnoreCase(id) || f.name().equalsIgnoreCase(id)) {
                return f;
            }
        }
        return null;
    }
}
