package dev.migralint.fix;

import dev.migralint.analysis.AnalyzedOperation;
import dev.migralint.analysis.ContextFacts;
import dev.migralint.analysis.TypeChange;
import dev.migralint.rules.Finding;
import dev.migralint.sql.Span;
import dev.migralint.sql.Statement;
import dev.migralint.sql.Token;
import dev.migralint.sql.TokenType;
import dev.migralint.sql.op.Operation;
import dev.migralint.sql.op.Operation.AddColumn;
import dev.migralint.sql.op.Operation.AlterColumnType;
import dev.migralint.sql.op.Operation.CreateTableColumn;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code replace-type}: replaces a column's type in CREATE TABLE, ADD COLUMN or ALTER COLUMN ... TYPE with the type the
 * rule names. Arguments: {@code to} (required, e.g. {@code timestamptz}), {@code keep-modifiers} (keep "(3)" or "[]"
 * written after the old type), {@code safe} (default false: a type change changes what the column stores).
 */
public final class ReplaceTypeRewrite extends Rewrite {
    private static final String[] STOP = {"NOT", "NULL", "DEFAULT", "CONSTRAINT", "PRIMARY", "UNIQUE", "REFERENCES",
            "CHECK", "GENERATED", "COLLATE", "AUTO_INCREMENT", "AUTOINCREMENT", "COMMENT", "ON", "AS", "IDENTITY",
            "CHARSET", "KEY", "FIRST", "AFTER", "INVISIBLE", "VISIBLE", "STORAGE", "COMPRESSION", "USING", "SRID"};

    /**
     * The old type's size arguments and array brackets, as written: "(3)" of {@code timestamp(3) without time zone},
     * "(3)[]" of {@code timestamp(3)[]}; words such as "without time zone" are part of the old type, not modifiers.
     */
    private static String modifiers(FixContext ctx, List<Token> part, int from, int end) {
        StringBuilder b = new StringBuilder();
        int i = from;
        while (i < end && part.get(i).type() != TokenType.LPAREN && !isBracket(part.get(i))) {
            i++;
        }
        if (i < end && part.get(i).type() == TokenType.LPAREN) {
            int depth = 0;
            int start = part.get(i).start();
            for (; i < end; i++) {
                if (part.get(i).type() == TokenType.LPAREN) {
                    depth++;
                } else if (part.get(i).type() == TokenType.RPAREN && --depth == 0) {
                    b.append(ctx.text(), start, part.get(i).end());
                    i++;
                    break;
                }
            }
        }
        for (; i < end; i++) {
            if (isBracket(part.get(i))) {
                b.append(part.get(i).text());
            }
        }
        return b.toString();
    }

    private static boolean isBracket(Token t) {
        return "[".equals(t.text()) || "]".equals(t.text()) || "[]".equals(t.text());
    }

    /** The column's type before the statement: from the analysis, else (a later round, linted alone) the history. */
    private static String typeNow(FixContext ctx, AnalyzedOperation ao, AlterColumnType t) {
        Object known = ao.context().get(ContextFacts.OLD_TYPE);
        if (known != null) {
            return known.toString();
        }
        return ctx.options().history().typeBefore(ctx.file().parsed().source().displayPath(), ctx.file().operations(),
                ao, t.table(), t.column());
    }

    public ReplaceTypeRewrite() {
        super("replace-type", 60);
    }

    @Override
    public Proposal propose(FixContext ctx, Finding f) {
        Map<String, Object> args = f.fix().args();
        Object to = args.get("to");
        if (to == null || to.toString().isBlank()) {
            return Proposal.unavailable("the rule names replace-type without a 'to' type");
        }
        boolean keep = Boolean.TRUE.equals(args.get("keep-modifiers"));
        boolean safe = Boolean.TRUE.equals(args.get("safe"));
        AnalyzedOperation ao = ctx.operation(f);
        Operation op = ao.operation().operation();
        Statement st = ao.statement().statement();
        String newType = to.toString();
        String needed = op instanceof CreateTableColumn c ? LaterDependents.ofRetype(ctx, ao, c.table(), c.def().column(), newType)
                : op instanceof AddColumn a ? LaterDependents.ofRetype(ctx, ao, a.table(), a.def().column(), newType)
                : op instanceof AlterColumnType t ? LaterDependents.ofRetype(ctx, ao, t.table(), t.column(), newType) : null;
        if (needed != null) {
            return Proposal.unavailable("a later statement depends on this column's type: " + needed
                    + "; change the type by hand");
        }
        List<Token> part;
        int nameAt;
        if (op instanceof CreateTableColumn) {
            if (ao.operation().span().equals(st.span())) {
                return Proposal.unavailable("the column definition could not be located exactly");
            }
            part = FixContext.codeIn(st, ao.operation().span());
            nameAt = 0;
        } else if (op instanceof AddColumn || op instanceof AlterColumnType) {
            part = Shapes.actionTokens(ctx, ao);
            if (part == null) {
                return Proposal.unavailable("the column action could not be located exactly");
            }
            nameAt = 1;
            if (nameAt < part.size() && part.get(nameAt).is("COLUMN")) {
                nameAt++;
            }
            if (op instanceof AddColumn && nameAt + 2 < part.size() && part.get(nameAt).is("IF")) {
                nameAt += 3;
            }
            if (part.get(0).is("CHANGE")) {
                nameAt++; // MySQL CHANGE old new type
            }
        } else {
            return Proposal.unavailable("replace-type applies to column definitions and ALTER COLUMN ... TYPE only");
        }
        int typeAt = nameAt + 1;
        if (op instanceof AlterColumnType && !part.get(0).isAny("MODIFY", "CHANGE")) {
            int t = FixContext.indexOf(part, nameAt + 1, "TYPE");
            if (t < 0) {
                return Proposal.unavailable("the TYPE clause could not be located exactly");
            }
            typeAt = t + 1;
        }
        int end = typeAt;
        int depth = 0;
        while (end < part.size()) {
            Token t = part.get(end);
            if (depth == 0 && t.isAny(STOP) && !(t.is("CHARACTER") && end + 1 < part.size() && part.get(end + 1).is("VARYING"))) {
                break;
            }
            if (t.type() == TokenType.LPAREN) {
                depth++;
            } else if (t.type() == TokenType.RPAREN) {
                depth--;
            }
            end++;
        }
        if (end <= typeAt || depth != 0) {
            return Proposal.unavailable("the column type could not be located exactly");
        }
        Token first = part.get(typeAt);
        Token last = part.get(end - 1);
        String replacement = to.toString().trim();
        if (first.type() == TokenType.WORD && first.text().equals(first.text().toUpperCase(Locale.ROOT))
                && !first.text().equals(first.text().toLowerCase(Locale.ROOT))) {
            replacement = replacement.toUpperCase(Locale.ROOT);
        }
        if (keep && !replacement.contains("(")) {
            replacement += modifiers(ctx, part, typeAt, end);
        }
        String old = ctx.text().substring(first.start(), last.end());
        if (old.equals(replacement)) {
            return Proposal.unavailable("the column already has type " + replacement);
        }
        if (op instanceof AlterColumnType t) {
            String now = typeNow(ctx, ao, t);
            // A retype the table does not notice (to the type it has, varchar(n) to text) becomes a full rewrite
            // under an ACCESS EXCLUSIVE lock with another target type: a finding the statement did not have.
            if (now != null && !t.using() && TypeChange.isRewriteFree(now, t.type())
                    && !TypeChange.isRewriteFree(now, replacement)) {
                return Proposal.unavailable("the column is " + now + " already, so this statement does not rewrite"
                        + " the table; changing it to " + replacement + " would rewrite the table under an ACCESS"
                        + " EXCLUSIVE lock. Change the type where the column is created, or in a migration of its own");
            }
        }
        return Proposal.of(Edit.replace(new Span(first.start(), last.end()), replacement), safe,
                "change the column type from " + old + " to " + replacement);
    }
}
