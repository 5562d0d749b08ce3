package dev.migralint.analysis;

import dev.migralint.sql.Names;
import dev.migralint.sql.op.ColumnDef;
import dev.migralint.sql.op.Operation;
import dev.migralint.sql.op.Operation.*;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What the file so far says about each column's default: NULL (no DEFAULT clause, DEFAULT NULL, SET DEFAULT NULL, DROP
 * DEFAULT) or another value. Fed the file's operations in order, so a DROP DEFAULT asks in constant time.
 */
final class ColumnDefaults {
    private static final Pattern NULL_DEFAULT = Pattern.compile("\\(*null\\)*(::[a-z0-9_ \\[\\]\"().]+)?");
    /** Table (unqualified, case-folded) → column (case-folded) → the default is NULL. */
    private final Map<String, Map<String, Boolean>> nullDefault = new HashMap<>();

    /** True when the file left the column's default NULL, false when it set another one, null when it did not say. */
    Boolean wasNull(String table, String column) {
        Map<String, Boolean> columns = nullDefault.get(key(table));
        return columns == null ? null : columns.get(column.toLowerCase(Locale.ROOT));
    }

    void apply(Operation op) {
        if (op instanceof CreateTable ct) {
            forget(ct.table());
        } else if (op instanceof DropTable d) {
            d.tables().forEach(this::forget);
        } else if (op instanceof CreateTableColumn c) {
            declare(c.table(), c.def());
        } else if (op instanceof AddColumn a) {
            declare(a.table(), a.def());
        } else if (op instanceof SetDefault sd && sd.table() != null && sd.column() != null) {
            put(sd.table(), sd.column(), isNull(sd.defaultExpr()));
        } else if (op instanceof DropDefault dd && dd.table() != null && dd.column() != null) {
            put(dd.table(), dd.column(), true);
        }
    }

    void clear() {
        nullDefault.clear();
    }

    private void declare(String table, ColumnDef def) {
        if (table != null && def.column() != null) {
            // serial and identity columns have a default without a DEFAULT clause
            put(table, def.column(), !def.serial() && !def.identity() && !def.generated()
                    && (!def.hasDefault() || isNull(def.defaultExpr())));
        }
    }

    private void forget(String table) {
        if (table != null) {
            nullDefault.remove(key(table));
        }
    }

    private void put(String table, String column, boolean isNull) {
        nullDefault.computeIfAbsent(key(table), k -> new HashMap<>()).put(column.toLowerCase(Locale.ROOT), isNull);
    }

    /** DEFAULT NULL, possibly cast (NULL::text). */
    private static boolean isNull(String expr) {
        return expr != null && NULL_DEFAULT.matcher(expr.trim().toLowerCase(Locale.ROOT)).matches();
    }

    private static String key(String table) {
        return Names.unqualified(table).toLowerCase(Locale.ROOT);
    }
}
