package dev.migralint.cli;

import dev.migralint.engine.LintRun;
import dev.migralint.engine.FileSelection;
import dev.migralint.engine.UsageException;

import dev.migralint.config.Config;
import dev.migralint.plan.DownWriter;
import dev.migralint.plan.Durations;
import dev.migralint.plan.MigrationPlan;
import dev.migralint.plan.RollbackScript;
import dev.migralint.plan.Runbook;
import dev.migralint.plan.RunbookBuilder;
import dev.migralint.plan.SplitPlanner;
import dev.migralint.plan.RunbookWriter;
import dev.migralint.rules.FileResult;
import dev.migralint.rules.Linter;
import dev.migralint.rules.RunResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code migralint plan}: the deployment runbook for the migrations (see docs/plan.md); the work is in dev.migralint.plan. */
@Command(name = "plan", mixinStandardHelpOptions = true,
        description = "Write the deployment runbook: verdict, locks per statement, pre-deployment checklist,"
                + " rollback script per migration, post-deployment checks.")
public final class PlanCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    GitOptions git = new GitOptions();

    @Parameters(paramLabel = "PATHS", arity = "0..*", description = "Files, directories or globs to plan.")
    List<String> paths = new ArrayList<>();

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "markdown",
            description = "markdown (default; a PR comment or step summary), text or json.")
    String format;

    @Option(names = "--output", paramLabel = "DIR", description = "Write plan.md (.txt, .json) and one rollback script"
            + " per migration under DIR/rollback/ instead of printing the runbook.")
    Path output;

    @Option(names = "--add-down", description = "Also write each migration's rollback into its runner's down format"
            + " (.down.sql, Diesel down.sql, -- migrate:down, -- +goose Down, Liquibase --rollback, Flyway U file) where it"
            + " has none; never overwrites one.")
    boolean addDown;

    @Option(names = "--verify-report", paramLabel = "FILE", description = "A 'migralint verify --format json' report"
            + " of these migrations: its observed statement times fill the duration column.")
    Path verifyReport;

    @Option(names = "--split", description = "Instead of the runbook, write each risky change (rename a column, make one"
            + " required, change its type, add a unique constraint or foreign key) as an expand/contract sequence of"
            + " numbered migrations in the runner's layout, beside the original or under --output DIR; never"
            + " overwrites a file.")
    boolean split;

    @Mixin
    ConfigOptions configOptions = new ConfigOptions();

    /** The observed times of --verify-report; a report that cannot be read is named and the plan goes on without it. */
    private Durations durations(PrintWriter err) {
        if (verifyReport == null) {
            return Durations.NONE;
        }
        try {
            return Durations.fromVerifyReport(verifyReport);
        } catch (IOException e) {
            err.println("migralint: " + e.getMessage() + "; durations are planned without it");
            return Durations.NONE;
        }
    }

    @Override
    public Integer call() {
        if (!List.of("markdown", "text", "json").contains(format)) {
            throw new UsageException("unknown --format '" + format + "' (markdown, text, json)");
        }
        Config config = configOptions.effectiveConfig();
        Linter linter = new Linter(Setup.rules(config), config.rules());
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        FileSelection selection = git.select(config, paths, System.getenv(), err);
        RunResult result = new LintRun(config, linter).withTableSizes(Setup.tableSizes(config, null, err))
                .run(selection.files(), selection.refused(), selection.preloaded());
        if (split) {
            var outcome = new SplitPlanner(output, config.lockTimeout()).split(result);
            outcome.messages().forEach(err::println);
            err.flush();
            return ExitCodes.CLEAN;
        }
        Runbook runbook = new RunbookBuilder(config.postgresVersion(), config.lockTimeout())
                .withDurations(durations(err)).build(result);
        for (MigrationPlan p : runbook.migrations()) {
            if (p.problem() != null) {
                err.println(p.path() + ": could not plan: " + p.problem());
            }
            p.unplanned().forEach(s -> err.println(p.path() + ":" + s.line() + ": could not plan: " + s.statement()
                    + " (" + s.inverse().reason() + ")"));
        }
        if (addDown) {
            DownWriter.writeAll(runbook, result).forEach(o -> err.println(o.message()));
        }
        String text = new RunbookWriter(config.lockTimeout()).write(runbook, format);
        if (output == null) {
            out.print(text);
            out.flush();
            return ExitCodes.CLEAN;
        }
        try {
            Files.createDirectories(output.resolve("rollback"));
            String ext = format.equals("markdown") ? "md" : format.equals("json") ? "json" : "txt";
            Files.writeString(output.resolve("plan." + ext), text, StandardCharsets.UTF_8);
            for (MigrationPlan p : runbook.migrations()) {
                String name = p.path().replaceAll("^[./]+", "").replaceAll("[^A-Za-z0-9_.-]", "_");
                Files.writeString(output.resolve("rollback").resolve(name.endsWith(".sql") ? name : name + ".sql"),
                        RollbackScript.of(p, config.lockTimeout()), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UsageException("cannot write to " + output + ": " + e.getMessage());
        }
        err.println("migralint: wrote " + output.resolve("plan." + (format.equals("markdown") ? "md" : format.equals("json") ? "json" : "txt"))
                + " and " + runbook.migrations().size() + " rollback scripts under " + output.resolve("rollback"));
        return ExitCodes.CLEAN;
    }
}
