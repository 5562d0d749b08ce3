package dev.migralint.report;

import dev.migralint.rules.FileResult;
import dev.migralint.rules.RunResult;

import java.io.PrintWriter;

/**
 * A report that prints each file's part on its own, then an end computed from the run's totals: the result cache
 * keeps each file's part and prints it again without the file.
 */
public interface FileByFileReporter extends Reporter {
    void writeFile(FileResult file, PrintWriter out);

    /** What follows the files. {@code result} is null when {@link #endNeedsResult()} is false: the totals say it all. */
    void writeEnd(RunResult result, RunTotals totals, PrintWriter out);

    /** Whether the end needs every finding (a summary listing them), not only the totals. */
    default boolean endNeedsResult() {
        return false;
    }

    @Override
    default void write(RunResult result, PrintWriter out) {
        for (FileResult file : result.files()) {
            writeFile(file, out);
        }
        writeEnd(result, RunTotals.of(result), out);
    }
}
