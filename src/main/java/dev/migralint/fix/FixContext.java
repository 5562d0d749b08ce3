package dev.migralint.fix;

import dev.migralint.analysis.AnalyzedFile;
import dev.migralint.analysis.AnalyzedOperation;
import dev.migralint.rules.Finding;
import dev.migralint.sql.Dialect;
import dev.migralint.sql.ParsedStatement;
import dev.migralint.sql.Span;
import dev.migralint.sql.Statement;
import dev.migralint.sql.Token;
import dev.migralint.sql.TokenType;
import dev.migralint.sql.op.Operation;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Everything a rewrite may look at: the analysed file, its text, the findings being fixed together, the options, and
 * small helpers over tokens and lines. Offsets are into {@link #text()}.
 */
public final class FixContext {
    private final AnalyzedFile file;
    private final String text;
    private final String newline;
    private final FixOptions options;
    private final List<Finding> findings;
    private final Set<Integer> removedStatements = new HashSet<>();

    public FixContext(AnalyzedFile file, FixOptions options, List<Finding> findings) {
        this.file = file;
        this.text = file.parsed().source().text();
        this.newline = LineEndings.dominant(text);
        this.options = options;
        this.findings = List.copyOf(findings);
    }

    public AnalyzedFile file() {
        return file;
    }

    public String text() {
        return text;
    }

    /** The file's dominant line break; every inserted line break uses it. */
    public String newline() {
        return newline;
    }

    public FixOptions options() {
        return options;
    }

    public Dialect dialect() {
        return file.parsed().dialect();
    }

    /** The findings being fixed in this pass (unsuppressed, with a fix). */
    public List<Finding> findings() {
        return findings;
    }

    /** Statements that an accepted fix removes or comments out; per-file rewrites skip them. */
    public Set<Integer> removedStatements() {
        return Collections.unmodifiableSet(removedStatements);
    }

    void markRemoved(int statementIndex) {
        removedStatements.add(statementIndex);
    }

    public AnalyzedOperation operation(Finding f) {
        int i = f.operationIndex();
        return i >= 0 && i < file.operations().size() ? file.operations().get(i) : null;
    }

    public Statement statement(Finding f) {
        AnalyzedOperation ao = operation(f);
        return ao == null ? null : ao.statement().statement();
    }

    public ParsedStatement parsedStatement(int index) {
        return file.parsed().statements().get(index);
    }

    /** The operations of the statement (an ALTER TABLE with three actions has three). */
    public List<AnalyzedOperation> operationsOf(Statement st) {
        return new ArrayList<>(index().byStatement.getOrDefault(st.index(), List.of()));
    }

    /** Facts about the whole file, computed once per file. */
    FileIndex index() {
        return FileIndex.of(file);
    }

    /** The statement's code tokens (no comments, no terminator). */
    public static List<Token> code(Statement st) {
        return st.code();
    }

    /** The code tokens of the statement that lie inside {@code span}. */
    public static List<Token> codeIn(Statement st, Span span) {
        List<Token> out = new ArrayList<>();
        for (Token t : st.code()) {
            if (t.start() >= span.start() && t.end() <= span.end()) {
                out.add(t);
            }
        }
        return out;
    }

    /** Index of the first code token that is the keyword, searching from {@code from}; -1 when absent. */
    public static int indexOf(List<Token> code, int from, String keyword) {
        for (int i = Math.max(0, from); i < code.size(); i++) {
            if (code.get(i).is(keyword)) {
                return i;
            }
        }
        return -1;
    }

    public static Token at(List<Token> code, int i) {
        return i >= 0 && i < code.size() ? code.get(i) : null;
    }

    /** True when a token of the statement runs to the end of the file. */
    public static boolean hasUnterminated(Statement st) {
        for (Token t : st.tokens()) {
            if (t.unterminated()) {
                return true;
            }
        }
        return st.terminator() != null && st.terminator().unterminated();
    }

    public static boolean isUnknown(Operation op) {
        return op instanceof Operation.Unknown || op instanceof Operation.FileProblem;
    }

    // ------------------------------------------------------------------ lines

    // Lines through the file's line index: scanning for the line break made every question about a long line cost
    // the line's length, and a one-line file of thousands of statements quadratic.
    public int lineStart(int offset) {
        int i = Math.min(Math.max(offset, 0), text.length());
        if (i > 0 && (text.charAt(i - 1) == '\n' || text.charAt(i - 1) == '\r')) {
            return i;
        }
        var lines = file.parsed().source().lines();
        return Math.min(i, lines.lineStart(lines.line(i)));
    }

    /** Offset of the line break ending the line that holds {@code offset} (or the end of the text). */
    public int lineEnd(int offset) {
        int i = Math.max(0, offset);
        if (i >= text.length() || text.charAt(i) == '\n' || text.charAt(i) == '\r') {
            return Math.min(i, text.length());
        }
        var lines = file.parsed().source().lines();
        return Math.max(i, lines.lineEnd(lines.line(i), text));
    }

    /** True when only spaces and tabs lie between the start of the line and {@code offset}. */
    public boolean startsLine(int offset) {
        return text.substring(lineStart(offset), offset).isBlank();
    }

    /** The indentation of the line holding {@code offset}. */
    public String indentOf(int offset) {
        int s = lineStart(offset);
        int i = s;
        while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
            i++;
        }
        return text.substring(s, i);
    }

    /** File tokens (comments included) that start in {@code [from, to)}. */
    public List<Token> tokensIn(int from, int to) {
        List<Token> all = file.parsed().tokens();
        List<Token> out = new ArrayList<>();
        for (int i = firstTokenFrom(all, from); i < all.size() && all.get(i).start() < to; i++) {
            out.add(all.get(i));
        }
        return out;
    }

    private static int firstTokenFrom(List<Token> all, int from) {
        int lo = 0;
        int hi = all.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (all.get(mid).start() < from) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** True when nothing but whitespace and line comments follows {@code offset} on its line. */
    public boolean onlyLineCommentsUntilLineEnd(int offset) {
        int end = lineEnd(offset);
        List<Token> all = file.parsed().tokens();
        for (int i = firstTokenFrom(all, offset); i < all.size() && all.get(i).start() < end; i++) {
            if (all.get(i).type() != TokenType.LINE_COMMENT) {
                return false;
            }
        }
        return true;
    }

    /**
     * Where new statements go after {@code st}: at the end of its last line when only whitespace or line comments follow
     * the terminator there (so a trailing comment stays with its statement), else right after the terminator.
     */
    public int insertionPointAfter(Statement st) {
        int end = st.span().end();
        return onlyLineCommentsUntilLineEnd(end) ? lineEnd(end) : end;
    }

    /** The statement's text from its start to the start of {@code action}, e.g. {@code ALTER TABLE "Post" }. */
    public String prefixBefore(Statement st, Token action) {
        return text.substring(st.span().start(), action.start());
    }

    /** The terminator to end a new statement with: the statement's own, or ";". */
    public static String terminatorOf(Statement st) {
        return st.terminator() != null ? st.terminator().text() : ";";
    }
}
