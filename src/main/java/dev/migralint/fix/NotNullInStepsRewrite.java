package dev.migralint.fix;

import dev.migralint.analysis.AnalyzedOperation;
import dev.migralint.analysis.ContextFacts;
import dev.migralint.rules.Finding;
import dev.migralint.sql.Dialect;
import dev.migralint.sql.Names;
import dev.migralint.sql.Span;
import dev.migralint.sql.Statement;
import dev.migralint.sql.Token;
import dev.migralint.sql.TokenType;
import dev.migralint.sql.TopLevelWords;
import dev.migralint.sql.op.ColumnDef;
import dev.migralint.sql.op.Operation;
import dev.migralint.sql.op.Operation.AddColumn;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code not-null-in-steps} (unsafe): {@code ALTER TABLE t ADD COLUMN c type NOT NULL;} becomes the nullable column, a
 * backfill placeholder, {@code CHECK (c IS NOT NULL) NOT VALID}, {@code VALIDATE CONSTRAINT}, {@code SET NOT NULL}
 * (which then needs no scan on PostgreSQL 12+) and the drop of the now redundant check. Unsafe because the backfill
 * must be written by hand: VALIDATE fails while rows hold NULL.
 */
public final class NotNullInStepsRewrite extends Rewrite {
    public NotNullInStepsRewrite() {
        super("not-null-in-steps", 10);
    }

    @Override
    public Proposal propose(FixContext ctx, Finding f) {
        AnalyzedOperation ao = ctx.operation(f);
        Operation op = ao.operation().operation();
        Statement st = ao.statement().statement();
        if (!(op instanceof AddColumn ac)) {
            return Proposal.unavailable("not-null-in-steps applies to ALTER TABLE ... ADD COLUMN ... NOT NULL only");
        }
        if (ctx.dialect() != Dialect.POSTGRESQL) {
            return Proposal.unavailable("the NOT VALID check constraint steps are PostgreSQL syntax");
        }
        String gainsNothing = gainsNothing(ctx, ao);
        if (gainsNothing != null) {
            return Proposal.unavailable(gainsNothing);
        }
        ColumnDef def = ac.def();
        if (!def.notNull()) {
            return Proposal.unavailable("the column is not declared NOT NULL");
        }
        if (def.primaryKey() || def.identity() || def.serial() || def.generated()) {
            return Proposal.unavailable("the column is a primary key, identity, serial or generated column, which is"
                    + " NOT NULL by nature: add it in steps by hand");
        }
        if (ctx.operationsOf(st).size() != 1) {
            return Proposal.unavailable("the ALTER TABLE does more than add this column: split it into one statement"
                    + " per action, then run fix again");
        }
        List<Token> action = Shapes.actionTokens(ctx, ao);
        if (action == null || !action.get(0).is("ADD")) {
            return Proposal.unavailable("the ADD COLUMN action could not be located exactly");
        }
        int nameAt = 1;
        if (nameAt < action.size() && action.get(nameAt).is("COLUMN")) {
            nameAt++;
        }
        if (nameAt + 2 < action.size() && action.get(nameAt).is("IF") && action.get(nameAt + 1).is("NOT")
                && action.get(nameAt + 2).is("EXISTS")) {
            nameAt += 3;
        }
        Token column = FixContext.at(action, nameAt);
        if (column == null || !column.isIdentifier()) {
            return Proposal.unavailable("the column name could not be located exactly");
        }
        List<Integer> notNulls = TopLevelWords.pairs(action, nameAt + 1, "NOT", "NULL");
        if (notNulls.size() != 1) {
            return Proposal.unavailable("the NOT NULL clause could not be located exactly");
        }
        int at = notNulls.get(0);
        if (at >= 2 && action.get(at - 2).is("CONSTRAINT")) {
            return Proposal.unavailable("the NOT NULL constraint is named (CONSTRAINT name NOT NULL): rewrite it by hand");
        }
        Token before = action.get(at - 1);
        Token nullToken = action.get(at + 1);
        List<Token> code = st.code();
        String prefix = ctx.prefixBefore(st, action.get(0));
        Token add = action.get(0);
        Token tableToken = tableNameToken(code);
        String constraint = constraintName(tableToken, column);
        String nl = ctx.newline();
        String indent = ctx.indentOf(st.span().start());
        String term = FixContext.terminatorOf(st);
        String table = Names.unqualified(ac.table());
        String col = column.text();
        StringBuilder steps = new StringBuilder();
        steps.append(nl).append(indent).append("-- TODO(migralint): backfill ").append(table).append('.')
                .append(column.identifier()).append(" for existing rows here (in batches on a large table),")
                .append(" e.g. UPDATE ").append(tableToken.text()).append(" SET ").append(col).append(" = ... WHERE ")
                .append(col).append(" IS NULL; VALIDATE below fails while any row holds NULL.");
        steps.append(nl).append(indent).append(prefix).append(Keywords.like(add, "ADD CONSTRAINT")).append(' ')
                .append(constraint).append(' ').append(Keywords.like(add, "CHECK")).append(" (").append(col).append(' ')
                .append(Keywords.like(add, "IS NOT NULL")).append(") ").append(Keywords.like(add, "NOT VALID")).append(term);
        steps.append(nl).append(indent).append(prefix).append(Keywords.like(add, "VALIDATE CONSTRAINT")).append(' ')
                .append(constraint).append(term);
        steps.append(nl).append(indent).append(prefix).append(Keywords.like(add, "ALTER COLUMN")).append(' ').append(col)
                .append(' ').append(Keywords.like(add, "SET NOT NULL")).append(term);
        steps.append(nl).append(indent).append(prefix).append(Keywords.like(add, "DROP CONSTRAINT")).append(' ')
                .append(constraint).append(term);
        List<Edit> edits = new ArrayList<>();
        edits.add(Edit.replace(new Span(before.end(), nullToken.end()), ""));
        if (st.terminator() != null) {
            edits.add(Edit.insert(ctx.insertionPointAfter(st), steps.toString()));
        } else {
            edits.add(Edit.insert(code.get(code.size() - 1).end(), ";" + steps.substring(0, steps.length() - term.length())));
        }
        return Proposal.of(edits, false, "add the column nullable, then make it NOT NULL through a validated CHECK"
                + " constraint (the backfill is left to write)")
                .tolerating("set-not-null-on-existing-column", "proven by the validated CHECK constraint " + constraint)
                .tolerating("ban-drop-constraint", "drops the temporary CHECK constraint " + constraint
                        + ", which SET NOT NULL now enforces");
    }

    /**
     * Why the steps would not help where this statement runs, or null. In one transaction the VALIDATE runs while
     * the lock ADD CONSTRAINT took is still held, so reads and writes wait for the scan all the same; before
     * PostgreSQL 12, SET NOT NULL scans the table whatever CHECK constraint proves.
     */
    static String gainsNothing(FixContext ctx, AnalyzedOperation ao) {
        Object version = ao.context().get(ContextFacts.POSTGRES_VERSION);
        if (version instanceof Number n && n.intValue() > 0 && n.intValue() < 12) {
            return "on PostgreSQL " + n.intValue() + " SET NOT NULL scans the table even with a validated CHECK"
                    + " constraint, so the steps gain nothing: keep a CHECK (col IS NOT NULL) constraint instead of"
                    + " NOT NULL";
        }
        if (!Boolean.TRUE.equals(ao.context().get(ContextFacts.IN_TRANSACTION))) {
            return null;
        }
        String source = String.valueOf(ao.context().get(ContextFacts.TRANSACTION_SOURCE));
        String where = switch (source) {
            case "explicit" -> "inside the transaction its BEGIN opens";
            case "config" -> "in one transaction (transaction: always in the configuration)";
            default -> "in one transaction (the runner, " + ctx.file().framework().describe() + ", wraps it)";
        };
        return "this file runs " + where + ", so VALIDATE would hold the lock ADD CONSTRAINT took and block reads"
                + " and writes for the whole scan: the steps gain nothing here. Add the column nullable in this"
                + " migration, backfill, then add CHECK ... NOT VALID, VALIDATE and SET NOT NULL in migrations of"
                + " their own";
    }

    private static Token tableNameToken(List<Token> code) {
        int end = Shapes.afterAlterTableName(code);
        return code.get(Math.max(2, end - 1));
    }

    /** {@code <table>_<column>_not_null}, quoted unless both parts are plain lower-case words; at most 63 chars. */
    static String constraintName(Token table, Token column) {
        String base = table.identifier() + "_" + column.identifier() + "_not_null";
        if (base.length() > 63) {
            base = base.substring(0, 63);
        }
        boolean plain = table.type() == TokenType.WORD && column.type() == TokenType.WORD
                && base.matches("[a-z_][a-z0-9_]*");
        return plain ? base : "\"" + base.replace("\"", "\"\"") + "\"";
    }
}
