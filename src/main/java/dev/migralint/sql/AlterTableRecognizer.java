package dev.migralint.sql;

import dev.migralint.sql.op.ColumnDef;
import dev.migralint.sql.op.Operation.*;

import java.util.ArrayList;
import java.util.List;

/**
 * ALTER TABLE: one operation per action (ADD/DROP/ALTER COLUMN, ADD/DROP/VALIDATE CONSTRAINT, RENAME, ...), each with
 * the exact span of its action.
 */
final class AlterTableRecognizer extends ShapeRecognizer {
    AlterTableRecognizer(ShapeRecognizer shared) {
        super(shared);
    }

    boolean alterTable() {
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

    void alterTableAction(String table, List<Token> action) {
        // Each kind of action is a method of its own: the JIT compiles a method whole, and only the kinds a run
        // meets often are worth compiling.
        TokenCursor a = new TokenCursor(action);
        Token head = a.peek();
        if (a.accept("ADD")) {
            addAction(table, a, action);
            return;
        }
        if (a.accept("DROP")) {
            dropAction(table, a, action);
            return;
        }
        if (a.accept("ALTER")) {
            alterColumnAction(table, a, action);
            return;
        }
        if (a.accept("RENAME")) {
            renameAction(table, a, action);
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
            mysqlModifyAction(table, a, action);
            return;
        }
        if (head != null && head.isAny("ALGORITHM", "LOCK")) {
            // MySQL online-DDL options; they qualify the other actions rather than being one.
            return;
        }
        add(new AlterTableOther(table, TokenCursor.leadingWords(action, 4)), action);
    }

    private void addAction(String table, TokenCursor a, List<Token> action) {
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
                ColumnDef def = new CreateTableRecognizer(this).columnDef(col);
                if (def != null) {
                    add(new AddColumn(table, def, ine), action);
                }
            }
            return;
        }
        ColumnDef def = new CreateTableRecognizer(this).columnDef(action.subList(a.position(), action.size()));
        if (def != null) {
            add(new AddColumn(table, def, ine), action);
        }
    }

    private void dropAction(String table, TokenCursor a, List<Token> action) {
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
    }

    private void alterColumnAction(String table, TokenCursor a, List<Token> action) {
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
            add(new AlterColumnType(table, column, CreateTableRecognizer.normaliseType(typeTokens), using), action);
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
    }

    private void renameAction(String table, TokenCursor a, List<Token> action) {
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
    }

    private void mysqlModifyAction(String table, TokenCursor a, List<Token> action) {
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
        ColumnDef def = new CreateTableRecognizer(this).columnDef(defTokens);
        if (def != null) {
            add(new AlterColumnType(table, column, def.type(), false), action);
        }
    }

    /** True when the token after the name at {@code offset} looks like a type, i.e. the ADD is a column. */
    static boolean isTypeAfterName(TokenCursor a, int offset) {
        Token after = a.peek(offset + 1);
        return after != null && after.type() == TokenType.WORD && !after.isAny("KEY", "INDEX", "USING", "CHECK");
    }

    void addConstraint(String table, TokenCursor a, List<Token> action) {
        String name = constraintName(a);
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
}
