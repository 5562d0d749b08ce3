package dev.migralint.analysis;

import dev.migralint.config.TransactionMode;
import dev.migralint.sql.Dialect;
import dev.migralint.workspace.Framework;

/**
 * What analysis needs to know about the target database and runner.
 *
 * @param postgresVersion the major version the migrations will run on; lock behaviour and defaults depend on it
 */
public record AnalysisSettings(Dialect dialect, int postgresVersion, TransactionMode transaction, Framework framework) {
    public static final int DEFAULT_POSTGRES_VERSION = 15;

    public static AnalysisSettings defaults() {
        return new AnalysisSettings(Dialect.POSTGRESQL, DEFAULT_POSTGRES_VERSION, TransactionMode.AUTO, Framework.PLAIN);
    }

    public AnalysisSettings withDialect(Dialect d) {
        return new AnalysisSettings(d, postgresVersion, transaction, framework);
    }

    public AnalysisSettings withFramework(Framework f) {
        return new AnalysisSettings(dialect, postgresVersion, transaction, f);
    }

    public AnalysisSettings withPostgresVersion(int v) {
        return new AnalysisSettings(dialect, v, transaction, framework);
    }

    public AnalysisSettings withTransaction(TransactionMode t) {
        return new AnalysisSettings(dialect, postgresVersion, t, framework);
    }
}
