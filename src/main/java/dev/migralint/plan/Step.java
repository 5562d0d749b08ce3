package dev.migralint.plan;

import dev.migralint.sql.op.Operation;

import java.util.List;

/**
 * One operation of a migration, as the runbook shows it.
 *
 * @param line          1-based line of the operation
 * @param statement     the statement on one line, shortened
 * @param kind          the operation kind (create-index, add-column, ...)
 * @param table         the table it acts on, or null
 * @param lock          the Postgres lock mode, "none", or null when unknown
 * @param blocks        what waits while the lock is held
 * @param rewrites      the table is rewritten under the lock
 * @param scans         the table is read in full under the lock
 * @param newTable      the table was created earlier in the same file (no production rows to lock or lose)
 * @param findings      "severity rule-id" of the findings on this operation
 * @param inverse       how it is undone
 * @param lockTimeoutSet the file sets lock_timeout before this operation
 * @param operation     the parsed operation (not shown; the checklist reads it)
 * @param duration      how long it may take: observed by verify, estimated from table statistics, or unknown
 */
public record Step(int line, String statement, String kind, String table, String lock, String blocks, boolean rewrites,
                   boolean scans, boolean newTable, List<String> findings, Inverse inverse,
                   boolean lockTimeoutSet, Operation operation, Duration duration) {
    public Step {
        findings = List.copyOf(findings);
        duration = duration == null ? Duration.UNKNOWN : duration;
    }
}
