package dev.migralint.rules;

import dev.migralint.analysis.AnalyzedFile;
import dev.migralint.analysis.AnalyzedOperation;
import dev.migralint.analysis.ContextFacts;
import dev.migralint.analysis.Lock;
import dev.migralint.config.SafeYaml;
import dev.migralint.sql.LineIndex;
import dev.migralint.sql.ParsedStatement;
import dev.migralint.sql.Span;
import dev.migralint.sql.op.Operation;
import dev.migralint.sql.op.OperationCatalog;
import dev.migralint.sql.op.OperationCatalog.KindInfo;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Applies a file's inline ignores to its findings, then checks the ignores themselves: each directive becomes an
 * {@code ignore-directive} operation that rules (ignore-without-reason, unused-ignore) match like any other.
 *
 * <ul>
 *   <li>An ignore without a reason silences nothing while reasons are required; it still counts as used, so it is
 *       reported once (for the missing reason), not twice.</li>
 *   <li>When a statement-level and a file-level ignore both cover a finding, the statement-level one silences it.</li>
 *   <li>Findings about directives are silenced only by ignores that name their rule explicitly ({@code all} does not
 *       hide them), and never by the directive they are about. An id naming a rule that checks directives
 *       (unused-ignore itself) is never reported as unused.</li>
 * </ul>
 */
final class SuppressionApplier {
    static final String KIND = "ignore-directive";

    private final Set<String> knownIds;
    private final List<Rule> directiveRules;
    private final boolean requireReason;
    private final Set<String> neverUnused;

    /**
     * @param knownIds       every loaded rule id (enabled or not)
     * @param directiveRules the enabled rules that match ignore-directive operations
     */
    SuppressionApplier(Set<String> knownIds, List<Rule> directiveRules, boolean requireReason) {
        this(knownIds, directiveRules, requireReason, Set.of());
    }

    /**
     * @param neverUnused rule ids an ignore may name without being reported unused, because whether they fire
     *                    depends on the run (history rules fire only with check --changed/--staged)
     */
    SuppressionApplier(Set<String> knownIds, List<Rule> directiveRules, boolean requireReason, Set<String> neverUnused) {
        this.knownIds = knownIds;
        this.directiveRules = directiveRules;
        this.requireReason = requireReason;
        this.neverUnused = neverUnused;
    }

    List<Finding> apply(AnalyzedFile file, List<Finding> findings) {
        List<Suppression> directives = SuppressionParser.parse(file.parsed());
        if (directives.isEmpty()) {
            return findings;
        }
        List<Set<String>> usedIds = new ArrayList<>();
        for (int i = 0; i < directives.size(); i++) {
            usedIds.add(new LinkedHashSet<>());
        }
        List<Finding> out = new ArrayList<>(findings.size());
        for (Finding f : findings) {
            out.add(silence(f, directives, usedIds));
        }
        out.addAll(directiveFindings(file, directives, usedIds));
        return out;
    }

    /** The finding, silenced by the most specific ignore that covers it; records which directives were used. */
    private Finding silence(Finding f, List<Suppression> directives, List<Set<String>> usedIds) {
        Suppression by = null;
        // Statement-level ignores first, then file-level ones.
        for (int pass = 0; pass < 2; pass++) {
            for (int i = 0; i < directives.size(); i++) {
                Suppression s = directives.get(i);
                if (s.fileLevel() != (pass == 1) || !applies(s, f) || !s.covers(f.ruleId())) {
                    continue;
                }
                boolean effective = s.hasReason() || !requireReason;
                if (!effective) {
                    usedIds.get(i).add(s.names(f.ruleId()) ? f.ruleId() : "all");
                } else if (by == null) {
                    by = s;
                    usedIds.get(i).add(s.names(f.ruleId()) ? f.ruleId() : "all");
                }
            }
        }
        return by == null ? f : f.suppressedBy(by);
    }

    private static boolean applies(Suppression s, Finding f) {
        return s.fileLevel() || (s.statementIndex() >= 0 && s.statementIndex() == f.statementIndex());
    }

    private List<Finding> directiveFindings(AnalyzedFile file, List<Suppression> directives, List<Set<String>> usedIds) {
        if (directiveRules.isEmpty()) {
            return List.of();
        }
        Set<String> exempt = new HashSet<>();
        directiveRules.forEach(r -> exempt.add(r.id()));
        exempt.addAll(neverUnused);
        KindInfo kind = OperationCatalog.get().kind(KIND);
        Map<String, Object> context = context(file);
        LineIndex lines = file.parsed().source().lines();
        String path = file.parsed().source().displayPath();
        List<Finding> out = new ArrayList<>();
        List<Integer> owner = new ArrayList<>();
        Set<String> once = new HashSet<>();
        for (int i = 0; i < directives.size(); i++) {
            Suppression s = directives.get(i);
            if (s.origin() == Suppression.Origin.SQUAWK) {
                continue; // another tool's comment: it may name rules migralint lacks or runs elsewhere
            }
            Operation.IgnoreDirective op = describe(s, usedIds.get(i), exempt, file);
            String direction = file.unitAt(s.span().start()).direction();
            Function<String, Object> facts = name -> kind.facts().containsKey(name) ? kind.facts().get(name).read(op)
                    : ContextFacts.DIRECTION.equals(name) ? direction : context.get(name);
            for (Rule rule : directiveRules) {
                if (!rule.appliesTo(file.parsed().dialect()) || !rule.appliesToDirection(direction)
                        || !rule.where().test(facts)) {
                    continue;
                }
                if (rule.report() == Rule.Report.ONCE_PER_FILE && !once.add(rule.id())) {
                    continue;
                }
                Span span = s.span();
                int end = Math.max(span.start(), span.end() - 1);
                Span statementSpan = s.statementIndex() >= 0
                        ? statement(file, s.statementIndex()).statement().span() : span;
                out.add(new Finding(new Finding.Problem(rule.id(), rule.severityFor(facts, direction),
                        MessageTemplate.render(rule.message(), facts), rule.help()),
                        new Finding.Location(path, span, statementSpan, lines.line(span.start()),
                                lines.column(span.start()), lines.line(end), lines.column(end) + 1,
                                s.fileLevel() ? -1 : s.statementIndex(), -1),
                        Lock.NONE, rule.fix(), Finding.Handling.of(direction)));
                owner.add(i);
            }
        }
        // Findings about directives can be silenced too, by another directive naming their rule.
        List<Finding> result = new ArrayList<>(out.size());
        for (int k = 0; k < out.size(); k++) {
            Finding d = out.get(k);
            Suppression by = null;
            for (int i = 0; i < directives.size() && by == null; i++) {
                Suppression s = directives.get(i);
                if (i != owner.get(k) && s.names(d.ruleId()) && applies(s, d) && (s.hasReason() || !requireReason)) {
                    by = s;
                }
            }
            result.add(by == null ? d : d.suppressedBy(by));
        }
        return result;
    }

    private Operation.IgnoreDirective describe(Suppression s, Set<String> used, Set<String> exempt, AnalyzedFile file) {
        List<String> unknown = new ArrayList<>();
        List<String> unused = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (String id : s.ruleIds()) {
            if (!id.equals("all") && !knownIds.contains(id)) {
                unknown.add(id);
                String hint = SafeYaml.suggest(id, knownIds);
                problems.add("names unknown rule '" + id + "'" + (hint.isEmpty() ? "" : " (" + hint.substring(2) + ")"));
            } else if (!used.contains(id) && !exempt.contains(id) && !(id.equals("all") && !used.isEmpty())) {
                unused.add(id);
            }
        }
        if (!unused.isEmpty()) {
            String which = unused.equals(List.of("all")) ? "" : " of " + String.join(", ", unused);
            if (s.statementIndex() == -2) {
                problems.add("is not followed by any statement, so it silences nothing");
            } else if (s.fileLevel()) {
                problems.add("silenced no finding" + which + " in this file");
            } else {
                int line = file.parsed().source().lines().line(statement(file, s.statementIndex()).statement().span().start());
                problems.add("silenced no finding" + which + " on the statement at line " + line);
            }
        }
        return new Operation.IgnoreDirective(s.ruleIds(), s.hasReason(), s.reason(), requireReason, s.fileLevel(),
                !used.isEmpty(), List.copyOf(unused), List.copyOf(unknown),
                problems.isEmpty() ? null : String.join("; ", problems));
    }

    private static ParsedStatement statement(AnalyzedFile file, int index) {
        for (ParsedStatement ps : file.parsed().statements()) {
            if (ps.statement().index() == index) {
                return ps;
            }
        }
        throw new IllegalStateException("no statement " + index);
    }

    private static Map<String, Object> context(AnalyzedFile file) {
        Map<String, Object> ctx = new HashMap<>();
        for (AnalyzedOperation ao : file.operations()) {
            ctx.putAll(ao.context());
            break;
        }
        ctx.put(ContextFacts.DIALECT, file.parsed().dialect().id());
        ctx.put(ContextFacts.FRAMEWORK, file.framework() == null ? null : file.framework().id());
        ctx.put(ContextFacts.FILE_PATH, file.parsed().source().displayPath());
        ctx.put(ContextFacts.STATEMENTS_IN_FILE, file.parsed().statements().size());
        // Operation-specific context (locks, transaction state) says nothing about a comment.
        for (String k : List.of(ContextFacts.LOCK, ContextFacts.BLOCKS, ContextFacts.REWRITES_TABLE,
                ContextFacts.SCANS_TABLE, ContextFacts.OLD_TYPE, ContextFacts.TABLE_CREATED_IN_FILE,
                ContextFacts.TABLE_CREATED_IN_CHANGE)) {
            ctx.remove(k);
        }
        return ctx;
    }
}
