package dev.migralint.cli;

import dev.migralint.config.Config;
import dev.migralint.config.Severity;
import dev.migralint.report.Reporter;
import dev.migralint.report.Reporters;
import dev.migralint.report.Style;
import dev.migralint.rules.Linter;
import dev.migralint.rules.RuleSet;
import dev.migralint.rules.RunResult;
import dev.migralint.sql.Dialect;
import dev.migralint.workspace.FileCollector;
import dev.migralint.workspace.Framework;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code migralint check}: lint migration files and print a verdict. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Lint migration files. With no PATHS, lints the migrations found in the repository.")
public final class CheckCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "PATHS", arity = "0..*", description = "Files, directories or globs to lint.")
    List<String> paths = new ArrayList<>();

    @Option(names = "--format", paramLabel = "FORMAT", description = "text (default) or json.")
    String format = "text";

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the report to FILE instead of stdout.")
    Path output;

    @Option(names = "--fail-on", paramLabel = "LEVEL", description = "Exit 1 when a finding is at least this severe: error (default), warning or notice.")
    String failOn;

    @Option(names = {"-c", "--config"}, paramLabel = "FILE", description = "Configuration file (default: .migralint.yml found by walking up).")
    Path configFile;

    @Option(names = "--dialect", paramLabel = "DIALECT", description = "postgresql, mysql or sqlite (default: detected per file).")
    String dialect;

    @Option(names = "--framework", paramLabel = "RUNNER", description = "Migration runner: prisma, flyway, golang-migrate, dbmate, supabase, diesel, sqlx, drizzle, graphile-migrate, liquibase, plain (default: detected).")
    String framework;

    @Option(names = "--postgres-version", paramLabel = "N", description = "Target Postgres major version (default 15).")
    Integer postgresVersion;

    @Option(names = "--color", paramLabel = "WHEN", description = "auto (default), always or never.")
    String color = "auto";

    @Option(names = "--show-ignored", description = "Also print findings silenced by migralint-ignore comments.")
    boolean showIgnored;

    @Override
    public Integer call() {
        Config config = effectiveConfig();
        RuleSet rules = Setup.rules(config);
        Linter linter = new Linter(rules, config.rules());
        FileCollector.Collected collected = selectFiles(config);
        RunResult result = new LintRun(config, linter).run(collected.files(), collected.refused(), List.of());
        report(result);
        return result.safe() ? ExitCodes.CLEAN : ExitCodes.FINDINGS;
    }

    /** The files this run lints: the given paths and globs, or the discovered migrations. */
    private FileCollector.Collected selectFiles(Config config) {
        FileCollector collector = new FileCollector(config.root(), config.include(), config.exclude());
        FileCollector.Collected collected = collector.collect(paths, Setup.cwd());
        if (!collected.missing().isEmpty()) {
            throw new UsageException("no such file or directory: " + String.join(", ", collected.missing()));
        }
        return collected;
    }

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
            if (Framework.fromId(framework) == null) {
                throw new UsageException("unknown --framework '" + framework + "'");
            }
            config = config.withFramework(framework);
        }
        if (postgresVersion != null) {
            config = config.withPostgresVersion(postgresVersion);
        }
        if (config.framework() != null && Framework.fromId(config.framework()) == null) {
            throw new UsageException("unknown framework '" + config.framework() + "' in configuration");
        }
        return config;
    }

    private void report(RunResult result) {
        Reporter reporter = reporter();
        if (output == null) {
            PrintWriter out = spec.commandLine().getOut();
            reporter.write(result, out);
            out.flush();
            return;
        }
        try {
            Path parent = output.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            try (PrintWriter w = new PrintWriter(new OutputStreamWriter(Files.newOutputStream(output), StandardCharsets.UTF_8))) {
                reporter.write(result, w);
            }
        } catch (IOException e) {
            throw new UsageException("cannot write " + output + ": " + e.getMessage());
        }
    }

    private Reporter reporter() {
        return Reporters.create(format, new Reporters.Options(useColor(), showIgnored, Version.get()))
                .orElseThrow(() -> new UsageException("unknown --format '" + format + "' (one of "
                        + String.join(", ", Reporters.FORMATS) + ")"));
    }

    private boolean useColor() {
        return switch (color.toLowerCase(Locale.ROOT)) {
            case "always" -> true;
            case "never" -> false;
            case "auto" -> output == null && Style.autoDetect();
            default -> throw new UsageException("--color must be auto, always or never");
        };
    }
}
