package dev.migralint.fix;

import dev.migralint.analysis.AnalysisSettings;
import dev.migralint.analysis.AnalyzedFile;
import dev.migralint.rules.FileResult;
import dev.migralint.rules.Finding;
import dev.migralint.rules.Linter;
import dev.migralint.sql.Dialect;
import dev.migralint.sql.LineIndex;
import dev.migralint.sql.Span;
import dev.migralint.workspace.Framework;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Fixes one file in memory, in rounds: plan the fixes for the current findings, apply them, lint the result, and
 * repeat until nothing more applies (a fix held back because it overlapped another gets its turn in the next round).
 * Each round is verified by {@link Verifier}; when a round as a whole fails, its fixes are tried one by one and the
 * ones that fail are reported as unavailable. The result is a fixed point: fixing the output again changes nothing.
 */
public final class Fixer {
    static final int MAX_ROUNDS = 6;

    private final Relinter relinter;
    private final FixOptions options;
    private final FixPlanner planner;

    public Fixer(Linter linter, AnalysisSettings settings, FixOptions options) {
        this(new Relinter(linter, settings), options, Rewrites.builtIn());
    }

    public Fixer(Relinter relinter, FixOptions options, Rewrites rewrites) {
        this.relinter = relinter;
        this.options = options;
        this.planner = new FixPlanner(rewrites);
    }

    public FixOptions options() {
        return options;
    }

    /** Fixes a file linted by a run; files that could not be read or decoded come back unchanged. */
    public FileFix fix(FileResult result) {
        AnalyzedFile analyzed = result.analyzed();
        if (analyzed == null || result.loaded().source() == null) {
            return new FileFix(null, result.path(), "", "", false, List.of(), 0, List.of());
        }
        try {
            return run(analyzed, result.findings(), result.loaded().hadBom());
        } catch (RuntimeException | StackOverflowError e) {
            // A bug in a rewrite must cost one file, never the run, and never a half-fixed file.
            var source = analyzed.parsed().source();
            List<FixOutcome> outcomes = new ArrayList<>();
            for (Finding f : result.findings()) {
                if (!f.suppressed() && f.fix() != null && options.wants(f.ruleId())) {
                    outcomes.add(FixOutcome.unavailable(f, f.fix().name(), "migralint could not fix this file ("
                            + e.getClass().getSimpleName() + "); please report it"));
                }
            }
            return new FileFix(source.path(), source.displayPath(), source.text(), source.text(),
                    result.loaded().hadBom(), outcomes, 0, List.of());
        }
    }

    /**
     * What fix offers for each finding, each on its own on the text as linted (not combined with the others, not
     * verified by re-linting): the fix when one is available ({@link FixOutcome.Status#FIXED} here means "available"),
     * an unsafe one, or the reason there is none. For reports: review formats show the fixes as suggestions (SARIF
     * fixes, reviewdog), and a finding can say why it has no fix. Findings of rules without a fix are absent.
     */
    public Map<Finding, FixOutcome> offers(FileResult result) {
        Map<Finding, FixOutcome> out = new LinkedHashMap<>();
        AnalyzedFile analyzed = result.analyzed();
        if (analyzed == null || result.loaded().source() == null) {
            return out;
        }
        for (Finding f : result.findings()) {
            if (f.suppressed() || f.fix() == null || !options.wants(f.ruleId())) {
                continue;
            }
            try {
                FixPlanner.Plan plan = planner.plan(analyzed, List.of(f), options);
                if (!plan.fixes().isEmpty()) {
                    out.put(f, FixOutcome.fixed(f, plan.fixes().get(0)));
                } else if (!plan.outcomes().isEmpty()) {
                    out.put(f, plan.outcomes().get(0));
                }
            } catch (RuntimeException | StackOverflowError e) {
                // No offer for this finding; the report goes on.
            }
        }
        return out;
    }

    /** Parses, lints and fixes a text on its own: what rule examples and tests use. */
    public FileFix fixText(String displayPath, String text, Dialect dialect, Framework framework) {
        Relinter.Snapshot s = relinter.lint(null, displayPath, text, dialect, framework);
        return run(s.analyzed(), s.findings(), false);
    }

    private FileFix run(AnalyzedFile analyzed, List<Finding> findings, boolean hadBom) {
        var source = analyzed.parsed().source();
        String original = source.text();
        Dialect dialect = analyzed.parsed().dialect();
        Framework framework = analyzed.framework();
        List<EditMap> chain = new ArrayList<>();
        List<FixOutcome> fixed = new ArrayList<>();
        List<FixOutcome> pending = List.of();
        String current = original;
        AnalyzedFile currentFile = analyzed;
        List<Finding> currentFindings = findings;
        Relinter.Snapshot before = null;
        // Findings whose fix the verifier rejected on the current text, and why: not planned again until it changes.
        Set<Finding> rejected = new HashSet<>();
        List<FixOutcome> rejections = new ArrayList<>();
        int rounds = 0;
        while (rounds < MAX_ROUNDS) {
            rounds++;
            List<Finding> open = currentFindings;
            if (!rejected.isEmpty()) {
                open = new ArrayList<>(currentFindings);
                open.removeAll(rejected);
            }
            FixPlanner.Plan plan = planner.plan(currentFile, open, options);
            List<FixOutcome> notApplied = new ArrayList<>(plan.outcomes());
            notApplied.addAll(rejections);
            if (plan.fixes().isEmpty()) {
                pending = mapped(notApplied, chain, source.lines(), original);
                break;
            }
            if (before == null) {
                before = relinter.lint(source.path(), source.displayPath(), current, dialect, framework);
            }
            List<Fix> accepted = plan.fixes();
            List<Edit> edits = FixPlanner.ordered(accepted);
            String next = EditMap.apply(current, edits);
            Relinter.Snapshot after = relinter.lint(source.path(), source.displayPath(), next, dialect, framework);
            List<Fix> ignored = ToleratedFindings.withIgnores(accepted, after.findings(), next,
                    LineEndings.dominant(current));
            if (ignored != null) {
                accepted = ignored;
                plan = new FixPlanner.Plan(ignored, plan.outcomes());
                edits = FixPlanner.ordered(accepted);
                next = EditMap.apply(current, edits);
                after = relinter.lint(source.path(), source.displayPath(), next, dialect, framework);
            }
            String problem = Verifier.verify(before, after, accepted, new EditMap(edits), relinter.reportModes(),
                    fixableIn(after));
            if (problem != null) {
                // Find the fixes that are good on their own, in plan order.
                List<Fix> good = new ArrayList<>();
                Relinter.Snapshot goodResult = null;
                for (Fix fix : plan.fixes()) {
                    List<Fix> trial = new ArrayList<>(good);
                    trial.add(fix);
                    List<Edit> trialEdits = FixPlanner.ordered(trial);
                    String text = EditMap.apply(current, trialEdits);
                    Relinter.Snapshot s = relinter.lint(source.path(), source.displayPath(), text, dialect, framework);
                    String why = Verifier.verify(before, s, trial, new EditMap(trialEdits), relinter.reportModes(),
                            fixableIn(s));
                    if (why == null) {
                        good = trial;
                        goodResult = s;
                    } else {
                        for (Finding r : fix.resolves()) {
                            notApplied.add(FixOutcome.unavailable(r, fix.rewrite(), "the " + fix.rewrite()
                                    + " rewrite was checked and not applied: it would " + why));
                        }
                    }
                }
                if (good.isEmpty()) {
                    // Nothing applied: plan again without these, so the fixes that waited (once-per-file) get a turn.
                    for (Fix fix : plan.fixes()) {
                        rejected.addAll(fix.resolves());
                    }
                    rejections = notApplied.stream().filter(o -> rejected.contains(o.finding())).toList();
                    pending = mapped(notApplied, chain, source.lines(), original);
                    continue;
                }
                accepted = good;
                edits = FixPlanner.ordered(good);
                next = EditMap.apply(current, edits);
                after = goodResult;
            }
            // This round's findings are positioned in the text before it: map them back through earlier rounds.
            for (Fix fix : accepted) {
                for (Finding r : fix.resolves()) {
                    FixOutcome o = FixOutcome.fixed(r, fix);
                    fixed.add(chain.isEmpty() ? o : remap(o, chain, source.lines(), original));
                }
            }
            pending = mapped(notApplied, chain, source.lines(), original);
            chain.add(new EditMap(edits));
            rejected.clear();
            rejections = List.of();
            current = next;
            before = after;
            currentFile = after.analyzed();
            currentFindings = after.findings();
        }
        List<FixOutcome> outcomes = new ArrayList<>(fixed);
        outcomes.addAll(pending);
        outcomes.sort(Comparator.comparingInt((FixOutcome o) -> o.finding().span().start())
                .thenComparing(o -> o.finding().ruleId()));
        return new FileFix(source.path(), source.displayPath(), original, current, hadBom, outcomes, rounds, chain);
    }

    /** Whether a finding on this result has a fix on offer (the next round would apply it). */
    private Predicate<Finding> fixableIn(Relinter.Snapshot s) {
        // Asked whatever --rule selects: a fix run for one rule leaves another rule's fix to a run without --rule.
        FixOptions all = options.onlyRules(Set.of());
        return g -> {
            if (g.fix() == null) {
                return false;
            }
            try {
                return !planner.plan(s.analyzed(), List.of(g), all).fixes().isEmpty();
            } catch (RuntimeException e) {
                return false;
            }
        };
    }

    private static List<FixOutcome> mapped(List<FixOutcome> list, List<EditMap> chain, LineIndex lines, String original) {
        if (chain.isEmpty()) {
            return List.copyOf(list);
        }
        List<FixOutcome> out = new ArrayList<>();
        for (FixOutcome o : list) {
            out.add(remap(o, chain, lines, original));
        }
        return out;
    }

    static FixOutcome remap(FixOutcome o, List<EditMap> chain, LineIndex lines, String original) {
        Finding f = o.finding();
        int start = Math.max(0, EditMap.toOriginal(chain, f.span().start(), false));
        int end = Math.max(start, EditMap.toOriginal(chain, f.span().end(), false));
        int sStart = Math.max(0, EditMap.toOriginal(chain, f.statementSpan().start(), false));
        int sEnd = Math.max(sStart, EditMap.toOriginal(chain, f.statementSpan().end(), false));
        start = Math.min(start, original.length());
        end = Math.min(end, original.length());
        int endOffset = Math.max(start, end - 1);
        Finding g = f.at(new Finding.Location(f.path(), new Span(start, end),
                new Span(Math.min(sStart, original.length()), Math.min(sEnd, original.length())),
                lines.line(start), lines.column(start), lines.line(endOffset), lines.column(endOffset) + 1,
                f.statementIndex(), f.operationIndex()));
        return new FixOutcome(g, o.rewrite(), o.fix(), o.status(), o.reason());
    }
}
