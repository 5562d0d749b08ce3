package dev.migralint.analysis;

import dev.migralint.sql.Statement;
import dev.migralint.sql.Token;
import dev.migralint.sql.TokenType;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What each referencing column of a CREATE TABLE or ALTER TABLE statement points at: {@code col int REFERENCES t (id)}
 * inline, or {@code FOREIGN KEY (a, b) REFERENCES t (x, y)}. Read from the tokens because the operations keep only the
 * referenced table.
 */
final class ReferencedColumns {
    /** The referenced table and column; {@code column} is null when the statement names none (the primary key). */
    record Target(String table, String column, int position) {
    }

    private ReferencedColumns() {
    }

    /** Referencing column (case-folded) → what it references, for every REFERENCES of the statement. */
    static Map<String, Target> of(Statement st) {
        List<Token> code = st.code();
        Map<String, Target> out = new HashMap<>();
        for (int i = 0; i < code.size(); i++) {
            if (!code.get(i).is("REFERENCES")) {
                continue;
            }
            int j = i + 1;
            StringBuilder table = new StringBuilder();
            while (j < code.size() && code.get(j).isIdentifier()) {
                table.append(code.get(j).identifier());
                if (j + 1 < code.size() && code.get(j + 1).type() == TokenType.DOT) {
                    table.append('.');
                    j += 2;
                } else {
                    j++;
                    break;
                }
            }
            if (table.isEmpty()) {
                continue;
            }
            List<String> targets = j < code.size() && code.get(j).type() == TokenType.LPAREN ? names(code, j) : List.of();
            List<String> referencing = foreignKeyColumns(code, i);
            if (referencing == null) {
                String column = inlineColumn(code, i);
                if (column != null) {
                    out.putIfAbsent(column, new Target(table.toString(), targets.isEmpty() ? null : targets.get(0), 0));
                }
                continue;
            }
            for (int k = 0; k < referencing.size(); k++) {
                out.putIfAbsent(referencing.get(k), new Target(table.toString(),
                        k < targets.size() ? targets.get(k) : null, k));
            }
        }
        return out;
    }

    /** The identifiers of the parenthesised list opening at {@code open}, case-folded. */
    private static List<String> names(List<Token> code, int open) {
        List<String> out = new ArrayList<>();
        for (int j = open + 1; j < code.size() && code.get(j).type() != TokenType.RPAREN; j++) {
            if (code.get(j).isIdentifier()) {
                out.add(code.get(j).identifier().toLowerCase(Locale.ROOT));
            }
        }
        return out;
    }

    /** For {@code FOREIGN KEY (a, b) REFERENCES} ending just before {@code references}: a and b; else null. */
    private static List<String> foreignKeyColumns(List<Token> code, int references) {
        int close = references - 1;
        if (close < 0 || code.get(close).type() != TokenType.RPAREN) {
            return null;
        }
        int open = close - 1;
        while (open >= 0 && code.get(open).type() != TokenType.LPAREN) {
            open--;
        }
        if (open < 2 || !code.get(open - 1).is("KEY") || !code.get(open - 2).is("FOREIGN")) {
            return null;
        }
        return names(code, open);
    }

    /** The column an inline REFERENCES belongs to: the first name of its column definition or ADD [COLUMN] action. */
    private static String inlineColumn(List<Token> code, int references) {
        int depth = 0;
        int start = 0;
        for (int j = references - 1; j >= 0; j--) {
            TokenType t = code.get(j).type();
            if (t == TokenType.RPAREN) {
                depth++;
            } else if (t == TokenType.LPAREN) {
                if (depth == 0) {
                    start = j + 1;
                    break;
                }
                depth--;
            } else if (t == TokenType.COMMA && depth == 0) {
                start = j + 1;
                break;
            }
        }
        int add = -1;
        for (int j = start; j < references; j++) {
            if (code.get(j).is("ADD")) {
                add = j;
                break;
            }
        }
        int j = add >= 0 ? add + 1 : start;
        while (j < references && code.get(j).isAny("COLUMN", "IF", "NOT", "EXISTS")) {
            j++;
        }
        return j < references && code.get(j).isIdentifier() ? code.get(j).identifier().toLowerCase(Locale.ROOT) : null;
    }
}
