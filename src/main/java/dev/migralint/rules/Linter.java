package dev.migralint.rules;

import dev.migralint.analysis.AnalyzedFile;
import dev.migralint.analysis.AnalyzedOperation;
import dev.migralint.analysis.ContextFacts;
import dev.migralint.analysis.GuardedStatements;
import dev.migralint.analysis.Lock;
import dev.migralint.analysis.TableSizeFacts;
import dev.migralint.config.RuleOverrides;
import dev.migralint.sql.Dialect;
import dev.migralint.sql.LineIndex;
import dev.migralint.sql.ParsedFile;
import dev.migralint.sql.SourceFile;
import dev.migralint.sql.Span;
import dev.migralint.sql.op.Operation;
import dev.migralint.sql.op.OperationCatalog.FactInfo;
import dev.migralint.sql.op.OperationCatalog.KindInfo;
import dev.migralint.sql.op.OperationCatalog;
import dev.migralint.workspace.ChangedLines;
import dev.migralint.workspace.Framework;
import dev.migralint.workspace.HistoryFacts;
import dev.migralint.workspace.LoadedSource;
import dev.migralint.workspace.MigrationNames;
import dev.migralint.workspace.RunnerTraits;
import dev.migralint.workspace.SectionEdits;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/** Matches the enabled rules against a file's analysed operations and applies inline ignores. */
public final class Linter {

    private final Map<String, List<Rule>> rulesByKind = new HashMap<>();
    private final RuleSet rules;
    private final boolean requireIgnoreReason;
    /** Built once: the set of every rule id it holds cost each linted file ~100 hash-set insertions. */
    private final SuppressionApplier suppressions;
    private static final String HISTORY_KIND = "migration-history";
    /** Rules whose findings name the table's size: those about locks and rewrites, and those that test the size. */
    private final Set<String> sizeAware = new HashSet<>();
    /** Enabled rule id → the rule ids its finding replaces on the same statement ({@code supersedes:}). */
    private final Map<String, List<String>> supersedes = new HashMap<>();

    public Linter(RuleSet rules, RuleOverrides overrides) {
        this.rules = rules;
        this.requireIgnoreReason = overrides.requireIgnoreReason();
        for (Rule effective : rules.enabled(overrides)) {
            if (!effective.supersedes().isEmpty()) {
                supersedes.put(effective.id(), effective.supersedes());
            }
            for (String kind : effective.kinds()) {
                rulesByKind.computeIfAbsent(kind, k -> new ArrayList<>()).add(effective);
            }
        }
        for (Rule r : rules.all()) {
            Set<String> read = new HashSet<>();
            collectFacts(r.where(), read);
            r.severityWhen().forEach(w -> collectFacts(w.where(), read));
            if (r.tags().contains("locking") || r.tags().contains("rewrite")
                    || read.stream().anyMatch(f -> TableSizeFacts.NAMES.contains(f) || f.equals("*"))) {
                sizeAware.add(r.id());
            }
        }
        Set<String> known = new HashSet<>();
        rules.all().forEach(r -> known.add(r.id()));
        this.suppressions = new SuppressionApplier(known, rulesByKind.getOrDefault(SuppressionApplier.KIND, List.of()),
                requireIgnoreReason, historyRuleIds());
    }

    public RuleSet rules() {
        return rules;
    }

    /** True when some enabled rule looks at operations of this kind. */
    public boolean watches(String kind) {
        return rulesByKind.containsKey(kind);
    }

    /**
     * The facts the enabled rules read on operations of this kind, in their conditions and message templates; empty
     * when no enabled rule watches the kind. The front end uses it to skip parses whose result no rule could see.
     */
    public Set<String> factsRead(String kind) {
        Set<String> out = new HashSet<>();
        for (Rule r : rulesByKind.getOrDefault(kind, List.of())) {
            collectFacts(r.where(), out);
            r.severityWhen().forEach(w -> collectFacts(w.where(), out));
            out.addAll(MessageTemplate.factsNamed(r.message()));
        }
        return out;
    }

    /**
     * The enabled rules whose severity follows the table statistics: a {@code severity-when} that reads a table
     * statistics fact (docs/stats.md), so that a snapshot showing the table small lowers the finding.
     */
    public Set<String> sizeAwareRules() {
        Set<String> out = new HashSet<>();
        for (List<Rule> rules : rulesByKind.values()) {
            for (Rule r : rules) {
                Set<String> read = new HashSet<>();
                r.severityWhen().forEach(w -> collectFacts(w.where(), read));
                for (String fact : read) {
                    if (TableSizeFacts.NAMES.contains(fact)) {
                        out.add(r.id());
                    }
                }
            }
        }
        return out;
    }

    private static void collectFacts(Condition c, Set<String> out) {
        if (c instanceof Condition.FactIs f) {
            out.add(f.fact());
        } else if (c instanceof Condition.All a) {
            a.parts().forEach(p -> collectFacts(p, out));
        } else if (c instanceof Condition.Any a) {
            a.parts().forEach(p -> collectFacts(p, out));
        } else if (c instanceof Condition.NotAll n) {
            collectFacts(n.inner(), out);
        } else if (c != null) {
            out.add("*"); // a condition shape this method does not know: assume it reads everything
        }
    }

    public List<Finding> lint(AnalyzedFile file) {
        List<Finding> findings = new ArrayList<>();
        Dialect dialect = file.parsed().dialect();
        LineIndex lines = file.parsed().source().lines();
        String path = file.parsed().source().displayPath();
        OperationCatalog catalog = OperationCatalog.get();
        List<AnalyzedOperation> ops = file.operations();
        Set<String> reported = new HashSet<>();
        for (int i = 0; i < ops.size(); i++) {
            AnalyzedOperation ao = ops.get(i);
            KindInfo kind = catalog.kindOf(ao.operation().operation());
            List<Rule> candidates = rulesByKind.get(kind.name());
            if (candidates == null) {
                continue;
            }
            Function<String, Object> facts = factLookup(ao, kind);
            String direction = (String) ao.context().get(ContextFacts.DIRECTION);
            for (Rule rule : candidates) {
                if (!rule.appliesTo(dialect) || !rule.appliesToDirection(direction) || !rule.where().test(facts)) {
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
                // An embedded operation's statement is its own (one statement of a DO body), not the DO block.
                Span statementSpan = ao.operation().statement() != null ? ao.operation().statement()
                        : ao.statement().statement().span();
                String message = sizeAware.contains(rule.id()) ? withTableSize(rule.message(), facts)
                        : MessageTemplate.render(rule.message(), facts);
                findings.add(new Finding(
                        new Finding.Problem(rule.id(), rule.severityFor(facts, direction), message, rule.help()),
                        new Finding.Location(path, span, statementSpan, lines.line(span.start()),
                                lines.column(span.start()), lines.line(endOffset), lines.column(endOffset) + 1,
                                ao.statement().statement().index(), i),
                        ao.lock(), rule.fix(), Finding.Handling.of(direction == null ? Finding.UP : direction)));
            }
        }
        // The file's inline ignores, then the checks of the ignores themselves (ignore-without-reason, unused-ignore).
        return suppressions.apply(file, withoutSuperseded(findings));
    }

    /** One finding per problem: a finding whose rule another finding's rule on the same statement supersedes goes. */
    private List<Finding> withoutSuperseded(List<Finding> findings) {
        if (supersedes.isEmpty() || findings.size() < 2) {
            return findings;
        }
        Map<Integer, Set<String>> replaced = new HashMap<>();
        for (Finding f : findings) {
            List<String> over = supersedes.get(f.ruleId());
            if (over != null && f.statementIndex() >= 0) {
                replaced.computeIfAbsent(f.statementIndex(), k -> new HashSet<>()).addAll(over);
            }
        }
        if (replaced.isEmpty()) {
            return findings;
        }
        List<Finding> out = new ArrayList<>(findings.size());
        for (Finding f : findings) {
            Set<String> gone = replaced.get(f.statementIndex());
            if (gone == null || !gone.contains(f.ruleId())) {
                out.add(f);
            }
        }
        return out;
    }

    /**
     * A file's history as check --changed/--staged (or a plain check) sees it.
     *
     * @param baseText the file's text on the base when it was modified or renamed, else null: the finding is placed
     *                 on the first line that differs from it
     */
    public record FileHistory(Operation.MigrationHistory operation, String baseText) {}

    /**
     * Findings from the rules that watch {@code migration-history} operations, for one file: reported at the first
     * line that differs from the base (else line 1), and silenced by the file's {@code -- migralint-ignore-file}
     * directives naming them (with a reason, unless reasons are optional). Kept apart from {@link #lint}, whose
     * results depend on the SQL alone (and may be cached); ignores naming history rules never count as unused there.
     *
     * @param source the file's text, or null for a deleted file (or one that could not be read)
     * @param parsed the file as parsed, asked for only when a finding may be ignored; null without text
     */
    public List<Finding> lintHistory(FileHistory history, SourceFile source,
                                     Supplier<ParsedFile> parsed, String path,
                                     Dialect dialect, String framework) {
        Supplier<ParsedFile> once = parsed == null ? null : memoized(parsed);
        List<Finding> found = historyFindings(history, path, dialect, framework, source, once);
        if (found.isEmpty() || source == null || once == null) {
            return found;
        }
        List<Finding> out = new ArrayList<>(found.size());
        List<Suppression> directives = SuppressionParser.parse(once.get());
        for (Finding f : found) {
            Suppression by = null;
            for (Suppression s : directives) {
                if (s.fileLevel() && s.covers(f.ruleId()) && (s.hasReason() || !requireIgnoreReason)) {
                    by = s;
                    break;
                }
            }
            out.add(by == null ? f : f.suppressedBy(by));
        }
        return out;
    }

    /** A supplier that asks {@code s} once, when first asked (null results too). */
    private static <T> Supplier<T> memoized(Supplier<T> s) {
        return new Supplier<>() {
            private boolean done;
            private T value;

            @Override
            public T get() {
                if (!done) {
                    value = s.get();
                    done = true;
                }
                return value;
            }
        };
    }

    /** Rule ids whose findings depend on what a run compares with: an ignore naming them is never "unused". */
    Set<String> historyRuleIds() {
        Set<String> ids = new HashSet<>();
        rulesByKind.getOrDefault(HISTORY_KIND, List.of()).forEach(r -> ids.add(r.id()));
        return ids;
    }

    private List<Finding> historyFindings(FileHistory fileHistory, String path, Dialect dialect, String framework,
                                          SourceFile source, Supplier<ParsedFile> parsed) {
        List<Rule> candidates = rulesByKind.get(HISTORY_KIND);
        if (candidates == null || fileHistory == null) {
            return List.of();
        }
        var op = fileHistory.operation();
        int line = 1;
        SectionEdits sections = null;
        if (source != null && fileHistory.baseText() != null) {
            var changed = ChangedLines.between(fileHistory.baseText(), source.text());
            line = Math.max(1, changed.first());
            op = HistoryFacts.withChangedLines(op, changed.count() + changed.removed());
            if (HistoryFacts.MODIFIED.equals(op.change())) {
                // A runner whose sections are migrations (Liquibase changesets) judges each one, not the file.
                sections = SectionEdits.of(RunnerTraits.descriptor(framework), fileHistory.baseText(), source.text());
                if (sections != null && sections.firstLine() > 0) {
                    line = sections.firstLine();
                }
            }
        } else if (fileHistory.baseText() != null && HistoryFacts.DELETED.equals(op.change())) {
            // A deleted file of such sections removes each of them, which that runner leaves applied (Liquibase).
            sections = SectionEdits.of(RunnerTraits.descriptor(framework), fileHistory.baseText(), "");
        }
        Span span = new Span(0, 0);
        int endColumn = 1;
        if (source != null && line <= source.lines().lineCount()) {
            int start = source.lines().lineStart(line);
            int end = source.lines().lineEnd(line, source.text());
            span = new Span(start, end);
            endColumn = end - start + 1;
        }
        op = HistoryFacts.withRunner(op, framework, path,
                source == null || source.path() == null ? null : source.path().toAbsolutePath().getParent());
        if (sections != null) {
            op = HistoryFacts.withSectionEdits(op, sections);
        }
        var history = op;
        String direction = Finding.DOWN.equals(op.direction()) ? Finding.DOWN : Finding.UP;
        KindInfo kind = OperationCatalog.get().kind(HISTORY_KIND);
        Map<String, Object> context = new HashMap<>();
        context.put(ContextFacts.FILE_PATH, path);
        context.put(ContextFacts.DIALECT, dialect == null ? null : dialect.id());
        context.put(ContextFacts.FRAMEWORK, framework);
        // Read only when a rule asks (after its other conditions held): it needs the file parsed.
        Supplier<Boolean> guarded = memoized(() -> source == null || parsed == null ? null
                : GuardedStatements.allGuarded(parsed.get()));
        Function<String, Object> facts = name -> kind.facts().containsKey(name)
                ? kind.facts().get(name).read(history)
                : name.equals(ContextFacts.EVERY_STATEMENT_GUARDED) ? guarded.get() : context.get(name);
        List<Finding> out = new ArrayList<>();
        for (Rule rule : candidates) {
            if ((dialect != null && !rule.appliesTo(dialect)) || !rule.appliesToDirection(direction)
                    || !rule.where().test(facts)) {
                continue;
            }
            out.add(new Finding(new Finding.Problem(rule.id(), rule.severityFor(facts, direction),
                    MessageTemplate.render(rule.message(), facts), rule.help()),
                    new Finding.Location(path, span, span, line, 1, line, endColumn, -1, -1),
                    Lock.NONE, null, Finding.Handling.of(direction)));
        }
        return out;
    }

    /** Findings for a file that could not be read or decoded, from the rules that watch file-problem operations. */
    /**
     * Side files of the file's runner that did not parse (metadata.toml, flyway.conf, sqitch.plan): one file-problem
     * each, with the runner's default named as what was assumed.
     */
    public List<Finding> lintRunnerConfig(String path, Framework runner) {
        List<Finding> out = new ArrayList<>();
        if (runner == null) {
            return out;
        }
        for (String problem : runner.problems()) {
            out.addAll(lintProblem(new LoadedSource(path, null, "runner-config", problem
                    + "; migralint assumed " + runner.id() + "'s default: " + runner.assumption(), 0, false)));
        }
        return out;
    }

    public List<Finding> lintProblem(LoadedSource loaded) {
        List<Finding> out = new ArrayList<>();
        var problem = new Operation.FileProblem(loaded.problem(), loaded.detail());
        KindInfo kind = OperationCatalog.get().kindOf(problem);
        Map<String, Object> context = Map.of(ContextFacts.FILE_PATH, loaded.displayPath());
        Function<String, Object> facts = name -> kind.facts().containsKey(name)
                ? kind.facts().get(name).read(problem) : context.get(name);
        int line = Math.max(1, loaded.line());
        // Without readable text only the file's name tells its direction.
        String direction = MigrationNames.isDown(loaded.displayPath()) ? Finding.DOWN : Finding.UP;
        for (Rule rule : rulesByKind.getOrDefault(kind.name(), List.of())) {
            if (rule.appliesToDirection(direction) && rule.where().test(facts)) {
                out.add(new Finding(new Finding.Problem(rule.id(), rule.severityFor(facts, direction),
                        MessageTemplate.render(rule.message(), facts), rule.help()),
                        new Finding.Location(loaded.displayPath(), new Span(0, 0), new Span(0, 0), line, 1, line, 1,
                                -1, -1),
                        Lock.NONE, null, Finding.Handling.of(direction)));
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

    /**
     * The message, ending with the table's size from the statistics snapshot when the table is in it ("Table events:
     * ~2.1 billion rows, 410 GB as of 2026-11-30."), unless the template places {table-stats} itself. Every output
     * quotes the message, so every output names the size. For rules about locks and rewrites and rules that test the
     * size: "how big is the table?" is what their findings make a reviewer ask.
     */
    static String withTableSize(String template, Function<String, Object> facts) {
        String message = MessageTemplate.render(template, facts);
        Object size = facts.apply(TableSizeFacts.TABLE_STATS);
        if (size == null || (template != null && template.contains("{" + TableSizeFacts.TABLE_STATS + "}"))) {
            return message;
        }
        String m = message.stripTrailing();
        return m + (m.endsWith(".") || m.isEmpty() ? " " : ". ") + "Table " + size + ".";
    }
}
