package dev.migralint.fix;

import dev.migralint.analysis.AnalyzedFile;
import dev.migralint.analysis.AnalyzedOperation;
import dev.migralint.rules.Finding;
import dev.migralint.sql.ParsedOperation;
import dev.migralint.sql.Statement;
import dev.migralint.sql.op.Operation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns one file's findings into fixes: asks each finding's rewrite for edits, refuses to touch statements nobody
 * understood, holds back unsafe fixes unless asked, and picks a deterministic, non-overlapping set. Fixes are taken in
 * rewrite priority order, then by position, then by rule id; a fix that overlaps one already taken is left for the
 * next round. Identical fixes for several findings (two rules asking for the same IF EXISTS) are made once.
 */
public final class FixPlanner {
    private final Rewrites rewrites;

    public FixPlanner(Rewrites rewrites) {
        this.rewrites = rewrites;
    }

    /**
     * @param fixes    the fixes to apply, in application order
     * @param outcomes what became of the findings that are not fixed by {@code fixes}
     */
    public record Plan(List<Fix> fixes, List<FixOutcome> outcomes) {
        /** The edits of all fixes, ordered for {@link EditMap#apply}: by offset, insertions first, then fix order. */
        public List<Edit> edits() {
            return ordered(fixes);
        }
    }

    private record Candidate(Fix fix, Finding finding, int priority, int removes) {}

    public Plan plan(AnalyzedFile file, List<Finding> findings, FixOptions options) {
        List<Finding> selected = new ArrayList<>();
        for (Finding f : findings) {
            if (!f.suppressed() && f.fix() != null && f.operationIndex() >= 0 && options.wants(f.ruleId())) {
                selected.add(f);
            }
        }
        selected.sort(Comparator.comparingInt(Finding::statementIndex).thenComparingInt(Finding::operationIndex)
                .thenComparing(Finding::ruleId));
        List<FixOutcome> outcomes = new ArrayList<>();
        if (selected.isEmpty()) {
            return new Plan(List.of(), outcomes);
        }
        String fileProblem = fileProblem(file);
        if (fileProblem != null) {
            for (Finding f : selected) {
                outcomes.add(FixOutcome.unavailable(f, f.fix().name(), fileProblem));
            }
            return new Plan(List.of(), outcomes);
        }
        FixContext ctx = new FixContext(file, options, selected);
        List<Candidate> candidates = new ArrayList<>();
        Map<String, List<Finding>> perFile = new LinkedHashMap<>();
        for (Finding f : selected) {
            String name = f.fix().name();
            Rewrite rw = rewrites.get(name);
            if (rw == null) {
                outcomes.add(FixOutcome.unavailable(f, name, "no rewrite named '" + name + "' is implemented"));
                continue;
            }
            String guard = guard(ctx, f);
            if (guard != null) {
                outcomes.add(FixOutcome.unavailable(f, name, guard));
                continue;
            }
            if (rw.perFile()) {
                perFile.computeIfAbsent(name, k -> new ArrayList<>()).add(f);
                continue;
            }
            propose(ctx, rw, f, List.of(f), options, candidates, outcomes);
        }
        List<Fix> accepted = new ArrayList<>();
        accept(candidates, accepted, outcomes, ctx);

        // Once-per-file rewrites (SET lock_timeout before the first statement that needs it) depend on what the
        // other fixes leave standing: a statement made CONCURRENTLY no longer needs it, a commented-out one is gone.
        // So they wait for a round in which nothing else applies; the fixer re-plans until nothing changes.
        if (!accepted.isEmpty()) {
            return new Plan(accepted, outcomes);
        }
        List<Map.Entry<String, List<Finding>>> groups = new ArrayList<>(perFile.entrySet());
        groups.sort(Comparator.comparingInt(e -> rewrites.get(e.getKey()).priority()));
        for (Map.Entry<String, List<Finding>> g : groups) {
            Rewrite rw = rewrites.get(g.getKey());
            List<Finding> live = new ArrayList<>();
            for (Finding f : g.getValue()) {
                if (!ctx.removedStatements().contains(f.statementIndex())) {
                    live.add(f);
                }
            }
            if (live.isEmpty()) {
                continue;
            }
            List<Candidate> one = new ArrayList<>();
            propose(ctx, rw, live.get(0), live, options, one, outcomes);
            accept(one, accepted, outcomes, ctx);
        }
        return new Plan(accepted, outcomes);
    }

    private void propose(FixContext ctx, Rewrite rw, Finding f, List<Finding> resolves, FixOptions options,
                         List<Candidate> candidates, List<FixOutcome> outcomes) {
        Proposal p;
        try {
            p = rw.propose(ctx, f);
        } catch (RuntimeException e) {
            p = Proposal.unavailable("migralint could not work out this rewrite (" + e.getClass().getSimpleName()
                    + "); please report it");
        }
        if (!p.available()) {
            for (Finding r : resolves) {
                outcomes.add(FixOutcome.unavailable(r, rw.name(), p.unavailable()));
            }
            return;
        }
        if (p.edits().isEmpty()) {
            for (Finding r : resolves) {
                outcomes.add(FixOutcome.unavailable(r, rw.name(), "nothing to change"));
            }
            return;
        }
        Fix fix = new Fix(f.ruleId(), rw.name(), p.edits(), p.safe(), p.description(), resolves, p.tolerated());
        if (!p.safe() && !options.unsafe()) {
            for (Finding r : resolves) {
                outcomes.add(FixOutcome.unsafe(r, fix));
            }
            return;
        }
        candidates.add(new Candidate(fix, f, rw.priority(), p.removesStatement()));
    }

    private static void accept(List<Candidate> candidates, List<Fix> accepted, List<FixOutcome> outcomes, FixContext ctx) {
        candidates.sort(Comparator.comparingInt(Candidate::priority)
                .thenComparingInt(c -> c.fix().firstOffset())
                .thenComparing(c -> c.fix().ruleId())
                .thenComparingInt(c -> c.finding().operationIndex()));
        // Accepted fixes by their edits (identical fixes merge), and accepted edits by start offset: a candidate is
        // checked against the edits near it, not against every fix taken so far.
        Map<List<Edit>, Integer> byEdits = new HashMap<>();
        for (int i = 0; i < accepted.size(); i++) {
            byEdits.putIfAbsent(accepted.get(i).edits(), i);
        }
        TreeMap<Integer, List<Edit[]>> edits = new TreeMap<>();
        int longest = 0;
        for (Fix a : accepted) {
            for (Edit x : a.edits()) {
                edits.computeIfAbsent(x.span().start(), k -> new ArrayList<>()).add(new Edit[] {x});
                longest = Math.max(longest, x.span().length());
            }
        }
        Map<Edit, Fix> owner = new HashMap<>();
        for (Fix a : accepted) {
            for (Edit x : a.edits()) {
                owner.putIfAbsent(x, a);
            }
        }
        next:
        for (Candidate c : candidates) {
            Integer same = byEdits.get(c.fix().edits());
            if (same != null) {
                Fix a = accepted.get(same);
                List<Finding> both = new ArrayList<>(a.resolves());
                both.addAll(c.fix().resolves());
                accepted.set(same, new Fix(a.ruleId(), a.rewrite(), a.edits(), a.safe(), a.description(), both,
                        a.tolerated()));
                continue;
            }
            for (Edit e : c.fix().edits()) {
                // An accepted edit conflicts only if it starts before e ends and ends after e starts.
                int from = e.span().start() - longest;
                for (List<Edit[]> near : edits.subMap(from, true, e.span().end(), true).values()) {
                    for (Edit[] xs : near) {
                        Edit x = xs[0];
                        if (e.conflictsWith(x)) {
                            Fix a = owner.get(x);
                            for (Finding r : c.fix().resolves()) {
                                outcomes.add(FixOutcome.unavailable(r, c.fix().rewrite(), "overlaps the " + a.rewrite()
                                        + " fix for " + a.ruleId() + "; run migralint fix again to apply it"));
                            }
                            continue next;
                        }
                    }
                }
            }
            byEdits.putIfAbsent(c.fix().edits(), accepted.size());
            accepted.add(c.fix());
            for (Edit x : c.fix().edits()) {
                edits.computeIfAbsent(x.span().start(), k -> new ArrayList<>()).add(new Edit[] {x});
                longest = Math.max(longest, x.span().length());
                owner.putIfAbsent(x, c.fix());
            }
            if (c.removes() >= 0) {
                ctx.markRemoved(c.removes());
            }
        }
    }

    /** Why no statement of this finding may be edited, or null. */
    static String guard(FixContext ctx, Finding f) {
        AnalyzedOperation ao = ctx.operation(f);
        if (ao == null) {
            return "the finding's operation was not found";
        }
        Operation op = ao.operation().operation();
        if (ao.operation().source() == ParsedOperation.Source.EMBEDDED) {
            return "the operation is SQL run from inside another statement (a DO body, EXECUTE, a WITH query or a"
                    + " function called here), which migralint fix does not rewrite";
        }
        if (FixContext.isUnknown(op)) {
            return "migralint did not understand this statement, and it never edits what it did not understand";
        }
        Statement st = ao.statement().statement();
        if (FixContext.hasUnterminated(st)) {
            return "the statement holds a string, quote or comment that is never closed; it is not edited";
        }
        if (st.code().isEmpty()) {
            return "the statement has no code to edit";
        }
        return null;
    }

    /** Why the file must not be edited at all (it could not be fully analysed), or null. */
    static String fileProblem(AnalyzedFile file) {
        return FileIndex.of(file).fileProblem;
    }

    /**
     * The edits of the fixes in application order: by start offset; at one offset, insertions before replacements,
     * and insertions in fix order (CONCURRENTLY before IF NOT EXISTS). Identical edits shared by several fixes (a
     * directive two fixes both need) appear once.
     */
    public static List<Edit> ordered(List<Fix> fixes) {
        Map<Edit, Integer> order = new HashMap<>();
        for (Fix f : fixes) {
            for (Edit e : f.edits()) {
                order.putIfAbsent(e, order.size());
            }
        }
        List<Edit> sorted = new ArrayList<>(order.keySet());
        sorted.sort(Comparator.comparingInt((Edit e) -> e.span().start())
                .thenComparingInt(e -> e.isInsertion() ? 0 : 1)
                .thenComparingInt(order::get));
        return sorted;
    }
}
