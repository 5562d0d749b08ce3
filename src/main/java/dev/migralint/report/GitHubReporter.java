package dev.migralint.report;

import dev.migralint.config.Printable;

import dev.migralint.rules.FileResult;
import dev.migralint.rules.Finding;
import dev.migralint.rules.RunResult;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * {@code --format github}: one workflow command per finding, which GitHub shows as an annotation on the pull
 * request's diff, then the verdict. When {@code GITHUB_STEP_SUMMARY} is set, the {@link DeploymentSummary} is appended
 * to that file, followed by the deployment runbook when the command passed one in ({@link Reporters.Options#runbook}). Paths are made relative to {@code GITHUB_WORKSPACE}.
 */
public record GitHubReporter(Reporters.Options options) implements FileByFileReporter {
    public static final String SUMMARY_VARIABLE = "GITHUB_STEP_SUMMARY";
    public static final String WORKSPACE_VARIABLE = "GITHUB_WORKSPACE";

    @Override
    public void writeFile(FileResult file, PrintWriter out) {
        List<Finding> findings = file.findings().stream()
                .filter(f -> options.showSuppressed() || !f.suppressed())
                .sorted(FindingOrder.BY_POSITION)
                .toList();
        for (Finding f : findings) {
            out.println(command(f));
        }
    }

    @Override
    public boolean endNeedsResult() {
        String summary = options.env().get(SUMMARY_VARIABLE);
        return summary != null && !summary.isBlank();
    }

    @Override
    public void writeEnd(RunResult result, RunTotals totals, PrintWriter out) {
        out.println(verdict(totals));
        String summary = options.env().get(SUMMARY_VARIABLE);
        if (summary != null && !summary.isBlank()) {
            try {
                appendSummary(Path.of(summary), result);
            } catch (IOException | InvalidPathException e) {
                out.println("::warning title=migralint::" + WorkflowCommands.escapeData(
                        "could not write the step summary (" + SUMMARY_VARIABLE + "): " + Printable.of(e.getMessage())));
            }
        }
        out.flush();
    }

    /** The workflow command for one finding. */
    String command(Finding f) {
        String kind = switch (f.severity()) {
            case ERROR -> "error";
            case WARNING -> "warning";
            case NOTICE -> "notice";
        };
        if (f.suppressed()) {
            kind = "notice";
        }
        StringBuilder props = new StringBuilder();
        props.append("file=").append(WorkflowCommands.escapeProperty(Printable.of(path(f.path()))));
        props.append(",line=").append(Math.max(1, f.line()));
        boolean hasRange = f.span() != null && f.span().length() > 0;
        if (hasRange) {
            props.append(",endLine=").append(Math.max(f.line(), f.endLine()));
            props.append(",col=").append(Math.max(1, f.column()));
            props.append(",endColumn=").append(Math.max(1, f.endColumn()));
        }
        props.append(",title=").append(WorkflowCommands.escapeProperty(
                "migralint " + f.ruleId() + (f.down() ? " (down migration)" : "") + (f.suppressed() ? " (ignored)" : "")));
        return "::" + kind + " " + props + "::" + WorkflowCommands.escapeData(message(f));
    }

    private static String message(Finding f) {
        StringBuilder m = new StringBuilder(f.message());
        if (f.suppressed()) {
            String reason = f.suppressedBy().reason();
            m.append("\nIgnored inline: ").append(reason == null || reason.isBlank() ? "no reason given" : Printable.of(reason));
        }
        if (f.lock() != null && f.lock().mode() != null && !"none".equals(f.lock().mode())) {
            m.append("\nLock: ").append(f.lock().mode())
                    .append(f.lock().rewrites() ? ", rewriting the table" : f.lock().scans() ? ", scanning the table" : "")
                    .append("; blocks ").append(f.lock().blocks());
        }
        if (f.help() != null) {
            m.append("\nHelp: ").append(f.help());
        }
        m.append("\nSee: ").append(Docs.ruleUrl(f.ruleId()));
        return m.toString();
    }

    private String path(String displayPath) {
        return ReportPaths.workspacePath(displayPath, options.root(), options.env(), WORKSPACE_VARIABLE);
    }

    static String verdict(RunResult result) {
        return verdict(RunTotals.of(result));
    }

    static String verdict(RunTotals result) {
        long errors = result.errors();
        long warnings = result.warnings();
        String counts = TextReporter.plural(errors, "error") + ", " + TextReporter.plural(warnings, "warning")
                + " in " + TextReporter.plural(result.files(), "file") + " checked";
        return "migralint: " + (result.safe() ? "SAFE TO DEPLOY" : "NOT SAFE TO DEPLOY") + " (" + counts + ")";
    }

    private void appendSummary(Path file, RunResult result) throws IOException {
        String md = new DeploymentSummary(result, options.toolVersion(), options.rules(), this::path).markdown();
        String runbook = options.runbook() == null ? null : options.runbook().apply(result);
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND, StandardOpenOption.WRITE)) {
            w.write(md);
            w.write("\n");
            if (runbook != null) {
                w.write(runbookSection(runbook));
            }
        }
    }

    /** Longest runbook the step summary carries: GitHub refuses a step summary over 1 MiB. */
    static final int MAX_RUNBOOK_CHARS = 512 * 1024;

    /**
     * The runbook of {@code migralint plan} (already escaped by its writer), folded under a details element, its
     * headings moved below the summary's, cut at a line with a note when it is too long for a step summary.
     */
    static String runbookSection(String runbook) {
        String body = runbook.replaceAll("(?m)^(#{1,4}) ", "$1## ");
        if (body.length() > MAX_RUNBOOK_CHARS) {
            int cut = body.lastIndexOf('\n', MAX_RUNBOOK_CHARS);
            body = body.substring(0, Math.max(cut, 0) + 1);
            if (body.lines().filter(l -> l.strip().startsWith("```")).count() % 2 == 1) {
                body += "```\n"; // close the code block the cut is in
            }
            body += "\n…cut here: `migralint plan` prints the whole runbook.\n";
        }
        return "<details><summary>Deployment runbook (migralint plan)</summary>\n\n" + body + "\n</details>\n";
    }
}
