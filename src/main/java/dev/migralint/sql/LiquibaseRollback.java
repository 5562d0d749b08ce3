package dev.migralint.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Liquibase formatted SQL keeps a changeset's rollback in comment lines ({@code --rollback DROP TABLE t;}), which
 * Liquibase runs on rollback. So that they are parsed as SQL with their real positions, {@link #expose} blanks each
 * such line's {@code --rollback } prefix (same length, same offsets) in files whose first line says
 * {@code --liquibase formatted sql}; everywhere else comments stay comments. The multi-line form, a block comment
 * whose first line is {@code /* liquibase rollback} and whose last line ends with the comment's end, is exposed the
 * same way: its first line and the comment's end are blanked, and the SQL between is code. {@link #runs} gives the
 * ranges of consecutive rollback lines and blocks, which the runner model makes down units.
 */
public final class LiquibaseRollback {
    /** Liquibase's first-line test: {@code --liquibase formatted}, without case. */
    private static final Pattern HEADER = Pattern.compile("^\\s*--\\s*liquibase\\s*formatted.*",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    /** Liquibase's rollback line: {@code --}, optional white space, {@code rollback}, one space, the SQL. */
    private static final Pattern LINE = Pattern.compile("(\\s*--\\s*rollback )(.*)",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

    /** Liquibase's start of a multi-line rollback: the whole line is {@code /* liquibase rollback}, without case. */
    private static final Pattern BLOCK_START = Pattern.compile("\\s*/\\*\\s*liquibase\\s*rollback\\s*",
            Pattern.CASE_INSENSITIVE);
    /** Its end: a line that ends with the comment's end (what is before it on that line is still rollback SQL). */
    private static final Pattern BLOCK_END = Pattern.compile(".*\\*/\\s*", Pattern.DOTALL);

    private LiquibaseRollback() {
    }

    /** A run of consecutive rollback lines: {@code [start, end)}, end after the last line's line break. */
    public record Run(int start, int end) {
    }

    public static boolean isFormattedSql(String text) {
        int nl = text.indexOf('\n');
        return HEADER.matcher(nl < 0 ? text : text.substring(0, nl)).matches();
    }

    /** The text with rollback SQL exposed, or the text itself when it is not formatted SQL or has no rollback. */
    public static String expose(String text) {
        if (!isFormattedSql(text) || !text.toLowerCase(Locale.ROOT).contains("rollback")) {
            return text;
        }
        char[] out = null;
        int lineStart = 0;
        int lastCode = -1;
        boolean lastHasComment = false;
        while (lineStart < text.length()) {
            int nl = text.indexOf('\n', lineStart);
            int lineEnd = nl < 0 ? text.length() : nl;
            int next = nl < 0 ? text.length() : nl + 1;
            Block block = block(text, lineStart, lineEnd);
            if (block != null) {
                if (lastCode >= 0) {
                    terminate(text, out, lastCode, lastHasComment);
                    lastCode = -1;
                }
                if (out == null) {
                    out = text.toCharArray();
                }
                for (int i = lineStart; i < lineEnd; i++) {
                    out[i] = ' ';
                }
                // The comment's end becomes the statement's end when the SQL has none: Liquibase ends it there.
                String sql = text.substring(block.sqlStart(), block.close()).stripTrailing();
                out[block.close()] = sql.endsWith(";") || sql.contains("--") ? ' ' : ';';
                out[block.close() + 1] = ' ';
                lineStart = block.next();
                continue;
            }
            Matcher m = LINE.matcher(text.substring(lineStart, lineEnd));
            if (m.matches() && isSql(m.group(2))) {
                if (out == null) {
                    out = text.toCharArray();
                }
                for (int i = lineStart; i < lineStart + m.end(1); i++) {
                    out[i] = ' ';
                }
                lastCode = lineEnd;
                lastHasComment = m.group(2).contains("--");
            } else if (lastCode >= 0) {
                // The rollback ended without a semicolon: Liquibase ends its SQL there, so the splitter must too. The
                // line break becomes the terminator, which keeps every offset.
                terminate(text, out, lastCode, lastHasComment);
                lastCode = -1;
            }
            lineStart = next;
        }
        return out == null ? text : new String(out);
    }

    /** Ranges of consecutive rollback lines whose SQL {@link #expose} exposed. */
    public static List<Run> runs(String text) {
        List<Run> runs = new ArrayList<>();
        if (!isFormattedSql(text)) {
            return runs;
        }
        int lineStart = 0;
        while (lineStart < text.length()) {
            int nl = text.indexOf('\n', lineStart);
            int lineEnd = nl < 0 ? text.length() : nl;
            int next = nl < 0 ? text.length() : nl + 1;
            Block block = block(text, lineStart, lineEnd);
            if (block != null) {
                next = block.next();
            }
            Matcher m = block != null ? null : LINE.matcher(text.substring(lineStart, lineEnd));
            if (block != null || (m.matches() && isSql(m.group(2)))) {
                if (!runs.isEmpty() && runs.get(runs.size() - 1).end() == lineStart) {
                    runs.set(runs.size() - 1, new Run(runs.get(runs.size() - 1).start(), next));
                } else {
                    runs.add(new Run(lineStart, next));
                }
            }
            lineStart = next;
        }
        return runs;
    }

    /**
     * A multi-line rollback starting on the line {@code [lineStart, lineEnd)}: where its SQL starts, where the comment's
     * end is, and where the line after it starts; null when the line does not start one, the comment is never closed
     * (Liquibase refuses the file) or it holds no SQL ("empty", "not required").
     */
    private record Block(int sqlStart, int close, int next) {
    }

    private static Block block(String text, int lineStart, int lineEnd) {
        if (!BLOCK_START.matcher(text.substring(lineStart, lineEnd)).matches() || lineEnd >= text.length()) {
            return null;
        }
        int at = lineEnd + 1;
        while (at < text.length()) {
            int nl = text.indexOf('\n', at);
            int end = nl < 0 ? text.length() : nl;
            String line = text.substring(at, end);
            if (BLOCK_END.matcher(line).matches()) {
                int close = at + line.lastIndexOf("*/");
                return isSql(text.substring(lineEnd + 1, close)) ? new Block(lineEnd + 1, close, nl < 0 ? end : nl + 1)
                        : null;
            }
            at = nl < 0 ? text.length() : nl + 1;
        }
        return null;
    }

    /** "empty" and "not required" say the changeset has no rollback (Liquibase's handleRollbackSequence). */
    private static boolean isSql(String rest) {
        String s = rest.strip().toLowerCase(Locale.ROOT);
        return !s.isEmpty() && !s.startsWith("empty") && !s.startsWith("not required");
    }

    private static void terminate(String text, char[] out, int lineEnd, boolean hasComment) {
        String line = text.substring(text.lastIndexOf('\n', lineEnd - 1) + 1, lineEnd).stripTrailing();
        if (!line.endsWith(";") && !hasComment && lineEnd < text.length()) {
            out[lineEnd] = ';';
        }
    }
}
