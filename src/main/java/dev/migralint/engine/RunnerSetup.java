package dev.migralint.engine;

import dev.migralint.config.Config;
import dev.migralint.config.ConfigException;
import dev.migralint.config.ConfigLoader;
import dev.migralint.config.SafeYaml;
import dev.migralint.sql.Dialect;
import dev.migralint.workspace.Framework;
import dev.migralint.workspace.ProjectLayout;
import dev.migralint.workspace.RunnerDescriptor;
import dev.migralint.workspace.RunnerLoader;
import dev.migralint.workspace.Runners;

import java.util.ArrayList;
import java.util.List;

/** The runners and the detection a configuration asks for: bundled descriptors plus its {@code runners:}. */
public final class RunnerSetup {
    private RunnerSetup() {
    }

    /** The bundled runners with the configuration's own; a bad descriptor is a usage error with file and line. */
    public static Runners runners(Config config) {
        if (config.runners().isEmpty()) {
            return Runners.bundled();
        }
        String file = config.source() == null ? ConfigLoader.FILE_NAME : config.source().toString();
        List<RunnerDescriptor> own = new ArrayList<>();
        for (SafeYaml.Located node : config.runners()) {
            try {
                own.add(RunnerLoader.load(file, node));
            } catch (ConfigException e) {
                throw new UsageException(e.describe());
            }
        }
        return Runners.bundled().with(own);
    }

    /**
     * Checks what a configuration says about runners: an unknown runner id, a bad descriptor of its own (usage errors
     * with file and line). A configuration that names neither needs no descriptor read here: the bundled ones are
     * checked by the build ({@code IndexBuilder}), and the run reads them when it detects runners.
     */
    public static void validate(Config config) {
        if (config.framework() != null || !config.runners().isEmpty()) {
            forced(config, runners(config));
        }
    }

    /** The configured runner (by id or alias), or null when detection decides; unknown ids are a usage error. */
    public static Framework forced(Config config, Runners runners) {
        if (config.framework() == null) {
            return null;
        }
        RunnerDescriptor d = runners.find(config.framework());
        if (d == null) {
            List<String> ids = runners.ids();
            throw new UsageException(config.where("framework") + ": unknown framework '" + config.framework() + "'"
                    + SafeYaml.suggest(config.framework(), ids) + " (one of " + String.join(", ", ids) + ")");
        }
        return new Framework(d);
    }

    public static ProjectLayout layout(Config config) {
        Runners runners = runners(config);
        return new ProjectLayout(forced(config, runners),
                config.dialect() == null ? null : Dialect.parse(config.dialect()).orElse(null), runners,
                config.runnerVersions());
    }
}
