package dev.migralint.sql;

import dev.migralint.sql.ParsedOperation.Source;
import dev.migralint.sql.op.Operation;
import dev.migralint.sql.op.Operation.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What the statement families of {@link TokenRecognizer} share while they read one statement: its tokens, the cursor
 * over them (one position for all), the operations found so far, and the helpers that add them.
 */
abstract class ShapeRecognizer {
    final Statement statement;
    final Dialect dialect;
    final List<Token> code;
    final TokenCursor c;
    final List<ParsedOperation> out;

    ShapeRecognizer(Statement statement, Dialect dialect) {
        this.statement = statement;
        this.dialect = dialect;
        this.code = statement.code();
        this.c = new TokenCursor(code);
        this.out = new ArrayList<>();
    }

    /** A recognizer of another statement family, reading the same statement from the same position. */
    ShapeRecognizer(ShapeRecognizer shared) {
        this.statement = shared.statement;
        this.dialect = shared.dialect;
        this.code = shared.code;
        this.c = shared.c;
        this.out = shared.out;
    }

    void add(Operation op) {
        out.add(new ParsedOperation(op, statement.span(), Source.TOKENS));
    }

    void add(Operation op, List<Token> part) {
        Span span = part.isEmpty() ? statement.span()
                : new Span(part.get(0).start(), part.get(part.size() - 1).end());
        out.add(new ParsedOperation(op, span, Source.TOKENS));
    }

    boolean simple(Operation op) {
        add(op);
        return true;
    }

    static String lower(Token t) {
        return t == null ? null : t.text().toLowerCase(Locale.ROOT);
    }

    static String unquote(String s) {
        if (s.length() >= 2 && (s.charAt(0) == '\'' || s.charAt(0) == '"') && s.charAt(s.length() - 1) == s.charAt(0)) {
            char q = s.charAt(0);
            return s.substring(1, s.length() - 1).replace(String.valueOf(q) + q, String.valueOf(q));
        }
        if (s.length() >= 3 && (s.charAt(0) == 'E' || s.charAt(0) == 'e') && s.charAt(1) == '\'') {
            return unquote(s.substring(1));
        }
        return s;
    }

    static String unquoteAll(List<Token> tokens) {
        if (tokens.size() == 1) {
            return unquote(tokens.get(0).text());
        }
        return TokenCursor.render(tokens);
    }

    /** The name of a {@code CONSTRAINT name} prefix, consumed; null when there is none or it names nothing. */
    static String constraintName(TokenCursor a) {
        String name = null;
        if (a.accept("CONSTRAINT")) {
            if (a.peek() != null && !a.peek().isAny("PRIMARY", "UNIQUE", "FOREIGN", "CHECK", "EXCLUDE")) {
                name = a.name();
            }
        }
        return name;
    }

    /**
     * The kind of a table constraint or MySQL index clause from its first keyword (consuming a following KEY or
     * INDEX): primary-key, unique, foreign-key, check, exclude, index; null for anything else.
     */
    static String constraintKind(Token kind, TokenCursor a) {
        if (kind.is("PRIMARY")) {
            a.accept("KEY");
            return "primary-key";
        }
        if (kind.is("UNIQUE")) {
            a.acceptAny("KEY", "INDEX");
            return "unique";
        }
        if (kind.is("FOREIGN")) {
            a.accept("KEY");
            return "foreign-key";
        }
        if (kind.is("CHECK")) {
            return "check";
        }
        if (kind.is("EXCLUDE")) {
            return "exclude";
        }
        if (kind.isAny("KEY", "INDEX", "FULLTEXT", "SPATIAL")) {
            a.acceptAny("KEY", "INDEX");
            return "index";
        }
        return null;
    }

    static List<String> columnsOf(TokenCursor a) {
        List<String> cols = new ArrayList<>();
        if (a.is(TokenType.LPAREN)) {
            for (List<Token> part : TokenCursor.splitCommas(a.group())) {
                if (!part.isEmpty()) {
                    cols.add(part.size() == 1 ? part.get(0).identifier() : TokenCursor.render(part));
                }
            }
        }
        return cols;
    }

    static List<String> rest(TokenCursor a) {
        List<String> words = new ArrayList<>();
        for (Token t : a.rest()) {
            words.add(t.upper());
        }
        return words;
    }
}
