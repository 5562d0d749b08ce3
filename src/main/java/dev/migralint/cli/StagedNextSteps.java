package dev.migralint.cli;

import dev.migralint.config.Severity;
import dev.migralint.report.RuleTallies;
import dev.migralint.report.RunTotals;

/**
 * What a blocked commit ({@code check --staged}, the pre-commit hook) says to do next: fix, ignore with a reason,
 * or skip the hook once. The fix line only when a finding names a fix.
 */
final class StagedNextSteps {
    private StagedNextSteps() {
    }

    static String text(RunTotals totals) {
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
        b.append("  git commit --no-verify      commit without the check, this once").append(nl);
        return b.toString();
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
