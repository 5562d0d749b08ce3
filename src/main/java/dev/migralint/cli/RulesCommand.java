package dev.migralint.cli;

import dev.migralint.analysis.ContextFacts;
import dev.migralint.config.Config;
import dev.migralint.docs.RuleReference;
import dev.migralint.engine.UsageException;
import dev.migralint.rules.Rule;
import dev.migralint.rules.RuleSet;
import dev.migralint.sql.Dialect;
import dev.migralint.sql.op.OperationCatalog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/** {@code migralint rules}: the rule list, or with --facts the operation and fact vocabulary. */
@Command(name = "rules", mixinStandardHelpOptions = true, description = "List the rules, or the facts rules can match on.")
public final class RulesCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--facts", description = "List operation kinds and their facts instead.")
    boolean facts;

    @Option(names = {"-c", "--config"}, paramLabel = "FILE", description = "Configuration file (for rule-dirs).")
    Path configFile;

    @Option(names = "--format", paramLabel = "FORMAT", description = "text (default), markdown (the README table) or reference (docs/rules.md).")
    String format = "text";

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (facts) {
            printFacts(out);
            return ExitCodes.CLEAN;
        }
        Config config = Setup.config(configFile);
        RuleSet rules = Setup.rules(config);
        if (format.equals("markdown")) {
            out.print(RuleReference.table(rules, "docs/rules.md"));
            out.flush();
            return ExitCodes.CLEAN;
        }
        if (format.equals("reference")) {
            out.print(RuleReference.reference(rules));
            out.flush();
            return ExitCodes.CLEAN;
        }
        if (!format.equals("text")) {
            throw new UsageException("--format must be text, markdown or reference");
        }
        int idWidth = rules.all().stream().mapToInt(r -> r.id().length()).max().orElse(10);
        out.printf("%-" + idWidth + "s  %-11s  %-8s  %-26s  %-3s  %s%n", "RULE", "SET", "SEVERITY", "DIALECTS", "FIX", "SUMMARY");
        for (Rule r : rules.all()) {
            String dialects = r.dialects().isEmpty() ? "all" : r.dialects().stream().map(Dialect::id).collect(Collectors.joining(","));
            String state = r.verifyOnly() ? " (verify only: reported by 'migralint verify', never by check)"
                    : r.enabledBy(config.rules()) ? "" : config.rules().disabled().contains(r.id()) ? " (off)"
                    : r.tags().contains("opt-in") ? " (opt-in)" : " (off: extends: " + r.set() + " turns it on)";
            out.printf("%-" + idWidth + "s  %-11s  %-8s  %-26s  %-3s  %s%s%n", r.id(), r.set(), r.severity().id(), dialects,
                    r.fix() == null ? "-" : "yes", r.summary(), state);
        }
        out.printf("%n%d rules. The recommended set runs by default; 'extends: strict' in .migralint.yml adds the strict"
                + " set; the verify set documents what 'migralint verify' reports. 'migralint explain RULE' shows one in full.%n", rules.all().size());
        out.flush();
        return ExitCodes.CLEAN;
    }

    static void printFacts(PrintWriter out) {
        out.println("Context facts (every operation):");
        ContextFacts.docs().forEach((name, doc) -> out.printf("  %-26s %s%n", name, doc));
        out.println();
        for (OperationCatalog.KindInfo k : OperationCatalog.get().kinds()) {
            out.println(k.name() + " — " + k.doc());
            k.facts().values().forEach(f -> out.printf("  %-26s %-8s %s%n", f.name(), typeName(f.type()), f.doc()));
            out.println();
        }
        out.flush();
    }

    private static String typeName(Class<?> t) {
        if (t == boolean.class || t == Boolean.class) {
            return "bool";
        }
        if (t == int.class || t == Integer.class) {
            return "number";
        }
        if (List.class.isAssignableFrom(t)) {
            return "list";
        }
        return "text";
    }
}
