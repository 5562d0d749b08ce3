package dev.migralint.report;

import dev.migralint.rules.RunResult;

import java.io.PrintWriter;

/** Writes a run's results in one format. */
public interface Reporter {
    void write(RunResult result, PrintWriter out);
}
