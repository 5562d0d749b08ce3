package dev.migralint.report;

import dev.migralint.rules.RunResult;

import java.io.PrintWriter;

/** {@code --format markdown}: the {@link DeploymentSummary}, e.g. for a merge-request comment or a CI job summary. */
public record MarkdownReporter(Reporters.Options options) implements Reporter {
    @Override
    public void write(RunResult result, PrintWriter out) {
        out.print(new DeploymentSummary(result, options.toolVersion(), options.rules(), null).markdown());
        out.flush();
    }
}
