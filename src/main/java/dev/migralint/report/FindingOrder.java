package dev.migralint.report;

import dev.migralint.rules.FileResult;
import dev.migralint.rules.Finding;

import java.util.Comparator;
import java.util.List;

/** The order reports list a file's findings in: by line, then column. */
final class FindingOrder {
    static final Comparator<Finding> BY_POSITION = Comparator.comparingInt(Finding::line)
            .thenComparingInt(Finding::column);

    private FindingOrder() {
    }

    /** The file's findings that no ignore comment or baseline silenced, in {@link #BY_POSITION} order. */
    static List<Finding> unsuppressed(FileResult file) {
        return file.findings().stream().filter(f -> !f.suppressed()).sorted(BY_POSITION).toList();
    }
}
