package dev.migralint.fix;

import dev.migralint.rules.Finding;
import dev.migralint.sql.Statement;
import dev.migralint.sql.Token;

import java.util.Locale;

/**
 * {@code comment-out} (unsafe): turns a destructive statement into line comments under a marker line that says why and
 * how to restore it. Not offered in down migrations, whose purpose is to undo, nor for a statement that does more
 * than the destructive action.
 */
public final class CommentOutRewrite extends Rewrite {
    public static final String MARKER = "-- migralint: commented out by migralint fix";

    public CommentOutRewrite() {
        super("comment-out", 0);
    }

    @Override
    public Proposal propose(FixContext ctx, Finding f) {
        Statement st = ctx.statement(f);
        if (ctx.operationsOf(st).size() != 1) {
            return Proposal.unavailable("the statement does more than this one action; split it first so that only"
                    + " the destructive part is commented out");
        }
        if (isDownMigration(ctx, st)) {
            return Proposal.unavailable("this is a down migration, whose purpose is to undo the up migration;"
                    + " it is left as it is");
        }
        String needed = LaterDependents.ofRemoval(ctx, ctx.operation(f));
        if (needed != null) {
            return Proposal.unavailable("a later statement depends on what this one removes: " + needed
                    + "; change the migration by hand");
        }
        String text = ctx.text();
        String nl = ctx.newline();
        int start = st.span().start();
        int end = st.span().end();
        String indent = ctx.indentOf(start);
        StringBuilder b = new StringBuilder();
        boolean oneLine = ctx.lineEnd(start) >= end;
        b.append(MARKER).append(" (").append(f.ruleId()).append("; see 'migralint explain ").append(f.ruleId())
                .append("'). To restore it, remove the \"-- \" in front of the ").append(oneLine ? "line" : "lines")
                .append(" below.").append(nl).append(indent);
        int i = start;
        int lineBegin = start;
        while (i <= end) {
            boolean atEnd = i == end;
            char c = atEnd ? 0 : text.charAt(i);
            if (atEnd || c == '\n' || c == '\r') {
                b.append("-- ").append(text, lineBegin, i);
                if (atEnd) {
                    break;
                }
                int breakEnd = c == '\r' && i + 1 < end && text.charAt(i + 1) == '\n' ? i + 2 : i + 1;
                b.append(text, i, breakEnd);
                i = breakEnd;
                lineBegin = i;
                continue;
            }
            i++;
        }
        // Code after the statement on its last line must not end up inside the comment.
        if (!ctx.onlyLineCommentsUntilLineEnd(end)) {
            b.append(nl).append(indent);
        }
        return Proposal.of(Edit.replace(st.span(), b.toString()), false,
                "comment out the statement under a marker saying how to restore it").removing(st.index());
    }

    /** down.sql, *.down.sql, or the -- migrate:down section of a dbmate file. */
    static boolean isDownMigration(FixContext ctx, Statement st) {
        String path = ctx.file().parsed().source().displayPath().toLowerCase(Locale.ROOT);
        String name = path.substring(path.lastIndexOf('/') + 1);
        if (name.equals("down.sql") || name.endsWith(".down.sql") || name.endsWith("_down.sql")) {
            return true;
        }
        int down = ctx.index().downMarker;
        return down >= 0 && down < st.span().start();
    }
}
