package dev.migralint.verify;

import java.util.List;

/**
 * What one statement of the change did on the server.
 *
 * @param path           the migration file (display path)
 * @param statementIndex the statement's 0-based position in its file (findings carry the same)
 * @param line           its first line
 * @param direction      {@code up}, or {@code down} during the rollback check
 * @param statement      its text, shortened to one line
 * @param transaction    how it ran: "transaction", "implicit transaction (one query string)" or "no transaction"
 * @param locks          the locks it took on the user's relations (new ones only, in a transaction)
 * @param held           every lock the transaction holds after the statement (earlier statements' too); empty outside
 *                       a transaction
 * @param sampled        the locks were read by polling from a second session while the statement ran (it ran outside
 *                       a transaction, so its locks were gone when it returned): short-lived locks may be missing
 * @param rewritten      tables whose relfilenode changed: rewritten
 * @param scanned        tables it read sequentially (pg_stat_xact_user_tables), in a transaction only
 * @param error          the server's error, or null
 * @param micros         how long the statement took
 * @param predicted      the lock migralint's static model predicted on the statement's table, or null
 * @param predictedRewrite the static model predicted a rewrite
 * @param target         the table the prediction is about, or null
 * @param mismatch       why the observation disagrees with the model, or null
 */
public record StatementTrace(String path, int statementIndex, int line, String direction, String statement,
                             String transaction, List<ObservedLock> locks, List<ObservedLock> held, boolean sampled, List<String> rewritten,
                             List<String> scanned, String error, long micros, String predicted,
                             boolean predictedRewrite, String target, String mismatch) {
    public StatementTrace {
        locks = List.copyOf(locks);
        held = List.copyOf(held);
        rewritten = List.copyOf(rewritten);
        scanned = List.copyOf(scanned);
    }

    public StatementTrace withMismatch(String why) {
        return new StatementTrace(path, statementIndex, line, direction, statement, transaction, locks, held, sampled,
                rewritten, scanned, error, micros, predicted, predictedRewrite, target, why);
    }

    /** The strongest mode observed on a relation, or null. */
    public String strongestOn(String relation) {
        return strongest(locks, relation);
    }

    /** The strongest mode the transaction holds on a relation after the statement, or null. */
    public String heldOn(String relation) {
        return strongest(held, relation);
    }

    private static String strongest(List<ObservedLock> locks, String relation) {
        String best = null;
        for (ObservedLock l : locks) {
            if (l.relation().equals(relation) && ObservedLock.strength(l.mode()) > ObservedLock.strength(best)) {
                best = l.mode();
            }
        }
        return best;
    }

    /** The strongest mode observed on any relation, or null. */
    public String strongest() {
        String best = null;
        for (ObservedLock l : locks) {
            if (ObservedLock.strength(l.mode()) > ObservedLock.strength(best)) {
                best = l.mode();
            }
        }
        return best;
    }
}
