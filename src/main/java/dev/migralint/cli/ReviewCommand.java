package dev.migralint.cli;

import dev.migralint.analysis.AnalysisSettings;
import dev.migralint.config.Config;
import dev.migralint.config.Printable;
import dev.migralint.plan.Runbook;
import dev.migralint.plan.RunbookBuilder;
import dev.migralint.plan.RunbookWriter;
import dev.migralint.review.Markdown;
import dev.migralint.config.Version;
import dev.migralint.engine.FileSelection;
import dev.migralint.engine.LintRun;
import dev.migralint.engine.UsageException;
import dev.migralint.fix.FixOptions;
import dev.migralint.fix.Fixer;
import dev.migralint.report.DeploymentSummary;
import dev.migralint.report.Reporters;
import dev.migralint.review.GitHubApi;
import dev.migralint.review.GitHubReview;
import dev.migralint.review.PlannedComment;
import dev.migralint.review.PullRequestEvent;
import dev.migralint.review.ReviewFile;
import dev.migralint.review.ReviewInputs;
import dev.migralint.review.ReviewPlanner;
import dev.migralint.rules.Linter;
import dev.migralint.rules.RuleSet;
import dev.migralint.rules.RunResult;
import dev.migralint.sql.Dialect;
import dev.migralint.workspace.Framework;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;

/**
 * {@code migralint review}: lints what a pull request changes, as {@code check --changed} does, and brings the pull
 * request's review up to date: a suggested change per rewrite, a comment per other finding, one summary comment.
 * Exits as check would; 2 only when something had to be posted and nothing could be.
 */
@Command(name = "review", mixinStandardHelpOptions = true,
        description = "Lint the migrations a GitHub pull request changes and post the findings as review comments with"
                + " suggested changes, plus one summary comment kept current (needs GITHUB_TOKEN with pull-requests:"
                + " write; see docs/github.md).")
public final class ReviewCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    GitOptions git = new GitOptions();

    @Mixin
    ConfigOptions configOptions = new ConfigOptions();

    @Parameters(paramLabel = "PATHS", arity = "0..*", description = "Limit the review to these files, directories or globs.")
    List<String> paths = new ArrayList<>();

    @Option(names = "--pull-request", paramLabel = "N", description = "The pull request (default: from the event in GITHUB_EVENT_PATH).")
    Integer pullRequest;

    @Option(names = "--commit", paramLabel = "SHA", description = "The pull request's head commit the comments are made on (default: from the event).")
    String commit;

    @Option(names = "--repository", paramLabel = "OWNER/NAME", description = "The repository (default: GITHUB_REPOSITORY).")
    String repository;

    @Option(names = "--api-url", paramLabel = "URL", description = "GitHub's REST API (default: GITHUB_API_URL, else https://api.github.com).")
    String apiUrl;

    @Option(names = "--dry-run", description = "Print the planned comments and post nothing.")
    boolean dryRun;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Map<String, String> env = System.getenv();
        if (!git.staged) {
            git.changed = true; // a review is of what the branch changes
        }
        // Usage errors come before the lint.
        String api = apiUrl != null ? apiUrl : env.getOrDefault("GITHUB_API_URL", "https://api.github.com");
        URI base;
        try {
            base = URI.create(api.endsWith("/") ? api : api + "/");
            if (!"https".equals(base.getScheme()) && !"http".equals(base.getScheme())) {
                throw new IllegalArgumentException();
            }
        } catch (IllegalArgumentException e) {
            throw new UsageException("--api-url must be an http(s) URL");
        }
        Config config = configOptions.effectiveConfig();
        RuleSet rules = Setup.rules(config);
        Linter linter = new Linter(rules, config.rules());
        FileSelection selection = git.select(config, paths, env, err);
        RunResult linted = new LintRun(config, linter).run(selection.files(), selection.refused(), selection.preloaded(),
                selection.context());
        RunResult result = selection.finish(linted, linter, config);
        result = Setup.baseline(result, config, null, null, false, err);
        Reporters.Options options = new Reporters.Options(false, false, Version.get())
                .withRules(rules.enabled(config.rules())).withRoot(config.root()).withEnv(env);
        Reporters.create("text", options).orElseThrow().write(result, out);
        out.flush();
        int exit = result.safe() ? ExitCodes.CLEAN : ExitCodes.FINDINGS;

        Path repoRoot = Setup.repoRoot(Setup.cwd()).toAbsolutePath().normalize();
        Path root = config.root().toAbsolutePath().normalize();
        UnaryOperator<String> onGitHub = p -> {
            Path abs = root.resolve(p).normalize();
            return abs.startsWith(repoRoot) ? repoRoot.relativize(abs).toString().replace('\\', '/') : p;
        };
        Fixer fixer = new Fixer(linter, new AnalysisSettings(Dialect.POSTGRESQL, config.postgresVersion(),
                config.transaction(), Framework.PLAIN), new FixOptions(false, config.lockTimeout(), Set.of()));
        List<ReviewFile> files = ReviewInputs.files(linted, result, fixer, selection::diffLines, onGitHub);
        List<PlannedComment> comments = new ArrayList<>();
        for (ReviewFile f : files) {
            comments.addAll(ReviewPlanner.plan(f));
        }
        String summary = new DeploymentSummary(result, Version.get(), options.rules(), onGitHub).markdown()
                + "\n" + nextSteps(result, comments.size()) + runbook(config, result);
        if (dryRun) {
            for (PlannedComment c : comments) {
                out.println("--- " + Printable.of(c.path()) + ":" + (c.multiLine() ? c.startLine() + "-" : "") + c.line());
                out.println(c.body());
            }
            out.println("--- summary");
            out.println(summary);
            out.flush();
            return exit;
        }
        PullRequestEvent.Found found = PullRequestEvent.find(env, pullRequest, commit, repository);
        if (found.pullRequest() == null) {
            err.println("migralint: review: " + found.problem() + "; nothing posted");
            return exit;
        }
        String token = env.get("GITHUB_TOKEN");
        if (token == null || token.isBlank()) {
            err.println("migralint: review: GITHUB_TOKEN is not set; nothing posted");
            return exit;
        }
        if (found.pullRequest().fromFork()) {
            err.println("migralint: review: this pull request comes from a fork, whose token is read-only: nothing"
                    + " posted (the annotations and the step summary remain; docs/github.md shows the workflow_run"
                    + " pattern that can comment)");
            return exit;
        }
        GitHubApi client = GitHubApi.of(base, token);
        GitHubReview.Outcome outcome = new GitHubReview(client, found.pullRequest())
                .run(comments, ReviewInputs.present(result, onGitHub), summary);
        if (outcome.readOnly()) {
            err.println("migralint: review: the token may not write to this pull request (read-only, as on forks):"
                    + " nothing more posted; the annotations and the step summary remain");
            return exit;
        }
        for (String p : outcome.problems()) {
            err.println("migralint: review: " + Printable.of(p));
        }
        err.println("migralint: review: " + outcome.posted() + " comment(s) posted, " + outcome.resolved()
                + " marked fixed, summary " + (outcome.summary() == null ? "not written" : outcome.summary()));
        if (outcome.nothingPosted()) {
            err.println("migralint: review: nothing could be posted");
            return ExitCodes.USAGE;
        }
        return exit;
    }

    private static String nextSteps(RunResult result, int comments) {
        StringBuilder b = new StringBuilder("### What to do next\n\n");
        if (result.safe()) {
            b.append("Nothing blocks this deployment.");
        } else {
            b.append("Apply the suggested changes in the review comments (or run `migralint fix --changed` and commit"
                    + " the result); findings without a suggestion say in their comment what to do instead.");
        }
        b.append(comments > 0 ? " This comment is updated on every push." : "").append('\n');
        return b.toString();
    }

    /** Longest runbook the summary comment carries (GitHub refuses a comment over 65,536 characters). */
    private static final int RUNBOOK_LINES = 300;

    /**
     * The deployment runbook of {@code migralint plan}, as plain text in a fence longer than any backtick run
     * in it: nothing of the migrations' text renders, notifies or reads as a workflow command (each line indented).
     */
    static String runbook(Config config, RunResult result) {
        Runbook runbook = new RunbookBuilder(config.postgresVersion(), config.lockTimeout()).build(result);
        List<String> lines = new ArrayList<>();
        for (String line : new RunbookWriter(config.lockTimeout()).write(runbook, "text").split("\n", -1)) {
            lines.add("  " + line);
        }
        if (lines.size() > RUNBOOK_LINES) {
            lines = new ArrayList<>(lines.subList(0, RUNBOOK_LINES));
            lines.add("  ... cut here: 'migralint plan --changed' prints the whole runbook");
        }
        return "\n### Deployment runbook (migralint plan)\n\n" + Markdown.fence("text", lines);
    }
}
