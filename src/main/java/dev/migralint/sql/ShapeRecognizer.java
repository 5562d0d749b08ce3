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

    /** True when the token after the name at {@code offset} looks like a type, i.e. the ADD is a column. */
    static boolean isTypeAfterName(TokenCursor a, int offset) {
        Token after = a.peek(offset + 1);
        return after != null && after.type() == TokenType.WORD && !after.isAny("KEY", "INDEX", "USING", "CHECK");
    }

    void addConstraint(String table, TokenCursor a, List<Token> action) {
        String name = null;
        if (a.accept("CONSTRAINT")) {
            if (a.peek() != null && !a.peek().isAny("PRIMARY", "UNIQUE", "FOREIGN", "CHECK", "EXCLUDE")) {
                name = a.name();
            }
        }
        Token kind = a.next();
        if (kind == null) {
            return;
        }
        String type = constraintKind(kind, a);
        if (type == null) {
            add(new AlterTableOther(table, "add " + lower(kind)), action);
            return;
        }
        if (type.equals("index")) {
            // MySQL ADD INDEX name (cols): an index build, not a constraint.
            String indexName = a.is(TokenType.LPAREN) ? null : a.name();
            List<String> cols = columnsOf(a);
            add(new CreateIndex(table, indexName, false, false, false, "btree", cols, false), action);
            return;
        }
        if (dialect == Dialect.MYSQL && !type.equals("check") && name == null && a.peek() != null
                && a.peek().isIdentifier() && a.peek().type() != TokenType.LPAREN && !a.is("USING")) {
            name = a.name(); // MySQL: ADD UNIQUE KEY name (cols)
        }
        boolean usingIndex = a.find("USING") >= 0 && a.find("INDEX") >= 0 && !type.equals("exclude");
        String notNullColumn = null;
        if (type.equals("check") && a.is(TokenType.LPAREN)) {
            // CHECK (col IS NOT NULL), the shape that lets a later SET NOT NULL skip its scan (Postgres 12+).
            List<Token> expr = new TokenCursor(action.subList(a.position(), action.size())).group();
            if (expr.size() == 4 && expr.get(0).isIdentifier() && expr.get(1).is("IS") && expr.get(2).is("NOT")
                    && expr.get(3).is("NULL")) {
                notNullColumn = expr.get(0).identifier();
            }
        }
        List<String> columns = type.equals("check") || type.equals("exclude") ? List.of() : columnsOf(a);
        String refTable = null;
        int ref = a.find("REFERENCES");
        if (ref >= 0) {
            a.reset(a.position() + ref + 1);
            refTable = a.name();
        }
        boolean notValid = false;
        for (int i = 0; i + 1 < action.size(); i++) {
            if (action.get(i).is("NOT") && action.get(i + 1).is("VALID")) {
                notValid = true;
            }
        }
        add(new AddConstraint(table, name, type, notValid, usingIndex, columns, refTable, notNullColumn), action);
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
