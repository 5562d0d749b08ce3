package dev.migralint.fix;

import dev.migralint.analysis.AnalyzedOperation;
import dev.migralint.analysis.ContextFacts;
import dev.migralint.analysis.TransactionUnit;
import dev.migralint.rules.Finding;
import dev.migralint.sql.Token;
import dev.migralint.sql.TokenType;
import dev.migralint.workspace.Framework;
import dev.migralint.workspace.RunnerDescriptor;
import dev.migralint.workspace.RunnerLoader;

import java.util.List;

/**
 * Turns the runner's transaction off for a migration whose statement cannot run in one (CONCURRENTLY): with the
 * directive the runner's descriptor names ({@code -- +goose NO TRANSACTION}, {@code -- no-transaction},
 * {@code --! no-transaction}, {@code -- atlas:txmode none}) or the option on the section's marker line
 * ({@code transaction:false}, {@code runInTransaction:false}). Only when nothing else in the unit needs the
 * transaction's all-or-nothing; otherwise it declines and says what to do instead. A runner with no way to turn its
 * transaction off (pop, Prisma, ...) is never given one.
 */
public final class NoTransactionRewrite extends Rewrite {
    public NoTransactionRewrite() {
        super("no-transaction", 35);
    }

    @Override
    public Proposal propose(FixContext ctx, Finding f) {
        AnalyzedOperation ao = ctx.operation(f);
        String source = String.valueOf(ao.context().get(ContextFacts.TRANSACTION_SOURCE));
        String what = "this statement";
        Object blocked = ao.context().get(ContextFacts.RUNNER_BLOCKS);
        if (blocked != null && !source.equals("explicit")) {
            // Flyway: no in-file directive turns this off; the remedy is a side file or a script of its own.
            return Proposal.unavailable(String.valueOf(blocked));
        }
        if (source.equals("explicit")) {
            return Proposal.unavailable("the transaction is opened by BEGIN in the file: move " + what
                    + " after COMMIT or into a migration of its own");
        }
        if (source.equals("config")) {
            return Proposal.unavailable("the configuration says every migration runs in a transaction (transaction: always)");
        }
        Framework runner = ctx.file().framework();
        RunnerDescriptor d = runner.descriptor();
        int offset = ao.statement().statement().span().start();
        TransactionUnit unit = ctx.file().unitAt(offset);
        for (RunnerDescriptor.Section s : d.sections()) {
            if (s.noTransaction() != null) {
                return sectionOption(ctx, ao, unit, s.noTransaction());
            }
        }
        String directive = d.fileDirective();
        if (directive == null) {
            for (RunnerDescriptor.Directive dir : d.directives()) {
                if (dir.scope().equals("statement")) {
                    // What else the runner needs around a marked statement (its own chunk, a single-statement
                    // marker) is the project's to say: the comment alone may not be enough.
                    return Proposal.unavailable(d.name() + " runs this file in a transaction, where " + what
                            + " fails; mark the statement with " + dir.comment().trim() + " on the line before it, as "
                            + d.name() + " expects");
                }
                directive = dir.comment();
            }
        }
        if (directive == null) {
            return Proposal.unavailable(AddConcurrentlyRewrite.runnerAdvice(runner, ctx, what));
        }
        // The directive turns the transaction off for every unit of the file (goose: Up and Down alike).
        for (TransactionUnit u : ctx.file().units()) {
            String problem = unitProblem(ctx, u);
            if (problem != null) {
                return Proposal.unavailable(d.name() + " runs this file in a transaction, where " + what + " fails, and"
                        + " turning it off (" + directive.trim() + ") is only correct when nothing else needs the"
                        + " transaction's all-or-nothing; the file also holds " + problem + ": move " + what
                        + " into a migration of its own with " + directive.trim());
            }
        }
        return Proposal.of(Edit.insert(0, directive.trim() + ctx.newline()), true,
                "run the migration outside " + d.name() + "'s transaction (" + directive.trim() + ")");
    }

    /** dbmate's transaction:false, Liquibase's runInTransaction:false: on the marker line of the statement's section. */
    private static Proposal sectionOption(FixContext ctx, AnalyzedOperation ao, TransactionUnit unit, String option) {
        if (unit == null || unit.start() == 0 && !startsWithMarker(ctx, unit)) {
            return Proposal.unavailable("the statement is not in a section whose marker line could say " + option);
        }
        Token marker = null;
        for (Token t : ctx.file().parsed().tokens()) {
            if (t.type() == TokenType.LINE_COMMENT && t.start() == unit.start()) {
                marker = t;
                break;
            }
        }
        if (marker == null) {
            return Proposal.unavailable("the section's marker line was not found");
        }
        String optionKey = RunnerLoader.comment(option);
        String key = optionKey.substring(0, optionKey.indexOf(':') + 1);
        if (RunnerLoader.comment(marker.text()).contains(key)) {
            return Proposal.unavailable("the section's marker line already sets " + key.replace(":", "") + " ("
                    + marker.text().trim() + ")");
        }
        String problem = unitProblem(ctx, unit);
        if (problem != null) {
            return Proposal.unavailable("turning the section's transaction off (" + option + ") is only correct when"
                    + " nothing else in it needs the transaction's all-or-nothing; it also holds " + problem
                    + ": move this statement into a section or migration of its own");
        }
        String text = marker.text();
        int end = marker.start() + text.stripTrailing().length();
        return Proposal.of(Edit.insert(end, " " + option), true, "run this section outside the runner's transaction ("
                + option + ")");
    }

    private static boolean startsWithMarker(FixContext ctx, TransactionUnit unit) {
        for (Token t : ctx.file().parsed().tokens()) {
            if (t.start() == unit.start()) {
                return t.type() == TokenType.LINE_COMMENT;
            }
        }
        return false;
    }

    /**
     * What in a unit needs its transaction: a unit of one statement never does (it is atomic by itself); in a longer
     * one, anything but index changes made CONCURRENTLY and SET.
     */
    private static String unitProblem(FixContext ctx, TransactionUnit u) {
        List<AnalyzedOperation> all = ctx.file().operations();
        int statements = 0;
        int lastStatement = -1;
        for (AnalyzedOperation o : all) {
            int start = o.statement().statement().span().start();
            if (start >= u.start() && start < u.end() && o.statement().statement().index() != lastStatement
                    && !o.statement().statement().isMetaCommand()) {
                statements++;
                lastStatement = o.statement().statement().index();
            }
        }
        if (statements <= 1) {
            return null;
        }
        for (int i = 0; i < all.size(); i++) {
            AnalyzedOperation o = all.get(i);
            int start = o.statement().statement().span().start();
            if (start < u.start() || start >= u.end()) {
                continue;
            }
            String problem = AddConcurrentlyRewrite.needsTransaction(ctx, o, i, true);
            if (problem != null) {
                return problem;
            }
        }
        return null;
    }
}
