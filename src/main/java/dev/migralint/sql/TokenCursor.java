package dev.migralint.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A cursor over a statement's code tokens (comments removed) with the small vocabulary a recognizer needs. */
public final class TokenCursor {
    private final List<Token> tokens;
    private int pos;

    public TokenCursor(List<Token> code) {
        this.tokens = code;
    }

    public int position() {
        return pos;
    }

    public void reset(int position) {
        this.pos = position;
    }

    public boolean atEnd() {
        return pos >= tokens.size();
    }

    public Token peek() {
        return peek(0);
    }

    public Token peek(int ahead) {
        int i = pos + ahead;
        return i < tokens.size() ? tokens.get(i) : null;
    }

    public Token next() {
        return pos < tokens.size() ? tokens.get(pos++) : null;
    }

    public Token previous() {
        return pos > 0 ? tokens.get(pos - 1) : null;
    }

    public boolean is(String keyword) {
        Token t = peek();
        return t != null && t.is(keyword);
    }

    public boolean isAt(int ahead, String keyword) {
        Token t = peek(ahead);
        return t != null && t.is(keyword);
    }

    public boolean is(TokenType type) {
        Token t = peek();
        return t != null && t.type() == type;
    }

    /** Consumes the keywords when all of them come next, in order. */
    public boolean accept(String... keywords) {
        for (int i = 0; i < keywords.length; i++) {
            Token t = peek(i);
            if (t == null || !t.is(keywords[i])) {
                return false;
            }
        }
        pos += keywords.length;
        return true;
    }

    public boolean acceptAny(String... keywords) {
        Token t = peek();
        if (t != null && t.isAny(keywords)) {
            pos++;
            return true;
        }
        return false;
    }

    public boolean accept(TokenType type) {
        if (is(type)) {
            pos++;
            return true;
        }
        return false;
    }

    /**
     * Reads a possibly qualified name ({@code a.b."C"}), returning it with each part unquoted and unquoted parts folded
     * to lower case; null when no identifier comes next. Go template placeholders count as name parts.
     */
    public String name() {
        Token t = peek();
        if (t == null || !t.isIdentifier()) {
            return null;
        }
        StringBuilder b = new StringBuilder(t.identifier());
        pos++;
        while (is(TokenType.DOT) && peek(1) != null && (peek(1).isIdentifier() || "*".equals(peek(1).text()))) {
            pos++;
            b.append('.').append(next().identifier());
        }
        return b.toString();
    }

    /** Skips a balanced parenthesised group when one comes next; returns its tokens without the outer parens. */
    public List<Token> group() {
        List<Token> inner = new ArrayList<>();
        if (!is(TokenType.LPAREN)) {
            return inner;
        }
        int depth = 0;
        while (!atEnd()) {
            Token t = next();
            if (t.type() == TokenType.LPAREN) {
                if (depth++ > 0) {
                    inner.add(t);
                }
            } else if (t.type() == TokenType.RPAREN) {
                if (--depth == 0) {
                    return inner;
                }
                inner.add(t);
            } else {
                inner.add(t);
            }
        }
        return inner;
    }

    /** Tokens up to (not including) the next top-level comma or the end; parentheses are kept balanced. */
    public List<Token> untilComma() {
        List<Token> out = new ArrayList<>();
        int depth = 0;
        while (!atEnd()) {
            Token t = peek();
            if (depth == 0 && t.type() == TokenType.COMMA) {
                break;
            }
            if (t.type() == TokenType.LPAREN) {
                depth++;
            } else if (t.type() == TokenType.RPAREN) {
                depth--;
            }
            out.add(next());
        }
        return out;
    }

    /** Scans forward (without moving) for a top-level keyword; returns its index relative to the cursor or -1. */
    public int find(String keyword) {
        int depth = 0;
        for (int i = pos; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (t.type() == TokenType.LPAREN) {
                depth++;
            } else if (t.type() == TokenType.RPAREN) {
                depth--;
            } else if (depth == 0 && t.is(keyword)) {
                return i - pos;
            }
        }
        return -1;
    }

    public List<Token> rest() {
        List<Token> r = tokens.subList(Math.min(pos, tokens.size()), tokens.size());
        pos = tokens.size();
        return r;
    }

    /** Splits tokens at top-level commas. */
    public static List<List<Token>> splitCommas(List<Token> tokens) {
        List<List<Token>> parts = new ArrayList<>();
        List<Token> cur = new ArrayList<>();
        int depth = 0;
        for (Token t : tokens) {
            if (t.type() == TokenType.LPAREN) {
                depth++;
            } else if (t.type() == TokenType.RPAREN) {
                depth--;
            }
            if (depth == 0 && t.type() == TokenType.COMMA) {
                parts.add(cur);
                cur = new ArrayList<>();
            } else {
                cur.add(t);
            }
        }
        if (!cur.isEmpty()) {
            parts.add(cur);
        }
        return parts;
    }

    /** Renders tokens compactly: lower-cased keywords, single spaces, no space around parentheses and dots. */
    public static String render(List<Token> tokens) {
        StringBuilder b = new StringBuilder();
        Token prev = null;
        for (Token t : tokens) {
            if (prev != null && needsSpace(prev, t)) {
                b.append(' ');
            }
            b.append(t.type() == TokenType.WORD ? t.text().toLowerCase(Locale.ROOT) : t.text());
            prev = t;
        }
        return b.toString();
    }

    private static boolean needsSpace(Token prev, Token t) {
        TokenType p = prev.type();
        TokenType c = t.type();
        if (p == TokenType.LPAREN || p == TokenType.DOT || c == TokenType.RPAREN || c == TokenType.DOT
                || c == TokenType.COMMA || c == TokenType.LPAREN && p == TokenType.WORD) {
            return false;
        }
        if ("[".equals(t.text()) || "]".equals(t.text()) || "[".equals(prev.text()) || "::".equals(t.text())
                || "::".equals(prev.text())) {
            return false;
        }
        return true;
    }

    /** Leading keywords of a statement, lower-cased, for naming what kind of statement it is. */
    public static String leadingWords(List<Token> code, int max) {
        StringBuilder b = new StringBuilder();
        int n = 0;
        for (Token t : code) {
            if (t.type() != TokenType.WORD || n == max) {
                break;
            }
            if (n++ > 0) {
                b.append(' ');
            }
            b.append(t.text().toLowerCase(Locale.ROOT));
        }
        return b.length() == 0 && !code.isEmpty() ? code.get(0).text() : b.toString();
    }
}
