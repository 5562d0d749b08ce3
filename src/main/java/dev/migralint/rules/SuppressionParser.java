package dev.migralint.rules;

import dev.migralint.config.Squawk;
import dev.migralint.sql.LineIndex;
import dev.migralint.sql.ParsedFile;
import dev.migralint.sql.ParsedStatement;
import dev.migralint.sql.Span;
import dev.migralint.sql.Token;
import dev.migralint.sql.TokenType;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds inline ignore directives in a file and decides which statement each one covers.
 *
 * <p>A directive is a comment whose text starts with {@code migralint-ignore} or {@code migralint-ignore-file}:
 * {@code -- migralint-ignore rule-a, rule-b: reason}, {@code /* migralint-ignore rule-a: reason *}{@code /}, or (MySQL)
 * {@code # migralint-ignore ...}. Ids are separated by commas or spaces; {@code all} (or {@code *}, or no id at all)
 * names every rule. The reason is everything after the first colon, so it may hold colons itself.
 *
 * <p>Which statement a directive covers:
 * <ul>
 *   <li>a comment inside a statement covers that statement;</li>
 *   <li>a block comment followed on the same line by a statement covers that statement;</li>
 *   <li>a comment on the line where a statement ends covers that statement;</li>
 *   <li>otherwise it covers the next statement (after the last one it covers nothing);</li>
 *   <li>a comment line inside a dollar-quoted body ({@code DO $$ ... $$}, a function body) is part of a string to
 *       the lexer, but it is plainly meant as a directive: it covers the statement holding the body, which is where
 *       every finding about that body is reported.</li>
 * </ul>
 *
 * <p>squawk's directives are honoured too, so a project moving from squawk keeps what it accepted:
 * {@code -- squawk-ignore rule-a, rule-b} (the next statement) and {@code -- squawk-ignore-file [rules]} (the file),
 * squawk's rule names mapped to migralint's ({@link Squawk}). squawk has no reasons: its directives count as reasoned,
 * and the directive rules (unused-ignore, ignore-without-reason) leave another tool's comments alone.
 */
public final class SuppressionParser {
    private static final Pattern SQUAWK = Pattern.compile("squawk-ignore(-file)?(?=\\s|$)(.*)",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    /** The reason a squawk directive is given: squawk comments carry none, and the project accepted the finding. */
    public static final String SQUAWK_REASON = "accepted with a squawk-ignore comment";
    private static final Pattern DIRECTIVE = Pattern.compile(
            "migralint-ignore(-file)?(?=[\\s:]|$)\\s*([^:]*?)\\s*(?::(.*))?",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    /** A comment inside a dollar-quoted body: a {@code --} line or a block comment, starting with the directive. */
    private static final Pattern BODY_COMMENT = Pattern.compile(
            "--[ \\t]*(migralint-ignore[^\\r\\n]*)|/\\*\\s*(migralint-ignore(?:(?!\\*/).)*)\\*/",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

    private static final Pattern LEADING_STARS = Pattern.compile("(?m)^[ \\t]*\\*+(?!/)[ \\t]?");

    private SuppressionParser() {
    }

    public static List<Suppression> parse(ParsedFile file) {
        List<Suppression> out = new ArrayList<>();
        List<ParsedStatement> statements = file.statements();
        LineIndex lines = file.source().lines();
        for (Token t : file.tokens()) {
            if (t.type() == TokenType.LINE_COMMENT || t.type() == TokenType.BLOCK_COMMENT) {
                if (!mayMention(t.text()) && !mayMentionSquawk(t)) {
                    continue;
                }
                String body = commentBody(t);
                if (body == null) {
                    continue;
                }
                Matcher sq = SQUAWK.matcher(body);
                if (sq.matches()) {
                    boolean fileLevel = sq.group(1) != null;
                    int target = fileLevel ? -1 : targetStatement(statements, t.start(), t.end(), lines);
                    out.add(squawk(sq.group(2), fileLevel, lines.line(t.start()), target, t.span()));
                    continue;
                }
                Matcher m = DIRECTIVE.matcher(body);
                if (!m.matches()) {
                    continue;
                }
                boolean fileLevel = m.group(1) != null;
                int target = fileLevel ? -1 : targetStatement(statements, t.start(), t.end(), lines);
                out.add(directive(m, lines.line(t.start()), target, t.span(), Suppression.Origin.COMMENT));
            } else if (t.type() == TokenType.DOLLAR_STRING && mayMention(t.text())
                    && containsIgnoreCase(t.text(), "migralint-ignore")) {
                Matcher c = BODY_COMMENT.matcher(t.text());
                while (c.find()) {
                    String body = c.group(1) != null ? c.group(1).strip()
                            : LEADING_STARS.matcher(c.group(2)).replaceAll("").strip();
                    Matcher m = DIRECTIVE.matcher(body);
                    if (!m.matches()) {
                        continue;
                    }
                    boolean fileLevel = m.group(1) != null;
                    int target = fileLevel ? -1 : enclosing(statements, t);
                    Span span = new Span(t.start() + c.start(), t.start() + c.end());
                    out.add(directive(m, lines.line(span.start()), target, span, Suppression.Origin.DOLLAR_BODY));
                }
            }
        }
        return out;
    }

    private static Suppression squawk(String names, boolean fileLevel, int line, int target, Span span) {
        List<String> ids = new ArrayList<>();
        String text = names == null ? "" : names.trim();
        if (text.isEmpty()) {
            // Every squawk rule: the project accepted squawk's findings, not those of migralint's other rules.
            Squawk.rules().values().forEach(list -> list.stream().filter(id -> !ids.contains(id)).forEach(ids::add));
        } else {
            for (String name : text.split("[,\\s]+")) {
                if (!name.isEmpty()) {
                    Squawk.migralintIds(name).stream().filter(id -> !ids.contains(id)).forEach(ids::add);
                }
            }
        }
        return new Suppression(ids, SQUAWK_REASON, line, target, fileLevel, span, Suppression.Origin.SQUAWK);
    }

    private static Suppression directive(Matcher m, int line, int target, Span span, Suppression.Origin origin) {
        boolean fileLevel = m.group(1) != null;
        String idText = m.group(2) == null ? "" : m.group(2).trim();
        List<String> ids = idText.isEmpty() ? List.of("all")
                : Arrays.stream(idText.split("[,\\s]+")).map(String::trim).filter(s -> !s.isEmpty())
                .map(s -> s.equals("*") ? "all" : s.toLowerCase(Locale.ROOT)).distinct().toList();
        String reason = m.group(3) == null ? null : m.group(3).replaceAll("\\s+", " ").trim();
        if (reason != null && reason.isEmpty()) {
            reason = null;
        }
        return new Suppression(ids, reason, line, target, fileLevel, span, origin);
    }

    /** The comment's text without its markers, or null when it does not start with the directive. */
    private static String commentBody(Token t) {
        String s = t.text();
        if (t.type() == TokenType.BLOCK_COMMENT) {
            s = s.startsWith("/*") ? s.substring(2) : s;
            s = s.endsWith("*/") ? s.substring(0, s.length() - 2) : s;
            s = LEADING_STARS.matcher(s).replaceAll(""); // " * " at the start of each line of a boxed comment
        } else if (s.startsWith("--")) {
            s = s.substring(2);
        } else if (s.startsWith("#")) {
            s = s.substring(1);
        }
        s = s.strip();
        return s.regionMatches(true, 0, "migralint-ignore", 0, "migralint-ignore".length())
                || s.regionMatches(true, 0, "squawk-ignore", 0, "squawk-ignore".length()) ? s : null;
    }

    /**
     * Whether the text holds "migralint-ignore" compared char by char without case: true whenever the exact tests
     * can succeed, and cheap enough to run on every comment and function body of a run before them.
     */
    private static boolean mayMention(String text) {
        String needle = "migralint-ignore";
        for (int i = 0, last = text.length() - needle.length(); i <= last; i++) {
            if (text.regionMatches(true, i, needle, 0, needle.length())) {
                return true;
            }
        }
        return false;
    }

    /** A comment that may be a squawk directive (squawk reads -- and block comments, not dollar-quoted bodies). */
    private static boolean mayMentionSquawk(Token t) {
        String text = t.text();
        String needle = "squawk-ignore";
        for (int i = 0, last = Math.min(text.length() - needle.length(), 8); i <= last; i++) {
            if (text.regionMatches(true, i, needle, 0, needle.length())) {
                return true;
            }
        }
        return false;
    }

    private static boolean containsIgnoreCase(String text, String needle) {
        return text.toLowerCase(Locale.ROOT).contains(needle);
    }

    private static int enclosing(List<ParsedStatement> statements, Token token) {
        for (ParsedStatement ps : statements) {
            Span span = ps.statement().span();
            if (span.start() <= token.start() && token.end() <= span.end()) {
                return ps.statement().index();
            }
        }
        return -2;
    }

    /** The statement a comment at [start, end) covers, or -2 when it covers none. */
    static int targetStatement(List<ParsedStatement> statements, int start, int end, LineIndex lines) {
        int firstLine = lines.line(start);
        int lastLine = lines.line(Math.max(start, end - 1));
        ParsedStatement previous = null;
        ParsedStatement next = null;
        for (ParsedStatement ps : statements) {
            Span span = ps.statement().span();
            if (span.start() <= start && end <= span.end()) {
                return ps.statement().index();
            }
            if (span.end() <= start) {
                previous = ps;
            } else if (span.start() >= end && next == null) {
                next = ps;
            }
        }
        if (next != null && lines.line(next.statement().span().start()) == lastLine) {
            return next.statement().index();
        }
        if (previous != null) {
            Span span = previous.statement().span();
            if (lines.line(Math.max(span.start(), span.end() - 1)) == firstLine) {
                return previous.statement().index();
            }
        }
        return next == null ? -2 : next.statement().index();
    }
}
