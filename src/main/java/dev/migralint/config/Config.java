package dev.migralint.config;

import java.nio.file.Path;
import java.util.List;

/**
 * The effective configuration of a run: {@code .migralint.yml} merged over defaults, then command-line flags.
 *
 * @param root             directory paths and globs are relative to (the config file's directory, else the working directory)
 * @param source           the config file, or null when none was found
 * @param dialect          forced dialect id, or null to detect per file
 * @param framework        forced migration runner id, or null to detect
 * @param postgresVersion  target Postgres major version
 * @param lockTimeout      the value the set-lock-timeout fix writes
 * @param maxFileBytes     larger migration files are reported, not analysed
 */
public record Config(Path root, Path source, List<String> include, List<String> exclude, String dialect,
                     String framework, int postgresVersion, TransactionMode transaction, RuleOverrides rules,
                     List<Path> ruleDirs, Severity failOn, Path baseline, String lockTimeout, long maxFileBytes,
                     boolean requireIgnoreReason) {

    public static final long DEFAULT_MAX_FILE_BYTES = 16L * 1024 * 1024;

    public static Config defaults(Path root) {
        return new Config(root, null, List.of(), List.of(), null, null, 15, TransactionMode.AUTO, RuleOverrides.none(),
                List.of(), Severity.ERROR, null, "5s", DEFAULT_MAX_FILE_BYTES, true);
    }

    public Config withFailOn(Severity s) {
        return new Config(root, source, include, exclude, dialect, framework, postgresVersion, transaction, rules,
                ruleDirs, s, baseline, lockTimeout, maxFileBytes, requireIgnoreReason);
    }

    public Config withDialect(String d) {
        return new Config(root, source, include, exclude, d, framework, postgresVersion, transaction, rules, ruleDirs,
                failOn, baseline, lockTimeout, maxFileBytes, requireIgnoreReason);
    }

    public Config withFramework(String f) {
        return new Config(root, source, include, exclude, dialect, f, postgresVersion, transaction, rules, ruleDirs,
                failOn, baseline, lockTimeout, maxFileBytes, requireIgnoreReason);
    }

    public Config withPostgresVersion(int v) {
        return new Config(root, source, include, exclude, dialect, framework, v, transaction, rules, ruleDirs,
                failOn, baseline, lockTimeout, maxFileBytes, requireIgnoreReason);
    }
}
