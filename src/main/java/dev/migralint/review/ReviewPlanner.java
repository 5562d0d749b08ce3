package dev.migralint.review;

import dev.migralint.config.Severity;
import dev.migralint.fix.FixOutcome;
import dev.migralint.report.Docs;
import dev.migralint.rules.Finding;
import org.eclipse.jgit.diff.DiffAlgorithm;
import org.eclipse.jgit.diff.Edit;
import org.eclipse.jgit.diff.EditList;
import org.eclipse.jgit.diff.RawText;
import org.eclipse.jgit.diff.RawTextComparator;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Plans the review comments of one file. The suggested changes are the line hunks between the file and what
 * {@code migralint fix} writes, so applying every suggestion of a file gives exactly the fixed file. Each hunk goes to
 * the fixed finding nearest to it; a hunk that reaches outside the pull request's diff (where GitHub refuses
 * comments) becomes a comment that says so. Findings without an applied rewrite get a plain comment with the reason
 * (no rewrite exists, it is unsafe, or it cannot be made here); notices without a rewrite stay in the summary.
 */
public final class ReviewPlanner {
    /** A hunk of whole lines: original lines [a0, a1) become fixed lines [b0, b1) (0-based). */
    record Hunk(int a0, int a1, int b0, int b1) {}

    private ReviewPlanner() {
    }

    public static List<PlannedComment> plan(ReviewFile file) {
        List<Finding> findings = file.findings().stream().filter(f -> !f.suppressed())
                .sorted(Comparator.comparingInt(Finding::line).thenComparing(Finding::ruleId)).toList();
        RawText original = raw(file.text());
        RawText fixed = raw(file.fixed());
        List<Hunk> hunks = hunks(original, fixed);
        List<Finding> fixedFindings = findings.stream()
                .filter(f -> file.outcomes().get(f) != null && file.outcomes().get(f).isFixed()).toList();
        // Each fixed finding joins its nearest hunk; a hunk no finding chose goes to its nearest fixed finding.
        Map<Hunk, List<Finding>> byHunk = new LinkedHashMap<>();
        hunks.forEach(h -> byHunk.put(h, new ArrayList<>()));
        for (Finding f : fixedFindings) {
            Hunk nearest = null;
            for (Hunk h : hunks) {
                if (nearest == null || distance(f, h) < distance(f, nearest)) {
                    nearest = h;
                }
            }
            if (nearest != null) {
                byHunk.get(nearest).add(f);
            }
        }
        List<PlannedComment> out = new ArrayList<>();
        Map<String, Integer> parts = new HashMap<>();
        Set<Finding> covered = new HashSet<>();
        for (Map.Entry<Hunk, List<Finding>> e : byHunk.entrySet()) {
            Hunk h = e.getKey();
            List<Finding> own = e.getValue();
            if (own.isEmpty()) {
                Finding nearest = null;
                for (Finding f : fixedFindings) {
                    if (nearest == null || distance(f, h) < distance(nearest, h)) {
                        nearest = f;
                    }
                }
                if (nearest == null) {
                    continue; // a change fix made for a finding not on this pull request's lines
                }
                own = List.of(nearest);
            }
            covered.addAll(own);
            String fp = file.fingerprints().get(own.get(0));
            int part = parts.merge(fp, 1, Integer::sum) - 1;
            String key = part == 0 ? fp : fp + ":" + part;
            List<String> lines = new ArrayList<>();
            for (int i = h.b0(); i < h.b1(); i++) {
                lines.add(fixed.getString(i));
            }
            StringBuilder body = new StringBuilder();
            for (Finding f : own) {
                body.append(describe(f, file.outcomes().get(f))).append('\n');
            }
            int first = h.a0() + 1;
            int last = h.a1();
            if (onDiff(file, first, last)) {
                body.append("Suggested change").append(part > 0 ? " (part " + (part + 1) + " of the rewrite)" : "")
                        .append(", exactly what `migralint fix` writes:\n\n");
                body.append(Markdown.fence("suggestion", lines));
                out.add(new PlannedComment(file.path(), first, last, key, body + Markdown.marker("finding", key)));
            } else {
                int at = commentLine(file, own.get(0));
                if (at == 0) {
                    continue;
                }
                body.append("The rewrite changes lines ").append(first).append('–').append(last)
                        .append(", which are outside this pull request's diff, so it cannot be a suggested change here:"
                                + " run `migralint fix` on this file and commit the result.\n");
                out.add(new PlannedComment(file.path(), at, at, key, body + Markdown.marker("finding", key)));
            }
        }
        for (Finding f : findings) {
            if (covered.contains(f)) {
                continue;
            }
            int at = commentLine(file, f);
            String fp = file.fingerprints().get(f);
            if (at == 0 || fp == null || f.severity() == Severity.NOTICE && file.outcomes().get(f) == null) {
                continue; // a notice without a rewrite stays in the summary and the annotations
            }
            StringBuilder body = new StringBuilder(describe(f, file.outcomes().get(f))).append('\n');
            FixOutcome o = file.outcomes().get(f);
            if (o != null && o.status() == FixOutcome.Status.UNAVAILABLE) {
                body.append("No suggested change: ").append(Markdown.text(o.reason())).append('\n');
            } else if (o != null && o.status() == FixOutcome.Status.UNSAFE) {
                body.append("No suggested change: the rewrite (").append(Markdown.text(o.fix().description()))
                        .append(") changes behaviour; `migralint fix --unsafe-fixes` applies it after review.\n");
            }
            out.add(new PlannedComment(file.path(), at, at, fp, body + Markdown.marker("finding", fp)));
        }
        return out;
    }

    /** The rule, its message, the lock and the links, for one finding. */
    static String describe(Finding f, FixOutcome outcome) {
        StringBuilder b = new StringBuilder();
        b.append(icon(f.severity())).append(" **migralint** <a href=\"").append(Docs.ruleUrl(f.ruleId())).append("\">")
                .append(Markdown.text(f.ruleId())).append("</a>")
                .append(f.down() ? " (down migration)" : "").append(": ").append(Markdown.text(f.message())).append('\n');
        if (f.lock() != null && f.lock().mode() != null && !"none".equals(f.lock().mode())) {
            b.append("\nLock: ").append(Markdown.code(f.lock().mode()))
                    .append(f.lock().rewrites() ? ", rewriting the table" : f.lock().scans() ? ", scanning the table" : "")
                    .append("; blocks ").append(Markdown.text(f.lock().blocks())).append('\n');
        }
        if (f.help() != null && !f.help().isBlank()) {
            b.append('\n').append(Markdown.text(f.help())).append('\n');
        }
        if (outcome != null && outcome.isFixed() && outcome.fix() != null) {
            b.append("\nRewrite: ").append(Markdown.text(outcome.fix().description())).append('\n');
        }
        b.append("\nExplain: `migralint explain ").append(f.ruleId().replaceAll("[^a-z0-9-]", "")).append("`\n");
        return b.toString();
    }

    private static String icon(Severity s) {
        return switch (s) {
            case ERROR -> "❌";
            case WARNING -> "⚠️";
            case NOTICE -> "ℹ️";
        };
    }

    /** The line to put a finding's comment on: its own line when on the diff, else its statement's first such line. */
    static int commentLine(ReviewFile file, Finding f) {
        int from = Math.max(1, f.line());
        int to = Math.max(from, f.endLine());
        for (int l = from; l <= to; l++) {
            if (file.onDiff().test(l)) {
                return l;
            }
        }
        if (f.statementSpan() != null && f.statementSpan().end() > f.statementSpan().start()) {
            int first = lineOf(file.text(), f.statementSpan().start());
            int last = lineOf(file.text(), Math.max(f.statementSpan().start(), f.statementSpan().end() - 1));
            for (int l = first; l <= last; l++) {
                if (file.onDiff().test(l)) {
                    return l;
                }
            }
        }
        return 0;
    }

    private static boolean onDiff(ReviewFile file, int first, int last) {
        for (int l = first; l <= last; l++) {
            if (!file.onDiff().test(l)) {
                return false;
            }
        }
        return true;
    }

    private static int lineOf(String text, int offset) {
        int line = 1;
        for (int i = 0; i < Math.min(offset, text.length()); i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    /** Lines between a finding's statement and a hunk (0 when they overlap). */
    private static int distance(Finding f, Hunk h) {
        int first = Math.max(1, f.line());
        int last = Math.max(first, f.endLine());
        int hFirst = h.a0() + 1;
        int hLast = Math.max(hFirst, h.a1());
        if (last < hFirst) {
            return hFirst - last;
        }
        if (first > hLast) {
            return first - hLast;
        }
        return 0;
    }

    private static RawText raw(String s) {
        return new RawText(s.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The line hunks between two texts, each holding at least one original line (GitHub suggests changes to lines,
     * so an insertion takes the line after it along, or the line before at the end of the file); hunks that then
     * touch are merged. Between hunks every line is common, so each hunk's fixed lines are exactly its part.
     */
    static List<Hunk> hunks(RawText a, RawText b) {
        EditList edits = DiffAlgorithm.getAlgorithm(DiffAlgorithm.SupportedAlgorithm.HISTOGRAM)
                .diff(RawTextComparator.DEFAULT, a, b);
        List<Hunk> out = new ArrayList<>();
        for (Edit e : edits) {
            int a0 = e.getBeginA();
            int a1 = e.getEndA();
            int b0 = e.getBeginB();
            int b1 = e.getEndB();
            if (a0 == a1) {
                if (a1 < a.size()) {
                    a1++;
                    b1++;
                } else if (a0 > 0) {
                    a0--;
                    b0--;
                } else {
                    continue; // an empty file: nothing to anchor a suggestion on
                }
            }
            Hunk h = new Hunk(a0, a1, b0, b1);
            if (!out.isEmpty() && out.get(out.size() - 1).a1() >= h.a0()) {
                Hunk p = out.remove(out.size() - 1);
                h = new Hunk(Math.min(p.a0(), h.a0()), Math.max(p.a1(), h.a1()), Math.min(p.b0(), h.b0()),
                        Math.max(p.b1(), h.b1()));
            }
            out.add(h);
        }
        return out;
    }
}
