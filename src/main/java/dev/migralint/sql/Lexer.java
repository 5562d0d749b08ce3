package dev.migralint.sql;

import java.util.ArrayList;
import java.util.List;

/**
 * Span-exact SQL lexer. It never fails: unterminated strings, quotes and comments run to the end of the file and are
 * flagged, unknown chars become {@link TokenType#OTHER}. Whitespace is not materialised as tokens (it is the gaps
 * between them), which keeps token lists small on large files.
 */
public final class Lexer {
    private final String s;
    private final Dialect dialect;
    private final int n;
    private final List<Token> out;
    private int pos;
    /** The current statement delimiter; MySQL's DELIMITER directive changes it. */
    private String delimiter = ";";
    private boolean atLineStart = true;

    private Lexer(String text, Dialect dialect) {
        this.s = text;
        this.n = text.length();
        this.dialect = dialect;
        this.out = new ArrayList<>(Math.max(16, n / 5));
    }

    public static List<Token> tokenize(String text, Dialect dialect) {
        Lexer lexer = new Lexer(text, dialect);
        lexer.run();
        return lexer.out;
    }

    private void run() {
        while (pos < n) {
            char c = s.charAt(pos);
            if (c == '\n') {
                pos++;
                atLineStart = true;
                continue;
            }
            if (Character.isWhitespace(c)) {
                pos++;
                continue;
            }
            boolean lineStart = atLineStart;
            atLineStart = false;
            if (lineStart && c == '\\' && dialect == Dialect.POSTGRESQL) {
                emit(TokenType.META_COMMAND, pos, lineEnd(pos), false);
                continue;
            }
            if (lineStart && dialect == Dialect.MYSQL && startsWithWordIgnoreCase(pos, "DELIMITER")) {
                lexDelimiterDirective();
                continue;
            }
            if (!";".equals(delimiter) && s.startsWith(delimiter, pos)) {
                emit(TokenType.CUSTOM_DELIMITER, pos, pos + delimiter.length(), false);
                continue;
            }
            switch (c) {
                case '-' -> {
                    if (peek(1) == '-' && (dialect != Dialect.MYSQL || isMySqlDashComment())) {
                        emit(TokenType.LINE_COMMENT, pos, lineEnd(pos), false);
                    } else {
                        lexOperator();
                    }
                }
                case '#' -> {
                    if (dialect == Dialect.MYSQL) {
                        emit(TokenType.LINE_COMMENT, pos, lineEnd(pos), false);
                    } else {
                        lexOperator();
                    }
                }
                case '/' -> {
                    if (peek(1) == '*') {
                        lexBlockComment();
                    } else {
                        lexOperator();
                    }
                }
                case '\'' -> lexQuoted(TokenType.STRING, pos, '\'', dialect == Dialect.MYSQL);
                case '"' -> lexQuoted(dialect == Dialect.MYSQL ? TokenType.STRING : TokenType.QUOTED_IDENT, pos, '"',
                        dialect == Dialect.MYSQL);
                case '`' -> lexQuoted(TokenType.QUOTED_IDENT, pos, '`', false);
                case '[' -> {
                    if (dialect == Dialect.SQLITE) {
                        lexBracketIdent();
                    } else {
                        emit(TokenType.OPERATOR, pos, pos + 1, false);
                    }
                }
                case '$' -> lexDollar();
                case '(' -> emit(TokenType.LPAREN, pos, pos + 1, false);
                case ')' -> emit(TokenType.RPAREN, pos, pos + 1, false);
                case ',' -> emit(TokenType.COMMA, pos, pos + 1, false);
                case ';' -> emit(TokenType.SEMICOLON, pos, pos + 1, false);
                case '.' -> {
                    if (isDigit(peek(1))) {
                        lexNumber();
                    } else {
                        emit(TokenType.DOT, pos, pos + 1, false);
                    }
                }
                case '?' -> emit(TokenType.PARAMETER, pos, pos + 1, false);
                case '{' -> {
                    if (peek(1) == '{') {
                        lexTemplate();
                    } else {
                        emit(TokenType.OTHER, pos, pos + 1, false);
                    }
                }
                default -> {
                    if (isDigit(c)) {
                        lexNumber();
                    } else if (isPrefixedString(c)) {
                        lexPrefixedString();
                    } else if (isIdentStart(c)) {
                        lexWord();
                    } else if (isOperatorChar(c)) {
                        lexOperator();
                    } else {
                        int len = Character.charCount(s.codePointAt(pos));
                        emit(TokenType.OTHER, pos, pos + len, false);
                    }
                }
            }
        }
    }

    private void emit(TokenType type, int start, int end, boolean unterminated) {
        String text = end - start == 1 && s.charAt(start) < ONE_CHAR.length ? ONE_CHAR[s.charAt(start)]
                : s.substring(start, end);
        out.add(new Token(type, start, end, text, unterminated));
        pos = end;
    }

    /** The texts of one-character ASCII tokens, shared: a third of all tokens are "(", ")", ",", ";" or ".". */
    private static final String[] ONE_CHAR = new String[128];

    static {
        for (char c = 0; c < ONE_CHAR.length; c++) {
            ONE_CHAR[c] = String.valueOf(c);
        }
    }

    private char peek(int ahead) {
        int i = pos + ahead;
        return i < n ? s.charAt(i) : '\0';
    }

    private int lineEnd(int from) {
        int i = s.indexOf('\n', from);
        if (i < 0) {
            return n;
        }
        // A CR before the LF belongs to the line break, not to the comment.
        return i > from && s.charAt(i - 1) == '\r' ? i - 1 : i;
    }

    private boolean isMySqlDashComment() {
        char after = peek(2);
        return after == '\0' || Character.isWhitespace(after) || after == '-';
    }

    private boolean startsWithWordIgnoreCase(int at, String word) {
        int end = at + word.length();
        return end <= n && s.regionMatches(true, at, word, 0, word.length()) && (end == n || Character.isWhitespace(s.charAt(end)));
    }

    private void lexDelimiterDirective() {
        int end = lineEnd(pos);
        String line = s.substring(pos, end);
        String arg = line.substring("DELIMITER".length()).trim();
        if (!arg.isEmpty()) {
            int space = arg.indexOf(' ');
            delimiter = space > 0 ? arg.substring(0, space) : arg;
        }
        emit(TokenType.DELIMITER_DIRECTIVE, pos, end, false);
    }

    private void lexBlockComment() {
        int start = pos;
        boolean nests = dialect == Dialect.POSTGRESQL;
        int depth = 0;
        int i = pos;
        while (i < n) {
            char c = s.charAt(i);
            if (c == '/' && i + 1 < n && s.charAt(i + 1) == '*' && (depth == 0 || nests)) {
                depth++;
                i += 2;
            } else if (c == '*' && i + 1 < n && s.charAt(i + 1) == '/') {
                depth--;
                i += 2;
                if (depth == 0) {
                    emit(TokenType.BLOCK_COMMENT, start, i, false);
                    return;
                }
            } else {
                i++;
            }
        }
        emit(TokenType.BLOCK_COMMENT, start, n, true);
    }

    /** Quoted text closed by {@code quote}; a doubled quote is an escaped quote, and optionally so is a backslash. */
    private void lexQuoted(TokenType type, int start, char quote, boolean backslashEscapes) {
        int i = pos + 1;
        while (i < n) {
            char c = s.charAt(i);
            if (backslashEscapes && c == '\\') {
                i += 2;
                continue;
            }
            if (c == quote) {
                if (i + 1 < n && s.charAt(i + 1) == quote) {
                    i += 2;
                    continue;
                }
                emit(type, start, i + 1, false);
                return;
            }
            i++;
        }
        emit(type, start, n, true);
    }

    private void lexBracketIdent() {
        int close = s.indexOf(']', pos + 1);
        if (close < 0) {
            emit(TokenType.QUOTED_IDENT, pos, n, true);
        } else {
            emit(TokenType.QUOTED_IDENT, pos, close + 1, false);
        }
    }

    private void lexTemplate() {
        int close = s.indexOf("}}", pos + 2);
        if (close < 0) {
            emit(TokenType.OTHER, pos, pos + 1, false);
        } else {
            emit(TokenType.TEMPLATE, pos, close + 2, false);
        }
    }

    private void lexDollar() {
        if (placeholderEnd(pos) > 0) {
            lexWord();
            return;
        }
        char next = peek(1);
        if (isDigit(next)) {
            int i = pos + 1;
            while (i < n && isDigit(s.charAt(i))) {
                i++;
            }
            emit(TokenType.PARAMETER, pos, i, false);
            return;
        }
        if (dialect == Dialect.POSTGRESQL || dialect == null) {
            int i = pos + 1;
            while (i < n && isTagChar(s.charAt(i), i == pos + 1)) {
                i++;
            }
            if (i < n && s.charAt(i) == '$') {
                String tag = s.substring(pos, i + 1);
                int close = s.indexOf(tag, i + 1);
                if (close < 0) {
                    emit(TokenType.DOLLAR_STRING, pos, n, true);
                } else {
                    emit(TokenType.DOLLAR_STRING, pos, close + tag.length(), false);
                }
                return;
            }
        }
        emit(TokenType.OPERATOR, pos, pos + 1, false);
    }

    private static boolean isTagChar(char c, boolean first) {
        return c == '_' || Character.isLetter(c) || (!first && Character.isDigit(c));
    }

    private boolean isPrefixedString(char c) {
        char next = peek(1);
        switch (Character.toUpperCase(c)) {
            case 'E', 'B', 'X', 'N' -> {
                return next == '\'';
            }
            case 'U' -> {
                return next == '&' && (peek(2) == '\'' || peek(2) == '"');
            }
            default -> {
                return false;
            }
        }
    }

    private void lexPrefixedString() {
        int start = pos;
        char c = Character.toUpperCase(s.charAt(pos));
        if (c == 'U') {
            pos += 2;
            lexQuoted(s.charAt(pos) == '"' ? TokenType.QUOTED_IDENT : TokenType.STRING, start, s.charAt(pos), false);
        } else {
            pos += 1;
            boolean escapes = c == 'E' || dialect == Dialect.MYSQL;
            lexQuoted(TokenType.STRING, start, '\'', escapes);
        }
    }

    private void lexNumber() {
        int i = pos;
        if (s.startsWith("0x", i) || s.startsWith("0X", i)) {
            i += 2;
            while (i < n && (Character.digit(s.charAt(i), 16) >= 0 || s.charAt(i) == '_')) {
                i++;
            }
            emit(TokenType.NUMBER, pos, i, false);
            return;
        }
        while (i < n && (isDigit(s.charAt(i)) || s.charAt(i) == '_')) {
            i++;
        }
        if (i < n && s.charAt(i) == '.' && !(i + 1 < n && s.charAt(i + 1) == '.')) {
            i++;
            while (i < n && isDigit(s.charAt(i))) {
                i++;
            }
        }
        if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            int j = i + 1;
            if (j < n && (s.charAt(j) == '+' || s.charAt(j) == '-')) {
                j++;
            }
            if (j < n && isDigit(s.charAt(j))) {
                i = j;
                while (i < n && isDigit(s.charAt(i))) {
                    i++;
                }
            }
        }
        emit(TokenType.NUMBER, pos, i, false);
    }

    private void lexWord() {
        int i = pos;
        while (i < n) {
            int cp = s.codePointAt(i);
            int placeholder = cp == '$' ? placeholderEnd(i) : -1;
            if (placeholder > 0) {
                i = placeholder;
            } else if (Character.isLetterOrDigit(cp) || cp == '_' || (cp == '$' && dialect != Dialect.SQLITE)) {
                i += Character.charCount(cp);
            } else {
                break;
            }
        }
        if (i == pos) {
            // A high surrogate with no low one after it starts no word: one char of its own, or the lexer stops moving
            // (found by HardeningFuzzTest#doBody).
            emit(TokenType.OTHER, pos, pos + 1, false);
            return;
        }
        emit(TokenType.WORD, pos, i, false);
    }

    /**
     * Where a Flyway or Liquibase placeholder ({@code ${name}}, {@code ${flyway:defaultSchema}}) starting at {@code at}
     * ends, or -1: the runner puts a name there before the database sees the file, so it lexes as part of a word.
     */
    private int placeholderEnd(int at) {
        if (at + 2 >= n || s.charAt(at + 1) != '{') {
            return -1;
        }
        int i = at + 2;
        while (i < n && i - at < 120) {
            char c = s.charAt(i);
            if (c == '}') {
                return i > at + 2 ? i + 1 : -1;
            }
            if (!(Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == ':' || c == '-')) {
                return -1;
            }
            i++;
        }
        return -1;
    }

    private void lexOperator() {
        int i = pos + 1;
        // :name is a bind parameter, and in Postgres files a psql variable (:SCHEMA.jobs); "::" stays a cast.
        if (s.charAt(pos) == ':' && i < n && isIdentStart(s.charAt(i))) {
            while (i < n && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_')) {
                i++;
            }
            emit(TokenType.PARAMETER, pos, i, false);
            return;
        }
        // psql :'var' and :"var" interpolate a variable as a literal or an identifier.
        if (s.charAt(pos) == ':' && i < n && (s.charAt(i) == '\'' || s.charAt(i) == '"') && dialect == Dialect.POSTGRESQL) {
            int close = s.indexOf(s.charAt(i), i + 1);
            int eol = s.indexOf('\n', i + 1);
            if (close > i + 1 && (eol < 0 || close < eol)) {
                emit(TokenType.PARAMETER, pos, close + 1, false);
                return;
            }
        }
        while (i < n && isOperatorChar(s.charAt(i))
                && !(s.charAt(i) == '-' && i + 1 < n && s.charAt(i + 1) == '-')
                && !(s.charAt(i) == '/' && i + 1 < n && s.charAt(i + 1) == '*')) {
            i++;
        }
        emit(TokenType.OPERATOR, pos, i, false);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isIdentStart(char c) {
        return Character.isLetter(c) || c == '_' || Character.isHighSurrogate(c);
    }

    private static boolean isOperatorChar(char c) {
        return "+-*/<>=~!@#%^&|`?:".indexOf(c) >= 0;
    }
}
