package dev.migralint.cli;

import dev.migralint.config.Severity;
import dev.migralint.report.RuleTallies;
import dev.migralint.report.RunTotals;

import java.util.Set;

/**
 * What a blocked commit ({@code check --staged}, the pre-commit hook) says to do next: fix, ignore with a reason,
 * or skip the hook once. The fix line only when a finding names a fix; the statistics line only when an error's
 * severity would follow table sizes that the run did not have (most such errors on a project's small tables are
 * notices with a snapshot, docs/stats.md).
 */
final class StagedNextSteps {
    private StagedNextSteps() {
    }

    /** @param sizeAwareWithoutStats rules whose severity follows table sizes, when the run had no statistics */
    static String text(RunTotals totals, Set<String> sizeAwareWithoutStats) {
        String nl = System.lineSeparator();
        StringBuilder b = new StringBuilder();
        b.append("migralint blocked this commit. Next step, one of:").append(nl);
        long fixable = totals.byRule().fixable();
        if (fixable > 0) {
            b.append("  migralint fix --staged      apply the safe fixes (").append(fixable)
                    .append(fixable == 1 ? " finding names one" : " findings name one")
                    .append("), review them, git add, commit again").append(nl);
        }
        String rule = firstRule(totals.byRule());
        b.append("  -- migralint-ignore ").append(rule).append(": <why it is safe>").append(nl)
                .append("                              on the line above a statement you judged safe").append(nl);
        if (anErrorOf(totals.byRule(), sizeAwareWithoutStats)) {
            b.append("  migralint stats --database-url URL").append(nl)
                    .append("                              commit table sizes (.migralint/stats.json): locks on small"
                            + " tables become notices").append(nl);
        }
        b.append("  git commit --no-verify      commit without the check, this once").append(nl);
        return b.toString();
    }

    private static boolean anErrorOf(RuleTallies tallies, Set<String> rules) {
        for (RuleTallies.RuleTally t : tallies.ranked()) {
            if (t.severity() == Severity.ERROR && rules.contains(t.rule())) {
                return true;
            }
        }
        return false;
    }

    /** The rule to show in the ignore example: the most frequent one at error level, or a placeholder. */
    private static String firstRule(RuleTallies tallies) {
        for (RuleTallies.RuleTally t : tallies.ranked()) {
            if (t.severity() == Severity.ERROR) {
                return t.rule();
            }
        }
        return tallies.ranked().isEmpty() ? "<rule>" : tallies.ranked().get(0).rule();
    }
}
