package dev.migralint.verify;

import dev.migralint.sql.ParsedStatement;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One database session that applies migrations the way their runner does ({@link Migration.Sending}), and, when
 * asked, traces each statement: the locks its backend holds (read from {@code pg_locks} in the same session before
 * the transaction ends), relfilenodes and sequential scans before and after, the server's error, the duration.
 * Statements that run outside a transaction release their locks before they return; their locks are sampled from a
 * second session while they run ({@link LockSampler}).
 */
final class ServerSession implements AutoCloseable {
    private static final String RELATIONS = "SELECT c.oid::bigint, n.nspname, c.relname, c.relkind::text, c.relfilenode::bigint,"
            + " coalesce(s.seq_scan, 0) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
            + " LEFT JOIN pg_stat_xact_user_tables s ON s.relid = c.oid"
            + " WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_toast%'"
            + " AND n.nspname NOT LIKE 'pg\\_temp%' AND c.relkind IN ('r', 'p', 'm', 'i', 'I', 'S', 'v', 'f')";
    private static final String OWN_LOCKS = "SELECT relation::bigint, mode FROM pg_locks WHERE pid = pg_backend_pid()"
            + " AND locktype = 'relation' AND granted";

    private final Connection conn;
    private final Endpoint endpoint;
    private final int timeoutSeconds;
    private final int pid;

    /** A relation's state at one moment. */
    record Relation(String name, String kind, long filenode, long seqScans) {
    }

    /** What applying a file gave: the traces (when tracing) and the first failure, or null. */
    record Applied(List<StatementTrace> traces, String failure, int failureLine) {
    }

    ServerSession(Endpoint endpoint, int timeoutSeconds) throws SQLException {
        this.endpoint = endpoint;
        this.timeoutSeconds = timeoutSeconds;
        this.conn = endpoint.connect(15);
        try (Statement s = conn.createStatement()) {
            // Bounds a statement that waits for a lock or runs away; a file that sets its own timeout overrides it,
            // and the driver's query timeout (a cancel request) backs it up.
            s.execute("SET statement_timeout = '" + timeoutSeconds + "s'");
            s.execute("SET lock_timeout = '" + timeoutSeconds + "s'");
            s.execute("SET client_min_messages = warning");
            try (ResultSet rs = s.executeQuery("SELECT pg_backend_pid()")) {
                rs.next();
                pid = rs.getInt(1);
            }
        }
    }

    Connection connection() {
        return conn;
    }

    @Override
    public void close() {
        try {
            conn.close();
        } catch (SQLException e) {
            // the server may be gone already
        }
    }

    /** Applies one direction of a migration; with {@code trace}, records every statement. Stops at the first error. */
    Applied apply(Migration m, String direction, boolean trace) {
        List<StatementTrace> traces = new ArrayList<>();
        for (Migration.Unit u : m.units(direction)) {
            String failure;
            if (u.sending() == Migration.Sending.ONE_QUERY && !trace) {
                failure = oneQuery(m, u);
            } else {
                failure = statements(m, u, direction, trace, traces);
            }
            if (failure != null) {
                int line = failureLine;
                return new Applied(traces, failure, line);
            }
        }
        return new Applied(traces, null, 0);
    }

    private int failureLine;

    /** The unit's text as one query string, as Prisma and golang-migrate send a file. */
    private String oneQuery(Migration m, Migration.Unit u) {
        String text = m.text().substring(u.unit().start(), u.unit().end());
        try (Statement s = statement()) {
            s.execute(text);
            return null;
        } catch (SQLException e) {
            int at = u.statements().get(0).statement().span().start();
            if (e instanceof PSQLException p && p.getServerErrorMessage() != null && p.getServerErrorMessage().getPosition() > 0) {
                int offset = u.unit().start() + p.getServerErrorMessage().getPosition() - 1;
                for (ParsedStatement st : u.statements()) {
                    if (st.statement().span().start() <= offset) {
                        at = st.statement().span().start();
                    }
                }
            }
            failureLine = m.line(at);
            return m.path() + ":" + failureLine + ": " + errorText(e);
        }
    }

    private String statements(Migration m, Migration.Unit u, String direction, boolean trace, List<StatementTrace> out) {
        // One query string is one implicit transaction only when it holds more than one statement.
        boolean tx = u.sending() == Migration.Sending.TRANSACTION
                || (u.sending() == Migration.Sending.ONE_QUERY && u.statements().size() > 1);
        String how = switch (u.sending()) {
            case TRANSACTION -> "transaction";
            case ONE_QUERY -> tx ? "implicit transaction (one query string)" : "no transaction (one query string)";
            case STATEMENTS -> "no transaction";
        };
        try {
            if (tx) {
                run("BEGIN");
            }
            for (ParsedStatement st : u.statements()) {
                String sql = st.statement().body(m.text());
                boolean alone = tx && m.model().runsAlone(st) != null;
                if (alone) {
                    run("COMMIT");
                }
                String error = null;
                long micros;
                if (!trace) {
                    long t0 = System.nanoTime();
                    error = execute(sql);
                    micros = (System.nanoTime() - t0) / 1000;
                    if (error != null) {
                        failureLine = m.line(st.statement().span().start());
                        rollbackQuietly(tx && !alone);
                        return m.path() + ":" + failureLine + ": " + errorText(error);
                    }
                } else {
                    boolean inTx = tx && !alone;
                    Map<Long, Relation> before = relations();
                    Set<List<Object>> locksBefore = inTx ? ownLocks() : Set.of();
                    LockSampler sampler = inTx ? null : LockSampler.start(endpoint, pid);
                    long t0 = System.nanoTime();
                    error = execute(sql);
                    micros = (System.nanoTime() - t0) / 1000;
                    Set<List<Object>> locksAfter;
                    if (inTx) {
                        locksAfter = error == null ? ownLocks() : Set.of();
                    } else {
                        locksAfter = sampler.stop();
                    }
                    if (error != null && inTx) {
                        rollbackQuietly(true);
                    }
                    Map<Long, Relation> after = relations();
                    List<ObservedLock> locks = new ArrayList<>();
                    List<ObservedLock> held = new ArrayList<>();
                    for (List<Object> l : inTx ? locksAfter : Set.<List<Object>>of()) {
                        Relation r = before.getOrDefault((Long) l.get(0), after.get((Long) l.get(0)));
                        if (r != null) {
                            held.add(new ObservedLock(r.name(), ObservedLock.modeOf((String) l.get(1))));
                        }
                    }
                    for (List<Object> l : locksAfter) {
                        if (!locksBefore.contains(l)) {
                            Relation r = before.getOrDefault((Long) l.get(0), after.get((Long) l.get(0)));
                            if (r != null) {
                                locks.add(new ObservedLock(r.name(), ObservedLock.modeOf((String) l.get(1))));
                            }
                        }
                    }
                    locks.sort(Comparator.comparing(ObservedLock::relation)
                            .thenComparing(l -> -ObservedLock.strength(l.mode())));
                    List<String> rewritten = new ArrayList<>();
                    List<String> scanned = new ArrayList<>();
                    for (Map.Entry<Long, Relation> e : before.entrySet()) {
                        Relation a = after.get(e.getKey());
                        Relation b = e.getValue();
                        if (a == null || !(b.kind().equals("r") || b.kind().equals("m"))) {
                            continue;
                        }
                        if (a.filenode() != b.filenode()) {
                            rewritten.add(b.name());
                        }
                        if (inTx && a.seqScans() > b.seqScans()) {
                            scanned.add(b.name());
                        }
                    }
                    out.add(new StatementTrace(m.path(), st.statement().index(), m.line(st.statement().span().start()),
                            direction, oneLine(sql), alone ? "no transaction (the runner runs it alone)" : how, locks, held,
                            !inTx, rewritten, scanned, error == null ? null : errorText(error), micros, null, false,
                            null, null));
                    if (error != null) {
                        failureLine = m.line(st.statement().span().start());
                        return m.path() + ":" + failureLine + ": " + errorText(error);
                    }
                }
                if (alone) {
                    run("BEGIN");
                }
            }
            if (tx) {
                run("COMMIT");
            }
            return null;
        } catch (SQLException e) {
            // BEGIN or COMMIT failed (a deferred constraint, a lost connection): the unit did not apply.
            failureLine = m.line(u.statements().get(u.statements().size() - 1).statement().span().start());
            rollbackQuietly(tx);
            return m.path() + ":" + failureLine + ": " + errorText(e);
        }
    }

    /** Runs a statement; the server's error (as "ERROR: ...") or null. */
    private String execute(String sql) {
        try (Statement s = statement()) {
            s.execute(sql);
            return null;
        } catch (SQLException e) {
            return errorText(e);
        }
    }

    private Statement statement() throws SQLException {
        Statement s = conn.createStatement();
        s.setEscapeProcessing(false);
        s.setQueryTimeout(timeoutSeconds + 5);
        return s;
    }

    void run(String sql) throws SQLException {
        try (Statement s = statement()) {
            s.execute(sql);
        }
    }

    private void rollbackQuietly(boolean inTx) {
        if (!inTx) {
            return;
        }
        try (Statement s = conn.createStatement()) {
            s.execute("ROLLBACK");
        } catch (SQLException e) {
            // nothing to roll back
        }
    }

    Map<Long, Relation> relations() throws SQLException {
        Map<Long, Relation> out = new HashMap<>();
        try (Statement s = conn.createStatement(); ResultSet rs = s.executeQuery(RELATIONS)) {
            while (rs.next()) {
                out.put(rs.getLong(1), new Relation(rs.getString(2) + "." + rs.getString(3), rs.getString(4),
                        rs.getLong(5), rs.getLong(6)));
            }
        }
        return out;
    }

    private Set<List<Object>> ownLocks() throws SQLException {
        Set<List<Object>> out = new LinkedHashSet<>();
        try (Statement s = conn.createStatement(); ResultSet rs = s.executeQuery(OWN_LOCKS)) {
            while (rs.next()) {
                out.add(List.of(rs.getLong(1), rs.getString(2)));
            }
        }
        return out;
    }

    static String errorText(String already) {
        return already;
    }

    /** "ERROR: message (SQLSTATE 55000)", or the driver's message when the server sent none. */
    static String errorText(SQLException e) {
        if (e instanceof PSQLException p) {
            ServerErrorMessage m = p.getServerErrorMessage();
            if (m != null) {
                return (m.getSeverity() == null ? "ERROR" : m.getSeverity()) + ": " + m.getMessage()
                        + (m.getSQLState() == null ? "" : " (SQLSTATE " + m.getSQLState() + ")");
            }
        }
        String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return msg.lines().findFirst().orElse(msg);
    }

    static String oneLine(String sql) {
        String s = sql.replaceAll("\\s+", " ").strip();
        return s.length() > 120 ? s.substring(0, 117) + "..." : s;
    }
}
