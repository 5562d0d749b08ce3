package dev.migralint.config;

import java.nio.file.Path;

/**
 * The {@code stats:} block of {@code .migralint.yml}: where the table statistics snapshot is kept, under what a table
 * counts as small, and how old a snapshot may be before a run says so.
 *
 * @param file        the snapshot file, relative to the configuration's root
 * @param fileSet     whether the configuration named the file (then a missing file is an error, not "no snapshot")
 * @param smallRows   a table with fewer estimated rows than this (and fewer bytes than {@code smallBytes}) is small
 * @param smallBytes  a table smaller than this on disk, indexes included (and with fewer rows than {@code smallRows}),
 *                    is small
 * @param maxAgeDays  a snapshot older than this many days is noted once per run
 */
public record StatsSettings(String file, boolean fileSet, long smallRows, long smallBytes, int maxAgeDays) {
    public static final String DEFAULT_FILE = ".migralint/stats.json";
    public static final long DEFAULT_SMALL_ROWS = 100_000;
    public static final long DEFAULT_SMALL_BYTES = 100L * 1024 * 1024;
    public static final int DEFAULT_MAX_AGE_DAYS = 90;

    public static StatsSettings defaults() {
        return new StatsSettings(DEFAULT_FILE, false, DEFAULT_SMALL_ROWS, DEFAULT_SMALL_BYTES, DEFAULT_MAX_AGE_DAYS);
    }

    /** The snapshot file under a configuration root (the working directory when null). */
    public Path path(Path root) {
        Path f = Path.of(file);
        return root == null ? f : root.resolve(f).normalize();
    }
}
