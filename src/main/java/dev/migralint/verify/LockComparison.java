package dev.migralint.verify;

import dev.migralint.analysis.AnalyzedOperation;
import dev.migralint.analysis.Lock;
import dev.migralint.sql.ParsedStatement;
import dev.migralint.sql.op.Operation;

import java.lang.reflect.RecordComponent;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Puts the static lock model's prediction beside what the server showed. A statement is compared on the table its
 * operations name, when that table existed before the change (the model gives a table created in the same file no
 * lock, on purpose: nobody else can use it yet), the statement succeeded, and a lock on the table was observed (or
 * the statement ran in a transaction, where every lock is seen). Differences in the strongest mode on the table, or
 * in whether it was rewritten, are mismatches.
 */
final class LockComparison {
    private LockComparison() {
    }

    /**
     * The trace with the model's prediction and, where they disagree, why.
     *
     * @param existing qualified names of the relations that existed before the change file ran
     */
    static StatementTrace compare(StatementTrace t, Migration m, ParsedStatement st, Set<String> existing) {
        List<AnalyzedOperation> ops = m.operationsOf(st);
        Lock predicted = null;
        String target = null;
        for (AnalyzedOperation op : ops) {
            String table = tableOf(op.operation().operation());
            Lock l = op.lock();
            if (table == null || l == null || l.mode() == null) {
                continue;
            }
            if (predicted == null || ObservedLock.strength(l.mode()) > ObservedLock.strength(predicted.mode())
                    || (l.rewrites() && !predicted.rewrites())) {
                predicted = l;
                target = table;
            }
        }
        if (predicted == null) {
            return t;
        }
        String relation = recreated(m, st, target) ? null : resolve(target, existing);
        String mode = predicted.mode().equals("none") ? null : predicted.mode();
        StatementTrace withPrediction = new StatementTrace(t.path(), t.statementIndex(), t.line(), t.direction(),
                t.statement(), t.transaction(), t.locks(), t.held(), t.sampled(), t.rewritten(), t.scanned(), t.error(),
                t.micros(), predicted.mode(), predicted.rewrites(), relation == null ? target : relation, null);
        if (t.error() != null || relation == null) {
            return withPrediction;
        }
        String observed = t.strongestOn(relation);
        boolean rewritten = t.rewritten().contains(relation);
        StringBuilder why = new StringBuilder();
        if (observed == null && t.sampled()) {
            // Not seen by sampling: too short to catch, not evidence against the model.
        } else if (mode != null && !t.sampled() && ObservedLock.strength(observed) < ObservedLock.strength(mode)
                && ObservedLock.strength(t.heldOn(relation)) >= ObservedLock.strength(mode)) {
            // An earlier statement of the transaction already holds the table at least that strongly: the statement
            // needed nothing new (what it did take new, e.g. ACCESS SHARE while looking the table up, is weaker).
        } else if (!Objects.equals(observed, mode)
                && !(mode == null && ObservedLock.strength(observed) < ObservedLock.strength("SHARE UPDATE EXCLUSIVE"))) {
            why.append("migralint's model predicts ").append(mode == null ? "no lock" : mode).append(" on ")
                    .append(relation).append(", the server took ").append(observed == null ? "no new lock" : observed);
        }
        if (predicted.rewrites() != rewritten && !(t.sampled() && !predicted.rewrites())) {
            why.append(why.length() == 0 ? "" : "; ").append("migralint's model predicts ")
                    .append(predicted.rewrites() ? "a rewrite" : "no rewrite").append(" of ").append(relation)
                    .append(", the server ").append(rewritten ? "rewrote it (relfilenode changed)" : "did not rewrite it");
        }
        return why.length() == 0 ? withPrediction : withPrediction.withMismatch(why.toString());
    }

    /**
     * The table is new in this file although its name existed before: CREATE TABLE of a table the file dropped first
     * (DROP TABLE IF EXISTS t; CREATE TABLE t ...), or any operation on it afterwards. The model gives it no lock, as it
     * should: the relation the server locks is the new one.
     */
    private static boolean recreated(Migration m, ParsedStatement st, String table) {
        String name = unquote(table);
        for (AnalyzedOperation op : m.analyzed().operations()) {
            if (op.statement().statement().index() >= st.statement().index()) {
                break;
            }
            Operation o = op.operation().operation();
            if (o instanceof Operation.DropTable d && d.tables().stream().anyMatch(t -> unquote(t).equals(name))) {
                return true;
            }
        }
        return false;
    }

    /** The table (or, for DROP INDEX and friends, the index) an operation's lock falls on; null when none. */
    static String tableOf(Operation op) {
        for (String name : List.of("table", "name")) {
            for (RecordComponent c : op.getClass().getRecordComponents()) {
                if (c.getName().equals(name) && c.getType() == String.class) {
                    try {
                        Object v = c.getAccessor().invoke(op);
                        if (v != null) {
                            return (String) v;
                        }
                    } catch (ReflectiveOperationException e) {
                        return null;
                    }
                }
            }
        }
        return null;
    }

    /** The existing relation a name in a statement means: "public.users" for {@code users} or {@code "Users"}. */
    static String resolve(String name, Set<String> existing) {
        // The front end may hand the name over with its quotes already gone ("User" as User): try it as written
        // first, then folded to lower case as Postgres folds an unquoted name.
        for (String n : List.of(name.replace("\"", ""), unquote(name))) {
            if (existing.contains(n)) {
                return n;
            }
            if (!n.contains(".") && existing.contains("public." + n)) {
                return "public." + n;
            }
        }
        String bare = name.replace("\"", "");
        for (String e : existing) {
            if (e.endsWith("." + bare)) {
                return e;
            }
        }
        return null;
    }

    private static String unquote(String name) {
        StringBuilder out = new StringBuilder();
        for (String part : name.split("\\.(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)")) {
            String p = part.strip();
            out.append(out.length() == 0 ? "" : ".");
            if (p.startsWith("\"") && p.endsWith("\"") && p.length() >= 2) {
                out.append(p, 1, p.length() - 1);
            } else {
                out.append(p.toLowerCase(Locale.ROOT));
            }
        }
        return out.toString();
    }
}
