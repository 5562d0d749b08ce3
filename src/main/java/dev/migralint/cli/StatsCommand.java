package dev.migralint.cli;

import dev.migralint.engine.UsageException;

import dev.migralint.config.Config;
import dev.migralint.config.Printable;
import dev.migralint.stats.CatalogReader;
import dev.migralint.stats.DatabaseUrl;
import dev.migralint.stats.SnapshotFile;
import dev.migralint.stats.SnapshotSource;
import dev.migralint.stats.StatsException;
import dev.migralint.stats.StatsSnapshot;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;

/** {@code migralint stats}: writes the table statistics snapshot that size-aware findings read (docs/stats.md). */
@Command(name = "stats", mixinStandardHelpOptions = true,
        description = "Read table statistics (estimated rows, sizes, write counts; never row data) from a database's "
                + "catalog, read-only, and write them to a snapshot file to commit (default: stats.file in "
                + ".migralint.yml, else .migralint/stats.json).")
public final class StatsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--database-url", paramLabel = "URL",
            description = "postgres://user@host:port/database (password from PGPASSWORD or ~/.pgpass rather than the URL) "
                    + "or jdbc:postgresql://...; default: $" + SnapshotSource.URL_VARIABLE + ".")
    String databaseUrl;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the snapshot to FILE.")
    Path output;

    @Option(names = {"-c", "--config"}, paramLabel = "FILE", description = "Configuration file (default: .migralint.yml found by walking up).")
    Path configFile;

    @Override
    public Integer call() {
        Config config = Setup.config(configFile);
        String url = databaseUrl != null ? databaseUrl : System.getenv(SnapshotSource.URL_VARIABLE);
        if (url == null || url.isBlank()) {
            throw new UsageException("give the database to read with --database-url URL (or $"
                    + SnapshotSource.URL_VARIABLE + ")");
        }
        Path file = output != null ? output : config.stats().path(config.root());
        try {
            DatabaseUrl parsed = DatabaseUrl.parse(url).withPasswordFrom(System.getenv());
            StatsSnapshot s = CatalogReader.read(parsed, Clock.systemUTC());
            SnapshotFile.write(file, s);
            spec.commandLine().getErr().println("migralint: wrote " + Printable.of(file.toString()) + ": "
                    + s.tables().size() + " table(s) of database " + Printable.of(s.database()) + " (PostgreSQL "
                    + Printable.of(s.serverVersion()) + ") as of " + s.taken());
            return ExitCodes.CLEAN;
        } catch (StatsException e) {
            throw new UsageException(DatabaseUrl.redact(e.getMessage()));
        }
    }
}
