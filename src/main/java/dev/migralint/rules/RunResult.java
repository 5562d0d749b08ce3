package dev.migralint.rules;

import dev.migralint.config.Severity;

import java.util.List;

/** A whole run: every file's result, the threshold that decides the verdict, and how long it took. */
public record RunResult(List<FileResult> files, Severity failOn, long elapsedMillis) {

    public List<Finding> findings() {
        return files.stream().flatMap(f -> f.findings().stream()).toList();
    }

    public long count(Severity s) {
        return findings().stream().filter(f -> !f.suppressed() && f.severity() == s).count();
    }

    public long filesWith(Severity threshold) {
        return files.stream().filter(f -> f.findings().stream()
                .anyMatch(x -> !x.suppressed() && x.severity().atLeast(threshold))).count();
    }

    /** Safe to deploy: nothing unsuppressed at or above the fail-on threshold. */
    public boolean safe() {
        return findings().stream().noneMatch(f -> !f.suppressed() && f.severity().atLeast(failOn));
    }

    public int statementCount() {
        return files.stream().mapToInt(FileResult::statementCount).sum();
    }
}
