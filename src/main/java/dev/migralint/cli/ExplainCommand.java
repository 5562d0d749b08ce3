package dev.migralint.cli;

import dev.migralint.config.Config;
import dev.migralint.config.SafeYaml;
import dev.migralint.config.Severity;
import dev.migralint.engine.UsageException;
import dev.migralint.rules.Rule;
import dev.migralint.rules.RuleExample;
import dev.migralint.rules.RuleSet;
import dev.migralint.sql.Dialect;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/** {@code migralint explain ID}: one rule's documentation and examples. */
@Command(name = "explain", mixinStandardHelpOptions = true, description = "Show a rule's documentation and examples.")
public final class ExplainCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "RULE", description = "The rule id, e.g. require-concurrent-index.")
    String id;

    @Override
    public Integer call() {
        Config config = Setup.config(null);
        RuleSet rules = Setup.rules(config);
        Rule r = rules.get(id);
        if (r == null) {
            throw new UsageException("unknown rule '" + id + "'"
                    + SafeYaml.suggest(id, rules.all().stream().map(Rule::id).toList()));
        }
        PrintWriter out = spec.commandLine().getOut();
        out.print(markdown(r));
        out.flush();
        return ExitCodes.CLEAN;
    }

    /** A context value as it is written in the rule file: {@code {change: modified, existed-on-base: true}}. */
    private static String yamlish(Object value) {
        if (value instanceof Map<?, ?> m) {
            return m.entrySet().stream().map(e -> e.getKey() + ": " + yamlish(e.getValue()))
                    .collect(Collectors.joining(", ", "{", "}"));
        }
        if (value instanceof List<?> l) {
            return l.stream().map(ExplainCommand::yamlish).collect(Collectors.joining(", ", "[", "]"));
        }
        return String.valueOf(value);
    }

    /** Which migrations the rule checks: up only, or down too (and how severe it may be there). */
    static String directions(Rule r) {
        if (!r.directions().contains("down")) {
            return "up";
        }
        String up = r.directions().contains("up") ? "up, " : "";
        Severity atMost = r.severity().ordinal() < r.downSeverity().ordinal() ? r.downSeverity() : r.severity();
        return up + "down (at most " + atMost.id() + ")";
    }

    /** The rule as Markdown: the same text docs/rules.md is built from. */
    public static String markdown(Rule r) {
        StringBuilder b = new StringBuilder();
        b.append("# ").append(r.id()).append("\n\n");
        b.append("**").append(r.summary()).append("**\n\n");
        String dialects = r.dialects().isEmpty() ? "all" : r.dialects().stream().map(Dialect::id).collect(Collectors.joining(", "));
        b.append("Set: ").append(r.set()).append(" · Severity: ").append(r.severity().id()).append(" · Dialects: ").append(dialects)
                .append(" · Fix: ").append(r.fix() == null ? "none" : "`" + r.fix().name() + "`");
        if (!r.tags().isEmpty()) {
            b.append(" · Tags: ").append(String.join(", ", r.tags()));
        }
        if (!r.verifyOnly()) {
            b.append(" · Directions: ").append(directions(r));
        }
        if (!r.supersedes().isEmpty()) {
            b.append(" · Supersedes: ").append(String.join(", ", r.supersedes()));
        }
        b.append("\n\n");
        if (r.description() != null) {
            b.append(r.description().strip()).append("\n\n");
        }
        if (r.help() != null) {
            b.append("**Help:** ").append(r.help()).append("\n\n");
        }
        if (r.verifyOnly()) {
            b.append("Reported by `migralint verify` from what a real server did (docs/verify.md); `check` never"
                    + " reports it, so it has no examples to lint.\n\n");
            return b.toString();
        }
        b.append("## Examples\n\n");
        for (RuleExample ex : r.examples()) {
            b.append(ex.isBad() ? "Bad" : "Good");
            if (!ex.context().isEmpty()) {
                b.append(" (").append(ex.context().entrySet().stream().map(e -> e.getKey() + ": " + yamlish(e.getValue()))
                        .collect(Collectors.joining(", "))).append(")");
            }
            b.append(":\n\n```sql\n").append(ex.sql().strip()).append("\n```\n\n");
            if (ex.fixed() != null) {
                b.append("Fixed:\n\n```sql\n").append(ex.fixed().strip()).append("\n```\n\n");
            }
        }
        return b.toString();
    }
}
