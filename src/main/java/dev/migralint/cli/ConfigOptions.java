package dev.migralint.cli;

import dev.migralint.config.Config;
import dev.migralint.config.Severity;
import dev.migralint.engine.RunnerSetup;
import dev.migralint.engine.UsageException;
import dev.migralint.sql.Dialect;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** The options that override configuration, shared by check and fix; flags win over .migralint.yml. */
public final class ConfigOptions {
    @Option(names = "--fail-on", paramLabel = "LEVEL",
            description = "Exit 1 when a finding (remaining after fixes, for fix) is at least this severe: error (default), warning or notice.")
    String failOn;

    @Option(names = {"-c", "--config"}, paramLabel = "FILE", description = "Configuration file (default: .migralint.yml found by walking up).")
    Path configFile;

    @Option(names = "--dialect", paramLabel = "DIALECT", description = "postgresql, mysql or sqlite (default: detected per file).")
    String dialect;

    @Option(names = "--framework", paramLabel = "RUNNER", description = "Migration runner: prisma, flyway, golang-migrate, dbmate, supabase, diesel, sqlx, drizzle, graphile-migrate, liquibase, plain (default: detected).")
    String framework;

    @Option(names = "--postgres-version", paramLabel = "N", description = "Target Postgres major version (default 15).")
    Integer postgresVersion;

    /** The configuration file's settings with these flags applied on top. */
    Config effectiveConfig() {
        Config config = Setup.config(configFile);
        if (failOn != null) {
            config = config.withFailOn(Severity.parse(failOn).orElseThrow(() ->
                    new UsageException("--fail-on must be error, warning or notice, not '" + failOn + "'")));
        }
        if (dialect != null) {
            if (Dialect.parse(dialect).isEmpty()) {
                throw new UsageException("--dialect must be postgresql, mysql or sqlite, not '" + dialect + "'");
            }
            config = config.withDialect(dialect);
        }
        if (framework != null) {
            config = config.withFramework(framework);
            try {
                RunnerSetup.forced(config, RunnerSetup.runners(config));
            } catch (UsageException e) {
                throw new UsageException("unknown --framework '" + framework + "'");
            }
        }
        if (postgresVersion != null) {
            // The same range the configuration file's postgres-version accepts.
            if (postgresVersion < 9 || postgresVersion > 30) {
                throw new UsageException("--postgres-version " + postgresVersion
                        + " is out of range: give a Postgres major version from 9 to 30, such as 15");
            }
            config = config.withPostgresVersion(postgresVersion);
        }
        RunnerSetup.validate(config);
        return config;
    }
}
