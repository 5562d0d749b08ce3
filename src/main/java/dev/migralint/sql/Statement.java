package dev.migralint.sql;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One statement of a file.
 *
 * @param index      0-based position in the file
 * @param span       from the first significant token to the end of the terminator (or of the last token)
 * @param tokens     the significant tokens (comments inside the statement included, terminator excluded)
 * @param terminator the ";" or custom delimiter that ends it, or null at end of file
 * @param leading    the comments and whitespace between the previous statement and this one
 */
public record Statement(int index, Span span, List<Token> tokens, Token terminator, Span leading) {

    /** The significant tokens without comments. */
    public List<Token> code() {
        List<Token> code = new ArrayList<>(tokens.size());
        for (Token t : tokens) {
            if (!t.isTrivia()) {
                code.add(t);
            }
        }
        return Collections.unmodifiableList(code);
    }

    /** The text of the statement without its terminator. */
    public String body(String fileText) {
        int end = terminator != null ? terminator.start() : span.end();
        return fileText.substring(span.start(), end);
    }

    public String text(String fileText) {
        return span.of(fileText);
    }

    public boolean isMetaCommand() {
        return tokens.size() == 1 && tokens.get(0).type() == TokenType.META_COMMAND;
    }
}
