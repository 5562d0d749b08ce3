package dev.migralint.analysis;

import dev.migralint.config.TransactionMode;
import dev.migralint.sql.Dialect;
import dev.migralint.workspace.Framework;

/**
 * What analysis needs to know about the target database and runner.
 *
 * @param postgresVersion the major version the migrations will run on; lock behaviour and defaults depend on it
 * @param tableSizes      what a table statistics snapshot says about the tables (facts table-rows, table-size, ...)
 */
public record AnalysisSettings(Dialect dialect, int postgresVersion, TransactionMode transaction, Framework framework,
                               TableSizeFacts tableSizes) {
    public static final int DEFAULT_POSTGRES_VERSION = 15;

    public AnalysisSettings {
        tableSizes = tableSizes == null ? TableSizeFacts.NONE : tableSizes;
    }

    public AnalysisSettings(Dialect dialect, int postgresVersion, TransactionMode transaction, Framework framework) {
        this(dialect, postgresVersion, transaction, framework, TableSizeFacts.NONE);
    }

    public static AnalysisSettings defaults() {
        return new AnalysisSettings(Dialect.POSTGRESQL, DEFAULT_POSTGRES_VERSION, TransactionMode.AUTO, Framework.PLAIN);
    }

    public AnalysisSettings withDialect(Dialect d) {
        return new AnalysisSettings(d, postgresVersion, transaction, framework, tableSizes);
    }

    public AnalysisSettings withFramework(Framework f) {
        return new AnalysisSettings(dialect, postgresVersion, transaction, f, tableSizes);
    }

    public AnalysisSettings withPostgresVersion(int v) {
        return new AnalysisSettings(dialect, v, transaction, framework, tableSizes);
    }

    public AnalysisSettings withTransaction(TransactionMode t) {
        return new AnalysisSettings(dialect, postgresVersion, t, framework, tableSizes);
    }

    public AnalysisSettings withTableSizes(TableSizeFacts sizes) {
        return new AnalysisSettings(dialect, postgresVersion, transaction, framework, sizes);
    }
}
