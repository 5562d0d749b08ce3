package dev.migralint.rules;

import dev.migralint.analysis.AnalyzedFile;
import dev.migralint.analysis.AnalyzedOperation;
import dev.migralint.config.RuleOverrides;
import dev.migralint.config.Severity;
import dev.migralint.sql.Dialect;
import dev.migralint.sql.LineIndex;
import dev.migralint.sql.Span;
import dev.migralint.sql.op.OperationCatalog;
import dev.migralint.sql.op.OperationCatalog.FactInfo;
import dev.migralint.sql.op.OperationCatalog.KindInfo;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Matches the enabled rules against a file's analysed operations and applies inline ignores. */
public final class Linter {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z][a-z0-9.-]*)\\}");

    private final Map<String, List<Rule>> rulesByKind = new HashMap<>();
    private final RuleSet rules;

    public Linter(RuleSet rules, RuleOverrides overrides) {
        this.rules = rules;
        for (Rule r : rules.all()) {
            if (overrides.disabled().contains(r.id())) {
                continue;
            }
            if (r.tags().contains("opt-in") && !overrides.enabled().contains(r.id())) {
                continue;
            }
            Severity s = overrides.severities().get(r.id());
            Rule effective = s == null ? r : r.withSeverity(s);
            for (String kind : r.kinds()) {
                rulesByKind.computeIfAbsent(kind, k -> new ArrayList<>()).add(effective);
            }
        }
    }

    public RuleSet rules() {
        return rules;
    }

    /** True when some enabled rule looks at operations of this kind. */
    public boolean watches(String kind) {
        return rulesByKind.containsKey(kind);
    }

    public List<Finding> lint(AnalyzedFile file) {
        List<Finding> findings = new ArrayList<>();
        Dialect dialect = file.parsed().dialect();
        LineIndex lines = file.parsed().source().lines();
        String path = file.parsed().source().displayPath();
        OperationCatalog catalog = OperationCatalog.get();
        List<AnalyzedOperation> ops = file.operations();
        java.util.Set<String> reported = new java.util.HashSet<>();
        for (int i = 0; i < ops.size(); i++) {
            AnalyzedOperation ao = ops.get(i);
            KindInfo kind = catalog.kindOf(ao.operation().operation());
            List<Rule> candidates = rulesByKind.get(kind.name());
            if (candidates == null) {
                continue;
            }
            Function<String, Object> facts = factLookup(ao, kind);
            for (Rule rule : candidates) {
                if (!rule.appliesTo(dialect) || !rule.where().test(facts)) {
                    continue;
                }
                if (rule.report() != Rule.Report.EACH) {
                    String key = rule.id() + (rule.report() == Rule.Report.ONCE_PER_STATEMENT
                            ? "@" + ao.statement().statement().index() : "");
                    if (!reported.add(key)) {
                        continue;
                    }
                }
                Span span = ao.operation().span();
                int endOffset = Math.max(span.start(), span.end() - 1);
                findings.add(new Finding(rule.id(), rule.severity(), path, span, ao.statement().statement().span(),
                        lines.line(span.start()), lines.column(span.start()), lines.line(endOffset),
                        lines.column(endOffset) + 1, render(rule.message(), facts), rule.help(), ao.lock(), rule.fix(),
                        ao.statement().statement().index(), i, null));
            }
        }
        return applySuppressions(findings, SuppressionParser.parse(file.parsed()));
    }

    /** Findings for a file that could not be read or decoded, from the rules that watch file-problem operations. */
    public List<Finding> lintProblem(dev.migralint.workspace.LoadedSource loaded) {
        List<Finding> out = new ArrayList<>();
        var problem = new dev.migralint.sql.op.Operation.FileProblem(loaded.problem(), loaded.detail());
        KindInfo kind = OperationCatalog.get().kindOf(problem);
        Map<String, Object> context = Map.of(dev.migralint.analysis.ContextFacts.FILE_PATH, loaded.displayPath());
        Function<String, Object> facts = name -> kind.facts().containsKey(name)
                ? kind.facts().get(name).read(problem) : context.get(name);
        int line = Math.max(1, loaded.line());
        for (Rule rule : rulesByKind.getOrDefault(kind.name(), List.of())) {
            if (rule.where().test(facts)) {
                out.add(new Finding(rule.id(), rule.severity(), loaded.displayPath(), new Span(0, 0), new Span(0, 0),
                        line, 1, line, 1, render(rule.message(), facts), rule.help(),
                        dev.migralint.analysis.Lock.NONE, null, -1, -1, null));
            }
        }
        return out;
    }

    static Function<String, Object> factLookup(AnalyzedOperation ao, KindInfo kind) {
        return name -> {
            FactInfo f = kind.facts().get(name);
            if (f != null) {
                return f.read(ao.operation().operation());
            }
            return ao.context().get(name);
        };
    }

    static String render(String template, Function<String, Object> facts) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            Object v = facts.apply(m.group(1));
            String text = v == null ? "(unknown)" : v instanceof List<?> l ? String.join(", ", l.stream().map(String::valueOf).toList()) : v.toString();
            m.appendReplacement(b, Matcher.quoteReplacement(text));
        }
        m.appendTail(b);
        return b.toString();
    }

    private static List<Finding> applySuppressions(List<Finding> findings, List<Suppression> suppressions) {
        if (suppressions.isEmpty()) {
            return findings;
        }
        List<Finding> out = new ArrayList<>(findings.size());
        for (Finding f : findings) {
            Suppression by = null;
            for (Suppression s : suppressions) {
                if (s.covers(f.ruleId()) && (s.fileLevel() || s.statementIndex() == f.statementIndex())) {
                    by = s;
                    break;
                }
            }
            out.add(by == null ? f : f.suppressedBy(by));
        }
        return out;
    }
}
