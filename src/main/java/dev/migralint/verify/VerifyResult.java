package dev.migralint.verify;

import java.util.List;

/**
 * Everything one verify run found.
 *
 * @param server    which server the migrations ran on (never a password)
 * @param startMs   how long the server took to start (0 for --database-url)
 * @param histories one per history holding a changed migration
 */
public record VerifyResult(String server, long startMs, List<HistoryOutcome> histories) {
    public List<VerifyFinding> findings() {
        return histories.stream().flatMap(h -> h.findings().stream()).toList();
    }

    public List<StatementTrace> traces() {
        return histories.stream().flatMap(h -> h.traces().stream()).toList();
    }
}
