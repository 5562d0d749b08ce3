package dev.migralint.fix;

import dev.migralint.analysis.ContextFacts;
import dev.migralint.rules.Finding;
import dev.migralint.sql.Dialect;
import dev.migralint.sql.Span;
import dev.migralint.sql.Statement;
import dev.migralint.sql.Token;
import dev.migralint.sql.TokenType;
import dev.migralint.workspace.Framework;
import dev.migralint.workspace.RunnerDescriptor;

import java.util.List;
import java.util.Locale;

/**
 * {@code set-lock-timeout}: puts {@code SET lock_timeout = '5s';} (the configured lock-timeout) on its own line before
 * the first statement that needs it, with that statement's indentation; once per file. An inline
 * {@code migralint-ignore} comment right above the statement stays attached to it: the SET goes above the comment.
 */
public final class SetLockTimeoutRewrite extends Rewrite {
    public SetLockTimeoutRewrite() {
        super("set-lock-timeout", 90);
    }

    @Override
    public boolean perFile() {
        return true;
    }

    @Override
    public Proposal propose(FixContext ctx, Finding f) {
        if (ctx.dialect() != Dialect.POSTGRESQL) {
            return Proposal.unavailable("lock_timeout is a PostgreSQL setting");
        }
        Statement st = ctx.statement(f);
        Framework runner = ctx.file().framework();
        int statements = ctx.index().statements;
        if (runner.wrapping() == RunnerDescriptor.Wrapping.IMPLICIT_MULTI_STATEMENT && statements == 1
                && !Boolean.TRUE.equals(ctx.operation(f).context().get(ContextFacts.IN_TRANSACTION))) {
            return Proposal.unavailable(runner.id() + " runs a file with a single statement on its own, but a file of"
                    + " several statements as one implicit transaction: adding SET would change how this migration runs."
                    + " Set lock_timeout for the migration role instead (ALTER ROLE ... SET lock_timeout = '"
                    + ctx.options().lockTimeout() + "')");
        }
        String value = ctx.options().lockTimeout().replace("'", "''");
        String set = "SET lock_timeout = '" + value + "';";
        String nl = ctx.newline();
        int at = st.span().start();
        int guarded = ignoreCommentAbove(ctx, st);
        if (guarded >= 0) {
            at = guarded;
        }
        if (ctx.startsLine(at)) {
            String indent = ctx.text().substring(ctx.lineStart(at), at);
            return Proposal.of(Edit.insert(at, set + nl + indent), true, "set lock_timeout before the first statement"
                    + " that takes a strong lock");
        }
        // Something precedes the statement on its line ("BEGIN; ALTER ..."): give the SET a line of its own.
        int gapStart = at;
        while (gapStart > 0 && (ctx.text().charAt(gapStart - 1) == ' ' || ctx.text().charAt(gapStart - 1) == '\t')) {
            gapStart--;
        }
        String indent = ctx.indentOf(at);
        return Proposal.of(Edit.replace(new Span(gapStart, at), nl + indent + set + nl + indent), true,
                "set lock_timeout before the first statement that takes a strong lock");
    }

    /**
     * Start of the run of comments directly above the statement that holds a statement-level migralint-ignore, so the
     * SET does not come between the directive and the statement it silences; -1 when there is none.
     */
    private static int ignoreCommentAbove(FixContext ctx, Statement st) {
        List<Token> leading = ctx.tokensIn(st.leading().start(), st.span().start());
        int start = -1;
        for (int i = leading.size() - 1; i >= 0; i--) {
            Token t = leading.get(i);
            if (!t.isTrivia()) {
                break;
            }
            String lower = t.text().toLowerCase(Locale.ROOT);
            if (lower.contains("migralint-ignore") && !lower.contains("migralint-ignore-file")) {
                start = t.start();
            } else if (start >= 0 && t.type() != TokenType.LINE_COMMENT) {
                break;
            }
        }
        if (start >= 0) {
            // Keep any comment lines between the directive and the statement with it: move to the directive's line.
            return ctx.startsLine(start) ? start : -1;
        }
        return -1;
    }
}
