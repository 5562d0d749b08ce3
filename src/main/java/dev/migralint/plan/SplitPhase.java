package dev.migralint.plan;

import java.util.List;

/**
 * One migration of an expand/contract sequence.
 *
 * @param slug         a word for the file name: expand, backfill, validate, contract, ...
 * @param title        what the migration does, for its header
 * @param deployFirst  what must be deployed (or done) before this migration runs; null when it follows the previous
 *                     one in the same release
 * @param statements   the SQL, each statement without its terminator
 * @param concurrent   must run outside a transaction (CONCURRENTLY): alone in a file the runner does not wrap
 * @param backfill     a batched backfill: outside a transaction it commits each batch; where the runner wraps every
 *                     file, {@code wrapped} is written instead
 * @param wrapped      what to write when the runner cannot run this phase outside a transaction, or null
 * @param wrappedNote  the header line that says so
 */
record SplitPhase(String slug, String title, String deployFirst, List<String> statements, boolean concurrent,
                  boolean backfill, List<String> wrapped, String wrappedNote) {
    SplitPhase {
        statements = List.copyOf(statements);
        wrapped = wrapped == null ? null : List.copyOf(wrapped);
    }

    static SplitPhase inTransaction(String slug, String title, String deployFirst, List<String> statements) {
        return new SplitPhase(slug, title, deployFirst, statements, false, false, null, null);
    }

    boolean outsideTransaction() {
        return concurrent || backfill;
    }
}
