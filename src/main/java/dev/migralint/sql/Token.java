package dev.migralint.sql;

import java.util.Locale;

/**
 * One lexeme with its exact place in the file.
 *
 * @param unterminated true for a string, quoted identifier, dollar quote or comment that runs to the end of the file
 */
public record Token(TokenType type, int start, int end, String text, boolean unterminated) {
    public Span span() {
        return new Span(start, end);
    }

    public boolean isTrivia() {
        return type.isTrivia();
    }

    /** True for an unquoted word equal to the keyword, ignoring case. */
    public boolean is(String keyword) {
        return type == TokenType.WORD && text.equalsIgnoreCase(keyword);
    }

    // Fixed arities first: C1 code, which short runs execute, allocates a varargs array on every call, and the
    // recognizer asks these questions of nearly every token.
    public boolean isAny(String a, String b) {
        return type == TokenType.WORD && (text.equalsIgnoreCase(a) || text.equalsIgnoreCase(b));
    }

    public boolean isAny(String a, String b, String c) {
        return type == TokenType.WORD && (text.equalsIgnoreCase(a) || text.equalsIgnoreCase(b) || text.equalsIgnoreCase(c));
    }

    public boolean isAny(String a, String b, String c, String d) {
        return type == TokenType.WORD && (text.equalsIgnoreCase(a) || text.equalsIgnoreCase(b) || text.equalsIgnoreCase(c)
                || text.equalsIgnoreCase(d));
    }

    public boolean isAny(String... keywords) {
        if (type != TokenType.WORD) {
            return false;
        }
        for (String k : keywords) {
            if (text.equalsIgnoreCase(k)) {
                return true;
            }
        }
        return false;
    }

    public boolean isPunct(TokenType t) {
        return type == t;
    }

    public boolean isIdentifier() {
        return type == TokenType.WORD || type == TokenType.QUOTED_IDENT || type == TokenType.TEMPLATE
                || isPsqlVariable();
    }

    /** A psql variable ({@code :name}, {@code :"name"}, {@code :'name'}) that psql replaces before the server sees it. */
    public boolean isPsqlVariable() {
        return type == TokenType.PARAMETER && text.length() > 1 && text.charAt(0) == ':';
    }

    /** Keyword form of a word, upper-cased; quoted identifiers and other tokens are returned as written. */
    public String upper() {
        return type == TokenType.WORD ? text.toUpperCase(Locale.ROOT) : text;
    }

    /**
     * The identifier this token names: quotes removed (with doubled quotes undone), unquoted words folded to
     * lower case as Postgres does.
     */
    public String identifier() {
        return switch (type) {
            case QUOTED_IDENT -> {
                if (text.length() < 2) {
                    yield text;
                }
                char q = text.charAt(0);
                char close = q == '[' ? ']' : q;
                String inner = text.substring(1, unterminated ? text.length() : text.length() - 1);
                yield inner.replace(String.valueOf(close) + close, String.valueOf(close));
            }
            case WORD -> text.toLowerCase(Locale.ROOT);
            default -> text;
        };
    }
}
