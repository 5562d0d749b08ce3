package dev.migralint.sql;

import dev.migralint.sql.op.Operation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The SQL a statement runs besides its own top-level text: the statements of a {@code DO} body (PL/pgSQL control flow
 * such as {@code IF NOT EXISTS (...) THEN ... END IF} peeled off), the SQL of {@code EXECUTE 'literal'}, the
 * data-modifying queries of a {@code WITH}, and the body of a function or procedure that the same file calls. Each
 * piece is lexed with its real offsets in the file, so findings on it point at the lines where it is written.
 * {@code EXECUTE} of anything but a literal becomes a {@link Operation.DynamicSql} operation: it cannot be analysed.
 */
final class EmbeddedSql {
    /** Nesting bound (a DO holding EXECUTE of a DO ...): deeper pieces are not looked into. */
    static final int MAX_DEPTH = 4;

    /** One piece: a statement to recognize, or an operation known without recognizing anything. */
    record Piece(Statement statement, boolean sameText, Operation direct, Span span) {}

    /** Text lexed out of a string literal: position {@code i} of {@code code} is file offset {@code map[i]}. */
    private record Body(String code, int offset, int[] map) {
        int at(int i) {
            return map == null ? offset + i : map[i];
        }

        int endAt(int i, int start) {
            return map == null ? offset + i : i == start ? map[i] : map[i - 1] + 1;
        }

        boolean sameText() {
            return map == null;
        }
    }

    private EmbeddedSql() {
    }

    /** The pieces a top-level or embedded statement holds (not those of routines it calls). */
    static List<Piece> of(Statement st, Dialect dialect) {
        if (dialect != Dialect.POSTGRESQL) {
            return List.of();
        }
        List<Token> code = st.code();
        if (code.isEmpty()) {
            return List.of();
        }
        Token first = code.get(0);
        if (first.is("DO")) {
            return doBody(code, st);
        }
        if (first.is("WITH")) {
            return cteBodies(code, st);
        }
        return List.of();
    }

    // ---------------------------------------------------------------- DO

    private static List<Piece> doBody(List<Token> code, Statement st) {
        String language = "plpgsql";
        Token body = null;
        for (int i = 1; i < code.size(); i++) {
            Token t = code.get(i);
            if (t.is("LANGUAGE") && i + 1 < code.size()) {
                language = code.get(++i).identifier().toLowerCase(Locale.ROOT);
            } else if (body == null && (t.type() == TokenType.DOLLAR_STRING || t.type() == TokenType.STRING)) {
                body = t;
            }
        }
        if (body == null || !language.equals("plpgsql")) {
            return List.of();
        }
        Body b = contentOf(body);
        return b == null ? List.of() : plpgsql(b, st);
    }

    // ---------------------------------------------------------------- routines

    /** A function or procedure this statement creates: its lower-cased name and the pieces of its body. */
    record Routine(String name, List<Piece> pieces) {}

    /** The routine a CREATE FUNCTION/PROCEDURE defines, with its body's pieces, or null. */
    static Routine routine(Statement st, Dialect dialect) {
        if (dialect != Dialect.POSTGRESQL) {
            return null;
        }
        List<Token> code = st.code();
        int i = 0;
        if (code.isEmpty() || !code.get(0).is("CREATE")) {
            return null;
        }
        i++;
        if (i + 1 < code.size() && code.get(i).is("OR") && code.get(i + 1).is("REPLACE")) {
            i += 2;
        }
        if (i >= code.size() || !code.get(i).isAny("FUNCTION", "PROCEDURE")) {
            return null;
        }
        i++;
        String name = null;
        while (i < code.size() && code.get(i).type() != TokenType.LPAREN) {
            Token t = code.get(i++);
            if (t.isIdentifier()) {
                name = t.identifier().toLowerCase(Locale.ROOT);
            }
        }
        if (name == null) {
            return null;
        }
        String language = null;
        Token body = null;
        int depth = 0;
        for (; i < code.size(); i++) {
            Token t = code.get(i);
            if (t.type() == TokenType.LPAREN) {
                depth++;
            } else if (t.type() == TokenType.RPAREN) {
                depth--;
            } else if (depth == 0 && t.is("LANGUAGE") && i + 1 < code.size()) {
                language = code.get(i + 1).identifier().toLowerCase(Locale.ROOT);
            } else if (depth == 0 && t.is("AS") && body == null && i + 1 < code.size()
                    && (code.get(i + 1).type() == TokenType.DOLLAR_STRING || code.get(i + 1).type() == TokenType.STRING)) {
                body = code.get(i + 1);
            }
        }
        if (body == null || language == null) {
            return null;
        }
        Body b = contentOf(body);
        if (b == null) {
            return null;
        }
        return switch (language) {
            case "plpgsql" -> new Routine(name, plpgsql(b, st));
            case "sql" -> new Routine(name, sqlText(b, st));
            default -> null;
        };
    }

    /**
     * The names of the functions and procedures a statement may call: an identifier before "(" in a statement that
     * does not define, drop, alter, comment on or grant a routine.
     */
    static Set<String> calls(Statement st) {
        List<Token> code = st.code();
        if (code.isEmpty() || code.get(0).isAny("CREATE", "DROP", "ALTER", "COMMENT") || code.get(0).isAny("GRANT", "REVOKE")) {
            return Set.of();
        }
        Set<String> out = new HashSet<>();
        for (int i = 0; i + 1 < code.size(); i++) {
            Token t = code.get(i);
            if ((t.type() == TokenType.WORD || t.type() == TokenType.QUOTED_IDENT) && code.get(i + 1).type() == TokenType.LPAREN) {
                out.add(t.identifier().toLowerCase(Locale.ROOT));
            }
        }
        return out;
    }

    // ---------------------------------------------------------------- WITH

    /** The INSERT, UPDATE and DELETE queries inside the parentheses of a WITH list. */
    private static List<Piece> cteBodies(List<Token> code, Statement st) {
        List<Piece> out = new ArrayList<>();
        int i = 1;
        while (i < code.size()) {
            // name [(columns)] AS [NOT] [MATERIALIZED] ( query )
            while (i < code.size() && code.get(i).type() != TokenType.LPAREN) {
                if (code.get(i).is("SELECT") || code.get(i).isAny("INSERT", "UPDATE", "DELETE")) {
                    return out;
                }
                i++;
            }
            if (i >= code.size()) {
                break;
            }
            int close = matching(code, i);
            if (close < 0) {
                break;
            }
            boolean query = i > 0 && (code.get(i - 1).is("AS") || code.get(i - 1).is("MATERIALIZED"));
            if (query && close > i + 1 && code.get(i + 1).isAny("INSERT", "UPDATE", "DELETE")) {
                List<Token> inner = tokensBetween(st.tokens(), code.get(i + 1).start(), code.get(close - 1).end());
                out.add(new Piece(statementOf(st, inner, null), true, null, null));
            }
            i = close + 1;
            if (!query) {
                continue; // the column list: AS ( ... ) follows
            }
            if (i < code.size() && code.get(i).type() == TokenType.COMMA) {
                i++;
            } else {
                break;
            }
        }
        return out;
    }

    private static int matching(List<Token> code, int open) {
        int depth = 0;
        for (int j = open; j < code.size(); j++) {
            TokenType type = code.get(j).type();
            if (type == TokenType.LPAREN) {
                depth++;
            } else if (type == TokenType.RPAREN && --depth == 0) {
                return j;
            }
        }
        return -1;
    }

    private static List<Token> tokensBetween(List<Token> tokens, int start, int end) {
        List<Token> out = new ArrayList<>();
        for (Token t : tokens) {
            if (t.start() >= start && t.end() <= end) {
                out.add(t);
            }
        }
        return out;
    }

    // ---------------------------------------------------------------- PL/pgSQL

    private static final Set<String> NOT_SQL = Set.of("RAISE", "RETURN", "NULL", "EXIT", "CONTINUE", "GET", "OPEN",
            "FETCH", "CLOSE", "MOVE", "ASSERT", "COMMIT", "ROLLBACK", "FOREACH");

    /**
     * The SQL statements of a PL/pgSQL block: the body is cut at its semicolons, and from each part the control flow
     * around the statement is peeled off (labels, DECLARE sections, BEGIN, IF/ELSIF/WHEN ... THEN, ELSE, loops,
     * EXCEPTION, END ...). PERFORM is read as the SELECT it is.
     */
    private static List<Piece> plpgsql(Body b, Statement parent) {
        List<Token> tokens = lex(b);
        List<Piece> out = new ArrayList<>();
        boolean declare = false;
        List<Token> part = new ArrayList<>();
        for (int k = 0; k <= tokens.size(); k++) {
            Token t = k < tokens.size() ? tokens.get(k) : null;
            if (t != null && t.type() != TokenType.SEMICOLON) {
                part.add(t);
                continue;
            }
            List<Token> code = new ArrayList<>();
            for (Token p : part) {
                if (!p.isTrivia()) {
                    code.add(p);
                }
            }
            int i = 0;
            boolean skip = false;
            peel:
            while (i < code.size()) {
                Token w = code.get(i);
                if (w.type() == TokenType.OPERATOR && w.text().startsWith("<<")) {
                    // <<label>>
                    while (i < code.size() && !code.get(i).text().endsWith(">>")) {
                        i++;
                    }
                    i++;
                } else if (w.is("DECLARE")) {
                    declare = true;
                    i++;
                } else if (w.is("BEGIN")) {
                    declare = false;
                    i++;
                } else if (declare) {
                    skip = true; // a declaration
                    break;
                } else if (w.isAny("ELSE", "LOOP", "EXCEPTION")) {
                    i++;
                } else if (w.is("END")) {
                    skip = true;
                    break;
                } else if (w.isAny("IF", "ELSIF", "ELSEIF", "WHEN") || w.is("CASE")) {
                    int then = find(code, i + 1, "THEN");
                    if (then < 0) {
                        skip = true;
                        break;
                    }
                    i = then + 1;
                } else if (w.isAny("WHILE", "FOR", "FOREACH")) {
                    int loop = find(code, i + 1, "LOOP");
                    if (loop < 0) {
                        skip = true;
                        break;
                    }
                    i = loop + 1;
                } else {
                    break peel;
                }
            }
            if (!skip && i < code.size()) {
                out.addAll(statementPieces(code, i, part, t, parent, b.sameText()));
            }
            part = new ArrayList<>();
        }
        return out;
    }

    /** The pieces a PL/pgSQL statement (code from {@code i}) holds: none when it runs no SQL of interest. */
    private static List<Piece> statementPieces(List<Token> code, int i, List<Token> part, Token semicolon, Statement parent,
                                               boolean sameText) {
        Token w = code.get(i);
        if (w.type() != TokenType.WORD || NOT_SQL.contains(w.upper())) {
            return List.of();
        }
        if (i + 1 < code.size() && (code.get(i + 1).text().equals(":=") || code.get(i + 1).text().equals("="))) {
            return List.of(); // an assignment
        }
        Token last = code.get(code.size() - 1);
        if (w.is("EXECUTE")) {
            Span span = new Span(w.start(), last.end());
            Token arg = i + 1 < code.size() ? code.get(i + 1) : null;
            boolean literal = arg != null && (arg.type() == TokenType.STRING || arg.type() == TokenType.DOLLAR_STRING)
                    && (i + 2 >= code.size() || code.get(i + 2).isAny("INTO", "USING"));
            Body inner = literal ? contentOf(arg) : null;
            if (inner == null) {
                String expression = arg == null ? "" : TokenCursor.render(code.subList(i + 1, code.size()));
                return List.of(new Piece(null, false, new Operation.DynamicSql(shorten(expression)), span));
            }
            return sqlText(inner, parent);
        }
        List<Token> tokens = new ArrayList<>();
        for (Token p : part) {
            if (p.start() < w.start()) {
                continue;
            }
            tokens.add(p == w && w.is("PERFORM") ? new Token(TokenType.WORD, w.start(), w.end(), "SELECT", false) : p);
        }
        return List.of(new Piece(statementOf(parent, tokens, semicolon), sameText && !w.is("PERFORM"), null, null));
    }

    private static String shorten(String s) {
        return s.length() <= 80 ? s : s.substring(0, 79) + "…";
    }

    private static int find(List<Token> code, int from, String word) {
        int depth = 0;
        for (int j = from; j < code.size(); j++) {
            Token t = code.get(j);
            if (t.type() == TokenType.LPAREN) {
                depth++;
            } else if (t.type() == TokenType.RPAREN) {
                depth--;
            } else if (depth == 0 && t.is(word)) {
                return j;
            }
        }
        return -1;
    }

    // ---------------------------------------------------------------- plain SQL bodies

    /** The statements of SQL text held in a literal (a LANGUAGE sql body, an EXECUTE argument). */
    private static List<Piece> sqlText(Body b, Statement parent) {
        List<Token> tokens = lex(b);
        List<Piece> out = new ArrayList<>();
        for (Statement s : StatementSplitter.split(b.code(), tokens)) {
            out.add(new Piece(new Statement(parent.index(), s.span(), s.tokens(), s.terminator(),
                    new Span(s.span().start(), s.span().start())), b.sameText(), null, null));
        }
        return out;
    }

    // ---------------------------------------------------------------- literals

    /** The text inside a dollar-quoted or standard single-quoted literal, or null for other literals. */
    private static Body contentOf(Token literal) {
        String text = literal.text();
        if (literal.unterminated()) {
            return null;
        }
        if (literal.type() == TokenType.DOLLAR_STRING) {
            int tag = text.indexOf('$', 1);
            if (tag < 0 || text.length() < 2 * (tag + 1)) {
                return null;
            }
            return new Body(text.substring(tag + 1, text.length() - tag - 1), literal.start() + tag + 1, null);
        }
        if (literal.type() != TokenType.STRING || text.length() < 2 || text.charAt(0) != '\''
                || text.charAt(text.length() - 1) != '\'') {
            return null;
        }
        String inner = text.substring(1, text.length() - 1);
        if (inner.indexOf('\'') < 0) {
            return new Body(inner, literal.start() + 1, null);
        }
        StringBuilder code = new StringBuilder(inner.length());
        int[] map = new int[inner.length() + 1];
        int n = 0;
        for (int i = 0; i < inner.length(); i++) {
            char c = inner.charAt(i);
            map[n++] = literal.start() + 1 + i;
            code.append(c);
            if (c == '\'' && i + 1 < inner.length() && inner.charAt(i + 1) == '\'') {
                i++;
            }
        }
        map[n] = literal.start() + 1 + inner.length();
        return new Body(code.toString(), 0, Arrays.copyOf(map, n + 1));
    }

    /** Lexes a body and moves its tokens to their places in the file. */
    private static List<Token> lex(Body b) {
        List<Token> local = Lexer.tokenize(b.code(), Dialect.POSTGRESQL);
        List<Token> out = new ArrayList<>(local.size());
        for (Token t : local) {
            out.add(new Token(t.type(), b.at(t.start()), b.endAt(t.end(), t.start()), t.text(), t.unterminated()));
        }
        return out;
    }

    private static Statement statementOf(Statement parent, List<Token> tokens, Token terminator) {
        int start = tokens.get(0).start();
        int end = terminator != null ? terminator.end() : tokens.get(tokens.size() - 1).end();
        return new Statement(parent.index(), new Span(start, end), List.copyOf(tokens), terminator, new Span(start, start));
    }
}
