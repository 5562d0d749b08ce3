package dev.migralint.report;

import dev.migralint.rules.RunResult;

import java.io.PrintWriter;

/** {@code --format markdown}: the {@link DeploymentSummary}, e.g. for a merge-request comment or a CI job summary. */
public final class MarkdownReporter implements Reporter {
    private final Reporters.Options options;

    public MarkdownReporter(Reporters.Options options) {
        this.options = options;
    }

    @Override
    public void write(RunResult result, PrintWriter out) {
        out.print(new DeploymentSummary(result, options.toolVersion(), options.rules(), null).markdown());
        out.flush();
    }
}
