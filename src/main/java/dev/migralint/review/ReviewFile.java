package dev.migralint.review;

import dev.migralint.fix.FixOutcome;
import dev.migralint.rules.Finding;

import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;

/**
 * One linted file as the review needs it.
 *
 * @param path         the path GitHub names the file by (relative to the repository root, '/' separated)
 * @param text         the text as linted (the pull request's head)
 * @param fixed        the text {@code migralint fix} writes (equal to {@code text} when nothing is fixed)
 * @param findings     the findings reported on the lines the pull request changes
 * @param fingerprints each finding's fingerprint (SARIF partialFingerprints)
 * @param outcomes     what {@code migralint fix} did with each finding that names a rewrite
 * @param onDiff       whether a line (1-based) is on the pull request's diff, where GitHub accepts comments
 */
public record ReviewFile(String path, String text, String fixed, List<Finding> findings,
                         Map<Finding, String> fingerprints, Map<Finding, FixOutcome> outcomes, IntPredicate onDiff) {
    public ReviewFile {
        findings = List.copyOf(findings);
    }
}
