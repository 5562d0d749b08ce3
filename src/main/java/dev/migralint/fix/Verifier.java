package dev.migralint.fix;

import dev.migralint.analysis.AnalyzedOperation;
import dev.migralint.analysis.ContextFacts;
import dev.migralint.rules.Finding;
import dev.migralint.rules.Rule;
import dev.migralint.sql.op.Operation;
import dev.migralint.sql.op.OperationCatalog;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Checks a round of fixes by linting the result: nothing that was understood becomes not understood, the findings
 * the fixes resolve are gone, no operation that was already there gets a finding it did not have (unless that rule has
 * a fix of its own, which the next round applies), no rule the file did not have is raised on what the fix wrote, and no
 * CONCURRENTLY operation ends up inside a transaction. Operations before and after are matched through the edits' offset map.
 */
final class Verifier {
    private Verifier() {
    }

    /** @return null when the fixed text is good, else what went wrong */
    static String verify(Relinter.Snapshot before, Relinter.Snapshot after, List<Fix> fixes, EditMap map,
                         Map<String, Rule.Report> modes) {
        return verify(before, after, fixes, map, modes, g -> g.fix() != null);
    }

    /**
     * @param fixable whether a new finding can be fixed in the next round (its rule names a fix and the fix is on
     *                offer on the result): only then is the finding left to that round
     */
    static String verify(Relinter.Snapshot before, Relinter.Snapshot after, List<Fix> fixes, EditMap map,
                         Map<String, Rule.Report> modes, Predicate<Finding> fixable) {
        if (count(after, true) > count(before, true)) {
            return "leave a statement migralint does not understand";
        }
        if (concurrentInTransaction(after) > concurrentInTransaction(before)) {
            return "put a CONCURRENTLY operation inside a transaction, where it fails";
        }
        List<AnalyzedOperation> oldOps = before.analyzed().operations();
        Map<String, Integer> oldByKey = new HashMap<>();
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < oldOps.size(); i++) {
            String base = key(oldOps.get(i), oldOps.get(i).operation().span().start());
            int n = seen.merge(base, 1, Integer::sum);
            oldByKey.put(base + "#" + n, i);
        }
        // New operation index -> old operation index, for operations that were there before.
        Map<Integer, Integer> oldOf = new HashMap<>();
        Map<String, Integer> seenNew = new HashMap<>();
        List<AnalyzedOperation> newOps = after.analyzed().operations();
        for (int j = 0; j < newOps.size(); j++) {
            int old = map.toOld(newOps.get(j).operation().span().start(), true);
            if (old < 0) {
                continue;
            }
            String base = key(newOps.get(j), old);
            int n = seenNew.merge(base, 1, Integer::sum);
            Integer i = oldByKey.get(base + "#" + n);
            if (i != null) {
                oldOf.put(j, i);
            }
        }
        Set<String> had = new HashSet<>();
        Set<String> hadInFile = new HashSet<>();
        Set<String> hadInStatement = new HashSet<>();
        for (Finding f : before.findings()) {
            if (!f.suppressed()) {
                had.add(f.ruleId() + "@" + f.operationIndex());
                hadInFile.add(f.ruleId());
                hadInStatement.add(f.ruleId() + "@s" + f.statementIndex());
            }
        }
        Set<String> resolved = new HashSet<>();
        for (Fix fix : fixes) {
            for (Finding r : fix.resolves()) {
                resolved.add(r.ruleId() + "@" + r.operationIndex());
            }
        }
        // Findings on what the fix added, or on no operation (an ignore comment), are new when the file did not have
        // their rule: the output must pass check with no kind of finding the input did not have.
        for (Finding g : after.findings()) {
            if (g.suppressed()) {
                continue;
            }
            Integer old = g.operationIndex() < 0 ? null : oldOf.get(g.operationIndex());
            if (old == null) {
                if (!hadInFile.contains(g.ruleId()) && !fixable.test(g)) {
                    return "raise " + g.ruleId() + " on line " + g.line() + " of the result, which it wrote";
                }
                continue;
            }
            String k = g.ruleId() + "@" + old;
            if (resolved.contains(k)) {
                return "not resolve " + g.ruleId() + " (it is still raised on line " + g.line() + " of the result)";
            }
            // A new finding whose rule has a fix of its own is left to the next round (turning dbmate's transaction
            // off makes prefer-if-not-exists apply, and IF NOT EXISTS then follows); any other is a regression.
            if (!had.contains(k) && !fixable.test(g)
                    && !movedReport(g, oldOps.get(old), modes, hadInFile, hadInStatement)) {
                return "raise " + g.ruleId() + " on a statement that did not have it";
            }
        }
        return null;
    }

    /**
     * A rule that reports once per file (or statement) moves to the next operation when the one it reported on is
     * fixed or removed: that is not a new finding.
     */
    private static boolean movedReport(Finding g, AnalyzedOperation oldOp, Map<String, Rule.Report> modes,
                                       Set<String> hadInFile, Set<String> hadInStatement) {
        Rule.Report mode = modes.getOrDefault(g.ruleId(), Rule.Report.EACH);
        if (mode == Rule.Report.ONCE_PER_FILE) {
            return hadInFile.contains(g.ruleId());
        }
        if (mode == Rule.Report.ONCE_PER_STATEMENT) {
            return hadInStatement.contains(g.ruleId() + "@s" + oldOp.statement().statement().index());
        }
        return false;
    }

    private static String key(AnalyzedOperation ao, int start) {
        return OperationCatalog.get().kindName(ao.operation().operation()) + "@" + start;
    }

    private static int count(Relinter.Snapshot s, boolean unknown) {
        int n = 0;
        for (AnalyzedOperation ao : s.analyzed().operations()) {
            if (FixContext.isUnknown(ao.operation().operation()) == unknown) {
                n++;
            }
        }
        return n;
    }

    private static int concurrentInTransaction(Relinter.Snapshot s) {
        int n = 0;
        for (AnalyzedOperation ao : s.analyzed().operations()) {
            Operation op = ao.operation().operation();
            boolean concurrent = op instanceof Operation.CreateIndex ci && ci.concurrently()
                    || op instanceof Operation.DropIndex di && di.concurrently()
                    || op instanceof Operation.Reindex r && r.concurrently()
                    || op instanceof Operation.DetachPartition dp && dp.concurrently()
                    || op instanceof Operation.RefreshMaterializedView mv && mv.concurrently();
            if (concurrent && Boolean.TRUE.equals(ao.context().get(ContextFacts.IN_TRANSACTION))) {
                n++;
            }
        }
        return n;
    }
}
