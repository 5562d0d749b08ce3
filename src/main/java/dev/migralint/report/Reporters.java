package dev.migralint.report;

import dev.migralint.rules.Rule;
import dev.migralint.rules.RunResult;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** The report formats by name: the one place a new format is registered. */
public final class Reporters {
    /**
     * What a reporter may need besides the results.
     *
     * @param color          ANSI colour allowed
     * @param showSuppressed include findings silenced inline
     * @param toolVersion    migralint's version
     * @param rules          the enabled rules with their effective severities (SARIF describes each)
     * @param root           the directory finding paths are relative to (SARIF's %SRCROOT%), or null
     * @param fixes          where fixes come from (SARIF fixes, reviewdog suggestions)
     * @param ruleMarkdown   a rule's documentation as Markdown (SARIF help.markdown), or null for a short fallback
     * @param env            the environment (GITHUB_STEP_SUMMARY, GITHUB_WORKSPACE, ...)
     * @param runbook        the deployment runbook of a run as Markdown (what {@code migralint plan} prints), rendered
     *                       by the command layer: the plan stage comes after this one, so a reporter cannot build it;
     *                       null for none
     */
    public record Options(boolean color, boolean showSuppressed, String toolVersion, List<Rule> rules, Path root,
                          FixSource fixes, Function<Rule, String> ruleMarkdown, Map<String, String> env,
                          Function<RunResult, String> runbook) {
        public Options {
            rules = rules == null ? List.of() : List.copyOf(rules);
            fixes = fixes == null ? FixSource.NONE : fixes;
            env = env == null ? Map.of() : Map.copyOf(env);
        }

        public Options(boolean color, boolean showSuppressed, String toolVersion) {
            this(color, showSuppressed, toolVersion, List.of(), null, null, null, System.getenv(), null);
        }

        public Options withRules(List<Rule> r) {
            return new Options(color, showSuppressed, toolVersion, r, root, fixes, ruleMarkdown, env, runbook);
        }

        public Options withRoot(Path p) {
            return new Options(color, showSuppressed, toolVersion, rules, p, fixes, ruleMarkdown, env, runbook);
        }

        public Options withFixes(FixSource f) {
            return new Options(color, showSuppressed, toolVersion, rules, root, f, ruleMarkdown, env, runbook);
        }

        public Options withRuleMarkdown(Function<Rule, String> m) {
            return new Options(color, showSuppressed, toolVersion, rules, root, fixes, m, env, runbook);
        }

        public Options withEnv(Map<String, String> e) {
            return new Options(color, showSuppressed, toolVersion, rules, root, fixes, ruleMarkdown, e, runbook);
        }

        public Options withRunbook(Function<RunResult, String> r) {
            return new Options(color, showSuppressed, toolVersion, rules, root, fixes, ruleMarkdown, env, r);
        }

        String markdown(Rule r) {
            String md = ruleMarkdown == null ? null : ruleMarkdown.apply(r);
            return md == null || md.isBlank() ? ReportRules.defaultMarkdown(r) : md;
        }
    }

    public static final List<String> FORMATS = List.of("text", "json", "sarif", "github", "gitlab", "rdjson", "markdown");

    private Reporters() {
    }

    public static Optional<Reporter> create(String format, Options options) {
        return switch (format.toLowerCase(Locale.ROOT)) {
            case "text" -> Optional.of(new TextReporter(new Style(options.color()), options.showSuppressed()));
            case "json" -> Optional.of(new JsonReporter(options.toolVersion()));
            case "sarif" -> Optional.of(new SarifReporter(options));
            case "github" -> Optional.of(new GitHubReporter(options));
            case "gitlab" -> Optional.of(new GitLabReporter(options));
            case "rdjson" -> Optional.of(new RdjsonReporter(options));
            case "markdown" -> Optional.of(new MarkdownReporter(options));
            default -> Optional.empty();
        };
    }
}
