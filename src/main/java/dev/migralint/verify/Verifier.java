package dev.migralint.verify;

import dev.migralint.sql.ParsedStatement;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs a {@link VerifyPlan} on a real server: each history in a database of its own (the user's one with
 * --database-url), its base history replayed as the runner applies it, then each changed migration traced statement
 * by statement and, where it has a down migration, rolled back and compared, then applied again.
 */
public final class Verifier {
    /** How a run is bounded and what it adds. */
    public record Options(int timeoutSeconds, int rows) {
    }

    /** Where the histories run: a fresh database each on a throwaway server, or the one database the user gave. */
    public interface Target {
        /** A database for the n-th history (0-based). */
        Endpoint database(int n) throws VerifyException;

        /** A pg_dump that can dump this server, or null. */
        Path pgDump();

        String describe();
    }

    private final Target target;
    private final Options options;

    public Verifier(Target target, Options options) {
        this.target = target;
        this.options = options;
    }

    public VerifyResult run(VerifyPlan plan, long startMs) throws VerifyException {
        List<HistoryOutcome> out = new ArrayList<>();
        int n = 0;
        for (VerifyPlan.History h : plan.histories()) {
            Endpoint db = target.database(n++);
            out.add(history(h, db));
        }
        return new VerifyResult(target.describe(), startMs, out);
    }

    private HistoryOutcome history(VerifyPlan.History h, Endpoint db) throws VerifyException {
        List<StatementTrace> traces = new ArrayList<>();
        List<RollbackOutcome> rollbacks = new ArrayList<>();
        List<VerifyFinding> findings = new ArrayList<>();
        Map<String, Long> timings = new LinkedHashMap<>();
        List<String> changeFiles = h.change().stream().map(Migration::path).toList();
        try (ServerSession session = new ServerSession(db, options.timeoutSeconds())) {
            long t0 = System.nanoTime();
            for (Migration m : h.base()) {
                ServerSession.Applied a = session.apply(m, "up", false);
                if (a.failure() != null) {
                    timings.put("replay", ms(t0));
                    String why = "the base history does not apply: " + a.failure();
                    findings.add(new VerifyFinding(VerifyFinding.BASE_FAILS, "notice", m.path(), a.failureLine(),
                            why + "; the change was not verified"));
                    for (Migration c : h.change()) {
                        rollbacks.add(new RollbackOutcome(c.path(), h.downOf(c), "skipped", why));
                    }
                    return new HistoryOutcome(h.key(), h.runner().describe(), h.base().size(), a.failure(), changeFiles,
                            traces, rollbacks, findings, timings);
                }
            }
            timings.put("replay", ms(t0));
            if (options.rows() > 0) {
                RowFiller.fill(session.connection(), touched(h, session), options.rows(), findings);
            }
            long change = 0;
            long rollback = 0;
            String stopped = null;
            SchemaDump dump = new SchemaDump(target.pgDump(), db);
            for (Migration m : h.change()) {
                if (stopped != null) {
                    rollbacks.add(new RollbackOutcome(m.path(), h.downOf(m), "skipped", stopped));
                    continue;
                }
                Migration downFile = h.downFile(m);
                long r0 = System.nanoTime();
                List<String> before = downFile != null ? dump.dump(session.connection()) : null;
                rollback += System.nanoTime() - r0;
                Set<String> existing = names(session);
                long c0 = System.nanoTime();
                ServerSession.Applied up = session.apply(m, "up", true);
                change += System.nanoTime() - c0;
                compare(m, up.traces(), existing, traces, findings);
                if (up.failure() != null) {
                    findings.add(new VerifyFinding(VerifyFinding.FAILS, "error", m.path(), up.failureLine(),
                            "fails on PostgreSQL as " + h.runner().descriptor().name() + " runs it ("
                                    + sentAs(up.traces()) + "): " + explain(stripLocation(up.failure()))));
                    stopped = "the change failed before it: " + up.failure();
                    rollbacks.add(new RollbackOutcome(m.path(), h.downOf(m), "skipped", "the up migration failed"));
                    continue;
                }
                if (downFile == null) {
                    rollbacks.add(new RollbackOutcome(m.path(), null, "no-down", "no down migration"));
                    continue;
                }
                r0 = System.nanoTime();
                rollbacks.add(rollback(h, m, downFile, session, dump, before, traces, findings));
                rollback += System.nanoTime() - r0;
            }
            timings.put("change", change / 1_000_000);
            timings.put("rollback", rollback / 1_000_000);
        } catch (SQLException e) {
            throw new VerifyException("lost the database " + db.description() + ": " + ServerSession.errorText(e));
        }
        return new HistoryOutcome(h.key(), h.runner().describe(), h.base().size(), null, changeFiles, traces,
                rollbacks, findings, timings);
    }

    private RollbackOutcome rollback(VerifyPlan.History h, Migration up, Migration downFile, ServerSession session,
                                     SchemaDump dump, List<String> before, List<StatementTrace> traces,
                                     List<VerifyFinding> findings) throws SQLException, VerifyException {
        String down = h.downOf(up);
        ServerSession.Applied d = session.apply(downFile, "down", true);
        traces.addAll(d.traces());
        if (d.failure() != null) {
            findings.add(new VerifyFinding(VerifyFinding.ROLLBACK_FAILS, "error", downFile.path(), d.failureLine(),
                    "the down migration of " + up.path() + " fails: " + explain(d.failure())));
            return new RollbackOutcome(up.path(), down, "fails", d.failure());
        }
        List<String> after = dump.dump(session.connection());
        String diff = SchemaDump.difference(before, after);
        ServerSession.Applied again = session.apply(up, "up", false);
        if (diff != null) {
            findings.add(new VerifyFinding(VerifyFinding.NOT_RESTORED, "error", downFile.path(), firstLine(downFile),
                    "the down migration does not restore the schema " + up.path() + " started from (" + dump.method()
                            + "): " + diff));
            return new RollbackOutcome(up.path(), down, "differs", diff);
        }
        if (again.failure() != null) {
            String why = "after the down migration, the up migration does not apply again: " + again.failure();
            findings.add(new VerifyFinding(VerifyFinding.NOT_RESTORED, "error", downFile.path(), firstLine(downFile), why));
            return new RollbackOutcome(up.path(), down, "differs", why);
        }
        return new RollbackOutcome(up.path(), down, "restored", "schema identical before up and after down ("
                + dump.method() + ")");
    }

    private static int firstLine(Migration m) {
        List<Migration.Unit> units = m.units("down");
        return units.isEmpty() ? 1 : m.line(units.get(0).statements().get(0).statement().span().start());
    }

    private void compare(Migration m, List<StatementTrace> raw, Set<String> existing, List<StatementTrace> traces,
                         List<VerifyFinding> findings) {
        for (StatementTrace t : raw) {
            ParsedStatement st = m.analyzed().parsed().statements().get(t.statementIndex());
            StatementTrace c = LockComparison.compare(t, m, st, existing);
            traces.add(c);
            if (c.mismatch() != null) {
                findings.add(new VerifyFinding(VerifyFinding.MISMATCH, "warning", m.path(), c.line(), c.mismatch()
                        + ": the static analysis is wrong here (a bug in migralint's lock model; please report it)"));
            }
        }
    }

    private static String sentAs(List<StatementTrace> traces) {
        return traces.isEmpty() ? "as one query string" : traces.get(traces.size() - 1).transaction();
    }

    /** "path:line: ERROR ..." without the location a finding already carries. */
    private static String stripLocation(String failure) {
        return failure.replaceFirst("^[^\\n]*?:\\d+: ", "");
    }

    private String explain(String failure) {
        if (failure.contains("SQLSTATE 57014")) {
            return failure + " — it did not finish within " + options.timeoutSeconds()
                    + " s (statement_timeout): it waited for a lock or ran too long";
        }
        if (failure.contains("SQLSTATE 55P03")) {
            return failure + " — it waited longer than " + options.timeoutSeconds() + " s for a lock (lock_timeout)";
        }
        return failure;
    }

    private static Set<String> names(ServerSession session) throws SQLException {
        Set<String> out = new HashSet<>();
        for (ServerSession.Relation r : session.relations().values()) {
            out.add(r.name());
        }
        return out;
    }

    /** The existing tables the change's operations name. */
    private static Set<String> touched(VerifyPlan.History h, ServerSession session) throws SQLException {
        Set<String> existing = names(session);
        Set<String> out = new LinkedHashSet<>();
        for (Migration m : h.change()) {
            for (var op : m.analyzed().operations()) {
                String t = LockComparison.tableOf(op.operation().operation());
                String r = t == null ? null : LockComparison.resolve(t, existing);
                if (r != null) {
                    out.add(r);
                }
            }
        }
        Map<Long, ServerSession.Relation> rels = session.relations();
        out.removeIf(name -> rels.values().stream().noneMatch(r -> r.name().equals(name) && r.kind().equals("r")));
        return out;
    }

    private static long ms(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }

    /** Tables in a database: to refuse a user's database that is not empty. */
    public static int tableCount(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_class c"
                + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('r', 'p')"
                + " AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_toast%'")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
