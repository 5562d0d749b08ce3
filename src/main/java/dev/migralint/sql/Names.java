package dev.migralint.sql;

import java.util.List;
import java.util.Locale;

/** Identifier normalisation shared by both front ends: quotes removed, unquoted parts folded to lower case. */
public final class Names {
    private Names() {
    }

    /** Normalises a name as JSqlParser prints it, e.g. {@code public."User"} → {@code public.User}. */
    public static String normalize(String raw) {
        if (raw == null) {
            return null;
        }
        List<Token> tokens = Lexer.tokenize(raw, Dialect.POSTGRESQL);
        StringBuilder b = new StringBuilder();
        for (Token t : tokens) {
            if (t.type() == TokenType.DOT) {
                b.append('.');
            } else if (t.isIdentifier()) {
                b.append(t.identifier());
            } else if (t.type() == TokenType.QUOTED_IDENT || t.type() == TokenType.STRING) {
                b.append(t.text());
            } else {
                b.append(t.text().toLowerCase(Locale.ROOT));
            }
        }
        return b.toString();
    }

    /** The last part of a qualified name: {@code public.users} → {@code users}. */
    public static String unqualified(String name) {
        if (name == null) {
            return null;
        }
        int dot = name.lastIndexOf('.');
        return dot < 0 ? name : name.substring(dot + 1);
    }
}
