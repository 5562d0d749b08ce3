package dev.migralint.sql;

import dev.migralint.sql.op.Operation.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * CREATE, ALTER and DROP of everything but table actions (indexes, types and enums, schemas, extensions, sequences,
 * views, functions, triggers, domains, other objects), plus TRUNCATE and RENAME TABLE; CREATE TABLE and ALTER TABLE go
 * to their own recognizers.
 */
final class SchemaObjectRecognizer extends ShapeRecognizer {
    SchemaObjectRecognizer(ShapeRecognizer shared) {
        super(shared);
    }

    /** The statement whose first word is {@code word}, one of those {@link TokenRecognizer} sends here. */
    boolean read(String word) {
        return switch (word) {
            case "CREATE" -> create();
            case "ALTER" -> alter();
            case "DROP" -> drop();
            case "TRUNCATE" -> truncate();
            case "RENAME" -> renameTable();
            default -> false;
        };
    }

    boolean create() {
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
            return new CreateTableRecognizer(this).createTable(temporary, unlogged);
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

    boolean createObject(String type) {
        add(new CreateObject(type, c.peek() != null && c.peek().isIdentifier() ? c.name() : null));
        return true;
    }

    boolean createIndex() {
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

    boolean createType() {
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

    boolean alter() {
        c.next();
        c.acceptAny("ONLINE", "OFFLINE", "IGNORE");
        Token what = c.peek();
        if (what == null) {
            return false;
        }
        if (what.is("TABLE")) {
            c.next();
            return new AlterTableRecognizer(this).alterTable();
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

    boolean alterType() {
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

    boolean drop() {
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

    boolean truncate() {
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

    boolean renameTable() {
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
}
