package dev.migralint.sql;

import java.util.Locale;

/**
 * A comment as runner markers are compared: without white space, lower-cased, so {@code -- +goose Down} and
 * {@code --+goose down} are one marker. The front end (statement boundaries) and the runner descriptors share it.
 */
public final class CommentKey {
    private CommentKey() {
    }

    public static String of(String comment) {
        // What "\\s+" removes, without a regular expression: asked once per comment of a runner's file.
        StringBuilder b = new StringBuilder(comment.length());
        for (int i = 0; i < comment.length(); i++) {
            char c = comment.charAt(i);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\u000B' && c != '\f' && c != '\r') {
                b.append(c);
            }
        }
        return b.toString().toLowerCase(Locale.ROOT);
    }
}
