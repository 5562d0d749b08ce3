package dev.migralint.sql;

import dev.migralint.sql.ParsedOperation.Source;
import dev.migralint.sql.op.ColumnDef;
import dev.migralint.sql.op.Operation;
import dev.migralint.sql.op.Operation.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Recognizes statement shapes from tokens alone. It is the fallback for the Postgres JSqlParser cannot parse (NOT VALID,
 * DROP INDEX CONCURRENTLY, DO blocks, CREATE TYPE ... AS ENUM, multi-action ALTER TABLE ... USING, ...) and the source
 * of exact spans for every ALTER TABLE action. It returns empty when it does not know the shape.
 */
public final class TokenRecognizer {
    // Compiled once: String.matches and replaceFirst compile their pattern on every call (once per column here).
    private static final java.util.regex.Pattern SERIAL = java.util.regex.Pattern.compile("(small|big)?serial[248]?");
    private static final java.util.regex.Pattern DDL_IN_BODY = java.util.regex.Pattern.compile(
            "(?s).*\\b(ALTER|CREATE|DROP)\\s+(TABLE|INDEX|TYPE|SCHEMA|COLUMN|UNIQUE)\\b.*");
    private static final java.util.regex.Pattern MYSQL_SCOPE = java.util.regex.Pattern.compile("^@@(session\\.|global\\.)?");
    private final Statement statement;
    private final Dialect dialect;
    private final List<Token> code;
    private final TokenCursor c;
    private final List<ParsedOperation> out = new ArrayList<>();

    private TokenRecognizer(Statement statement, Dialect dialect) {
        this.statement = statement;
        this.dialect = dialect;
        this.code = statement.code();
        this.c = new TokenCursor(code);
    }

    public static Optional<List<ParsedOperation>> recognize(Statement statement, Dialect dialect) {
        TokenRecognizer r = new TokenRecognizer(statement, dialect);
        try {
            return r.run() ? Optional.of(List.copyOf(r.out)) : Optional.empty();
        } catch (RuntimeException e) {
            // A shape we misjudged halfway: better "unknown" than a wrong operation.
            return Optional.empty();
        }
    }

    private boolean run() {
        if (code.isEmpty()) {
            return false;
        }
        if (statement.isMetaCommand()) {
            String text = code.get(0).text();
            int space = text.indexOf(' ');
            add(new MetaCommand(space > 0 ? text.substring(0, space) : text));
            return true;
        }
        if (code.get(0).type() == TokenType.DELIMITER_DIRECTIVE) {
            add(new Other("delimiter"));
            return true;
        }
        Token first = c.peek();
        if (first.type() == TokenType.LPAREN) {
            add(new Other("select"));
            return true;
        }
        if (first.type() != TokenType.WORD) {
            return false;
        }
        String w = first.upper();
        return switch (w) {
            case "CREATE" -> create();
            case "ALTER" -> alter();
            case "DROP" -> drop();
            case "TRUNCATE" -> truncate();
            case "RENAME" -> renameTable();
            case "UPDATE" -> update();
            case "DELETE" -> delete();
            case "INSERT", "REPLACE", "UPSERT" -> insert();
            case "WITH" -> with();
            case "SET" -> set();
            case "RESET" -> reset();
            case "BEGIN", "START" -> begin();
            case "COMMIT", "END" -> simple(new Commit());
            case "ROLLBACK", "ABORT" -> rollback();
            case "SAVEPOINT", "RELEASE" -> savepoint();
            case "DO" -> doBlock();
            case "LOCK" -> lock();
            case "VACUUM" -> vacuum();
            case "CLUSTER" -> cluster();
            case "REINDEX" -> reindex();
            case "REFRESH" -> refresh();
            case "SELECT" -> select();
            case "PRAGMA" -> pragma();
            case "GRANT", "REVOKE", "COMMENT", "ANALYZE", "ANALYSE", "NOTIFY", "LISTEN", "COPY", "CALL", "EXPLAIN",
                 "SHOW", "USE", "VALUES", "TABLE", "DECLARE", "PREPARE", "EXECUTE", "DEALLOCATE",
                 "DISCARD", "CHECKPOINT", "LOAD", "SECURITY", "IMPORT", "FLUSH", "OPTIMIZE", "CHECK", "ATTACH",
                 "DETACH", "REASSIGN", "CLOSE", "FETCH", "MOVE", "UNLISTEN", "DESCRIBE", "DESC" ->
                    simple(new Other(TokenCursor.leadingWords(code, w.equals("COMMENT") ? 2 : 1)));
            default -> false;
        };
    }

    private void add(Operation op) {
        out.add(new ParsedOperation(op, statement.span(), Source.TOKENS));
    }

    private void add(Operation op, List<Token> part) {
        Span span = part.isEmpty() ? statement.span()
                : new Span(part.get(0).start(), part.get(part.size() - 1).end());
        out.add(new ParsedOperation(op, span, Source.TOKENS));
    }

    private boolean simple(Operation op) {
        add(op);
        return true;
    }

    // ---------------------------------------------------------------- CREATE

    private boolean create() {
        c.next();
        boolean orReplace = c.accept("OR", "REPLACE");
        if (c.accept("DEFINER") || c.is(TokenType.OPERATOR)) {
            // MySQL CREATE DEFINER=`u`@`h` ...: skip to the object keyword.
            while (!c.atEnd() && !c.peek().isAny("TRIGGER", "PROCEDURE", "FUNCTION", "VIEW", "EVENT")) {
                c.next();
            }
        }
        boolean temporary = false;
        boolean unlogged = false;
        while (c.peek() != null && c.peek().isAny("TEMP", "TEMPORARY", "UNLOGGED", "GLOBAL", "LOCAL", "VIRTUAL",
                "RECURSIVE", "ALGORITHM", "SQL", "SECURITY", "CONSTRAINT", "DEFINER", "AGGREGATE", "TRUSTED",
                "PROCEDURAL", "DEFAULT")) {
            Token t = c.next();
            if (t.isAny("TEMP", "TEMPORARY")) {
                temporary = true;
            } else if (t.is("UNLOGGED")) {
                unlogged = true;
            } else if (t.isAny("ALGORITHM", "SQL", "DEFINER")) {
                // MySQL view options: ALGORITHM = x, SQL SECURITY x, DEFINER = x
                while (!c.atEnd() && !c.is("VIEW")) {
                    c.next();
                }
            } else if (t.is("AGGREGATE") || t.is("DEFAULT")) {
                return createObject(t.text().toLowerCase(Locale.ROOT) + " " + lower(c.next()));
            }
        }
        Token what = c.peek();
        if (what == null) {
            return false;
        }
        if (what.is("TABLE")) {
            c.next();
            return createTable(temporary, unlogged);
        }
        if (what.isAny("UNIQUE", "INDEX", "FULLTEXT", "SPATIAL")) {
            return createIndex();
        }
        if (what.is("TYPE")) {
            c.next();
            return createType();
        }
        if (what.is("SCHEMA") || what.is("DATABASE")) {
            c.next();
            boolean ine = c.accept("IF", "NOT", "EXISTS");
            String name = c.accept("AUTHORIZATION") ? c.name() : c.name();
            if (what.is("DATABASE")) {
                return simple(new CreateObject("database", name));
            }
            return simple(new CreateSchema(name, ine));
        }
        if (what.is("EXTENSION")) {
            c.next();
            boolean ine = c.accept("IF", "NOT", "EXISTS");
            return simple(new CreateExtension(c.name(), ine));
        }
        if (what.is("SEQUENCE")) {
            c.next();
            boolean ine = c.accept("IF", "NOT", "EXISTS");
            return simple(new CreateSequence(c.name(), ine));
        }
        if (what.is("MATERIALIZED") || what.is("VIEW")) {
            boolean mat = c.accept("MATERIALIZED");
            c.accept("VIEW");
            boolean ine = c.accept("IF", "NOT", "EXISTS");
            return simple(new CreateView(c.name(), mat, orReplace, ine));
        }
        if (what.isAny("FUNCTION", "PROCEDURE")) {
            c.next();
            String name = c.name();
            String language = null;
            int at = c.find("LANGUAGE");
            if (at >= 0) {
                Token lang = c.peek(at + 1);
                if (lang != null) {
                    language = lang.type() == TokenType.STRING ? unquote(lang.text()) : lang.identifier();
                    language = language.toLowerCase(Locale.ROOT);
                }
            }
            return simple(new CreateFunction(name, orReplace, language));
        }
        if (what.is("TRIGGER")) {
            c.next();
            c.accept("IF", "NOT", "EXISTS");
            String name = c.name();
            int on = c.find("ON");
            String table = null;
            if (on >= 0) {
                c.reset(c.position() + on + 1);
                table = c.name();
            }
            return simple(new CreateTrigger(name, table, orReplace));
        }
        if (what.is("DOMAIN")) {
            c.next();
            String name = c.name();
            return simple(new CreateDomain(name, c.find("CHECK") >= 0));
        }
        if (what.type() == TokenType.WORD) {
            c.next();
            String type = what.text().toLowerCase(Locale.ROOT);
            if (c.peek() != null && c.peek().isAny("ACCESS", "DATA", "TEXT", "FOREIGN", "EVENT", "OPERATOR", "USER")
                    && c.peek(1) != null && c.peek(1).type() == TokenType.WORD) {
                type = type + " " + lower(c.next());
                if (c.peek() != null && c.peek().isAny("METHOD", "WRAPPER", "TRIGGER", "CLASS", "FAMILY", "MAPPING", "SEARCH")) {
                    type = type + " " + lower(c.next());
                }
            }
            c.accept("IF", "NOT", "EXISTS");
            return createObject(type);
        }
        return false;
    }

    private boolean createObject(String type) {
        add(new CreateObject(type, c.peek() != null && c.peek().isIdentifier() ? c.name() : null));
        return true;
    }

    private boolean createTable(boolean temporary, boolean unlogged) {
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
        java.util.Set<String> keyColumns = new java.util.HashSet<>();
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
    private TableConstraint tableConstraint(String table, List<Token> el) {
        TokenCursor a = new TokenCursor(el);
        String name = null;
        if (a.accept("CONSTRAINT")) {
            if (a.peek() != null && !a.peek().isAny("PRIMARY", "UNIQUE", "FOREIGN", "CHECK", "EXCLUDE")) {
                name = a.name();
            }
        }
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

    /** "key" or "check" can also be column names: a column element has a type word after the name. */
    private static boolean isColumnStart(List<Token> el) {
        Token head = el.get(0);
        Token second = el.get(1);
        if (head.isAny("PRIMARY", "UNIQUE", "FOREIGN", "CHECK", "EXCLUDE", "CONSTRAINT", "LIKE")) {
            return second.type() == TokenType.WORD && !second.isAny("KEY", "INDEX", "(") && head.isAny("KEY", "INDEX")
                    && false;
        }
        // "KEY idx (a)" in MySQL is an index; "key text NOT NULL" is a column.
        return !(second.type() == TokenType.LPAREN || (el.size() > 2 && el.get(2).type() == TokenType.LPAREN
                && !second.isAny("varchar", "char", "numeric", "decimal")));
    }

    /** Parses "name type [constraints...]" from the tokens of one column definition. */
    private ColumnDef columnDef(List<Token> el) {
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

    private boolean createIndex() {
        boolean unique = c.acceptAny("UNIQUE");
        c.acceptAny("FULLTEXT", "SPATIAL");
        if (!c.accept("INDEX")) {
            return false;
        }
        boolean concurrently = c.accept("CONCURRENTLY");
        boolean ine = c.accept("IF", "NOT", "EXISTS");
        String name = null;
        if (!c.is("ON")) {
            name = c.name();
        }
        while (!c.atEnd() && !c.is("ON")) {
            c.next(); // MySQL "USING BTREE" before ON
        }
        if (!c.accept("ON")) {
            return false;
        }
        c.accept("ONLY");
        String table = c.name();
        String method = "btree";
        if (c.accept("USING")) {
            Token m = c.next();
            method = m == null ? null : m.identifier().toLowerCase(Locale.ROOT);
        }
        List<String> columns = new ArrayList<>();
        if (c.is(TokenType.LPAREN)) {
            for (List<Token> part : TokenCursor.splitCommas(c.group())) {
                columns.add(part.size() == 1 ? part.get(0).identifier() : TokenCursor.render(part));
            }
        }
        boolean partial = c.find("WHERE") >= 0;
        add(new CreateIndex(table, name, unique, concurrently, ine, method, columns, partial));
        return true;
    }

    private boolean createType() {
        String name = c.name();
        if (name == null) {
            return false;
        }
        if (c.accept("AS", "ENUM")) {
            List<String> values = new ArrayList<>();
            for (Token t : c.group()) {
                if (t.type() == TokenType.STRING) {
                    values.add(unquote(t.text()));
                }
            }
            return simple(new CreateType(name, "enum", values));
        }
        if (c.accept("AS", "RANGE")) {
            return simple(new CreateType(name, "range", List.of()));
        }
        if (c.accept("AS")) {
            return simple(new CreateType(name, "composite", List.of()));
        }
        return simple(new CreateType(name, "base", List.of()));
    }

    // ---------------------------------------------------------------- ALTER

    private boolean alter() {
        c.next();
        c.acceptAny("ONLINE", "OFFLINE", "IGNORE");
        Token what = c.peek();
        if (what == null) {
            return false;
        }
        if (what.is("TABLE")) {
            c.next();
            return alterTable();
        }
        if (what.is("TYPE")) {
            c.next();
            return alterType();
        }
        if (what.is("INDEX")) {
            c.next();
            c.accept("IF", "EXISTS");
            String name = c.name();
            return simple(new AlterIndex(name, TokenCursor.leadingWords(c.rest(), 3)));
        }
        if (what.is("DOMAIN")) {
            c.next();
            String name = c.name();
            List<Token> rest = c.rest();
            boolean notValid = false;
            for (int i = 0; i + 1 < rest.size(); i++) {
                if (rest.get(i).is("NOT") && rest.get(i + 1).is("VALID")) {
                    notValid = true;
                }
            }
            String action = TokenCursor.leadingWords(rest, 2);
            if (action.startsWith("add")) {
                action = "add constraint";
            }
            return simple(new AlterDomain(name, action, notValid));
        }
        if (what.type() == TokenType.WORD) {
            c.next();
            String type = lower(what);
            if (what.isAny("MATERIALIZED", "FOREIGN", "EVENT", "TEXT", "DEFAULT", "LARGE") && c.peek() != null) {
                type = type + " " + lower(c.next());
            }
            c.accept("IF", "EXISTS");
            String name = c.name();
            if (c.is(TokenType.LPAREN)) {
                c.group(); // function argument list
            }
            return simple(new AlterObject(type, name, TokenCursor.leadingWords(c.rest(), 3)));
        }
        return false;
    }

    private boolean alterTable() {
        c.accept("IF", "EXISTS");
        c.accept("ONLY");
        String table = c.name();
        if (table == null) {
            return false;
        }
        if (c.peek() != null && "*".equals(c.peek().text())) {
            c.next();
        }
        List<Token> rest = c.rest();
        if (rest.isEmpty()) {
            return false;
        }
        int before = out.size();
        for (List<Token> action : TokenCursor.splitCommas(rest)) {
            if (!action.isEmpty()) {
                alterTableAction(table, action);
            }
        }
        return out.size() > before;
    }

    private void alterTableAction(String table, List<Token> action) {
        TokenCursor a = new TokenCursor(action);
        Token head = a.peek();
        if (a.accept("ADD")) {
            if (a.is("CONSTRAINT") || a.peek() != null && a.peek().isAny("PRIMARY", "UNIQUE", "FOREIGN", "CHECK",
                    "EXCLUDE", "INDEX", "KEY", "FULLTEXT", "SPATIAL") && !(a.peek(1) != null
                    && a.peek(1).isIdentifier() && isTypeAfterName(a, 1) && a.peek().isAny("KEY", "CHECK"))) {
                addConstraint(table, a, action);
                return;
            }
            a.accept("COLUMN");
            boolean ine = a.accept("IF", "NOT", "EXISTS");
            if (a.is(TokenType.LPAREN)) {
                // MySQL ADD (col type, col type)
                for (List<Token> col : TokenCursor.splitCommas(a.group())) {
                    ColumnDef def = columnDef(col);
                    if (def != null) {
                        add(new AddColumn(table, def, ine), action);
                    }
                }
                return;
            }
            ColumnDef def = columnDef(action.subList(a.position(), action.size()));
            if (def != null) {
                add(new AddColumn(table, def, ine), action);
            }
            return;
        }
        if (a.accept("DROP")) {
            if (a.accept("CONSTRAINT") || a.accept("FOREIGN", "KEY") || a.accept("CHECK")) {
                boolean ie = a.accept("IF", "EXISTS");
                String name = a.name();
                add(new DropConstraint(table, name, ie, rest(a).contains("CASCADE")), action);
                return;
            }
            if (a.accept("PRIMARY", "KEY")) {
                add(new DropConstraint(table, "PRIMARY", false, false), action);
                return;
            }
            if (a.peek() != null && a.peek().isAny("INDEX", "KEY") && a.peek(1) != null) {
                a.next();
                String name = a.name();
                add(new DropIndex(name, List.of(name), false, false, false, table), action);
                return;
            }
            if (a.peek() != null && a.peek().isAny("NOT", "DEFAULT", "EXPRESSION", "IDENTITY")) {
                add(new AlterTableOther(table, "drop " + TokenCursor.leadingWords(a.rest(), 2)), action);
                return;
            }
            a.accept("COLUMN");
            boolean ie = a.accept("IF", "EXISTS");
            String column = a.name();
            add(new DropColumn(table, column, ie, rest(a).contains("CASCADE")), action);
            return;
        }
        if (a.accept("ALTER")) {
            a.accept("COLUMN");
            String column = a.name();
            if (a.accept("SET", "DATA", "TYPE") || a.accept("TYPE")) {
                List<Token> typeTokens = new ArrayList<>();
                int depth = 0;
                while (!a.atEnd() && !(depth == 0 && a.peek().isAny("USING", "COLLATE"))) {
                    Token t = a.next();
                    if (t.type() == TokenType.LPAREN) {
                        depth++;
                    } else if (t.type() == TokenType.RPAREN) {
                        depth--;
                    }
                    typeTokens.add(t);
                }
                boolean using = a.find("USING") >= 0;
                add(new AlterColumnType(table, column, normaliseType(typeTokens), using), action);
            } else if (a.accept("SET", "NOT", "NULL")) {
                add(new SetNotNull(table, column), action);
            } else if (a.accept("DROP", "NOT", "NULL")) {
                add(new DropNotNull(table, column), action);
            } else if (a.accept("SET", "DEFAULT")) {
                List<Token> expr = a.rest();
                add(new SetDefault(table, column, TokenCursor.render(expr), Volatility.mayBeVolatile(expr)), action);
            } else if (a.accept("DROP", "DEFAULT")) {
                add(new DropDefault(table, column), action);
            } else {
                add(new AlterTableOther(table, "alter column " + TokenCursor.leadingWords(a.rest(), 3)), action);
            }
            return;
        }
        if (a.accept("RENAME")) {
            if (a.accept("CONSTRAINT")) {
                String from = a.name();
                a.accept("TO");
                add(new RenameConstraint(table, from, a.name()), action);
                return;
            }
            if (a.peek() != null && a.peek().isAny("INDEX", "KEY")) {
                a.next();
                String from = a.name();
                add(new AlterIndex(from, "rename to"), action);
                return;
            }
            if (a.acceptAny("TO", "AS") || a.peek(1) == null) {
                add(new RenameTable(table, a.name()), action);
                return;
            }
            a.accept("COLUMN");
            String from = a.name();
            a.accept("TO");
            add(new RenameColumn(table, from, a.name()), action);
            return;
        }
        if (a.accept("VALIDATE", "CONSTRAINT")) {
            add(new ValidateConstraint(table, a.name()), action);
            return;
        }
        if (a.accept("ATTACH", "PARTITION")) {
            add(new AttachPartition(table, a.name()), action);
            return;
        }
        if (a.accept("DETACH", "PARTITION")) {
            String partition = a.name();
            add(new DetachPartition(table, partition, a.accept("CONCURRENTLY")), action);
            return;
        }
        if (dialect == Dialect.MYSQL && a.peek() != null && a.peek().isAny("MODIFY", "CHANGE")) {
            boolean change = a.next().is("CHANGE");
            a.accept("COLUMN");
            String column = a.name();
            List<Token> defTokens = action.subList(a.position() - 1, action.size());
            if (change) {
                String newName = a.peek() == null ? null : a.peek().identifier();
                defTokens = action.subList(a.position(), action.size());
                if (newName != null && !newName.equalsIgnoreCase(column)) {
                    add(new RenameColumn(table, column, newName), action);
                }
            }
            ColumnDef def = columnDef(defTokens);
            if (def != null) {
                add(new AlterColumnType(table, column, def.type(), false), action);
            }
            return;
        }
        if (head != null && head.isAny("ALGORITHM", "LOCK")) {
            // MySQL online-DDL options; they qualify the other actions rather than being one.
            return;
        }
        add(new AlterTableOther(table, TokenCursor.leadingWords(action, 4)), action);
    }

    /** True when the token after the name at {@code offset} looks like a type, i.e. the ADD is a column. */
    private static boolean isTypeAfterName(TokenCursor a, int offset) {
        Token after = a.peek(offset + 1);
        return after != null && after.type() == TokenType.WORD && !after.isAny("KEY", "INDEX", "USING", "CHECK");
    }

    private void addConstraint(String table, TokenCursor a, List<Token> action) {
        String name = null;
        if (a.accept("CONSTRAINT")) {
            if (a.peek() != null && !a.peek().isAny("PRIMARY", "UNIQUE", "FOREIGN", "CHECK", "EXCLUDE")) {
                name = a.name();
            }
        }
        Token kind = a.next();
        if (kind == null) {
            return;
        }
        String type = constraintKind(kind, a);
        if (type == null) {
            add(new AlterTableOther(table, "add " + lower(kind)), action);
            return;
        }
        if (type.equals("index")) {
            // MySQL ADD INDEX name (cols): an index build, not a constraint.
            String indexName = a.is(TokenType.LPAREN) ? null : a.name();
            List<String> cols = columnsOf(a);
            add(new CreateIndex(table, indexName, false, false, false, "btree", cols, false), action);
            return;
        }
        if (dialect == Dialect.MYSQL && !type.equals("check") && name == null && a.peek() != null
                && a.peek().isIdentifier() && a.peek().type() != TokenType.LPAREN && !a.is("USING")) {
            name = a.name(); // MySQL: ADD UNIQUE KEY name (cols)
        }
        boolean usingIndex = a.find("USING") >= 0 && a.find("INDEX") >= 0 && !type.equals("exclude");
        String notNullColumn = null;
        if (type.equals("check") && a.is(TokenType.LPAREN)) {
            // CHECK (col IS NOT NULL), the shape that lets a later SET NOT NULL skip its scan (Postgres 12+).
            List<Token> expr = new TokenCursor(action.subList(a.position(), action.size())).group();
            if (expr.size() == 4 && expr.get(0).isIdentifier() && expr.get(1).is("IS") && expr.get(2).is("NOT")
                    && expr.get(3).is("NULL")) {
                notNullColumn = expr.get(0).identifier();
            }
        }
        List<String> columns = type.equals("check") || type.equals("exclude") ? List.of() : columnsOf(a);
        String refTable = null;
        int ref = a.find("REFERENCES");
        if (ref >= 0) {
            a.reset(a.position() + ref + 1);
            refTable = a.name();
        }
        boolean notValid = false;
        for (int i = 0; i + 1 < action.size(); i++) {
            if (action.get(i).is("NOT") && action.get(i + 1).is("VALID")) {
                notValid = true;
            }
        }
        add(new AddConstraint(table, name, type, notValid, usingIndex, columns, refTable, notNullColumn), action);
    }

    /**
     * The kind of a table constraint or MySQL index clause from its first keyword (consuming a following KEY or
     * INDEX): primary-key, unique, foreign-key, check, exclude, index; null for anything else.
     */
    private static String constraintKind(Token kind, TokenCursor a) {
        if (kind.is("PRIMARY")) {
            a.accept("KEY");
            return "primary-key";
        }
        if (kind.is("UNIQUE")) {
            a.acceptAny("KEY", "INDEX");
            return "unique";
        }
        if (kind.is("FOREIGN")) {
            a.accept("KEY");
            return "foreign-key";
        }
        if (kind.is("CHECK")) {
            return "check";
        }
        if (kind.is("EXCLUDE")) {
            return "exclude";
        }
        if (kind.isAny("KEY", "INDEX", "FULLTEXT", "SPATIAL")) {
            a.acceptAny("KEY", "INDEX");
            return "index";
        }
        return null;
    }

    private static List<String> columnsOf(TokenCursor a) {
        List<String> cols = new ArrayList<>();
        if (a.is(TokenType.LPAREN)) {
            for (List<Token> part : TokenCursor.splitCommas(a.group())) {
                if (!part.isEmpty()) {
                    cols.add(part.size() == 1 ? part.get(0).identifier() : TokenCursor.render(part));
                }
            }
        }
        return cols;
    }

    private static List<String> rest(TokenCursor a) {
        List<String> words = new ArrayList<>();
        for (Token t : a.rest()) {
            words.add(t.upper());
        }
        return words;
    }

    private boolean alterType() {
        String name = c.name();
        if (name == null) {
            return false;
        }
        if (c.accept("ADD", "VALUE")) {
            boolean ine = c.accept("IF", "NOT", "EXISTS");
            Token v = c.next();
            String value = v == null ? null : unquote(v.text());
            String position = "none";
            if (c.accept("BEFORE")) {
                position = "before";
            } else if (c.accept("AFTER")) {
                position = "after";
            }
            return simple(new AlterTypeAddValue(name, value, ine, position));
        }
        List<Token> rest = c.rest();
        String newName = null;
        TokenCursor r = new TokenCursor(rest);
        if (r.accept("RENAME", "TO") || r.accept("SET", "SCHEMA")) {
            newName = r.name();
        } else if (r.accept("RENAME", "VALUE")) {
            r.next();
            if (r.accept("TO") && r.peek() != null) {
                newName = unquote(r.next().text());
            }
        }
        String action = TokenCursor.leadingWords(rest, newName != null ? 2 : 3);
        return simple(new AlterType(name, action, newName));
    }

    // ---------------------------------------------------------------- DROP, TRUNCATE, RENAME

    private boolean drop() {
        c.next();
        Token what = c.peek();
        if (what == null || what.type() != TokenType.WORD) {
            return false;
        }
        c.next();
        String type = lower(what);
        if (what.isAny("MATERIALIZED", "FOREIGN", "EVENT", "ACCESS", "TEXT", "OPERATOR", "USER") && c.peek() != null
                && c.peek().type() == TokenType.WORD) {
            type = type + " " + lower(c.next());
            if (c.peek() != null && c.peek().isAny("METHOD", "WRAPPER", "TRIGGER", "MAPPING", "CLASS", "FAMILY", "SEARCH")) {
                type = type + " " + lower(c.next());
            }
        }
        c.acceptAny("TEMPORARY");
        boolean concurrently = c.accept("CONCURRENTLY");
        boolean ifExists = c.accept("IF", "EXISTS");
        List<String> names = new ArrayList<>();
        String table = null;
        while (!c.atEnd()) {
            String name = c.name();
            if (name == null) {
                break;
            }
            names.add(name);
            if (c.is(TokenType.LPAREN)) {
                c.group();
            }
            if (c.accept("ON")) {
                table = c.name();
            }
            if (!c.accept(TokenType.COMMA)) {
                break;
            }
        }
        List<String> tail = rest(c);
        boolean cascade = tail.contains("CASCADE");
        String first = names.isEmpty() ? null : names.get(0);
        switch (type) {
            case "table" -> add(new DropTable(first, names, ifExists, cascade));
            case "index" -> add(new DropIndex(first, names, concurrently, ifExists, cascade, table));
            case "type" -> add(new DropType(first, ifExists, cascade));
            case "schema" -> add(new DropSchema(first, ifExists, cascade));
            case "database" -> add(new DropDatabase(first, ifExists));
            case "extension" -> add(new DropExtension(first, ifExists, cascade));
            default -> add(new DropObject(type, first, ifExists, cascade, table));
        }
        return true;
    }

    private boolean truncate() {
        c.next();
        c.accept("TABLE");
        c.accept("ONLY");
        List<String> names = new ArrayList<>();
        while (!c.atEnd()) {
            String name = c.name();
            if (name == null) {
                break;
            }
            names.add(name);
            if (c.peek() != null && "*".equals(c.peek().text())) {
                c.next();
            }
            if (!c.accept(TokenType.COMMA)) {
                break;
            }
            c.accept("ONLY");
        }
        if (names.isEmpty()) {
            return false;
        }
        add(new Truncate(names.get(0), names, rest(c).contains("CASCADE")));
        return true;
    }

    private boolean renameTable() {
        c.next();
        if (!c.accept("TABLE")) {
            return false;
        }
        while (!c.atEnd()) {
            String from = c.name();
            if (!c.accept("TO")) {
                return !out.isEmpty();
            }
            add(new RenameTable(from, c.name()));
            if (!c.accept(TokenType.COMMA)) {
                break;
            }
        }
        return !out.isEmpty();
    }

    // ---------------------------------------------------------------- data

    private boolean update() {
        c.next();
        c.accept("ONLY");
        c.acceptAny("LOW_PRIORITY", "IGNORE");
        c.accept("OR");
        c.acceptAny("ROLLBACK", "ABORT", "REPLACE", "FAIL", "IGNORE");
        String table = c.name();
        if (table == null) {
            return false;
        }
        boolean hasWhere = c.find("WHERE") >= 0;
        String duplicate = null;
        int set = c.find("SET");
        if (set >= 0) {
            c.reset(c.position() + set + 1);
            java.util.Set<String> seen = new java.util.HashSet<>();
            List<Token> assignments = new ArrayList<>();
            while (!c.atEnd() && !c.peek().isAny("FROM", "WHERE", "RETURNING")) {
                assignments.add(c.next());
            }
            for (List<Token> a : TokenCursor.splitCommas(assignments)) {
                List<String> targets = new ArrayList<>();
                if (!a.isEmpty() && a.get(0).type() == TokenType.LPAREN) {
                    for (List<Token> part : TokenCursor.splitCommas(new TokenCursor(a).group())) {
                        if (!part.isEmpty()) {
                            targets.add(part.get(part.size() - 1).identifier());
                        }
                    }
                } else if (a.size() > 1 && a.get(0).isIdentifier() && "=".equals(a.get(1).text())) {
                    // Only plain "col = ...": subscripts (a[1] = ...) and fields (c.f = ...) may repeat a column.
                    targets.add(a.get(0).identifier());
                }
                for (String target : targets) {
                    if (duplicate == null && !seen.add(target.toLowerCase(Locale.ROOT))) {
                        duplicate = target;
                    }
                }
            }
        }
        add(new Update(table, hasWhere, duplicate));
        return true;
    }

    private boolean delete() {
        c.next();
        c.acceptAny("LOW_PRIORITY", "QUICK", "IGNORE");
        c.accept("FROM");
        c.accept("ONLY");
        String table = c.name();
        if (table == null) {
            return false;
        }
        add(new Delete(table, c.find("WHERE") >= 0));
        return true;
    }

    private boolean insert() {
        c.next();
        c.accept("OR");
        c.acceptAny("REPLACE", "IGNORE", "ABORT", "FAIL", "ROLLBACK", "LOW_PRIORITY", "DELAYED", "HIGH_PRIORITY");
        c.acceptAny("IGNORE");
        c.accept("INTO");
        String table = c.name();
        if (table == null) {
            return false;
        }
        add(new Insert(table, insertFromSelect()));
        return true;
    }

    /**
     * Whether an INSERT's rows come from a query, as JSqlParser reads it (rules saw its reading before this one gave
     * the same): the source after the alias, column list and OVERRIDING clause is a SELECT, a WITH query or a
     * parenthesized query, not VALUES, DEFAULT VALUES or MySQL's SET. A source of another shape keeps the older
     * reading: some top-level SELECT and no top-level VALUES.
     */
    private boolean insertFromSelect() {
        boolean anywhere = c.find("SELECT") >= 0 && c.find("VALUES") < 0;
        if (c.accept("AS")) {
            c.name();
        }
        if (c.is(TokenType.LPAREN) && !startsQuery(c.peek(1))) {
            c.group();
        }
        if (c.accept("OVERRIDING")) {
            c.acceptAny("SYSTEM", "USER");
            c.accept("VALUE");
        }
        Token source = c.peek();
        if (source == null) {
            return anywhere;
        }
        if (source.isAny("SELECT", "WITH") || source.type() == TokenType.LPAREN && startsQuery(c.peek(1))) {
            return true;
        }
        if (source.isAny("VALUES", "VALUE", "DEFAULT", "SET")) {
            return false;
        }
        return anywhere;
    }

    private static boolean startsQuery(Token t) {
        return t != null && (t.isAny("SELECT", "WITH", "VALUES") || t.type() == TokenType.LPAREN);
    }

    /** WITH cte AS (...) [, ...] UPDATE/DELETE/INSERT/SELECT: the verb after the CTE list decides. */
    private boolean with() {
        c.next();
        c.accept("RECURSIVE");
        while (!c.atEnd()) {
            if (c.name() == null) {
                return false;
            }
            if (c.is(TokenType.LPAREN)) {
                c.group();
            }
            if (!c.accept("AS")) {
                return false;
            }
            c.accept("NOT");
            c.accept("MATERIALIZED");
            c.group();
            if (!c.accept(TokenType.COMMA)) {
                break;
            }
        }
        Token verb = c.peek();
        if (verb == null) {
            return false;
        }
        if (verb.is("UPDATE")) {
            return update();
        }
        if (verb.is("DELETE")) {
            return delete();
        }
        if (verb.isAny("INSERT")) {
            return insert();
        }
        return simple(new Other("select"));
    }

    private boolean select() {
        // SELECT set_config('lock_timeout', '5s', false) sets a parameter like SET does.
        c.next();
        Token fn = c.peek();
        if (fn != null && fn.identifier().equalsIgnoreCase("set_config") && c.peek(1) != null
                && c.peek(1).type() == TokenType.LPAREN) {
            c.next();
            List<List<Token>> args = TokenCursor.splitCommas(c.group());
            if (args.size() == 3 && args.get(0).size() == 1 && args.get(0).get(0).type() == TokenType.STRING) {
                String param = unquote(args.get(0).get(0).text()).toLowerCase(Locale.ROOT);
                String value = args.get(1).size() == 1 ? unquote(args.get(1).get(0).text()) : TokenCursor.render(args.get(1));
                boolean local = args.get(2).size() == 1 && args.get(2).get(0).is("true");
                return simple(new SetParameter(param, value, local));
            }
        }
        return simple(new Other("select"));
    }

    // ---------------------------------------------------------------- session and transactions

    private boolean set() {
        c.next();
        boolean local = false;
        if (c.accept("LOCAL")) {
            local = true;
        } else {
            c.acceptAny("SESSION", "GLOBAL", "PERSIST", "PERSIST_ONLY");
        }
        if (c.is("TRANSACTION") || c.is("CONSTRAINTS") || c.is("ROLE") || c.is("NAMES") || c.is("TIME")) {
            String what = lower(c.next());
            return simple(new SetParameter(what.equals("time") ? "timezone" : what, TokenCursor.render(c.rest()), local));
        }
        Token p = c.peek();
        if (p != null && p.text().startsWith("@")) {
            // MySQL user variable "SET @x = 1" or "@@session.lock_wait_timeout".
            StringBuilder name = new StringBuilder();
            while (!c.atEnd() && !"=".equals(c.peek().text()) && !":=".equals(c.peek().text())) {
                name.append(c.next().text());
            }
            c.next();
            String param = MYSQL_SCOPE.matcher(name.toString()).replaceFirst("").toLowerCase(Locale.ROOT);
            return simple(new SetParameter(param, unquoteAll(c.rest()), local));
        }
        String param = c.name();
        if (param == null) {
            return false;
        }
        if (!c.acceptAny("TO") && !c.accept(TokenType.OPERATOR)) {
            return simple(new SetParameter(param.toLowerCase(Locale.ROOT), TokenCursor.render(c.rest()), local));
        }
        return simple(new SetParameter(param.toLowerCase(Locale.ROOT), unquoteAll(c.rest()), local));
    }

    /**
     * SQLite {@code PRAGMA name = value} sets a parameter like SET; {@code PRAGMA name} and {@code PRAGMA name(arg)}
     * (table_info, foreign_key_check, ...) only read.
     */
    private boolean pragma() {
        c.next();
        String param = c.name();
        if (param != null && c.peek() != null && "=".equals(c.peek().text())) {
            c.next();
            return simple(new SetParameter(Names.unqualified(param).toLowerCase(Locale.ROOT), unquoteAll(c.rest()), false));
        }
        return simple(new Other("pragma"));
    }

    private boolean reset() {
        c.next();
        String param = c.name();
        return simple(new SetParameter(param == null ? "all" : param.toLowerCase(Locale.ROOT), "default", false));
    }

    private boolean begin() {
        Token first = c.next();
        if (first.is("START") && !c.is("TRANSACTION")) {
            return false;
        }
        if (first.is("BEGIN") && c.peek() != null && !c.peek().isAny("TRANSACTION", "WORK", "ISOLATION", "READ",
                "DEFERRED", "IMMEDIATE", "EXCLUSIVE", "NOT", "DEFERRABLE")) {
            return false; // e.g. a stray PL/pgSQL block
        }
        return simple(new Begin());
    }

    private boolean rollback() {
        c.next();
        c.acceptAny("WORK", "TRANSACTION");
        if (c.accept("TO")) {
            return simple(new Savepoint(null));
        }
        if (c.is("PREPARED")) {
            return simple(new Other("rollback prepared"));
        }
        return simple(new Rollback());
    }

    private boolean savepoint() {
        c.next();
        c.accept("SAVEPOINT");
        return simple(new Savepoint(c.name()));
    }

    private boolean doBlock() {
        c.next();
        String language = "plpgsql";
        boolean ddl = false;
        while (!c.atEnd()) {
            Token t = c.next();
            if (t.is("LANGUAGE") && c.peek() != null) {
                language = c.next().identifier().toLowerCase(Locale.ROOT);
            } else if (t.type() == TokenType.DOLLAR_STRING || t.type() == TokenType.STRING) {
                String body = t.text().toUpperCase(Locale.ROOT);
                ddl = DDL_IN_BODY.matcher(body).matches();
            }
        }
        return simple(new DoBlock(language, ddl));
    }

    private boolean lock() {
        c.next();
        c.acceptAny("TABLE", "TABLES");
        c.accept("ONLY");
        String table = c.name();
        String mode = "ACCESS EXCLUSIVE";
        int in = c.find("IN");
        if (in >= 0) {
            c.reset(c.position() + in + 1);
            StringBuilder m = new StringBuilder();
            while (!c.atEnd() && !c.is("MODE")) {
                if (m.length() > 0) {
                    m.append(' ');
                }
                m.append(c.next().upper());
            }
            mode = m.toString();
        } else if (dialect == Dialect.MYSQL) {
            mode = c.find("WRITE") >= 0 ? "WRITE" : "READ";
        }
        return simple(new LockTable(table, mode));
    }

    private boolean vacuum() {
        c.next();
        boolean full = false;
        if (c.is(TokenType.LPAREN)) {
            for (Token t : c.group()) {
                if (t.is("FULL")) {
                    full = true;
                }
            }
        }
        while (c.peek() != null && c.peek().isAny("FULL", "FREEZE", "VERBOSE", "ANALYZE", "ANALYSE")) {
            if (c.next().is("FULL")) {
                full = true;
            }
        }
        return simple(new Vacuum(full, c.name()));
    }

    private boolean cluster() {
        c.next();
        c.accept("VERBOSE");
        return simple(new Cluster(c.name()));
    }

    private boolean reindex() {
        c.next();
        if (c.is(TokenType.LPAREN)) {
            c.group();
        }
        Token target = c.next();
        if (target == null || !target.isAny("INDEX", "TABLE", "SCHEMA", "DATABASE", "SYSTEM")) {
            return false;
        }
        boolean concurrently = c.accept("CONCURRENTLY");
        return simple(new Reindex(lower(target), c.name(), concurrently));
    }

    private boolean refresh() {
        c.next();
        if (!c.accept("MATERIALIZED", "VIEW")) {
            return false;
        }
        boolean concurrently = c.accept("CONCURRENTLY");
        return simple(new RefreshMaterializedView(c.name(), concurrently));
    }

    // ---------------------------------------------------------------- helpers

    private static String lower(Token t) {
        return t == null ? null : t.text().toLowerCase(Locale.ROOT);
    }

    static String unquote(String s) {
        if (s.length() >= 2 && (s.charAt(0) == '\'' || s.charAt(0) == '"') && s.charAt(s.length() - 1) == s.charAt(0)) {
            char q = s.charAt(0);
            return s.substring(1, s.length() - 1).replace(String.valueOf(q) + q, String.valueOf(q));
        }
        if (s.length() >= 3 && (s.charAt(0) == 'E' || s.charAt(0) == 'e') && s.charAt(1) == '\'') {
            return unquote(s.substring(1));
        }
        return s;
    }

    private static String unquoteAll(List<Token> tokens) {
        if (tokens.size() == 1) {
            return unquote(tokens.get(0).text());
        }
        return TokenCursor.render(tokens);
    }
}
