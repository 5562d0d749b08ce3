package dev.migralint.report;

import dev.migralint.config.Severity;
import dev.migralint.rules.FileResult;
import dev.migralint.rules.Finding;
import dev.migralint.rules.RunResult;
import dev.migralint.sql.LineIndex;
import dev.migralint.sql.SourceFile;

import java.io.PrintWriter;
import java.util.Comparator;
import java.util.List;

/**
 * Compiler-style text: {@code path:line:col: severity[rule]: message}, a code frame with the operation underlined,
 * the lock it takes, a help line and where to read more, then a verdict.
 */
public final class TextReporter implements FileByFileReporter {
    private static final int MAX_FRAME_LINES = 6;
    private final Style style;
    private final boolean showSuppressed;

    public TextReporter(Style style, boolean showSuppressed) {
        this.style = style;
        this.showSuppressed = showSuppressed;
    }

    @Override
    public void writeFile(FileResult file, PrintWriter out) {
        List<Finding> findings = file.findings().stream()
                .filter(f -> showSuppressed || !f.suppressed())
                .sorted(Comparator.comparingInt(Finding::line).thenComparingInt(Finding::column))
                .toList();
        for (Finding f : findings) {
            writeFinding(file, f, out);
        }
    }

    @Override
    public void writeEnd(RunResult result, RunTotals totals, PrintWriter out) {
        writeSummary(totals, out);
    }

    private void writeFinding(FileResult file, Finding f, PrintWriter out) {
        String location = f.path() + ":" + f.line() + ":" + f.column();
        String sev = style.severity(f.severity(), f.severity().id() + "[" + f.ruleId() + "]");
        out.println(style.bold(location) + ": " + sev + ": " + f.message()
                + (f.unchangedLine() ? style.dim(" (unchanged line)") : "")
                + (f.suppressed() ? style.dim(" (ignored: " + reason(f) + ")") : ""));
        SourceFile source = file.loaded().source();
        if (source != null && f.span().length() > 0) {
            frame(source, f, out);
        }
        if (f.lock() != null && f.lock().mode() != null && !"none".equals(f.lock().mode())) {
            String extra = f.lock().rewrites() ? ", rewriting the table" : f.lock().scans() ? ", scanning the table" : "";
            out.println(style.cyan("   = lock: ") + f.lock().mode() + extra + "; blocks " + f.lock().blocks());
        }
        if (f.help() != null) {
            out.println(style.cyan("   = help: ") + f.help());
        }
        out.println(style.cyan("   = see: ") + "migralint explain " + f.ruleId());
        out.println();
    }

    private static String reason(Finding f) {
        return f.suppressedBy().reason() == null ? "no reason given" : f.suppressedBy().reason();
    }

    private void frame(SourceFile source, Finding f, PrintWriter out) {
        LineIndex lines = source.lines();
        String text = source.text();
        int first = f.line();
        int last = Math.min(f.endLine(), first + MAX_FRAME_LINES - 1);
        int width = String.valueOf(last).length();
        String gutter = " ".repeat(width + 1) + "|";
        out.println(style.cyan(gutter));
        for (int line = first; line <= last; line++) {
            int ls = lines.lineStart(line);
            int le = lines.lineEnd(line, text);
            String content = text.substring(ls, le).replace('\t', ' ');
            String number = String.valueOf(line);
            out.println(style.cyan(" ".repeat(width - number.length()) + number + " |") + " " + content);
            int from = line == first ? f.column() - 1 : firstNonSpace(content);
            int to = line == f.endLine() ? f.endColumn() - 1 : content.length();
            to = Math.min(to, content.length());
            if (to > from) {
                out.println(style.cyan(gutter) + " " + " ".repeat(Math.max(0, from))
                        + style.severity(f.severity(), "^".repeat(to - from)));
            }
        }
        if (f.endLine() > last) {
            out.println(style.cyan(gutter) + " " + style.dim("... (" + (f.endLine() - last) + " more lines)"));
        }
    }

    private static int firstNonSpace(String s) {
        int i = 0;
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    private void writeSummary(RunTotals result, PrintWriter out) {
        long errors = result.errors();
        long warnings = result.warnings();
        long notices = result.notices();
        long baselined = result.baselined();
        long suppressed = result.ignoredInline();
        out.println(style.dim("Checked " + plural(result.files(), "file") + ", "
                + plural(result.statements(), "statement") + " in " + result.elapsedMillis() + " ms"
                + (suppressed > 0 ? "; " + suppressed + " finding(s) ignored inline" : "")
                + (baselined > 0 ? "; " + baselined + " finding(s) in the baseline" : "")
                + (notices > 0 ? "; " + plural(notices, "notice") : "")));
        if (result.safe()) {
            String tail = warnings > 0 && !Severity.WARNING.atLeast(result.failOn())
                    ? " (" + plural(warnings, "warning") + " to review)" : "";
            out.println(style.green("SAFE TO DEPLOY") + tail);
        } else {
            out.println(style.red("NOT SAFE TO DEPLOY") + ": " + plural(errors, "error") + ", "
                    + plural(warnings, "warning") + " in " + plural(result.filesWithWarnings(), "file"));
        }
    }

    static String plural(long n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }
}
