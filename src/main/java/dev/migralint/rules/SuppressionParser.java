package dev.migralint.rules;

import dev.migralint.sql.ParsedFile;
import dev.migralint.sql.ParsedStatement;
import dev.migralint.sql.Token;
import dev.migralint.sql.TokenType;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Finds inline ignore directives in a file's comments and decides which statement each one covers. */
public final class SuppressionParser {
    private static final Pattern DIRECTIVE = Pattern.compile(
            "migralint-ignore(-file)?(?:\\s+([a-z0-9*][a-z0-9,\\s*-]*?))?\\s*(?::\\s*(.*?))?\\s*(?:\\*/)?\\s*$",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

    private SuppressionParser() {
    }

    public static List<Suppression> parse(ParsedFile file) {
        List<Suppression> out = new ArrayList<>();
        List<ParsedStatement> statements = file.statements();
        var lines = file.source().lines();
        for (Token t : file.tokens()) {
            if (t.type() != TokenType.LINE_COMMENT && t.type() != TokenType.BLOCK_COMMENT) {
                continue;
            }
            int at = t.text().toLowerCase(Locale.ROOT).indexOf("migralint-ignore");
            if (at < 0) {
                continue;
            }
            Matcher m = DIRECTIVE.matcher(t.text().substring(at));
            if (!m.find()) {
                continue;
            }
            boolean fileLevel = m.group(1) != null;
            List<String> ids = m.group(2) == null ? List.of("all")
                    : Arrays.stream(m.group(2).split("[,\\s]+")).map(String::trim).filter(s -> !s.isEmpty())
                    .map(s -> s.equals("*") ? "all" : s.toLowerCase(Locale.ROOT)).toList();
            String reason = m.group(3) == null || m.group(3).isBlank() ? null : m.group(3).trim();
            int line = lines.line(t.start());
            int target = fileLevel ? -1 : targetStatement(statements, t, lines);
            out.add(new Suppression(ids, reason, line, target, fileLevel));
        }
        return out;
    }

    /**
     * A directive on the same line as the end of a statement covers that statement; one inside a statement covers it;
     * otherwise it covers the next statement.
     */
    private static int targetStatement(List<ParsedStatement> statements, Token comment, dev.migralint.sql.LineIndex lines) {
        int commentLine = lines.line(comment.start());
        for (ParsedStatement ps : statements) {
            var span = ps.statement().span();
            if (span.start() <= comment.start() && comment.end() <= span.end()) {
                return ps.statement().index();
            }
            if (span.end() <= comment.start() && lines.line(Math.max(span.end() - 1, span.start())) == commentLine
                    && !codeBetween(statements, span.end(), comment.start())) {
                return ps.statement().index();
            }
            if (span.start() >= comment.end()) {
                return ps.statement().index();
            }
        }
        return -2; // after the last statement: covers nothing
    }

    private static boolean codeBetween(List<ParsedStatement> statements, int from, int to) {
        for (ParsedStatement ps : statements) {
            int s = ps.statement().span().start();
            if (s >= from && s < to) {
                return true;
            }
        }
        return false;
    }
}
