package dev.migralint.fix;

import dev.migralint.sql.Names;
import dev.migralint.sql.op.Operation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The named indexes of a history (CREATE INDEX, and the PRIMARY KEY, UNIQUE and EXCLUDE constraints, which are indexes
 * of the constraint's name), each with its table and its elements, followed through the migrations in order. Index
 * names share one namespace with tables: a DROP TABLE or DROP COLUMN removes the indexes on what it drops, and a later
 * CREATE INDEX may take such a name again. Commenting the DROP out keeps those indexes, and that later statement then
 * fails ("relation already exists"); this says which names a DROP frees.
 */
final class IndexNames {
    /** An index: its table and its elements (columns or expressions), as written. */
    private record Index(String table, List<String> elements) {}

    private final Map<String, Index> byName;

    IndexNames() {
        this(new HashMap<>());
    }

    private IndexNames(Map<String, Index> byName) {
        this.byName = byName;
    }

    IndexNames copy() {
        return new IndexNames(new HashMap<>(byName));
    }

    /** Follows one operation of the history. */
    void apply(Operation op) {
        if (op instanceof Operation.CreateIndex ci && ci.name() != null && ci.table() != null) {
            put(ci.name(), ci.table(), ci.columns());
        } else if (op instanceof Operation.AddConstraint ac && indexBacked(ac.constraintType())) {
            put(ac.constraintName(), ac.table(), ac.columns());
        } else if (op instanceof Operation.TableConstraint tc && indexBacked(tc.constraintType())) {
            put(tc.constraintName() != null ? tc.constraintName()
                    : "primary-key".equals(tc.constraintType()) ? Names.unqualified(tc.table()) + "_pkey" : null,
                    tc.table(), tc.columns());
        } else if (op instanceof Operation.CreateTableColumn c && c.def().primaryKey()) {
            put(Names.unqualified(c.table()) + "_pkey", c.table(), List.of(c.def().column()));
        } else if (op instanceof Operation.DropIndex di) {
            di.names().forEach(n -> byName.remove(key(n)));
        } else if (op instanceof Operation.DropConstraint dc && dc.constraintName() != null) {
            byName.remove(key(dc.constraintName()));
        } else if (op instanceof Operation.RenameConstraint rc && rc.newName() != null) {
            Index was = byName.remove(key(rc.constraintName()));
            if (was != null) {
                byName.put(key(rc.newName()), was);
            }
        } else if (op instanceof Operation.AlterIndex ai && ai.action() != null && ai.action().startsWith("rename")) {
            byName.remove(key(ai.name())); // the new name is not read: the index is no longer known by this one
        } else if (op instanceof Operation.RenameTable rt && rt.newName() != null) {
            byName.replaceAll((n, i) -> same(i.table(), rt.table()) ? new Index(rt.newName(), i.elements()) : i);
        } else if (op instanceof Operation.DropTable || op instanceof Operation.DropColumn) {
            freedBy(op).forEach(n -> byName.remove(key(n)));
        }
    }

    /** The names of the indexes this DROP TABLE or DROP COLUMN removes with what it drops. */
    List<String> freedBy(Operation op) {
        List<String> out = new ArrayList<>();
        byName.forEach((name, index) -> {
            boolean freed = op instanceof Operation.DropTable dt && dt.tables().stream().anyMatch(t -> same(t, index.table()))
                    || op instanceof Operation.DropColumn dc && same(dc.table(), index.table())
                    && index.elements().stream().anyMatch(e -> mentions(e, dc.column()));
            if (freed) {
                out.add(name);
            }
        });
        out.sort(null);
        return out;
    }

    /** The name a later operation creates an index or another relation under (an error if it exists), or null. */
    static String createdName(Operation op) {
        if (op instanceof Operation.CreateIndex ci && !ci.ifNotExists()) {
            return ci.name();
        }
        if (op instanceof Operation.AddConstraint ac && indexBacked(ac.constraintType())) {
            return ac.constraintName();
        }
        if (op instanceof Operation.TableConstraint tc && indexBacked(tc.constraintType())) {
            return tc.constraintName();
        }
        if (op instanceof Operation.CreateTable ct && !ct.ifNotExists()) {
            return ct.table();
        }
        if (op instanceof Operation.CreateSequence cs && !cs.ifNotExists()) {
            return cs.name();
        }
        if (op instanceof Operation.CreateView cv && !cv.ifNotExists() && !cv.orReplace()) {
            return cv.name();
        }
        return null;
    }

    /** Whether a later operation removes the index of this name first (then taking the name again is fine). */
    static boolean drops(Operation op, String name) {
        return op instanceof Operation.DropIndex di && di.names().stream().anyMatch(n -> key(n).equals(key(name)))
                || op instanceof Operation.DropConstraint dc && key(name).equals(key(dc.constraintName()));
    }

    static String key(String name) {
        return name == null ? "" : Names.unqualified(name).replace("\"", "").toLowerCase(Locale.ROOT);
    }

    private void put(String name, String table, List<String> elements) {
        if (name != null && table != null) {
            byName.put(key(name), new Index(table, elements == null ? List.of() : List.copyOf(elements)));
        }
    }

    private static boolean indexBacked(String constraintType) {
        return "primary-key".equals(constraintType) || "unique".equals(constraintType)
                || "exclude".equals(constraintType);
    }

    private static boolean same(String a, String b) {
        return a != null && b != null && key(a).equals(key(b));
    }

    /** Whether an index element is the column or an expression naming it. */
    private static boolean mentions(String element, String column) {
        if (element == null || column == null) {
            return false;
        }
        return Pattern.compile("(?i)(^|[^a-z0-9_$])\"?" + Pattern.quote(key(column)) + "\"?($|[^a-z0-9_$])")
                .matcher(element).find();
    }
}
