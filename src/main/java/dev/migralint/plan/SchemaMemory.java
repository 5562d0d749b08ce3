package dev.migralint.plan;

import dev.migralint.sql.Names;
import dev.migralint.sql.op.ColumnDef;
import dev.migralint.sql.op.Operation;
import dev.migralint.sql.op.Operation.*;

import java.util.HashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * What the migrations planned so far declared, so an inverse can restore what a later statement replaces: a column's
 * type, default and nullability, an index's or constraint's definition, a view's or function's previous body. Only
 * what the history itself wrote is known; anything else stays unknown and its inverse says so. Names are matched
 * without schema, exactly (the model folds unquoted names already).
 */
final class SchemaMemory {
    /** A column as last declared; {@code defaultExpr} null means no default. */
    record Column(String type, String defaultExpr, boolean notNull) {
        Column withType(String t) {
            return new Column(t, defaultExpr, notNull);
        }

        Column withDefault(String d) {
            return new Column(type, d, notNull);
        }

        Column withNotNull(boolean n) {
            return new Column(type, defaultExpr, n);
        }
    }

    /** A named definition and the table it belongs to (null for objects that are not a table's). */
    record Definition(String table, String sql) {
    }

    private final Map<String, Map<String, Column>> columns = new HashMap<>();
    private final Map<String, Definition> indexes = new HashMap<>();
    private final Map<String, Definition> constraints = new HashMap<>();
    /** Views, functions, triggers: the statement that last created them. */
    private final Map<String, String> bodies = new HashMap<>();

    private static String key(String name) {
        return name == null ? "" : Names.unqualified(name);
    }

    Column column(String table, String column) {
        Map<String, Column> cols = columns.get(key(table));
        return cols == null ? null : cols.get(column);
    }

    boolean knowsTable(String table) {
        return columns.containsKey(key(table));
    }

    Definition index(String name) {
        return indexes.get(key(name));
    }

    Definition constraint(String table, String name) {
        Definition d = constraints.get(key(table) + "\u0000" + key(name));
        return d;
    }

    String body(String kind, String name) {
        return bodies.get(kind + ":" + key(name));
    }

    /**
     * Records what an operation leaves behind.
     *
     * @param definition the SQL that recreates what the operation creates (an index's statement, a constraint's
     *                   clause without ADD, a view's statement), or null
     */
    void apply(Operation op, String definition) {
        if (op instanceof CreateTable t) {
            columns.put(key(t.table()), new HashMap<>());
        } else if (op instanceof CreateTableColumn c) {
            put(c.table(), c.def());
        } else if (op instanceof AddColumn a) {
            put(a.table(), a.def());
        } else if (op instanceof DropColumn d) {
            cols(d.table()).remove(d.column());
        } else if (op instanceof RenameColumn r) {
            Column c = cols(r.table()).remove(r.column());
            if (c != null) {
                cols(r.table()).put(r.newName(), c);
            }
            forgetDefinitionsOf(r.table());
        } else if (op instanceof AlterColumnType a) {
            update(a.table(), a.column(), c -> c.withType(a.type()));
        } else if (op instanceof SetNotNull s) {
            update(s.table(), s.column(), c -> c.withNotNull(true));
        } else if (op instanceof DropNotNull s) {
            update(s.table(), s.column(), c -> c.withNotNull(false));
        } else if (op instanceof SetDefault s) {
            update(s.table(), s.column(), c -> c.withDefault(s.defaultExpr()));
        } else if (op instanceof DropDefault s) {
            update(s.table(), s.column(), c -> c.withDefault(null));
        } else if (op instanceof TableConstraint tc) {
            if (tc.constraintName() != null && definition != null) {
                constraints.put(key(tc.table()) + "\u0000" + key(tc.constraintName()), new Definition(tc.table(), definition));
            }
            if ("primary-key".equals(tc.constraintType())) {
                tc.columns().forEach(col -> update(tc.table(), col, c -> c.withNotNull(true)));
            }
        } else if (op instanceof AddConstraint ac) {
            if (ac.constraintName() != null && definition != null && !ac.usingIndex()) {
                constraints.put(key(ac.table()) + "\u0000" + key(ac.constraintName()), new Definition(ac.table(), definition));
            }
            if ("primary-key".equals(ac.constraintType()) && ac.columns() != null) {
                ac.columns().forEach(col -> update(ac.table(), col, c -> c.withNotNull(true)));
            }
        } else if (op instanceof DropConstraint dc) {
            constraints.remove(key(dc.table()) + "\u0000" + key(dc.constraintName()));
        } else if (op instanceof RenameConstraint rc) {
            constraints.remove(key(rc.table()) + "\u0000" + key(rc.constraintName()));
        } else if (op instanceof RenameTable rt) {
            Map<String, Column> cols = columns.remove(key(rt.table()));
            if (cols != null) {
                columns.put(key(rt.newName()), cols);
            }
            forgetDefinitionsOf(rt.table());
        } else if (op instanceof DropTable dt) {
            dt.tables().forEach(t -> {
            columns.remove(key(t));
            forgetDefinitionsOf(t);
            });
        } else if (op instanceof CreateIndex ci) {
            if (ci.name() != null && definition != null) {
                indexes.put(key(ci.name()), new Definition(ci.table(), definition));
            }
        } else if (op instanceof DropIndex di) {
            di.names().forEach(n -> indexes.remove(key(n)));
            // A renamed index keeps its old name in the recorded statement: forget it rather than restore a wrong one.
        } else if (op instanceof AlterIndex ai) {
            indexes.remove(key(ai.name()));
        } else if (op instanceof CreateExtension e) {
            bodies.put("extension:" + key(e.name()), "installed");
        } else if (op instanceof CreateView v) {
            bodies.put("view:" + key(v.name()), definition);
        } else if (op instanceof CreateFunction f) {
            bodies.put("function:" + key(f.name()), definition);
        } else if (op instanceof DropObject d) {
            bodies.remove(d.objectType() + ":" + key(d.name()));
        }
    }

    private void forgetDefinitionsOf(String table) {
        String t = key(table);
        indexes.values().removeIf(d -> key(d.table()).equals(t));
        constraints.values().removeIf(d -> key(d.table()).equals(t));
    }

    private Map<String, Column> cols(String table) {
        return columns.computeIfAbsent(key(table), k -> new HashMap<>());
    }

    private void put(String table, ColumnDef def) {
        boolean notNull = def.notNull() || def.primaryKey() || def.serial() || def.identity();
        String dflt = def.hasDefault() ? def.defaultExpr() : null;
        cols(table).put(def.column(), new Column(def.type(), dflt, notNull));
    }

    private void update(String table, String column, UnaryOperator<Column> change) {
        Map<String, Column> cols = columns.get(key(table));
        if (cols != null && cols.containsKey(column)) {
            cols.put(column, change.apply(cols.get(column)));
        }
    }
}
