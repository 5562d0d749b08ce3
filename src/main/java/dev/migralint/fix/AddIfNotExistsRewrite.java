package dev.migralint.fix;

import dev.migralint.analysis.AnalyzedOperation;
import dev.migralint.rules.Finding;
import dev.migralint.sql.Dialect;
import dev.migralint.sql.Statement;
import dev.migralint.sql.Token;
import dev.migralint.sql.op.Operation;
import dev.migralint.sql.op.Operation.AddColumn;
import dev.migralint.sql.op.Operation.AddConstraint;
import dev.migralint.sql.op.Operation.AlterTypeAddValue;
import dev.migralint.sql.op.Operation.CreateExtension;
import dev.migralint.sql.op.Operation.CreateIndex;
import dev.migralint.sql.op.Operation.CreateSchema;
import dev.migralint.sql.op.Operation.CreateSequence;
import dev.migralint.sql.op.Operation.CreateTable;
import dev.migralint.sql.op.Operation.CreateType;

import java.util.List;

/**
 * {@code add-if-not-exists}: inserts IF NOT EXISTS right after the object keyword of CREATE TABLE / INDEX (after
 * CONCURRENTLY when present) / SCHEMA / SEQUENCE / EXTENSION, ADD [COLUMN] and ALTER TYPE ... ADD VALUE. Where
 * Postgres has no such clause (CREATE TYPE, ADD CONSTRAINT) it wraps the statement in a DO block that ignores the
 * "already exists" error, as an unsafe fix.
 */
public final class AddIfNotExistsRewrite extends Rewrite {
    public AddIfNotExistsRewrite() {
        super("add-if-not-exists", 40);
    }

    @Override
    public Proposal propose(FixContext ctx, Finding f) {
        AnalyzedOperation ao = ctx.operation(f);
        Operation op = ao.operation().operation();
        Statement st = ao.statement().statement();
        List<Token> code = st.code();
        Dialect d = ctx.dialect();
        if (op instanceof CreateTable ct) {
            if (ct.ifNotExists()) {
                return already();
            }
            int i = 1;
            while (i < code.size() && i < 6 && !code.get(i).is("TABLE")) {
                i++;
            }
            if (i >= code.size() || !code.get(i).is("TABLE") || !code.get(0).is("CREATE")) {
                return Proposal.unavailable("the statement is not shaped CREATE ... TABLE name");
            }
            return clause(code.get(i), "CREATE TABLE");
        }
        if (op instanceof CreateIndex ci) {
            if (ci.ifNotExists()) {
                return already();
            }
            if (d == Dialect.MYSQL) {
                return Proposal.unavailable("MySQL has no CREATE INDEX IF NOT EXISTS");
            }
            if (ci.name() == null) {
                return Proposal.unavailable("IF NOT EXISTS needs an index name, and this index has none: name it first");
            }
            if (code.get(0).is("ALTER")) {
                return Proposal.unavailable("the index is added by ALTER TABLE ... ADD INDEX, which has no IF NOT"
                        + " EXISTS form");
            }
            int i = FixContext.indexOf(code, 1, "INDEX");
            if (!code.get(0).is("CREATE") || i < 0) {
                return Proposal.unavailable("the statement is not shaped CREATE [UNIQUE] INDEX ...");
            }
            Token anchor = FixContext.at(code, i + 1) != null && code.get(i + 1).is("CONCURRENTLY") ? code.get(i + 1)
                    : code.get(i);
            return Proposal.of(Shapes.insertAfter(anchor, "IF NOT EXISTS"), true,
                    "add IF NOT EXISTS to CREATE INDEX");
        }
        if (op instanceof CreateSchema cs) {
            if (cs.ifNotExists()) {
                return already();
            }
            if (d == Dialect.SQLITE) {
                return Proposal.unavailable("SQLite has no CREATE SCHEMA");
            }
            int i = FixContext.indexOf(code, 1, "SCHEMA");
            if (i != 1) {
                return Proposal.unavailable("the statement is not shaped CREATE SCHEMA name");
            }
            if (!schemaWithoutElements(code, i + 1)) {
                return Proposal.unavailable("CREATE SCHEMA with schema elements cannot take IF NOT EXISTS: create the"
                        + " schema on its own first");
            }
            return clause(code.get(i), "CREATE SCHEMA");
        }
        if (op instanceof CreateSequence cs) {
            if (cs.ifNotExists()) {
                return already();
            }
            return postgresKeyword(ctx, code, "SEQUENCE", "CREATE SEQUENCE");
        }
        if (op instanceof CreateExtension ce) {
            if (ce.ifNotExists()) {
                return already();
            }
            return postgresKeyword(ctx, code, "EXTENSION", "CREATE EXTENSION");
        }
        if (op instanceof AddColumn ac) {
            if (ac.ifNotExists()) {
                return already();
            }
            return Shapes.columnGuard(ctx, ao, "ADD", "IF NOT EXISTS");
        }
        if (op instanceof AlterTypeAddValue av) {
            if (av.ifNotExists()) {
                return already();
            }
            if (d != Dialect.POSTGRESQL) {
                return Proposal.unavailable("ALTER TYPE ... ADD VALUE is PostgreSQL syntax");
            }
            int i = FixContext.indexOf(code, 2, "VALUE");
            if (i < 0 || !code.get(i - 1).is("ADD")) {
                return Proposal.unavailable("the statement is not shaped ALTER TYPE name ADD VALUE ...");
            }
            return clause(code.get(i), "ADD VALUE");
        }
        if (op instanceof CreateType) {
            if (d != Dialect.POSTGRESQL) {
                return Proposal.unavailable("CREATE TYPE is PostgreSQL syntax");
            }
            return Proposal.of(Shapes.guardedDoBlock(ctx, st, "duplicate_object"), false,
                    "wrap CREATE TYPE in a DO block that ignores duplicate_object (PostgreSQL has no CREATE TYPE IF NOT"
                            + " EXISTS)");
        }
        if (op instanceof AddConstraint) {
            if (d != Dialect.POSTGRESQL) {
                return Proposal.unavailable(d + " has no ADD CONSTRAINT IF NOT EXISTS");
            }
            if (ctx.operationsOf(st).size() != 1) {
                return Proposal.unavailable("the ALTER TABLE does more than add this constraint, so it cannot be"
                        + " guarded as a whole: split it into one statement per action first");
            }
            return Proposal.of(Shapes.guardedDoBlock(ctx, st, "duplicate_object OR duplicate_table"), false,
                    "wrap ADD CONSTRAINT in a DO block that ignores duplicate_object (PostgreSQL has no ADD CONSTRAINT"
                            + " IF NOT EXISTS)");
        }
        return Proposal.unavailable("there is no IF NOT EXISTS form for this statement");
    }

    private static Proposal already() {
        return Proposal.unavailable("IF NOT EXISTS is already present");
    }

    private static Proposal clause(Token anchor, String what) {
        return Proposal.of(Shapes.insertAfter(anchor, "IF NOT EXISTS"), true, "add IF NOT EXISTS to " + what);
    }

    private static Proposal postgresKeyword(FixContext ctx, List<Token> code, String keyword, String what) {
        if (ctx.dialect() != Dialect.POSTGRESQL) {
            return Proposal.unavailable(what + " IF NOT EXISTS is PostgreSQL syntax");
        }
        int i = FixContext.indexOf(code, 1, keyword);
        if (i < 0 || i > 3 || !code.get(0).is("CREATE")) {
            return Proposal.unavailable("the statement is not shaped " + what + " name");
        }
        return clause(code.get(i), what);
    }

    /** CREATE SCHEMA name [AUTHORIZATION role] or CREATE SCHEMA AUTHORIZATION role, with nothing after. */
    private static boolean schemaWithoutElements(List<Token> code, int i) {
        if (i < code.size() && code.get(i).is("AUTHORIZATION")) {
            return code.size() == i + 2;
        }
        if (i >= code.size()) {
            return false;
        }
        i++;
        if (i == code.size()) {
            return true;
        }
        return code.get(i).is("AUTHORIZATION") && code.size() == i + 2;
    }
}
