package dev.migralint.cache;

import dev.migralint.rules.Finding;

import java.util.List;
import java.util.Map;

/** What the cache keeps of linting one file: its statement count and findings. {@code changedTables}/{@code droppedTables} are the file's effect on the history state. */
public record LintEntry(int statementCount, List<Finding> findings, Map<String, Map<String, String>> changedTables,
                List<String> droppedTables) {
}
