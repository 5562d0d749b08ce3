package dev.migralint.report;

import dev.migralint.config.Severity;
import dev.migralint.rules.FileResult;
import dev.migralint.rules.Finding;
import dev.migralint.rules.RunResult;

/**
 * What a report's verdict is computed from: counts that add up file by file, so that a run answered from the result
 * cache can print the same verdict from each file's stored totals without its findings.
 *
 * @param failOn            the run's threshold (null in one file's totals)
 * @param ignoredInline     findings silenced by migralint-ignore comments
 * @param baselined         findings silenced by the baseline
 * @param filesWithWarnings files with an unsilenced finding of warning or above
 * @param filesFailing      files with an unsilenced finding at or above the threshold
 * @param byRule            the unsilenced findings counted by rule, for the report's summary
 */
public record RunTotals(Severity failOn, long elapsedMillis, long files, long statements, long errors, long warnings,
                        long notices, long ignoredInline, long baselined, long filesWithWarnings, long filesFailing,
                        RuleTallies byRule) {

    public RunTotals {
        byRule = byRule == null ? RuleTallies.EMPTY : byRule;
    }

    public RunTotals(Severity failOn, long elapsedMillis, long files, long statements, long errors, long warnings,
                     long notices, long ignoredInline, long baselined, long filesWithWarnings, long filesFailing) {
        this(failOn, elapsedMillis, files, statements, errors, warnings, notices, ignoredInline, baselined,
                filesWithWarnings, filesFailing, RuleTallies.EMPTY);
    }

    public static RunTotals of(RunResult result) {
        // The counts summed here and the rules tallied in one builder: adding file totals one by one with plus() would
        // rebuild the run's tallies once per file.
        long files = 0, statements = 0, errors = 0, warnings = 0, notices = 0, ignored = 0, baselined = 0;
        long warned = 0, failing = 0;
        RuleTallies.Builder tallies = new RuleTallies.Builder();
        for (FileResult f : result.files()) {
            RunTotals t = of(f, result.failOn());
            files += t.files;
            statements += t.statements;
            errors += t.errors;
            warnings += t.warnings;
            notices += t.notices;
            ignored += t.ignoredInline;
            baselined += t.baselined;
            warned += t.filesWithWarnings;
            failing += t.filesFailing;
            tallies.addAll(t.byRule);
        }
        return new RunTotals(result.failOn(), result.elapsedMillis(), files, statements, errors, warnings, notices,
                ignored, baselined, warned, failing, tallies.build());
    }

    /** One file's totals under this threshold. */
    public static RunTotals of(FileResult file, Severity failOn) {
        long errors = 0, warnings = 0, notices = 0, ignored = 0, baselined = 0;
        boolean warned = false, failing = false;
        RuleTallies.Builder tallies = new RuleTallies.Builder();
        for (Finding f : file.findings()) {
            if (f.suppressed()) {
                if (f.suppressedBy().baseline()) {
                    baselined++;
                } else {
                    ignored++;
                }
                continue;
            }
            switch (f.severity()) {
                case ERROR -> errors++;
                case WARNING -> warnings++;
                case NOTICE -> notices++;
            }
            tallies.add(f.ruleId(), f.severity(), f.fix() != null);
            warned |= f.severity().atLeast(Severity.WARNING);
            failing |= f.severity().atLeast(failOn);
        }
        return new RunTotals(null, 0, 1, file.statementCount(), errors, warnings, notices, ignored, baselined,
                warned ? 1 : 0, failing ? 1 : 0, tallies.build());
    }

    public RunTotals plus(RunTotals o) {
        return new RunTotals(failOn, elapsedMillis, files + o.files, statements + o.statements, errors + o.errors,
                warnings + o.warnings, notices + o.notices, ignoredInline + o.ignoredInline, baselined + o.baselined,
                filesWithWarnings + o.filesWithWarnings, filesFailing + o.filesFailing, byRule.plus(o.byRule));
    }

    public RunTotals with(Severity threshold, long elapsed) {
        return new RunTotals(threshold, elapsed, files, statements, errors, warnings, notices, ignoredInline, baselined,
                filesWithWarnings, filesFailing, byRule);
    }

    /** Safe to deploy: nothing unsilenced at or above the threshold. */
    public boolean safe() {
        return filesFailing == 0;
    }
}
