package dev.migralint.fix;

import dev.migralint.analysis.AnalyzedOperation;
import dev.migralint.rules.Finding;
import dev.migralint.sql.Dialect;
import dev.migralint.sql.Statement;
import dev.migralint.sql.Token;
import dev.migralint.sql.op.Operation.DropColumn;
import dev.migralint.sql.op.Operation.DropConstraint;
import dev.migralint.sql.op.Operation.DropDatabase;
import dev.migralint.sql.op.Operation.DropExtension;
import dev.migralint.sql.op.Operation.DropIndex;
import dev.migralint.sql.op.Operation.DropObject;
import dev.migralint.sql.op.Operation.DropSchema;
import dev.migralint.sql.op.Operation.DropTable;
import dev.migralint.sql.op.Operation.DropType;
import dev.migralint.sql.op.Operation;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code add-if-exists}: inserts IF EXISTS right after the object keyword of a DROP (after CONCURRENTLY / TEMPORARY
 * when present), or after DROP [COLUMN] / DROP CONSTRAINT in an ALTER TABLE.
 */
public final class AddIfExistsRewrite extends Rewrite {
    private static final Set<String> MYSQL_OBJECTS = Set.of("view", "procedure", "function", "trigger", "event");
    private static final Set<String> SQLITE_OBJECTS = Set.of("view", "trigger");

    public AddIfExistsRewrite() {
        super("add-if-exists", 50);
    }

    @Override
    public Proposal propose(FixContext ctx, Finding f) {
        AnalyzedOperation ao = ctx.operation(f);
        Operation op = ao.operation().operation();
        Statement st = ao.statement().statement();
        List<Token> code = st.code();
        Dialect d = ctx.dialect();
        if (op instanceof DropTable dt) {
            return dt.ifExists() ? already() : dropKeyword(code, 1, "TABLE", "DROP TABLE");
        }
        if (op instanceof DropIndex di) {
            if (di.ifExists()) {
                return already();
            }
            if (d == Dialect.MYSQL || di.table() != null) {
                return Proposal.unavailable("MySQL has no DROP INDEX IF EXISTS");
            }
            return dropKeyword(code, 1, "INDEX", "DROP INDEX");
        }
        if (op instanceof DropType t) {
            return t.ifExists() ? already() : postgresOnly(d, "DROP TYPE", code, "TYPE");
        }
        if (op instanceof DropExtension e) {
            return e.ifExists() ? already() : postgresOnly(d, "DROP EXTENSION", code, "EXTENSION");
        }
        if (op instanceof DropSchema s) {
            if (s.ifExists()) {
                return already();
            }
            return d == Dialect.SQLITE ? Proposal.unavailable("SQLite has no DROP SCHEMA")
                    : dropKeyword(code, 1, "SCHEMA", "DROP SCHEMA");
        }
        if (op instanceof DropDatabase db) {
            if (db.ifExists()) {
                return already();
            }
            return d == Dialect.SQLITE ? Proposal.unavailable("SQLite has no DROP DATABASE")
                    : dropKeyword(code, 1, "DATABASE", "DROP DATABASE");
        }
        if (op instanceof DropObject o) {
            return o.ifExists() ? already() : dropObject(d, code, o);
        }
        if (op instanceof DropColumn dc) {
            if (dc.ifExists()) {
                return already();
            }
            return Shapes.columnGuard(ctx, ao, "DROP", "IF EXISTS");
        }
        if (op instanceof DropConstraint dc) {
            if (dc.ifExists()) {
                return already();
            }
            if (d != Dialect.POSTGRESQL) {
                return Proposal.unavailable(d + " has no DROP CONSTRAINT IF EXISTS");
            }
            List<Token> action = Shapes.actionTokens(ctx, ao);
            if (action == null || action.size() < 2 || !action.get(0).is("DROP") || !action.get(1).is("CONSTRAINT")) {
                return Proposal.unavailable("the DROP CONSTRAINT action could not be located exactly");
            }
            return clause(action.get(1), "DROP CONSTRAINT");
        }
        return Proposal.unavailable("there is no IF EXISTS form for this statement");
    }

    private static Proposal already() {
        return Proposal.unavailable("IF EXISTS is already present");
    }

    private static Proposal clause(Token anchor, String what) {
        return Proposal.of(Shapes.insertAfter(anchor, "IF EXISTS"), true, "add IF EXISTS to " + what);
    }

    private static Proposal postgresOnly(Dialect d, String what, List<Token> code, String keyword) {
        if (d != Dialect.POSTGRESQL) {
            return Proposal.unavailable(what + " is PostgreSQL syntax");
        }
        return dropKeyword(code, 1, keyword, what);
    }

    /** DROP [TEMPORARY] KEYWORD [CONCURRENTLY] name: IF EXISTS goes after KEYWORD or CONCURRENTLY. */
    private static Proposal dropKeyword(List<Token> code, int from, String keyword, String what) {
        if (code.isEmpty() || !code.get(0).is("DROP")) {
            return Proposal.unavailable("the statement is not shaped " + what + " name");
        }
        int i = from;
        if (i < code.size() && code.get(i).is("TEMPORARY") && keyword.equals("TABLE")) {
            i++;
        }
        if (i >= code.size() || !code.get(i).is(keyword)) {
            return Proposal.unavailable("the statement is not shaped " + what + " name");
        }
        Token anchor = code.get(i);
        if (i + 1 < code.size() && code.get(i + 1).is("CONCURRENTLY")) {
            anchor = code.get(i + 1);
        }
        return clause(anchor, what);
    }

    private static Proposal dropObject(Dialect d, List<Token> code, DropObject o) {
        String type = o.objectType();
        if (type == null) {
            return Proposal.unavailable("the object type of the DROP is unknown");
        }
        if (type.equals("owned")) {
            return Proposal.unavailable("DROP OWNED has no IF EXISTS form");
        }
        if (d == Dialect.MYSQL && !MYSQL_OBJECTS.contains(type) || d == Dialect.SQLITE && !SQLITE_OBJECTS.contains(type)) {
            return Proposal.unavailable(d + " has no DROP " + type.toUpperCase(Locale.ROOT) + " IF EXISTS");
        }
        String[] words = type.split(" ");
        if (code.size() <= words.length || !code.get(0).is("DROP")) {
            return Proposal.unavailable("the statement is not shaped DROP " + type + " name");
        }
        for (int w = 0; w < words.length; w++) {
            if (!code.get(1 + w).is(words[w])) {
                return Proposal.unavailable("the statement is not shaped DROP " + type + " name");
            }
        }
        int i = words.length;
        if (i + 1 < code.size() && code.get(i + 1).is("TEMPORARY")) {
            i++;
        }
        if (i + 1 < code.size() && code.get(i + 1).is("CONCURRENTLY")) {
            i++;
        }
        return clause(code.get(i), "DROP " + type.toUpperCase(Locale.ROOT));
    }
}
