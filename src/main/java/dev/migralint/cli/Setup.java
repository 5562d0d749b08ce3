package dev.migralint.cli;

import dev.migralint.analysis.TableSizeFacts;
import dev.migralint.config.Config;
import dev.migralint.config.ConfigException;
import dev.migralint.config.ConfigLoader;
import dev.migralint.config.SafeYaml;
import dev.migralint.config.Squawk;
import dev.migralint.engine.RunnerSetup;
import dev.migralint.engine.UsageException;
import dev.migralint.rules.Baseline;
import dev.migralint.rules.Rule;
import dev.migralint.rules.RuleLoadException;
import dev.migralint.rules.RuleSet;
import dev.migralint.rules.RunResult;
import dev.migralint.stats.DatabaseUrl;
import dev.migralint.stats.SnapshotSource;
import dev.migralint.stats.StatsException;
import dev.migralint.workspace.GitEnvironment;


import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** Loads configuration and rules for a command, turning every problem into a usage error with file and line. */
final class Setup {
    private Setup() {
    }

    static Path cwd() {
        return Path.of("").toAbsolutePath();
    }

    /** The repository root (nearest directory with .git), else the working directory. */
    static Path repoRoot(Path cwd) {
        for (Path d = cwd; d != null; d = d.getParent()) {
            if (Files.exists(d.resolve(".git"))) {
                return d;
            }
        }
        return cwd;
    }

    static Config config(Path explicit) {
        Path cwd = cwd();
        Path workTree = GitEnvironment.workTree(System.getenv());
        if (workTree != null && !cwd.startsWith(workTree)) {
            cwd = workTree; // run from outside the work tree GIT_WORK_TREE names: its configuration and migrations
        }
        try {
            if (explicit != null) {
                if (!Files.isRegularFile(explicit)) {
                    throw new UsageException("configuration file not found: " + explicit);
                }
                return withSquawk(checked(ConfigLoader.load(explicit)));
            }
            var found = ConfigLoader.find(cwd);
            if (found.isPresent()) {
                return withSquawk(checked(ConfigLoader.load(found.get())));
            }
            return withSquawk(Config.defaults(repoRoot(cwd)));
        } catch (ConfigException e) {
            throw new UsageException(e.describe());
        }
    }

    /** A squawk project's .squawk.toml excluded_rules stay excluded (mapped to migralint's ids; see docs/squawk.md). */
    static Config withSquawk(Config config) throws ConfigException {
        Set<String> excluded = Squawk.excludedRules(config.root());
        return excluded.isEmpty() ? config : config.withRules(config.rules().withDisabled(excluded));
    }

    /** Checks what the config loader cannot know by itself: the runner names and that rule directories exist. */
    static Config checked(Config config) {
        RunnerSetup.validate(config); // unknown runner ids and bad descriptors fail here
        for (int i = 0; i < config.ruleDirs().size(); i++) {
            Path dir = config.ruleDirs().get(i);
            if (!Files.isDirectory(dir)) {
                String key = config.lines().containsKey("rule-dirs[" + i + "]") ? "rule-dirs[" + i + "]" : "rule-dirs";
                throw new UsageException(config.where(key) + ": rule directory " + dir + " does not exist");
            }
        }
        return config;
    }

    static RuleSet rules(Config config) {
        try {
            RuleSet rules = RuleSet.bundled();
            List<Rule> user = new ArrayList<>();
            for (Path dir : config.ruleDirs()) {
                user.addAll(RuleSet.loadDirectory(dir));
            }
            rules = rules.plus(user);
            Set<String> known = new TreeSet<>();
            rules.all().forEach(r -> known.add(r.id()));
            Set<String> named = new TreeSet<>();
            named.addAll(config.rules().disabled());
            named.addAll(config.rules().enabled());
            named.addAll(config.rules().severities().keySet());
            for (String id : named) {
                if (!known.contains(id)) {
                    throw new UsageException(config.where("rules." + id) + ": unknown rule '" + id + "' in rules"
                            + SafeYaml.suggest(id, known) + " (migralint rules lists them)");
                }
            }
            return rules;
        } catch (RuleLoadException e) {
            throw new UsageException(e.describe());
        }
    }

    /**
     * Applies the baseline to a run: with {@code write} (or {@code update}, for the baseline in use) records today's
     * findings first; otherwise silences the findings recorded in the baseline given by {@code flag} or the
     * configuration, if any.
     */
    static RunResult baseline(RunResult result, Config config, Path flag, Path write, boolean update, PrintWriter err) {
        Path inUse = flag != null ? flag.toAbsolutePath().normalize() : config.baseline();
        if (write != null && update) {
            throw new UsageException("--write-baseline and --update-baseline: give one of them");
        }
        if (update && inUse == null) {
            throw new UsageException("--update-baseline needs a baseline: give --baseline FILE or set baseline: in "
                    + ConfigLoader.FILE_NAME);
        }
        Path target = write != null ? write.toAbsolutePath().normalize() : update ? inUse : null;
        if (target != null) {
            OutputFiles.prepareParent(target, config.root());
            try {
                int n = Baseline.write(target, result);
                err.println("migralint: recorded " + n + " finding" + (n == 1 ? "" : "s") + " in " + display(config, target));
                err.flush();
            } catch (IOException e) {
                throw new UsageException("cannot write baseline " + target + ": " + e.getMessage());
            }
            return Baseline.of(Baseline.entries(result)).apply(result, display(config, target));
        }
        if (inUse == null) {
            return result;
        }
        try {
            return Baseline.read(inUse).apply(result, display(config, inUse));
        } catch (Baseline.BaselineException e) {
            String where = flag == null && config.source() != null ? " (" + config.where("baseline") + ")" : "";
            throw new UsageException(e.getMessage() + where);
        }
    }

    private static String display(Config config, Path file) {
        Path root = config.root().toAbsolutePath().normalize();
        return file.startsWith(root) ? root.relativize(file).toString().replace('\\', '/') : file.toString();
    }

    /**
     * The table statistics of a run (docs/stats.md): from {@code databaseUrl} when given, else the snapshot file when
     * there is one. A snapshot older than stats.max-age-days is noted on {@code err}, once.
     */
    static TableSizeFacts tableSizes(Config config, String databaseUrl, PrintWriter err) {
        SnapshotSource source;
        try {
            source = SnapshotSource.load(config, databaseUrl, System.getenv(),
                    Clock.systemUTC());
        } catch (StatsException e) {
            throw new UsageException(DatabaseUrl.redact(e.getMessage()));
        }
        if (source.note() != null) {
            err.println("migralint: note: " + source.note());
            err.flush();
        }
        return source.snapshot() == null ? TableSizeFacts.NONE
                : new TableSizeFacts(source.snapshot(), config.stats());
    }
}
