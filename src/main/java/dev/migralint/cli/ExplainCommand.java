package dev.migralint.cli;

import dev.migralint.config.Config;
import dev.migralint.config.SafeYaml;
import dev.migralint.docs.RuleReference;
import dev.migralint.engine.UsageException;
import dev.migralint.rules.Rule;
import dev.migralint.rules.RuleSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

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
        out.print(RuleReference.markdown(r));
        out.flush();
        return ExitCodes.CLEAN;
    }
}
