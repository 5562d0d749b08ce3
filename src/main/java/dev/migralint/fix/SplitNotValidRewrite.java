package dev.migralint.fix;

import dev.migralint.analysis.AnalyzedOperation;
import dev.migralint.rules.Finding;
import dev.migralint.sql.Dialect;
import dev.migralint.sql.Statement;
import dev.migralint.sql.Token;
import dev.migralint.sql.op.Operation;
import dev.migralint.sql.op.Operation.AddConstraint;

import java.util.List;

/**
 * {@code split-not-valid}: {@code ALTER TABLE t ADD CONSTRAINT c FOREIGN KEY ... ;} becomes
 * {@code ALTER TABLE t ADD CONSTRAINT c FOREIGN KEY ... NOT VALID;} followed, on the next line, by
 * {@code ALTER TABLE t VALIDATE CONSTRAINT c;}, reusing the statement's own spelling of the table and constraint and its
 * keyword case. Only for named FOREIGN KEY and CHECK constraints added by a single-action statement.
 */
public final class SplitNotValidRewrite extends Rewrite {
    public SplitNotValidRewrite() {
        super("split-not-valid", 20);
    }

    @Override
    public Proposal propose(FixContext ctx, Finding f) {
        AnalyzedOperation ao = ctx.operation(f);
        Operation op = ao.operation().operation();
        Statement st = ao.statement().statement();
        if (!(op instanceof AddConstraint ac)) {
            return Proposal.unavailable("split-not-valid applies to ALTER TABLE ... ADD CONSTRAINT only");
        }
        if (ctx.dialect() != Dialect.POSTGRESQL) {
            return Proposal.unavailable("NOT VALID is PostgreSQL syntax");
        }
        if (ac.notValid()) {
            return Proposal.unavailable("the constraint is already NOT VALID");
        }
        if (!"foreign-key".equals(ac.constraintType()) && !"check".equals(ac.constraintType())) {
            return Proposal.unavailable("only FOREIGN KEY and CHECK constraints can be added NOT VALID, not "
                    + ac.constraintType());
        }
        if (ac.constraintName() == null) {
            return Proposal.unavailable("the constraint has no name, so a later VALIDATE CONSTRAINT cannot refer to it:"
                    + " write ADD CONSTRAINT name ... and run fix again");
        }
        if (ctx.operationsOf(st).size() != 1) {
            return Proposal.unavailable("the ALTER TABLE does more than add this constraint: split it into one"
                    + " statement per action, then run fix again");
        }
        List<Token> action = Shapes.actionTokens(ctx, ao);
        if (action == null || action.size() < 3 || !action.get(0).is("ADD") || !action.get(1).is("CONSTRAINT")) {
            return Proposal.unavailable("the ADD CONSTRAINT action could not be located exactly");
        }
        Token add = action.get(0);
        Token name = action.get(2);
        List<Token> code = st.code();
        Token last = code.get(code.size() - 1);
        String nl = ctx.newline();
        String indent = ctx.indentOf(st.span().start());
        String validate = ctx.prefixBefore(st, add) + Keywords.like(add, "VALIDATE CONSTRAINT") + " " + name.text()
                + FixContext.terminatorOf(st);
        Edit notValid;
        Edit after;
        if (st.terminator() != null) {
            notValid = Edit.insert(last.end(), " " + Keywords.like(add, "NOT VALID"));
            after = Edit.insert(ctx.insertionPointAfter(st), nl + indent + validate);
        } else {
            // The last statement of the file without ";": end it, and leave the new one without one too.
            notValid = Edit.insert(last.end(), " " + Keywords.like(add, "NOT VALID") + ";" + nl + indent
                    + validate.substring(0, validate.length() - 1));
            return Proposal.of(notValid, true, "add the constraint NOT VALID, then VALIDATE it in a second statement");
        }
        return Proposal.of(List.of(notValid, after), true,
                "add the constraint NOT VALID, then VALIDATE it in a second statement");
    }
}
