package dev.migralint.sql;

import dev.migralint.sql.op.Operation.*;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Statements that read or change rows: UPDATE, DELETE, INSERT (and INSERT ... SELECT), WITH ... and SELECT. */
final class DataStatementRecognizer extends ShapeRecognizer {
    DataStatementRecognizer(ShapeRecognizer shared) {
        super(shared);
    }

    /** The statement whose first word is {@code word}, one of those {@link TokenRecognizer} sends here. */
    boolean read(String word) {
        return switch (word) {
            case "UPDATE" -> update();
            case "DELETE" -> delete();
            case "INSERT", "REPLACE", "UPSERT" -> insert();
            case "WITH" -> with();
            case "SELECT" -> select();
            default -> false;
        };
    }

    boolean update() {
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
            Set<String> seen = new HashSet<>();
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

    boolean delete() {
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

    boolean insert() {
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
    boolean insertFromSelect() {
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

    static boolean startsQuery(Token t) {
        return t != null && (t.isAny("SELECT", "WITH", "VALUES") || t.type() == TokenType.LPAREN);
    }

    /** WITH cte AS (...) [, ...] UPDATE/DELETE/INSERT/SELECT: the verb after the CTE list decides. */
    boolean with() {
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

    boolean select() {
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
}
