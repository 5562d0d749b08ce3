package dev.migralint.fix;

import dev.migralint.analysis.AnalyzedOperation;
import dev.migralint.sql.Dialect;
import dev.migralint.sql.Span;
import dev.migralint.sql.Statement;
import dev.migralint.sql.Token;
import dev.migralint.sql.TokenType;

import java.util.List;

/** Token-shape helpers the rewrites share: where an ALTER TABLE action starts, where a keyword clause goes. */
final class Shapes {
    private Shapes() {
    }

    /**
     * The code tokens of the operation's ALTER TABLE action. The recognizer gives each action its own span; when the
     * span is the whole statement (JSqlParser without aligned spans), the statement must hold this one action only.
     * Returns null when the action cannot be located exactly.
     */
    static List<Token> actionTokens(FixContext ctx, AnalyzedOperation ao) {
        Statement st = ao.statement().statement();
        Span span = ao.operation().span();
        if (!span.equals(st.span())) {
            List<Token> part = FixContext.codeIn(st, span);
            return part.isEmpty() ? null : part;
        }
        if (ctx.operationsOf(st).size() != 1) {
            return null;
        }
        List<Token> code = st.code();
        int i = afterAlterTableName(code);
        return i < 0 || i >= code.size() ? null : code.subList(i, code.size());
    }

    /** Index of the first token after {@code ALTER TABLE [IF EXISTS] [ONLY] name [*]}, or -1. */
    /**
     * In an ALTER TABLE action "VERB [COLUMN] name ...", the token an IF [NOT] EXISTS clause follows: COLUMN when
     * written, else the verb; null when the action's tokens cannot be located exactly.
     */
    static Token columnClauseAnchor(FixContext ctx, AnalyzedOperation ao, String verb) {
        List<Token> action = actionTokens(ctx, ao);
        if (action == null || !action.get(0).is(verb)) {
            return null;
        }
        return action.size() > 1 && action.get(1).is("COLUMN") ? action.get(1) : action.get(0);
    }

    /**
     * ADD COLUMN and DROP COLUMN take their guard ({@code IF NOT EXISTS}, {@code IF EXISTS}) after COLUMN, or after
     * the verb when COLUMN is left out; only PostgreSQL has the guard there.
     */
    static Proposal columnGuard(FixContext ctx, AnalyzedOperation ao, String verb, String guard) {
        if (ctx.dialect() != Dialect.POSTGRESQL) {
            return Proposal.unavailable(ctx.dialect() + " has no " + verb + " COLUMN " + guard);
        }
        Token anchor = columnClauseAnchor(ctx, ao, verb);
        if (anchor == null) {
            return Proposal.unavailable("the " + verb + " COLUMN action could not be located exactly");
        }
        return Proposal.of(insertAfter(anchor, guard), true, "add " + guard + " to " + verb + " COLUMN");
    }

    static int afterAlterTableName(List<Token> code) {
        if (code.size() < 3 || !code.get(0).is("ALTER") || !code.get(1).is("TABLE")) {
            return -1;
        }
        int i = 2;
        if (code.get(i).is("IF") && i + 1 < code.size() && code.get(i + 1).is("EXISTS")) {
            i += 2;
        }
        if (i < code.size() && code.get(i).is("ONLY")) {
            i++;
        }
        i = afterQualifiedName(code, i);
        if (i < 0) {
            return -1;
        }
        if (i < code.size() && "*".equals(code.get(i).text())) {
            i++;
        }
        return i;
    }

    /** Index after a possibly qualified name starting at {@code i} (a.b.c), or -1. */
    static int afterQualifiedName(List<Token> code, int i) {
        if (i >= code.size() || !code.get(i).isIdentifier()) {
            return -1;
        }
        i++;
        while (i + 1 < code.size() && code.get(i).type() == TokenType.DOT && code.get(i + 1).isIdentifier()) {
            i += 2;
        }
        return i;
    }

    /** Inserts " KEYWORDS" right after {@code anchor}, in its letter case. */
    static Edit insertAfter(Token anchor, String keywords) {
        return Edit.insert(anchor.end(), " " + Keywords.like(anchor, keywords));
    }

    /** A dollar-quote tag that does not occur in {@code body}: $$, else $migralint$, $migralint1$, ... */
    static String dollarTag(String body) {
        if (!body.contains("$$")) {
            return "$$";
        }
        for (int n = 0; ; n++) {
            String tag = "$migralint" + (n == 0 ? "" : String.valueOf(n)) + "$";
            if (!body.contains(tag)) {
                return tag;
            }
        }
    }

    /**
     * Replaces a whole statement with a DO block that runs it and ignores the given "already exists" errors: the
     * guard Postgres offers where a statement has no IF NOT EXISTS form.
     */
    static Edit guardedDoBlock(FixContext ctx, Statement st, String conditions) {
        String body = st.body(ctx.text()).stripTrailing();
        String tag = dollarTag(body);
        Token first = st.code().get(0);
        String nl = ctx.newline();
        String indent = ctx.indentOf(st.span().start());
        String inner = indent + "  ";
        String text = Keywords.like(first, "DO") + " " + tag + " " + Keywords.like(first, "BEGIN") + nl
                + inner + body + ";" + nl
                + indent + Keywords.like(first, "EXCEPTION WHEN") + " " + conditions + " "
                + Keywords.like(first, "THEN NULL") + ";" + nl
                + indent + Keywords.like(first, "END") + " " + tag + FixContext.terminatorOf(st);
        return Edit.replace(st.span(), text);
    }
}
