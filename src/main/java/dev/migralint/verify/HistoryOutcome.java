package dev.migralint.verify;

import java.util.List;
import java.util.Map;

/**
 * One migration history verified in a database of its own.
 *
 * @param history     the history's directory
 * @param runner      the runner whose semantics were replayed
 * @param baseFiles   how many migrations were replayed before the change
 * @param baseFailure null when the base history applied, else where and why it failed (the change was then skipped)
 * @param changeFiles the changed migrations, in runner order
 * @param traces      every statement of the change, and of its down migrations during the rollback check
 * @param rollbacks   one per changed migration
 * @param findings    what the server showed
 * @param timings     milliseconds per phase: replay, change, rollback
 */
public record HistoryOutcome(String history, String runner, int baseFiles, String baseFailure, List<String> changeFiles,
                             List<StatementTrace> traces, List<RollbackOutcome> rollbacks, List<VerifyFinding> findings,
                             Map<String, Long> timings) {
}
