package dev.migralint.sql;

import dev.migralint.sql.op.Operation.*;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Session and transaction statements (SET, RESET, PRAGMA, BEGIN, ROLLBACK, SAVEPOINT, LOCK), DO blocks and maintenance
 * (VACUUM, CLUSTER, REINDEX, REFRESH MATERIALIZED VIEW).
 */
final class SessionStatementRecognizer extends ShapeRecognizer {
    private static final Pattern DDL_IN_BODY = Pattern.compile(
            "(?s).*\\b(ALTER|CREATE|DROP)\\s+(TABLE|INDEX|TYPE|SCHEMA|COLUMN|UNIQUE)\\b.*");
    private static final Pattern MYSQL_SCOPE = Pattern.compile("^@@(session\\.|global\\.)?");

    SessionStatementRecognizer(ShapeRecognizer shared) {
        super(shared);
    }

    /** The statement whose first word is {@code word}, one of those {@link TokenRecognizer} sends here. */
    boolean read(String word) {
        return switch (word) {
            case "SET" -> set();
            case "RESET" -> reset();
            case "PRAGMA" -> pragma();
            case "BEGIN", "START" -> begin();
            case "ROLLBACK", "ABORT" -> rollback();
            case "SAVEPOINT", "RELEASE" -> savepoint();
            case "DO" -> doBlock();
            case "LOCK" -> lock();
            case "VACUUM" -> vacuum();
            case "CLUSTER" -> cluster();
            case "REINDEX" -> reindex();
            case "REFRESH" -> refresh();
            default -> false;
        };
    }

    boolean set() {
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
    boolean pragma() {
        c.next();
        String param = c.name();
        if (param != null && c.peek() != null && "=".equals(c.peek().text())) {
            c.next();
            return simple(new SetParameter(Names.unqualified(param).toLowerCase(Locale.ROOT), unquoteAll(c.rest()), false));
        }
        return simple(new Other("pragma"));
    }

    boolean reset() {
        c.next();
        String param = c.name();
        return simple(new SetParameter(param == null ? "all" : param.toLowerCase(Locale.ROOT), "default", false));
    }

    boolean begin() {
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

    boolean rollback() {
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

    boolean savepoint() {
        c.next();
        c.accept("SAVEPOINT");
        return simple(new Savepoint(c.name()));
    }

    boolean doBlock() {
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

    boolean lock() {
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

    boolean vacuum() {
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

    boolean cluster() {
        c.next();
        c.accept("VERBOSE");
        return simple(new Cluster(c.name()));
    }

    boolean reindex() {
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

    boolean refresh() {
        c.next();
        if (!c.accept("MATERIALIZED", "VIEW")) {
            return false;
        }
        boolean concurrently = c.accept("CONCURRENTLY");
        return simple(new RefreshMaterializedView(c.name(), concurrently));
    }
}
