package dev.migralint.stats;

import dev.migralint.config.Config;
import dev.migralint.config.StatsSettings;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Map;

/**
 * Where a check's table statistics come from: a database read now ({@code --database-url}), else the configured
 * snapshot file when it exists. A missing default file means no snapshot; a missing file the configuration names,
 * or a file that is not a snapshot, is an error.
 *
 * @param snapshot the statistics, or null when the run has none
 * @param origin   the file or the (password-free) URL they came from, for messages; null without a snapshot
 * @param note     one line to print once when the snapshot is older than {@code stats.max-age-days}, else null
 */
public record SnapshotSource(StatsSnapshot snapshot, String origin, String note) {
    public static final SnapshotSource NONE = new SnapshotSource(null, null, null);
    /** The environment variable read when no --database-url is given to {@code migralint stats}. */
    public static final String URL_VARIABLE = "MIGRALINT_DATABASE_URL";

    public static SnapshotSource load(Config config, String databaseUrl, Map<String, String> env, Clock clock)
            throws StatsException {
        StatsSettings settings = config.stats();
        if (databaseUrl != null) {
            DatabaseUrl url = DatabaseUrl.parse(databaseUrl).withPasswordFrom(env);
            return new SnapshotSource(CatalogReader.read(url, clock), url.display(), null);
        }
        Path file = settings.path(config.root());
        if (!Files.exists(file)) {
            if (settings.fileSet()) {
                throw new StatsException(file + " (stats.file in " + config.where("stats")
                        + ") does not exist: write it with 'migralint stats --database-url URL'");
            }
            return NONE;
        }
        StatsSnapshot s = SnapshotFile.read(file);
        long age = ChronoUnit.DAYS.between(s.taken(), LocalDate.now(clock));
        String note = age > settings.maxAgeDays()
                ? "table statistics in " + file + " are from " + s.taken() + ", " + age + " days ago (stats.max-age-days: "
                + settings.maxAgeDays() + "); refresh them with 'migralint stats --database-url URL'"
                : null;
        return new SnapshotSource(s, file.toString(), note);
    }
}
