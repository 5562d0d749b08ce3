package dev.migralint.sql;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a token stream into statements at top-level terminators. Bodies that contain semicolons of their own
 * (SQLite and MySQL trigger bodies, Postgres {@code BEGIN ATOMIC}, MySQL procedures between DELIMITER directives)
 * stay in one statement. psql meta-commands and DELIMITER directives are statements of their own.
 */
public final class StatementSplitter {
    private StatementSplitter() {
    }

    public static List<Statement> split(String text, List<Token> tokens) {
        return split(text, tokens, List.of());
    }

    /**
     * As above; a line comment that starts with one of {@code boundaries} (compared lower-cased and without white
     * space: a runner's section and statement-block markers, such as goose's {@code -- +goose StatementEnd} and
     * {@code -- +goose Down}) also ends the statement before it: the runner stops the statement there, with or without
     * a semicolon.
     */
    public static List<Statement> split(String text, List<Token> tokens, List<String> boundaries) {
        List<Statement> result = new ArrayList<>();
        List<Token> current = new ArrayList<>();
        int previousEnd = 0;
        int blockDepth = 0;
        boolean compound = false;
        int skipCaseAt = -1;
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            TokenType type = t.type();
            if (type == TokenType.META_COMMAND || type == TokenType.DELIMITER_DIRECTIVE) {
                if (hasCode(current)) {
                    previousEnd = close(text, result, current, null, previousEnd);
                } else {
                    current.clear();
                }
                current.add(t);
                previousEnd = close(text, result, current, null, previousEnd);
                blockDepth = 0;
                compound = false;
                continue;
            }
            if (type == TokenType.LINE_COMMENT && !boundaries.isEmpty() && hasCode(current)
                    && isBoundary(t.text(), boundaries)) {
                previousEnd = close(text, result, current, null, previousEnd);
                blockDepth = 0;
                compound = false;
            }
            boolean terminator = type == TokenType.CUSTOM_DELIMITER || (type == TokenType.SEMICOLON && blockDepth == 0);
            if (terminator) {
                previousEnd = close(text, result, current, t, previousEnd);
                blockDepth = 0;
                compound = false;
                continue;
            }
            if (type == TokenType.WORD) {
                if (!compound && startsCompound(current, t)) {
                    compound = true;
                }
                if (compound) {
                    if (t.is("BEGIN") || (t.is("CASE") && i != skipCaseAt)) {
                        blockDepth++;
                    } else if (t.is("END") && blockDepth > 0) {
                        int nextIndex = nextCode(tokens, i);
                        Token next = nextIndex < 0 ? null : tokens.get(nextIndex);
                        if (next == null || !next.isAny("IF", "LOOP", "WHILE", "REPEAT", "FOR")) {
                            blockDepth--;
                            if (next != null && next.is("CASE")) {
                                skipCaseAt = nextIndex;
                            }
                        }
                    }
                }
            }
            current.add(t);
        }
        if (hasCode(current)) {
            close(text, result, current, null, previousEnd);
        }
        return result;
    }

    private static boolean isBoundary(String comment, List<String> boundaries) {
        String key = CommentKey.of(comment);
        for (String boundary : boundaries) {
            if (key.startsWith(boundary)) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasCode(List<Token> tokens) {
        for (Token t : tokens) {
            if (!t.isTrivia()) {
                return true;
            }
        }
        return false;
    }

    private static int close(String text, List<Statement> out, List<Token> current, Token terminator, int previousEnd) {
        int firstCode = -1;
        for (int i = 0; i < current.size(); i++) {
            if (!current.get(i).isTrivia()) {
                firstCode = i;
                break;
            }
        }
        if (firstCode < 0) {
            // An empty statement (";;" or a lone ";") carries no code; its terminator stays in the gap.
            current.clear();
            return previousEnd;
        }
        int lastCode = current.size() - 1;
        while (current.get(lastCode).isTrivia() && terminator == null) {
            lastCode--;
        }
        Token first = current.get(firstCode);
        int end = terminator != null ? terminator.end() : current.get(lastCode).end();
        List<Token> body = List.copyOf(current.subList(firstCode, terminator != null ? current.size() : lastCode + 1));
        out.add(new Statement(out.size(), new Span(first.start(), end), body, terminator,
                new Span(previousEnd, first.start())));
        current.clear();
        return end;
    }

    /**
     * A statement whose body holds its own semicolons: CREATE TRIGGER (SQLite, MySQL), CREATE FUNCTION/PROCEDURE with
     * BEGIN ATOMIC (Postgres) or a MySQL routine body.
     */
    private static boolean startsCompound(List<Token> current, Token word) {
        if (!word.is("BEGIN")) {
            return false;
        }
        Token first = null;
        int words = 0;
        boolean trigger = false;
        boolean routine = false;
        for (Token t : current) {
            if (t.isTrivia()) {
                continue;
            }
            if (first == null) {
                first = t;
            }
            if (words++ < 8 && t.isAny("TRIGGER")) {
                trigger = true;
            }
            if (words <= 8 && t.isAny("FUNCTION", "PROCEDURE")) {
                routine = true;
            }
        }
        if (first == null || !first.isAny("CREATE")) {
            return false;
        }
        return trigger || routine;
    }

    private static int nextCode(List<Token> tokens, int i) {
        for (int j = i + 1; j < tokens.size(); j++) {
            if (!tokens.get(j).isTrivia()) {
                return j;
            }
        }
        return -1;
    }
}
