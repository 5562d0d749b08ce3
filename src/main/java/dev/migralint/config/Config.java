package dev.migralint.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The effective configuration of a run: {@code .migralint.yml} merged over defaults, then command-line flags.
 *
 * @param root             directory paths and globs are relative to (the config file's directory, else the working directory)
 * @param source           the config file, or null when none was found
 * @param dialect          forced dialect id, or null to detect per file
 * @param framework        forced migration runner id, or null to detect
 * @param postgresVersion  target Postgres major version
 * @param baseline         the baseline file, or null
 * @param lockTimeout      the value the set-lock-timeout fix writes
 * @param maxFileBytes     larger migration files are reported, not analysed
 * @param runnerVersions   the runner version by runner id ({@code runner-version:}); "*" for whatever runner is detected
 * @param runners          in-house runners described in {@code runners:}, as written (read by the workspace's
 *                         RunnerLoader, which reports their errors with this file and line)
 * @param lines            where keys were written in the config file, for errors found after loading: top-level keys
 *                         by name, rule ids as {@code rules.ID}, list items as {@code rule-dirs[0]}
 * @param stats            the table statistics snapshot settings ({@code stats:})
 * @param releaseTags      the glob release tags match ({@code releases: {tags: ...}}), or null when releases are not
 *                         known from tags: then a {@code --changed} run counts only the branch's migrations as new
 */
public record Config(Path root, Path source, List<String> include, List<String> exclude, String dialect,
                     String framework, int postgresVersion, TransactionMode transaction, RuleOverrides rules,
                     List<Path> ruleDirs, Severity failOn, Path baseline, String lockTimeout, long maxFileBytes,
                     boolean requireIgnoreReason, Map<String, Integer> lines, Map<String, String> runnerVersions,
                     List<SafeYaml.Located> runners, StatsSettings stats, String releaseTags) {

    /** The same configuration with other rule settings. */
    public Config withRules(RuleOverrides r) {
        return new Config(root, source, include, exclude, dialect, framework, postgresVersion, transaction, r, ruleDirs,
                failOn, baseline, lockTimeout, maxFileBytes, requireIgnoreReason, lines, runnerVersions, runners, stats,
                releaseTags);
    }

    public static final long DEFAULT_MAX_FILE_BYTES = 16L * 1024 * 1024;
    public static final int DEFAULT_POSTGRES_VERSION = 15;

    /** As the canonical constructor, without release tags (the setting is off). */
    public Config(Path root, Path source, List<String> include, List<String> exclude, String dialect,
                  String framework, int postgresVersion, TransactionMode transaction, RuleOverrides rules,
                  List<Path> ruleDirs, Severity failOn, Path baseline, String lockTimeout, long maxFileBytes,
                  boolean requireIgnoreReason, Map<String, Integer> lines, Map<String, String> runnerVersions,
                  List<SafeYaml.Located> runners, StatsSettings stats) {
        this(root, source, include, exclude, dialect, framework, postgresVersion, transaction, rules, ruleDirs, failOn,
                baseline, lockTimeout, maxFileBytes, requireIgnoreReason, lines, runnerVersions, runners, stats, null);
    }

    public Config {
        include = List.copyOf(include);
        exclude = List.copyOf(exclude);
        ruleDirs = List.copyOf(ruleDirs);
        lines = lines == null ? Map.of() : Map.copyOf(lines);
        runnerVersions = runnerVersions == null ? Map.of() : Map.copyOf(runnerVersions);
        runners = runners == null ? List.of() : List.copyOf(runners);
        stats = stats == null ? StatsSettings.defaults() : stats;
    }

    public Config(Path root, Path source, List<String> include, List<String> exclude, String dialect,
                  String framework, int postgresVersion, TransactionMode transaction, RuleOverrides rules,
                  List<Path> ruleDirs, Severity failOn, Path baseline, String lockTimeout, long maxFileBytes,
                  boolean requireIgnoreReason, Map<String, Integer> lines, Map<String, String> runnerVersions,
                  List<SafeYaml.Located> runners) {
        this(root, source, include, exclude, dialect, framework, postgresVersion, transaction, rules, ruleDirs, failOn,
                baseline, lockTimeout, maxFileBytes, requireIgnoreReason, lines, runnerVersions, runners,
                StatsSettings.defaults());
    }

    public Config(Path root, Path source, List<String> include, List<String> exclude, String dialect,
                  String framework, int postgresVersion, TransactionMode transaction, RuleOverrides rules,
                  List<Path> ruleDirs, Severity failOn, Path baseline, String lockTimeout, long maxFileBytes,
                  boolean requireIgnoreReason, Map<String, Integer> lines) {
        this(root, source, include, exclude, dialect, framework, postgresVersion, transaction, rules, ruleDirs, failOn,
                baseline, lockTimeout, maxFileBytes, requireIgnoreReason, lines, Map.of(), List.of());
    }

    public Config(Path root, Path source, List<String> include, List<String> exclude, String dialect,
                  String framework, int postgresVersion, TransactionMode transaction, RuleOverrides rules,
                  List<Path> ruleDirs, Severity failOn, Path baseline, String lockTimeout, long maxFileBytes,
                  boolean requireIgnoreReason) {
        this(root, source, include, exclude, dialect, framework, postgresVersion, transaction, rules, ruleDirs, failOn,
                baseline, lockTimeout, maxFileBytes, requireIgnoreReason, Map.of());
    }

    public static Config defaults(Path root) {
        return new Config(root, null, List.of(), List.of(), null, null, DEFAULT_POSTGRES_VERSION, TransactionMode.AUTO,
                RuleOverrides.none(), List.of(), Severity.ERROR, null, "5s", DEFAULT_MAX_FILE_BYTES, true, Map.of());
    }

    /** "file:line" of a key for messages, or the file alone when the line is not known. */
    public String where(String key) {
        String file = source == null ? ConfigLoader.FILE_NAME : source.toString();
        Integer line = lines.get(key);
        return line == null ? file : file + ":" + line;
    }

    public Config withFailOn(Severity s) {
        return new Config(root, source, include, exclude, dialect, framework, postgresVersion, transaction, rules,
                ruleDirs, s, baseline, lockTimeout, maxFileBytes, requireIgnoreReason, lines, runnerVersions, runners, stats,
                releaseTags);
    }

    public Config withDialect(String d) {
        return new Config(root, source, include, exclude, d, framework, postgresVersion, transaction, rules, ruleDirs,
                failOn, baseline, lockTimeout, maxFileBytes, requireIgnoreReason, lines, runnerVersions, runners, stats,
                releaseTags);
    }

    public Config withFramework(String f) {
        return new Config(root, source, include, exclude, dialect, f, postgresVersion, transaction, rules, ruleDirs,
                failOn, baseline, lockTimeout, maxFileBytes, requireIgnoreReason, lines, runnerVersions, runners, stats,
                releaseTags);
    }

    public Config withPostgresVersion(int v) {
        return new Config(root, source, include, exclude, dialect, framework, v, transaction, rules, ruleDirs,
                failOn, baseline, lockTimeout, maxFileBytes, requireIgnoreReason, lines, runnerVersions, runners, stats,
                releaseTags);
    }

    public Config withRunnerVersions(Map<String, String> v) {
        return new Config(root, source, include, exclude, dialect, framework, postgresVersion, transaction, rules,
                ruleDirs, failOn, baseline, lockTimeout, maxFileBytes, requireIgnoreReason, lines, v, runners, stats, releaseTags);
    }

    public Config withBaseline(Path b) {
        return new Config(root, source, include, exclude, dialect, framework, postgresVersion, transaction, rules,
                ruleDirs, failOn, b, lockTimeout, maxFileBytes, requireIgnoreReason, lines, runnerVersions, runners, stats,
                releaseTags);
    }
}
