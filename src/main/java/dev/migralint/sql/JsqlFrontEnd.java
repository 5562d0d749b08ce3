package dev.migralint.sql;

import net.sf.jsqlparser.parser.CCJSqlParser;
import net.sf.jsqlparser.parser.StringProvider;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Runs JSqlParser on one statement. The parser is constructed directly (CCJSqlParserUtil.parse starts an executor
 * thread per call). The time bound comes from one shared daemon watchdog thread that looks at the parses in flight a
 * few times a second and raises the parser's interrupt flag of any that ran over: no thread and no scheduled task per
 * statement (a scheduled task per parse, cancelled a few hundred microseconds later, cost more than many parses).
 */
public final class JsqlFrontEnd {
    /** Statements longer than this go straight to the token recognizer: migrations this long are data, not DDL. */
    public static final int MAX_LENGTH = 100_000;
    public static final long TIME_LIMIT_MS = 2_000;
    /** Deeper expressions are refused by JSqlParser itself (withAllowedNestingDepth) instead of overflowing the stack. */
    public static final int MAX_NESTING = 64;
    private static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    /** One parse in flight on one thread; the watchdog reads it. */
    private static final class Slot {
        volatile CCJSqlParser parser;
        volatile long deadline;
    }

    private static final Queue<Slot> SLOTS = new ConcurrentLinkedQueue<>();
    private static final ThreadLocal<Slot> SLOT = ThreadLocal.withInitial(() -> {
        Slot s = new Slot();
        SLOTS.add(s);
        Watchdog.start();
        return s;
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
        Slot slot = SLOT.get();
        slot.deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(TIME_LIMIT_MS);
        slot.parser = parser;
        try {
            net.sf.jsqlparser.statement.Statement st = parser.Statement();
            if (parser.interrupted) {
                return new Result(null, "parse took longer than " + TIME_LIMIT_MS + " ms");
            }
            return new Result(st, null);
        } catch (StackOverflowError e) {
            return new Result(null, "statement nested too deeply");
        } catch (Exception | Error e) {
            if (e instanceof VirtualMachineError vme) {
                throw vme;
            }
            String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            int nl = msg.indexOf('\n');
            return new Result(null, parser.interrupted ? "parse took longer than " + TIME_LIMIT_MS + " ms"
                    : nl > 0 ? msg.substring(0, nl) : msg);
        } finally {
            slot.parser = null;
        }
    }

    /** The daemon thread that enforces {@link #TIME_LIMIT_MS}; started with the first parse. */
    private static final class Watchdog {
        static {
            Thread t = new Thread(Watchdog::loop, "migralint-parse-watchdog");
            t.setDaemon(true);
            t.start();
        }

        static void start() {
            // Class initialisation starts the thread exactly once.
        }

        private static void loop() {
            while (true) {
                LockSupport.parkNanos(TICK_NANOS);
                long now = System.nanoTime();
                for (Slot s : SLOTS) {
                    CCJSqlParser p = s.parser;
                    if (p != null && now - s.deadline > 0) {
                        p.interrupted = true;
                    }
                }
            }
        }
    }
}
