package dev.migralint.sql;

import java.util.ArrayList;
import java.util.List;

/** Keyword pairs outside every parenthesis of a statement's code (PARTITION BY after a column list, NOT NULL). */
public final class TopLevelWords {
    private TopLevelWords() {
    }

    /** The indexes from {@code from} on where {@code first} directly followed by {@code second} stands at depth 0. */
    public static List<Integer> pairs(List<Token> code, int from, String first, String second) {
        List<Integer> at = new ArrayList<>();
        int depth = 0;
        for (int i = from; i + 1 < code.size(); i++) {
            Token t = code.get(i);
            if (t.type() == TokenType.LPAREN) {
                depth++;
            } else if (t.type() == TokenType.RPAREN) {
                depth--;
            } else if (depth == 0 && t.is(first) && code.get(i + 1).is(second)) {
                at.add(i);
            }
        }
        return at;
    }
}
