package dev.migralint.sql;

import dev.migralint.sql.op.ColumnDef;
import dev.migralint.sql.op.Operation.CreateIndex;
import dev.migralint.sql.op.Operation.CreateTable;
import dev.migralint.sql.op.Operation.CreateTableColumn;
import dev.migralint.sql.op.Operation.Delete;
import dev.migralint.sql.op.Operation.DropIndex;
import dev.migralint.sql.op.Operation.DropTable;
import dev.migralint.sql.op.Operation.Insert;
import dev.migralint.sql.op.Operation.TableConstraint;
import dev.migralint.sql.op.Operation.Truncate;
import dev.migralint.sql.op.Operation.Update;
import dev.migralint.sql.op.Operation;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.create.table.CheckConstraint;
import net.sf.jsqlparser.statement.create.table.ColumnDefinition;
import net.sf.jsqlparser.statement.create.table.ExcludeConstraint;
import net.sf.jsqlparser.statement.create.table.ForeignKeyIndex;
import net.sf.jsqlparser.statement.create.table.Index;
import net.sf.jsqlparser.statement.drop.Drop;
import net.sf.jsqlparser.statement.select.Values;
import net.sf.jsqlparser.statement.update.UpdateSet;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Turns a JSqlParser AST into operations for the statement classes where the AST is the better source: CREATE TABLE
 * (column definitions), CREATE INDEX, DROP TABLE/INDEX, TRUNCATE and DML (WHERE clauses inside CTEs and subqueries).
 * ALTER TABLE stays with the token recognizer, which gives each action its exact span for fixes.
 */
public final class AstOperationMapper {
    private AstOperationMapper() {
    }

    public static Optional<List<Operation>> map(net.sf.jsqlparser.statement.Statement ast, Dialect dialect) {
        if (ast instanceof net.sf.jsqlparser.statement.create.table.CreateTable ct) {
            return Optional.of(createTable(ct, dialect));
        }
        if (ast instanceof net.sf.jsqlparser.statement.create.index.CreateIndex ci) {
            return Optional.of(List.of(createIndex(ci, dialect)));
        }
        if (ast instanceof Drop drop) {
            return drop(drop);
        }
        if (ast instanceof net.sf.jsqlparser.statement.truncate.Truncate t) {
            List<String> names = new ArrayList<>();
            for (Table table : t.getTables() != null && !t.getTables().isEmpty() ? t.getTables() : List.of(t.getTable())) {
                names.add(name(table));
            }
            return Optional.of(List.of(new Truncate(names.get(0), names, t.getCascade())));
        }
        if (ast instanceof net.sf.jsqlparser.statement.update.Update u && u.getTable() != null) {
            return Optional.of(List.of(new Update(name(u.getTable()), u.getWhere() != null, duplicateColumn(u))));
        }
        if (ast instanceof net.sf.jsqlparser.statement.delete.Delete d && d.getTable() != null) {
            return Optional.of(List.of(new Delete(name(d.getTable()), d.getWhere() != null)));
        }
        if (ast instanceof net.sf.jsqlparser.statement.insert.Insert i && i.getTable() != null) {
            // getValues() casts the select and throws for INSERT ... SELECT, so test the type instead.
            boolean fromSelect = i.getSelect() != null
                    && !(i.getSelect() instanceof Values);
            return Optional.of(List.of(new Insert(name(i.getTable()), fromSelect)));
        }
        return Optional.empty();
    }

    /** A column the UPDATE's SET list assigns twice, or null. */
    private static String duplicateColumn(net.sf.jsqlparser.statement.update.Update u) {
        if (u.getUpdateSets() == null) {
            return null;
        }
        Set<String> seen = new HashSet<>();
        for (UpdateSet set : u.getUpdateSets()) {
            if (set.getColumns() == null) {
                continue;
            }
            for (Column c : set.getColumns()) {
                if (c.getColumnName() == null || !c.toString().equals(c.getColumnName())) {
                    continue; // t.col, composite fields and subscripts may legitimately repeat a column
                }
                String n = Names.normalize(c.getColumnName());
                if (!seen.add(n.toLowerCase(Locale.ROOT))) {
                    return n;
                }
            }
        }
        return null;
    }

    private static String name(Table t) {
        return Names.normalize(t.getFullyQualifiedName());
    }

    private static List<Operation> createTable(net.sf.jsqlparser.statement.create.table.CreateTable ct, Dialect dialect) {
        String table = name(ct.getTable());
        List<String> options = ct.getCreateOptionsStrings() == null ? List.of() : ct.getCreateOptionsStrings();
        boolean temporary = options.stream().anyMatch(o -> o.equalsIgnoreCase("TEMP") || o.equalsIgnoreCase("TEMPORARY"));
        boolean unlogged = ct.isUnlogged() || options.stream().anyMatch(o -> o.equalsIgnoreCase("UNLOGGED"));
        String partitionOf = ct.getPartitionOf() == null ? null : name(ct.getPartitionOf());
        List<Operation> ops = new ArrayList<>();
        boolean hasPk = false;
        List<TableConstraint> constraints = new ArrayList<>();
        Set<String> keyColumns = new HashSet<>();
        if (ct.getIndexes() != null) {
            for (Index index : ct.getIndexes()) {
                TableConstraint tc = constraint(table, index);
                if (tc == null) {
                    continue;
                }
                constraints.add(tc);
                if (tc.constraintType().equals("primary-key")) {
                    hasPk = true;
                }
                if (tc.constraintType().equals("primary-key") || tc.constraintType().equals("foreign-key")) {
                    tc.columns().forEach(c -> keyColumns.add(c.toLowerCase(Locale.ROOT)));
                }
            }
        }
        List<ColumnDefinition> defs = ct.getColumnDefinitions() == null ? List.of() : ct.getColumnDefinitions();
        for (ColumnDefinition def : defs) {
            ColumnDef column = column(def, dialect);
            hasPk |= column.primaryKey();
            if (column.column() != null && keyColumns.contains(column.column().toLowerCase(Locale.ROOT))) {
                column = column.asKey();
            }
            ops.add(new CreateTableColumn(table, column));
        }
        ops.add(0, new CreateTable(table, ct.isIfNotExists(), temporary, unlogged, ct.getSelect() != null,
                partitionOf, defs.size(), hasPk));
        ops.addAll(constraints);
        return ops;
    }

    /** A table-level constraint or MySQL index of CREATE TABLE, as the token recognizer reports it. */
    private static TableConstraint constraint(String table, Index index) {
        String type = index.getType() == null ? "" : index.getType().toUpperCase(Locale.ROOT);
        String kind;
        if (index instanceof ForeignKeyIndex) {
            kind = "foreign-key";
        } else if (index instanceof CheckConstraint) {
            kind = "check";
        } else if (index instanceof ExcludeConstraint) {
            kind = "exclude";
        } else if (type.contains("PRIMARY")) {
            kind = "primary-key";
        } else if (type.contains("UNIQUE")) {
            kind = "unique";
        } else if (type.contains("FOREIGN")) {
            kind = "foreign-key";
        } else if (type.contains("CHECK")) {
            kind = "check";
        } else if (type.contains("EXCLUDE")) {
            kind = "exclude";
        } else {
            kind = "index";
        }
        List<String> columns = new ArrayList<>();
        if (!kind.equals("check") && !kind.equals("exclude") && index.getColumnsNames() != null) {
            for (String c : index.getColumnsNames()) {
                columns.add(Names.normalize(c));
            }
        }
        String name = index.getName() == null ? null : Names.normalize(index.getName());
        String refTable = index instanceof ForeignKeyIndex fk
                && fk.getTable() != null ? name(fk.getTable()) : null;
        return new TableConstraint(table, name, kind, List.copyOf(columns), refTable);
    }

    private static ColumnDef column(ColumnDefinition def, Dialect dialect) {
        String columnName = Names.normalize(def.getColumnName());
        // The type and the column's specs are re-lexed so both front ends normalise them the same way.
        List<Token> typeTokens = code(def.getColDataType().toString(), dialect);
        String type = CreateTableRecognizer.normaliseType(typeTokens);
        List<String> specs = def.getColumnSpecs() == null ? List.of() : def.getColumnSpecs();
        List<Token> specTokens = code(String.join(" ", specs), dialect);
        boolean notNull = false;
        boolean pk = false;
        boolean unique = false;
        boolean hasDefault = false;
        boolean check = false;
        boolean identity = false;
        boolean generated = false;
        boolean stored = false;
        String defaultExpr = null;
        boolean defaultVolatile = false;
        String references = null;
        for (int i = 0; i < specTokens.size(); i++) {
            Token t = specTokens.get(i);
            if (t.type() == TokenType.LPAREN) {
                // CHECK (...), AS (...), REFERENCES t (...): words inside are not column options.
                int depth = 0;
                for (; i < specTokens.size(); i++) {
                    TokenType tt = specTokens.get(i).type();
                    depth += tt == TokenType.LPAREN ? 1 : tt == TokenType.RPAREN ? -1 : 0;
                    if (depth == 0) {
                        break;
                    }
                }
                continue;
            }
            if (t.is("NOT") && i + 1 < specTokens.size() && specTokens.get(i + 1).is("NULL")) {
                notNull = true;
            } else if (t.is("PRIMARY")) {
                pk = true;
                notNull = true;
            } else if (t.is("UNIQUE")) {
                unique = true;
            } else if (t.is("CHECK")) {
                check = true;
            } else if (t.isAny("AUTO_INCREMENT", "AUTOINCREMENT", "IDENTITY")) {
                identity = true;
            } else if (t.is("GENERATED")) {
                generated = true;
            } else if (t.is("STORED")) {
                stored = true;
            } else if (t.is("REFERENCES") && i + 1 < specTokens.size()) {
                references = new TokenCursor(specTokens.subList(i + 1, specTokens.size())).name();
            } else if (t.is("DEFAULT")) {
                int start = i + 1;
                int j = start;
                int depth = 0;
                while (j < specTokens.size()) {
                    Token d = specTokens.get(j);
                    if (depth == 0 && j > start && d.isAny("NOT", "NULL", "CONSTRAINT", "PRIMARY", "UNIQUE",
                            "REFERENCES", "CHECK", "GENERATED", "COLLATE", "ON", "COMMENT", "AUTO_INCREMENT")) {
                        break;
                    }
                    depth += d.type() == TokenType.LPAREN ? 1 : d.type() == TokenType.RPAREN ? -1 : 0;
                    j++;
                }
                List<Token> expr = specTokens.subList(start, j);
                defaultExpr = TokenCursor.render(expr);
                hasDefault = !defaultExpr.equalsIgnoreCase("null");
                defaultVolatile = Volatility.mayBeVolatile(expr);
            }
        }
        if (generated) {
            for (Token t : specTokens) {
                if (t.is("IDENTITY")) {
                    identity = true;
                    generated = false;
                }
            }
        }
        boolean serial = type != null && type.matches("(small|big)?serial[248]?");
        return new ColumnDef(columnName, type, notNull, hasDefault, defaultExpr, defaultVolatile || serial, pk, unique,
                references, generated, generated && stored, identity, serial, check, pk || references != null);
    }

    private static List<Token> code(String text, Dialect dialect) {
        return Lexer.tokenize(text, dialect).stream().filter(t -> !t.isTrivia()).toList();
    }

    private static Operation createIndex(net.sf.jsqlparser.statement.create.index.CreateIndex ci, Dialect dialect) {
        Index index = ci.getIndex();
        String type = index.getType() == null ? "" : index.getType().toUpperCase(Locale.ROOT);
        List<String> columns = new ArrayList<>();
        if (index.getColumnsNames() != null) {
            for (String c : index.getColumnsNames()) {
                // An entry of several tokens ("to" timestamp_ops, b DESC) is rendered as the token recognizer renders
                // it: Names.normalize would run its words together (totimestamp_ops) and lose the column's name.
                List<Token> tokens = c.chars().noneMatch(Character::isWhitespace) ? null : code(c, dialect);
                columns.add(tokens == null || tokens.size() == 1 ? Names.normalize(c) : TokenCursor.render(tokens));
            }
        }
        String method = index.getUsing() == null ? "btree" : index.getUsing().toLowerCase(Locale.ROOT);
        String indexName = index.getName() == null ? null : Names.normalize(index.getName());
        return new CreateIndex(name(ci.getTable()), indexName, type.contains("UNIQUE"), ci.isConcurrently(),
                ci.isUsingIfNotExists(), method, columns, ci.getWhere() != null);
    }

    private static Optional<List<Operation>> drop(Drop drop) {
        String type = drop.getType() == null ? "" : drop.getType().toUpperCase(Locale.ROOT);
        List<String> params = drop.getParameters() == null ? List.of() : drop.getParameters();
        boolean cascade = params.stream().anyMatch(p -> p.equalsIgnoreCase("CASCADE"));
        List<String> names = new ArrayList<>();
        if (drop.getNames() != null && !drop.getNames().isEmpty()) {
            for (Table t : drop.getNames()) {
                names.add(name(t));
            }
        } else if (drop.getName() != null) {
            names.add(name(drop.getName()));
        }
        if (names.isEmpty()) {
            return Optional.empty();
        }
        if (type.equals("TABLE")) {
            return Optional.of(List.of(new DropTable(names.get(0), names, drop.isIfExists(), cascade)));
        }
        if (type.equals("INDEX")) {
            return Optional.of(List.of(new DropIndex(names.get(0), names, false, drop.isIfExists(), cascade, null)));
        }
        return Optional.empty();
    }
}
