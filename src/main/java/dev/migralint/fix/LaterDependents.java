package dev.migralint.fix;

import dev.migralint.analysis.AnalyzedOperation;
import dev.migralint.sql.Names;
import dev.migralint.sql.op.Operation;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What a later statement of the same file needs from an object an unsafe rewrite removes or retypes: keeping a
 * dropped column or table, or changing a column's type, must not make a later statement fail on a real server
 * ("multiple primary keys", "already exists", a DROP TYPE still in use, a non-IMMUTABLE index expression).
 */
final class LaterDependents {
    private LaterDependents() {
    }

    /** Why commenting out this DROP breaks a later statement of the file, or null. */
    static String ofRemoval(FixContext ctx, AnalyzedOperation removed) {
        Operation op = removed.operation().operation();
        for (AnalyzedOperation later : after(ctx, removed)) {
            Operation o = later.operation().operation();
            int line = line(ctx, later);
            if (op instanceof Operation.DropColumn dc) {
                if (o instanceof Operation.AddConstraint ac && same(ac.table(), dc.table())
                        && "primary-key".equals(ac.constraintType())) {
                    return "line " + line + " adds a primary key to " + dc.table() + ", which fails (multiple primary"
                            + " keys) if " + dc.column() + " and its key are kept";
                }
                if (o instanceof Operation.AddColumn ac && same(ac.table(), dc.table())
                        && same(ac.def().column(), dc.column())) {
                    return "line " + line + " adds " + dc.column() + " again, which fails (already exists) if it is kept";
                }
                if (o instanceof Operation.DropType dt) {
                    return "line " + line + " drops type " + dt.name() + ", which fails while a kept column still uses"
                            + " it";
                }
            } else if (op instanceof Operation.DropTable dt) {
                for (String t : dt.tables()) {
                    if (o instanceof Operation.CreateTable ct && same(ct.table(), t) && !ct.ifNotExists()) {
                        return "line " + line + " creates " + t + " again, which fails (already exists) if it is kept";
                    }
                    if (o instanceof Operation.RenameTable rt && same(rt.newName(), t)) {
                        return "line " + line + " renames a table to " + t + ", which fails if it is kept";
                    }
                }
            }
        }
        return null;
    }

    /** Why changing this column's type breaks a later statement of the file, or null. */
    static String ofRetype(FixContext ctx, AnalyzedOperation retyped, String table, String column) {
        if (table == null || column == null) {
            return null;
        }
        Pattern mention = Pattern.compile("(?i)(^|[^a-z0-9_$])\"?" + Pattern.quote(Names.unqualified(column))
                + "\"?($|[^a-z0-9_$])");
        for (AnalyzedOperation later : after(ctx, retyped)) {
            if (later.operation().operation() instanceof Operation.CreateIndex ci && same(ci.table(), table)) {
                for (String c : ci.columns()) {
                    // An expression (a function call) over the column may need an IMMUTABLE function of the old
                    // type: date(timestamptz) is only STABLE, and the index is refused.
                    if (c.contains("(") && mention.matcher(c).find()) {
                        return "line " + line(ctx, later) + " indexes the expression " + c + ", which may not"
                                + " be IMMUTABLE for the new type (PostgreSQL then refuses the index)";
                    }
                }
            }
        }
        return null;
    }

    private static int line(FixContext ctx, AnalyzedOperation ao) {
        return ctx.file().parsed().source().lines().line(ao.operation().span().start());
    }

    private static List<AnalyzedOperation> after(FixContext ctx, AnalyzedOperation ao) {
        List<AnalyzedOperation> all = ctx.file().operations();
        int at = all.indexOf(ao);
        return at < 0 ? List.of() : all.subList(at + 1, all.size());
    }

    private static boolean same(String a, String b) {
        return a != null && b != null
                && Names.unqualified(a).toLowerCase(Locale.ROOT).equals(Names.unqualified(b).toLowerCase(Locale.ROOT));
    }
}
