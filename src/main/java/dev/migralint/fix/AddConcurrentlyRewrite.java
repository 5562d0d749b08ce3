package dev.migralint.fix;

import dev.migralint.analysis.AnalyzedOperation;
import dev.migralint.analysis.ContextFacts;
import dev.migralint.analysis.RunnerModel;
import dev.migralint.rules.Finding;
import dev.migralint.sql.Dialect;
import dev.migralint.sql.Statement;
import dev.migralint.sql.Token;
import dev.migralint.sql.TokenType;
import dev.migralint.sql.op.Operation.CreateIndex;
import dev.migralint.sql.op.Operation.DetachPartition;
import dev.migralint.sql.op.Operation.DropIndex;
import dev.migralint.sql.op.Operation.Reindex;
import dev.migralint.sql.op.Operation;
import dev.migralint.sql.op.OperationCatalog;
import dev.migralint.workspace.Framework;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code add-concurrently}: CREATE INDEX, DROP INDEX, REINDEX and DETACH PARTITION get CONCURRENTLY, but only where the
 * statement will not run inside a transaction block (where CONCURRENTLY fails). Inside a transaction the fix is not
 * offered and the reason says what to change; for dbmate, whose files can opt out of the transaction in-file, the fix
 * sets {@code transaction:false} when the file holds nothing but such index changes.
 */
public final class AddConcurrentlyRewrite extends Rewrite {
    static final String DBMATE_UP = "migrate:up";

    public AddConcurrentlyRewrite() {
        super("add-concurrently", 30);
    }

    @Override
    public Proposal propose(FixContext ctx, Finding f) {
        AnalyzedOperation ao = ctx.operation(f);
        if (ctx.dialect() != Dialect.POSTGRESQL) {
            return Proposal.unavailable("CONCURRENTLY is PostgreSQL syntax; there is no " + ctx.dialect() + " equivalent");
        }
        String partitioned = partitioned(ao);
        if (partitioned != null) {
            return Proposal.unavailable(partitioned);
        }
        Located where = locate(ctx, ao);
        if (where.reason != null) {
            return Proposal.unavailable(where.reason);
        }
        Edit keyword = Shapes.insertAfter(where.anchor, "CONCURRENTLY");
        String what = where.statementName;
        if (!Boolean.TRUE.equals(ao.context().get(ContextFacts.IN_TRANSACTION))) {
            String uncertain = unknownBefore(ctx, ao.statement().statement());
            if (uncertain != null) {
                return Proposal.unavailable(uncertain);
            }
            return Proposal.of(keyword, true, "add CONCURRENTLY to " + what);
        }
        String source = String.valueOf(ao.context().get(ContextFacts.TRANSACTION_SOURCE));
        Statement st = ao.statement().statement();
        if (source.equals("explicit")) {
            int beginLine = beginLine(ctx, st);
            return Proposal.unavailable(what + " runs inside the transaction opened by BEGIN"
                    + (beginLine > 0 ? " on line " + beginLine : "") + ", and CONCURRENTLY cannot run in a transaction"
                    + " block: move it after COMMIT or into a migration of its own, then add CONCURRENTLY");
        }
        if (source.equals("config")) {
            return Proposal.unavailable("the configuration says every migration runs in a transaction (transaction: always),"
                    + " where CONCURRENTLY fails: run this statement outside a transaction, then add CONCURRENTLY");
        }
        Framework runner = ctx.file().framework();
        if (runner.is(Framework.DBMATE)) {
            return dbmate(ctx, ao, keyword, what);
        }
        if (runner.is(Framework.FLYWAY) && source.equals(Framework.FLYWAY.id())) {
            // Flyway runs a script without a transaction when it holds CREATE/DROP INDEX CONCURRENTLY, and refuses a
            // script that mixes such statements with others: correct only when the script holds nothing else.
            String problem = sectionProblem(ctx, 0, Integer.MAX_VALUE, false);
            String hangs = RunnerModel.lockWait(runner);
            if (problem == null && hangs != null) {
                return Proposal.unavailable("adding CONCURRENTLY would not help as things stand: " + hangs
                        + "; then add CONCURRENTLY");
            }
            if (problem == null && (ao.operation().operation() instanceof CreateIndex
                    || ao.operation().operation() instanceof DropIndex)) {
                return Proposal.of(keyword, true, "add CONCURRENTLY to " + what
                        + " (Flyway then runs the script outside a transaction)");
            }
            return Proposal.unavailable(runnerAdvice(runner, ctx, what)
                    + (problem == null ? "" : " (the script also holds " + problem + ")"));
        }
        return Proposal.unavailable(runnerAdvice(runner, ctx, what));
    }

    /**
     * Why the operations of statements starting in {@code [from, to]} need a transaction (anything but index changes
     * that are, or are being made, CONCURRENTLY; SET too when {@code allowSet}), or null when none does.
     */
    private static String sectionProblem(FixContext ctx, int from, int to, boolean allowSet) {
        List<AnalyzedOperation> all = ctx.file().operations();
        for (int index = ctx.index().firstOperationFrom(from); index < all.size(); index++) {
            AnalyzedOperation other = all.get(index);
            int start = other.statement().statement().span().start();
            if (start > to) {
                break;
            }
            String problem = needsTransaction(ctx, other, index, allowSet);
            if (problem != null) {
                return problem;
            }
        }
        return null;
    }

    /**
     * Why CONCURRENTLY cannot go on this index of a partitioned table (PostgreSQL refuses both "cannot create index
     * on partitioned table concurrently" and "cannot drop partitioned index concurrently"), with the partitioned way;
     * null when the table is not known to be partitioned.
     */
    static String partitioned(AnalyzedOperation ao) {
        if (!Boolean.TRUE.equals(ao.context().get(ContextFacts.PARTITIONED))) {
            return null;
        }
        Operation op = ao.operation().operation();
        if (op instanceof Operation.CreateIndex ci) {
            return ci.table() + " is partitioned (PARTITION BY earlier in the history), and PostgreSQL cannot build an"
                    + " index on a partitioned table CONCURRENTLY: create it with CREATE INDEX ... ON ONLY " + ci.table()
                    + " (instant, invalid until attached), build the same index CONCURRENTLY on each partition, then"
                    + " ALTER INDEX <parent index> ATTACH PARTITION <partition index> for each";
        }
        if (op instanceof Operation.DropIndex) {
            return "the index belongs to a partitioned table, and PostgreSQL cannot drop a partitioned index"
                    + " CONCURRENTLY: drop it without CONCURRENTLY (it is quick when the partitions are small), or"
                    + " detach the partitions and drop their indexes CONCURRENTLY one by one first";
        }
        return null;
    }

    /** Where CONCURRENTLY goes, or why it cannot. */
    record Located(Token anchor, String statementName, String reason) {
        static Located no(String reason) {
            return new Located(null, null, reason);
        }
    }

    static Located locate(FixContext ctx, AnalyzedOperation ao) {
        Operation op = ao.operation().operation();
        Statement st = ao.statement().statement();
        List<Token> code = st.code();
        int pgVersion = ao.context().get(ContextFacts.POSTGRES_VERSION) instanceof Number n ? n.intValue() : 15;
        if (op instanceof CreateIndex ci) {
            if (ci.concurrently()) {
                return Located.no("the index is already built CONCURRENTLY");
            }
            if (code.get(0).is("ALTER")) {
                return Located.no("the index is added by ALTER TABLE ... ADD INDEX, which has no CONCURRENTLY form");
            }
            int i = 1;
            while (i < code.size() && code.get(i).is("UNIQUE")) {
                i++;
            }
            if (!code.get(0).is("CREATE") || i >= code.size() || !code.get(i).is("INDEX")) {
                return Located.no("the statement is not shaped CREATE [UNIQUE] INDEX ...");
            }
            int on = FixContext.indexOf(code, i, "ON");
            if (on > 0 && FixContext.at(code, on + 1) != null && code.get(on + 1).is("ONLY")) {
                return Located.no("CREATE INDEX ... ON ONLY builds an index on a partitioned table's parent only,"
                        + " which cannot be done CONCURRENTLY");
            }
            return new Located(code.get(i), "CREATE INDEX", null);
        }
        if (op instanceof DropIndex di) {
            if (di.concurrently()) {
                return Located.no("the index is already dropped CONCURRENTLY");
            }
            if (code.get(0).is("ALTER") || di.table() != null) {
                return Located.no("this DROP INDEX form (MySQL ... ON table, or ALTER TABLE ... DROP INDEX) has no"
                        + " CONCURRENTLY");
            }
            if (code.size() < 2 || !code.get(0).is("DROP") || !code.get(1).is("INDEX")) {
                return Located.no("the statement is not shaped DROP INDEX name");
            }
            if (di.names().size() > 1) {
                return Located.no("DROP INDEX CONCURRENTLY drops one index at a time: split the statement into one"
                        + " DROP INDEX per index, then run fix again");
            }
            if (di.cascade()) {
                return Located.no("DROP INDEX CONCURRENTLY does not support CASCADE: drop the dependent objects first");
            }
            return new Located(code.get(1), "DROP INDEX", null);
        }
        if (op instanceof Reindex r) {
            if (r.concurrently()) {
                return Located.no("REINDEX already runs CONCURRENTLY");
            }
            if (pgVersion < 12) {
                return Located.no("REINDEX CONCURRENTLY needs PostgreSQL 12 or later (postgres-version is " + pgVersion + ")");
            }
            if ("system".equals(r.targetType())) {
                return Located.no("REINDEX SYSTEM cannot run CONCURRENTLY");
            }
            int i = 1;
            if (i < code.size() && code.get(i).type() == TokenType.LPAREN) {
                int depth = 0;
                for (; i < code.size(); i++) {
                    if (code.get(i).type() == TokenType.LPAREN) {
                        depth++;
                    } else if (code.get(i).type() == TokenType.RPAREN && --depth == 0) {
                        i++;
                        break;
                    }
                }
            }
            Token target = FixContext.at(code, i);
            if (target == null || !target.isAny("INDEX", "TABLE", "SCHEMA", "DATABASE")) {
                return Located.no("the statement is not shaped REINDEX INDEX|TABLE|SCHEMA|DATABASE name");
            }
            return new Located(target, "REINDEX", null);
        }
        if (op instanceof DetachPartition dp) {
            if (dp.concurrently()) {
                return Located.no("the partition is already detached CONCURRENTLY");
            }
            if (pgVersion < 14) {
                return Located.no("DETACH PARTITION CONCURRENTLY needs PostgreSQL 14 or later (postgres-version is "
                        + pgVersion + ")");
            }
            List<Token> action = Shapes.actionTokens(ctx, ao);
            if (action == null || action.size() < 3 || !action.get(0).is("DETACH") || !action.get(1).is("PARTITION")) {
                return Located.no("the DETACH PARTITION action could not be located exactly");
            }
            int end = Shapes.afterQualifiedName(action, 2);
            if (end != action.size()) {
                return Located.no("DETACH PARTITION ... " + (end > 0 && end < action.size()
                        ? action.get(end).text().toUpperCase(Locale.ROOT) : "") + " cannot be combined with CONCURRENTLY");
            }
            return new Located(action.get(action.size() - 1), "DETACH PARTITION", null);
        }
        return Located.no("add-concurrently applies to CREATE INDEX, DROP INDEX, REINDEX and DETACH PARTITION only");
    }

    /** A statement before {@code st} that nobody understood might open a transaction: then we cannot be sure. */
    static String unknownBefore(FixContext ctx, Statement st) {
        FileIndex index = ctx.index();
        if (index.firstUnknownStatement >= 0 && index.firstUnknownStatement < st.index()) {
            return "an earlier statement (line " + ctx.file().parsed().source().lines().line(index.firstUnknownStart)
                    + ") was not understood, so migralint cannot tell"
                    + " whether this one runs inside a transaction, where CONCURRENTLY fails";
        }
        return null;
    }

    private static int beginLine(FixContext ctx, Statement st) {
        int line = -1;
        List<int[]> begins = ctx.index().begins;
        int lo = 0;
        int hi = begins.size();
        while (lo < hi) { // the last BEGIN in a statement before st
            int mid = (lo + hi) >>> 1;
            if (begins.get(mid)[0] < st.index()) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        if (lo > 0) {
            line = ctx.file().parsed().source().lines().line(begins.get(lo - 1)[1]);
        }
        return line;
    }

    static String runnerAdvice(Framework runner, FixContext ctx, String what) {
        String base = ctx.file().transactionAssumption();
        String advice = switch (runner.id()) {
            case "prisma", "golang-migrate" -> "put " + what + " CONCURRENTLY alone in a migration of its own (a file with"
                    + " a single statement is not wrapped), then run fix again";
            case "flyway" -> "move " + what + " into a migration of its own and turn Flyway's transaction off for it"
                    + " (executeInTransaction=false in a script config file), then add CONCURRENTLY";
            case "diesel" -> runner.sideSource() != null
                    ? "set run_in_transaction = false in this migration's metadata.toml (it exists and says "
                    + runner.sideSource() + "), with " + what + " alone in the migration, then add CONCURRENTLY"
                    : "move " + what + " into a migration of its own with run_in_transaction = false in its"
                    + " metadata.toml, then add CONCURRENTLY";
            case "pop" -> "pop runs every migration in a transaction and cannot turn it off for one; with popx, move "
                    + what + " into a migration of its own named <version>_<name>.autocommit.up.sql, then add"
                    + " CONCURRENTLY; with pop, build the index outside the migrations";
            case "goose" -> "move " + what + " into a migration of its own with -- +goose NO TRANSACTION, then add"
                    + " CONCURRENTLY";
            case "atlas" -> "move " + what + " into a migration of its own with -- atlas:txmode none, then add"
                    + " CONCURRENTLY";
            case "supabase" -> "use Supabase CLI 2.109.0 or later, which runs CREATE INDEX CONCURRENTLY outside the"
                    + " migration's transaction (set runner-version in .migralint.yml if you do), then add CONCURRENTLY";
            case "sqlx" -> "move " + what + " into a migration of its own that starts with -- no-transaction, then add"
                    + " CONCURRENTLY";
            case "graphile-migrate" -> "move " + what + " into a migration of its own that starts with"
                    + " --! no-transaction, then add CONCURRENTLY";
            case "liquibase" -> "move " + what + " into a changeset of its own with runInTransaction:false, then add"
                    + " CONCURRENTLY";
            default -> "move " + what + " into a migration that the runner does not wrap in a transaction, then add"
                    + " CONCURRENTLY";
        };
        return base + ", where CONCURRENTLY fails: " + advice;
    }

    /**
     * dbmate wraps each migration in a transaction unless its {@code -- migrate:up} line says {@code transaction:false}.
     * Turning it off is only correct when nothing else in the up section needs the transaction's all-or-nothing.
     */
    private static Proposal dbmate(FixContext ctx, AnalyzedOperation ao, Edit keyword, String what) {
        Statement st = ao.statement().statement();
        Token up = null;
        Token down = null;
        for (Token t : ctx.file().parsed().tokens()) {
            if (t.type() != TokenType.LINE_COMMENT) {
                continue;
            }
            String norm = t.text().replaceAll("\\s+", "").toLowerCase(Locale.ROOT);
            if (up == null && norm.startsWith("--migrate:up")) {
                up = t;
            } else if (down == null && norm.startsWith("--migrate:down")) {
                down = t;
            }
        }
        if (up == null) {
            return Proposal.unavailable(ctx.file().transactionAssumption() + ", and the file has no -- migrate:up line"
                    + " to turn it off on: " + what + " cannot get CONCURRENTLY here");
        }
        String upLower = up.text().toLowerCase(Locale.ROOT);
        if (upLower.contains("transaction:")) {
            return Proposal.unavailable("the -- migrate:up line already sets a transaction option (" + up.text().trim()
                    + "); CONCURRENTLY needs transaction:false");
        }
        int upperBound = down == null ? Integer.MAX_VALUE : down.start();
        if (st.span().start() < up.end() || st.span().start() > upperBound) {
            return Proposal.unavailable(what + " is outside the migrate:up section, which dbmate runs in a transaction;"
                    + " move it into a migration of its own with -- migrate:up transaction:false");
        }
        String problem = sectionProblem(ctx, up.end(), upperBound, true);
        if (problem != null) {
            return Proposal.unavailable("dbmate runs this file in a transaction, where CONCURRENTLY fails, and"
                    + " turning it off (-- migrate:up transaction:false) is only correct when the migration holds"
                    + " nothing but CONCURRENTLY index changes; it also holds " + problem + ": move " + what
                    + " into a migration of its own");
        }
        int at = up.start() + upLower.indexOf(DBMATE_UP) + DBMATE_UP.length();
        List<Edit> edits = new ArrayList<>();
        edits.add(Edit.insert(at, " transaction:false"));
        edits.add(keyword);
        return Proposal.of(edits, true, "add CONCURRENTLY to " + what
                + " and run the migration outside dbmate's transaction (transaction:false)");
    }

    /** Why an operation in a dbmate up section keeps the file transactional, or null when it does not. */
    static String needsTransaction(FixContext ctx, AnalyzedOperation other, int index, boolean allowSet) {
        Operation op = other.operation().operation();
        String line = "line " + ctx.file().parsed().source().lines().line(other.operation().span().start());
        if (allowSet && op instanceof Operation.SetParameter || op instanceof Operation.MetaCommand) {
            return null;
        }
        boolean concurrent = op instanceof CreateIndex ci ? ci.concurrently()
                : op instanceof DropIndex di ? di.concurrently()
                : op instanceof Reindex r && r.concurrently();
        if (concurrent) {
            return null;
        }
        if (op instanceof CreateIndex || op instanceof DropIndex || op instanceof Reindex) {
            for (Finding f : ctx.findings()) {
                if (f.operationIndex() == index && f.fix() != null && "add-concurrently".equals(f.fix().name())
                        && locate(ctx, other).reason == null) {
                    return null;
                }
            }
            return "an index change that will not become CONCURRENTLY (" + line + ")";
        }
        return "a " + OperationCatalog.get().kindName(op) + " operation (" + line + ")";
    }
}
