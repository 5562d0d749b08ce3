package dev.migralint.review;

import dev.migralint.fix.FileFix;
import dev.migralint.fix.FixOutcome;
import dev.migralint.fix.Fixer;
import dev.migralint.report.Fingerprints;
import dev.migralint.rules.FileResult;
import dev.migralint.rules.Finding;
import dev.migralint.rules.RunResult;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.IntPredicate;
import java.util.function.UnaryOperator;

/** Builds the review's view of a run: per file its text, what fix writes, the findings and their fingerprints. */
public final class ReviewInputs {
    private ReviewInputs() {
    }

    /**
     * @param linted    the run before the changed-lines filter: what {@code migralint fix} fixes
     * @param reported  the run as reported (findings on the changed lines)
     * @param fixer     the fixer {@code migralint fix} uses (safe fixes)
     * @param diffLines the lines of a file (display path, text) on the pull request's diff
     * @param onGitHub  a display path as GitHub names it (relative to the repository root)
     */
    public static List<ReviewFile> files(RunResult linted, RunResult reported, Fixer fixer,
                                         BiFunction<String, String, IntPredicate> diffLines,
                                         UnaryOperator<String> onGitHub) {
        Map<String, FileResult> before = new HashMap<>();
        for (FileResult f : linted.files()) {
            before.putIfAbsent(f.path(), f);
        }
        List<ReviewFile> out = new ArrayList<>();
        for (FileResult file : reported.files()) {
            if (file.analyzed() == null || file.loaded().source() == null || file.findings().isEmpty()) {
                continue;
            }
            String text = file.loaded().source().text();
            // What fix writes: all the file's findings, as fix lints it (not only those on changed lines).
            FileResult whole = before.getOrDefault(file.path(), file);
            FileFix fix = fixer.fix(whole);
            // Per finding, on the text as linted: whether fix has a safe rewrite for it, an unsafe one, or why none.
            Map<Finding, FixOutcome> outcomes = new HashMap<>(fixer.offers(file));
            Map<Finding, String> fingerprints = new HashMap<>(Fingerprints.of(file));
            String fixed = fix.changed() ? fix.fixed() : text;
            out.add(new ReviewFile(onGitHub.apply(file.path()), text, fixed, file.findings(), fingerprints, outcomes,
                    diffLines.apply(file.path(), text)));
        }
        return out;
    }

    /** Every reported, unsuppressed finding's fingerprint by GitHub path: what keeps a comment from being marked fixed. */
    public static Map<String, Set<String>> present(RunResult reported, UnaryOperator<String> onGitHub) {
        Map<String, Set<String>> out = new HashMap<>();
        for (FileResult file : reported.files()) {
            Map<Finding, String> fps = Fingerprints.of(file);
            Set<String> set = out.computeIfAbsent(onGitHub.apply(file.path()), k -> new HashSet<>());
            for (Finding f : file.findings()) {
                if (!f.suppressed() && fps.get(f) != null) {
                    set.add(fps.get(f));
                }
            }
        }
        return out;
    }
}
