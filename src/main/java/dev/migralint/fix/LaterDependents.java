package dev.migralint.fix;

import dev.migralint.analysis.AnalyzedOperation;
import dev.migralint.analysis.ContextFacts;
import dev.migralint.sql.Dialect;
import dev.migralint.sql.Lexer;
import dev.migralint.sql.Names;
import dev.migralint.sql.Token;
import dev.migralint.sql.TokenType;
import dev.migralint.sql.op.Operation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a later statement of the file or its history needs from an object an unsafe rewrite removes or retypes: keeping
 * a dropped column or table, or changing a column's type, must not make a later statement fail on a real server
 * ("multiple primary keys", "already exists" for the object or for an index name the drop freed, a DROP TYPE still in
 * use, a non-IMMUTABLE index expression).
 */
public final class LaterDependents {
    private LaterDependents() {
    }

    /** Why commenting out this DROP breaks a later statement of the file or history, or null. */
    static String ofRemoval(FixContext ctx, AnalyzedOperation removed) {
        Operation op = removed.operation().operation();
        List<Later> laterOps = after(ctx, removed).stream().filter(l -> !l.down()).toList();
        String index = indexNameTakenAgain(ctx, removed, laterOps);
        if (index != null) {
            return index;
        }
        for (Later later : laterOps) {
            Operation o = later.op();
            String line = later.where();
            if (op instanceof Operation.DropColumn dc) {
                if (o instanceof Operation.AddConstraint ac && same(ac.table(), dc.table())
                        && "primary-key".equals(ac.constraintType())) {
                    return line + " adds a primary key to " + dc.table() + ", which fails (multiple primary"
                            + " keys) if " + dc.column() + " and its key are kept";
                }
                if (o instanceof Operation.AddColumn ac && same(ac.table(), dc.table())
                        && same(ac.def().column(), dc.column())) {
                    return line + " adds " + dc.column() + " again, which fails (already exists) if it is kept";
                }
                if (o instanceof Operation.DropType dt) {
                    return line + " drops type " + dt.name() + ", which fails while a kept column still uses"
                            + " it";
                }
                String dependency = dependencyDropped(o);
                if (dependency != null) {
                    return line + " drops " + dependency + ", which fails if a kept column still depends on it";
                }
                if (o instanceof Operation.RenameColumn rc && same(rc.table(), dc.table())
                        && same(rc.newName(), dc.column())) {
                    return line + " renames a column to " + dc.column() + ", which fails (already exists) if it"
                            + " is kept";
                }
            } else if (op instanceof Operation.DropTable dt) {
                // A kept table keeps its columns, and with them every type they use: a later DROP TYPE of the
                // file or history (without CASCADE) then fails. Which types the table uses is not known here, so
                // any later DROP TYPE stops the rewrite, as for a dropped column.
                if (o instanceof Operation.DropType type && !type.cascade()) {
                    return line + " drops type " + type.name() + ", which fails while a kept table still uses it";
                }
                String dependency = dependencyDropped(o);
                if (dependency != null) {
                    return line + " drops " + dependency + ", which fails if the kept table still depends on it";
                }
                for (String t : dt.tables()) {
                    if (o instanceof Operation.CreateTable ct && same(ct.table(), t) && !ct.ifNotExists()) {
                        return line + " creates " + t + " again, which fails (already exists) if it is kept";
                    }
                    if (o instanceof Operation.RenameTable rt && same(rt.newName(), t)) {
                        return line + " renames a table to " + t + ", which fails if it is kept";
                    }
                }
            }
        }
        return null;
    }

    /**
     * A later DROP (without CASCADE) of an object a column or table may depend on: a function (a generated column's
     * expression, a default, a check, a trigger), a domain, a sequence (a serial default), a collation, an extension
     * (its types and functions). Which ones the kept column or table uses is not known here, so any such DROP stops the
     * rewrite, as a DROP TYPE does. Returns the object in words, or null.
     */
    private static String dependencyDropped(Operation o) {
        if (o instanceof Operation.DropObject d && !d.cascade() && d.objectType() != null
                && DEPENDED_ON.contains(d.objectType())) {
            return d.objectType() + " " + d.name();
        }
        if (o instanceof Operation.DropExtension e && !e.cascade()) {
            return "extension " + e.name();
        }
        return null;
    }

    private static final java.util.Set<String> DEPENDED_ON = java.util.Set.of("function", "domain", "sequence",
            "collation");

    /**
     * A DROP TABLE or DROP COLUMN also removes the indexes on what it drops; a later statement that creates an index
     * (or a constraint that is one) under such a name fails with "already exists" when the DROP is commented out.
     */
    private static String indexNameTakenAgain(FixContext ctx, AnalyzedOperation removed, List<Later> laterOps) {
        Operation op = removed.operation().operation();
        if (!(op instanceof Operation.DropTable || op instanceof Operation.DropColumn)) {
            return null;
        }
        IndexNames indexes = ctx.options().history().indexesBefore(ctx.file().parsed().source().displayPath());
        for (AnalyzedOperation earlier : ctx.file().operations()) {
            if (earlier == removed) {
                break;
            }
            if (!"down".equals(earlier.context().get(ContextFacts.DIRECTION))) {
                indexes.apply(earlier.operation().operation());
            }
        }
        List<String> freed = new ArrayList<>(indexes.freedBy(op));
        for (Later later : laterOps) {
            if (freed.isEmpty()) {
                return null;
            }
            freed.removeIf(name -> IndexNames.drops(later.op(), name));
            String created = IndexNames.createdName(later.op());
            if (created != null && freed.contains(IndexNames.key(created))) {
                return later.where() + " creates " + Names.unqualified(created) + ", the name of an index this"
                        + " statement drops with " + (op instanceof Operation.DropColumn dc ? "the column " + dc.column()
                        : "the table") + ", which fails (already exists) if it is kept";
            }
        }
        return null;
    }

    /** Why changing this column's type breaks a later statement of the file, or null. */
    static String ofRetype(FixContext ctx, AnalyzedOperation retyped, String table, String column, String newType) {
        // Functions over a time zone aware type (date(), to_char(), extract()) depend on the TimeZone setting: only
        // STABLE, so an index expression that was IMMUTABLE over timestamp is refused over timestamptz.
        boolean zoned = newType != null && newType.toLowerCase(Locale.ROOT).matches(".*(tz|with time zone).*");
        if (table == null || column == null) {
            return null;
        }
        // varchar has no operator classes of its own: those an index names on it are text's, which accept text.
        Operation op = retyped.operation().operation();
        String written = op instanceof Operation.CreateTableColumn c ? c.def().type()
                : op instanceof Operation.AddColumn a ? a.def().type()
                : op instanceof Operation.AlterColumnType t ? t.type() : null;
        boolean sameOperatorClasses = written != null && newType != null
                && written.toLowerCase(Locale.ROOT).matches("(varchar|character varying|char varying)(\\(\\d+\\))?")
                && newType.trim().equalsIgnoreCase("text");
        Pattern mention = mention(column);
        // A generated column of the same CREATE TABLE may come before the retyped one and still read it.
        List<Later> laterOps = new ArrayList<>(sameStatementBefore(ctx, retyped));
        laterOps.addAll(after(ctx, retyped));
        for (Later later : laterOps) {
            if (later.down()) {
                // A later down migration that retypes the column was written for the type it has now too (kratos
                // retypes a column back to timestamp in one); anything else of it is not deployed.
                if (later.op() instanceof Operation.AlterColumnType t && same(t.table(), table)
                        && same(t.column(), column)) {
                    return later.where() + " changes the column's type again, written for the type it has now";
                }
                continue;
            }
            if (later.op() instanceof Operation.RenameTable rt && same(rt.table(), table) && rt.newName() != null) {
                table = rt.newName(); // the later statements name the table by its new name
                continue;
            }
            if (later.op() instanceof Operation.RenameColumn rc && same(rc.table(), table) && same(rc.column(), column)
                    && rc.newName() != null) {
                column = rc.newName(); // likewise the column: a later retype names it by its new name
                mention = mention(column);
                continue;
            }
            if (later.op() instanceof Operation.CreateIndex ci && same(ci.table(), table)) {
                for (String c : ci.columns()) {
                    // An expression (a function call) over the column may need an IMMUTABLE function of the old
                    // type: date(timestamptz) is only STABLE, and the index is refused.
                    if (zoned && c.contains("(") && mention.matcher(c).find()) {
                        return later.where() + " indexes the expression " + c + ", which may not"
                                + " be IMMUTABLE over " + newType + " (PostgreSQL then refuses the index)";
                    }
                    // An operator class is made for one type: timestamp_ops does not accept timestamptz.
                    String opclass = sameOperatorClasses ? null : operatorClass(c);
                    if (opclass != null && mention.matcher(c).find()) {
                        return later.where() + " indexes " + c + " with the operator class " + opclass + " of the"
                                + " column's type now, which may not accept " + newType;
                    }
                }
            }
            // A generation expression must be IMMUTABLE, and arithmetic on a time zone aware value is only STABLE
            // (timestamptz + interval): PostgreSQL refuses the later column.
            if (zoned && generatedOn(later.op(), table) && later.text() != null && mention.matcher(later.text()).find()) {
                return later.where() + " adds a generated column whose expression reads " + column + ", which may not"
                        + " be IMMUTABLE over " + newType + " (PostgreSQL then refuses the column)";
            }
            // What a DO block does is not analysed: one that names the table and the column may depend on its type
            // (an index with the type's operator class, a generated column).
            if (later.op() instanceof Operation.DoBlock && later.text() != null
                    && mention(table).matcher(later.text()).find() && mention.matcher(later.text()).find()) {
                return later.where() + " runs a DO block that names " + Names.unqualified(table) + " and " + column
                        + ", whose statements cannot be checked against the new type";
            }
            if (later.op() instanceof Operation.AlterColumnType t && same(t.table(), table) && same(t.column(), column)) {
                return later.where() + " changes the column's type again, written for the type it has now";
            }
            if (later.op() instanceof Operation.DropColumn d && same(d.table(), table) && same(d.column(), column)
                    || later.op() instanceof Operation.DropTable d2 && droppedHere(d2, table)) {
                return null; // the column goes: nothing after depends on its type
            }
        }
        return null;
    }

    /** Whether the operation adds a generated column to the table. */
    private static boolean generatedOn(Operation op, String table) {
        return op instanceof Operation.AddColumn a && a.def().generated() && same(a.table(), table)
                || op instanceof Operation.CreateTableColumn c && c.def().generated() && same(c.table(), table);
    }

    private static final Set<String> ORDERING = Set.of("asc", "desc", "nulls", "first", "last");

    /**
     * The operator class an index entry names after its column or expression ("to" timestamp_ops, (lower(x))
     * text_pattern_ops), or null: the first word at the top level after the indexed element that is not an ordering
     * keyword or a COLLATE clause.
     */
    static String operatorClass(String entry) {
        List<Token> tokens = Lexer.tokenize(entry, Dialect.POSTGRESQL).stream().filter(t -> !t.isTrivia()).toList();
        int i = 0;
        int depth = 0;
        do {
            if (i >= tokens.size()) {
                return null;
            }
            Token t = tokens.get(i++);
            depth += t.type() == TokenType.LPAREN ? 1 : t.type() == TokenType.RPAREN ? -1 : 0;
        } while (depth > 0);
        for (; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (t.is("COLLATE")) {
                i++;
            } else if (t.type() == TokenType.LPAREN) {
                return null; // an operator class's parameters, or not an entry this reads
            } else if (t.isIdentifier() && !ORDERING.contains(t.text().toLowerCase(Locale.ROOT))) {
                return t.text();
            }
        }
        return null;
    }

    /** The operations of the retyped one's statement before it (the other columns of its CREATE TABLE). */
    private static List<Later> sameStatementBefore(FixContext ctx, AnalyzedOperation ao) {
        List<Later> out = new ArrayList<>();
        for (AnalyzedOperation o : ctx.file().operations()) {
            if (o == ao) {
                break;
            }
            if (o.statement() == ao.statement()) {
                out.add(later("line " + ctx.file().parsed().source().lines().line(o.operation().span().start()), o,
                        false, ctx.text()));
            }
        }
        return out;
    }

    /**
     * A later operation, with its text where its record does not keep what a retype must see: a DO block's body, a
     * generated column's expression.
     */
    static Later later(String where, AnalyzedOperation ao, boolean down, String fileText) {
        Operation op = ao.operation().operation();
        String text = null;
        if (op instanceof Operation.DoBlock) {
            text = ao.statement().statement().span().of(fileText);
        } else if (op instanceof Operation.AddColumn a && a.def().generated()
                || op instanceof Operation.CreateTableColumn c && c.def().generated()) {
            text = ao.operation().span().of(fileText);
        }
        return new Later(where, op, down, text);
    }

    /** The column's name as a whole word of an index expression, quoted or not. */
    private static Pattern mention(String column) {
        return Pattern.compile("(?i)(^|[^a-z0-9_$])\"?" + Pattern.quote(Names.unqualified(column))
                + "\"?($|[^a-z0-9_$])");
    }

    private static boolean droppedHere(Operation.DropTable d, String table) {
        for (String t : d.tables()) {
            if (same(t, table)) {
                return true;
            }
        }
        return false;
    }

    /**
     * A later operation and where it is, in words ("line 7", "a later migration, 002_x.sql"); {@code down} for one of
     * a later down migration, which only a retype heeds (it was written for the type the column has); {@code text}
     * its SQL where a retype needs it (see {@link #later}), else null.
     */
    public record Later(String where, Operation op, boolean down, String text) {
        public Later(String where, Operation op) {
            this(where, op, false, null);
        }
    }

    /** The operations after this one: the rest of the file, then the later migrations of its history. */
    private static List<Later> after(FixContext ctx, AnalyzedOperation ao) {
        List<AnalyzedOperation> all = ctx.file().operations();
        int at = all.indexOf(ao);
        List<Later> out = new ArrayList<>();
        if (at >= 0) {
            for (AnalyzedOperation later : all.subList(at + 1, all.size())) {
                if (!"down".equals(later.context().get(ContextFacts.DIRECTION))) {
                    out.add(later("line " + ctx.file().parsed().source().lines().line(later.operation().span().start()),
                            later, false, ctx.text()));
                }
            }
        }
        out.addAll(ctx.options().history().later(ctx.file().parsed().source().displayPath()));
        return out;
    }

    private static boolean same(String a, String b) {
        return a != null && b != null
                && Names.unqualified(a).toLowerCase(Locale.ROOT).equals(Names.unqualified(b).toLowerCase(Locale.ROOT));
    }
}
