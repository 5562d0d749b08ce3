package dev.migralint.sql;

import net.sf.jsqlparser.parser.CCJSqlParser;
import net.sf.jsqlparser.parser.StringProvider;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs JSqlParser on one statement. The parser is constructed directly (CCJSqlParserUtil.parse starts an executor
 * thread per call); the time bound comes from one shared watchdog thread that raises the parser's interrupt flag.
 */
public final class JsqlFrontEnd {
    /** Statements longer than this go straight to the token recognizer: migrations this long are data, not DDL. */
    public static final int MAX_LENGTH = 100_000;
    public static final long TIME_LIMIT_MS = 2_000;
    private static final int MAX_NESTING = 64;

    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "migralint-parse-watchdog");
        t.setDaemon(true);
        return t;
    });

    /** The parse result: an AST, or why there is none. */
    public record Result(net.sf.jsqlparser.statement.Statement ast, String error) {
        public boolean ok() {
            return ast != null;
        }
    }

    private JsqlFrontEnd() {
    }

    public static Result parse(String sql, Dialect dialect) {
        if (sql.length() > MAX_LENGTH) {
            return new Result(null, "statement longer than " + MAX_LENGTH + " chars");
        }
        CCJSqlParser parser = new CCJSqlParser(new StringProvider(sql))
                .withSquareBracketQuotation(dialect == Dialect.SQLITE)
                .withAllowComplexParsing(true)
                .withAllowedNestingDepth(MAX_NESTING)
                .withBackslashEscapeCharacter(dialect == Dialect.MYSQL);
        ScheduledFuture<?> alarm = WATCHDOG.schedule(() -> {
            parser.interrupted = true;
        }, TIME_LIMIT_MS, TimeUnit.MILLISECONDS);
        try {
            net.sf.jsqlparser.statement.Statement st = parser.Statement();
            if (parser.interrupted) {
                return new Result(null, "parse took longer than " + TIME_LIMIT_MS + " ms");
            }
            return new Result(st, null);
        } catch (StackOverflowError e) {
            return new Result(null, "statement nested too deeply");
        } catch (Exception | Error e) {
            if (e instanceof VirtualMachineError vme && !(e instanceof StackOverflowError)) {
                throw vme;
            }
            String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            int nl = msg.indexOf('\n');
            return new Result(null, parser.interrupted ? "parse took longer than " + TIME_LIMIT_MS + " ms"
                    : nl > 0 ? msg.substring(0, nl) : msg);
        } finally {
            alarm.cancel(false);
        }
    }
}
