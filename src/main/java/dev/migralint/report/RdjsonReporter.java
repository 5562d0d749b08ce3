package dev.migralint.report;

import dev.migralint.config.Severity;
import dev.migralint.rules.FileResult;
import dev.migralint.rules.Finding;
import dev.migralint.rules.RunResult;
import dev.migralint.sql.LineIndex;
import dev.migralint.sql.SourceFile;
import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;

/**
 * {@code --format rdjson}: reviewdog's Diagnostic Format (a {@code DiagnosticResult}), with fixes as suggestions so
 * that reviewdog's GitHub and GitLab reporters show them as one-click changes. Columns are UTF-8 byte columns, as the
 * format requires; ranges are end-exclusive.
 */
public record RdjsonReporter(Reporters.Options options) implements Reporter {
    @Override
    public void write(RunResult result, PrintWriter out) {
        JsonEscapes.document(out, g -> {
            g.writeStartObject();
            g.writeObjectFieldStart("source");
            g.writeStringField("name", "migralint");
            g.writeStringField("url", Docs.PROJECT_URL);
            g.writeEndObject();
            g.writeStringField("severity", overall(result));
            g.writeArrayFieldStart("diagnostics");
            for (FileResult file : result.files()) {
                FixSource.PerFile fixes = FixSource.guarded(options.fixes(), file);
                List<Finding> findings = FindingOrder.unsuppressed(file);
                for (Finding f : findings) {
                    diagnostic(g, file, f, fixes);
                }
            }
            g.writeEndArray();
            g.writeEndObject();
        });
        out.flush();
    }

    private void diagnostic(JsonGenerator g, FileResult file, Finding f, FixSource.PerFile fixes) throws IOException {
        SourceFile src = file.loaded().source();
        g.writeStartObject();
        StringBuilder message = new StringBuilder(f.message());
        if (f.down()) {
            message.append(" (down migration)");
        }
        if (f.lock() != null && f.lock().mode() != null && !"none".equals(f.lock().mode())) {
            message.append("\nLock: ").append(f.lock().mode()).append("; blocks ").append(f.lock().blocks());
        }
        if (f.help() != null) {
            message.append("\nHelp: ").append(f.help());
        }
        g.writeStringField("message", message.toString());
        g.writeObjectFieldStart("location");
        // reviewdog runs at the repository root: paths relative to the CI checkout when there is one.
        g.writeStringField("path", ReportPaths.ciPath(f.path(), options.root(), options.env()));
        g.writeObjectFieldStart("range");
        boolean ranged = f.span() != null && f.span().length() > 0 && src != null
                && f.span().end() <= src.text().length();
        if (ranged) {
            position(g, "start", src, f.span().start());
            position(g, "end", src, f.span().end());
        } else {
            g.writeObjectFieldStart("start");
            g.writeNumberField("line", Math.max(1, f.line()));
            g.writeEndObject();
        }
        g.writeEndObject();
        g.writeEndObject();
        g.writeStringField("severity", severity(f.severity()));
        g.writeObjectFieldStart("code");
        g.writeStringField("value", f.ruleId());
        g.writeStringField("url", Docs.ruleUrl(f.ruleId()));
        g.writeEndObject();
        List<SuggestedFix> suggested = src == null ? List.of() : fixes.fixesFor(f);
        // reviewdog applies every suggestion of a diagnostic together: offer the first fix, whole.
        if (!suggested.isEmpty() && valid(suggested.get(0), src)) {
            g.writeArrayFieldStart("suggestions");
            for (SuggestedFix.Edit e : suggested.get(0).edits()) {
                g.writeStartObject();
                g.writeObjectFieldStart("range");
                position(g, "start", src, e.span().start());
                position(g, "end", src, e.span().end());
                g.writeEndObject();
                g.writeStringField("text", e.text());
                g.writeEndObject();
            }
            g.writeEndArray();
        }
        g.writeEndObject();
    }

    private static boolean valid(SuggestedFix fix, SourceFile src) {
        return !fix.edits().isEmpty() && fix.edits().stream().allMatch(e -> e.span().end() <= src.text().length());
    }

    private static void position(JsonGenerator g, String name, SourceFile src, int offset) throws IOException {
        g.writeObjectFieldStart(name);
        g.writeNumberField("line", src.lines().line(offset));
        g.writeNumberField("column", utf8Column(src, offset));
        g.writeEndObject();
    }

    /** 1-based column counted in UTF-8 bytes from the start of the offset's line. */
    static int utf8Column(SourceFile src, int offset) {
        LineIndex lines = src.lines();
        int start = lines.lineStart(lines.line(offset));
        int end = Math.min(Math.max(offset, start), src.text().length());
        return end - start + Utf8Extra.of(src).between(start, end) + 1;
    }

    /**
     * Where a file's characters take more than one UTF-8 byte, so that a column is a subtraction and two binary
     * searches: encoding the line up to each position made long lines quadratic. Kept for the last file asked about.
     */
    private static final class Utf8Extra {
        private static final ThreadLocal<Utf8Extra> LAST = new ThreadLocal<>();
        private final SourceFile src;
        /** Offsets of the characters wider than one byte, and the extra bytes up to and including each. */
        private final int[] at;
        private final int[] cumulative;

        private Utf8Extra(SourceFile src) {
            this.src = src;
            String t = src.text();
            int n = 0;
            for (int i = 0; i < t.length(); i++) {
                if (t.charAt(i) >= 0x80) {
                    n++;
                }
            }
            at = new int[n];
            cumulative = new int[n];
            int k = 0;
            int sum = 0;
            for (int i = 0; i < t.length(); i++) {
                char c = t.charAt(i);
                if (c >= 0x80) {
                    // A surrogate pair is 4 bytes for 2 chars: 1 extra for each half.
                    sum += c < 0x800 ? 1 : Character.isSurrogate(c) ? 1 : 2;
                    at[k] = i;
                    cumulative[k++] = sum;
                }
            }
        }

        static Utf8Extra of(SourceFile src) {
            Utf8Extra last = LAST.get();
            if (last != null && last.src == src) {
                return last;
            }
            Utf8Extra e = new Utf8Extra(src);
            LAST.set(e);
            return e;
        }

        /** Extra bytes of the characters in [from, to). */
        int between(int from, int to) {
            return upTo(to) - upTo(from);
        }

        private int upTo(int offset) {
            int i = Arrays.binarySearch(at, offset);
            int before = i >= 0 ? i : -i - 1; // characters strictly before offset
            return before == 0 ? 0 : cumulative[before - 1];
        }
    }

    static String severity(Severity s) {
        return switch (s) {
            case ERROR -> "ERROR";
            case WARNING -> "WARNING";
            case NOTICE -> "INFO";
        };
    }

    private static String overall(RunResult result) {
        for (Severity s : Severity.values()) {
            if (result.count(s) > 0) {
                return severity(s);
            }
        }
        return "INFO";
    }
}
