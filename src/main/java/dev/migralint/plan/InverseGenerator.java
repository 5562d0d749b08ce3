package dev.migralint.plan;

import dev.migralint.sql.Names;
import dev.migralint.sql.op.Operation;
import dev.migralint.sql.op.Operation.*;
import dev.migralint.sql.op.OperationCatalog;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The inverse of each operation, built from the parsed operation model (never from the statement's text, except to
 * remember a definition a later DROP may need). Fed the operations of a history in order: it remembers what they
 * declared ({@link SchemaMemory}), so a later ALTER COLUMN TYPE, SET DEFAULT or DROP INDEX can be undone exactly.
 */
public final class InverseGenerator {
    /** Built-in types a direct cast converts between; anything else goes through text. */
    private static final Set<String> DIRECT_CASTS = Set.of("smallint", "integer", "int", "int4", "int2", "int8",
            "bigint", "real", "double precision", "numeric", "decimal", "text", "boolean", "bool");
    private final SchemaMemory memory = new SchemaMemory();

    /**
     * The inverse of {@code op}, then remembers what it did.
     *
     * @param definition the SQL that recreates what {@code op} creates, for a later DROP (see {@link #definitionOf}),
     *                   or null
     * @param oldType    the analysis' old-type fact for ALTER COLUMN TYPE, or null
     */
    public Inverse next(Operation op, String definition, String oldType) {
        Inverse inverse = inverseOf(op, oldType);
        memory.apply(op, definition);
        return inverse;
    }

    /**
     * What must be remembered of an operation to recreate it: the whole statement for an index, view or function; the
     * clause without its leading ADD for a constraint (as written after ALTER TABLE ... ADD).
     */
    public static String definitionOf(Operation op, String statementText, String operationText) {
        if (op instanceof CreateIndex || op instanceof CreateView || op instanceof CreateFunction) {
            return statementText;
        }
        if (op instanceof TableConstraint) {
            return operationText;
        }
        return op instanceof AddConstraint ? stripAdd(operationText) : null;
    }

    private static String stripAdd(String text) {
        if (text == null) {
            return null;
        }
        String t = text.strip();
        return t.regionMatches(true, 0, "ADD", 0, 3) && t.length() > 3 && Character.isWhitespace(t.charAt(3))
                ? t.substring(4).strip() : t;
    }

    Inverse inverseOf(Operation op, String oldType) {
        if (op instanceof CreateTable t) {
            return t.temporary() ? Inverse.nothing("a temporary table is gone at the end of the session")
                    : t.ifNotExists() && memory.knowsTable(t.table())
                    ? Inverse.nothing("IF NOT EXISTS: the table existed before")
                    : Inverse.exact("DROP TABLE IF EXISTS " + Sql.name(t.table()));
        }
        if (op instanceof CreateTableColumn c) {
            return Inverse.nothing("dropped with its table");
        }
        if (op instanceof TableConstraint c) {
            return Inverse.nothing("dropped with its table");
        }
        if (op instanceof AddColumn a) {
            return a.ifNotExists() && memory.column(a.table(), a.def().column()) != null
                    ? Inverse.nothing("IF NOT EXISTS: the column existed before")
                    : Inverse.exact(alter(a.table()) + " DROP COLUMN IF EXISTS " + Sql.name(a.def().column()));
        }
        if (op instanceof DropColumn d) {
            return dropColumn(d);
        }
        if (op instanceof RenameColumn r) {
            return Inverse.exact(alter(r.table()) + " RENAME COLUMN " + Sql.name(r.newName()) + " TO "
                    + Sql.name(r.column()));
        }
        if (op instanceof AlterColumnType a) {
            return alterType(a, oldType);
        }
        if (op instanceof SetNotNull s) {
                SchemaMemory.Column c = memory.column(s.table(), s.column());
                return c != null && c.notNull() ? Inverse.nothing("the column was NOT NULL already")
                        : Inverse.exact(alter(s.table()) + " ALTER COLUMN " + Sql.name(s.column()) + " DROP NOT NULL");
            }
        if (op instanceof DropNotNull s) {
                SchemaMemory.Column c = memory.column(s.table(), s.column());
                return c != null && !c.notNull() ? Inverse.nothing("the column allowed NULL already")
                        : Inverse.exactWithCaveat("fails if NULLs were written since; it scans the table under ACCESS EXCLUSIVE",
                        alter(s.table()) + " ALTER COLUMN " + Sql.name(s.column()) + " SET NOT NULL");
            }
        if (op instanceof SetDefault s) {
            return restoreDefault(s.table(), s.column());
        }
        if (op instanceof DropDefault s) {
            return restoreDefault(s.table(), s.column());
        }
        if (op instanceof AddConstraint ac) {
            return addConstraint(ac);
        }
        if (op instanceof DropConstraint dc) {
                SchemaMemory.Definition d = memory.constraint(dc.table(), dc.constraintName());
                return d == null ? Inverse.irreversible("the definition of constraint " + dc.constraintName()
                        + " is not in the planned migrations: take it from the schema backup")
                        : Inverse.exact(alter(dc.table()) + " ADD " + d.sql());
            }
        if (op instanceof ValidateConstraint v) {
            return Inverse.nothing("validation changes no definition");
        }
        if (op instanceof RenameConstraint rc) {
            return Inverse.exact(alter(rc.table()) + " RENAME CONSTRAINT " + Sql.name(rc.newName())
                    + " TO " + Sql.name(rc.constraintName()));
        }
        if (op instanceof RenameTable rt) {
            return Inverse.exact("ALTER TABLE " + Sql.name(Sql.beside(rt.table(), rt.newName()))
                    + " RENAME TO " + Sql.name(Names.unqualified(rt.table())));
        }
        if (op instanceof DropTable dt) {
            return Inverse.irreversible("DROP TABLE deletes " + String.join(", ", dt.tables())
                    + " with its rows: restore from the backup");
        }
        if (op instanceof Truncate t) {
            return Inverse.irreversible("TRUNCATE deletes every row of " + String.join(", ", t.tables())
                    + ": restore from the backup");
        }
        if (op instanceof Delete d) {
            return Inverse.irreversible("DELETE removed rows of " + d.table() + ": restore from the backup");
        }
        if (op instanceof Update u) {
            return Inverse.irreversible("UPDATE overwrote values in " + u.table()
                    + " (the schema rolls back; the old values only from the backup)");
        }
        if (op instanceof Insert i) {
            return Inverse.irreversible("INSERT added rows to " + i.table()
                    + " that cannot be told apart from later ones (the schema rolls back; delete them by hand)");
        }
        if (op instanceof AlterTableOther o) {
            return alterTableOther(o);
        }
        if (op instanceof CreateIndex ci) {
            return createIndex(ci);
        }
        if (op instanceof DropIndex di) {
            return dropIndex(di);
        }
        if (op instanceof Reindex r) {
            return Inverse.nothing("REINDEX changes no definition");
        }
        if (op instanceof CreateType t) {
            return Inverse.exact("DROP TYPE IF EXISTS " + Sql.name(t.name()));
        }
        if (op instanceof DropType t) {
            return Inverse.irreversible("the definition of type " + t.name()
                    + " is not kept: take it from the schema backup");
        }
        if (op instanceof AlterTypeAddValue v) {
            return Inverse.irreversible("Postgres cannot remove a value from an enum ("
                    + v.name() + " gains " + v.value() + "): keep it, or recreate the type from the backup");
        }
        if (op instanceof AlterType t) {
            return alterType(t);
        }
        if (op instanceof CreateDomain d) {
            return Inverse.exact("DROP DOMAIN IF EXISTS " + Sql.name(d.name()));
        }
        if (op instanceof CreateSchema s) {
            return s.ifNotExists() ? Inverse.irreversible("IF NOT EXISTS: whether schema " + s.name()
                    + " existed before is not known") : Inverse.exact("DROP SCHEMA IF EXISTS " + Sql.name(s.name()));
        }
        if (op instanceof CreateExtension e) {
            return e.ifNotExists() && memory.body("extension", e.name()) != null
                    ? Inverse.nothing("IF NOT EXISTS: an earlier migration installed the extension")
                    : Inverse.exactWithCaveat("keep it instead if it was installed before, outside the migrations",
                    "DROP EXTENSION IF EXISTS " + Sql.name(e.name()));
        }
        if (op instanceof CreateSequence s) {
            return Inverse.exact("DROP SEQUENCE IF EXISTS " + Sql.name(s.name()));
        }
        if (op instanceof CreateView v) {
            return createView(v);
        }
        if (op instanceof RefreshMaterializedView r) {
            return Inverse.nothing("a refresh changes no definition");
        }
        if (op instanceof CreateFunction f) {
            return createFunction(f);
        }
        if (op instanceof CreateTrigger t) {
            return t.orReplace() ? Inverse.irreversible("OR REPLACE: the previous trigger is not kept")
                    : Inverse.exact("DROP TRIGGER IF EXISTS " + Sql.name(Names.unqualified(t.name()))
                    + " ON " + Sql.name(t.table()));
        }
        if (op instanceof SetParameter s) {
            return Inverse.nothing("a session setting");
        }
        if (op instanceof Begin b) {
            return Inverse.nothing("transaction control");
        }
        if (op instanceof Commit c) {
            return Inverse.nothing("transaction control");
        }
        if (op instanceof Rollback r) {
            return Inverse.nothing("transaction control");
        }
        if (op instanceof Savepoint s) {
            return Inverse.nothing("transaction control");
        }
        if (op instanceof Vacuum v) {
            return Inverse.nothing("maintenance");
        }
        if (op instanceof Cluster c) {
            return Inverse.nothing("maintenance");
        }
        if (op instanceof LockTable l) {
            return Inverse.nothing("a lock ends with its transaction");
        }
        if (op instanceof Other o) {
            return other(o);
        }
        if (op instanceof Unknown u) {
            return Inverse.unplanned("not understood (" + u.reason() + ")");
        }
        if (op instanceof DoBlock d) {
            return d.containsDdl() ? Inverse.unplanned("a DO block that changes the schema: undo it by hand")
                    : Inverse.irreversible("a DO block: what it changed is not known");
        }
        if (op instanceof DynamicSql d) {
            return Inverse.unplanned("SQL built at run time: undo it by hand");
        }
        if (op instanceof FileProblem p) {
            return Inverse.unplanned(p.problem() + ": " + p.detail());
        }
        if (op instanceof MergeConflictMarker m) {
            return Inverse.unplanned("unresolved merge conflict markers on lines " + m.lines());
        }
        if (op instanceof MetaCommand m) {
            return Inverse.nothing("a psql command");
        }
        if (op instanceof IgnoreDirective i) {
            return Inverse.nothing("a migralint comment");
        }
        if (op instanceof MigrationHistory h) {
            return Inverse.nothing("about the file, not a statement");
        }
        return Inverse.irreversible("no inverse is known for " + kindName(op)
                    + ": undo it by hand or restore from the backup");
    }

    private static String kindName(Operation op) {
        return OperationCatalog.get().kindOf(op).name();
    }

    private static String alter(String table) {
        return "ALTER TABLE " + Sql.name(table);
    }

    private Inverse dropColumn(DropColumn d) {
        SchemaMemory.Column c = memory.column(d.table(), d.column());
        String why = "DROP COLUMN deletes " + d.table() + "." + d.column() + " and its values: restore them from the backup";
        if (c == null || c.type() == null) {
            return Inverse.irreversible(why);
        }
        // The column comes back empty; its values only from the backup.
        return Inverse.irreversible(why, alter(d.table()) + " ADD COLUMN IF NOT EXISTS " + Sql.name(d.column()) + " "
                + c.type() + (c.defaultExpr() != null ? " DEFAULT " + c.defaultExpr() : ""));
    }

    private Inverse alterType(AlterColumnType a, String oldType) {
        SchemaMemory.Column c = memory.column(a.table(), a.column());
        String old = storageType(c != null && c.type() != null ? c.type() : oldType);
        if (old == null) {
            return Inverse.irreversible("the type of " + a.table() + "." + a.column()
                    + " before this change is not in the planned migrations: take it from the schema backup");
        }
        String cast = DIRECT_CASTS.contains(base(old)) && DIRECT_CASTS.contains(base(a.type()))
                ? Sql.name(a.column()) + "::" + old : Sql.name(a.column()) + "::text::" + old;
        String sql = alter(a.table()) + " ALTER COLUMN " + Sql.name(a.column()) + " TYPE " + old + " USING " + cast;
        String caveat = "rewrites the table under ACCESS EXCLUSIVE; fails if a value no longer fits " + old;
        if (c != null && c.defaultExpr() != null) {
            // A default of the new type may not cast back implicitly: drop it around the change, then restore it.
            return Inverse.exactWithCaveat(caveat,
                    alter(a.table()) + " ALTER COLUMN " + Sql.name(a.column()) + " DROP DEFAULT", sql,
                    alter(a.table()) + " ALTER COLUMN " + Sql.name(a.column()) + " SET DEFAULT " + c.defaultExpr());
        }
        return Inverse.exactWithCaveat(caveat, sql);
    }

    /** The type a column declared serial has: serial is a shorthand, not a type ALTER COLUMN TYPE accepts. */
    static String storageType(String type) {
        if (type == null) {
            return null;
        }
        return switch (type.toLowerCase(Locale.ROOT)) {
            case "serial", "serial4" -> "integer";
            case "bigserial", "serial8" -> "bigint";
            case "smallserial", "serial2" -> "smallint";
            default -> type;
        };
    }

    private static String base(String type) {
        String t = type.toLowerCase(Locale.ROOT);
        int paren = t.indexOf('(');
        return (paren < 0 ? t : t.substring(0, paren)).strip();
    }

    private Inverse restoreDefault(String table, String column) {
        SchemaMemory.Column c = memory.column(table, column);
        String col = alter(table) + " ALTER COLUMN " + Sql.name(column);
        if (c == null) {
            return Inverse.irreversible("the previous default of " + table + "." + column
                    + " is not in the planned migrations: take it from the schema backup");
        }
        if (c.type() != null && c.type().endsWith("serial")) {
            return Inverse.irreversible("the previous default of " + table + "." + column
                    + " is its serial sequence: restore it with SET DEFAULT nextval('<sequence>')");
        }
        return c.defaultExpr() == null ? Inverse.exact(col + " DROP DEFAULT")
                : Inverse.exact(col + " SET DEFAULT " + c.defaultExpr());
    }

    private Inverse addConstraint(AddConstraint ac) {
        String name = ac.constraintName();
        if (name == null) {
            name = defaultConstraintName(ac.table(), ac.constraintType(), ac.columns());
            if (name == null) {
                return Inverse.irreversible("an unnamed " + ac.constraintType()
                        + " constraint: find its name with \\d " + ac.table() + " and drop it");
            }
            return Inverse.exactWithCaveat("the constraint is unnamed; this is the name Postgres gives it",
                    alter(ac.table()) + " DROP CONSTRAINT IF EXISTS " + Sql.name(name));
        }
        if (ac.usingIndex()) {
            return Inverse.irreversible("ADD CONSTRAINT ... USING INDEX: dropping the constraint drops the index too;"
                    + " recreate the index from the schema backup", alter(ac.table()) + " DROP CONSTRAINT IF EXISTS "
                    + Sql.name(name));
        }
        return Inverse.exact(alter(ac.table()) + " DROP CONSTRAINT IF EXISTS " + Sql.name(name));
    }

    /** The name Postgres gives an unnamed constraint, when the columns are plain and the name fits in 63 bytes. */
    static String defaultConstraintName(String table, String type, List<String> columns) {
        String t = Names.unqualified(table);
        String name = switch (type == null ? "" : type) {
            case "primary-key" -> t + "_pkey";
            case "unique" -> columns == null || columns.isEmpty() ? null : t + "_" + String.join("_", columns) + "_key";
            case "foreign-key" -> columns == null || columns.isEmpty() ? null : t + "_" + String.join("_", columns) + "_fkey";
            default -> null;
        };
        return name == null || name.getBytes(StandardCharsets.UTF_8).length > 63
                || !name.matches("[A-Za-z0-9_]+") ? null : name;
    }

    private Inverse alterTableOther(AlterTableOther o) {
        String a = o.action();
        String back = switch (a) {
            case "enable row level security" -> "DISABLE ROW LEVEL SECURITY";
            case "disable row level security" -> "ENABLE ROW LEVEL SECURITY";
            case "set logged" -> "SET UNLOGGED";
            case "set unlogged" -> "SET LOGGED";
            default -> null;
        };
        return back == null ? Inverse.irreversible("no inverse is known for ALTER TABLE ... " + a.toUpperCase(Locale.ROOT)
                + ": undo it by hand") : Inverse.exact(alter(o.table()) + " " + back);
    }

    private Inverse createIndex(CreateIndex ci) {
        if (ci.ifNotExists() && ci.name() != null && memory.index(ci.name()) != null) {
            return Inverse.nothing("IF NOT EXISTS: the index existed before");
        }
        String name = ci.name();
        String caveat = null;
        if (name == null) {
            boolean plain = ci.columns() != null && !ci.columns().isEmpty()
                    && ci.columns().stream().allMatch(c -> c.matches("[A-Za-z0-9_\"]+"));
            if (!plain) {
                return Inverse.irreversible("an unnamed index on expressions: find its name with \\d " + ci.table()
                        + " and drop it");
            }
            name = Names.unqualified(ci.table()) + "_"
                    + String.join("_", ci.columns().stream().map(c -> c.replace("\"", "")).toList()) + "_idx";
            if (name.getBytes(StandardCharsets.UTF_8).length > 63) {
                return Inverse.irreversible("an unnamed index whose generated name Postgres shortens: find it with \\d "
                        + ci.table());
            }
            caveat = "the index is unnamed; this is the name Postgres gives it";
        }
        return new Inverse(Inverse.Kind.EXACT, List.of("DROP INDEX CONCURRENTLY IF EXISTS "
                + Sql.name(Sql.beside(ci.table(), name))), caveat);
    }

    private Inverse dropIndex(DropIndex di) {
        List<String> back = new java.util.ArrayList<>();
        for (String n : di.names()) {
            SchemaMemory.Definition d = memory.index(n);
            if (d == null) {
                return Inverse.irreversible("the definition of index " + n
                        + " is not in the planned migrations: take it from the schema backup");
            }
            back.add(d.sql());
        }
        return new Inverse(Inverse.Kind.EXACT, back, "rebuilds the index; it may take long on a large table");
    }

    private Inverse alterType(AlterType t) {
        String action = t.action() == null ? "" : t.action();
        if (action.startsWith("rename to") && t.newName() != null) {
            return Inverse.exact("ALTER TYPE " + Sql.name(Sql.beside(t.name(), t.newName())) + " RENAME TO "
                    + Sql.name(Names.unqualified(t.name())));
        }
        return Inverse.irreversible("no inverse is known for ALTER TYPE ... " + action.toUpperCase(Locale.ROOT)
                + ": undo it by hand");
    }

    private Inverse createView(CreateView v) {
        String kind = v.materialized() ? "MATERIALIZED VIEW" : "VIEW";
        String previous = memory.body("view", v.name());
        if (v.orReplace() && previous != null) {
            return Inverse.exact(previous);
        }
        if (v.orReplace() || v.ifNotExists()) {
            return Inverse.irreversible("OR REPLACE: the previous definition of " + v.name()
                    + " is not in the planned migrations", "DROP " + kind + " IF EXISTS " + Sql.name(v.name()));
        }
        return Inverse.exact("DROP " + kind + " IF EXISTS " + Sql.name(v.name()));
    }

    private Inverse createFunction(CreateFunction f) {
        String previous = memory.body("function", f.name());
        if (f.orReplace() && previous != null) {
            return Inverse.exact(previous);
        }
        if (f.orReplace()) {
            return Inverse.irreversible("OR REPLACE: the previous body of " + f.name()
                    + " is not in the planned migrations (if it is new, DROP ROUTINE removes it)");
        }
        return Inverse.exact("DROP ROUTINE IF EXISTS " + Sql.name(f.name()));
    }

    private static Inverse other(Other o) {
        String type = o.statementType() == null ? "" : o.statementType();
        if (type.startsWith("select") || type.startsWith("analyze") || type.startsWith("notify")
                || type.startsWith("explain") || type.startsWith("show")) {
            return Inverse.nothing("changes no schema");
        }
        return Inverse.irreversible("no inverse is known for " + type.toUpperCase(Locale.ROOT) + ": undo it by hand");
    }
}
