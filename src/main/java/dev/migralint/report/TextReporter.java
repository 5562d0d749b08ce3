package dev.migralint.report;

import dev.migralint.config.Printable;
import dev.migralint.config.Severity;
import dev.migralint.rules.FileResult;
import dev.migralint.rules.Finding;
import dev.migralint.rules.RunResult;
import dev.migralint.sql.LineIndex;
import dev.migralint.sql.SourceFile;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Compiler-style text: {@code path:line:col: severity[rule]: message}, a code frame with the operation underlined,
 * the lock it takes, a help line and where to read more, then a verdict.
 *
 * <p>A large run prints megabytes (the shared corpus: 110,000 lines), so the report is built in blocks of files,
 * rendered in parallel and handed to the writer whole: the writer callers pass flushes on every line it is given, and
 * a formatted string per line cost more than linting.
 */
public final class TextReporter implements FileByFileReporter {
    private static final int MAX_FRAME_LINES = 6;
    /** Lines longer than this are shown as a window of CONTEXT_CHARS either side of the span. */
    private static final int MAX_LINE_SHOWN = 240;
    private static final int CONTEXT_CHARS = 80;
    /** Files per block: a block is rendered on one thread into one string. */
    private static final int BLOCK_FILES = 32;
    private static final int WINDOW_BLOCKS = 16;
    private static final String NL = System.lineSeparator();
    // Written out: Comparator's combinators are lambdas of the JDK's own, which the start-up archive cannot keep.
    private static final Comparator<Finding> BY_POSITION = (a, b) -> a.line() != b.line()
            ? Integer.compare(a.line(), b.line()) : Integer.compare(a.column(), b.column());

    private final Style style;
    private final boolean showSuppressed;
    /** Only errors and the verdict (--quiet): no warnings, notices, summary or counts. */
    private final boolean quiet;

    public TextReporter(Style style, boolean showSuppressed) {
        this(style, showSuppressed, false);
    }

    public TextReporter(Style style, boolean showSuppressed, boolean quiet) {
        this.style = style;
        this.showSuppressed = showSuppressed && !quiet;
        this.quiet = quiet;
    }

    @Override
    public void write(RunResult result, PrintWriter out) {
        List<FileResult> files = result.files();
        // Files are rendered in blocks; the blocks of a window in parallel, then written in order. The window bounds
        // what is held in memory at once.
        int window = BLOCK_FILES * WINDOW_BLOCKS;
        for (int from = 0; from < files.size(); from += window) {
            int start = from;
            int end = Math.min(files.size(), from + window);
            String[] blocks = new String[(end - start + BLOCK_FILES - 1) / BLOCK_FILES];
            IntStream each = IntStream.range(0, blocks.length);
            (blocks.length > 1 ? each.parallel() : each).forEach(i -> blocks[i] =
                    render(files, start + i * BLOCK_FILES, Math.min(end, start + (i + 1) * BLOCK_FILES)));
            for (String block : blocks) {
                out.write(block);
            }
        }
        writeEnd(result, RunTotals.of(result), out);
    }

    @Override
    public void writeFile(FileResult file, PrintWriter out) {
        out.write(render(List.of(file), 0, 1));
    }

    @Override
    public void writeEnd(RunResult result, RunTotals totals, PrintWriter out) {
        StringBuilder b = new StringBuilder();
        writeSummary(totals, b);
        out.append(b);
    }

    private String render(List<FileResult> files, int from, int to) {
        // A fresh builder per block, sized for ~1 KB per finding: a builder that once held a non-Latin-1 character
        // stays two bytes per character, so reusing one would slow every later block.
        int findings = 0;
        for (int i = from; i < to; i++) {
            findings += files.get(i).findings().size();
        }
        StringBuilder b = new StringBuilder(Math.max(256, Math.min(findings, 4096) * 1024));
        for (int i = from; i < to; i++) {
            FileResult file = files.get(i);
            for (Finding f : shown(file.findings())) {
                writeFinding(file, f, b);
            }
        }
        return b.toString();
    }

    /** The findings to print, by position (stable: findings on one position keep the linter's order). */
    private List<Finding> shown(List<Finding> findings) {
        boolean ordered = true;
        for (int i = 0; i < findings.size() && ordered; i++) {
            Finding f = findings.get(i);
            ordered = shows(f) && (i == 0 || BY_POSITION.compare(findings.get(i - 1), f) <= 0);
        }
        if (ordered) {
            return findings;
        }
        List<Finding> out = new ArrayList<>(findings.size());
        for (Finding f : findings) {
            if (shows(f)) {
                out.add(f);
            }
        }
        out.sort(BY_POSITION);
        return out;
    }

    private boolean shows(Finding f) {
        return (showSuppressed || !f.suppressed()) && (!quiet || f.severity() == Severity.ERROR);
    }

    private void writeFinding(FileResult file, Finding f, StringBuilder b) {
        style.open(b, Style.BOLD).append(Printable.of(f.path())).append(':').append(f.line()).append(':').append(f.column());
        style.close(b).append(": ");
        style.open(b, Style.of(f.severity())).append(f.severity().id()).append('[').append(f.ruleId()).append(']');
        style.close(b).append(": ").append(f.message());
        if (f.down()) {
            style.open(b, Style.DIM).append(" (down migration)");
            style.close(b);
        }
        if (f.unchangedLine()) {
            style.open(b, Style.DIM).append(" (unchanged line)");
            style.close(b);
        }
        if (f.suppressed()) {
            style.open(b, Style.DIM).append(" (ignored: ").append(reason(f)).append(')');
            style.close(b);
        }
        b.append(NL);
        SourceFile source = file.loaded().source();
        if (source != null && f.span().length() > 0) {
            frame(source, f, b);
        }
        if (f.lock() != null && f.lock().mode() != null && !"none".equals(f.lock().mode())) {
            String extra = f.lock().rewrites() ? ", rewriting the table" : f.lock().scans() ? ", scanning the table" : "";
            cyan(b, "   = lock: ").append(f.lock().mode()).append(extra).append("; blocks ").append(f.lock().blocks())
                    .append(NL);
        }
        if (f.help() != null) {
            cyan(b, "   = help: ").append(f.help()).append(NL);
        }
        cyan(b, "   = see: ").append("migralint explain ").append(f.ruleId()).append(NL);
        b.append(NL);
    }

    private static String reason(Finding f) {
        return f.suppressedBy().reason() == null ? "no reason given" : Printable.of(f.suppressedBy().reason());
    }

    private void frame(SourceFile source, Finding f, StringBuilder b) {
        LineIndex lines = source.lines();
        String text = source.text();
        int first = f.line();
        int last = Math.min(f.endLine(), first + MAX_FRAME_LINES - 1);
        int width = digits(last);
        gutter(b, width).append(NL);
        for (int line = first; line <= last; line++) {
            int ls = lines.lineStart(line);
            int le = lines.lineEnd(line, text);
            int length = le - ls;
            style.open(b, Style.CYAN);
            repeat(b, ' ', width - digits(line)).append(line).append(" |");
            style.close(b).append(' ');
            int from = line == first ? f.column() - 1 : firstNonSpace(text, ls, le);
            int to = line == f.endLine() ? f.endColumn() - 1 : length;
            to = Math.min(to, length);
            // A long line (minified SQL, a generated one-line file) shows a window around the span: copying the whole
            // line for each of its findings makes the report grow with the square of the line.
            int viewStart = 0;
            int viewEnd = length;
            if (length > MAX_LINE_SHOWN) {
                int at = Math.max(0, Math.min(from, length));
                viewStart = Math.max(0, at - CONTEXT_CHARS);
                viewEnd = Math.min(length, Math.max(at, Math.min(to, at + CONTEXT_CHARS * 2)) + CONTEXT_CHARS);
            }
            String before = viewStart > 0 ? "\u2026" : "";
            b.append(before).append(Printable.sameWidth(text, ls + viewStart, ls + viewEnd).replace('\t', ' '));
            b.append(viewEnd < length ? "\u2026" : "").append(NL);
            int shownTo = Math.min(to, viewEnd);
            if (shownTo > from) {
                gutter(b, width).append(' ');
                repeat(b, ' ', Math.max(0, before.length() + from - viewStart));
                style.open(b, Style.of(f.severity()));
                repeat(b, '^', shownTo - Math.max(from, viewStart));
                style.close(b).append(NL);
            }
        }
        if (f.endLine() > last) {
            gutter(b, width).append(' ');
            style.open(b, Style.DIM).append("... (").append(f.endLine() - last).append(" more lines)");
            style.close(b).append(NL);
        }
    }

    /** The frame's empty gutter: width + 1 spaces and a bar, in cyan. */
    private StringBuilder gutter(StringBuilder b, int width) {
        style.open(b, Style.CYAN);
        repeat(b, ' ', width + 1).append('|');
        return style.close(b);
    }

    private StringBuilder cyan(StringBuilder b, String s) {
        style.open(b, Style.CYAN).append(s);
        return style.close(b);
    }

    private static StringBuilder repeat(StringBuilder b, char c, int n) {
        for (int i = 0; i < n; i++) {
            b.append(c);
        }
        return b;
    }

    private static int digits(int n) {
        int d = 1;
        for (int x = n; x >= 10 || x <= -10; x /= 10) {
            d++;
        }
        return n < 0 ? d + 1 : d;
    }

    private static int firstNonSpace(String text, int from, int to) {
        int i = from;
        while (i < to && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        return i - from;
    }

    private void writeSummary(RunTotals result, StringBuilder b) {
        if (!quiet) {
            writeByRule(result.byRule(), b);
            writeCounts(result, b);
        }
        writeVerdict(result, b);
    }

    /** The findings by rule, most frequent first, as {@code ruff --statistics} lists them. */
    private void writeByRule(RuleTallies tallies, StringBuilder b) {
        List<RuleTallies.RuleTally> ranked = tallies.ranked();
        if (ranked.isEmpty()) {
            return;
        }
        int countWidth = 1;
        int ruleWidth = 1;
        for (RuleTallies.RuleTally t : ranked) {
            countWidth = Math.max(countWidth, digits((int) Math.min(Integer.MAX_VALUE, t.count())));
            ruleWidth = Math.max(ruleWidth, t.rule().length());
        }
        style.open(b, Style.BOLD).append("Findings by rule:");
        style.close(b).append(NL);
        for (RuleTallies.RuleTally t : ranked) {
            b.append("  ");
            repeat(b, ' ', countWidth - digits((int) Math.min(Integer.MAX_VALUE, t.count()))).append(t.count()).append("  ");
            style.open(b, Style.of(t.severity())).append(t.severity().id());
            style.close(b);
            repeat(b, ' ', "warning".length() - t.severity().id().length()).append("  ").append(t.rule());
            if (t.fixable() > 0) {
                repeat(b, ' ', ruleWidth - t.rule().length()).append("  ")
                        .append(t.fixable() == t.count() ? "fixable" : t.fixable() + " fixable");
            }
            b.append(NL);
        }
        long fixable = tallies.fixable();
        if (fixable > 0) {
            style.open(b, Style.DIM).append(fixable == 1 ? "1 finding names a fix" : fixable + " findings name a fix")
                    .append(": 'migralint fix --diff' shows it, 'migralint fix' applies the safe ones");
            style.close(b).append(NL);
        }
    }

    private void writeCounts(RunTotals result, StringBuilder b) {
        long notices = result.notices();
        long baselined = result.baselined();
        long suppressed = result.ignoredInline();
        style.open(b, Style.DIM).append("Checked ").append(plural(result.files(), "file")).append(", ")
                .append(plural(result.statements(), "statement")).append(" in ").append(result.elapsedMillis())
                .append(" ms");
        if (suppressed > 0) {
            b.append("; ").append(suppressed).append(" finding(s) ignored inline");
        }
        if (baselined > 0) {
            b.append("; ").append(baselined).append(" finding(s) in the baseline");
        }
        if (notices > 0) {
            b.append("; ").append(plural(notices, "notice"));
        }
        style.close(b).append(NL);
    }

    private void writeVerdict(RunTotals result, StringBuilder b) {
        long errors = result.errors();
        long warnings = result.warnings();
        if (result.safe()) {
            style.open(b, Style.GREEN).append("SAFE TO DEPLOY");
            style.close(b);
            if (warnings > 0 && !Severity.WARNING.atLeast(result.failOn())) {
                b.append(" (").append(plural(warnings, "warning")).append(" to review)");
            }
            b.append(NL);
        } else {
            style.open(b, Style.RED).append("NOT SAFE TO DEPLOY");
            style.close(b).append(": ").append(plural(errors, "error")).append(", ")
                    .append(plural(warnings, "warning")).append(" in ")
                    .append(plural(result.filesWithWarnings(), "file")).append(NL);
        }
    }

    static String plural(long n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }
}
