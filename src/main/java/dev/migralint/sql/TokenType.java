package dev.migralint.sql;

/** Lexical classes. Trivia (whitespace and comments) are tokens too, so spans tile the file exactly. */
public enum TokenType {
    WHITESPACE,
    LINE_COMMENT,
    BLOCK_COMMENT,
    /** An unquoted word: keyword or identifier. */
    WORD,
    /** "ident", `ident` or [ident]. */
    QUOTED_IDENT,
    /** 'text', E'text', N'text', B'01', X'ff', U&'x'. */
    STRING,
    /** $$ ... $$ or $tag$ ... $tag$. */
    DOLLAR_STRING,
    NUMBER,
    /** $1, ?, :name. */
    PARAMETER,
    LPAREN,
    RPAREN,
    COMMA,
    DOT,
    SEMICOLON,
    OPERATOR,
    /** A psql backslash command up to the end of its line. */
    META_COMMAND,
    /** A MySQL client DELIMITER directive line. */
    DELIMITER_DIRECTIVE,
    /** The statement terminator set by a DELIMITER directive, when it is not ";". */
    CUSTOM_DELIMITER,
    /** A Go template placeholder {{ ... }} left in a file before rendering. */
    TEMPLATE,
    /** Anything else: one char the lexer does not know. */
    OTHER;

    public boolean isTrivia() {
        return this == WHITESPACE || this == LINE_COMMENT || this == BLOCK_COMMENT;
    }
}
