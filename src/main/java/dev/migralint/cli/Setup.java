package dev.migralint.cli;

import dev.migralint.config.Config;
import dev.migralint.config.ConfigException;
import dev.migralint.config.ConfigLoader;
import dev.migralint.config.SafeYaml;
import dev.migralint.rules.Rule;
import dev.migralint.rules.RuleLoadException;
import dev.migralint.rules.RuleSet;

import java.nio.file.Files;
import java.nio.file.Path;
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
        try {
            if (explicit != null) {
                if (!Files.isRegularFile(explicit)) {
                    throw new UsageException("configuration file not found: " + explicit);
                }
                return ConfigLoader.load(explicit);
            }
            var found = ConfigLoader.find(cwd);
            if (found.isPresent()) {
                return ConfigLoader.load(found.get());
            }
            return Config.defaults(repoRoot(cwd));
        } catch (ConfigException e) {
            throw new UsageException(e.describe());
        }
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
                    throw new UsageException((config.source() == null ? ".migralint.yml" : config.source().toString())
                            + ": unknown rule '" + id + "' in rules" + SafeYaml.suggest(id, known));
                }
            }
            return rules;
        } catch (RuleLoadException e) {
            throw new UsageException(e.describe());
        }
    }
}
