package dev.migralint.sql;

import dev.migralint.sql.ParsedOperation.Source;
import dev.migralint.sql.op.ColumnDef;
import dev.migralint.sql.op.Operation.*;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** CREATE TABLE: the table, its columns (name, type, constraints) and its table constraints. */
final class CreateTableRecognizer extends ShapeRecognizer {
    // Compiled once: String.matches would compile the pattern on every call (once per column here).
    private static final Pattern SERIAL = Pattern.compile("(small|big)?serial[248]?");

    CreateTableRecognizer(ShapeRecognizer shared) {
        super(shared);
    }

    boolean createTable(boolean temporary, boolean unlogged) {
        boolean ine = c.accept("IF", "NOT", "EXISTS");
        String table = c.name();
        if (table == null) {
            return false;
        }
        if (c.accept("PARTITION", "OF")) {
            String parent = c.name();
            add(new CreateTable(table, ine, temporary, unlogged, false, parent, 0, false));
            return true;
        }
        if (c.accept("USING")) {
            // SQLite's CREATE VIRTUAL TABLE t USING fts4(...): the module's arguments are no column definitions.
            add(new CreateTable(table, ine, temporary, unlogged, false, null, 0, false));
            return true;
        }
        if (c.is("AS") || c.is("SELECT") || c.is("LIKE")) {
            add(new CreateTable(table, ine, temporary, unlogged, !c.is("LIKE"), null, 0, false));
            return true;
        }
        if (!c.is(TokenType.LPAREN)) {
            if (c.accept("OF")) {
                add(new CreateTable(table, ine, temporary, unlogged, false, null, 0, false));
                return true;
            }
            return false;
        }
        List<Token> body = c.group();
        if (c.accept("AS")) {
            add(new CreateTable(table, ine, temporary, unlogged, true, null, 0, false));
            return true;
        }
        List<List<Token>> elements = TokenCursor.splitCommas(body);
        List<ParsedOperation> columns = new ArrayList<>();
        List<ParsedOperation> constraints = new ArrayList<>();
        Set<String> keyColumns = new HashSet<>();
        boolean hasPk = false;
        int count = 0;
        for (List<Token> el : elements) {
            if (el.isEmpty()) {
                continue;
            }
            Token head = el.get(0);
            if (head.isAny("CONSTRAINT", "PRIMARY", "UNIQUE", "FOREIGN", "CHECK", "EXCLUDE", "KEY", "INDEX",
                    "FULLTEXT", "SPATIAL", "LIKE") && !(el.size() > 1 && isColumnStart(el))) {
                TableConstraint tc = tableConstraint(table, el);
                if (tc != null) {
                    if (tc.constraintType().equals("primary-key")) {
                        hasPk = true;
                    }
                    if (tc.constraintType().equals("primary-key") || tc.constraintType().equals("foreign-key")) {
                        tc.columns().forEach(col -> keyColumns.add(col.toLowerCase(Locale.ROOT)));
                    }
                    constraints.add(new ParsedOperation(tc, new Span(el.get(0).start(), el.get(el.size() - 1).end()),
                            Source.TOKENS));
                }
                continue;
            }
            ColumnDef def = columnDef(el);
            if (def == null) {
                continue;
            }
            hasPk |= def.primaryKey();
            count++;
            columns.add(new ParsedOperation(new CreateTableColumn(table, def),
                    new Span(el.get(0).start(), el.get(el.size() - 1).end()), Source.TOKENS));
        }
        add(new CreateTable(table, ine, temporary, unlogged, false, null, count, hasPk));
        for (ParsedOperation po : columns) {
            CreateTableColumn col = (CreateTableColumn) po.operation();
            boolean key = col.def().column() != null && keyColumns.contains(col.def().column().toLowerCase(Locale.ROOT));
            out.add(key ? new ParsedOperation(new CreateTableColumn(table, col.def().asKey()), po.span(), po.source()) : po);
        }
        out.addAll(constraints);
        return true;
    }

    /** A constraint (or MySQL index) element of CREATE TABLE, or null for LIKE and shapes not understood. */
    TableConstraint tableConstraint(String table, List<Token> el) {
        TokenCursor a = new TokenCursor(el);
        String name = constraintName(a);
        Token kind = a.next();
        if (kind == null) {
            return null;
        }
        String type = constraintKind(kind, a);
        if (type == null) {
            return null;
        }
        if (type.equals("check") || type.equals("exclude")) {
            return new TableConstraint(table, name, type, List.of(), null);
        }
        // MySQL: an index name and USING before the column list.
        while (!a.atEnd() && !a.is(TokenType.LPAREN)) {
            Token t = a.next();
            if (name == null && t.isIdentifier() && !t.isAny("USING", "BTREE", "HASH")) {
                name = t.identifier();
            }
        }
        List<String> columns = columnsOf(a);
        String refTable = null;
        if (type.equals("foreign-key") && a.accept("REFERENCES")) {
            refTable = a.name();
        }
        return new TableConstraint(table, name, type, columns, refTable);
    }

    /**
     * Whether a CREATE TABLE element is a column. One led by a constraint keyword never is; "key" can also be a
     * column name: "KEY idx (a)" in MySQL is an index, "key text NOT NULL" a column.
     */
    static boolean isColumnStart(List<Token> el) {
        Token head = el.get(0);
        Token second = el.get(1);
        if (head.isAny("PRIMARY", "UNIQUE", "FOREIGN", "CHECK", "EXCLUDE", "CONSTRAINT", "LIKE")) {
            return false;
        }
        return !(second.type() == TokenType.LPAREN || (el.size() > 2 && el.get(2).type() == TokenType.LPAREN
                && !second.isAny("varchar", "char", "numeric", "decimal")));
    }

    /** Parses "name type [constraints...]" from the tokens of one column definition. */
    ColumnDef columnDef(List<Token> el) {
        if (el.isEmpty() || !el.get(0).isIdentifier()) {
            return null;
        }
        String column = el.get(0).identifier();
        int i = 1;
        List<Token> typeTokens = new ArrayList<>();
        int depth = 0;
        while (i < el.size()) {
            Token t = el.get(i);
            if (depth == 0 && t.isAny("NOT", "NULL", "DEFAULT", "CONSTRAINT", "PRIMARY", "UNIQUE", "REFERENCES",
                    "CHECK", "GENERATED", "COLLATE", "AUTO_INCREMENT", "AUTOINCREMENT", "COMMENT", "ON", "AS",
                    "IDENTITY", "CHARACTER", "CHARSET", "KEY", "FIRST", "AFTER", "INVISIBLE", "VISIBLE", "STORAGE",
                    "COMPRESSION", "USING", "SRID")) {
                // "character varying" and "double precision" keep going; MySQL "CHARACTER SET" stops.
                if (t.is("CHARACTER") && (typeTokens.isEmpty() || i + 1 < el.size() && el.get(i + 1).isAny("VARYING"))) {
                    typeTokens.add(t);
                    i++;
                    continue;
                }
                break;
            }
            if (t.type() == TokenType.LPAREN) {
                depth++;
            } else if (t.type() == TokenType.RPAREN) {
                depth--;
            }
            typeTokens.add(t);
            i++;
        }
        String type = normaliseType(typeTokens);
        boolean notNull = false;
        boolean hasDefault = false;
        String defaultExpr = null;
        boolean defaultVolatile = false;
        boolean pk = false;
        boolean unique = false;
        String references = null;
        boolean generated = false;
        boolean stored = false;
        boolean identity = false;
        boolean check = false;
        while (i < el.size()) {
            Token t = el.get(i);
            if (t.is("NOT") && i + 1 < el.size() && el.get(i + 1).is("NULL")) {
                notNull = true;
                i += 2;
            } else if (t.is("DEFAULT")) {
                int start = ++i;
                depth = 0;
                while (i < el.size()) {
                    Token d = el.get(i);
                    if (depth == 0 && d.isAny("NOT", "NULL", "CONSTRAINT", "PRIMARY", "UNIQUE", "REFERENCES", "CHECK",
                            "GENERATED", "COLLATE", "COMMENT", "AUTO_INCREMENT") && i > start
                            && !(d.is("NULL") && i == start)) {
                        break;
                    }
                    if (depth == 0 && d.is("ON") && i > start) {
                        break;
                    }
                    if (d.type() == TokenType.LPAREN) {
                        depth++;
                    } else if (d.type() == TokenType.RPAREN) {
                        depth--;
                    }
                    i++;
                }
                List<Token> expr = el.subList(start, i);
                hasDefault = true;
                defaultExpr = TokenCursor.render(expr);
                defaultVolatile = Volatility.mayBeVolatile(expr);
                if (defaultExpr.equalsIgnoreCase("null")) {
                    hasDefault = false;
                }
            } else if (t.is("PRIMARY")) {
                pk = true;
                notNull = true;
                i++;
            } else if (t.is("UNIQUE")) {
                unique = true;
                i++;
            } else if (t.is("REFERENCES")) {
                TokenCursor rc = new TokenCursor(el.subList(i + 1, el.size()));
                references = rc.name();
                i++;
            } else if (t.is("CHECK")) {
                check = true;
                i++;
            } else if (t.is("GENERATED")) {
                int j = i;
                boolean isIdentity = false;
                while (j < el.size() && j < i + 6) {
                    if (el.get(j).is("IDENTITY")) {
                        isIdentity = true;
                    }
                    j++;
                }
                if (isIdentity) {
                    identity = true;
                } else {
                    generated = true;
                }
                i++;
            } else if (t.isAny("AUTO_INCREMENT", "AUTOINCREMENT", "IDENTITY")) {
                identity = true;
                i++;
            } else if (t.is("AS") && dialect != Dialect.POSTGRESQL) {
                generated = true;
                i++;
            } else if (t.is("STORED")) {
                stored = true;
                i++;
            } else if (t.type() == TokenType.LPAREN) {
                // CHECK (...), GENERATED ... AS (...), REFERENCES t (...): words inside are not column options.
                int depth2 = 0;
                do {
                    Token g = el.get(i);
                    depth2 += g.type() == TokenType.LPAREN ? 1 : g.type() == TokenType.RPAREN ? -1 : 0;
                    i++;
                } while (i < el.size() && depth2 > 0);
            } else {
                i++;
            }
        }
        boolean serial = type != null && SERIAL.matcher(type).matches();
        if (serial) {
            defaultVolatile = true;
        }
        return new ColumnDef(column, type, notNull, hasDefault, defaultExpr, defaultVolatile, pk, unique, references,
                generated, generated && stored, identity, serial, check, pk || references != null);
    }

    static String normaliseType(List<Token> typeTokens) {
        if (typeTokens.isEmpty()) {
            return null;
        }
        StringBuilder b = new StringBuilder();
        Token prev = null;
        for (Token t : typeTokens) {
            String text = t.type() == TokenType.QUOTED_IDENT ? t.identifier()
                    : t.type() == TokenType.WORD ? t.text().toLowerCase(Locale.ROOT) : t.text();
            boolean glue = prev == null || t.type() == TokenType.LPAREN || t.type() == TokenType.RPAREN
                    || t.type() == TokenType.COMMA || t.type() == TokenType.DOT || prev.type() == TokenType.LPAREN
                    || prev.type() == TokenType.DOT || prev.type() == TokenType.COMMA || "[".equals(text)
                    || "]".equals(text) || "[]".equals(text) || "[".equals(prev.text());
            if (!glue) {
                b.append(' ');
            }
            b.append(text);
            prev = t;
        }
        return b.toString();
    }
}
