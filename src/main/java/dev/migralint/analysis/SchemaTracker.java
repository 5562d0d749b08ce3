package dev.migralint.analysis;

import dev.migralint.sql.Names;
import dev.migralint.sql.op.Operation;
import dev.migralint.sql.op.Operation.*;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Follows column types through the migrations of one run, in order, so that a later ALTER COLUMN ... TYPE knows the
 * type it changes from. Names are compared without schema and case-folded, as unquoted Postgres names are.
 */
public final class SchemaTracker {
    private final Map<String, Map<String, String>> columns = new HashMap<>();

    private static String key(String name) {
        return name == null ? "" : Names.unqualified(name).toLowerCase(Locale.ROOT);
    }

    /** The column's type as last declared, or null when no linted migration declared it. */
    public String typeOf(String table, String column) {
        Map<String, String> cols = columns.get(key(table));
        return cols == null ? null : cols.get(key(column));
    }

    public void apply(Operation op) {
        if (op instanceof CreateTable ct) {
            columns.put(key(ct.table()), new HashMap<>());
        } else if (op instanceof CreateTableColumn c) {
            columns.computeIfAbsent(key(c.table()), k -> new HashMap<>()).put(key(c.def().column()), c.def().type());
        } else if (op instanceof AddColumn a) {
            columns.computeIfAbsent(key(a.table()), k -> new HashMap<>()).put(key(a.def().column()), a.def().type());
        } else if (op instanceof AlterColumnType t) {
            columns.computeIfAbsent(key(t.table()), k -> new HashMap<>()).put(key(t.column()), t.type());
        } else if (op instanceof DropColumn d) {
            Map<String, String> cols = columns.get(key(d.table()));
            if (cols != null) {
                cols.remove(key(d.column()));
            }
        } else if (op instanceof RenameColumn r) {
            Map<String, String> cols = columns.get(key(r.table()));
            if (cols != null && r.newName() != null) {
                String type = cols.remove(key(r.column()));
                if (type != null) {
                    cols.put(key(r.newName()), type);
                }
            }
        } else if (op instanceof RenameTable r) {
            Map<String, String> cols = columns.remove(key(r.table()));
            if (cols != null && r.newName() != null) {
                columns.put(key(r.newName()), cols);
            }
        } else if (op instanceof DropTable d) {
            d.tables().forEach(t -> columns.remove(key(t)));
        }
    }
}
